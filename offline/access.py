"""Who gets which role where: each role assignment's principal named as the stack knows it.

A principal id a stack file sets (a group of ``groups``, an object id under ``hub.encryption``)
is named by its key path there, the namespace left out (``groups.dataScientists``); the
principal of an identity the program creates (a user-assigned identity, a workspace's own) by
that resource (``identity of hub-id``), found through the input's dependency; any other id as it
is. Read from the recorded registrations and the stack config only."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.plan import SECRET_TEXT, UNKNOWN_TEXT, render_value
from aml_landing_zone.offline.settings import DISPLAY
from aml_landing_zone.resource_types import ROLE_ASSIGNMENT

_OPAQUE = (UNKNOWN_TEXT, SECRET_TEXT)


def _paths(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every leaf of a config value with its key path (``a.b[0].c``)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _paths(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, f"{path}[{index}]")
    else:
        yield path, value


def _config_names(stack_config: Mapping[str, Any]) -> dict[str, list[str]]:
    """Lower-cased string value -> the key paths (namespace left out) that set it."""
    names: dict[str, list[str]] = {}
    for key, value in sorted(stack_config.items()):
        for path, leaf in _paths(value, key.split(":", 1)[-1]):
            if isinstance(leaf, str) and leaf:
                names.setdefault(leaf.lower(), []).append(path)
    return names


def principal_names(run: ProgramRun) -> dict[str, str]:
    """Principal id -> how the reports name it, for every role assignment of ``run``."""
    by_urn = {resource.urn: resource for resource in run.resources}
    in_config = _config_names(run.stack_config)
    names: dict[str, str] = {}
    for resource in run.resources:
        if resource.type != ROLE_ASSIGNMENT:
            continue
        principal = render_value(resource.inputs.get("principalId"))
        if not isinstance(principal, str) or principal in names or principal in _OPAQUE:
            continue  # an id known only at deployment names no one in particular
        sources = [
            by_urn[urn].name
            for urn in resource.property_dependencies.get("principalId", ())
            if urn in by_urn
        ]
        if sources:
            names[principal] = " or ".join(f"identity of {name}" for name in sorted(sources))
        elif principal.lower() in in_config:
            names[principal] = " or ".join(in_config[principal.lower()])
    return names


@dataclass(frozen=True, order=True)
class Access:
    """One role assignment as a reviewer reads it."""

    principal: str
    principal_type: str
    role: str
    scope: str


def access_rows(run: ProgramRun) -> list[Access]:
    """Every role assignment of ``run`` as (principal, type, role, scope), sorted."""
    names = principal_names(run)
    rows = []
    for resource in run.resources:
        if resource.type != ROLE_ASSIGNMENT:
            continue
        inputs = render_value(resource.inputs)
        principal = str(inputs.get("principalId", "?"))
        rows.append(
            Access(
                names.get(principal, principal),
                str(inputs.get("principalType", "?")),
                str(DISPLAY["role"](inputs.get("roleDefinitionId", "?"))),
                str(DISPLAY["arm_path"](inputs.get("scope", "?"))),
            )
        )
    return sorted(rows)
