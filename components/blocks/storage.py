"""The landing zone's hardened storage account: identity-only data access, no public blobs, TLS
1.2, firewall default Deny, soft delete on blobs, containers and file shares, private endpoints
for blob and file (the two an Azure ML workspace uses), diagnostics for the account and both
services."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import network, storage

from ..resource_types import BLOB_SERVICE
from .diagnostics import DiagnosticTarget
from .hardening import Endpoint, ResourceContext, harden
from .interfaces import Interfaces
from .lifecycle import registered_lifecycle

SOFT_DELETE_DAYS = 14


@dataclass(frozen=True)
class HardenedStorage:
    account: storage.StorageAccount
    blob_service: storage.BlobServiceProperties
    file_service: storage.FileServiceProperties
    endpoints: dict[str, network.PrivateEndpoint]
    name: str  # the account's Azure name, a stable key for grants on it

    @property
    def id(self) -> pulumi.Output[str]:
        return self.account.id


def hardened_storage(
    ctx: ResourceContext,
    *,
    sku: str,
    key: str = "st",
    interfaces: Interfaces | None = None,
) -> HardenedStorage:
    """The account, its blob and file services and their interfaces (default: the context's)."""
    applied = interfaces if interfaces is not None else ctx.interfaces
    name = ctx.names.storage()
    account = _account(ctx, key=key, name=name, sku=sku, tags=applied.tags)
    retention: storage.DeleteRetentionPolicyArgsDict = {"enabled": True, "days": SOFT_DELETE_DAYS}
    blob_service = storage.BlobServiceProperties(
        f"{ctx.prefix}-{key}-blob",
        account_name=account.name,
        resource_group_name=ctx.resource_group_name,
        blob_services_name="default",
        delete_retention_policy=retention,
        container_delete_retention_policy=retention,
        opts=registered_lifecycle(ctx.child, BLOB_SERVICE),  # the studio's CORS are Azure's
    )
    file_service = storage.FileServiceProperties(
        f"{ctx.prefix}-{key}-file",
        account_name=account.name,
        resource_group_name=ctx.resource_group_name,
        file_services_name="default",
        share_delete_retention_policy=retention,
        opts=ctx.child,
    )
    endpoints = harden(
        ctx,
        key=key,
        azure_name=name,
        resource_id=account.id,
        endpoints=[Endpoint(f"{key}-blob", "blob"), Endpoint(f"{key}-file", "file")],
        diagnostics=[
            DiagnosticTarget(key, account.id, logs=False),  # the account itself only has metrics
            DiagnosticTarget(f"{key}-blob", blob_service.id),
            DiagnosticTarget(f"{key}-file", file_service.id),
        ],
        interfaces=applied,
    )
    return HardenedStorage(account, blob_service, file_service, endpoints, name)


def _account(
    ctx: ResourceContext, *, key: str, name: str, sku: str, tags: Mapping[str, str]
) -> storage.StorageAccount:
    """The account: identity-only data access, no public blobs, TLS 1.2, firewall default Deny
    (open to the context's allowed IP ranges when public access is opted into)."""
    rules: storage.NetworkRuleSetArgsDict = {
        "default_action": storage.DefaultAction.DENY,
        "bypass": "AzureServices",
        "ip_rules": [
            {"i_p_address_or_range": ip, "action": storage.Action.ALLOW}
            for ip in ctx.network_access.allowed_ip_rules
        ],
    }
    return storage.StorageAccount(
        f"{ctx.prefix}-{key}",
        account_name=name,
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        kind="StorageV2",
        sku={"name": sku},
        is_hns_enabled=False,
        minimum_tls_version="TLS1_2",
        enable_https_traffic_only=True,
        allow_blob_public_access=False,
        allow_shared_key_access=False,
        allow_cross_tenant_replication=False,
        default_to_o_auth_authentication=True,
        public_network_access=ctx.network_access.public_network_access,
        network_rule_set=rules,
        tags=dict(tags),
        opts=ctx.stateful,
    )
