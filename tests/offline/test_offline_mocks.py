"""The mock provider: ARM ids per type, computed outputs, invokes. Pure functions, no program."""

from __future__ import annotations

import pytest
from aml_landing_zone.offline.mocks import (
    SUBSCRIPTION_ID,
    TENANT_ID,
    AzureMocks,
    arm_id,
    principal_id_for,
)
from aml_landing_zone.resource_types import RESOURCE_TYPES
from pulumi.runtime import MockCallArgs, MockResourceArgs

SUB = f"/subscriptions/{SUBSCRIPTION_ID}"
RG = f"{SUB}/resourceGroups/rg"
WS = f"{RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw"


@pytest.mark.parametrize(
    ("token", "inputs", "expected"),
    [
        ("resources:ResourceGroup", {"resourceGroupName": "rg"}, RG),
        (
            "storage:StorageAccount",
            {"accountName": "st"},
            f"{RG}/providers/Microsoft.Storage/storageAccounts/st",
        ),
        (
            "storage:BlobServiceProperties",
            {"accountName": "st"},
            f"{RG}/providers/Microsoft.Storage/storageAccounts/st/blobServices/default",
        ),
        (
            "keyvault:Key",
            {"vaultName": "kv", "keyName": "k"},
            f"{RG}/providers/Microsoft.KeyVault/vaults/kv/keys/k",
        ),
        (
            "applicationinsights:Component",
            {"resourceName": "ai"},
            f"{RG}/providers/Microsoft.Insights/components/ai",
        ),
        (
            "machinelearningservices:Compute",
            {"workspaceName": "mlw", "computeName": "cpu"},
            f"{WS}/computes/cpu",
        ),
        (
            "machinelearningservices:Datastore",
            {"workspaceName": "mlw", "name": "ds"},
            f"{WS}/datastores/ds",
        ),
        (
            "machinelearningservices:WorkspaceConnection",
            {"workspaceName": "mlw", "connectionName": "c"},
            f"{WS}/connections/c",
        ),
        (
            "network:PrivateDnsZoneGroup",
            {"privateEndpointName": "pe", "privateDnsZoneGroupName": "default"},
            f"{RG}/providers/Microsoft.Network/privateEndpoints/pe/privateDnsZoneGroups/default",
        ),
        (
            "privatedns:PrivateZone",
            {"privateZoneName": "privatelink.api.azureml.ms"},
            f"{RG}/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms",
        ),
        (
            "authorization:RoleAssignment",
            {"scope": WS, "roleAssignmentName": "g"},
            f"{WS}/providers/Microsoft.Authorization/roleAssignments/g",
        ),
        (
            "monitor:DiagnosticSetting",
            {"resourceUri": WS, "name": "diag"},
            f"{WS}/providers/Microsoft.Insights/diagnosticSettings/diag",
        ),
        (
            "authorization:ManagementLockByScope",
            {"scope": WS, "lockName": "lock"},
            f"{WS}/providers/Microsoft.Authorization/locks/lock",
        ),
    ],
)
def test_arm_ids(token: str, inputs: dict, expected: str) -> None:
    assert (
        arm_id(f"azure-native:{token}", "pulumi-name", {"resourceGroupName": "rg", **inputs})
        == expected
    )


def test_name_falls_back_to_pulumi_name_and_role_assignments_get_a_stable_guid() -> None:
    assert arm_id("azure-native:keyvault:Vault", "kv-main", {"resourceGroupName": "rg"}).endswith(
        "/vaults/kv-main"
    )
    first = arm_id("azure-native:authorization:RoleAssignment", "ra", {"scope": RG})
    assert first == arm_id("azure-native:authorization:RoleAssignment", "ra", {"scope": RG})
    assert first.rsplit("/", 1)[1].count("-") == 4


def test_every_table_entry_produces_an_id() -> None:
    for token in RESOURCE_TYPES:
        resource_id = arm_id(
            token, "n", {"resourceGroupName": "rg", "scope": RG, "resourceUri": RG}
        )
        assert resource_id.startswith(SUB) and "//" not in resource_id


def test_unknown_token_gets_generic_arm_id() -> None:
    assert arm_id(
        "azure-native:cache:Redis", "r", {"resourceGroupName": "rg", "redisName": "x"}
    ) == (f"{RG}/providers/Microsoft.Cache/rediss/x")


