"""Config values a stack marks secret stay Pulumi secrets in every resource input they feed.

`pulumi config set --secret` (a webhook URL carrying a PagerDuty routing key or a Teams token,
anything a user marks secret) stores the value encrypted; the program then reads it decrypted,
and only knows which top-level keys hold secrets (``pulumi.runtime.is_config_secret``, the
engine's ``PULUMI_CONFIG_SECRET_KEYS``: pulumi/pulumi#6896). Without more, the value would reach
the resource inputs as plain text: stored unencrypted in the state and shown by every preview
(https://www.pulumi.com/docs/iac/concepts/secrets/).

So the leaves that are secret are read from the stack file (each ``secure:`` value under such a
key; the whole key's text values when the file says nothing, as with config set elsewhere), and
a stack transformation wraps every resource input that carries one of those values in
``Output.secret``. Inputs computed inside an ``apply`` from a secret value are the one thing it
does not see; no component does that with config values."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pulumi
import pulumi.runtime
import yaml
from pulumi import _types

# What offline-preview passes the program for a ``secure:`` value it cannot decrypt
# (offline/program.py). A check that cannot see the value accepts it as given.
UNDECRYPTED = "[secret]"
# A secret shorter than this is only matched whole: a shorter one could be part of any name.
MIN_EMBEDDED = 8

Path_ = tuple[str | int, ...]


def secret_keys(namespace: str, keys: list[str]) -> list[str]:
    """The keys (without namespace) the engine says hold secrets."""
    listed = set(pulumi.runtime.get_config_secret_keys_env())
    return [
        key
        for key in keys
        if pulumi.runtime.is_config_secret(f"{namespace}:{key}") or f"{namespace}:{key}" in listed
    ]


def secure_paths(value: Any, path: Path_ = ()) -> Iterator[Path_]:
    """The paths of ``secure:`` leaves in a stack file's value."""
    if isinstance(value, Mapping) and set(value) == {"secure"}:
        yield path
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from secure_paths(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from secure_paths(item, (*path, index))


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _at(value: Any, path: Path_) -> Any:
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def secret_values(namespace: str, values: Mapping[str, Any], stack_file: Path) -> frozenset[str]:
    """The decrypted text of every secret leaf of the stack's namespace."""
    keys = secret_keys(namespace, list(values))
    if not keys:
        return frozenset()
    try:
        written = (yaml.safe_load(stack_file.read_text()) or {}).get("config") or {}
    except (OSError, yaml.YAMLError, AttributeError):
        written = {}
    found: set[str] = set()
    for key in keys:
        paths = list(secure_paths(written.get(f"{namespace}:{key}")))
        leaves = [_at(values[key], path) for path in paths] if paths else [values[key]]
        found.update(text for leaf in leaves for text in _texts(leaf))
    return frozenset(text for text in found if text)


def keep_secret(secrets: frozenset[str]) -> Callable[[pulumi.ResourceTransformationArgs], Any]:
    """A stack transformation: every input that carries a secret value becomes a secret."""

    def carries(text: str) -> bool:
        return text in secrets or any(s in text for s in secrets if len(s) >= MIN_EMBEDDED)

    def wrap(value: Any) -> Any:
        if isinstance(value, str):
            return pulumi.Output.secret(value) if carries(value) else value
        if isinstance(value, dict):
            return {key: wrap(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(wrap(item) for item in value)
        if value is not None and _types.is_input_type(type(value)):
            copied = copy.copy(value)
            copied.__dict__.update({k: wrap(v) for k, v in vars(value).items()})
            return copied
        return value

    def transformation(args: pulumi.ResourceTransformationArgs) -> Any:
        if not isinstance(args.props, dict):
            return None
        return pulumi.ResourceTransformationResult(wrap(args.props), args.opts)

    return transformation


def masked(text: str, secrets: frozenset[str]) -> str:
    """``text`` (an error message) with every secret value replaced by the placeholder."""
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, UNDECRYPTED)
    return text
