"""The config reference, generated from the models themselves so the README cannot drift.

``python -m aml_landing_zone.config.docs`` prints the Markdown table the README carries."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .landing_zone import LandingZoneConfig


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _type_name(annotation: Any) -> str:
    annotation = _strip_optional(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return " \\| ".join(f"`{member.value}`" for member in annotation)
    if origin in (list, tuple):
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"map of {_type_name(args[1])}"
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        if all(_is_model(a) for a in args):
            return "object"
        return " or ".join(_type_name(a) for a in args)
    if _is_model(annotation):
        return "object"
    return getattr(annotation, "__name__", str(annotation))


def _default(field: Any) -> str:
    if field.is_required():
        return "**required**"
    if field.default_factory is not None:
        value = field.default_factory()
        return "" if _is_model(type(value)) else f"`{value!r}`"
    if field.default is PydanticUndefined or field.default is None:
        return ""
    if isinstance(field.default, Enum):
        return f"`{field.default.value}`"
    return (
        f"`{field.default!r}`".replace("'", "")
        if isinstance(field.default, str)
        else (f"`{field.default!r}`")
    )


def _rows(
    model: type[BaseModel], prefix: str, note: str = ""
) -> Iterator[tuple[str, str, str, str]]:
    for name, field in model.model_fields.items():
        key = f"{prefix}{field.alias or name}"
        annotation = _strip_optional(field.annotation)
        description = note + (field.description or "").replace("\n", " ").replace("|", "\\|")
        yield key, _type_name(field.annotation), _default(field), description
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if _is_model(annotation):
            yield from _rows(annotation, f"{key}.")
        elif origin is list and args and _is_model(args[0]):
            yield from _rows(args[0], f"{key}[].")
        elif origin is dict and args and _is_model(_strip_optional(args[1])):
            yield from _rows(_strip_optional(args[1]), f"{key}.<name>.")
        elif (
            origin is dict
            and args
            and typing.get_origin(args[1])
            in (
                typing.Union,
                types.UnionType,
                typing.Annotated,
            )
        ):
            variants = typing.get_args(args[1])
            if typing.get_origin(args[1]) is typing.Annotated:
                variants = typing.get_args(variants[0])
            for variant in variants:
                if _is_model(variant):
                    kind = typing.get_args(variant.model_fields["type"].annotation)
                    label = f"*{kind[0]} rule:* " if kind else ""
                    yield from _rows(variant, f"{key}.<name>.", label)


def config_reference_markdown(namespace: str = "aml-landing-zone") -> str:
    lines = [
        f"Every key lives in the `{namespace}` namespace of `Pulumi.<stack>.yaml` "
        f"(`{namespace}:<key>`); nested keys as `pulumi config set --path`. Unknown keys are "
        "errors.",
        "",
        "| key | type | default | description |",
        "|---|---|---|---|",
    ]
    for key, kind, default, description in _rows(LandingZoneConfig, ""):
        lines.append(f"| `{key}` | {kind} | {default} | {description} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(config_reference_markdown(), end="")
