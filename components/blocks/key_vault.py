"""The landing zone's hardened key vault: RBAC permission model (no access policies), soft delete,
purge protection unless explicitly off, firewall default Deny, a private endpoint and
diagnostics."""

from __future__ import annotations

import pulumi
from pulumi_azure_native import keyvault

from ..resource_types import KEY_VAULT
from .hardening import ResourceContext, harden_with_endpoint
from .interfaces import Interfaces
from .lifecycle import registered_lifecycle

SOFT_DELETE_RETENTION_DAYS = 90


def hardened_key_vault(
    ctx: ResourceContext,
    *,
    tenant_id: pulumi.Input[str],
    key: str = "kv",
    purge_protection: bool = True,
    retention_days: int = SOFT_DELETE_RETENTION_DAYS,
    interfaces: Interfaces | None = None,
) -> keyvault.Vault:
    """The vault and its interfaces (default: the context's)."""
    applied = interfaces if interfaces is not None else ctx.interfaces
    name = ctx.names.key_vault()
    properties: keyvault.VaultPropertiesArgsDict = {
        "tenant_id": tenant_id,
        "sku": {"family": keyvault.SkuFamily.A, "name": keyvault.SkuName.STANDARD},
        "enable_rbac_authorization": True,
        "enable_soft_delete": True,
        # 7-90 days, fixed at creation; a deleted vault holds its (global) name that long.
        # https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
        "soft_delete_retention_in_days": retention_days,
        "public_network_access": ctx.network_access.public_network_access,
        "network_acls": {
            "default_action": "Deny",
            "bypass": "AzureServices",
            "ip_rules": [{"value": ip} for ip in ctx.network_access.allowed_ip_rules],
        },
    }
    if purge_protection:
        # ARM refuses an explicit false: purge protection can only ever be switched on.
        properties["enable_purge_protection"] = True
    vault = keyvault.Vault(
        f"{ctx.prefix}-{key}",
        vault_name=name,
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        properties=properties,
        tags=dict(applied.tags),
        opts=registered_lifecycle(ctx.stateful, KEY_VAULT),
    )
    harden_with_endpoint(
        ctx,
        key=key,
        azure_name=name,
        resource_id=vault.id,
        group="vault",
        interfaces=applied,
    )
    return vault
