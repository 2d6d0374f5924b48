"""A whole landing zone from a validated stack config: the hub, then its projects.

``LandingZone`` is a component like its children: it takes ``opts`` (a provider for another
subscription or region reaches every child through it) and its name prefixes its children's
names, so two landing zones can live in one program without URN clashes.

Where projects live is the zone's choice (``hub.projectResourceGroups``): in the hub's shared
projects group, or each in a resource group of its own that the zone creates here, before the
project (``ProjectWorkspace`` only takes a group's name, so a library user places it anywhere)."""

from typing import Any, cast

import pulumi
from pulumi_azure_native import resources

from .blocks.rbac import Grant, assign_roles
from .blocks.tags import landing_zone_tags, with_tags
from .component_types import LANDING_ZONE_TYPE
from .config import LandingZoneConfig
from .config.landing_zone import hub_lake_rules
from .config.zone import ZoneSettings
from .data_products.args import DataLandingZoneMLArgs
from .data_products.component import DataLandingZoneML
from .enums import ProjectResourceGroups
from .hub.args import HubArgs, MlRegistryAccessArgs
from .hub.component import Hub
from .hub.config import HubSettings, HubSpec
from .inference.component import Serving, serve
from .naming import Naming, deployment_subscription
from .observability.component import observe
from .platform_outputs import PlatformOutputs
from .projects.component import HubLink, ProjectWorkspace, project_args
from .projects.config import ProjectSettings
from .roles import storage_data_roles


