"""The base every config model shares: camelCase keys as they appear in the stack file, unknown
keys rejected (a typo must never be silently ignored), values validated on assignment."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pulumi
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidatorFunctionWrapHandler,
    WrapSerializer,
    WrapValidator,
)
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticUndefined

from ..codes import BAD_NAME, CONTRADICTION
from ..naming import RULES

UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
GUID_WORDS = "a GUID like 00000000-0000-0000-0000-000000000000"
KEY_PATTERN = r"^[a-z][a-z0-9-]{1,18}[a-z0-9]$"
KEY_WORDS = (
    "3–20 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen"
)

# What each pattern a config field must match allows, in plain words, keyed by the pattern: the
# error a user sees says these words, never the regular expression. Filled by pattern_field.
PATTERN_WORDS: dict[str, str] = {}


def pattern_field(
    pattern: str, words: str, default: Any = PydanticUndefined, *, description: str
) -> Any:
    """A ``Field`` whose value must match ``pattern``, which ``words`` describes for people: in
    the error message and at the end of the field's description."""
    if PATTERN_WORDS.setdefault(pattern, words) != words:
        raise ValueError(f"{pattern} is described twice: {PATTERN_WORDS[pattern]!r}, {words!r}")
    return Field(default, pattern=pattern, description=f"{description} Format: {words}.")


@dataclass(frozen=True)
class TypedArgs:
    """How a component spec (or a model inside one) is offered as component args: the name and
    docstring of the TypedDict ``config/typed_args.py`` generates from the model's fields (the
    schema other languages see), and the keys the args require though the model defaults them
    (its ``issues()`` then says what is missing, in its own words)."""

    name: str
    doc: str
    required: tuple[str, ...] = ()


def key_field(*, description: str) -> Any:
    """The stable key of a project or data product: it names the workspace's resources, so
    renaming it replaces them (``KEY_PATTERN``)."""
    return pattern_field(KEY_PATTERN, KEY_WORDS, description=description)


def is_object_id(value: str) -> bool:
    """An Entra object id (a GUID), as opposed to a group alias."""
    return re.fullmatch(UUID_PATTERN, value) is not None


def object_id_problem(value: str) -> str | None:
    """Why ``value`` is not an Entra object id, None when it is one."""
    return None if is_object_id(value) else f"'{value}' is not an Entra object id ({GUID_WORDS})"


class StrictModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        coerce_numbers_to_str=True,
        use_enum_values=True,
    )


def _keep_outputs(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    return value if isinstance(value, pulumi.Output) else handler(value)


# For settings a component may receive as a pulumi.Output (another resource's id, a
# StackReference output): a plain value is validated, an Output is taken as it is, because its
# value is unknown until Azure creates it. Put it last in ``Annotated[...]`` so it wraps the checks.
KeepOutputs = WrapValidator(_keep_outputs)


def _dump_outputs(value: Any, handler: SerializerFunctionWrapHandler) -> Any:
    return value if isinstance(value, pulumi.Output) else handler(value)


# Beside ``KeepOutputs`` where a model holding an Output is dumped into component args (a
# regional hub's zones and scope are its primary hub's outputs): the Output is passed on as it
# is, instead of being serialized as text with a warning.
DumpOutputs = WrapSerializer(_dump_outputs)


def is_known(value: Any) -> bool:
    """A plain value (not an Output) that cross-key checks can look at."""
    return not isinstance(value, pulumi.Output)


@dataclass(frozen=True)
class ConfigIssue:
    """A problem found across keys, with the key path it belongs to and its finding code
    (``codes.CODES``; most cross-key checks are contradictions between keys)."""

    path: tuple[str | int, ...]
    message: str
    code: str = CONTRADICTION


def format_path(namespace: str, path: tuple[str | int, ...]) -> str:
    """A key path as ``pulumi config set --path`` spells it: ``<namespace>:hub.dns["a.b"][0]``."""
    text = f"{namespace}:"
    for index, part in enumerate(path):
        if isinstance(part, int):
            text += f"[{part}]"
        elif "." in part or " " in part:
            text += f'["{part}"]'
        else:
            text += part if index == 0 else f".{part}"
    return text


def name_issue(rule_key: str, name: str) -> ConfigIssue | None:
    """The issue of a name written in the stack file that Azure would refuse (``naming.RULES``:
    the rule of its type), None when Azure takes it."""
    rule = RULES[rule_key]
    problem = rule.problem(name)
    if problem is None:
        return None
    return ConfigIssue((name,), f"the {rule.what} name '{name}' {problem}", BAD_NAME)


def under(prefix: tuple[str | int, ...], issues: Iterable[ConfigIssue]) -> list[ConfigIssue]:
    """Issues of a nested model, re-rooted at the key path the model sits under."""
    return [ConfigIssue((*prefix, *issue.path), issue.message, issue.code) for issue in issues]


class Problems(ValueError):
    """Every problem one validator found in a mapping or list, each at its key path below the
    validated key, so the loader reports each entry on its own line instead of the first one."""

    def __init__(self, issues: Iterable[ConfigIssue]) -> None:
        self.issues = list(issues)
        super().__init__(
            "; ".join(
                ".".join(str(part) for part in issue.path) + f": {issue.message}"
                if issue.path
                else issue.message
                for issue in self.issues
            )
        )


def report(issues: list[ConfigIssue]) -> None:
    """Raise :class:`Problems` when a validator found any."""
    if issues:
        raise Problems(issues)
