"""Azure ML as data products in a cloud-scale analytics data landing zone (seed 004).

``dataLandingZone`` describes what the landing zone already has: the spoke subnet the products'
private endpoints (and subnet-joined computes) go into, the management zone's private DNS zones,
the central Log Analytics workspace, the data lakes and the optional Synapse and Databricks
workspaces. ``dataProducts`` lists the ML products, each keyed by a stable ``name``: a Default
workspace with its own hardened associated resources, or a project under the stack's hub;
identity-based datastores on the lakes; Entra groups per role; computes.

Seed 002: production data must not reach development. A datastore that could write to a lake
holding production data, from a stack not governed as production, is refused (LZ-CFG-015)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, Field, field_validator

from ..arm import resource_id_check
from ..codes import (
    BAD_REFERENCE,
    COMPUTE_REFUSED,
    CONTRADICTION,
    MISSING,
    PROD_DATA_WRITABLE,
)
from ..computes.config import ComputeSettings
from ..config.base import (
    UUID_PATTERN,
    ConfigIssue,
    KeepOutputs,
    StrictModel,
    TypedArgs,
    key_field,
    name_issue,
    object_id_problem,
    report,
    under,
)
from ..config.diagnostics import LogAnalyticsWorkspaceId
from ..config.encryption import EncryptionSettings
from ..config.monitoring import MonitoringSettings
from ..config.network import DnsSettings, SubnetId
from ..config.zone import ZoneSettings, known_region
from ..dns_zones import hub_endpoint_groups
from ..enums import IsolationMode
from ..observability.config import not_the_hub

STORAGE_TYPE = "Microsoft.Storage/storageAccounts"
SYNAPSE_TYPE = "Microsoft.Synapse/workspaces"
DATABRICKS_TYPE = "Microsoft.Databricks/workspaces"
StorageAccountId = Annotated[str, AfterValidator(resource_id_check(STORAGE_TYPE))]
SynapseWorkspaceId = Annotated[str, AfterValidator(resource_id_check(SYNAPSE_TYPE))]
DatabricksWorkspaceId = Annotated[str, AfterValidator(resource_id_check(DATABRICKS_TYPE))]

# ADLS Gen2 file system (container) names: 3-63 lowercase letters, digits and single hyphens.
_FILE_SYSTEM = re.compile(r"^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")


class LakeSettings(StrictModel):
    """One ADLS Gen2 account of the data landing zone and the file systems products may use."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "LakeArgs",
        "An ADLS Gen2 account of the landing zone; ``production`` when it holds production data.",
    )

    storage_account_id: StorageAccountId = Field(
        description="ARM id of the ADLS Gen2 storage account (hierarchical namespace on)."
    )
    file_systems: list[str] = Field(
        min_length=1,
        description="File systems (containers) datastores may point at, e.g. raw, enriched, "
        "curated, workspace.",
    )
    production: bool = Field(
        False,
        description="The lake holds production data: only a stack with policyPreset prod may "
        "get write access to it (seed 002).",
    )
    location: Annotated[str, AfterValidator(known_region)] | None = Field(
        None,
        description="The lake's region, when it is not the stack's: Azure ML attaches storage "
        "from another region as a datastore (compute and metadata stay in the workspace's "
        "region; seed 002, regional training).",
    )
    data_residency: bool = Field(
        False,
        description="The lake's data must not leave its region (compliance, data movement "
        "constraints): only a workspace in the lake's region may attach it; train beside it "
        "on a regional hub instead (environments.regions.training).",
    )

    @field_validator("file_systems")
    @classmethod
    def _file_systems(cls, names: list[str]) -> list[str]:
        report(
            [
                ConfigIssue(
                    (index,),
                    f"'{name}' is not a file system name: 3–63 lowercase letters, digits or "
                    "single hyphens, starting and ending with a letter or digit",
                )
                for index, name in enumerate(names)
                if not _FILE_SYSTEM.match(name)
            ]
        )
        return names