class LandingZone(pulumi.ComponentResource):
    """The hub is named after the zone; each project ``<zone>-<project key>``, so keys (never
    positions) name resources and reordering projects never replaces one."""

    hub: Hub
    projects: dict[str, ProjectWorkspace]
    project_resource_groups: dict[str, resources.ResourceGroup]
    data_products: DataLandingZoneML | None

    def __init__(
        self,
        name: str,
        config: LandingZoneConfig,
        opts: pulumi.ResourceOptions | None = None,
        *,
        ml_registry_access: MlRegistryAccessArgs | None = None,
    ):
        """``ml_registry_access``: another stack's promotion registry its hub's managed network
        reaches (``MultiEnvironment`` gives the owner's to every other environment)."""
        super().__init__(LANDING_ZONE_TYPE, name, None, opts)
        subscription_id = deployment_subscription()
        naming = Naming(
            config.organization,
            config.workload,
            config.environment,
            config.location,
            subscription_id,
            config.name_seed,
            config.naming_version,
        )
        tags = landing_zone_tags(config.environment, config.workload, config.tags)
        self._config, self._subscription_id, self._tags = config, subscription_id, tags
        self.hub = Hub(
            name,
            hub_args(
                config, subscription_id=subscription_id, ml_registry_access=ml_registry_access
            ),
            pulumi.ResourceOptions(
                parent=self,
                # Stacks created before LandingZone was a component had the hub at the root.
                aliases=[pulumi.Alias(parent=pulumi.ROOT_STACK_RESOURCE)],
            ),
        )
        self.projects, self.project_resource_groups = {}, {}
        for project in config.projects:
            self._project(name, project, naming)
        self._grant_storage_data_access(name, config, naming)
        self.data_products = self._data_products(name)
        endpoint_ids = self._serve(name, naming, tags)
        budget_scopes = {key: group.id for key, group in self.project_resource_groups.items()}
        observe(
            self,
            name=name,
            config=config,
            naming=naming,
            hub=self.hub,
            projects=self.projects,
            tags=tags,
            data_products=self.data_products,
            project_groups=budget_scopes,
            endpoint_ids=endpoint_ids,
        )
        self.register_outputs({})

    def _serve(
        self, name: str, naming: Naming, tags: dict[str, str]
    ) -> dict[tuple[str, str], pulumi.Output[str]]:
        """The serving cluster and its endpoints (``inference``; config requires a Default data
        product to attach to): the endpoints' ids by (workspace key, name), for their alerts."""
        inference = self._config.inference
        if inference is None or self.data_products is None:
            return {}
        serving = Serving(
            name,
            self._config,
            naming,
            self,
            self._config.log_analytics_for_products() or self.hub.log_analytics_workspace_id,
            self.data_products,
            tags,
        )
        return {
            (inference.workspace, endpoint_name): endpoint.id
            for endpoint_name, endpoint in serve(serving).items()
        }

    def _data_products(self, name: str) -> DataLandingZoneML | None:
        """The stack's data products, in the data landing zone, beside the hub (None without)."""
        products = data_products_args(self._config, self.hub, subscription_id=self._subscription_id)
        if products is None:
            return None
        return DataLandingZoneML(
            f"{name}-dlz",
            products,
            # its project products' computes wait for the hub's private endpoint
            pulumi.ResourceOptions(parent=self, depends_on=[self.hub]),
        )

    def _project(self, name: str, project: ProjectSettings, naming: Naming) -> None:
        """A project workspace under the hub, in its own resource group with perProject."""
        config = self._config
        project_tags = with_tags(self._tags, project=project.name)
        group_name: pulumi.Input[str] = self.hub.project_resource_group_name
        if config.hub.project_resource_groups == ProjectResourceGroups.PER_PROJECT:
            group = self._project_resource_group(name, project.name, naming, project_tags)
            self.project_resource_groups[project.name], group_name = group, group.name
        hub = HubLink(
            self.hub.hub_id,
            config.location,
            self.hub.log_analytics_workspace_id,
            config.hub.high_business_impact,
            config.hub.protect,
        )
        self.projects[project.name] = ProjectWorkspace(
            f"{name}-{project.name}",
            project_args(
                hub,
                workspace_name=naming.project(project.name),
                resource_group_name=group_name,
                members=[(config.group_id(m.group), m.role) for m in project.members],
                tags=project_tags,
                description=project.description,
                friendly_name=project.friendly_name or project.name,
            ),
            pulumi.ResourceOptions(
                parent=self,
                # Release 0.1 named each project by its key, at the stack's root; its children
                # (named after it) follow through the engine's inherited aliases.
                aliases=[pulumi.Alias(name=project.name, parent=pulumi.ROOT_STACK_RESOURCE)],
            ),
        )

    def _project_resource_group(
        self, name: str, key: str, naming: Naming, tags: dict[str, str]
    ) -> resources.ResourceGroup:
        """A project's own group (perProject), so cost is reported and budgeted per project.
        Protected with the hub; no lock on the group itself (the policy pack's
        prod-resource-locks): the workspace in it carries its own CanNotDelete lock, and a group
        lock would block replacing the role assignments and diagnostic settings under it."""
        return resources.ResourceGroup(
            f"{name}-{key}-rg",
            resource_group_name=naming.project_resource_group(key),
            location=self._config.location,
            tags=tags,
            opts=pulumi.ResourceOptions(parent=self, protect=self._config.hub.protect),
        )

    def _grant_storage_data_access(
        self, name: str, config: LandingZoneConfig, naming: Naming
    ) -> None:
        """Each member group's data roles on the hub storage, derived from its workspace roles
        across every project (one assignment per group and role: ARM refuses duplicates)."""
        roles_of: dict[str, list[str]] = {}
        for project in config.projects:
            for member in project.members:
                roles_of.setdefault(config.group_id(member.group), []).append(member.role)
        grants = [
            Grant(group, role)
            for group, workspace_roles in sorted(roles_of.items())
            for role in storage_data_roles(workspace_roles)
        ]
        assign_roles(
            f"{name}-data", self.hub.storage_account_id, naming.storage(), grants, parent=self
        )

    def platform_outputs(self) -> PlatformOutputs:
        """The outputs product-team stacks may rely on (``platform_outputs.py``)."""
        outputs: PlatformOutputs = {
            "hubId": self.hub.hub_id,
            "hubName": self.hub.hub_name,
            "subscriptionId": self._subscription_id,
            "location": self._config.location,
            "environment": self._config.environment,
            "resourceGroupName": self.hub.resource_group_name,
            "projectResourceGroupName": self.hub.project_resource_group_name,
            "logAnalyticsWorkspaceId": self.hub.log_analytics_workspace_id,
            "highBusinessImpact": self._config.hub.high_business_impact,
            "tags": self._tags,
        }
        if self.hub.private_endpoint_subnet_id is not None:
            outputs["privateEndpointSubnetId"] = self.hub.private_endpoint_subnet_id
        if self.hub.private_dns_zone_ids is not None:
            outputs["privateDnsZoneIds"] = self.hub.private_dns_zone_ids
        if self.hub.private_endpoint_id is not None:
            outputs["hubPrivateEndpointId"] = self.hub.private_endpoint_id
        return outputs

    def _project_outputs(self, key: str) -> dict[str, pulumi.Input[str]]:
        """A project's outputs and the resource group its workspace is in."""
        group = self.project_resource_groups.get(key)
        return {
            **self.projects[key].outputs(),
            "resourceGroupName": (
                group.name if group is not None else self.hub.project_resource_group_name
            ),
        }

    def outputs(self) -> dict[str, Any]:
        """The stack's exports: the platform contract at the top level, then the detail."""
        return {
            **self.platform_outputs(),
            "hub": self.hub.outputs(),
            "projects": {key: self._project_outputs(key) for key in sorted(self.projects)},
            **(
                {"dataProducts": self.data_products.outputs()}
                if self.data_products is not None
                else {}
            ),
        }


