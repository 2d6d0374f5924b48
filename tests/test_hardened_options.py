"""Every input of the hardened resources, compared whole: an option switched off on a less
central resource (the file service's delete retention, a compute instance's sharing policy, the
ML registry's own storage) fails here, as does one added. Tags are checked elsewhere
(required-tags, tests/test_hub.py). The ``max`` scenario switches on the hub options the shipped
stacks leave at their defaults."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import of_type, one, run_stack
from tests.facts import ROLE_GUIDS
from tests.grants import grants_of
from tests.network.scenarios import BYO_SUBNET, scenario
from tests.stack_values import stack_config
from tests.test_data_landing_zone import DEV_LAKE, NS, default_products_config

# the Default product's own resource group
DP = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
    "rg-contoso-demand-dev-weu-dp/providers"
)
IDENTITY = f"{DP}/Microsoft.ManagedIdentity/userAssignedIdentities/id-contoso-demand-dev-weu-ws"

PROD_STORAGE = {
    "accountName": "stcontosomlprodcc007",
    "allowBlobPublicAccess": False,
    "allowCrossTenantReplication": False,
    "allowSharedKeyAccess": False,
    "defaultToOAuthAuthentication": True,
    "enableHttpsTrafficOnly": True,
    "isHnsEnabled": False,
    "kind": "StorageV2",
    "location": "westeurope",
    "minimumTlsVersion": "TLS1_2",
    "networkRuleSet": {"bypass": "AzureServices", "defaultAction": "Deny", "ipRules": []},
    "publicNetworkAccess": "Disabled",
    "resourceGroupName": "rg-contoso-ml-prod-weu-hub",
    "sku": {"name": "Standard_GZRS"},
}

PROD_BLOB = {
    "accountName": "stcontosomlprodcc007",
    "blobServicesName": "default",
    "containerDeleteRetentionPolicy": {"days": 14, "enabled": True},
    "deleteRetentionPolicy": {"days": 14, "enabled": True},
    "resourceGroupName": "rg-contoso-ml-prod-weu-hub",
}

PROD_FILE = {
    "accountName": "stcontosomlprodcc007",
    "fileServicesName": "default",
    "resourceGroupName": "rg-contoso-ml-prod-weu-hub",
    "shareDeleteRetentionPolicy": {"days": 14, "enabled": True},
}

PROD_VAULT = {
    "location": "westeurope",
    "properties": {
        "enablePurgeProtection": True,
        "enableRbacAuthorization": True,
        "enableSoftDelete": True,
        "networkAcls": {"bypass": "AzureServices", "defaultAction": "Deny", "ipRules": []},
        "publicNetworkAccess": "Disabled",
        "sku": {"family": "A", "name": "standard"},
        "softDeleteRetentionInDays": 90,
        "tenantId": "11111111-1111-1111-1111-111111111111",
    },
    "resourceGroupName": "rg-contoso-ml-prod-weu-hub",
    "vaultName": "kv-contoso-prod-cc007",
}

PROD_REGISTRY = {
    "adminUserEnabled": False,
    "anonymousPullEnabled": False,
    "location": "westeurope",
    "networkRuleBypassOptions": "AzureServices",
    "networkRuleSet": {"defaultAction": "Deny", "ipRules": []},
    "policies": {"exportPolicy": {"status": "disabled"}},
    "publicNetworkAccess": "Disabled",
    "registryName": "crcontosomlprodcc007",
    "resourceGroupName": "rg-contoso-ml-prod-weu-hub",
    "sku": {"name": "Premium"},
    "zoneRedundancy": "Enabled",
}

PROD_ML_REGISTRY = {
    "identity": {"type": "SystemAssigned"},
    "location": "westeurope",
    "publicNetworkAccess": "Disabled",
    "regionDetails": [
        {
            "acrDetails": [{"systemCreatedAcrAccount": {"acrAccountSku": "Premium"}}],
            "location": "westeurope",
            "storageAccountDetails": [
                {
                    "systemCreatedStorageAccount": {
                        "allowBlobPublicAccess": False,
                        "storageAccountHnsEnabled": False,
                        "storageAccountType": "Standard_ZRS",
                    }
                }
            ],
        }
    ],
    "registryName": "mlr-contoso-ml-prod-weu-cc007",
    "resourceGroupName": "rg-contoso-ml-prod-weu-hub",
}

DEV_INSTANCE = {
    "computeName": "ci-demand-alice",
    "identity": {
        "type": "UserAssigned",
        "userAssignedIdentities": [IDENTITY],
    },
    "location": "westeurope",
    "properties": {
        "computeType": "ComputeInstance",
        "disableLocalAuth": True,
        "properties": {
            "applicationSharingPolicy": "Personal",
            "computeInstanceAuthorizationType": "personal",
            "enableNodePublicIp": False,
            "idleTimeBeforeShutdown": "PT60M",
            "personalComputeInstanceSettings": {
                "assignedUser": {
                    "objectId": "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7",
                    "tenantId": "11111111-1111-1111-1111-111111111111",
                }
            },
            "sshSettings": {"sshPublicAccess": "Disabled"},
            "vmSize": "Standard_DS11_v2",
        },
    },
    "resourceGroupName": "rg-contoso-demand-dev-weu-dp",
    "workspaceName": "proj-contoso-demand-dev",
}

DEFAULT_PRODUCT_WORKSPACE = {
    "allowPublicAccessWhenBehindVnet": False,
    "applicationInsights": f"{DP}/Microsoft.Insights/components/appi-contoso-demand-dev-weu",
    "containerRegistry": f"{DP}/Microsoft.ContainerRegistry/registries/crdemanddev18bfc",
    "description": "Demand forecasting on the curated sales data.",
    "friendlyName": "demand (dev)",
    "hbiWorkspace": False,
    "identity": {
        "type": "UserAssigned",
        "userAssignedIdentities": [IDENTITY],
    },
    "imageBuildCompute": "cpu-cluster",
    "keyVault": f"{DP}/Microsoft.KeyVault/vaults/kv-contoso-dev-18bfc",
    "kind": "Default",
    "location": "westeurope",
    # provisioned with the workspace, before the product's computes (pulumi-azure-native #3212)
    "provisionNetworkNow": True,
    "managedNetwork": {
        "isolationMode": "AllowOnlyApprovedOutbound",
        "outboundRules": {
            "lake-dev-blob": {
                "category": "UserDefined",
                "destination": {
                    "serviceResourceId": DEV_LAKE,
                    "sparkEnabled": False,
                    "subresourceTarget": "blob",
                },
                "type": "PrivateEndpoint",
            },
            "lake-dev-dfs": {
                "category": "UserDefined",
                "destination": {
                    "serviceResourceId": DEV_LAKE,
                    "sparkEnabled": False,
                    "subresourceTarget": "dfs",
                },
                "type": "PrivateEndpoint",
            },
        },
    },
    "primaryUserAssignedIdentity": IDENTITY,
    "publicNetworkAccess": "Disabled",
    "resourceGroupName": "rg-contoso-demand-dev-weu-dp",
    "sku": {"name": "Basic", "tier": "Basic"},
    "storageAccount": f"{DP}/Microsoft.Storage/storageAccounts/stdemanddev18bfc",
    "systemDatastoresAuthMode": "Identity",
    "workspaceName": "mlw-contoso-demand-dev",
}

MAX_VAULT = {
    "location": "westeurope",
    "properties": {
        "enableRbacAuthorization": True,
        "enableSoftDelete": True,
        "networkAcls": {"bypass": "AzureServices", "defaultAction": "Deny", "ipRules": []},
        "publicNetworkAccess": "Disabled",
        "sku": {"family": "A", "name": "standard"},
        "softDeleteRetentionInDays": 90,
        "tenantId": "11111111-1111-1111-1111-111111111111",
    },
    "resourceGroupName": "rg-contoso-ml-dev-weu-hub",
    "vaultName": "kv-contoso-dev-3421b",
}


def inputs(run: ProgramRun, token: str, name: str) -> dict[str, Any]:
    return {k: v for k, v in one(run, token, name).inputs.items() if k != "tags"}


@pytest.mark.parametrize(
    ("token", "name", "expected"),
    [
        ("azure-native:storage:StorageAccount", "hub-st", PROD_STORAGE),
        ("azure-native:storage:BlobServiceProperties", "hub-st-blob", PROD_BLOB),
        ("azure-native:storage:FileServiceProperties", "hub-st-file", PROD_FILE),
        ("azure-native:keyvault:Vault", "hub-kv", PROD_VAULT),
        ("azure-native:containerregistry:Registry", "hub-cr", PROD_REGISTRY),
        ("azure-native:machinelearningservices:Registry", "hub-mlr", PROD_ML_REGISTRY),
    ],
)
def test_prod_hardened_resources_have_exactly_these_inputs(
    token: str, name: str, expected: dict[str, Any]
) -> None:
    assert inputs(run_stack("prod"), token, name) == expected


@pytest.mark.parametrize(
    ("token", "name"),
    [
        ("azure-native:managedidentity:UserAssignedIdentity", "hub-id"),
        ("azure-native:keyvault:Key", "hub-cmk"),
        ("azure-native:keyvault:Vault", "hub-kv"),
        ("azure-native:storage:StorageAccount", "hub-st"),
        ("azure-native:containerregistry:Registry", "hub-cr"),
        ("azure-native:machinelearningservices:Registry", "hub-mlr"),
        ("azure-native:machinelearningservices:Workspace", "hub-hub"),
        ("azure-native:operationalinsights:Workspace", "hub-log"),
        ("azure-native:managedidentity:UserAssignedIdentity", "hub-dlz-demand-id"),
    ],
)
def test_prod_protects_the_hub_identity_its_key_and_every_stateful_resource(
    token: str, name: str
) -> None:
    """Deleting the identity or the key makes the CMK-encrypted workspace unreadable."""
    assert one(run_stack("prod"), token, name).protect


def test_the_personal_compute_instance_is_private_keyless_and_unshared() -> None:
    run = run_stack("dev")
    assert (
        inputs(
            run, "azure-native:machinelearningservices:Compute", "hub-dlz-demand-ci-ci-demand-alice"
        )
        == DEV_INSTANCE
    )


def test_a_default_products_workspace_has_exactly_these_inputs() -> None:
    run = run_stack("dev", default_products_config())
    workspace = inputs(run, "azure-native:machinelearningservices:Workspace", "hub-dlz-demand-mlw")
    assert workspace == DEFAULT_PRODUCT_WORKSPACE


# A Default product's vault takes no settings from the stack: purge protection on, and the
# longest soft-delete retention Key Vault allows (7 to 90 days, 90 by default: "Azure Key Vault
# soft-delete overview", https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview)
DEFAULT_PRODUCT_VAULT = {
    **PROD_VAULT,  # the same properties, from no settings at all
    "resourceGroupName": "rg-contoso-demand-dev-weu-dp",
    "vaultName": "kv-contoso-dev-18bfc",
}


def test_a_default_products_key_vault_has_exactly_these_inputs() -> None:
    run = run_stack("dev", default_products_config())
    assert inputs(run, "azure-native:keyvault:Vault", "hub-dlz-demand-kv") == DEFAULT_PRODUCT_VAULT


def test_max_leaves_purge_protection_out_rather_than_false() -> None:
    """ARM refuses enablePurgeProtection false; leaving it out is how it stays off."""
    assert inputs(scenario("max"), "azure-native:keyvault:Vault", "hub-kv") == MAX_VAULT
    assert "enablePurgeProtection" not in MAX_VAULT["properties"]


def test_max_switches_on_the_hub_options_the_shipped_stacks_leave_alone() -> None:
    run = scenario("max")
    hub = inputs(run, "azure-native:machinelearningservices:Workspace", "hub-hub")
    assert hub["serverlessComputeSettings"] == {
        "serverlessComputeCustomSubnet": BYO_SUBNET,
        "serverlessComputeNoPublicIP": False,
    }
    assert hub["imageBuildCompute"] == "ci-image-build"
    assert "containerRegistry" not in hub
    assert of_type(run, "azure-native:containerregistry:Registry") == []
    assert (
        inputs(run, "azure-native:operationalinsights:Workspace", "hub-log")["retentionInDays"]
        == 730
    )
    assert of_type(run, "time:index/sleep:Sleep") == []  # rbacPropagationWait 0s
    identity_grants = {g for g in grants_of(run) if g[0] == "identity:hub-id"}
    assert {(role, scope.split("/")[0]) for _, role, scope in identity_grants} == {
        ("Contributor", "storageAccounts"),
        ("Storage Blob Data Contributor", "storageAccounts"),
        ("Contributor", "vaults"),
        ("Key Vault Administrator", "vaults"),
        ("Contributor", "components"),
        ("Contributor", "workspaces"),
        ("Reader", "privateEndpoints"),
        # the promotion registry: use it (on its group, which its owner's lock does not cover)
        # and approve the hub network's endpoints to it, its storage and its ACR
        ("AzureML Registry User", "resourceGroups"),
        ("Azure AI Enterprise Network Connection Approver", "registries"),
        ("Azure AI Enterprise Network Connection Approver", "storageAccounts"),
    }
    assert ROLE_GUIDS["AcrPull"] not in str(identity_grants)


def test_a_registry_that_is_not_zone_redundant_says_so_at_creation() -> None:
    registry = scenario("us-gov")  # usgovvirginia has zones; the default stays Enabled
    assert (
        inputs(registry, "azure-native:containerregistry:Registry", "hub-cr")["zoneRedundancy"]
        == "Enabled"
    )
    config = copy.deepcopy(stack_config("dev"))
    config[f"{NS}:hub"]["registryZoneRedundancy"] = False
    run = run_stack("dev", config)
    assert inputs(run, "azure-native:containerregistry:Registry", "hub-cr")["zoneRedundancy"] == (
        "Disabled"
    )