def _new(token: str, inputs: dict, name: str = "res") -> tuple:
    return AzureMocks().new_resource(
        MockResourceArgs(typ=token, name=name, inputs=inputs, custom=True)
    )


def test_workspace_outputs_are_realistic_and_deterministic() -> None:
    inputs = {
        "resourceGroupName": "rg",
        "workspaceName": "mlw",
        "identity": {"type": "SystemAssigned"},
        "location": "westeurope",
    }
    resource_id, state = _new("azure-native:machinelearningservices:Workspace", inputs)
    assert resource_id == WS
    assert state["id"] == WS and state["name"] == "mlw"
    assert state["identity"]["principalId"] == principal_id_for(WS)
    assert state["identity"]["tenantId"] == TENANT_ID
    assert (
        state["workspaceId"]
        == _new("azure-native:machinelearningservices:Workspace", inputs)[1]["workspaceId"]
    )
    assert inputs["identity"] == {"type": "SystemAssigned"}  # inputs are not mutated


def test_user_assigned_identity_outputs_match_references_to_it() -> None:
    uami_id, uami = _new(
        "azure-native:managedidentity:UserAssignedIdentity",
        {"resourceGroupName": "rg", "resourceName": "id"},
    )
    assert {"principalId", "clientId", "tenantId"} <= set(uami)
    _, ws = _new(
        "azure-native:machinelearningservices:Workspace",
        {
            "resourceGroupName": "rg",
            "workspaceName": "w",
            "identity": {
                "type": "SystemAssigned,UserAssigned",
                "userAssignedIdentities": [uami_id],
            },
        },
    )
    assert ws["identity"]["userAssignedIdentities"][uami_id]["principalId"] == uami["principalId"]


def test_a_cluster_reports_its_kubelet_identity() -> None:
    """AKS reports the kubelet identity it runs the nodes as: one it created, or the given one."""
    cluster = {"resourceGroupName": "rg", "resourceName": "aks", "location": "swedencentral"}
    _, created = _new("azure-native:containerservice:ManagedCluster", cluster)
    object_id = created["identityProfile"]["kubeletidentity"]["objectId"]
    assert (
        len(object_id) == 36
        and object_id != created["identityProfile"]["kubeletidentity"]["clientId"]
    )
    given = {"kubeletidentity": {"resourceId": "/id", "clientId": "c", "objectId": "o"}}
    _, echoed = _new(
        "azure-native:containerservice:ManagedCluster", {**cluster, "identityProfile": given}
    )
    assert echoed["identityProfile"] == given


def test_service_endpoints() -> None:
    assert (
        _new("azure-native:storage:StorageAccount", {"accountName": "st"})[1]["primaryEndpoints"][
            "file"
        ]
        == "https://st.file.core.windows.net/"
    )
    vault = _new("azure-native:keyvault:Vault", {"vaultName": "kv", "properties": {"sku": {}}})[1]
    assert vault["properties"]["vaultUri"] == "https://kv.vault.azure.net/"
    assert vault["properties"]["sku"] == {}
    assert (
        _new("azure-native:containerregistry:Registry", {"registryName": "Acr1"})[1]["loginServer"]
        == "acr1.azurecr.io"
    )


def test_client_config_invoke() -> None:
    result, failures = AzureMocks().call(
        MockCallArgs(token="azure-native:authorization:getClientConfig", args={}, provider="")
    )
    assert result["subscriptionId"] == SUBSCRIPTION_ID and result["tenantId"] == TENANT_ID
    assert failures == []
    assert AzureMocks().call(MockCallArgs(token="x:y:z", args={}, provider="")) == ({}, [])


def test_a_lock_by_scope_is_named_and_placed_as_arm_does() -> None:
    """A per-resource lock as blocks/locks.py registers it: named ``do-not-delete`` under its
    scope (REST "Management Locks - Create Or Update By Scope"), not after the Pulumi name."""
    inputs = {"level": "CanNotDelete", "lockName": "do-not-delete", "notes": "n", "scope": WS}
    resource_id, state = _new(
        "azure-native:authorization:ManagementLockByScope", inputs, name="hub-hub-lock"
    )
    assert resource_id == f"{WS}/providers/Microsoft.Authorization/locks/do-not-delete"
    assert (state["id"], state["name"], state["type"]) == (
        resource_id,
        "do-not-delete",
        "Microsoft.Authorization/locks",
    )
