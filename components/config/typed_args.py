"""The component args, generated from the component specs: every key and type is written once.

A component validates its args with a pydantic spec (``HubSpec`` for ``Hub``...); the args a
user fills in (another stack, or another language through the package schema Pulumi infers from
them) are TypedDicts, which this module writes from those specs, so the two cannot differ:

    python -m aml_landing_zone.config.typed_args

rewrites every ``args.py`` (tests/test_typed_args.py fails when one is stale). The TypedDicts
mirror the spec's fields in snake_case, and the spec's rules (allowed values, defaults, cross-key
checks) stay in the spec. A field the spec accepts as a ``pulumi.Output`` (``KeepOutputs``: ids
Azure only consumes) is a ``pulumi.Input``; the rest are plain values, known at preview (what
decides which resources exist or how they are named). A field with a default is
``NotRequired``: absent means the secure default. Each model names its TypedDict and gives its
docstring (``TypedArgs``); the TypedDict goes to the ``args`` module of the model's capability
(``hub/config.py`` -> ``hub/args.py``), the shared sections' (``config/*``) to
``config/shared_args.py``."""

from __future__ import annotations

import datetime
import enum
import inspect
import sys
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, WrapValidator

from .base import TypedArgs, _keep_outputs

PACKAGE = "aml_landing_zone"
SHARED_MODULE = f"{PACKAGE}.config.shared_args"
_PLAIN = {str: "str", int: "int", float: "float", bool: "bool", datetime.date: "str"}


@dataclass
class _Args:
    """One TypedDict to write: its declaration, its module and its keys (name, type, required)."""

    declared: TypedArgs
    module: str
    keys: list[tuple[str, str, bool]] = field(default_factory=list)
    uses: set[str] = field(default_factory=set)  # other TypedDicts and enums it names


class _Collector:
    """Walks the specs and collects every TypedDict they need, each before its users."""

    def __init__(self) -> None:
        self.args: dict[str, _Args] = {}

    def model(self, model: type[BaseModel]) -> str:
        declared = vars(model).get("typed_args")
        if not isinstance(declared, TypedArgs):
            raise TypeError(f"{model.__name__} declares no typed_args (config/base.TypedArgs)")
        if declared.name not in self.args:
            args = _Args(declared, _module_of(model))
            for name, info in model.model_fields.items():
                annotation = _annotated(info.annotation, info.metadata)
                text = self.annotation(annotation, args)
                args.keys.append((name, text, info.is_required() or name in declared.required))
            self.args[declared.name] = args
        return declared.name

    def union(self, declared: TypedArgs, variants: tuple[Any, ...]) -> str:
        """A tagged union as one flat TypedDict: every variant's keys, required where every
        variant requires them (Pulumi schemas have no unions of objects)."""
        if declared.name not in self.args:
            args = _Args(declared, SHARED_MODULE)
            required: dict[str, bool] = {}
            for variant in variants:
                for name, info in variant.model_fields.items():
                    annotation = _annotated(info.annotation, info.metadata)
                    if name not in required:
                        args.keys.append((name, self.annotation(annotation, args), True))
                    required[name] = required.get(name, True) and info.is_required()
            every = [variant.model_fields.keys() for variant in variants]
            args.keys = [
                (name, text, required[name] and all(name in keys for keys in every))
                for name, text, _ in args.keys
            ]
            self.args[declared.name] = args
        return declared.name

    def annotation(self, annotation: Any, args: _Args) -> str:
        """The TypedDict spelling of a field's type (``pulumi.Input`` where outputs are kept)."""
        text, keeps_outputs = self._bare(annotation, args)
        return f"pulumi.Input[{text}]" if keeps_outputs else text

    def _bare(self, annotation: Any, args: _Args) -> tuple[str, bool]:
        origin, params = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            declared = next((m for m in params[1:] if isinstance(m, TypedArgs)), None)
            if declared is not None:
                args.uses.add(self.union(declared, typing.get_args(params[0])))
                return declared.name, False
            text, keeps = self._bare(params[0], args)
            return text, keeps or any(_keeps_outputs(m) for m in params[1:])
        if origin in (typing.Union, types.UnionType):
            (only,) = [p for p in params if p is not type(None)]
            return self._bare(only, args)
        if origin is Literal:
            return self._literal(params, args), False
        if origin is list:
            return f"Sequence[{self.annotation(params[0], args)}]", False
        if origin is dict:
            return f"Mapping[str, {self.annotation(params[1], args)}]", False
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            name = self.model(annotation)
            args.uses.add(name)
            return name, False
        if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            args.uses.add(annotation.__name__)
            return annotation.__name__, False
        return _PLAIN[annotation], False

    def _literal(self, values: tuple[Any, ...], args: _Args) -> str:
        enums = {type(value) for value in values if isinstance(value, enum.Enum)}
        if len(enums) == 1 and all(isinstance(value, enum.Enum) for value in values):
            (kind,) = enums
            args.uses.add(kind.__name__)
            return kind.__name__
        return "str"


