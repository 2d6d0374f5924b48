"""The organisation's definition, written once in ``landing-zone.yaml`` and read by every stack.

Pulumi's project-level config (``config:`` in ``Pulumi.yaml``) cannot hold it: plain values there
must be primitives (a mapping needs the ``value:`` wrapper and cannot be typed,
https://github.com/pulumi/pulumi/issues/16056, https://github.com/pulumi/pulumi/issues/11321),
and a stack's value replaces the project's whole instead of being merged into it. So the program
reads ``landing-zone.yaml`` beside ``Pulumi.yaml`` (the project directory, where ``pulumi up``
runs the program) and merges each stack's own keys over it:

- mappings are merged key by key, at every depth;
- anything else (a value, a list) in the stack file replaces the shared one whole;
- a ``null`` in the stack file removes the shared key, so its default applies.

Keys in ``landing-zone.yaml`` are the project namespace's keys without the ``aml-landing-zone:``
prefix. Every config error names the file its key came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

SHARED_FILE = "landing-zone.yaml"

Path_ = tuple[str | int, ...]


class _UniqueKeys(yaml.SafeLoader):
    """Refuses a key given twice (PyYAML would silently keep the last one)."""


def _unique_mapping(loader: _UniqueKeys, node: yaml.MappingNode) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
        if key in seen:
            line = key_node.start_mark.line + 1
            raise ConfigError(f"{SHARED_FILE}: line {line}: key '{key}' is given twice; keep one")
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_UniqueKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def read_shared(project_dir: Path) -> dict[str, Any]:
    """The shared definition's keys, or ``{}`` when the project has no ``landing-zone.yaml``."""
    path = project_dir / SHARED_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ConfigError(f"{SHARED_FILE}: cannot read: {error.strerror or error}") from None
    try:
        values = yaml.load(text, Loader=_UniqueKeys)
    except yaml.YAMLError as error:
        raise ConfigError(f"{SHARED_FILE}: invalid YAML: {error}") from None
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise ConfigError(f"{SHARED_FILE}: must be a mapping of key: value")
    stray = sorted(str(key) for key in values if ":" in str(key))
    if stray:
        raise ConfigError(
            f"{SHARED_FILE}: {', '.join(stray)}: write keys without a namespace; provider "
            "settings (azure-native:...) belong in each Pulumi.<stack>.yaml"
        )
    return {str(key): value for key, value in values.items()}


def deep_merge(shared: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """``own`` over ``shared``: mappings merged, other values replaced, ``None`` removes."""
    merged: dict[str, Any] = dict(shared)
    for key, value in own.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@dataclass(frozen=True)
class Sources:
    """Which file each key of a merged config came from: the stack file's own keys win."""

    stack_file: str
    own: Mapping[str, Any]
    shared: Mapping[str, Any] = field(default_factory=dict)
    # The other stack files' own keys, when known: a key neither file sets (a required key
    # removed) belongs in the stack file when every other stack sets it in its own (a per-stack
    # key such as environment), else in the shared definition (what the stacks have in common).
    siblings: tuple[Mapping[str, Any], ...] | None = None

    def file_of(self, path: Path_) -> str:
        """The stack file when it sets ``path`` (or replaces a value above it), else
        ``landing-zone.yaml`` when that sets it; a key neither sets belongs to the nearest
        mapping that one file alone holds; when both or neither hold it, to the file the
        other stacks keep it in (``siblings``; the stack file when they are not known)."""
        if not self.shared:
            return self.stack_file
        own, shared = _walk(self.own, path), _walk(self.shared, path)
        if own.found or own.replaced:
            return self.stack_file
        if shared.found or shared.replaced:
            return SHARED_FILE
        if shared.depth != own.depth:
            return SHARED_FILE if shared.depth > own.depth else self.stack_file
        if not self.siblings or all(_walk(s, path).found for s in self.siblings):
            return self.stack_file
        return SHARED_FILE


@dataclass(frozen=True)
class _Walk:
    found: bool  # the whole path exists
    replaced: bool  # a non-mapping value sits on the way (a list, a scalar): it holds the key
    depth: int  # how many parts of the path exist


def _walk(values: Any, path: Path_) -> _Walk:
    node = values
    for depth, part in enumerate(path):
        if isinstance(node, Mapping):
            if part not in node:
                return _Walk(False, False, depth)
            node = node[part]
        else:
            return _Walk(False, depth > 0, depth)
    return _Walk(True, False, len(path))


def effective_stack_config(
    namespace: str, project_dir: Path, config: Mapping[str, Any]
) -> dict[str, Any]:
    """A stack file's whole ``config:`` mapping with the shared definition merged under
    ``<namespace>:``, as the program sees it (for the offline plan and tests)."""
    shared = read_shared(project_dir)
    if not shared:
        return dict(config)
    prefix = f"{namespace}:"
    own: dict[str, Any] = {}
    others: dict[str, Any] = {}
    for key, value in config.items():
        text = str(key)
        if text.startswith(prefix) or ":" not in text:  # no namespace: the project's (CLI rule)
            own[text.removeprefix(prefix)] = value
        else:
            others[text] = value
    merged = deep_merge(shared, own)
    return {**others, **{f"{prefix}{key}": value for key, value in merged.items()}}


def sibling_keys(project_dir: Path, namespace: str, stack: str) -> tuple[dict[str, Any], ...]:
    """The project-namespace keys each other ``Pulumi.<stack>.yaml`` beside ``stack``'s sets
    itself (without the prefix); a file that cannot be read counts as setting nothing."""
    found: list[dict[str, Any]] = []
    prefix = f"{namespace}:"
    for path in sorted(project_dir.glob("Pulumi.*.yaml")):
        if path.name == f"Pulumi.{stack}.yaml":
            continue
        try:
            config = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("config")
        except (OSError, yaml.YAMLError, AttributeError):
            continue
        if isinstance(config, Mapping):
            found.append(
                {
                    str(k).removeprefix(prefix): v
                    for k, v in config.items()
                    if ":" not in str(k).removeprefix(prefix)
                }
            )
    return tuple(found)
