"""User-assigned identities and the roles Azure documents for them.

A workspace's user-assigned identity must hold its roles BEFORE the workspace is created (the
service checks access to its associated resources at creation), so the caller passes the
assignments returned here to the workspace's ``depends_on``. The one exception is the role on the
workspace itself, which can only follow it.

Roles: Azure ML "Set up authentication between Azure Machine Learning and other services",
section "User-assigned managed identity > Workspace" (key vault with the RBAC permission model),
plus "Azure AI Enterprise Network Connection Approver" on private-endpoint outbound-rule targets
("Workspace managed virtual network isolation": required for a UAI workspace)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import authorization, managedidentity

from ..enums import PrincipalType
from .interfaces import protection_lock
from .locks import resource_lock
from .rbac import Grant, assign_roles

# The role a workspace identity needs on each private-endpoint outbound rule's target, to
# approve the managed network's endpoint there ("Private endpoint approval").
APPROVER_ROLE = "Azure AI Enterprise Network Connection Approver"
# Associated resource -> the roles the workspace's user-assigned identity needs on it.
WORKSPACE_IDENTITY_ROLES: dict[str, tuple[str, ...]] = {
    "workspace": ("Contributor",),
    "storage": ("Contributor", "Storage Blob Data Contributor"),
    "key_vault": ("Contributor", "Key Vault Administrator"),
    "registry": ("Contributor",),
    "app_insights": ("Contributor",),
    # An AKS cluster attached as a Kubernetes compute, before the attach: "Attach a Kubernetes
    # cluster to Azure Machine Learning workspace", user-assigned managed identity (without
    # Kubernetes Extension Contributor the attach fails "extension not installed", without the
    # cluster admin role "internal server error").
    # https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-to-workspace
    "kubernetes_cluster": (
        "Reader",
        "Kubernetes Extension Contributor",
        "Azure Kubernetes Service Cluster Admin Role",
    ),
}


@dataclass(frozen=True)
class RoleScope:
    """Where roles are granted: ``key`` is a stable stand-in for ``resource_id`` (names)."""

    key: str
    resource_id: pulumi.Input[str]
    roles: tuple[str, ...]


def user_assigned_identity(
    prefix: str,
    name: str,
    resource_group_name: pulumi.Input[str],
    location: pulumi.Input[str],
    *,
    parent: pulumi.Resource,
    tags: Mapping[str, str] | None = None,
    protect: bool = False,
) -> managedidentity.UserAssignedIdentity:
    """A workspace's identity; ``protect`` (production) also locks it against deletion, as the
    workspace and the key it unwraps are: deleting it would leave both unusable, and Pulumi's
    protect stops only `pulumi destroy` (README: Locks and protect)."""
    identity = managedidentity.UserAssignedIdentity(
        f"{prefix}-id",
        resource_name_=name,
        resource_group_name=resource_group_name,
        location=location,
        tags=dict(tags or {}),
        opts=pulumi.ResourceOptions(parent=parent, protect=protect),
    )
    lock = protection_lock(protect)
    if lock is not None:
        resource_lock(f"{prefix}-id", identity.id, lock, parent)
    return identity


def grant_identity(
    prefix: str,
    identity: managedidentity.UserAssignedIdentity,
    identity_key: str,
    scopes: list[RoleScope],
    *,
    parent: pulumi.Resource,
) -> list[authorization.RoleAssignment]:
    """Every role of every scope to the user-assigned identity, through the RBAC block."""
    return grant_principal(prefix, identity.principal_id, identity_key, scopes, parent=parent)


def grant_principal(
    prefix: str,
    principal_id: pulumi.Input[str],
    principal_key: str,
    scopes: list[RoleScope],
    *,
    parent: pulumi.Resource,
) -> list[authorization.RoleAssignment]:
    """Every role of every scope to a managed identity's principal (``principal_key`` a stable
    stand-in for its id), through the RBAC block."""
    assignments: list[authorization.RoleAssignment] = []
    for scope in scopes:
        grants = [
            Grant(principal_id, role, PrincipalType.SERVICE_PRINCIPAL, principal_key=principal_key)
            for role in scope.roles
        ]
        assignments += assign_roles(prefix, scope.resource_id, scope.key, grants, parent=parent)
    return assignments
