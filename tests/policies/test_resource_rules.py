"""Every resource rule against a compliant baseline and one changed property per case.

Each case runs through the real servicer (``offline.policy_run.evaluate``), with every rule
mandatory, and asserts the verdict: which policy, on which resource, at which level.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aml_landing_zone.policies.pack import ALL_POLICIES
from aml_landing_zone.resource_types import (
    APP_INSIGHTS,
    BLOB_SERVICE,
    CONTAINER_REGISTRY,
    KEY_VAULT,
    LOG_ANALYTICS,
    ML_COMPUTE,
    ML_WORKSPACE,
    PRIVATE_ENDPOINT,
    PRIVATE_LINK_SCOPE,
    ROLE_ASSIGNMENT,
    STORAGE_ACCOUNT,
)
from pulumi_policy import ResourceValidationPolicy

from tests.facts import ROLE_GUIDS
from tests.policies.fixtures import (
    OTHER_SUB,
    SUBJECT,
    aks_compute,
    app_insights,
    blob_service,
    compute_cluster,
    compute_instance,
    container_registry,
    evaluate_one,
    key_vault,
    kubernetes_compute,
    log_analytics,
    messages,
    preset,
    private_endpoint,
    private_link_scope,
    project_workspace,
    role_assignment,
    storage_account,
    verdicts,
    workspace,
)
from tests.stack_values import DELETE, changed

Factory = Callable[[], dict[str, Any]]
RESOURCE_POLICIES = {p.name for p in ALL_POLICIES if isinstance(p, ResourceValidationPolicy)}

BASELINES: list[tuple[str, Factory]] = [
    (ML_WORKSPACE, workspace),
    (ML_WORKSPACE, project_workspace),
    (ML_COMPUTE, compute_cluster),
    (ML_COMPUTE, compute_instance),
    (ML_COMPUTE, aks_compute),
    (ML_COMPUTE, kubernetes_compute),
    (STORAGE_ACCOUNT, storage_account),
    (BLOB_SERVICE, blob_service),
    (KEY_VAULT, key_vault),
    (CONTAINER_REGISTRY, container_registry),
    (APP_INSIGHTS, app_insights),
    (LOG_ANALYTICS, log_analytics),
    (PRIVATE_ENDPOINT, private_endpoint),
    (PRIVATE_LINK_SCOPE, private_link_scope),
    (ROLE_ASSIGNMENT, role_assignment),
]


def _storage_open_rules() -> dict[str, Any]:
    """Still compliant: public access is off, so the rule set may allow by default."""
    return changed(storage_account(), "networkRuleSet.defaultAction", "Allow")


def _vault_open_rules() -> dict[str, Any]:
    return changed(key_vault(), "properties.networkAcls.defaultAction", "Allow")


def _owner_to_service_principal() -> dict[str, Any]:
    return changed(role_assignment(ROLE_GUIDS["Owner"]), "principalType", "ServicePrincipal")


def _scope_with_exclusion() -> dict[str, Any]:
    """Still compliant: an exclusion that keeps an endpoint PrivateOnly reopens nothing."""
    exclusion = {
        "privateEndpointConnectionName": "pep-1",
        "ingestionAccessMode": "PrivateOnly",
        "queryAccessMode": "PrivateOnly",
    }
    return changed(private_link_scope(), "accessModeSettings.exclusions", [exclusion])


def _private_zone() -> dict[str, Any]:
    return {"resourceGroupName": "rg", "privateZoneName": "privatelink.api.azureml.ms"}


CLUSTER = "properties.properties."
SCALE = "properties.properties.scaleSettings."
PLS_ID = "privateLinkServiceConnections[0].privateLinkServiceId"

# policy, resource type, compliant baseline, changed path, value that violates
VIOLATIONS: list[tuple[str, str, Factory, str, Any]] = [
    ("ws-public-network", ML_WORKSPACE, workspace, "publicNetworkAccess", "Enabled"),
    ("ws-public-network", ML_WORKSPACE, workspace, "publicNetworkAccess", DELETE),
    ("ws-public-behind-vnet", ML_WORKSPACE, workspace, "allowPublicAccessWhenBehindVnet", True),
    ("ws-public-behind-vnet", ML_WORKSPACE, workspace, "allowPublicAccessWhenBehindVnet", DELETE),
    ("ws-hbi", ML_WORKSPACE, workspace, "hbiWorkspace", False),
    ("ws-hbi", ML_WORKSPACE, project_workspace, "hbiWorkspace", DELETE),
    ("ws-user-assigned-identity", ML_WORKSPACE, workspace, "identity.type", "SystemAssigned"),
    ("ws-user-assigned-identity", ML_WORKSPACE, workspace, "identity.type", DELETE),
    ("ws-user-assigned-identity", ML_WORKSPACE, workspace, "primaryUserAssignedIdentity", DELETE),
    ("ws-cmk", ML_WORKSPACE, workspace, "encryption.status", "Disabled"),
    ("ws-cmk", ML_WORKSPACE, workspace, "encryption", DELETE),
    ("ws-managed-network", ML_WORKSPACE, workspace, "managedNetwork.isolationMode", "Disabled"),
    (
        "ws-managed-network",
        ML_WORKSPACE,
        workspace,
        "managedNetwork.isolationMode",
        "AllowInternetOutbound",
    ),
    ("ws-managed-network", ML_WORKSPACE, workspace, "managedNetwork", DELETE),
    (
        "pe-same-subscription",
        PRIVATE_ENDPOINT,
        private_endpoint,
        PLS_ID,
        f"/subscriptions/{OTHER_SUB}/resourceGroups/rg/providers/"
        "Microsoft.MachineLearningServices/workspaces/elsewhere",
    ),
    ("pe-same-subscription", PRIVATE_ENDPOINT, private_endpoint, PLS_ID, "not-an-arm-id"),
    ("pe-same-subscription", PRIVATE_ENDPOINT, private_endpoint, "subnet", DELETE),
    ("compute-local-auth", ML_COMPUTE, compute_cluster, "properties.disableLocalAuth", False),
    ("compute-local-auth", ML_COMPUTE, compute_instance, "properties.disableLocalAuth", DELETE),
    ("compute-vm-size", ML_COMPUTE, compute_cluster, CLUSTER + "vmSize", "Standard_ND96asr_v4"),
    ("compute-vm-size", ML_COMPUTE, compute_instance, CLUSTER + "vmSize", DELETE),
    (
        "compute-ssh-public",
        ML_COMPUTE,
        compute_cluster,
        CLUSTER + "remoteLoginPortPublicAccess",
        "NotSpecified",
    ),
    (
        "compute-ssh-public",
        ML_COMPUTE,
        compute_cluster,
        CLUSTER + "remoteLoginPortPublicAccess",
        DELETE,
    ),
    (
        "compute-ssh-public",
        ML_COMPUTE,
        compute_instance,
        CLUSTER + "sshSettings.sshPublicAccess",
        "Enabled",
    ),
    ("compute-ssh-public", ML_COMPUTE, compute_instance, CLUSTER + "sshSettings", DELETE),
    ("compute-cluster-scale", ML_COMPUTE, compute_cluster, SCALE + "maxNodeCount", 11),
    ("compute-cluster-scale", ML_COMPUTE, compute_cluster, SCALE + "minNodeCount", 1),
    (
        "compute-cluster-scale",
        ML_COMPUTE,
        compute_cluster,
        SCALE + "nodeIdleTimeBeforeScaleDown",
        "PT20M",
    ),
    (
        "compute-cluster-scale",
        ML_COMPUTE,
        compute_cluster,
        SCALE + "nodeIdleTimeBeforeScaleDown",
        "PT901S",
    ),
    (
        "compute-cluster-scale",
        ML_COMPUTE,
        compute_cluster,
        SCALE + "nodeIdleTimeBeforeScaleDown",
        "15m",
    ),
    ("compute-cluster-scale", ML_COMPUTE, compute_cluster, CLUSTER + "scaleSettings", DELETE),
    (
        "compute-idle-shutdown",
        ML_COMPUTE,
        compute_instance,
        CLUSTER + "idleTimeBeforeShutdown",
        DELETE,
    ),
    (
        "compute-idle-shutdown",
        ML_COMPUTE,
        compute_instance,
        CLUSTER + "idleTimeBeforeShutdown",
        "P4D",
    ),
    ("compute-public-ip", ML_COMPUTE, compute_cluster, CLUSTER + "enableNodePublicIp", True),
    ("compute-public-ip", ML_COMPUTE, compute_instance, CLUSTER + "enableNodePublicIp", DELETE),
    ("compute-aks-attach-only", ML_COMPUTE, aks_compute, "properties.resourceId", DELETE),
    ("compute-aks-attach-only", ML_COMPUTE, kubernetes_compute, "properties.resourceId", DELETE),
    ("storage-blob-public", STORAGE_ACCOUNT, storage_account, "allowBlobPublicAccess", True),
    ("storage-blob-public", STORAGE_ACCOUNT, storage_account, "allowBlobPublicAccess", DELETE),
    ("storage-tls", STORAGE_ACCOUNT, storage_account, "minimumTlsVersion", "TLS1_0"),
    ("storage-tls", STORAGE_ACCOUNT, storage_account, "minimumTlsVersion", DELETE),
    ("storage-https", STORAGE_ACCOUNT, storage_account, "enableHttpsTrafficOnly", False),
    ("storage-network", STORAGE_ACCOUNT, _storage_open_rules, "publicNetworkAccess", "Enabled"),
    ("storage-network", STORAGE_ACCOUNT, _storage_open_rules, "publicNetworkAccess", DELETE),
    ("storage-shared-key", STORAGE_ACCOUNT, storage_account, "allowSharedKeyAccess", True),
    ("storage-shared-key", STORAGE_ACCOUNT, storage_account, "allowSharedKeyAccess", DELETE),
    ("storage-cross-tenant", STORAGE_ACCOUNT, storage_account, "allowCrossTenantReplication", True),
    (
        "storage-cross-tenant",
        STORAGE_ACCOUNT,
        storage_account,
        "allowCrossTenantReplication",
        DELETE,
    ),
    ("storage-soft-delete", BLOB_SERVICE, blob_service, "deleteRetentionPolicy.enabled", False),
    ("storage-soft-delete", BLOB_SERVICE, blob_service, "deleteRetentionPolicy", DELETE),
    ("storage-soft-delete", BLOB_SERVICE, blob_service, "containerDeleteRetentionPolicy.days", 7),
    (
        "storage-soft-delete",
        BLOB_SERVICE,
        blob_service,
        "containerDeleteRetentionPolicy.days",
        DELETE,
    ),
    ("kv-soft-delete", KEY_VAULT, key_vault, "properties.enableSoftDelete", False),
    ("kv-purge-protection", KEY_VAULT, key_vault, "properties.enablePurgeProtection", False),
    ("kv-purge-protection", KEY_VAULT, key_vault, "properties.enablePurgeProtection", DELETE),
    ("kv-rbac", KEY_VAULT, key_vault, "properties.enableRbacAuthorization", DELETE),
    ("kv-network", KEY_VAULT, _vault_open_rules, "properties.publicNetworkAccess", "enabled"),
    ("kv-network", KEY_VAULT, _vault_open_rules, "properties.publicNetworkAccess", DELETE),
    ("acr-admin-user", CONTAINER_REGISTRY, container_registry, "adminUserEnabled", True),
    ("acr-anonymous-pull", CONTAINER_REGISTRY, container_registry, "anonymousPullEnabled", True),
    ("acr-sku", CONTAINER_REGISTRY, container_registry, "sku.name", "Standard"),
    ("acr-network", CONTAINER_REGISTRY, container_registry, "publicNetworkAccess", DELETE),
    (
        "acr-export",
        CONTAINER_REGISTRY,
        container_registry,
        "policies.exportPolicy.status",
        "enabled",
    ),
    ("acr-export", CONTAINER_REGISTRY, container_registry, "policies", DELETE),
    ("appi-workspace-based", APP_INSIGHTS, app_insights, "workspaceResourceId", DELETE),
    ("appi-workspace-based", APP_INSIGHTS, app_insights, "workspaceResourceId", ""),
    ("appi-local-auth", APP_INSIGHTS, app_insights, "disableLocalAuth", False),
    ("appi-local-auth", APP_INSIGHTS, app_insights, "disableLocalAuth", DELETE),
    (
        "monitor-public-network",
        APP_INSIGHTS,
        app_insights,
        "publicNetworkAccessForIngestion",
        "Enabled",
    ),
    ("monitor-public-network", APP_INSIGHTS, app_insights, "publicNetworkAccessForQuery", DELETE),
    (
        "monitor-public-network",
        LOG_ANALYTICS,
        log_analytics,
        "publicNetworkAccessForIngestion",
        DELETE,
    ),
    (
        "monitor-public-network",
        LOG_ANALYTICS,
        log_analytics,
        "publicNetworkAccessForQuery",
        "Enabled",
    ),
    (
        "monitor-scope-private-only",
        PRIVATE_LINK_SCOPE,
        private_link_scope,
        "accessModeSettings.queryAccessMode",
        "Open",
    ),
    (
        "monitor-scope-private-only",
        PRIVATE_LINK_SCOPE,
        private_link_scope,
        "accessModeSettings.ingestionAccessMode",
        DELETE,
    ),
    (
        "monitor-scope-private-only",
        PRIVATE_LINK_SCOPE,
        _scope_with_exclusion,
        "accessModeSettings.exclusions[0].ingestionAccessMode",
        "Open",
    ),
    ("allowed-locations", STORAGE_ACCOUNT, storage_account, "location", "eastus"),
    ("required-tags", STORAGE_ACCOUNT, storage_account, "tags.costCenter", DELETE),
    ("required-tags", STORAGE_ACCOUNT, storage_account, "tags.owner", ""),
    ("required-tags", KEY_VAULT, key_vault, "tags", DELETE),
    (
        "rbac-no-owner-to-humans",
        ROLE_ASSIGNMENT,
        _owner_to_service_principal,
        "principalType",
        "User",
    ),
    (
        "rbac-no-owner-to-humans",
        ROLE_ASSIGNMENT,
        _owner_to_service_principal,
        "principalType",
        DELETE,
    ),
    (
        "rbac-no-owner-to-humans",
        ROLE_ASSIGNMENT,
        role_assignment,
        "roleDefinitionId",
        "/providers/Microsoft.Authorization/roleDefinitions/"
        + ROLE_GUIDS["User Access Administrator"].upper(),
    ),
]

# policy, resource type, compliant baseline, changed path, value that still complies
STILL_COMPLIANT: list[tuple[str, str, Factory, str, Any]] = [
    ("ws-public-network", ML_WORKSPACE, workspace, "publicNetworkAccess", "disabled"),
    ("ws-public-network", ML_WORKSPACE, project_workspace, "kind", "project"),
    ("ws-public-behind-vnet", ML_WORKSPACE, workspace, "allowPublicAccessWhenBehindVnet", "False"),
    (
        "ws-user-assigned-identity",
        ML_WORKSPACE,
        workspace,
        "identity.type",
        "SystemAssigned, UserAssigned",
    ),
    ("ws-cmk", ML_WORKSPACE, workspace, "encryption.status", "enabled"),
    (
        "ws-managed-network",
        ML_WORKSPACE,
        workspace,
        "managedNetwork.isolationMode",
        "allowonlyapprovedoutbound",
    ),
    ("compute-vm-size", ML_COMPUTE, compute_cluster, CLUSTER + "vmSize", "standard_ds3_v2"),
    ("compute-vm-size", ML_COMPUTE, aks_compute, "properties.properties", {"agentVmSize": "x"}),
    (
        "compute-ssh-public",
        ML_COMPUTE,
        compute_cluster,
        CLUSTER + "remoteLoginPortPublicAccess",
        "disabled",
    ),
    (
        "compute-cluster-scale",
        ML_COMPUTE,
        compute_cluster,
        SCALE + "nodeIdleTimeBeforeScaleDown",
        "PT15M",
    ),
    (
        "compute-cluster-scale",
        ML_COMPUTE,
        compute_cluster,
        SCALE + "nodeIdleTimeBeforeScaleDown",
        "PT900S",
    ),
    (
        "compute-cluster-scale",
        ML_COMPUTE,
        compute_cluster,
        SCALE + "nodeIdleTimeBeforeScaleDown",
        DELETE,
    ),
    ("compute-cluster-scale", ML_COMPUTE, compute_cluster, SCALE + "maxNodeCount", 10),
    ("compute-cluster-scale", ML_COMPUTE, compute_cluster, SCALE + "minNodeCount", DELETE),
    (
        "compute-idle-shutdown",
        ML_COMPUTE,
        compute_instance,
        CLUSTER + "idleTimeBeforeShutdown",
        "P3D",
    ),
    ("compute-local-auth", ML_COMPUTE, aks_compute, "properties.disableLocalAuth", DELETE),
    ("storage-https", STORAGE_ACCOUNT, storage_account, "enableHttpsTrafficOnly", DELETE),
    ("storage-tls", STORAGE_ACCOUNT, storage_account, "minimumTlsVersion", "tls1_2"),
    ("storage-network", STORAGE_ACCOUNT, storage_account, "publicNetworkAccess", "Enabled"),
    ("storage-soft-delete", BLOB_SERVICE, blob_service, "deleteRetentionPolicy.days", 8),
    ("kv-soft-delete", KEY_VAULT, key_vault, "properties.enableSoftDelete", DELETE),
    ("kv-network", KEY_VAULT, key_vault, "properties.publicNetworkAccess", "enabled"),
    ("acr-admin-user", CONTAINER_REGISTRY, container_registry, "adminUserEnabled", DELETE),
    (
        "acr-export",
        CONTAINER_REGISTRY,
        container_registry,
        "policies.exportPolicy.status",
        "Disabled",
    ),
    (
        "monitor-public-network",
        LOG_ANALYTICS,
        log_analytics,
        "publicNetworkAccessForQuery",
        "disabled",
    ),
    (
        "monitor-scope-private-only",
        PRIVATE_LINK_SCOPE,
        _scope_with_exclusion,
        "accessModeSettings.queryAccessMode",
        "privateonly",
    ),
    ("allowed-locations", STORAGE_ACCOUNT, storage_account, "location", "West Europe"),
    (
        "allowed-locations",
        "azure-native:privatedns:PrivateZone",
        _private_zone,
        "location",
        "global",
    ),
    ("allowed-locations", STORAGE_ACCOUNT, storage_account, "location", DELETE),
    (
        "required-tags",
        STORAGE_ACCOUNT,
        storage_account,
        "tags",
        {"ENVIRONMENT": "test", "costcenter": "CC-1", "Owner": "ml@contoso.com"},
    ),
    ("required-tags", ROLE_ASSIGNMENT, role_assignment, "description", "not taggable"),
    (
        "rbac-no-owner-to-humans",
        ROLE_ASSIGNMENT,
        _owner_to_service_principal,
        "principalType",
        "servicePrincipal",
    ),
]


def _case_id(case: tuple[str, str, Factory, str, Any]) -> str:
    policy, _, factory, path, value = case
    shown = "<deleted>" if value is DELETE else repr(value)
    return f"{policy}:{factory.__name__}:{path}={shown}"


@pytest.mark.parametrize(
    ("resource_type", "factory"), BASELINES, ids=lambda x: getattr(x, "__name__", x)
)
def test_baseline_passes_every_resource_rule(
    resource_type: str, factory: Factory, all_mandatory: Path
) -> None:
    result = evaluate_one(resource_type, factory(), all_mandatory)
    found = [v.policy for v in result.violations if v.policy in RESOURCE_POLICIES]
    assert found == []


@pytest.mark.parametrize("case", VIOLATIONS, ids=_case_id)
def test_changed_property_violates(
    case: tuple[str, str, Factory, str, Any], all_mandatory: Path
) -> None:
    policy, resource_type, factory, path, value = case
    baseline = evaluate_one(resource_type, factory(), all_mandatory)
    assert verdicts(baseline, policy) == []
    result = evaluate_one(resource_type, changed(factory(), path, value), all_mandatory)
    assert verdicts(result, policy) == [(policy, SUBJECT, "mandatory")]


@pytest.mark.parametrize("case", STILL_COMPLIANT, ids=_case_id)
def test_changed_property_still_complies(
    case: tuple[str, str, Factory, str, Any], all_mandatory: Path
) -> None:
    policy, resource_type, factory, path, value = case
    result = evaluate_one(resource_type, changed(factory(), path, value), all_mandatory)
    assert verdicts(result, policy) == []


def test_missing_value_is_named_in_the_message(all_mandatory: Path) -> None:
    inputs = changed(workspace(), "publicNetworkAccess", DELETE)
    result = evaluate_one(ML_WORKSPACE, inputs, all_mandatory)
    assert messages(result, "ws-public-network") == [
        "publicNetworkAccess is not set; set it to 'Disabled'."
    ]


def test_public_monitoring_names_each_open_flag(all_mandatory: Path) -> None:
    inputs = changed(log_analytics(), "publicNetworkAccessForQuery", "Enabled")
    inputs = changed(inputs, "publicNetworkAccessForIngestion", DELETE)
    result = evaluate_one(LOG_ANALYTICS, inputs, all_mandatory)
    assert messages(result, "monitor-public-network") == [
        "publicNetworkAccessForIngestion is not set; set it to 'Disabled' and reach the resource "
        "through an Azure Monitor Private Link Scope. "
        "publicNetworkAccessForQuery is 'Enabled'; set it to 'Disabled' and reach the resource "
        "through an Azure Monitor Private Link Scope."
    ]


def test_violation_message_starts_with_the_description(all_mandatory: Path) -> None:
    """pulumi_policy prefixes the description; the CLI shows both."""
    inputs = changed(storage_account(), "minimumTlsVersion", "TLS1_1")
    (violation,) = [
        v
        for v in evaluate_one(STORAGE_ACCOUNT, inputs, all_mandatory).violations
        if v.policy == "storage-tls"
    ]
    assert violation.message == (
        "Storage accounts must require TLS 1.2. Older TLS versions have known weaknesses "
        "(built-in policy, CKV_AZURE_44).\nminimumTlsVersion is 'TLS1_1'; set it to 'TLS1_2'."
    )


def test_all_findings_on_a_resource_make_one_violation(all_mandatory: Path) -> None:
    inputs = changed(workspace(), "identity.type", "SystemAssigned")
    inputs = changed(inputs, "primaryUserAssignedIdentity", DELETE)
    result = evaluate_one(ML_WORKSPACE, inputs, all_mandatory)
    assert messages(result, "ws-user-assigned-identity") == [
        "identity.type is 'SystemAssigned'; it must include 'UserAssigned'. "
        "primaryUserAssignedIdentity is not set; name the user-assigned identity to use."
    ]


@pytest.mark.parametrize("preset_name", ["defaults", "dev", "test", "prod"])
def test_system_assigned_projects_are_exempt_from_user_assigned_identity(
    preset_name: str, all_mandatory: Path
) -> None:
    """Projects keep their own system-assigned identity (the service's per-project ABAC grants
    depend on it), by the rule's own default, so no preset has to say it; a hub or default
    workspace with one is still reported."""
    config = all_mandatory if preset_name == "defaults" else preset(preset_name)
    project = changed(project_workspace(), "identity", {"type": "SystemAssigned"})
    project = changed(project, "primaryUserAssignedIdentity", DELETE)
    assert verdicts(evaluate_one(ML_WORKSPACE, project, config), "ws-user-assigned-identity") == []
    hub = changed(workspace(), "identity", {"type": "SystemAssigned"})
    hub = changed(hub, "primaryUserAssignedIdentity", DELETE)
    found = verdicts(evaluate_one(ML_WORKSPACE, hub, config), "ws-user-assigned-identity")
    assert [policy for policy, _, _ in found] == ["ws-user-assigned-identity"]


def test_projects_are_checked_for_user_assigned_identity_when_no_kind_is_exempt(
    config: Callable[[dict[str, Any]], Path],
) -> None:
    path = config(
        {"ws-user-assigned-identity": {"enforcementLevel": "mandatory", "exemptKinds": []}}
    )
    project = changed(project_workspace(), "primaryUserAssignedIdentity", "")
    assert verdicts(evaluate_one(ML_WORKSPACE, project, path), "ws-user-assigned-identity") == [
        ("ws-user-assigned-identity", SUBJECT, "mandatory")
    ]
