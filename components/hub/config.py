"""Hub settings: everything projects inherit (network, identity, keys, associated resources)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import Field, field_validator
from pydantic.alias_generators import to_snake

from ..codes import CONTRADICTION, DUPLICATE
from ..config.base import (
    UUID_PATTERN,
    ConfigIssue,
    KeepOutputs,
    StrictModel,
    TypedArgs,
    pattern_field,
    report,
    under,
)
from ..config.diagnostics import LogAnalyticsWorkspaceId
from ..config.encryption import EncryptionSettings
from ..config.managed_network import ManagedNetworkSettings, private_endpoint_rule_targets
from ..config.monitoring import MonitoringSettings
from ..config.network import NetworkSettings, SubnetId
from ..config.zone import ZoneSettings
from ..dns_zones import hub_endpoint_groups
from ..enums import IdentityType, ProjectResourceGroups, PublicNetworkAccess, StorageRedundancy
from ..ipranges import parse_allowed_ip

# Settings a project workspace inherits from its hub and must never set itself (ARM rejects most
# of them on kind Project), with where each is set instead. Keys in snake_case; a camelCase key
# from a stack file is compared in its snake_case form.
HUB_OWNED_SETTINGS: dict[str, str] = {
    **dict.fromkeys(
        (
            "public_network_access",
            "allowed_ip_ranges",
            "managed_network",
            "identity",
            "container_registry",
            "storage_redundancy",
            "storage_account",
            "key_vault",
            "key_vault_purge_protection",
            "application_insights",
            "encryption",
            "enable_service_side_cmk_encryption",
            "high_business_impact",
            "hbi_workspace",
            "allow_public_access_when_behind_vnet",
            "system_datastores_auth_mode",
            "project_creators",
            "project_resource_groups",
            "monitoring",
            "serverless_compute",
        ),
        "hub",
    ),
    **dict.fromkeys(
        ("isolation_mode", "outbound_rules", "firewall_sku", "provision_network_now"),
        "hub.managedNetwork",
    ),
    **dict.fromkeys(
        ("network", "private_endpoints", "subnet_id", "virtual_network", "dns"), "network"
    ),
    "diagnostics": "diagnostics",
}


def hub_owned_keys(data: Any) -> list[str]:
    """The keys of ``data`` (either spelling) that belong to the hub, sorted."""
    if not isinstance(data, dict):
        return []
    return sorted(key for key in data if to_snake(str(key)) in HUB_OWNED_SETTINGS)


class ServerlessComputeSettings(StrictModel):
    """Where serverless compute (the hub's and its projects' jobs: hubs have no clusters) runs
    when it runs in a virtual network of the landing zone rather than a managed network."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "ServerlessComputeArgs",
        "Serverless compute in ``subnet_id``, without public IPs unless ``no_public_ip`` is False.",
    )

    subnet_id: SubnetId = Field(
        description="The subnet serverless compute nodes are deployed in "
        "(serverlessComputeCustomSubnet)."
    )
    no_public_ip: bool = Field(
        True,
        description="Serverless nodes in that subnet get no public IP address "
        "(serverlessComputeNoPublicIP; the workspace reached by private endpoint). false is an "
        "explicit opt-out.",
    )


