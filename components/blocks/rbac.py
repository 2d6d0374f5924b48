"""Role assignments with deterministic names and an explicit principal type.

The assignment's name is a uuid5 of a stable scope key, the principal key and the role, so the
same config always yields the same GUID (no drift, no duplicates on re-run), and setting
``principalType`` avoids PrincipalNotFound errors for freshly created identities."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import authorization

from ..enums import PrincipalType
from ..roles import role_guid

_NAMESPACE = uuid.UUID("6f1c8a52-3c1e-4d55-9a36-2f0a4d1b7e90")


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


def assignment_name(scope_key: str, grant: Grant) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{scope_key}|{grant.key}|{role_guid(grant.role)}"))


def role_definition_id(scope: pulumi.Input[str], role: str) -> pulumi.Output[str]:
    """The subscription-qualified role definition id, taken from the scope's own subscription."""
    guid = role_guid(role)
    return pulumi.Output.from_input(scope).apply(
        lambda s: (
            f"/subscriptions/{s.split('/')[2]}/providers/Microsoft.Authorization/"
            f"roleDefinitions/{guid}"
        )
    )


def assign_roles(
    prefix: str,
    scope: pulumi.Input[str],
    scope_key: str,
    grants: list[Grant],
    parent: pulumi.Resource,
) -> list[authorization.RoleAssignment]:
    """One RoleAssignment per grant on ``scope``; Pulumi names derive from stable keys."""
    assignments = []
    for grant in grants:
        name = assignment_name(scope_key, grant)
        assignments.append(
            authorization.RoleAssignment(
                f"{prefix}-ra-{name[:8]}",
                role_assignment_name=name,
                scope=scope,
                principal_id=grant.principal_id,
                principal_type=grant.principal_type,
                role_definition_id=role_definition_id(scope, grant.role),
                opts=pulumi.ResourceOptions(parent=parent),
            )
        )
    return assignments