# --- The stack config as component args: one typed step per component -----------------------


def hub_args(
    config: LandingZoneConfig,
    *,
    subscription_id: str,
    ml_registry_access: MlRegistryAccessArgs | None = None,
) -> HubArgs:
    """The Hub's args: its spec (``HubSpec``, which the args are generated from) extends the
    zone's naming parts and the ``hub`` section, so both are passed as they are; the rest
    comes from elsewhere in the stack config: the network, the central Log Analytics
    workspace, the project creators' group ids and the rules to its project products' lakes."""
    hub = config.hub.model_dump(exclude=_HUB_SECTION_ONLY, exclude_none=True)
    lake_rules = hub_lake_rules(config.hub, config.data_landing_zone, config.data_products)
    if lake_rules:
        network = hub["managed_network"]
        network["outbound_rules"] = {**lake_rules, **network.get("outbound_rules", {})}
    args: dict[str, Any] = {
        **config.model_dump(include=set(ZoneSettings.model_fields)),
        **hub,
        "network": config.network.model_dump(exclude_none=True),
        "project_creator_group_ids": [config.group_id(g) for g in config.hub.project_creators],
        "subscription_id": subscription_id,
    }
    if config.diagnostics.log_analytics_workspace_id is not None:
        args["log_analytics_workspace_id"] = config.diagnostics.log_analytics_workspace_id
    if ml_registry_access is not None:
        args["ml_registry_access"] = ml_registry_access
    return cast(HubArgs, args)


# What the hub section holds for the LandingZone itself, not for the Hub.
_HUB_SECTION_ONLY = set(HubSettings.model_fields) - set(HubSpec.model_fields)


def data_products_args(
    config: LandingZoneConfig, hub: Hub, *, subscription_id: str
) -> DataLandingZoneMLArgs | None:
    """The DataLandingZoneML's args (None without data products): the data landing zone and
    products sections as they are, group aliases resolved, diagnostics to the central workspace
    the config names (else the hub's), and what the products take from the hub."""
    zone_settings = config.data_landing_zone
    if zone_settings is None or not config.data_products:
        return None
    zone = zone_settings.model_dump(exclude_none=True)
    zone["log_analytics_workspace_id"] = (
        config.log_analytics_for_products() or hub.log_analytics_workspace_id
    )
    products = []
    for product in config.data_products:
        data = product.model_dump(exclude_none=True)
        data["groups"] = {role: config.group_id(group) for role, group in data["groups"].items()}
        products.append(data)
    args = {
        **config.model_dump(include=set(ZoneSettings.model_fields)),
        "data_landing_zone": zone,
        "data_products": products,
        "hub_resource_id": hub.hub_id,
        "production": config.production,
        "hub_high_business_impact": config.hub.high_business_impact,
        "protect": config.hub.protect,
        "rbac_propagation_wait": config.hub.rbac_propagation_wait,
        "subscription_id": subscription_id,
    }
    return cast(DataLandingZoneMLArgs, args)
