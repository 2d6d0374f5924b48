"""The landing zone's hardened key vault: RBAC permission model (no access policies), soft delete,
purge protection unless explicitly off, firewall default Deny, a private endpoint and
diagnostics."""

from __future__ import annotations

from collections.abc import Sequence

import pulumi
from pulumi_azure_native import keyvault

from ..resource_types import KEY_VAULT
from .hardening import ResourceContext, harden_with_endpoint
from .lifecycle import registered_lifecycle
from .rbac import Grant

SOFT_DELETE_RETENTION_DAYS = 90


def hardened_key_vault(
    ctx: ResourceContext,
    *,
    tenant_id: pulumi.Input[str],
    key: str = "kv",
    purge_protection: bool = True,
    retention_days: int = SOFT_DELETE_RETENTION_DAYS,
    role_assignments: Sequence[Grant] = (),
) -> keyvault.Vault:
    name = ctx.naming.key_vault()
    properties: keyvault.VaultPropertiesArgsDict = {
        "tenant_id": tenant_id,
        "sku": {"family": keyvault.SkuFamily.A, "name": keyvault.SkuName.STANDARD},
        "enable_rbac_authorization": True,
        "enable_soft_delete": True,
        # 7-90 days, fixed at creation; a deleted vault holds its (global) name that long.
        # https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
        "soft_delete_retention_in_days": retention_days,
        "public_network_access": ctx.public_network_access,
        "network_acls": {
            "default_action": "Deny",
            "bypass": "AzureServices",
            "ip_rules": [{"value": ip} for ip in ctx.allowed_ip_rules],
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
        tags=dict(ctx.tags),
        opts=registered_lifecycle(ctx.stateful, KEY_VAULT),
    )
    harden_with_endpoint(
        ctx,
        key=key,
        azure_name=name,
        resource_id=vault.id,
        group="vault",
        role_assignments=role_assignments,
    )
    return vault
