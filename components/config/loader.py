"""Reads the project namespace of the stack's Pulumi config and validates it as a whole.

Every problem is reported at once, each with its key path as ``pulumi config set --path`` spells
it, under the name of the stack file. Nothing here registers a resource, so a bad config stops the
program before Azure is touched."""

from __future__ import annotations

import difflib
import json
import typing
from collections.abc import Mapping
from typing import Any

import pulumi
import pulumi.runtime
from pulumi.runtime.config import CONFIG as _RUNTIME_CONFIG
from pydantic import ValidationError

from ..errors import ConfigError
from ..naming import Naming
from .landing_zone import ConfigIssue, LandingZoneConfig
from .managed_network import RULE_TYPES


class DuplicateKeyError(ValueError):
    """A mapping names the same key twice; JSON and PyYAML would silently keep the last one."""


def read_namespace(namespace: str) -> dict[str, Any]:
    """All config values under ``<namespace>:``, structured values decoded from JSON."""
    merged: dict[str, Any] = {**pulumi.runtime.get_config_env(), **_RUNTIME_CONFIG.get()}
    values: dict[str, Any] = {}
    prefix = f"{namespace}:"
    for key in sorted(merged):
        if key.startswith(prefix):
            try:
                values[key[len(prefix) :]] = _decode(merged[key])
            except DuplicateKeyError as error:
                raise ConfigError(f"{key}: {error}") from None
    return values


def _decode(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value, object_pairs_hook=_unique_keys)
        except json.JSONDecodeError:
            return value
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKeyError(f"key '{key}' is given twice; keep one")
        result[key] = value
    return result


def load_stack_config() -> LandingZoneConfig:
    """The validated config of the running stack."""
    project, stack = pulumi.get_project(), pulumi.get_stack()
    return parse_stack_config(read_namespace(project), namespace=project, stack=stack)


def parse_stack_config(values: Mapping[str, Any], namespace: str, stack: str) -> LandingZoneConfig:
    """Validate ``values`` (keys without namespace) or raise one ConfigError listing every issue."""
    try:
        config = LandingZoneConfig.model_validate(dict(values))
    except ValidationError as error:
        issues = [_issue_from_pydantic(e) for e in error.errors()]
        raise ConfigError(_message(stack, namespace, issues)) from None
    issues = config.cross_key_issues() + _name_issues(config)
    if issues:
        raise ConfigError(_message(stack, namespace, issues))
    return config


# Keys that moved, so an existing stack file gets told where its value goes now.
_MOVED_KEYS: dict[tuple[str, ...], str] = {
    ("hub", "isolationMode"): "hub.managedNetwork.isolationMode",
}


def _issue_from_pydantic(error: Mapping[str, Any], root: Any = LandingZoneConfig) -> ConfigIssue:
    path, rule_model = _without_rule_tag(tuple(error["loc"]))
    kind = error["type"]
    if kind == "extra_forbidden" and path in _MOVED_KEYS:
        return ConfigIssue(path, f"this key moved: set {_MOVED_KEYS[path]} instead")
    if kind == "extra_forbidden":
        siblings = _model_keys(rule_model) if rule_model else _known_keys(path[:-1], root)
        hint = difflib.get_close_matches(str(path[-1]), siblings, n=1)
        suggestion = (
            f"; did you mean '{hint[0]}'?" if hint else f"; known keys: {', '.join(siblings)}"
        )
        return ConfigIssue(path, f"unknown key{suggestion}")
    if kind == "missing":
        return ConfigIssue(path, "required key is missing")
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return ConfigIssue(path, f"must be one of {expected} (got {error.get('input')!r})")
    if kind == "union_tag_invalid":
        tag, key = error["ctx"]["tag"], error["ctx"]["discriminator"].strip("'")
        quoted = [f"'{t}'" for t in RULE_TYPES]
        allowed = f"{', '.join(quoted[:-1])} or {quoted[-1]}"
        return ConfigIssue(path, f"{key} must be one of {allowed} (got '{tag}')")
    message = str(error["msg"]).removeprefix("Value error, ")
    if "input" in error and kind not in ("value_error", "assertion_error"):
        message += f" (got {error['input']!r})"
    return ConfigIssue(path, message)


def _without_rule_tag(path: tuple[Any, ...]) -> tuple[tuple[Any, ...], Any]:
    """pydantic puts a tagged union's tag into the key path (``outboundRules.pypi.FQDN.x``); the
    user never wrote it, so drop it and return the tagged model instead."""
    for index in range(2, len(path)):
        if path[index - 2] == "outboundRules" and path[index] in RULE_TYPES:
            return (*path[:index], *path[index + 1 :]), RULE_TYPES[path[index]]
    return path, None


def _model_keys(model: Any) -> list[str]:
    return sorted(f.alias or name for name, f in model.model_fields.items())


def _known_keys(path: tuple[Any, ...], root: Any = LandingZoneConfig) -> list[str]:
    """The camelCase keys allowed at ``path`` in the model."""
    model: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        field = _field_by_alias(model, str(part))
        if field is None:
            return []
        annotation = field.annotation
        args = getattr(annotation, "__args__", None)
        model = args[0] if args else annotation
    if typing.get_origin(model) is typing.Annotated:
        model = typing.get_args(model)[0]
    if not hasattr(model, "model_fields"):
        return []
    return _model_keys(model)


def _field_by_alias(model: Any, alias: str) -> Any:
    for name, field in getattr(model, "model_fields", {}).items():
        if alias in (name, field.alias):
            return field
    return None


def _name_issues(config: LandingZoneConfig) -> list[ConfigIssue]:
    """Build every name now, so a name that cannot fit fails before any resource exists."""
    naming = Naming(config.organization, config.workload, config.environment, config.location)
    issues: list[ConfigIssue] = []
    for build in (
        naming.hub,
        naming.storage,
        naming.key_vault,
        naming.registry,
        naming.log_analytics,
    ):
        try:
            build()
        except ConfigError as error:
            issues.append(ConfigIssue(("organization",), str(error)))
    for index, project in enumerate(config.projects):
        try:
            naming.project(project.name)
        except ConfigError as error:
            issues.append(ConfigIssue(("projects", index, "name"), str(error)))
    return issues


def format_path(namespace: str, path: tuple[str | int, ...]) -> str:
    text = f"{namespace}:"
    for index, part in enumerate(path):
        if isinstance(part, int):
            text += f"[{part}]"
        elif "." in part or " " in part:
            text += f'["{part}"]'
        else:
            text += part if index == 0 else f".{part}"
    return text


def _message(stack: str, namespace: str, issues: list[ConfigIssue]) -> str:
    lines = [f"Pulumi.{stack}.yaml: invalid configuration ({len(issues)} problem(s)):"]
    lines += [f"  {format_path(namespace, i.path)}: {i.message}" for i in issues]
    return "\n".join(lines)
