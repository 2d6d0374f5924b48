"""A config that failed validation, as far as it is valid: so the checks across keys still run and
one report lists every problem (a field error no longer hides the cross-key ones behind it).

Each field of each model is validated on its own. A mapping that fails becomes its model with
the fields that did validate; a list or mapping of models keeps each entry the same way; any other
value that fails is :data:`UNKNOWN`, which refuses to be compared, tested, iterated or printed. A
check that reads an unknown value stops with :class:`UnknownValue` and reports nothing
(``known_issues``): it cannot say anything true about a value that is not valid, and the value's
own error is already in the report."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

from pydantic import BaseModel, TypeAdapter, ValidationError

from .base import ConfigIssue


class UnknownValue(Exception):
    """A cross-key check read a value that failed its own validation."""


def _refuse(*_: Any) -> NoReturn:
    raise UnknownValue


class _Unknown:
    """A value that did not validate: any use of it raises :class:`UnknownValue`."""

    __slots__ = ()
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _refuse  # type: ignore[assignment]
    __hash__ = __bool__ = __len__ = __iter__ = __contains__ = _refuse  # type: ignore[assignment]
    __str__ = __format__ = __add__ = __radd__ = __getitem__ = _refuse  # type: ignore[assignment]
    __int__ = __float__ = __index__ = __mul__ = __rmul__ = _refuse  # type: ignore[assignment]

    def __getattr__(self, name: str) -> NoReturn:
        raise UnknownValue

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


def known_issues(check: Callable[[], list[ConfigIssue]]) -> list[ConfigIssue]:
    """The issues ``check`` finds, or none when it reads a value that did not validate (an
    unknown value used as a string or a number raises TypeError or AttributeError first)."""
    try:
        return check()
    except (UnknownValue, TypeError, AttributeError):
        return []


def partial(model: type[BaseModel], raw: Mapping[str, Any]) -> BaseModel:
    """``model`` built from ``raw`` field by field: each field that validates on its own keeps
    its value, the others are partial themselves or :data:`UNKNOWN`; an absent field takes its
    default (UNKNOWN when it has none)."""
    probe = model.model_construct()
    for name, field in model.model_fields.items():
        key = field.alias if field.alias is not None and field.alias in raw else name
        if key not in raw:
            if field.is_required():
                probe.__dict__[name] = UNKNOWN
            continue
        try:
            model.__pydantic_validator__.validate_assignment(probe, name, raw[key])
        except ValidationError:
            probe.__dict__[name] = partial_value(field.annotation, raw[key])
        except (UnknownValue, TypeError, AttributeError):  # a validator read another field
            probe.__dict__[name] = UNKNOWN
    return probe


def partial_value(annotation: Any, value: Any) -> Any:
    """``value`` as the type ``annotation`` as far as it validates (see :func:`partial`)."""
    annotation = unwrap(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if _is_model(annotation) and isinstance(value, Mapping):
        return partial(annotation, value)
    if origin is list and isinstance(value, list):
        return [_entry(args[0], item) for item in value]
    if origin is dict and isinstance(value, Mapping) and len(args) == 2:
        return {key: _entry(args[1], item) for key, item in value.items()}
    return UNKNOWN


def _entry(annotation: Any, value: Any) -> Any:
    """One entry of a list or mapping: a model as far as it validates, else the value validated
    on its own, else UNKNOWN."""
    annotation = unwrap(annotation)
    if _is_model(annotation):
        if not isinstance(value, Mapping):
            return UNKNOWN
        try:
            return annotation.model_validate(value)
        except ValidationError:
            return partial(annotation, value)
    try:
        return TypeAdapter(annotation).validate_python(value)
    except (ValidationError, TypeError, ValueError):
        return UNKNOWN


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def unwrap(annotation: Any) -> Any:
    """``X | None`` and ``Annotated[X, ...]`` as ``X``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return unwrap(args[0])
    return annotation
