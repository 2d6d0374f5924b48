"""One table from azure-native type token to ARM resource type, id template and name input.

Shared by everything that needs it: the offline engine's mocks build realistic ids from it, and
the policy pack finds a resource's Azure name and matches ARM ids to resources with it."""

from __future__ import annotations

from dataclasses import dataclass

# The id of a resource group, the prefix of every resource id in it.
RG_ID = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"


@dataclass(frozen=True)
class ArmType:
    """How azure-native names one resource type in ARM.

    ``template`` uses the provider's camelCase input names as placeholders (plus
    ``subscriptionId``); ``name_input`` is the input holding the resource's own name (read from
    the SDK's ``*Args`` class); ``default_name`` is used when that input is absent (the provider
    would auto-name it; offline we fall back to the Pulumi resource name unless ARM fixes it).
    """

    arm_type: str
    template: str
    name_input: str
    default_name: str | None = None


# azure-native token -> ARM shape. Name inputs verified against
# pulumi_azure_native/<module>/<resource>.py (the ``*Args`` getters) for SDK 3.29.
ARM_TYPES: dict[str, ArmType] = {
    "azure-native:resources:ResourceGroup": ArmType(
        "Microsoft.Resources/resourceGroups", RG_ID, "resourceGroupName"
    ),
    "azure-native:storage:StorageAccount": ArmType(
        "Microsoft.Storage/storageAccounts",
        RG_ID + "/providers/Microsoft.Storage/storageAccounts/{accountName}",
        "accountName",
    ),
    "azure-native:storage:FileServiceProperties": ArmType(
        "Microsoft.Storage/storageAccounts/fileServices",
        RG_ID + "/providers/Microsoft.Storage/storageAccounts/{accountName}"
        "/fileServices/{fileServicesName}",
        "fileServicesName",
        default_name="default",  # ARM allows only "default"
    ),
    "azure-native:storage:BlobServiceProperties": ArmType(
        "Microsoft.Storage/storageAccounts/blobServices",
        RG_ID + "/providers/Microsoft.Storage/storageAccounts/{accountName}"
        "/blobServices/{blobServicesName}",
        "blobServicesName",
        default_name="default",  # ARM allows only "default"
    ),
    "azure-native:keyvault:Vault": ArmType(
        "Microsoft.KeyVault/vaults",
        RG_ID + "/providers/Microsoft.KeyVault/vaults/{vaultName}",
        "vaultName",
    ),
    "azure-native:keyvault:Key": ArmType(
        "Microsoft.KeyVault/vaults/keys",
        RG_ID + "/providers/Microsoft.KeyVault/vaults/{vaultName}/keys/{keyName}",
        "keyName",
    ),
    "azure-native:containerregistry:Registry": ArmType(
        "Microsoft.ContainerRegistry/registries",
        RG_ID + "/providers/Microsoft.ContainerRegistry/registries/{registryName}",
        "registryName",
    ),
    "azure-native:operationalinsights:Workspace": ArmType(
        "Microsoft.OperationalInsights/workspaces",
        RG_ID + "/providers/Microsoft.OperationalInsights/workspaces/{workspaceName}",
        "workspaceName",
    ),
    "azure-native:applicationinsights:Component": ArmType(
        "Microsoft.Insights/components",
        RG_ID + "/providers/Microsoft.Insights/components/{resourceName}",
        "resourceName",
    ),
    "azure-native:monitor:PrivateLinkScope": ArmType(
        "Microsoft.Insights/privateLinkScopes",
        RG_ID + "/providers/Microsoft.Insights/privateLinkScopes/{scopeName}",
        "scopeName",
    ),
    "azure-native:monitor:PrivateLinkScopedResource": ArmType(
        "Microsoft.Insights/privateLinkScopes/scopedResources",
        RG_ID
        + "/providers/Microsoft.Insights/privateLinkScopes/{scopeName}/scopedResources/{name}",
        "name",
    ),
    "azure-native:machinelearningservices:Workspace": ArmType(
        "Microsoft.MachineLearningServices/workspaces",
        RG_ID + "/providers/Microsoft.MachineLearningServices/workspaces/{workspaceName}",
        "workspaceName",
    ),
    "azure-native:machinelearningservices:Registry": ArmType(
        "Microsoft.MachineLearningServices/registries",
        RG_ID + "/providers/Microsoft.MachineLearningServices/registries/{registryName}",
        "registryName",
    ),
    "azure-native:machinelearningservices:Compute": ArmType(
        "Microsoft.MachineLearningServices/workspaces/computes",
        RG_ID + "/providers/Microsoft.MachineLearningServices/workspaces/{workspaceName}"
        "/computes/{computeName}",
        "computeName",
    ),
    "azure-native:machinelearningservices:Datastore": ArmType(
        "Microsoft.MachineLearningServices/workspaces/datastores",
        RG_ID + "/providers/Microsoft.MachineLearningServices/workspaces/{workspaceName}"
        "/datastores/{name}",
        "name",
    ),
    "azure-native:machinelearningservices:WorkspaceConnection": ArmType(
        "Microsoft.MachineLearningServices/workspaces/connections",
        RG_ID + "/providers/Microsoft.MachineLearningServices/workspaces/{workspaceName}"
        "/connections/{connectionName}",
        "connectionName",
    ),
    "azure-native:managedidentity:UserAssignedIdentity": ArmType(
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        RG_ID + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}",
        "resourceName",
    ),
    "azure-native:network:NetworkSecurityGroup": ArmType(
        "Microsoft.Network/networkSecurityGroups",
        RG_ID + "/providers/Microsoft.Network/networkSecurityGroups/{networkSecurityGroupName}",
        "networkSecurityGroupName",
    ),
    "azure-native:network:VirtualNetwork": ArmType(
        "Microsoft.Network/virtualNetworks",
        RG_ID + "/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}",
        "virtualNetworkName",
    ),
    "azure-native:network:Subnet": ArmType(
        "Microsoft.Network/virtualNetworks/subnets",
        RG_ID + "/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}"
        "/subnets/{subnetName}",
        "subnetName",
    ),
    "azure-native:network:PrivateEndpoint": ArmType(
        "Microsoft.Network/privateEndpoints",
        RG_ID + "/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}",
        "privateEndpointName",
    ),
    "azure-native:network:PrivateDnsZoneGroup": ArmType(
        "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
        RG_ID + "/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}"
        "/privateDnsZoneGroups/{privateDnsZoneGroupName}",
        "privateDnsZoneGroupName",
    ),
    "azure-native:privatedns:PrivateZone": ArmType(
        "Microsoft.Network/privateDnsZones",
        RG_ID + "/providers/Microsoft.Network/privateDnsZones/{privateZoneName}",
        "privateZoneName",
    ),
    "azure-native:privatedns:VirtualNetworkLink": ArmType(
        "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
        RG_ID + "/providers/Microsoft.Network/privateDnsZones/{privateZoneName}"
        "/virtualNetworkLinks/{virtualNetworkLinkName}",
        "virtualNetworkLinkName",
    ),
    "azure-native:monitor:ActionGroup": ArmType(
        "Microsoft.Insights/actionGroups",
        RG_ID + "/providers/Microsoft.Insights/actionGroups/{actionGroupName}",
        "actionGroupName",
    ),
    "azure-native:monitor:MetricAlert": ArmType(
        "Microsoft.Insights/metricAlerts",
        RG_ID + "/providers/Microsoft.Insights/metricAlerts/{ruleName}",
        "ruleName",
    ),
    "azure-native:monitor:ScheduledQueryRule": ArmType(
        "Microsoft.Insights/scheduledQueryRules",
        RG_ID + "/providers/Microsoft.Insights/scheduledQueryRules/{ruleName}",
        "ruleName",
    ),
    "azure-native:applicationinsights:Workbook": ArmType(
        "Microsoft.Insights/workbooks",
        RG_ID + "/providers/Microsoft.Insights/workbooks/{resourceName}",
        "resourceName",
    ),
    # Extension resources: the id hangs off whatever they are attached to.
    "azure-native:consumption:Budget": ArmType(
        "Microsoft.Consumption/budgets",
        "{scope}/providers/Microsoft.Consumption/budgets/{budgetName}",
        "budgetName",
    ),
    "azure-native:authorization:RoleAssignment": ArmType(
        "Microsoft.Authorization/roleAssignments",
        "{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}",
        "roleAssignmentName",
    ),
    "azure-native:monitor:DiagnosticSetting": ArmType(
        "Microsoft.Insights/diagnosticSettings",
        "{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}",
        "name",
    ),
    # A lock on any scope (the landing zone's per-resource locks): "{scope}/providers/
    # Microsoft.Authorization/locks/{lockName}" (REST "Management Locks - Create Or Update By
    # Scope", https://learn.microsoft.com/rest/api/resources/management-locks/create-or-update-by-scope).
    "azure-native:authorization:ManagementLockByScope": ArmType(
        "Microsoft.Authorization/locks",
        "{scope}/providers/Microsoft.Authorization/locks/{lockName}",
        "lockName",
    ),
    "azure-native:authorization:ManagementLockAtResourceLevel": ArmType(
        "Microsoft.Authorization/locks",
        RG_ID + "/providers/{resourceProviderNamespace}/{parentResourcePath}/{resourceType}"
        "/{resourceName}/providers/Microsoft.Authorization/locks/{lockName}",
        "lockName",
    ),
    "azure-native:authorization:ManagementLockAtResourceGroupLevel": ArmType(
        "Microsoft.Authorization/locks",
        RG_ID + "/providers/Microsoft.Authorization/locks/{lockName}",
        "lockName",
    ),
}
