"""Property values as the engine sends them (google.protobuf.Struct) and plain-Python helpers.

The engine encodes an unknown (a value not known during preview) as this fixed string; no rule may
be enforced on it (pulumi/pulumi sdk/go/common/resource/plugin/rpc.go, UnknownStringValue).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

from google.protobuf import json_format, struct_pb2

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"


def to_dict(struct: struct_pb2.Struct | None) -> dict[str, Any]:
    """A Struct as plain Python; integral floats become ints (Struct numbers are doubles)."""
    if struct is None:
        return {}
    return _ints(json_format.MessageToDict(struct))


def to_struct(value: Mapping[str, Any] | None) -> struct_pb2.Struct:
    result = struct_pb2.Struct()
    if value:
        result.update(dict(value))
    return result


def _ints(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _ints(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_ints(v) for v in value]
    return value


def is_unknown(value: Any) -> bool:
    return value == UNKNOWN


def has_unknown(value: Any) -> bool:
    if is_unknown(value):
        return True
    if isinstance(value, dict):
        return any(has_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(has_unknown(v) for v in value)
    return False


def known_text(value: Any) -> str | None:
    """A usable string, or None when absent, unknown or not a string."""
    if isinstance(value, str) and value and not is_unknown(value):
        return value
    return None


def values_at(data: Any, path: str) -> Iterator[Any]:
    """Every value at a dotted path; ``[]`` walks a list, ``*`` every value of a map.

    ``values_at(x, "privateLinkServiceConnections[].privateLinkServiceId")``.
    """
    current: list[Any] = [data]
    for part in path.split("."):
        nxt: list[Any] = []
        key, each = (part[:-2], True) if part.endswith("[]") else (part, False)
        for item in current:
            if not isinstance(item, dict):
                continue
            found = [v for v in item.values()] if key == "*" else [item.get(key)]
            for value in found:
                if each and isinstance(value, list):
                    nxt.extend(value)
                elif each and isinstance(value, dict):
                    nxt.extend(value.keys())
                elif value is not None and not each:
                    nxt.append(value)
        current = nxt
    yield from current


def get_path(data: Any, path: str) -> Any:
    """The value at a plain dotted path (no wildcards), or None."""
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def deep_copy(value: Any) -> Any:
    return copy.deepcopy(value)
