"""Azure facts a reader can check in Microsoft's documentation, written down as literals.

Tests compare the library against these, never against the library's own tables: a digit swapped
in ``components/roles.py`` or a zone name mistyped in ``components/dns_zones.py`` must fail a
test, and it only can when the expectation comes from somewhere else. Change a value here only
with the page that says so.

- Role GUIDs: "Azure built-in roles",
  https://learn.microsoft.com/azure/role-based-access-control/built-in-roles (each role's ``name``).
- Private DNS zones: "Azure Private Endpoint private DNS zone values" (public, Azure Government
  and Microsoft Azure operated by 21Vianet tables),
  https://learn.microsoft.com/azure/private-link/private-endpoint-dns
- Name rules: "Naming rules and restrictions for Azure resources",
  https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
"""

from __future__ import annotations

ROLE_GUIDS: dict[str, str] = {
    "Owner": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "Contributor": "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "Reader": "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    "User Access Administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    "AzureML Data Scientist": "f6c7c914-8db3-469d-8ca1-694a8f32e121",
    "AzureML Compute Operator": "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815",
    "AzureML Registry User": "1823dd4f-9b8c-4ab6-ab4e-7397a3684615",
    "Azure AI Developer": "64702f94-c441-49e6-a78b-ef80e0188fee",
    "Azure AI Administrator": "b78c5d69-af96-48a3-bf8d-a8b4d589de94",
    "Azure AI Enterprise Network Connection Approver": "b556d68e-0be0-4f35-a333-ad7ee1ce17ea",
    "AcrPull": "7f951dda-4ed3-4680-a7ca-43fe172d538d",
    "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    "Storage Blob Data Reader": "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    "Storage File Data Privileged Contributor": "69566ab7-960f-475b-8e7c-b3118f30c6bd",
    "Storage File Data Privileged Reader": "b8eda974-7b85-4f76-af95-65846b26df6d",
    "Key Vault Administrator": "00482a5a-887f-4fb3-b363-3b7fe8e74483",
    "Key Vault Crypto Service Encryption User": "e147488a-f6f5-4113-8e2d-b22465e65bf6",
    "Key Vault Crypto Officer": "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
    # Azure built-in roles, Containers category: the roles an AKS cluster's attach needs
    # (learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers).
    "Kubernetes Extension Contributor": "85cb6faf-e071-4c9b-8136-154b5a04f717",
    "Azure Kubernetes Service Cluster Admin Role": "0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8",
    # What people get on an inference cluster with Azure RBAC for Kubernetes authorization: the
    # kubeconfig (Cluster User Role) and a Kubernetes role (RBAC Reader, Writer, Cluster Admin).
    "Azure Kubernetes Service Cluster User Role": "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
    "Azure Kubernetes Service RBAC Reader": "7f6c6a51-bcf8-42ba-9220-52d62157d7db",
    "Azure Kubernetes Service RBAC Writer": "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb",
    "Azure Kubernetes Service RBAC Cluster Admin": "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
    # Networking and Identity categories: what an AKS cluster's own identity needs on its
    # subnet, its custom private DNS zone and its kubelet identity
    # (learn.microsoft.com/azure/aks/private-clusters, .../aks/use-managed-identity).
    "Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7",
    "Private DNS Zone Contributor": "b12aa53e-6015-4669-85d0-8515ebb3ae7f",
    "Managed Identity Operator": "f1a07417-d97a-45cb-824c-7a7467783830",
}

