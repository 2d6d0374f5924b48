"""The component args are typed once: each TypedDict is generated from the pydantic spec that
validates it (``config/typed_args.py``), so a key or a type cannot differ between the two. A
spec changed without regenerating fails here, as a README table does."""

from __future__ import annotations

import typing
from typing import ClassVar

from aml_landing_zone.component_provider import COMPONENTS
from aml_landing_zone.config.base import TypedArgs
from aml_landing_zone.config.typed_args import (
    component_specs,
    generated_modules,
    module_path,
    typed_keys,
)
from aml_landing_zone.hub.config import ServerlessComputeSettings

REGENERATE = "uv run python -m aml_landing_zone.config.typed_args"


def test_every_args_module_is_what_the_specs_generate() -> None:
    stale = [
        str(module_path(module))
        for module, text in generated_modules().items()
        if module_path(module).read_text() != text
    ]
    assert not stale, f"stale generated args {stale}: regenerate with `{REGENERATE}`"


def test_each_component_takes_the_typeddict_of_its_spec() -> None:
    """The args a component's __init__ declares are its spec's TypedDict, key for key."""
    for component, spec in zip(COMPONENTS, component_specs(), strict=True):
        args = typing.get_type_hints(component.__init__)["args"]
        assert args.__name__ == vars(spec)["typed_args"].name
        assert set(args.__annotations__) == set(spec.model_fields)
        assert set(args.__required_keys__) == {
            key for key, (_, required) in typed_keys(spec).items() if required
        }


def test_a_field_added_to_a_spec_becomes_a_key_of_its_args() -> None:
    """Proof that the generation follows the spec: a new field (with a default) is a new
    optional key of the model's TypedDict, with its type; an Output-keeping field an Input."""

    class Extended(ServerlessComputeSettings):
        typed_args: ClassVar[TypedArgs] = TypedArgs("ExtendedArgs", "A spec with one more key.")
        retries: int = 3

    keys = typed_keys(Extended)
    assert keys["retries"] == ("int", False)
    assert keys["subnet_id"] == ("pulumi.Input[str]", True)
    assert keys["no_public_ip"] == ("bool", False)
