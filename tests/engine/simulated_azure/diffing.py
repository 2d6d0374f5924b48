"""Diff and refresh the way azure-native does them.

- Diff compares the old *inputs* with the new inputs (azure-native provider.go Diff: old inputs
  from ``old_inputs``, else the state) and classifies each change with
  provider/pkg/provider/diff.go calculateDetailedDiff: a change under a replace key (path
  parameter or ForceNew property, see arm_ids) is ``*_REPLACE``; a parent key that forces
  replacement makes its nested updates replacements too; array items are compared by index.
  ``location`` compares without case and spaces (diff.go applyAzureSpecificDiff).
- Read (refresh) projects the old and the new outputs to the input shape, diffs the two
  projections and applies that diff to the old inputs, recursively (provider.go Read and
  diff.go applyDiff/applyValueDiff): a field Azure changed on its own lands in the inputs.
"""

from __future__ import annotations

from typing import Any

from pulumi.runtime.proto import provider_pb2

from .values import is_unknown

Kind = provider_pb2.PropertyDiff.Kind
_REPLACING = {Kind.ADD_REPLACE, Kind.DELETE_REPLACE, Kind.UPDATE_REPLACE}


def _same(old: Any, new: Any, key: str = "") -> bool:
    if key == "location" and isinstance(old, str) and isinstance(new, str):
        return old.replace(" ", "").lower() == new.replace(" ", "").lower()
    return old == new and not is_unknown(new)


def detailed_diff(
    olds: dict[str, Any], news: dict[str, Any], replace_keys: frozenset[str]
) -> dict[str, provider_pb2.PropertyDiff.Kind.ValueType]:
    """Path -> PropertyDiff kind for every difference between old and new inputs."""
    return _object(olds, news, "", "", replace_keys)


def _object(
    old: dict[str, Any], new: dict[str, Any], base: str, rbase: str, keys: frozenset[str]
) -> dict[str, provider_pb2.PropertyDiff.Kind.ValueType]:
    out: dict[str, provider_pb2.PropertyDiff.Kind.ValueType] = {}
    for key in sorted(set(old) | set(new)):
        o, n = old.get(key), new.get(key)
        path, rpath = base + key, rbase + key
        if o is None and n is None:
            continue
        if o is None:
            out[path] = Kind.ADD_REPLACE if rpath in keys else Kind.ADD
        elif n is None:
            out[path] = Kind.DELETE_REPLACE if rpath in keys else Kind.DELETE
        elif not _same(o, n, key if not base else ""):
            out.update(_value(o, n, path, rpath, keys))
    return out


def _value(
    o: Any, n: Any, path: str, rpath: str, keys: frozenset[str]
) -> dict[str, provider_pb2.PropertyDiff.Kind.ValueType]:
    if isinstance(o, dict) and isinstance(n, dict):
        sub = _object(o, n, path + ".", rpath + ".", keys)
        if rpath in keys:
            sub = {k: Kind.UPDATE_REPLACE if v == Kind.UPDATE else v for k, v in sub.items()}
        return sub
    if isinstance(o, list) and isinstance(n, list):
        out: dict[str, provider_pb2.PropertyDiff.Kind.ValueType] = {}
        for i in range(max(len(o), len(n))):
            item = f"{path}[{i}]"
            if i >= len(o):
                out[item] = Kind.ADD
            elif i >= len(n):
                out[item] = Kind.DELETE
            elif not _same(o[i], n[i]):
                out.update(_value(o[i], n[i], item, rpath + "[]", keys))
        return out
    return {path: Kind.UPDATE_REPLACE if rpath in keys else Kind.UPDATE}


def top_level(path: str) -> str:
    for i, ch in enumerate(path):
        if ch in ".[":
            return path[:i]
    return path


def summarize(
    detail: dict[str, provider_pb2.PropertyDiff.Kind.ValueType],
) -> tuple[list[str], list[str]]:
    """(changed top-level keys, top-level keys that force a replacement)."""
    changes = sorted({top_level(p) for p in detail})
    replaces = sorted({top_level(p) for p, k in detail.items() if k in _REPLACING})
    return changes, replaces


def diff_response(
    olds: dict[str, Any], news: dict[str, Any], replace_keys: frozenset[str]
) -> provider_pb2.DiffResponse:
    detail = detailed_diff(olds, news, replace_keys)
    if not detail:
        return provider_pb2.DiffResponse(changes=provider_pb2.DiffResponse.DIFF_NONE)
    changes, replaces = summarize(detail)
    return provider_pb2.DiffResponse(
        changes=provider_pb2.DiffResponse.DIFF_SOME,
        replaces=replaces,
        diffs=changes,
        detailedDiff={
            p: provider_pb2.PropertyDiff(kind=k, inputDiff=True) for p, k in detail.items()
        },
        hasDetailedDiff=True,
        # provider.go Diff: deleteBeforeReplace := len(replaces) > 0 (ids keep their name).
        deleteBeforeReplace=bool(replaces),
    )


def apply_diff(values: dict[str, Any], old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """diff.go applyDiff: copy into ``values`` what changed between ``old`` and ``new``."""
    deletes = {k for k in old if k not in new or new[k] is None}
    result = {k: v for k, v in values.items() if k not in deletes}
    for key, value in new.items():
        if value is None:
            continue
        if key not in old:
            result[key] = value
        elif old[key] != value:
            result[key] = _apply_value(values[key], old[key], value) if key in values else value
    return result


def _apply_value(base: Any, old: Any, new: Any) -> Any:
    if isinstance(base, dict) and isinstance(old, dict) and isinstance(new, dict):
        return apply_diff(base, old, new)
    if isinstance(base, list) and isinstance(old, list) and isinstance(new, list):
        return [
            _apply_value(base[i], old[i], el) if i < len(base) and i < len(old) else el
            for i, el in enumerate(new)
        ]
    return new