class DataLandingZoneSettings(StrictModel):
    """What the data landing zone provides to its ML data products."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "DataLandingZoneArgs",
        """What the data landing zone provides: spoke subnet, central DNS zones and Log Analytics,
        lakes by key, and the Synapse and Databricks workspaces products connect to.""",
    )

    subnet_id: SubnetId = Field(
        description="The landing zone's spoke subnet: the products' private endpoints go here, "
        "and so do computes of a product whose isolationMode is Disabled."
    )
    dns: DnsSettings = Field(
        default_factory=lambda: DnsSettings(mode="none"),  # type: ignore[arg-type]
        description="The management zone's private DNS zones: mode existing with zoneIds by "
        "zone name, or none (Azure Policy registers the records). The zones are never created "
        "here.",
    )
    log_analytics_workspace_id: LogAnalyticsWorkspaceId | None = Field(
        None,
        description="The central Log Analytics workspace the products' diagnostics and "
        "Application Insights go to; absent: diagnostics.logAnalyticsWorkspaceId, else the "
        "hub's.",
    )
    monitoring: MonitoringSettings = Field(
        default_factory=MonitoringSettings,  # type: ignore[arg-type]
        description="Whether Default products' Application Insights is private, through the "
        "platform's Azure Monitor Private Link Scope (privateLinkScopeId).",
    )
    lakes: dict[str, LakeSettings] = Field(
        default_factory=dict, description="The landing zone's data lakes by key."
    )
    synapse_workspace_id: SynapseWorkspaceId | None = Field(
        None, description="A Synapse workspace every product's workspace connects to."
    )
    databricks_workspace_id: DatabricksWorkspaceId | None = Field(
        None, description="A Databricks workspace every product's workspace connects to."
    )

    def issues(self, location: str | None, groups: tuple[str, ...] | None) -> list[ConfigIssue]:
        """Checks across keys. A Default product's private Application Insights needs the
        platform's scope whether its logs go to a central workspace or one of its own."""
        issues: list[ConfigIssue] = []
        if self.dns.mode == "create":
            issues.append(
                ConfigIssue(
                    ("dns", "mode"),
                    "a data landing zone uses the management zone's private DNS zones: mode "
                    "existing (zoneIds) or none (Azure Policy registers the records)",
                )
            )
        else:
            issues += under(("dns",), self.dns.issues(location, groups))
        if not groups:  # no Default product: nothing has endpoints or Application Insights
            return issues
        monitoring = self.monitoring.issues(
            location, private_endpoints=True, central_workspace=False
        )
        if self.monitoring.private and self.monitoring.private_link_scope_id is None:
            monitoring.append(
                ConfigIssue(
                    ("privateLinkScopeId",),
                    "missing: a Default data product's Application Insights is private "
                    "(dataLandingZone.monitoring.private, true by default) and joins the data "
                    "landing zone's Azure Monitor Private Link Scope, which this program never "
                    "creates (a second scope on the same DNS would overwrite the platform's "
                    "records); give that scope's id, or set dataLandingZone.monitoring.private: "
                    "false",
                )
            )
        return issues + under(("monitoring",), monitoring)


class DatastoreSettings(StrictModel):
    """An identity-based datastore on one file system of a lake."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "DatastoreArgs",
        "An identity-based datastore: ``access`` is ``read`` (default) or ``write``.",
    )

    lake: str = Field(description="Key of the lake under dataLandingZone.lakes.")
    file_system: str = Field(description="One of the lake's fileSystems.")
    access: Literal["read", "write"] = Field(
        "read",
        description="read: Storage Blob Data Reader for the workspace identity and the "
        "product's groups on the file system; write: Storage Blob Data Contributor (readers "
        "keep read).",
    )

    def issues(
        self, zone: DataLandingZoneSettings, production: bool, location: str | None
    ) -> list[ConfigIssue]:
        """A known lake and file system; the lake's data kept in its region if it must be,
        and production data writable only from production (seed 002)."""
        lake = zone.lakes.get(self.lake)
        if lake is None:
            known = ", ".join(sorted(zone.lakes)) or "none defined"
            return [
                ConfigIssue(
                    ("lake",),
                    f"unknown lake '{self.lake}' (dataLandingZone.lakes: {known})",
                    BAD_REFERENCE,
                )
            ]
        issues = []
        if self.file_system not in lake.file_systems:
            issues.append(
                ConfigIssue(
                    ("fileSystem",),
                    f"lake '{self.lake}' has no file system '{self.file_system}' "
                    f"(fileSystems: {', '.join(lake.file_systems)})",
                    BAD_REFERENCE,
                )
            )
        if lake.data_residency and lake.location not in (None, location):
            issues.append(
                ConfigIssue(
                    ("lake",),
                    f"lake '{self.lake}' keeps its data in {lake.location} (dataResidency) and "
                    f"this workspace is in {location}: train on a regional hub in "
                    f"{lake.location} instead (environments.regions.training)",
                    CONTRADICTION,
                )
            )
        if self.access == "write" and lake.production and not production:
            issues.append(
                ConfigIssue(
                    ("access",),
                    f"lake '{self.lake}' holds production data and this stack is not "
                    "production (policyPreset): production data must not be writable from "
                    "development (seed 002); use access: read",
                    PROD_DATA_WRITABLE,
                )
            )
        return issues


class GroupSettings(StrictModel):
    """Entra groups (aliases from 'groups' or object ids) per role in the product team."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "DataProductGroupsArgs",
        "Entra group object ids per role in the product team.",
    )

    data_scientist: str | None = Field(
        None, description="AzureML Data Scientist on the workspace; the datastores' access."
    )
    ml_engineer: str | None = Field(
        None,
        description="AzureML Data Scientist and AzureML Compute Operator on the workspace; the "
        "datastores' access.",
    )
    reader: str | None = Field(
        None, description="Reader on the workspace; read access to the datastores."
    )


