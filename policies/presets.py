"""The per-environment presets (``config/*.json``) read the way the Pulumi CLI reads a
``--policy-pack-config`` file: each policy starts from its own level and its schema's defaults,
``all`` sets every level, each entry (a level string or ``{"enforcementLevel": ..., <params>}``)
overrides, and the result is validated against the policy's JSON schema (draft 4, as the CLI's
gojsonschema). One stricter check than the CLI: a policy or parameter the pack does not have is
an error, since the CLI would silently run the rule with its defaults.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
from pulumi_policy import EnforcementLevel, Policy

LEVELS = ("advisory", "mandatory", "remediate", "disabled")
_LEVELS = f"{', '.join(LEVELS[:-1])} or {LEVELS[-1]}"
PolicyConfig = dict[str, tuple[str, dict[str, Any]]]
"""Policy name -> (enforcement level, parameters)."""


def _is_integer(_checker: Any, instance: Any) -> bool:
    return (isinstance(instance, int) and not isinstance(instance, bool)) or (
        isinstance(instance, float) and instance.is_integer()
    )


# Draft 4 as the CLI's gojsonschema applies it: 10.0 is an integer there, and every number that
# crosses gRPC (schema defaults included) arrives as a float.
_Validator = jsonschema.validators.extend(
    jsonschema.Draft4Validator,
    type_checker=jsonschema.Draft4Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)


class PolicyConfigError(ValueError):
    """A config file the CLI would reject, or one naming a policy or parameter that is not there."""


@dataclass(frozen=True)
class PolicyInfo:
    """What the CLI learns about a policy from ``GetAnalyzerInfo``."""

    name: str
    level: str
    schema: dict[str, Any]
    required: tuple[str, ...] = ()


def policy_infos(policies: Iterable[Policy], pack_level: EnforcementLevel) -> list[PolicyInfo]:
    """The infos of the pack's own policy objects (levels default to the pack's)."""
    return [
        PolicyInfo(
            p.name,
            (p.enforcement_level or pack_level).value,
            dict(p.config_schema.properties) if p.config_schema else {},
            tuple(p.config_schema.required or ()) if p.config_schema else (),
        )
        for p in policies
    ]


def _parse_entry(key: str, value: Any) -> tuple[str | None, dict[str, Any]]:
    if isinstance(value, str):
        if value not in LEVELS:
            raise PolicyConfigError(f"{key}: {value!r} is not an enforcement level ({_LEVELS})")
        return value, {}
    if not isinstance(value, dict):
        raise PolicyConfigError(f"{key}: {value!r} must be an enforcement level or an object")
    params = dict(value)
    level = params.pop("enforcementLevel", None)
    if level is not None and level not in LEVELS:
        raise PolicyConfigError(f"{key}: {level!r} is not an enforcement level ({_LEVELS})")
    return level, params


@functools.cache
def _validator(policy_schema: str, required: tuple[str, ...]) -> Any:
    """The CLI's view of a policy's schema: an object of its properties plus enforcementLevel."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {
            **json.loads(policy_schema),
            "enforcementLevel": {"type": "string", "enum": list(LEVELS)},
        },
    }
    if required:
        schema["required"] = list(required)
    return _Validator(schema)


def _schema_errors(policy: PolicyInfo, params: Mapping[str, Any]) -> list[str]:
    validator = _validator(json.dumps(policy.schema, sort_keys=True), policy.required)
    errors = []
    for error in validator.iter_errors(dict(params)):
        where = ".".join(str(p) for p in error.absolute_path)
        errors.append(f"{policy.name}: {where + ': ' if where else ''}{error.message}")
    return errors


def reconcile(raw: Mapping[str, Any], policies: Sequence[PolicyInfo]) -> PolicyConfig:
    """The config the CLI hands to ``Configure`` for this file content."""
    known = {p.name: p for p in policies}
    result: PolicyConfig = {
        p.name: (p.level, {k: v["default"] for k, v in p.schema.items() if "default" in v})
        for p in policies
    }
    entries = {key: _parse_entry(key, value) for key, value in raw.items()}
    errors = [f"{key}: no such policy" for key in entries if key != "all" and key not in known]
    all_level = entries.get("all", (None, {}))[0]
    if all_level is not None:
        result = {name: (all_level, params) for name, (_, params) in result.items()}
    for key, (level, params) in entries.items():
        if key not in known:
            continue
        unknown = sorted(set(params) - set(known[key].schema))
        if unknown:
            errors.append(
                f"{key}: unknown parameter(s) {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known[key].schema)) or 'none'}"
            )
        old_level, old_params = result[key]
        result[key] = (level or old_level, {**old_params, **params})
    for policy in policies:
        errors.extend(_schema_errors(policy, result[policy.name][1]))
    if errors:
        raise PolicyConfigError("invalid policy pack config:\n  " + "\n  ".join(errors))
    return result


def load(path: Path, policies: Sequence[PolicyInfo]) -> PolicyConfig:
    """Read and reconcile a config file (an empty file means no config, as for the CLI)."""
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyConfigError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PolicyConfigError(f"{path}: is a directory, not a JSON file") from None
    except UnicodeDecodeError:
        raise PolicyConfigError(f"{path}: not JSON (not UTF-8 text)") from None
    except OSError as error:
        raise PolicyConfigError(f"{path}: cannot read it ({error.strerror})") from None
    try:
        raw = json.loads(content) if content.strip() else {}
    except json.JSONDecodeError as error:
        raise PolicyConfigError(f"{path}: not JSON: {error}") from None
    if not isinstance(raw, dict):
        raise PolicyConfigError(f"{path}: the config must be a JSON object")
    try:
        return reconcile(raw, policies)
    except PolicyConfigError as error:
        raise PolicyConfigError(f"{path}: {error}") from None
