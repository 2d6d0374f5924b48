"""azure-native type token -> ARM id template, the way azure-native builds ids.

azure-native builds an id by substituting the resource's path parameters (their SDK, camelCase,
names) into the REST path of its PUT operation; parameters that are sub-paths (``scope``,
``resourceUri``) are trimmed of leading and trailing slashes
(pulumi-azure-native provider/pkg/provider/crud/crud.go PrepareAzureRESTIdAndQuery). The paths
below are the PUT paths of the REST API version each token uses in azure-native 3.29.0 (the
version named in the Python SDK's docstrings, e.g. "Uses Azure REST API version 2025-12-01").

Replacement ("force new"): every path parameter, plus the properties azure-native marks ForceNew:
its explicit forceNewMap (provider/pkg/gen/replacement.go) and top-level body properties whose
spec says ``x-ms-mutability: [create, read]`` (provider/pkg/gen/properties.go forceNew /
propChangeForcesRecreate); nested properties of referenced types never force replacement
unless forceNewMap lists them.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from .values import known_text

_RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
_P = _RG + "/providers/"
_ML = _P + "Microsoft.MachineLearningServices/workspaces/{workspaceName}"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
SUBPATH_PARAMS = frozenset({"scope", "resourceUri"})
NAMESPACE = uuid.UUID("0b6f1f5e-5d0c-4d36-9a4e-6a2f1c0de5a1")


@dataclass(frozen=True)
class ArmType:
    token: str
    template: str
    name_param: str | None
    api_version: str = ""
    autoname: str | None = "random"  # azure-native AutoNameRandom / AutoNameUuid / None
    defaults: dict[str, str] = field(default_factory=dict)  # fixed singleton names
    force_new: frozenset[str] = frozenset()
    refs: tuple[str, ...] = ()  # input paths that hold ARM ids which must exist
    network_refs: bool = False  # Microsoft.Network words a missing reference its own way
    global_name: str | None = None  # storage / vault / acr / mlregistry

    @property
    def params(self) -> list[str]:
        return [p for p in _PLACEHOLDER.findall(self.template) if p != "subscriptionId"]

    @property
    def replace_keys(self) -> frozenset[str]:
        return frozenset(self.params) | self.force_new


def _t(token: str, template: str, name: str | None, api: str, **kw: Any) -> ArmType:
    return ArmType("azure-native:" + token, template, name, api, **kw)


_UAI = "identity.userAssignedIdentities[]"
_TYPES: list[ArmType] = [
    # forceNewMap "Resources/ResourceGroup": location.
    _t(
        "resources:ResourceGroup",
        _RG,
        "resourceGroupName",
        "2024-03-01",
        force_new=frozenset({"location"}),
    ),
    # forceNewMap "Storage/StorageAccount": isHnsEnabled, location.
    _t(
        "storage:StorageAccount",
        _P + "Microsoft.Storage/storageAccounts/{accountName}",
        "accountName",
        "2024-01-01",
        force_new=frozenset({"isHnsEnabled", "location"}),
        global_name="storage",
    ),
    _t(
        "storage:BlobServiceProperties",
        _P + "Microsoft.Storage/storageAccounts/{accountName}/blobServices/{blobServicesName}",
        "blobServicesName",
        "2024-01-01",
        autoname=None,
        defaults={"blobServicesName": "default"},
    ),
    _t(
        "storage:FileServiceProperties",
        _P + "Microsoft.Storage/storageAccounts/{accountName}/fileServices/{fileServicesName}",
        "fileServicesName",
        "2024-01-01",
        autoname=None,
        defaults={"fileServicesName": "default"},
    ),
    _t(
        "keyvault:Vault",
        _P + "Microsoft.KeyVault/vaults/{vaultName}",
        "vaultName",
        "2024-11-01",
        global_name="vault",
    ),
    _t(
        "keyvault:Key",
        _P + "Microsoft.KeyVault/vaults/{vaultName}/keys/{keyName}",
        "keyName",
        "2024-11-01",
    ),
    _t(
        "containerregistry:Registry",
        _P + "Microsoft.ContainerRegistry/registries/{registryName}",
        "registryName",
        "2023-01-01-preview",
        global_name="acr",
    ),
    _t(
        "operationalinsights:Workspace",
        _P + "Microsoft.OperationalInsights/workspaces/{workspaceName}",
        "workspaceName",
        "2023-09-01",
    ),
    _t(
        "applicationinsights:Component",
        _P + "Microsoft.Insights/components/{resourceName}",
        "resourceName",
        "2020-02-02",
        refs=("workspaceResourceId",),
    ),
    _t(
        "applicationinsights:Workbook",
        _P + "Microsoft.Insights/workbooks/{resourceName}",
        "resourceName",
        "2023-06-01",
        autoname="uuid",
    ),
    _t(
        "monitor:PrivateLinkScope",
        _P + "Microsoft.Insights/privateLinkScopes/{scopeName}",
        "scopeName",
        "2023-06-01-preview",
    ),
    _t(
        "monitor:PrivateLinkScopedResource",
        _P + "Microsoft.Insights/privateLinkScopes/{scopeName}/scopedResources/{name}",
        "name",
        "2023-06-01-preview",
        refs=("linkedResourceId",),
    ),
    _t(
        "monitor:DiagnosticSetting",
        "/{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}",
        "name",
        "2021-05-01-preview",
        refs=("workspaceId", "storageAccountId", "eventHubAuthorizationRuleId"),
    ),
    _t(
        "monitor:MetricAlert",
        _P + "Microsoft.Insights/metricAlerts/{ruleName}",
        "ruleName",
        "2018-03-01",
        refs=("scopes[]", "actions[].actionGroupId"),
    ),
    _t(
        "monitor:ActionGroup",
        _P + "Microsoft.Insights/actionGroups/{actionGroupName}",
        "actionGroupName",
        "2024-10-01-preview",
    ),
    _t(
        "monitor:ScheduledQueryRule",
        _P + "Microsoft.Insights/scheduledQueryRules/{ruleName}",
        "ruleName",
        "2025-01-01-preview",
        refs=("scopes[]", "actions.actionGroups[]"),
    ),
    _t(
        "machinelearningservices:Workspace",
        _ML,
        "workspaceName",
        "2025-12-01",
        refs=(
            "storageAccount",
            "keyVault",
            "containerRegistry",
            "applicationInsights",
            "hubResourceId",
            "primaryUserAssignedIdentity",
            _UAI,
            "encryption.keyVaultProperties.keyVaultArmId",
            "encryption.identity.userAssignedIdentity",
        ),
    ),
    _t(
        "machinelearningservices:Registry",
        _P + "Microsoft.MachineLearningServices/registries/{registryName}",
        "registryName",
        "2025-12-01",
        refs=(_UAI,),
        global_name="mlregistry",
    ),
    _t(
        "machinelearningservices:Compute",
        _ML + "/computes/{computeName}",
        "computeName",
        "2025-12-01",
        refs=(_UAI,),
    ),
    _t("machinelearningservices:Datastore", _ML + "/datastores/{name}", "name", "2025-12-01"),
    _t(
        "machinelearningservices:WorkspaceConnection",
        _ML + "/connections/{connectionName}",
        "connectionName",
        "2025-12-01",
        refs=("properties.metadata.ResourceId",),
    ),
    _t(
        "machinelearningservices:OnlineEndpoint",
        _ML + "/onlineEndpoints/{endpointName}",
        "endpointName",
        "2025-12-01",
        refs=(_UAI,),
    ),
    _t(
        "managedidentity:UserAssignedIdentity",
        _P + "Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}",
        "resourceName",
        "2023-01-31",
    ),
    # forceNewMap "Authorization/RoleAssignment": principalId, scope. Names are GUIDs
    # (azure-native AutoNameUuid, issue pulumi-azure-native#625).
    _t(
        "authorization:RoleAssignment",
        "/{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}",
        "roleAssignmentName",
        "2022-04-01",
        autoname="uuid",
        force_new=frozenset({"principalId", "scope"}),
    ),
    _t(
        "authorization:ManagementLockByScope",
        "/{scope}/providers/Microsoft.Authorization/locks/{lockName}",
        "lockName",
        "2020-05-01",
    ),
    _t(
        "consumption:Budget",
        "/{scope}/providers/Microsoft.Consumption/budgets/{budgetName}",
        "budgetName",
        "2024-08-01",
        refs=("notifications.*.contactGroups[]",),
    ),
    # forceNewMap "Network/VirtualNetwork": location; "Network/PrivateEndpoint": subnet
    # (pulumi-azure-native#3883).
    _t(
        "network:VirtualNetwork",
        _P + "Microsoft.Network/virtualNetworks/{virtualNetworkName}",
        "virtualNetworkName",
        "2024-05-01",
        force_new=frozenset({"location"}),
    ),
    _t(
        "network:Subnet",
        _P + "Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}",
        "subnetName",
        "2024-05-01",
        refs=("networkSecurityGroup.id", "routeTable.id"),
        network_refs=True,
    ),
    _t(
        "network:NetworkSecurityGroup",
        _P + "Microsoft.Network/networkSecurityGroups/{networkSecurityGroupName}",
        "networkSecurityGroupName",
        "2024-05-01",
    ),
    _t(
        "network:PrivateEndpoint",
        _P + "Microsoft.Network/privateEndpoints/{privateEndpointName}",
        "privateEndpointName",
        "2024-05-01",
        force_new=frozenset({"subnet"}),
        refs=("subnet.id", "privateLinkServiceConnections[].privateLinkServiceId"),
        network_refs=True,
    ),
    _t(
        "network:PrivateDnsZoneGroup",
        _P + "Microsoft.Network/privateEndpoints/{privateEndpointName}"
        "/privateDnsZoneGroups/{privateDnsZoneGroupName}",
        "privateDnsZoneGroupName",
        "2024-05-01",
        refs=("privateDnsZoneConfigs[].privateDnsZoneId",),
        network_refs=True,
    ),
    _t(
        "privatedns:PrivateZone",
        _P + "Microsoft.Network/privateDnsZones/{privateZoneName}",
        "privateZoneName",
        "2024-06-01",
        autoname=None,
    ),
    _t(
        "privatedns:VirtualNetworkLink",
        _P + "Microsoft.Network/privateDnsZones/{privateZoneName}"
        "/virtualNetworkLinks/{virtualNetworkLinkName}",
        "virtualNetworkLinkName",
        "2024-06-01",
        refs=("virtualNetwork.id",),
        network_refs=True,
    ),
    # forceNewMap "ContainerService/ManagedCluster" (pulumi-azure-native#4756 for networkProfile).
    _t(
        "containerservice:ManagedCluster",
        _P + "Microsoft.ContainerService/managedClusters/{resourceName}",
        "resourceName",
        "2025-09-01",
        refs=(_UAI,),
        force_new=frozenset(
            {
                "diskEncryptionSetID",
                "dnsPrefix",
                "fqdnSubdomain",
                "linuxProfile",
                "location",
                "nodeResourceGroup",
                "windowsProfile",
                "networkProfile.serviceCidr",
                "networkProfile.serviceCidrs",
                "networkProfile.dnsServiceIP",
                "networkProfile.networkMode",
                "networkProfile.networkPlugin",
                "networkProfile.networkPluginMode",
                "networkProfile.podCidr",
                "networkProfile.networkDataplane",
                "networkProfile.networkPolicy",
                "networkProfile.outboundType",
            }
        ),
    ),
    _t(
        "kubernetesconfiguration:Extension",
        _RG + "/providers/{clusterRp}/{clusterResourceName}/{clusterName}"
        "/providers/Microsoft.KubernetesConfiguration/extensions/{extensionName}",
        "extensionName",
        "2023-05-01",
    ),
]
TYPES: dict[str, ArmType] = {t.token: t for t in _TYPES}


def generic(token: str, inputs: dict[str, Any]) -> ArmType:
    """A plausible shape for a type not in the table: resourceGroupName + the ``...Name`` input."""
    _, module, type_name = ([*token.split(":"), "", ""])[:3]
    namespace = "Microsoft." + module[:1].upper() + module[1:]
    collection = type_name[:1].lower() + type_name[1:] + "s"
    names = [k for k in inputs if k.endswith("Name") and k != "resourceGroupName"]
    name_param = names[0] if names else "name"
    base = _P if "resourceGroupName" in inputs else "/subscriptions/{subscriptionId}/providers/"
    return ArmType(token, f"{base}{namespace}/{collection}/{{{name_param}}}", name_param)


def lookup(token: str, inputs: dict[str, Any]) -> ArmType:
    return TYPES.get(token) or generic(token, inputs)


def build_id(arm: ArmType, inputs: dict[str, Any], subscription: str) -> str | None:
    """The ARM id, or None while a path parameter is missing or unknown."""
    values: dict[str, str] = {"subscriptionId": subscription}
    for param in arm.params:
        text = known_text(inputs.get(param)) or arm.defaults.get(param)
        if text is None:
            return None
        values[param] = text.strip("/") if param in SUBPATH_PARAMS else text
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], arm.template)


def parent_id(arm: ArmType, resource_id: str) -> str | None:
    """The resource group or parent resource that must exist first (None for extension
    resources, whose parent is their scope: see ``extension_scope``)."""
    if arm.template.startswith("/{"):
        return None
    parts = resource_id.strip("/").split("/")
    if len(parts) <= 4:
        return None  # a resource group's subscription always exists here
    if len(parts) >= 10 and parts[-4].lower() == "providers":
        return "/" + "/".join(parts[:-4])  # an extension of a resource (cluster extension)
    return "/" + "/".join(parts[:-2]) if len(parts) > 8 else "/" + "/".join(parts[:4])


def extension_scope(arm: ArmType, inputs: dict[str, Any]) -> str | None:
    for param in SUBPATH_PARAMS:
        if param in arm.params:
            text = known_text(inputs.get(param))
            return "/" + text.strip("/") if text else None
    return None


def resource_name(resource_id: str) -> str:
    return resource_id.rstrip("/").rsplit("/", 1)[-1]


def arm_type_of(resource_id: str) -> str:
    """``Microsoft.Storage/storageAccounts/blobServices`` for a blob service id."""
    parts = resource_id.strip("/").split("/")
    if "providers" not in parts:
        return "Microsoft.Resources/resourceGroups" if len(parts) == 4 else "subscriptions"
    at = len(parts) - 1 - parts[::-1].index("providers")
    rest = parts[at + 1 :]
    return "/".join([rest[0], *rest[1::2]])


def resource_group_of(resource_id: str) -> str | None:
    parts = resource_id.strip("/").split("/")
    if len(parts) >= 4 and parts[2].lower() == "resourcegroups":
        return "/" + "/".join(parts[:4])
    return None


def subscription_of(resource_id: str) -> str | None:
    parts = resource_id.strip("/").split("/")
    return parts[1] if len(parts) >= 2 and parts[0].lower() == "subscriptions" else None


def is_under(resource_id: str, scope: str) -> bool:
    """``resource_id`` is ``scope`` or nested below it (ARM ids compare case-insensitively)."""
    rid, sc = resource_id.lower().rstrip("/"), scope.lower().rstrip("/")
    return rid == sc or rid.startswith(sc + "/")


def guid(*parts: str) -> str:
    """A GUID that depends only on ``parts`` (uuid5): stands in for every GUID Azure makes."""
    return str(uuid.uuid5(NAMESPACE, "\n".join(parts)))
