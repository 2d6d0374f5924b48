"""Compliant-by-default resources for the policy tests (PSRule / checkov fixture style).

Every factory returns the azure-native inputs of one resource that passes every rule of the
production preset; a test changes exactly one property (``tests.stack_values.changed``) and
asserts the verdict.
``landing_zone`` wires the factories into a whole stack, with the URN links the engine records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from aml_landing_zone.offline.model import ProgramRun, RecordedResource
from aml_landing_zone.offline.policy_run import PolicyResult, evaluate
from aml_landing_zone.resource_types import (
    APP_INSIGHTS,
    BLOB_SERVICE,
    CONTAINER_REGISTRY,
    DIAGNOSTIC_SETTING,
    KEY_VAULT,
    LOG_ANALYTICS,
    ML_COMPUTE,
    ML_WORKSPACE,
    PRIVATE_ENDPOINT,
    PRIVATE_LINK_SCOPE,
    PRIVATE_LINK_SCOPED_RESOURCE,
    ROLE_ASSIGNMENT,
    STORAGE_ACCOUNT,
)

from tests.stack_values import changed

PROJECT = "aml"
STACK = "test"
SUB = "00000000-0000-0000-0000-00000000aaaa"
OTHER_SUB = "00000000-0000-0000-0000-00000000bbbb"
RG = "rg-aml-hub"
RG_ID = f"/subscriptions/{SUB}/resourceGroups/{RG}"
UAI_ID = f"{RG_ID}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aml"
SUBNET_ID = f"{RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet-aml/subnets/snet-aml"
TAGS = {"environment": "test", "costCenter": "CC-1", "owner": "ml@contoso.com"}
PRESETS = Path(__file__).resolve().parents[2] / "policies" / "config"


def arm_id(provider_type: str, name: str) -> str:
    return f"{RG_ID}/providers/{provider_type}/{name}"


WORKSPACE_ID = arm_id("Microsoft.MachineLearningServices/workspaces", "hub-aml")
STORAGE_ID = arm_id("Microsoft.Storage/storageAccounts", "staml")


# ---------------------------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------------------------


def _base(**inputs: Any) -> dict[str, Any]:
    return {"resourceGroupName": RG, "location": "westeurope", "tags": dict(TAGS), **inputs}


def workspace() -> dict[str, Any]:
    return _base(
        workspaceName="hub-aml",
        kind="Hub",
        publicNetworkAccess="Disabled",
        allowPublicAccessWhenBehindVnet=False,
        hbiWorkspace=True,
        identity={"type": "UserAssigned", "userAssignedIdentities": [UAI_ID]},
        primaryUserAssignedIdentity=UAI_ID,
        encryption={
            "status": "Enabled",
            "keyVaultProperties": {
                "keyVaultArmId": arm_id("Microsoft.KeyVault/vaults", "kv-aml"),
                "keyIdentifier": "https://kv-aml.vault.azure.net/keys/cmk",
                "identityClientId": "11111111-1111-1111-1111-111111111111",
            },
        },
        managedNetwork={"isolationMode": "AllowOnlyApprovedOutbound"},
        storageAccount=STORAGE_ID,
        keyVault=arm_id("Microsoft.KeyVault/vaults", "kv-aml"),
        applicationInsights=arm_id("Microsoft.Insights/components", "appi-aml"),
        containerRegistry=arm_id("Microsoft.ContainerRegistry/registries", "craml"),
    )


def project_workspace() -> dict[str, Any]:
    """A project: only what ARM accepts on one (it inherits network, storage and keys)."""
    return _base(
        workspaceName="proj-fraud",
        kind="Project",
        hubResourceId=WORKSPACE_ID,
        hbiWorkspace=True,
        identity={"type": "UserAssigned", "userAssignedIdentities": [UAI_ID]},
        primaryUserAssignedIdentity=UAI_ID,
    )


def compute_cluster() -> dict[str, Any]:
    return _base(
        workspaceName="hub-aml",
        computeName="cpu-cluster",
        properties={
            "computeType": "AmlCompute",
            "disableLocalAuth": True,
            "properties": {
                "vmSize": "Standard_DS3_v2",
                "subnet": {"id": SUBNET_ID},
                "enableNodePublicIp": False,
                "remoteLoginPortPublicAccess": "Disabled",
                "scaleSettings": {
                    "maxNodeCount": 4,
                    "minNodeCount": 0,
                    "nodeIdleTimeBeforeScaleDown": "PT2M",
                },
            },
        },
    )


def compute_instance() -> dict[str, Any]:
    return _base(
        workspaceName="hub-aml",
        computeName="ci-alice",
        properties={
            "computeType": "ComputeInstance",
            "disableLocalAuth": True,
            "properties": {
                "vmSize": "Standard_DS11_v2",
                "subnet": {"id": SUBNET_ID},
                "enableNodePublicIp": False,
                "sshSettings": {"sshPublicAccess": "Disabled"},
                "idleTimeBeforeShutdown": "PT30M",
            },
        },
    )


def aks_compute() -> dict[str, Any]:
    return _base(
        workspaceName="hub-aml",
        computeName="aks-inference",
        properties={
            "computeType": "AKS",
            "disableLocalAuth": True,
            "resourceId": arm_id("Microsoft.ContainerService/managedClusters", "aks-shared"),
        },
    )


def kubernetes_compute() -> dict[str, Any]:
    """An AKS cluster attached as a Kubernetes compute (the v2 route)."""
    return _base(
        workspaceName="hub-aml",
        computeName="k8s-inference",
        properties={
            "computeType": "Kubernetes",
            "disableLocalAuth": True,
            "resourceId": arm_id("Microsoft.ContainerService/managedClusters", "aks-shared"),
            "properties": {"namespace": "default"},
        },
    )


def storage_account() -> dict[str, Any]:
    return _base(
        accountName="staml",
        kind="StorageV2",
        sku={"name": "Standard_ZRS"},
        allowBlobPublicAccess=False,
        minimumTlsVersion="TLS1_2",
        enableHttpsTrafficOnly=True,
        publicNetworkAccess="Disabled",
        networkRuleSet={"defaultAction": "Deny"},
        allowSharedKeyAccess=False,
        allowCrossTenantReplication=False,
        isHnsEnabled=False,
    )


def blob_service() -> dict[str, Any]:
    return {
        "resourceGroupName": RG,
        "accountName": "staml",
        "blobServicesName": "default",
        "deleteRetentionPolicy": {"enabled": True, "days": 14},
        "containerDeleteRetentionPolicy": {"enabled": True, "days": 14},
    }


def key_vault() -> dict[str, Any]:
    return _base(
        vaultName="kv-aml",
        properties={
            "tenantId": "22222222-2222-2222-2222-222222222222",
            "sku": {"family": "A", "name": "standard"},
            "enableSoftDelete": True,
            "enablePurgeProtection": True,
            "enableRbacAuthorization": True,
            "publicNetworkAccess": "Disabled",
            "networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices"},
        },
    )


def container_registry() -> dict[str, Any]:
    return _base(
        registryName="craml",
        sku={"name": "Premium"},
        adminUserEnabled=False,
        anonymousPullEnabled=False,
        publicNetworkAccess="Disabled",
        policies={"exportPolicy": {"status": "disabled"}},
    )


def app_insights() -> dict[str, Any]:
    return _base(
        resourceName="appi-aml",
        kind="web",
        applicationType="web",
        workspaceResourceId=arm_id("Microsoft.OperationalInsights/workspaces", "log-aml"),
        disableLocalAuth=True,
        publicNetworkAccessForIngestion="Disabled",
        publicNetworkAccessForQuery="Disabled",
    )


def log_analytics() -> dict[str, Any]:
    return _base(
        workspaceName="log-aml",
        sku={"name": "PerGB2018"},
        retentionInDays=30,
        publicNetworkAccessForIngestion="Disabled",
        publicNetworkAccessForQuery="Disabled",
    )


def private_link_scope() -> dict[str, Any]:
    return {
        **_base(scopeName="ampls-aml", location="global"),
        "accessModeSettings": {
            "ingestionAccessMode": "PrivateOnly",
            "queryAccessMode": "PrivateOnly",
            "exclusions": [],
        },
    }


def scoped_resource(target: str, name: str) -> dict[str, Any]:
    return {
        "resourceGroupName": RG,
        "scopeName": "ampls-aml",
        "name": name,
        "linkedResourceId": target,
    }


def private_endpoint(target: str = WORKSPACE_ID, group: str = "amlworkspace") -> dict[str, Any]:
    return _base(
        privateEndpointName="pep-hub-aml",
        subnet={"id": SUBNET_ID},
        privateLinkServiceConnections=[
            {"name": "hub-aml", "privateLinkServiceId": target, "groupIds": [group]}
        ],
    )


def diagnostic_setting(resource_uri: str = WORKSPACE_ID) -> dict[str, Any]:
    return {
        "name": "to-central-log",
        "resourceUri": resource_uri,
        "workspaceId": arm_id("Microsoft.OperationalInsights/workspaces", "log-aml"),
        "logs": [{"categoryGroup": "allLogs", "enabled": True}],
        "metrics": [{"category": "AllMetrics", "enabled": True}],
    }


def role_assignment(role: str = "f6c7c914-8db3-469d-8ca1-694a8f32e121") -> dict[str, Any]:
    return {
        "scope": WORKSPACE_ID,
        "principalId": "33333333-3333-3333-3333-333333333333",
        "principalType": "Group",
        "roleDefinitionId": f"/subscriptions/{SUB}/providers/Microsoft.Authorization/"
        f"roleDefinitions/{role}",
    }


# ---------------------------------------------------------------------------------------------
# Runs
# ---------------------------------------------------------------------------------------------


def urn(resource_type: str, name: str) -> str:
    return f"urn:pulumi:{STACK}::{PROJECT}::{resource_type}::{name}"


def resource(
    resource_type: str,
    name: str,
    inputs: Mapping[str, Any],
    *,
    protect: bool = False,
    parent: str | None = None,
    dependencies: Iterable[str] = (),
    property_dependencies: Mapping[str, Iterable[str]] | None = None,
) -> RecordedResource:
    """A recorded registration, as the offline engine keeps it."""
    deps = {k: tuple(v) for k, v in (property_dependencies or {}).items()}
    return RecordedResource(
        urn=urn(resource_type, name),
        type=resource_type,
        name=name,
        parent=parent,
        custom=True,
        protect=protect,
        dependencies=tuple(dependencies) + tuple(u for v in deps.values() for u in v),
        property_dependencies=deps,
        inputs=dict(inputs),
    )


def run_of(*resources: RecordedResource) -> ProgramRun:
    return ProgramRun(PROJECT, STACK, tuple(sorted(resources, key=lambda r: r.urn)))


LOCK = "azure-native:authorization:ManagementLockByScope"


def lock() -> dict[str, Any]:
    """A per-resource CanNotDelete lock (its scope is linked to the locked resource)."""
    return {"lockName": "do-not-delete", "level": "CanNotDelete", "scope": "(linked)"}


def landing_zone(
    copies: int = 1, **replace: Mapping[str, Any] | None
) -> tuple[ProgramRun, dict[str, RecordedResource]]:
    """A compliant hub stack with one project, linked as the engine records links.

    ``replace`` swaps a part's inputs by key (``storage``, ``workspace``, ``endpoint``,
    ``diagnostics``, ``insights_link``, ``logs_link``, ``cluster``, ``instance``, ...), or drops
    the part when given None.
    With ``copies`` > 1 the project, its diagnostics and the computes repeat (benchmarks).
    """
    parts: dict[str, RecordedResource] = {}

    def add(key: str, kind: str, name: str, default: Mapping[str, Any], **options: Any) -> str:
        inputs = replace.get(key, default)
        if inputs is not None:
            parts[key] = resource(kind, name, inputs, **options)
        return urn(kind, name)

    stateful = {"protect": True}
    storage = add("storage", STORAGE_ACCOUNT, "staml", storage_account(), **stateful)
    hub = add(
        "workspace",
        ML_WORKSPACE,
        "hub-aml",
        workspace(),
        property_dependencies={"storageAccount": [storage]},
        **stateful,
    )
    add("blob", BLOB_SERVICE, "staml-blob", blob_service())
    add("vault", KEY_VAULT, "kv-aml", key_vault(), **stateful)
    add("registry", CONTAINER_REGISTRY, "craml", container_registry(), **stateful)
    insights = add("insights", APP_INSIGHTS, "appi-aml", app_insights())
    logs = add("logs", LOG_ANALYTICS, "log-aml", log_analytics(), **stateful)
    scope = add("scope", PRIVATE_LINK_SCOPE, "ampls-aml", private_link_scope())
    for key, target, kind, name in (
        ("insights", insights, "Microsoft.Insights/components", "appi-aml"),
        ("logs", logs, "Microsoft.OperationalInsights/workspaces", "log-aml"),
    ):
        add(
            f"{key}_link",
            PRIVATE_LINK_SCOPED_RESOURCE,
            f"ampls-{name}",
            scoped_resource(arm_id(kind, name), name),
            property_dependencies={"scopeName": [scope], "linkedResourceId": [target]},
        )
    add("role", ROLE_ASSIGNMENT, "ra-ds", role_assignment())
    add(
        "endpoint",
        PRIVATE_ENDPOINT,
        "pep-hub-aml",
        private_endpoint(),
        property_dependencies={"privateLinkServiceConnections": [hub]},
    )
    add(
        "diagnostics",
        DIAGNOSTIC_SETTING,
        "diag-hub-aml",
        diagnostic_setting(),
        property_dependencies={"resourceUri": [hub]},
    )
    on_hub = {"workspaceName": [hub]}
    for i in range(copies):
        n = "" if i == 0 else f"-{i}"
        project = add(
            f"project{n}",
            ML_WORKSPACE,
            f"proj-fraud{n}",
            changed(project_workspace(), "workspaceName", f"proj-fraud{n}"),
            property_dependencies={"hubResourceId": [hub]},
            **stateful,
        )
        add(
            f"project-diagnostics{n}",
            DIAGNOSTIC_SETTING,
            f"diag-proj-fraud{n}",
            diagnostic_setting(),
            property_dependencies={"resourceUri": [project]},
        )
        for kind, factory in (("cluster", compute_cluster), ("instance", compute_instance)):
            add(f"{kind}{n}", ML_COMPUTE, f"{kind}{n}", factory(), property_dependencies=on_hub)
    for key in [k for k, part in parts.items() if part.protect]:
        target = parts[key]
        add(
            f"{key}-lock",
            LOCK,
            f"{target.name}-lock",
            lock(),
            property_dependencies={"scope": [target.urn]},
        )
    return run_of(*parts.values()), parts


# ---------------------------------------------------------------------------------------------
# Evaluating
# ---------------------------------------------------------------------------------------------


SUBJECT = "subject"


def evaluate_one(resource_type: str, inputs: Mapping[str, Any], config: Path) -> PolicyResult:
    """Run the pack over a stack of one resource (named :data:`SUBJECT`)."""
    return evaluate(run_of(resource(resource_type, SUBJECT, inputs)), config)


def write_config(directory: Path, config: Mapping[str, Any], name: str = "policy.json") -> Path:
    path = directory / name
    path.write_text(json.dumps(config))
    return path


def verdicts(result: PolicyResult, policy: str) -> list[tuple[str, str, str]]:
    """(policy, resource name, enforcement) of every violation one policy reported."""
    return [
        (v.policy, v.urn.rsplit("::", 1)[-1], v.enforcement)
        for v in result.violations
        if v.policy == policy
    ]


def messages(result: PolicyResult, policy: str) -> list[str]:
    """What one policy said, without the description pulumi_policy puts first."""
    return [v.message.partition("\n")[2] for v in result.violations if v.policy == policy]


def preset(name: str) -> Path:
    return PRESETS / f"{name}.json"
