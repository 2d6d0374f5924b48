"""Storage account rules. StorageAccount inputs are flattened (``allowBlobPublicAccess`` at the
top); azure-native renames ARM's ``supportsHttpsTrafficOnly`` to ``enableHttpsTrafficOnly`` and
``networkAcls`` to ``networkRuleSet``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from aml_landing_zone.policies.rules.common import (
    MANDATORY,
    UNKNOWN,
    Check,
    Config,
    Finding,
    Stack,
    get,
    identity,
    ieq,
    is_false,
    is_true,
    number,
    peek,
    reads,
    resource_policy,
    show,
    stack_policy,
)
from aml_landing_zone.resource_types import (
    BLOB_SERVICE,
    ML_WORKSPACE,
    STORAGE_ACCOUNT,
)


def _must_be_false(key: str, why: str) -> Check:
    """A check that ``key`` is explicitly false: missing counts as a violation."""

    def check(props: Any, _: Config) -> Iterator[str]:
        value = get(props, key)
        if not is_false(value):
            yield f"{key} is {show(value)}; set it to false ({why})."

    return check


def _tls(props: Any, _: Config) -> Iterator[str]:
    value = get(props, "minimumTlsVersion")
    if not ieq(value, "TLS1_2"):
        yield f"minimumTlsVersion is {show(value)}; set it to 'TLS1_2'."


def _https(props: Any, _: Config) -> Iterator[str]:
    if is_false(get(props, "enableHttpsTrafficOnly")):
        yield "enableHttpsTrafficOnly is false; remove it or set it to true."


def _network(props: Any, _: Config) -> Iterator[str]:
    access = get(props, "publicNetworkAccess")
    action = get(props, "networkRuleSet.defaultAction")
    if not ieq(access, "Disabled") and not ieq(action, "Deny"):
        yield (
            f"publicNetworkAccess is {show(access)} and networkRuleSet.defaultAction is "
            f"{show(action)}; disable public access or deny by default."
        )


def _soft_delete(props: Any, config: Config) -> Iterator[str]:
    above = config["retentionDaysAbove"]
    for key in ("deleteRetentionPolicy", "containerDeleteRetentionPolicy"):
        enabled = get(props, f"{key}.enabled")
        days = number(get(props, f"{key}.days"))
        if not is_true(enabled):
            yield f"{key}.enabled is {show(enabled)}; enable soft delete."
        elif days is None or days <= above:
            yield f"{key}.days is {show(days)}; keep deleted data more than {above} days."


def _workspace_default_check(stack: Stack, _: Config) -> Iterable[Finding]:
    for workspace in stack.of_type(ML_WORKSPACE):
        for storage in stack.referenced(workspace, "storageAccount", STORAGE_ACCOUNT):
            props = storage.props
            problems = []
            if is_true(peek(props, "isHnsEnabled")):
                problems.append("hierarchical namespace (isHnsEnabled) is on")
            sku = peek(props, "sku.name")
            if sku is not UNKNOWN and isinstance(sku, str) and sku.casefold().startswith("premium"):
                problems.append(f"SKU is {show(sku)}")
            if ieq(peek(props, "kind"), "BlobStorage"):
                problems.append("kind is 'BlobStorage'")
            if problems:
                yield Finding(
                    storage.urn,
                    f"storage account {storage.name} is workspace {workspace.name}'s default "
                    f"storage but {'; '.join(problems)}.",
                )


STORAGE_POLICIES = [
    resource_policy(
        "storage-blob-public",
        "Storage accounts must disallow anonymous blob access (allowBlobPublicAccess false). "
        "One public container leaks training data to anyone with the URL (built-in policy).",
        [STORAGE_ACCOUNT],
        _must_be_false("allowBlobPublicAccess", "no anonymous reads"),
        level=MANDATORY,
        reads=["allowBlobPublicAccess"],
    ),
    resource_policy(
        "storage-tls",
        "Storage accounts must require TLS 1.2. Older TLS versions have known weaknesses "
        "(built-in policy, CKV_AZURE_44).",
        [STORAGE_ACCOUNT],
        _tls,
        level=MANDATORY,
        reads=["minimumTlsVersion"],
    ),
    resource_policy(
        "storage-https",
        "Storage accounts must accept HTTPS only. Plain HTTP sends data and SAS tokens in "
        "clear text (built-in policy, CKV_AZURE_3); Azure's default is HTTPS only.",
        [STORAGE_ACCOUNT],
        _https,
        level=MANDATORY,
        reads=["enableHttpsTrafficOnly"],
    ),
    resource_policy(
        "storage-network",
        "Storage accounts must not be open to public networks: disable public network access "
        "or deny by default. Workspace data is reached through private endpoints (built-in "
        "policy, CKV_AZURE_35).",
        [STORAGE_ACCOUNT],
        _network,
        level=MANDATORY,
        reads=["publicNetworkAccess", "networkRuleSet.defaultAction"],
    ),
    resource_policy(
        "storage-shared-key",
        "Storage accounts must disable shared key access. Account keys grant full access "
        "without identity; Azure ML uses identity-based datastores "
        "(systemDatastoresAuthMode identity) instead (built-in policy).",
        [STORAGE_ACCOUNT],
        _must_be_false("allowSharedKeyAccess", "use Entra ID"),
        level=MANDATORY,
        reads=["allowSharedKeyAccess"],
    ),
    resource_policy(
        "storage-cross-tenant",
        "Storage accounts must block cross-tenant object replication. Replication to another "
        "tenant copies data out of the organisation (built-in policy).",
        [STORAGE_ACCOUNT],
        _must_be_false("allowCrossTenantReplication", "data stays in the tenant"),
        level=MANDATORY,
        reads=["allowCrossTenantReplication"],
    ),
    stack_policy(
        "storage-workspace-default",
        "A workspace's default storage account must be StorageV2 without hierarchical "
        "namespace or a Premium SKU. Azure ML cannot use HNS, Premium or BlobStorage accounts "
        "as default storage and fails at creation ('Cannot use storage with HNS enabled').",
        _workspace_default_check,
        MANDATORY,
        reads=[
            *reads(ML_WORKSPACE, "storageAccount"),
            *reads(STORAGE_ACCOUNT, "isHnsEnabled", "sku.name", "kind"),
            *identity(STORAGE_ACCOUNT),
        ],
    ),
    resource_policy(
        "storage-soft-delete",
        "Blob and container soft delete must be on with more than the configured retention. "
        "Soft delete recovers data and models deleted by mistake (PSRule "
        "Azure.Storage.SoftDelete, Azure.Storage.ContainerSoftDelete).",
        [BLOB_SERVICE],
        _soft_delete,
        level=MANDATORY,
        schema={
            "retentionDaysAbove": {
                "type": "integer",
                "minimum": 0,
                "default": 7,
                "description": "Soft-delete retention must be longer than this many days.",
            }
        },
        reads=[
            f"{policy}.{setting}"
            for policy in ("deleteRetentionPolicy", "containerDeleteRetentionPolicy")
            for setting in ("enabled", "days")
        ],
    ),
]
