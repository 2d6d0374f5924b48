"""What every workspace that owns its associated resources shares: a hub and a data product's
Default workspace alike.

Azure ML needs a storage account, key vault, Application Insights and (optionally) container
registry beside such a workspace; this block creates the hardened ones, the roles a user-assigned
workspace identity needs on them, the workspace's identity block, and the studio's Reader on the
storage endpoints. Workspace kinds differ only in the workspace resource itself."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import (
    containerregistry,
    keyvault,
)

from ..enums import PrincipalType
from .hardening import ResourceContext
from .identity import WORKSPACE_IDENTITY_ROLES, RoleScope
from .interfaces import DiagnosticSettings
from .key_vault import hardened_key_vault
from .monitoring import Monitoring, monitoring
from .rbac import Grant, assign_roles
from .registry import hardened_registry
from .storage import HardenedStorage, hardened_storage


@dataclass(frozen=True)
class AssociatedResources:
    """The resources a workspace is created with; ``ctx`` sends diagnostics to their logs."""

    ctx: ResourceContext
    monitor: Monitoring
    storage: HardenedStorage
    vault: keyvault.Vault
    registry: containerregistry.Registry | None

    def identity_scopes(self) -> list[RoleScope]:
        """Where a user-assigned workspace identity needs its documented roles, before the
        workspace exists."""
        naming = self.ctx.names
        scopes = [
            RoleScope(naming.storage(), self.storage.id, WORKSPACE_IDENTITY_ROLES["storage"]),
            RoleScope(naming.key_vault(), self.vault.id, WORKSPACE_IDENTITY_ROLES["key_vault"]),
            RoleScope(
                naming.app_insights(),
                self.monitor.app_insights.id,
                WORKSPACE_IDENTITY_ROLES["app_insights"],
            ),
        ]
        if self.registry is not None:
            scopes.append(
                RoleScope(naming.registry(), self.registry.id, WORKSPACE_IDENTITY_ROLES["registry"])
            )
        return scopes


def associated_resources(
    ctx: ResourceContext,
    *,
    tenant_id: pulumi.Input[str],
    central_workspace_id: pulumi.Input[str] | None,
    log_retention_days: int = 30,
    private_monitoring: bool = True,
    private_link_scope_id: pulumi.Input[str] | None = None,
    storage_sku: str = "Standard_ZRS",
    key_vault_purge_protection: bool = True,
    key_vault_retention_days: int = 90,
    container_registry: bool = True,
    registry_zone_redundancy: bool = True,
) -> AssociatedResources:
    """Monitoring first (every other resource's diagnostics go to its logs), then storage, key
    vault and registry, each from its hardened block."""
    monitor = monitoring(
        ctx,
        central_workspace_id=central_workspace_id,
        retention_days=log_retention_days,
        private=private_monitoring,
        private_link_scope_id=private_link_scope_id,
    )
    ctx = ctx.with_interfaces(
        diagnostic_settings=DiagnosticSettings(monitor.log_analytics_workspace_id)
    )
    account = hardened_storage(ctx, sku=storage_sku)
    vault = hardened_key_vault(
        ctx,
        tenant_id=tenant_id,
        purge_protection=key_vault_purge_protection,
        retention_days=key_vault_retention_days,
    )
    registry = (
        hardened_registry(ctx, zone_redundant=registry_zone_redundancy)
        if container_registry
        else None
    )
    return AssociatedResources(ctx, monitor, account, vault, registry)


def studio_access(
    prefix: str,
    account: HardenedStorage,
    principal_id: pulumi.Input[str],
    principal_key: str,
    *,
    parent: pulumi.Resource,
) -> None:
    """Reader on the storage private endpoints (blob and file) for the workspace identity:
    without it the studio cannot show data or notebooks from storage whose public access is
    off. "Use Azure Machine Learning studio in a virtual network", step 3:
    https://learn.microsoft.com/azure/machine-learning/how-to-enable-studio-virtual-network"""
    for endpoint_key, endpoint in sorted(account.endpoints.items()):
        assign_roles(
            f"{prefix}-studio",
            endpoint.id,
            f"{account.name}/{endpoint_key}",
            [Grant(principal_id, "Reader", PrincipalType.SERVICE_PRINCIPAL, principal_key)],
            parent=parent,
        )