class HubOptions(StrictModel):
    """The hub workspace and its associated resources. Every default is the secure choice."""

    public_network_access: PublicNetworkAccess = Field(
        PublicNetworkAccess.DISABLED,
        description="Public access to the hub, its storage, key vault and registry. "
        "'Enabled' is an explicit opt-in the policy pack flags.",
    )
    allowed_ip_ranges: list[str] = Field(
        default_factory=list,
        description="With publicNetworkAccess 'Enabled' only: public IPv4 addresses or CIDR "
        "ranges allowed through the storage, key vault and registry firewalls.",
    )
    managed_network: ManagedNetworkSettings = Field(
        default_factory=ManagedNetworkSettings,  # type: ignore[arg-type]
        description="Managed network isolation shared by every project of the hub.",
    )
    identity: IdentityType = Field(
        IdentityType.SYSTEM_ASSIGNED,
        description="The hub's managed identity. 'UserAssigned' creates one and grants it the "
        "roles Azure documents for a workspace identity.",
    )
    container_registry: bool = Field(
        True,
        description="Create a Premium registry for environment images "
        "(private endpoints need Premium).",
    )
    storage_redundancy: StorageRedundancy = Field(
        StorageRedundancy.ZRS,
        description="Redundancy of the hub's default storage account (Standard tier).",
    )
    key_vault_purge_protection: bool = Field(
        True,
        description="Purge protection on the hub key vault (irreversible once on); required "
        "for a customer-managed key in it.",
    )
    key_vault_soft_delete_retention_days: int = Field(
        90,
        ge=7,
        le=90,
        description="Days a deleted hub key vault stays recoverable, and keeps its name, before "
        "it can be created again (7-90; fixed at creation). Short in dev and test, where stacks "
        "are torn down and re-created.",
    )
    image_build_compute: str | None = pattern_field(
        r"^[a-zA-Z][a-zA-Z0-9-]{2,23}$",
        "3–24 letters, digits or hyphens, starting with a letter",
        None,
        description="Compute that builds environment images. The registry is private, and Azure "
        "ML builds images on serverless compute only when the registry is reachable publicly; "
        "name a compute instance in the hub (hubs have no clusters) before building custom "
        "environments.",
    )
    registry_zone_redundancy: bool = Field(
        True,
        description="Zone-redundant container registry (needs a region with availability "
        "zones). The provider sends Disabled when unset, so it is always explicit. Applies at "
        "creation: afterwards the value is Azure's (zone regions now make every registry "
        "zone-redundant), so changing it on a live registry does nothing.",
    )
    encryption: EncryptionSettings | None = Field(
        None, description="Customer-managed key; presence enables CMK. Fixed after creation."
    )
    high_business_impact: bool = Field(
        False,
        description="HBI mode: less telemetry, encrypted local scratch disk. Fixed after creation.",
    )
    log_retention_days: int = Field(
        30, ge=30, le=730, description="Retention of the hub's Log Analytics workspace."
    )
    rbac_propagation_wait: str = pattern_field(
        r"^[0-9]{1,3}[sm]$",
        "a duration in seconds or minutes, e.g. 60s or 2m",
        "60s",
        description="Pause between the role assignments a user-assigned identity needs and the "
        "workspace that checks them at creation (role assignments take minutes to propagate). "
        "0s turns it off.",
    )
    monitoring: MonitoringSettings = Field(
        default_factory=MonitoringSettings,  # type: ignore[arg-type]
        description="Application Insights and Log Analytics behind an Azure Monitor Private "
        "Link Scope.",
    )
    serverless_compute: ServerlessComputeSettings | None = Field(
        None,
        description="Serverless compute in a subnet of your own, without public IPs; absent: "
        "Azure's placement (the managed network, when the hub has one).",
    )
    protect: bool = Field(
        False,
        description="Protect stateful resources from deletion "
        "(Pulumi protect + CanNotDelete locks). Recommended for prod.",
    )
    ml_registry: bool = Field(
        False,
        description="An Azure ML registry beside the hub, for promoting models and components "
        "between environments: private (an amlregistry endpoint), protected with the hub. With "
        "'environments', set environments.registry instead: the owning environment gets it.",
    )
    ml_registry_regions: list[str] = Field(
        default_factory=list,
        description="Regions the ML registry replicates to besides the hub's (with "
        "'environments': the training and inference regions).",
    )

    @field_validator("allowed_ip_ranges")
    @classmethod
    def _ip_ranges(cls, ranges: list[str]) -> list[str]:
        normalised: dict[str, int] = {}
        issues = []
        for index, value in enumerate(ranges):
            try:
                rule = parse_allowed_ip(value)
            except ValueError as error:
                issues.append(ConfigIssue((index,), str(error)))
                continue
            if rule in normalised:
                first = normalised[rule]
                same = "" if ranges[first] == value else f" as '{ranges[first]}'"
                issues.append(
                    ConfigIssue(
                        (index,), f"'{value}' is already listed{same} ([{first}])", DUPLICATE
                    )
                )
            normalised.setdefault(rule, index)
        report(issues)
        return list(normalised)

    @property
    def endpoint_groups(self) -> tuple[str, ...]:
        """The private-link groups of the hub's endpoints: the zones its DNS needs."""
        return hub_endpoint_groups(self.container_registry, self.monitoring.creates_scope)

    def issues(self, location: str | None) -> list[ConfigIssue]:
        """Checks spanning hub keys: public access opt-in, identity and key for CMK (its
        per-cloud checks need a valid ``location``)."""
        issues = under(("managedNetwork",), self.managed_network.issues())
        if (
            self.identity == IdentityType.SYSTEM_ASSIGNED
            and self.managed_network.provision_network_now
            and private_endpoint_rule_targets(self.managed_network)
        ):
            issues.append(
                ConfigIssue(
                    ("identity",),
                    "private-endpoint outbound rules with provisionNetworkNow need identity "
                    "'UserAssigned': the identity must hold 'Azure AI Enterprise Network "
                    "Connection Approver' on each rule's target before the network is "
                    "provisioned, and a system-assigned identity exists only after the hub "
                    "(how-to-managed-network, 'Private endpoint approval')",
                )
            )
        if self.allowed_ip_ranges and self.public_network_access != "Enabled":
            issues.append(
                ConfigIssue(
                    ("allowedIpRanges",),
                    "only used with publicNetworkAccess 'Enabled' (an explicit opt-in); with "
                    "'Disabled' nothing is reachable publicly",
                )
            )
        if self.encryption is None:
            return issues
        issues += under(("encryption",), self.encryption.issues(location))
        if self.identity != "UserAssigned":
            issues.append(
                ConfigIssue(
                    ("identity",),
                    "customer-managed keys (hub.encryption) need identity 'UserAssigned': the "
                    "identity that reads the key must exist before the workspace",
                )
            )
        if self.encryption.in_hub_vault and not self.key_vault_purge_protection:
            issues.append(
                ConfigIssue(
                    ("keyVaultPurgeProtection",),
                    "a customer-managed key needs a key vault with purge protection; keep it true "
                    "or give encryption.keyVaultId of a vault that has it",
                )
            )
        if (
            self.encryption.service_side_encryption
            and self.encryption.in_hub_vault
            and self.public_network_access == "Disabled"
        ):
            issues.append(
                ConfigIssue(
                    ("encryption", "serviceSideEncryption"),
                    "service-side encryption (preview) does not support a key vault with public "
                    "network access disabled (Azure ML 'Customer-managed keys'); turn it off to "
                    "keep the key in the private hub vault, or give encryption.keyVaultId",
                )
            )
        return issues


