"""The resource-type registry: one entry per azure-native type token the library creates.

Everything that needs to know a resource type reads it here, and nowhere else:

* its ARM shape: the ARM type, the id template and the input holding its name (the offline
  engine's mocks build ids from them; the policy pack names resources and matches ARM ids);
* whether it takes tags and whether it holds state (the pack's ``required-tags`` and
  ``prod-protect`` / ``prod-resource-locks`` lists, the reports' ``protect=`` column);
* the settings a reviewer checks first (the text and Markdown reports);
* what Azure owns after creation and what Azure fixes at creation (the ``ignoreChanges`` and
  ``replaceOnChanges`` options the blocks give it: ``blocks/lifecycle.py`` says how the engine
  applies them and why each one is needed at all);
* the outputs Azure computes for it, as the offline engine's mocks answer them.

A type the program registers without an entry here fails the test suite
(tests/test_resource_types.py); CONTRIBUTING.md walks through adding one. The module imports
nothing but the standard library: the policy pack and the offline engine read it without loading
the component library."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

# The id of a resource group, the prefix of every resource id in it.
RG_ID = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
_PROVIDERS = RG_ID + "/providers/"


@dataclass(frozen=True)
class KeySetting:
    """One input the reports show next to a resource: a dotted path (``[]`` walks a list), its
    label (default: the path) and how its value is shown (default: as it is): ``arm_path`` an ARM
    id from its type on, ``role`` a role definition as the role's name, ``keys`` a map as its
    keys, ``principal`` a principal id as the stack names it (a group's key in the stack file,
    the resource whose identity it is: ``offline/access.py``)."""

    path: str
    label: str | None = None
    display: Literal["arm_path", "role", "keys", "principal"] | None = None


@dataclass(frozen=True)
class Lifecycle:
    """What Azure owns after creation (``ignoreChanges``: the engine keeps the state's value),
    what Azure fixes at creation (``replaceOnChanges``: a change replaces the resource) and
    whether a replacement deletes the old resource first (``deleteBeforeReplace``: only where
    the name is kept and nothing of value goes with the old one). Property paths in the
    engine's syntax, in the order the program sends them."""

    azure_owned: tuple[str, ...] = ()
    create_only: tuple[str, ...] = ()
    delete_first: bool = False


NO_LIFECYCLE = Lifecycle()


@dataclass(frozen=True)
class Link:
    """A dependency the architecture diagram draws as an edge: ``target`` is the ARM id of what
    the resource points at, an input path in braces (``{hubResourceId}``; ``[]`` walks a list,
    giving an edge each) or a template of several; ``label`` an input path whose values name the
    edge after ``text``; ``reverse`` draws it from the target (the hub -> its projects)."""

    target: str
    text: str = ""
    label: str | None = None
    reverse: bool = False


@dataclass(frozen=True)
class Diagram:
    """How the Markdown report's architecture diagram shows the type: ``node`` a box of its own
    (else counted in its component's summary); ``links`` the edges it adds, drawn from its own
    box, or the box of the resource its ARM id sits under (a datastore: its workspace), or one
    box for all of its type in the component (the private endpoints)."""

    node: bool = False
    links: tuple[Link, ...] = ()


NOT_DRAWN = Diagram()
_NODE = Diagram(node=True)


@dataclass(frozen=True)
class ResourceType:
    """One azure-native resource type as the library creates it.

    ``template`` is the ARM id with the provider's camelCase input names as placeholders (plus
    ``subscriptionId``); ``name_input`` the input holding the resource's own name (read from the
    SDK's ``*Args`` class); ``default_name`` the name ARM fixes when that input is absent, and
    ``generated_name`` whether the provider then picks a fresh GUID (else the Pulumi name).
    ``lifecycle`` is keyed by variant (a workspace's kind, a compute's type; ``""`` for a type
    with one). ``computed`` maps an output path (dots nest) to the template of the value Azure
    computes, with the placeholders ``{name}``, ``{name_lower}``, ``{location}``,
    ``{subscription}``, ``{tenant}``, ``{guid}`` (a GUID of the output's own key and the id),
    ``{guid:label}``, ``{hex:label}`` (a GUID's 32 hex digits), ``{input:key}`` and
    ``{output:key}``; ``computed_by`` names a computation a template cannot say
    (``offline/mocks.py``). ``rename_key`` holds the inputs a resource keeps when only its name
    changes: ``--compare`` pairs a deletion with a creation as one renamed resource only where
    they agree (a grant of another role is another grant, not a renamed one). ``diagram`` is
    how the architecture diagram draws it. ``container``: deleting it deletes whatever is still
    in it (a resource group), so ``--compare`` never calls its replacement harmless."""

    token: str
    arm_type: str
    template: str
    name_input: str
    default_name: str | None = None
    generated_name: bool = False
    taggable: bool = False
    stateful: bool = False
    container: bool = False
    key_settings: tuple[KeySetting, ...] = ()
    rename_key: tuple[KeySetting, ...] = ()
    diagram: Diagram = NOT_DRAWN
    lifecycle: Mapping[str, Lifecycle] = field(default_factory=dict)
    computed: Mapping[str, str] = field(default_factory=dict)
    computed_by: str | None = None

    def lifecycle_of(self, variant: str = "") -> Lifecycle:
        """The lifecycle options of ``variant`` (none registered: none)."""
        return self.lifecycle.get(variant, NO_LIFECYCLE)


RESOURCE_TYPES: dict[str, ResourceType] = {}
"""Token -> entry, in registration order (the pack's default lists keep it)."""


def _register(entry: ResourceType) -> str:
    if entry.token in RESOURCE_TYPES:
        raise ValueError(f"{entry.token} is registered twice")
    RESOURCE_TYPES[entry.token] = entry
    return entry.token


def resource_type(token: str) -> ResourceType | None:
    """The entry of ``token``, None when the library does not create that type."""
    return RESOURCE_TYPES.get(token)


def lifecycle_of(token: str, variant: str = "") -> Lifecycle:
    """The lifecycle options of a registered type (``KeyError`` for one that is not)."""
    return RESOURCE_TYPES[token].lifecycle_of(variant)


def taggable_types() -> list[str]:
    """The types that must carry the landing zone's tags (the pack's ``required-tags``)."""
    return [token for token, entry in RESOURCE_TYPES.items() if entry.taggable]


def stateful_types() -> list[str]:
    """The types that hold data: protected and locked in production (``prod-protect``,
    ``prod-resource-locks``), and shown with their ``protect`` in the reports."""
    return [token for token, entry in RESOURCE_TYPES.items() if entry.stateful]


def _arm(path: str, label: str) -> KeySetting:
    """An ARM id shown from its type on (``storageAccounts/st/blobServices/default``)."""
    return KeySetting(path, label, "arm_path")


# ---------------------------------------------------------------------------------------------
# The entries. Name inputs verified against pulumi_azure_native/<module>/<resource>.py (the
# ``*Args`` getters) for SDK 3.29. Taggable and stateful types first, in the order the pack's
# default lists have always had.
# ---------------------------------------------------------------------------------------------

RESOURCE_GROUP = _register(
    ResourceType(
        "azure-native:resources:ResourceGroup",
        "Microsoft.Resources/resourceGroups",
        RG_ID,
        "resourceGroupName",
        taggable=True,
        # Deleting a resource group deletes every resource in it
        # (https://learn.microsoft.com/azure/azure-resource-manager/management/delete-resource-group).
        container=True,
        key_settings=(KeySetting("location"),),
    )
)

ML_WORKSPACE = _register(
    ResourceType(
        "azure-native:machinelearningservices:Workspace",
        "Microsoft.MachineLearningServices/workspaces",
        _PROVIDERS + "Microsoft.MachineLearningServices/workspaces/{workspaceName}",
        "workspaceName",
        taggable=True,
        stateful=True,
        key_settings=(
            KeySetting("kind"),
            KeySetting("publicNetworkAccess"),
            KeySetting("managedNetwork.isolationMode"),
            KeySetting("identity.type"),
            KeySetting("systemDatastoresAuthMode"),
            KeySetting("hbiWorkspace", "HBI"),
            KeySetting("encryption.status", "CMK"),
        ),
        # A hub's dependent resources, and a project's hub (drawn hub -> project).
        diagram=Diagram(
            node=True,
            links=(
                *(Link(f"{{{key}}}") for key in ("storageAccount", "keyVault")),
                *(Link(f"{{{key}}}") for key in ("containerRegistry", "applicationInsights")),
                Link("{hubResourceId}", "project", reverse=True),
            ),
        ),
        # By kind (every workspace goes through blocks/ml_workspace.py). A hub and a Default
        # workspace own their network: Azure moves its provisioning status (Inactive -> Active,
        # sparkReady) itself once the network is provisioned (pulumi-azure-native #3225 shows
        # ~managedNetwork), and each rule's status too (``lifecycle.outbound_rule_status_paths``
        # adds them per rule). Fixed at creation: REST "Workspaces - Update" takes none of
        # these, and Create Or Update says of storageAccount and keyVault "This cannot be
        # changed once the workspace has been created"; not containerRegistry or
        # applicationInsights, which Workspaces - Update accepts. The key may move to another
        # key or version in the same vault (the update body's encryption carries
        # keyVaultProperties.keyIdentifier only); the vault may not. HBI can only be set when
        # the workspace is created (ws-hbi). https://learn.microsoft.com/rest/api/azureml/workspaces/update
        # A project sets no managed network (it inherits the hub's) but may report the hub's,
        # status and rules included, which then changes with the hub: the whole key, as a path
        # below it cannot be reset while the program sends no managedNetwork at all
        # (PropertyPath.reset fails on the missing parent); it belongs to one hub for life.
        lifecycle={
            **dict.fromkeys(
                ("Hub", "Default"),
                Lifecycle(
                    azure_owned=("managedNetwork.status",),
                    create_only=(
                        "kind",
                        "storageAccount",
                        "keyVault",
                        "hbiWorkspace",
                        "encryption.keyVaultProperties.keyVaultArmId",
                    ),
                ),
            ),
            "Project": Lifecycle(
                azure_owned=("managedNetwork",),
                create_only=("kind", "hubResourceId", "hbiWorkspace"),
            ),
        },
        computed={
            "workspaceId": "{guid}",
            "discoveryUrl": "https://{location}.api.azureml.ms/discovery",
        },
    )
)

_COMPUTE_INNER = "properties.properties"
ML_COMPUTE = _register(
    ResourceType(
        "azure-native:machinelearningservices:Compute",
        "Microsoft.MachineLearningServices/workspaces/computes",
        _PROVIDERS + "Microsoft.MachineLearningServices/workspaces/{workspaceName}"
        "/computes/{computeName}",
        "computeName",
        taggable=True,
        key_settings=(
            KeySetting("properties.computeType"),
            KeySetting("properties.properties.vmSize"),
            KeySetting("properties.disableLocalAuth", "disableLocalAuth"),
            KeySetting("properties.properties.enableNodePublicIp", "nodePublicIp"),
            # an instance's SSH; a cluster's remote login port
            KeySetting("properties.properties.sshSettings.sshPublicAccess", "sshPublicAccess"),
            KeySetting("properties.properties.remoteLoginPortPublicAccess", "sshPublicAccess"),
        ),
        diagram=_NODE,
        # By compute type. Azure ML does not apply a PUT to an existing compute: a resize is
        # its own action (Compute - Resize), idle shutdown too (Compute - Update Idle Shutdown
        # Setting), clusters take scale settings by PATCH (Compute - Update), and a PUT of
        # other settings returns success without applying them (Azure/bicep#17617; a cluster
        # re-created under its name kept its old size, azure-rest-api-specs#18889), so the
        # state would record a value Azure never took. The settings fixed when the VM or its
        # nodes are made replace the compute instead; it keeps its name, so the old one is
        # deleted first (create-before-delete would fail on "already existing"); a compute is
        # not soft-deleted, and nothing on it outlives it but the instance's disk (notebooks
        # live on the workspace's file share). An attached cluster: another cluster or
        # namespace is another attachment (detach, attach).
        # https://learn.microsoft.com/rest/api/azureml/compute
        lifecycle={
            "ComputeInstance": Lifecycle(
                create_only=(
                    f"{_COMPUTE_INNER}.vmSize",
                    f"{_COMPUTE_INNER}.subnet",
                    f"{_COMPUTE_INNER}.enableNodePublicIp",
                    f"{_COMPUTE_INNER}.personalComputeInstanceSettings",  # whose instance it is
                ),
                delete_first=True,
            ),
            "AmlCompute": Lifecycle(
                create_only=(
                    f"{_COMPUTE_INNER}.vmSize",
                    f"{_COMPUTE_INNER}.vmPriority",
                    f"{_COMPUTE_INNER}.subnet",
                    f"{_COMPUTE_INNER}.enableNodePublicIp",
                ),
                delete_first=True,
            ),
            "Kubernetes": Lifecycle(
                create_only=("properties.resourceId", f"{_COMPUTE_INNER}.namespace"),
                delete_first=True,
            ),
        },
    )
)

ML_REGISTRY = _register(
    ResourceType(
        "azure-native:machinelearningservices:Registry",
        "Microsoft.MachineLearningServices/registries",
        _PROVIDERS + "Microsoft.MachineLearningServices/registries/{registryName}",
        "registryName",
        taggable=True,
        stateful=True,
        key_settings=(KeySetting("publicNetworkAccess"),),
        diagram=_NODE,
        # Azure lists the registry's private endpoint connections in this input once an
        # endpoint (the hub's amlregistry endpoint, another hub's managed-network rule)
        # connects; a refresh copies them into the state and the next update would send the
        # program's (none) back. They are the endpoints' to manage. (REST Registry: "Private
        # endpoint connections info used for pending connections in private link portal".)
        # https://learn.microsoft.com/rest/api/azureml/registries/create-or-update
        lifecycle={"": Lifecycle(azure_owned=("registryPrivateEndpointConnections",))},
        # Azure's managed resource group azureml-rg-<registry>_<GUID> ("How to find the Azure
        # Storage Account and Azure Container Registry used by your registry"); the storage
        # account and container registry it creates per region: ``computed_by``.
        computed={
            "managedResourceGroup.resourceId": "/subscriptions/{subscription}/resourceGroups/"
            "azureml-rg-{name}_{guid:managedResourceGroup}",
        },
        computed_by="registry_regions",
    )
)

STORAGE_ACCOUNT = _register(
    ResourceType(
        "azure-native:storage:StorageAccount",
        "Microsoft.Storage/storageAccounts",
        _PROVIDERS + "Microsoft.Storage/storageAccounts/{accountName}",
        "accountName",
        taggable=True,
        stateful=True,
        key_settings=(
            KeySetting("sku.name"),
            KeySetting("kind"),
            KeySetting("publicNetworkAccess"),
            KeySetting("networkRuleSet.defaultAction", "networkDefaultAction"),
            KeySetting("allowSharedKeyAccess"),
            KeySetting("minimumTlsVersion"),
            KeySetting("encryption.keySource", "CMK"),
        ),
        diagram=_NODE,
        computed={
            f"primaryEndpoints.{kind}": f"https://{{name}}.{kind}.core.windows.net/"
            for kind in ("blob", "dfs", "file", "queue", "table")
        },
    )
)

KEY_VAULT = _register(
    ResourceType(
        "azure-native:keyvault:Vault",
        "Microsoft.KeyVault/vaults",
        _PROVIDERS + "Microsoft.KeyVault/vaults/{vaultName}",
        "vaultName",
        taggable=True,
        stateful=True,
        key_settings=(
            KeySetting("properties.enableRbacAuthorization"),
            KeySetting("properties.enablePurgeProtection"),
            KeySetting("properties.publicNetworkAccess"),
            KeySetting("properties.networkAcls.defaultAction", "networkDefaultAction"),
        ),
        diagram=_NODE,
        # 7-90 days, fixed when the vault is created.
        # https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
        lifecycle={"": Lifecycle(create_only=("properties.softDeleteRetentionInDays",))},
        computed={"properties.vaultUri": "https://{name}.vault.azure.net/"},
    )
)

CONTAINER_REGISTRY = _register(
    ResourceType(
        "azure-native:containerregistry:Registry",
        "Microsoft.ContainerRegistry/registries",
        _PROVIDERS + "Microsoft.ContainerRegistry/registries/{registryName}",
        "registryName",
        taggable=True,
        stateful=True,
        key_settings=(
            KeySetting("sku.name"),
            KeySetting("adminUserEnabled"),
            KeySetting("publicNetworkAccess"),
            KeySetting("networkRuleSet.defaultAction", "networkDefaultAction"),
        ),
        diagram=_NODE,
        # Chosen at creation only; Azure now makes registries in zone regions zone-redundant by
        # default and says the reported property may lag ("zoneRedundancy ... may still show as
        # false"), so the value it reports later is its own.
        # https://learn.microsoft.com/azure/container-registry/zone-redundancy
        lifecycle={"": Lifecycle(azure_owned=("zoneRedundancy",))},
        computed={"loginServer": "{name_lower}.azurecr.io"},
    )
)

APP_INSIGHTS = _register(
    ResourceType(
        "azure-native:applicationinsights:Component",
        "Microsoft.Insights/components",
        _PROVIDERS + "Microsoft.Insights/components/{resourceName}",
        "resourceName",
        taggable=True,
        key_settings=(
            KeySetting("publicNetworkAccessForIngestion"),
            KeySetting("publicNetworkAccessForQuery"),
        ),
        diagram=Diagram(node=True, links=(Link("{workspaceResourceId}"),)),
        computed={
            "instrumentationKey": "{guid}",
            "appId": "{guid}",
            "connectionString": "InstrumentationKey={output:instrumentationKey};"
            "IngestionEndpoint=https://{location}-0.in.applicationinsights.azure.com/",
        },
    )
)

LOG_ANALYTICS = _register(
    ResourceType(
        "azure-native:operationalinsights:Workspace",
        "Microsoft.OperationalInsights/workspaces",
        _PROVIDERS + "Microsoft.OperationalInsights/workspaces/{workspaceName}",
        "workspaceName",
        taggable=True,
        stateful=True,
        key_settings=(
            KeySetting("sku.name"),
            KeySetting("retentionInDays"),
            KeySetting("publicNetworkAccessForIngestion"),
            KeySetting("publicNetworkAccessForQuery"),
        ),
        diagram=_NODE,
        computed={"customerId": "{guid}"},
    )
)

PRIVATE_ENDPOINT = _register(
    ResourceType(
        "azure-native:network:PrivateEndpoint",
        "Microsoft.Network/privateEndpoints",
        _PROVIDERS + "Microsoft.Network/privateEndpoints/{privateEndpointName}",
        "privateEndpointName",
        taggable=True,
        key_settings=(KeySetting("privateLinkServiceConnections[].groupIds[]", "groupIds"),),
        diagram=Diagram(
            links=(
                Link(
                    "{privateLinkServiceConnections[].privateLinkServiceId}",
                    "private endpoint",
                    "privateLinkServiceConnections[].groupIds[]",
                ),
            )
        ),
        # Azure fills customDnsConfigs (FQDN -> IP) itself and clears it once a DNS zone group
        # holds the records; the landing zone never sets it. The NIC is created with the
        # endpoint and keeps its name (azure-native marks only the subnet force-new:
        # replacement.go, pulumi-azure-native #3883).
        lifecycle={
            "": Lifecycle(
                azure_owned=("customDnsConfigs",), create_only=("customNetworkInterfaceName",)
            )
        },
    )
)

VIRTUAL_NETWORK = _register(
    ResourceType(
        "azure-native:network:VirtualNetwork",
        "Microsoft.Network/virtualNetworks",
        _PROVIDERS + "Microsoft.Network/virtualNetworks/{virtualNetworkName}",
        "virtualNetworkName",
        taggable=True,
        diagram=_NODE,
    )
)

NETWORK_SECURITY_GROUP = _register(
    ResourceType(
        "azure-native:network:NetworkSecurityGroup",
        "Microsoft.Network/networkSecurityGroups",
        _PROVIDERS + "Microsoft.Network/networkSecurityGroups/{networkSecurityGroupName}",
        "networkSecurityGroupName",
        taggable=True,
    )
)

PRIVATE_DNS_ZONE = _register(
    ResourceType(
        "azure-native:privatedns:PrivateZone",
        "Microsoft.Network/privateDnsZones",
        _PROVIDERS + "Microsoft.Network/privateDnsZones/{privateZoneName}",
        "privateZoneName",
        taggable=True,
    )
)

DNS_ZONE_LINK = _register(
    ResourceType(
        "azure-native:privatedns:VirtualNetworkLink",
        "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
        _PROVIDERS + "Microsoft.Network/privateDnsZones/{privateZoneName}"
        "/virtualNetworkLinks/{virtualNetworkLinkName}",
        "virtualNetworkLinkName",
        taggable=True,
    )
)

USER_ASSIGNED_IDENTITY = _register(
    ResourceType(
        "azure-native:managedidentity:UserAssignedIdentity",
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        _PROVIDERS + "Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}",
        "resourceName",
        taggable=True,
        diagram=_NODE,
        computed={"principalId": "{guid}", "clientId": "{guid}", "tenantId": "{tenant}"},
    )
)

# Observability: alerts, the action group and the dashboard show up in cost and ownership
# reports too.
ACTION_GROUP = _register(
    ResourceType(
        "azure-native:monitor:ActionGroup",
        "Microsoft.Insights/actionGroups",
        _PROVIDERS + "Microsoft.Insights/actionGroups/{actionGroupName}",
        "actionGroupName",
        taggable=True,
        key_settings=(
            KeySetting("enabled"),
            KeySetting("emailReceivers[].emailAddress", "emails"),
            KeySetting("webhookReceivers[].name", "webhooks"),
        ),
    )
)

METRIC_ALERT = _register(
    ResourceType(
        "azure-native:monitor:MetricAlert",
        "Microsoft.Insights/metricAlerts",
        _PROVIDERS + "Microsoft.Insights/metricAlerts/{ruleName}",
        "ruleName",
        taggable=True,
        key_settings=(
            KeySetting("severity"),
            KeySetting("criteria.allOf[].metricName", "metric"),
            KeySetting("criteria.allOf[].operator", "operator"),
            KeySetting("criteria.allOf[].threshold", "threshold"),
            KeySetting("windowSize"),
        ),
    )
)

LOG_ALERT = _register(
    ResourceType(
        "azure-native:monitor:ScheduledQueryRule",
        "Microsoft.Insights/scheduledQueryRules",
        _PROVIDERS + "Microsoft.Insights/scheduledQueryRules/{ruleName}",
        "ruleName",
        taggable=True,
        key_settings=(
            KeySetting("severity"),
            KeySetting("criteria.allOf[].operator", "operator"),
            KeySetting("criteria.allOf[].threshold", "threshold"),
            KeySetting("windowSize"),
        ),
        # "Scope can not be updated": ARM refuses a new scope on an existing log search alert,
        # which azure-native previews as an update (pulumi-azure-native#4839;
        # terraform-provider-azurerm made it force-new, PR 24327). The rule keeps its name, so
        # it is deleted first; an alert rule holds no data.
        lifecycle={"": Lifecycle(create_only=("scopes",), delete_first=True)},
    )
)

WORKBOOK = _register(
    ResourceType(
        "azure-native:applicationinsights:Workbook",
        "Microsoft.Insights/workbooks",
        _PROVIDERS + "Microsoft.Insights/workbooks/{resourceName}",
        "resourceName",
        taggable=True,
    )
)

PRIVATE_LINK_SCOPE = _register(
    ResourceType(
        "azure-native:monitor:PrivateLinkScope",
        "Microsoft.Insights/privateLinkScopes",
        _PROVIDERS + "Microsoft.Insights/privateLinkScopes/{scopeName}",
        "scopeName",
        taggable=True,
        key_settings=(
            KeySetting("location"),
            KeySetting("accessModeSettings.ingestionAccessMode", "ingestionAccessMode"),
            KeySetting("accessModeSettings.queryAccessMode", "queryAccessMode"),
        ),
        diagram=_NODE,
    )
)

# Inference (components/inference): the serving region's private AKS cluster and the online
# endpoints created on it as shells.
MANAGED_CLUSTER = _register(
    ResourceType(
        "azure-native:containerservice:ManagedCluster",
        "Microsoft.ContainerService/managedClusters",
        _PROVIDERS + "Microsoft.ContainerService/managedClusters/{resourceName}",
        "resourceName",
        taggable=True,
        key_settings=(
            KeySetting("apiServerAccessProfile.enablePrivateCluster", "private"),
            KeySetting("disableLocalAccounts"),
            KeySetting("aadProfile.enableAzureRBAC", "azureRbac"),
            KeySetting("agentPoolProfiles[].minCount", "minCount"),
            KeySetting("agentPoolProfiles[].maxCount", "maxCount"),
        ),
        # A public cluster never becomes a private one and the other way round (AKS: "you
        # can't convert an existing public cluster", https://learn.microsoft.com/azure/aks/
        # private-clusters); the DNS prefix and the network plugin are fixed at creation too
        # (the provider's forceNew list for ManagedCluster), so a change replaces the cluster.
        # The autoscaler owns each pool's node count once the cluster runs: the program's count
        # is only the first one (https://learn.microsoft.com/azure/aks/cluster-autoscaler).
        lifecycle={
            "": Lifecycle(
                azure_owned=("agentPoolProfiles[*].count",),
                create_only=(
                    "apiServerAccessProfile.enablePrivateCluster",
                    "dnsPrefix",
                    "networkProfile.networkPlugin",
                ),
            )
        },
        computed={
            "privateFQDN": "{name_lower}-{hex:privateFqdn}.privatelink.{location}.azmk8s.io",
            "oidcIssuerProfile.issuerURL": "https://{location}.oic.prod-aks.azure.com/{tenant}/"
            "{guid:oidc}/",
            # the kubelet identity AKS creates when none is given (a given one is echoed back):
            # what the registry's AcrPull is granted to
            "identityProfile.kubeletidentity.objectId": "{guid:kubeletObjectId}",
            "identityProfile.kubeletidentity.clientId": "{guid:kubeletClientId}",
        },
    )
)

ML_ONLINE_ENDPOINT = _register(
    ResourceType(
        "azure-native:machinelearningservices:OnlineEndpoint",
        "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
        _PROVIDERS + "Microsoft.MachineLearningServices/workspaces/{workspaceName}"
        "/onlineEndpoints/{endpointName}",
        "endpointName",
        taggable=True,
        key_settings=(
            KeySetting("properties.authMode", "authMode"),
            KeySetting("properties.publicNetworkAccess", "publicNetworkAccess"),
            KeySetting("kind"),
        ),
        # An endpoint's compute (Kubernetes or managed) is chosen at creation (Azure ML: "the
        # compute of an endpoint can't be changed", the online endpoint YAML reference). Its
        # traffic split belongs to the product team's pipeline (blue-green shifts between its
        # deployments): a later `pulumi up` must not take it back to none.
        lifecycle={
            "": Lifecycle(
                azure_owned=("properties.traffic", "properties.mirrorTraffic"),
                create_only=("properties.compute", "kind"),
            )
        },
        computed={
            "properties.scoringUri": "https://{name_lower}.{location}.inference.ml.azure.com/score"
        },
    )
)

# --- The types without tags or state of their own ---------------------------------------------

BLOB_SERVICE = _register(
    ResourceType(
        "azure-native:storage:BlobServiceProperties",
        "Microsoft.Storage/storageAccounts/blobServices",
        _PROVIDERS + "Microsoft.Storage/storageAccounts/{accountName}"
        "/blobServices/{blobServicesName}",
        "blobServicesName",
        default_name="default",  # ARM allows only "default"
        # Azure Machine Learning writes the CORS rules its studio needs (ml.azure.com,
        # ai.azure.com, ...) onto the default storage's blob service when it attaches the
        # account; they are the service's.
        lifecycle={"": Lifecycle(azure_owned=("cors",))},
    )
)

FILE_SERVICE = _register(
    ResourceType(
        "azure-native:storage:FileServiceProperties",
        "Microsoft.Storage/storageAccounts/fileServices",
        _PROVIDERS + "Microsoft.Storage/storageAccounts/{accountName}"
        "/fileServices/{fileServicesName}",
        "fileServicesName",
        default_name="default",  # ARM allows only "default"
    )
)

KEY_VAULT_KEY = _register(
    ResourceType(
        "azure-native:keyvault:Key",
        "Microsoft.KeyVault/vaults/keys",
        _PROVIDERS + "Microsoft.KeyVault/vaults/{vaultName}/keys/{keyName}",
        "keyName",
        key_settings=(
            KeySetting("properties.kty", "kty"),
            KeySetting("properties.keySize", "keySize"),
        ),
        # The attributes (expiry above all) belong to the key's current version: every
        # rotation makes a new version with its own, and the ARM call behind keyvault.Key "does
        # not create subsequent versions, and does not update existing keys" (Keys - Create If
        # Not Exist), so no update could ever apply.
        # https://learn.microsoft.com/rest/api/keyvault/keyvault/keys/create-if-not-exist
        lifecycle={"": Lifecycle(azure_owned=("properties.attributes",))},
        computed={
            "keyUri": "https://{input:vaultName}.vault.azure.net/keys/{name}",
            "keyUriWithVersion": "{output:keyUri}/{hex:keyVersion}",
        },
    )
)

PRIVATE_LINK_SCOPED_RESOURCE = _register(
    ResourceType(
        "azure-native:monitor:PrivateLinkScopedResource",
        "Microsoft.Insights/privateLinkScopes/scopedResources",
        _PROVIDERS + "Microsoft.Insights/privateLinkScopes/{scopeName}/scopedResources/{name}",
        "name",
        key_settings=(_arm("linkedResourceId", "linked"),),
        diagram=Diagram(links=(Link("{linkedResourceId}", "private link scope"),)),
    )
)

ML_DATASTORE = _register(
    ResourceType(
        "azure-native:machinelearningservices:Datastore",
        "Microsoft.MachineLearningServices/workspaces/datastores",
        _PROVIDERS + "Microsoft.MachineLearningServices/workspaces/{workspaceName}"
        "/datastores/{name}",
        "name",
        key_settings=(
            KeySetting("properties.datastoreType", "datastoreType"),
            KeySetting("properties.accountName", "account"),
            KeySetting("properties.filesystem", "filesystem"),
            KeySetting("properties.containerName", "container"),
            KeySetting("properties.credentials.credentialsType", "credentials"),
            KeySetting("properties.serviceDataAccessAuthIdentity", "serviceIdentity"),
        ),
        # A product's datastore -> its lake (the storage account, named by its parts).
        diagram=Diagram(
            links=(
                Link(
                    "/subscriptions/{properties.subscriptionId}/resourceGroups/"
                    "{properties.resourceGroup}/providers/Microsoft.Storage/storageAccounts/"
                    "{properties.accountName}",
                    "datastore",
                    "name",
                ),
            )
        ),
    )
)

ML_CONNECTION = _register(
    ResourceType(
        "azure-native:machinelearningservices:WorkspaceConnection",
        "Microsoft.MachineLearningServices/workspaces/connections",
        _PROVIDERS + "Microsoft.MachineLearningServices/workspaces/{workspaceName}"
        "/connections/{connectionName}",
        "connectionName",
        key_settings=(
            KeySetting("properties.category", "category"),
            KeySetting("properties.authType", "authType"),
            KeySetting("properties.isSharedToAll", "sharedToAll"),
            KeySetting("properties.target", "target"),
        ),
        diagram=Diagram(
            links=(Link("{properties.metadata.ResourceId}", "connection", "connectionName"),)
        ),
    )
)

SUBNET = _register(
    ResourceType(
        "azure-native:network:Subnet",
        "Microsoft.Network/virtualNetworks/subnets",
        _PROVIDERS + "Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}",
        "subnetName",
        key_settings=(KeySetting("addressPrefix"),),
    )
)

DNS_ZONE_GROUP = _register(
    ResourceType(
        "azure-native:network:PrivateDnsZoneGroup",
        "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
        _PROVIDERS + "Microsoft.Network/privateEndpoints/{privateEndpointName}"
        "/privateDnsZoneGroups/{privateDnsZoneGroupName}",
        "privateDnsZoneGroupName",
    )
)

KUBERNETES_EXTENSION = _register(
    ResourceType(
        "azure-native:kubernetesconfiguration:Extension",
        "Microsoft.KubernetesConfiguration/extensions",
        _PROVIDERS + "{clusterRp}/{clusterResourceName}/{clusterName}"
        "/providers/Microsoft.KubernetesConfiguration/extensions/{extensionName}",
        "extensionName",
        key_settings=(
            KeySetting("extensionType"),
            KeySetting("configurationSettings.enableInference", "enableInference"),
            KeySetting("configurationSettings.allowInsecureConnections", "insecure"),
        ),
        # An extension's type is what it is: another type is another extension.
        lifecycle={"": Lifecycle(create_only=("extensionType",))},
    )
)

# Extension resources: the id hangs off whatever they are attached to.
BUDGET = _register(
    ResourceType(
        "azure-native:consumption:Budget",
        "Microsoft.Consumption/budgets",
        "{scope}/providers/Microsoft.Consumption/budgets/{budgetName}",
        "budgetName",
        key_settings=(
            KeySetting("amount"),
            KeySetting("timeGrain"),
            KeySetting("notifications", "alerts", "keys"),
        ),
        # A budget is created starting on the first of its creation month (or a configured
        # date) and Azure refuses any later change of it ("Start date of budgets cannot be
        # updated"): the state's date is kept, so a preview next month, or a new configured
        # date, changes no existing budget (components/budget_dates.py).
        lifecycle={"": Lifecycle(azure_owned=("timePeriod.startDate",))},
    )
)

ROLE_ASSIGNMENT = _register(
    ResourceType(
        "azure-native:authorization:RoleAssignment",
        "Microsoft.Authorization/roleAssignments",
        "{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}",
        "roleAssignmentName",
        generated_name=True,  # the provider auto-names role assignments with a fresh GUID
        rename_key=(KeySetting("roleDefinitionId", "role", "role"),),
        key_settings=(
            KeySetting("principalId", "principal", "principal"),
            KeySetting("principalType"),
            KeySetting("roleDefinitionId", "role", "role"),
            _arm("scope", "scope"),
        ),
    )
)

DIAGNOSTIC_SETTING = _register(
    ResourceType(
        "azure-native:monitor:DiagnosticSetting",
        "Microsoft.Insights/diagnosticSettings",
        "{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}",
        "name",
        key_settings=(_arm("resourceUri", "target"), _arm("workspaceId", "workspace")),
    )
)

# A lock on any scope (the landing zone's per-resource locks): "{scope}/providers/
# Microsoft.Authorization/locks/{lockName}" (REST "Management Locks - Create Or Update By
# Scope", https://learn.microsoft.com/rest/api/resources/management-locks/create-or-update-by-scope).
MANAGEMENT_LOCK = _register(
    ResourceType(
        "azure-native:authorization:ManagementLockByScope",
        "Microsoft.Authorization/locks",
        "{scope}/providers/Microsoft.Authorization/locks/{lockName}",
        "lockName",
        key_settings=(KeySetting("level"), _arm("scope", "scope")),
    )
)