class DataProductSettings(StrictModel):
    """One ML data product: a dedicated resource group, a workspace, datastores, groups and
    computes, all named after its stable ``name``."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "DataProductArgs",
        """One ML data product; ``kind`` is ``default`` (own workspace and associated resources) or
        ``project`` (under ``hub_resource_id``).""",
    )

    name: str = key_field(
        description="Stable key of the product, used in its resource names and by "
        "observability (alert workspaces, endpoints)."
    )

    kind: Literal["default", "project"] = Field(
        "default",
        description="default: a Default workspace with its own storage, key vault, registry "
        "and Application Insights; project: a project under the stack's hub (its network and "
        "associated resources).",
    )
    description: str = Field("", max_length=256, description="Shown in ML studio.")
    isolation_mode: IsolationMode = Field(
        IsolationMode.ALLOW_ONLY_APPROVED_OUTBOUND,
        description="kind default only: the workspace's managed network (outbound rules to "
        "each lake it uses are added); Disabled puts computes in dataLandingZone.subnetId.",
    )
    high_business_impact: bool = Field(
        False, description="kind default only: HBI mode. Fixed after creation."
    )
    encryption: EncryptionSettings | None = Field(
        None,
        description="kind default only: a customer-managed key (in the product's key vault "
        "unless keyVaultId is given) unwrapped by the product's identity. Fixed after creation.",
    )
    datastores: dict[str, DatastoreSettings] = Field(
        default_factory=dict,
        description="Identity-based datastores by datastore name (lowercase letters, digits, '_').",
    )
    groups: GroupSettings = Field(
        default_factory=GroupSettings,  # type: ignore[arg-type]
        description="Entra groups per role in the product team.",
    )
    computes: ComputeSettings = Field(
        default_factory=ComputeSettings,
        description="Compute instances, clusters and AKS clusters attached as Kubernetes computes.",
    )

    @field_validator("name")
    @classmethod
    def _not_the_hub(cls, name: str) -> str:
        return not_the_hub(name, "data product")

    @field_validator("datastores")
    @classmethod
    def _datastore_names(cls, datastores: dict[str, Any]) -> dict[str, Any]:
        report([i for name in datastores if (i := name_issue("datastore", name)) is not None])
        return datastores

    def issues(
        self,
        zone: DataLandingZoneSettings | None,
        production: bool,
        location: str | None = None,
    ) -> list[ConfigIssue]:
        """Computes the workspace kind allows; datastores on known lakes, and production data
        writable only from production."""
        issues = under(("computes",), self.computes.issues())
        if self.encryption is not None:
            issues += under(("encryption",), self.encryption.issues(location))
        if self.kind == "project":
            issues += self._project_issues()
        if zone is None:
            return issues
        for name, store in self.datastores.items():
            issues += under(("datastores", name), store.issues(zone, production, location))
        return issues

    def _project_issues(self) -> list[ConfigIssue]:
        """A project has no clusters, and inherits its isolation, HBI and key from the hub."""
        issues = [
            ConfigIssue(
                ("computes", "clusters", name),
                "compute clusters exist only on Default workspaces; a project (or hub) runs jobs "
                "on serverless compute instead (Azure ML hub support matrix)",
                COMPUTE_REFUSED,
            )
            for name in self.computes.clusters
        ]
        for key, value in (
            ("isolationMode", self.isolation_mode != IsolationMode.ALLOW_ONLY_APPROVED_OUTBOUND),
            ("highBusinessImpact", self.high_business_impact),
            ("encryption", self.encryption is not None),
        ):
            if value:
                issues.append(
                    ConfigIssue(
                        (key,), "kind project inherits this from the hub; set it under 'hub'"
                    )
                )
        return issues


# The lake endpoints a managed network reaches privately: blob for the studio and SDK, dfs for
# ADLS Gen2 ("Private endpoint outbound rules" of a managed network, one per subresource:
# https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#private-endpoints).
LAKE_SUBRESOURCES = ("blob", "dfs")


def lake_rule_name(lake: str, subresource: str) -> str:
    return f"lake-{lake}-{subresource}"


def lake_rules(lakes: Mapping[str, LakeSettings], keys: Iterable[str]) -> dict[str, Any]:
    """A private-endpoint outbound rule (``ManagedNetworkSettings.outbound_rules`` entries) to
    each subresource of each lake in ``keys`` that the landing zone knows."""
    return {
        lake_rule_name(key, sub): {
            "type": "PrivateEndpoint",
            "service_resource_id": lakes[key].storage_account_id,
            "subresource_target": sub,
        }
        for key in sorted(set(keys) & set(lakes))
        for sub in LAKE_SUBRESOURCES
    }


def product_endpoint_groups(products: Iterable[DataProductSettings]) -> tuple[str, ...]:
    """The private-link groups of the products' endpoints, in the landing zone's DNS: a Default
    workspace's (with its container registry, as a hub's); none when every product is a
    project (its endpoint is the hub's)."""
    return hub_endpoint_groups(True) if any(p.kind == "default" for p in products) else ()


def project_lake_rules(
    zone: DataLandingZoneSettings | None, products: Iterable[DataProductSettings]
) -> dict[str, Any]:
    """The rules the hub's managed network needs for its project products: a project has no
    network of its own, so its computes reach the lakes its datastores read through the hub's
    (as a Default product's own network gets them)."""
    if zone is None:
        return {}
    used = [s.lake for p in products if p.kind == "project" for s in p.datastores.values()]
    return lake_rules(zone.lakes, used)


class DataLandingZoneMLSpec(ZoneSettings):
    """Everything DataLandingZoneML needs (``DataLandingZoneMLArgs``), validated as the stack
    config is: the LandingZone builds its args from the config, a library user's args go
    through the very same model."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "DataLandingZoneMLArgs",
        """Inputs of DataLandingZoneML. Naming parts are plain strings (names are known at preview);
        ``production``: the stack is governed as production (may write to production lakes).""",
        required=("data_products",),
    )

    data_landing_zone: DataLandingZoneSettings
    data_products: list[DataProductSettings] = Field(default_factory=list)
    subscription_id: Annotated[str, Field(pattern=UUID_PATTERN)] | None = None
    hub_resource_id: Annotated[str | None, KeepOutputs] = None
    production: bool = False
    hub_high_business_impact: bool = False  # a project's HBI follows its hub's (fixed at creation)
    protect: bool = False
    rbac_propagation_wait: str = Field("60s", pattern=r"^[0-9]{1,3}[sm]$")

    def issues(self) -> list[ConfigIssue]:
        groups = product_endpoint_groups(self.data_products)
        zone = self.data_landing_zone
        central = zone.log_analytics_workspace_id is not None
        issues = under(("dataLandingZone",), zone.issues(self.location, groups))
        if not central and any(p.kind == "project" for p in self.data_products):
            issues.append(
                ConfigIssue(
                    ("dataLandingZone", "logAnalyticsWorkspaceId"),
                    "required with kind project products: the Log Analytics workspace their "
                    "diagnostics go to, the hub's (Hub.log_analytics_workspace_id) or a central "
                    "one (a Default product without it keeps a workspace of its own)",
                    MISSING,
                )
            )
        for index, product in enumerate(self.data_products):
            path = ("dataProducts", index)
            issues += under(
                path, product.issues(self.data_landing_zone, self.production, self.location)
            )
            if product.kind == "project" and self.hub_resource_id is None:
                issues.append(
                    ConfigIssue((*path, "kind"), "kind project needs hub_resource_id", MISSING)
                )
            for role, group in product.groups:
                problem = object_id_problem(group) if group is not None else None
                if problem is not None:
                    issues.append(ConfigIssue((*path, "groups", role), problem, BAD_REFERENCE))
        return issues
