"""Key vault rules. Vault inputs are not flattened: the settings sit under ``properties``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aml_landing_zone.policies.rules.common import (
    MANDATORY,
    Config,
    get,
    ieq,
    is_false,
    is_true,
    resource_policy,
    show,
)
from aml_landing_zone.resource_types import (
    KEY_VAULT,
)


def _soft_delete(props: Any, _: Config) -> Iterator[str]:
    if is_false(get(props, "properties.enableSoftDelete")):
        yield "properties.enableSoftDelete is false; remove it (Azure enables soft delete)."


def _purge_protection(props: Any, _: Config) -> Iterator[str]:
    value = get(props, "properties.enablePurgeProtection")
    if not is_true(value):
        yield f"properties.enablePurgeProtection is {show(value)}; set it to true."


def _rbac(props: Any, _: Config) -> Iterator[str]:
    value = get(props, "properties.enableRbacAuthorization")
    if not is_true(value):
        yield f"properties.enableRbacAuthorization is {show(value)}; set it to true."


def _network(props: Any, _: Config) -> Iterator[str]:
    access = get(props, "properties.publicNetworkAccess")
    action = get(props, "properties.networkAcls.defaultAction")
    if not ieq(access, "Disabled") and not ieq(action, "Deny"):
        yield (
            f"properties.publicNetworkAccess is {show(access)} and "
            f"properties.networkAcls.defaultAction is {show(action)}; disable public access "
            "or deny by default."
        )


KEYVAULT_POLICIES = [
    resource_policy(
        "kv-soft-delete",
        "Key vaults must keep soft delete on. Without it a deleted key makes every workspace "
        "encrypted with it unreadable for good (built-in policy).",
        [KEY_VAULT],
        _soft_delete,
        level=MANDATORY,
        reads=["properties.enableSoftDelete"],
    ),
    resource_policy(
        "kv-purge-protection",
        "Key vaults must enable purge protection. Customer-managed keys require it, and it "
        "stops a soft-deleted vault from being purged before its retention ends (built-in "
        "policy, CKV_AZURE_110).",
        [KEY_VAULT],
        _purge_protection,
        level=MANDATORY,
        reads=["properties.enablePurgeProtection"],
    ),
    resource_policy(
        "kv-rbac",
        "Key vaults must authorise data access with Azure RBAC. Access policies are a second "
        "permission system outside PIM and role-assignment reviews (built-in policy).",
        [KEY_VAULT],
        _rbac,
        level=MANDATORY,
        reads=["properties.enableRbacAuthorization"],
    ),
    resource_policy(
        "kv-network",
        "Key vaults must not be open to public networks: disable public network access or "
        "deny by default. Workspaces reach their vault through a private endpoint (built-in "
        "policy, CKV_AZURE_109).",
        [KEY_VAULT],
        _network,
        level=MANDATORY,
        reads=["properties.publicNetworkAccess", "properties.networkAcls.defaultAction"],
    ),
]