def _annotated(annotation: Any, metadata: list[Any]) -> Any:
    """A field's type with the metadata pydantic took off it (``KeepOutputs`` among them)."""
    return typing.Annotated[annotation, *metadata] if metadata else annotation


def _keeps_outputs(metadata: Any) -> bool:
    return isinstance(metadata, WrapValidator) and metadata.func is _keep_outputs


def _module_of(model: type[BaseModel]) -> str:
    """``aml_landing_zone.<capability>.args``, or the shared module for ``config/*`` models."""
    parts = model.__module__.split(".")
    if parts[1] == "config":
        return SHARED_MODULE
    return ".".join([*parts[:-1], "args"])


# ---------------------------------------------------------------------------------------------
# Writing the modules
# ---------------------------------------------------------------------------------------------


def typed_keys(model: type[BaseModel]) -> dict[str, tuple[str, bool]]:
    """The keys of ``model``'s TypedDict: name -> (type as written, required)."""
    collector = _Collector()
    name = collector.model(model)
    return {key: (text, required) for key, text, required in collector.args[name].keys}


def component_specs() -> list[type[BaseModel]]:
    """The spec of every component the package hosts (``component_provider.COMPONENTS``)."""
    from ..component_provider import COMPONENTS

    return [component.SPEC for component in COMPONENTS]  # type: ignore[attr-defined]


def generated_modules() -> dict[str, str]:
    """Module name -> the text of every generated args module."""
    collector = _Collector()
    for spec in component_specs():
        collector.model(spec)
    modules: dict[str, list[_Args]] = {}
    for args in collector.args.values():
        modules.setdefault(args.module, []).append(args)
    homes = {name: args.module for name, args in collector.args.items()}
    return {module: _module_text(module, group, homes) for module, group in modules.items()}


def _module_text(module: str, group: list[_Args], homes: dict[str, str]) -> str:
    uses = {name for args in group for name in args.uses}
    text = "".join(_header(module, group, uses, homes))
    return text + "\n\n".join(_class_text(args) for args in group)


def _header(
    module: str, group: list[_Args], uses: set[str], homes: dict[str, str]
) -> Iterator[str]:
    yield '"""Component args, generated from the specs: do not edit.\n\n'
    yield "``python -m aml_landing_zone.config.typed_args`` writes them from the specs' fields "
    yield 'and\ntheir ``typed_args`` declarations (``config/typed_args.py`` says how)."""\n\n'
    body = "".join(_class_text(args) for args in group)
    typing_names = ["NotRequired", "TypedDict"]
    abc = [name for name in ("Mapping", "Sequence") if f"{name}[" in body]
    if abc:
        yield f"from collections.abc import {', '.join(abc)}\n"
    yield f"from typing import {', '.join(typing_names)}\n\n"
    if "pulumi.Input[" in body:
        yield "import pulumi\n\n"
    local: dict[str, list[str]] = {}
    for name in sorted(uses):
        home = homes.get(name, f"{PACKAGE}.enums")
        if home != module:
            local.setdefault(home, []).append(name)
    for home in sorted(local, key=lambda m: _relative(m, module)):
        yield f"from {_relative(home, module)} import {', '.join(sorted(local[home]))}\n"
    yield "\n\n" if local else "\n"


def _relative(target: str, module: str) -> str:
    package, parts = module.split(".")[:-1], target.split(".")
    common = 0
    while common < min(len(package), len(parts)) and package[common] == parts[common]:
        common += 1
    return "." * (len(package) - common + 1) + ".".join(parts[common:])


def _class_text(args: _Args) -> str:
    doc = inspect.cleandoc(args.declared.doc).replace("\n", "\n    ").replace("\n    \n", "\n\n")
    lines = [f"class {args.declared.name}(TypedDict):", f'    """{doc}"""', ""]
    for name, text, required in args.keys:
        lines.append(f"    {name}: {text if required else f'NotRequired[{text}]'}")
    return "\n".join(lines) + "\n"


def module_path(module: str) -> Path:
    """Where a generated module lives in the source tree."""
    root = Path(__file__).resolve().parents[1]  # components/, the package
    return root.joinpath(*module.split(".")[1:]).with_suffix(".py")


def main() -> int:
    for module, text in sorted(generated_modules().items()):
        path = module_path(module)
        path.write_text(text)
        print(path, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
