"""Who gets which role where, read from a program run in a form a reviewer can check: the
principal (a group's alias, a managed identity's Pulumi name, or the id given), the role by name
and the scope by its last ARM segments. Role names come from tests/facts.py, so a wrong GUID in
the library's role table shows as an unknown role."""

from __future__ import annotations

from typing import Any

from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import of_type
from tests.facts import ROLE_GUIDS, role_definition_guid
from tests.stack_values import stack_values

RA = "azure-native:authorization:RoleAssignment"
_ROLE_NAMES = {guid: name for name, guid in ROLE_GUIDS.items()}
Grant = tuple[str, str, str]


def scope_key(scope: str) -> str:
    """``stcontoso/raw`` for a blob container, else ``<type>/<name>`` of the scope's resource."""
    parts = scope.strip("/").split("/")
    if len(parts) > 4 and parts[-2] == "containers":
        return f"{parts[-6]}/{parts[-1]}"
    return "/".join(parts[-2:])


def principal_key(run: ProgramRun, inputs: dict[str, Any], deps: tuple[str, ...]) -> str:
    if deps:  # an identity created in the stack: its Pulumi name
        (urn,) = deps
        return "identity:" + urn.rsplit("::", 1)[1]
    aliases = {v: k for k, v in stack_values(run.stack).get("groups", {}).items()}
    principal = inputs["principalId"]
    if inputs.get("principalType") == "Group":
        return "group:" + aliases.get(principal, principal)
    return f"{inputs.get('principalType')}:{principal}"


def grants_of(run: ProgramRun) -> set[Grant]:
    """(principal, role name, scope) of every role assignment; a role tests/facts.py does not
    know shows as its GUID."""
    found: set[Grant] = set()
    for assignment in of_type(run, RA):
        inputs = assignment.inputs
        principal = principal_key(
            run, inputs, assignment.property_dependencies.get("principalId", ())
        )
        guid = role_definition_guid(inputs["roleDefinitionId"])
        found.add((principal, _ROLE_NAMES.get(guid, guid), scope_key(inputs["scope"])))
    return found


def principal_types(run: ProgramRun) -> set[tuple[str, str]]:
    """(principal, principalType) pairs: groups as Group, identities as ServicePrincipal."""
    return {
        (
            principal_key(run, a.inputs, a.property_dependencies.get("principalId", ())),
            a.inputs.get("principalType", "<unset: the SDK's default, User>"),
        )
        for a in of_type(run, RA)
    }