class HubSettings(HubOptions):
    """The ``hub`` section of a stack file."""

    project_creators: list[str] = Field(
        default_factory=list,
        description="Group aliases (from 'groups') that may create projects themselves "
        "(Azure AI Developer on the hub: hubs/join).",
    )
    project_resource_groups: ProjectResourceGroups = Field(
        ProjectResourceGroups.SHARED,
        description="Where the landing zone's own projects live: shared (every project "
        "workspace in the hub's '-projects' resource group; budgets filter it by the 'project' "
        "tag) or perProject (a resource group per project, named "
        "'rg-<org>-<workload>-<env>-<region>-proj-<key>', tagged with the project and "
        "protected with the hub; each budget scopes its own group). "
        "Product teams' own projects and the studio's default stay in the shared group.",
    )


ObjectId = Annotated[str, Field(pattern=UUID_PATTERN)]


class MlRegistryAccess(StrictModel):
    """Another stack's promotion registry the hub's managed network reaches (its ids are that
    stack's outputs): private-endpoint rules to it, its storage and its container registry."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "MlRegistryAccessArgs",
        """Another stack's promotion registry the hub's managed network reaches: the registry and
        the storage account and container registry Azure created for it (outputs of that stack),
        and the environment that owns it.""",
    )

    registry_id: Annotated[str, KeepOutputs] = Field(description="ARM id of the registry.")
    storage_account_id: Annotated[str, KeepOutputs] = Field(
        description="ARM id of the storage account Azure created for the registry."
    )
    container_registry_id: Annotated[str, KeepOutputs] = Field(
        description="ARM id of the container registry Azure created for the registry."
    )
    owner: str = Field(description="The environment that owns (and locks) the registry.")


class HubSpec(ZoneSettings, HubOptions):
    """Everything a Hub needs, as ``HubArgs`` gives it: the stack config builds one of these and
    a library user's args are validated by the very same model (``Hub`` does it)."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "HubArgs",
        """Inputs of a Hub. Naming parts are plain strings: names must be known at preview time.
        ``tags`` must include costCenter and owner.""",
    )

    network: NetworkSettings = Field(
        default_factory=NetworkSettings,  # type: ignore[arg-type]
        description="Private endpoints for the hub and its resources, and their DNS.",
    )
    log_analytics_workspace_id: Annotated[LogAnalyticsWorkspaceId | None, KeepOutputs] = Field(
        None, description="A central Log Analytics workspace; absent: the hub creates one."
    )
    project_creator_group_ids: list[ObjectId] = Field(
        default_factory=list,
        description="Entra group object ids given Azure AI Developer on the hub (hubs/join).",
    )
    subscription_id: ObjectId | None = Field(
        None,
        description="The subscription the hub deploys to, for globally unique names; absent: "
        "asked of the provider (getClientConfig).",
    )
    ml_registry_access: MlRegistryAccess | None = Field(
        None,
        description="Another stack's promotion registry to reach from the managed network "
        "(the estate's owner creates it with ml_registry).",
    )

    def issues(self) -> list[ConfigIssue]:  # type: ignore[override]
        groups = self.endpoint_groups
        monitoring = self.monitoring.issues(
            self.location,
            private_endpoints=self.network.private_endpoints,
            central_workspace=self.log_analytics_workspace_id is not None,
        )
        issues = (
            under(("network",), self.network.issues(self.location, groups))
            + super().issues(self.location)
            + under(("monitoring",), monitoring)
        )
        if self.ml_registry and self.ml_registry_access is not None:
            issues.append(
                ConfigIssue(
                    ("mlRegistryAccess",),
                    "a hub that creates the promotion registry (ml_registry) reaches its own; "
                    "give ml_registry_access only to the hubs of the other environments",
                    CONTRADICTION,
                )
            )
        return issues
