"""Role assignments with deterministic names and an explicit principal type.

The assignment's name is a uuid5 of a stable scope key, the principal key and the role, so the
same config always yields the same GUID (no drift, no duplicates on re-run), and setting
``principalType`` avoids PrincipalNotFound errors for freshly created identities."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import authorization

from ..enums import PrincipalType
from ..roles import role_guid

_NAMESPACE = uuid.UUID("6f1c8a52-3c1e-4d55-9a36-2f0a4d1b7e90")
_SUBSCRIPTION_SCOPE = re.compile(r"^/subscriptions/([^/]+)(?:/|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Grant:
    """Who gets which role; ``principal_key`` is a stable stand-in when the id is an Output."""

    principal_id: pulumi.Input[str]
    role: str
    principal_type: PrincipalType = PrincipalType.GROUP
    principal_key: str | None = None

    @property
    def key(self) -> str:
        if self.principal_key is not None:
            return self.principal_key
        if isinstance(self.principal_id, str):
            return self.principal_id
        raise ValueError("Grant needs principal_key when principal_id is not a plain string")


def unique_grants(grants: list[Grant]) -> list[Grant]:
    """One grant per principal and role (one group may hold two team roles): ARM refuses a
    second identical assignment."""
    seen: dict[str, Grant] = {}
    for grant in grants:
        seen.setdefault(f"{grant.key}|{grant.role}", grant)
    return list(seen.values())


def assignment_name(scope_key: str, grant: Grant) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{scope_key}|{grant.key}|{role_guid(grant.role)}"))


def role_definition_id(scope: pulumi.Input[str], role: str) -> pulumi.Output[str]:
    """The role definition id in the form ARM reports back for an assignment on ``scope``.

    ARM returns ``/subscriptions/<scope's subscription>/providers/Microsoft.Authorization/
    roleDefinitions/<guid>``, so that is what is sent: the same value on every run, and no diff
    after a refresh. A scope outside any subscription, or one that is no ARM id at all (a unit
    test's mock id), gets the tenant-level id ``/providers/Microsoft.Authorization/
    roleDefinitions/<guid>``, which is the built-in roles' own id and which ARM accepts too."""
    guid = role_guid(role)

    def qualified(scope_id: str) -> str:
        match = _SUBSCRIPTION_SCOPE.match(scope_id)
        prefix = f"/subscriptions/{match.group(1)}" if match else ""
        return f"{prefix}/providers/Microsoft.Authorization/roleDefinitions/{guid}"

    return pulumi.Output.from_input(scope).apply(qualified)


def resource_name_of(prefix: str, scope_key: str, grant: Grant) -> str:
    """The Pulumi name ``assign_roles`` gives ``grant`` under ``prefix``."""
    return f"{prefix}-ra-{assignment_name(scope_key, grant)[:8]}"


def assign_roles(
    prefix: str,
    scope: pulumi.Input[str],
    scope_key: str,
    grants: list[Grant],
    *,
    parent: pulumi.Resource,
    former_names: Sequence[str] = (),
) -> list[authorization.RoleAssignment]:
    """One RoleAssignment per grant on ``scope``; Pulumi names derive from stable keys.
    ``former_names`` are Pulumi names (same parent) the assignment may have had before, kept as
    aliases so moving it between owners never replaces it."""
    aliases = [pulumi.Alias(name=former) for former in former_names]
    assignments = []
    for grant in grants:
        name = assignment_name(scope_key, grant)
        assignments.append(
            authorization.RoleAssignment(
                resource_name_of(prefix, scope_key, grant),
                role_assignment_name=name,
                scope=scope,
                principal_id=grant.principal_id,
                principal_type=grant.principal_type,
                role_definition_id=role_definition_id(scope, grant.role),
                opts=pulumi.ResourceOptions(parent=parent, aliases=aliases or None),
            )
        )
    return assignments


def wait_for_propagation(
    prefix: str,
    grants: list[authorization.RoleAssignment],
    duration: str,
    parent: pulumi.Resource,
    *,
    triggers: dict[str, pulumi.Input[str]] | None = None,
) -> list[pulumi.Resource]:
    """What a consumer of ``grants`` should depend on: a pause after them, because a new role
    assignment can take up to 10 minutes to take effect and the consumer (a workspace checking
    its identity's access at creation) otherwise fails intermittently. Only created where grants
    precede a consumer; ``duration`` "0s" waits for the grants alone.
    https://learn.microsoft.com/azure/role-based-access-control/troubleshooting#symptom---role-assignment-changes-are-not-being-detected
    """
    if not grants or duration in ("0s", "0m"):
        return list(grants)
    from pulumiverse_time import Sleep  # the `time` provider: a plugin the CLI installs

    return [
        Sleep(
            f"{prefix}-rbac-wait",
            create_duration=duration,
            triggers=triggers,
            opts=pulumi.ResourceOptions(parent=parent, depends_on=grants),
        )
    ]