# private-link group id -> the zones its endpoint registers in, per cloud. An Azure ML
# registry's endpoint (amlregistry) registers in the workspace API zone ("Network isolation with
# registries"). The 21Vianet table lists no Azure Monitor zones.
DNS_ZONES: dict[str, dict[str, tuple[str, ...]]] = {
    "AzureCloud": {
        "amlworkspace": ("privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"),
        "amlregistry": ("privatelink.api.azureml.ms",),
        "blob": ("privatelink.blob.core.windows.net",),
        "file": ("privatelink.file.core.windows.net",),
        "vault": ("privatelink.vaultcore.azure.net",),
        "registry": ("privatelink.azurecr.io",),
        "azuremonitor": (
            "privatelink.monitor.azure.com",
            "privatelink.oms.opinsights.azure.com",
            "privatelink.ods.opinsights.azure.com",
            "privatelink.agentsvc.azure-automation.net",
            "privatelink.blob.core.windows.net",
        ),
    },
    "AzureUSGovernment": {
        "amlworkspace": ("privatelink.api.ml.azure.us", "privatelink.notebooks.usgovcloudapi.net"),
        "amlregistry": ("privatelink.api.ml.azure.us",),
        "blob": ("privatelink.blob.core.usgovcloudapi.net",),
        "file": ("privatelink.file.core.usgovcloudapi.net",),
        "vault": ("privatelink.vaultcore.usgovcloudapi.net",),
        "registry": ("privatelink.azurecr.us",),
        "azuremonitor": (
            "privatelink.monitor.azure.us",
            "privatelink.adx.monitor.azure.us",
            "privatelink.oms.opinsights.azure.us",
            "privatelink.ods.opinsights.azure.us",
            "privatelink.agentsvc.azure-automation.us",
            "privatelink.blob.core.usgovcloudapi.net",
        ),
    },
    "AzureChinaCloud": {
        "amlworkspace": ("privatelink.api.ml.azure.cn", "privatelink.notebooks.chinacloudapi.cn"),
        "amlregistry": ("privatelink.api.ml.azure.cn",),
        "blob": ("privatelink.blob.core.chinacloudapi.cn",),
        "file": ("privatelink.file.core.chinacloudapi.cn",),
        "vault": ("privatelink.vaultcore.azure.cn",),
        "registry": ("privatelink.azurecr.cn",),
    },
}
# A region of each cloud, to ask the library for its zones.
CLOUD_REGIONS = {
    "AzureCloud": "westeurope",
    "AzureUSGovernment": "usgovvirginia",
    "AzureChinaCloud": "chinanorth3",
}
# The groups a hub with a container registry has endpoints for (no Azure Monitor scope).
HUB_GROUPS = ("amlworkspace", "blob", "file", "vault", "registry")

# Resource type -> (shortest, longest) name Azure accepts, from
# https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
NAME_LENGTHS: dict[str, tuple[int, int]] = {
    "storage": (3, 24),  # Microsoft.Storage/storageAccounts
    "key_vault": (3, 24),  # Microsoft.KeyVault/vaults
    "registry": (5, 50),  # Microsoft.ContainerRegistry/registries
    "workspace": (3, 33),  # Microsoft.MachineLearningServices/workspaces
    "resource_group": (1, 90),  # Microsoft.Resources/resourceGroups
    "kubernetes_cluster": (1, 63),  # Microsoft.ContainerService/managedClusters
    "private_endpoint": (2, 64),  # Microsoft.Network/privateEndpoints
    "log_analytics": (4, 63),  # Microsoft.OperationalInsights/workspaces
    "action_group_short": (1, 12),  # Microsoft.Insights/actionGroups groupShortName
    "budget": (1, 63),  # Microsoft.Consumption/budgets
    "compute": (2, 16),  # Microsoft.MachineLearningServices/workspaces/computes
    # the service's own message for instances: "between 3 and 24 characters"
    "compute_instance": (3, 24),
    "identity": (3, 128),  # Microsoft.ManagedIdentity/userAssignedIdentities
    "app_insights": (1, 260),  # Microsoft.Insights/components
    "action_group": (1, 260),  # Microsoft.Insights/actionGroups
    "metric_alert": (1, 260),  # Microsoft.Insights/metricAlerts
    "log_alert": (1, 260),  # Microsoft.Insights/scheduledQueryRules
    "virtual_network": (2, 64),  # Microsoft.Network/virtualNetworks
    "subnet": (1, 80),  # Microsoft.Network/virtualNetworks/subnets
    "network_security_group": (1, 80),  # Microsoft.Network/networkSecurityGroups
    "dns_link": (1, 80),  # Microsoft.Network/privateDnsZones/virtualNetworkLinks
}

# Key Vault: "soft-delete retention ... between 7 and 90 days",
# https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
KEY_VAULT_RETENTION_DAYS = (7, 90)

# With shared keys off, people reach the workspace storage through blob and file data roles
# ("Disable shared key authorization for the workspace storage",
# https://learn.microsoft.com/azure/machine-learning/how-to-disable-local-auth-storage): the
# landing zone's choice per workspace role, written out so a test never asks the library.
STORAGE_WRITE = ("Storage Blob Data Contributor", "Storage File Data Privileged Contributor")
STORAGE_READ = ("Storage Blob Data Reader", "Storage File Data Privileged Reader")
STORAGE_DATA_ROLES_OF = {
    "AzureML Data Scientist": STORAGE_WRITE,
    "AzureML Compute Operator": (),
    "Azure AI Developer": STORAGE_WRITE,
    "Azure AI Administrator": STORAGE_WRITE,
    "Reader": STORAGE_READ,
    "Contributor": STORAGE_WRITE,
    "Owner": STORAGE_WRITE,
}


def role_definition_guid(role_definition_id: str) -> str:
    """The GUID at the end of a role definition id."""
    return role_definition_id.rstrip("/").rsplit("/", 1)[-1]
