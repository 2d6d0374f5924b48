"""The hub: one secured, shared environment that project workspaces are created under (seed 000).

The hub owns everything projects inherit: network isolation (private endpoints, managed network,
public access), identity, customer-managed keys and the associated resources (storage, key vault,
registry, Application Insights). Each comes from a hardened-resource block; this class only
decides which blocks a hub needs and wires them together."""

import pulumi
from pulumi_azure_native import (
    authorization,
    machinelearningservices,
    managedidentity,
    network,
    resources,
)

from ..arm import resource_name
from ..blocks.diagnostics import DiagnosticTarget, send_diagnostics
from ..blocks.hardening import ResourceContext, harden_with_endpoint
from ..blocks.identity import (
    WORKSPACE_IDENTITY_ROLES,
    RoleScope,
    grant_identity,
    grant_principal,
    user_assigned_identity,
)
from ..blocks.interfaces import (
    DiagnosticSettings,
    Interfaces,
    NetworkAccess,
    PrivateEndpoints,
    protection_lock,
)
from ..blocks.ml_workspace import (
    GrantedIdentity,
    grant_workspace_identity,
    ml_workspace,
    outbound_rule_scopes,
)
from ..blocks.network import SpokeNetwork, spoke_network
from ..blocks.private_endpoint import NetworkLink, private_dns_zones
from ..blocks.rbac import Grant
from ..blocks.storage import HardenedStorage
from ..blocks.tags import landing_zone_tags
from ..blocks.workspace import AssociatedResources, associated_resources, studio_access
from ..component_types import HUB_TYPE
from ..config.args import validate_args
from ..dns_zones import zones_needed
from ..enums import IdentityType, IsolationMode
from ..ipranges import parse_allowed_ip
from ..naming import Naming, deployment_subscription
from .args import HubArgs
from .config import HubSpec
from .ml_registry import created_resource_ids, ml_registry
from .registry_access import RegistryAccess, approve_registry_rules, registry_rules

__all__ = ["Hub", "HubArgs"]


class Hub(pulumi.ComponentResource):
    """Hub workspace with its hardened associated resources and a self-serve project group."""

    hub_id: pulumi.Output[str]
    hub_name: pulumi.Output[str]
    principal_id: pulumi.Output[str]
    identity_id: pulumi.Output[str] | None
    resource_group_name: pulumi.Output[str]
    resource_group_id: pulumi.Output[str]
    project_resource_group_name: pulumi.Output[str]
    project_resource_group_id: pulumi.Output[str]
    storage_account_id: pulumi.Output[str]
    key_vault_id: pulumi.Output[str]
    container_registry_id: pulumi.Output[str] | None
    application_insights_id: pulumi.Output[str]
    log_analytics_workspace_id: pulumi.Output[str]
    private_endpoint_subnet_id: pulumi.Output[str] | None
    private_endpoint_id: pulumi.Output[str] | None
    ml_registry_id: pulumi.Output[str] | None
    ml_registry_name: pulumi.Output[str] | None
    private_dns_zone_ids: pulumi.Output[dict[str, str]] | None

    SPEC = HubSpec  # what validates the args, and what they are generated from

    def __init__(self, name: str, args: HubArgs, opts: pulumi.ResourceOptions | None = None):
        spec = validate_args(self.SPEC, args, f"Hub '{name}'")
        super().__init__(HUB_TYPE, name, None, opts)
        self._name, self._spec = name, spec
        self._naming = Naming(
            *(spec.organization, spec.workload, spec.environment, spec.location),
            spec.subscription_id or deployment_subscription(),
            spec.name_seed,
            spec.naming_version,
        )
        tags = landing_zone_tags(spec.environment, spec.workload, spec.tags)
        rg = self._resource_group("rg", "hub", tags)
        projects_rg = self._resource_group("projects-rg", "projects", tags)
        subnet_id, spoke = self._endpoint_subnet(rg.name, tags)
        associated = self._associated(self._context(rg, subnet_id, spoke, tags))
        promotion = (
            ml_registry(associated.ctx, [spec.location, *spec.ml_registry_regions])
            if spec.ml_registry
            else None
        )
        access = self._registry_access(promotion)
        granted = self._identity(rg.name, tags, associated, access)
        workspace = self._workspace(
            rg.name, projects_rg.id, associated, granted, access=access, tags=tags
        )
        creators = [Grant(group, "Azure AI Developer") for group in spec.project_creator_group_ids]
        endpoints = harden_with_endpoint(
            associated.ctx,
            key="hub",
            azure_name=self._naming.hub(),
            resource_id=workspace.id,
            group="amlworkspace",
            interfaces=associated.ctx.interfaces.but(role_assignments=tuple(creators)),
        )
        identity = granted.identity if granted is not None else None
        self._grants_after_workspace(workspace, identity, associated.storage, access)
        if spoke is not None:
            network_diagnostics = [
                DiagnosticTarget("vnet", spoke.virtual_network.id),
                DiagnosticTarget("nsg-pe", spoke.security_group.id, metrics=False),
            ]
            settings = DiagnosticSettings(associated.monitor.log_analytics_workspace_id)
            send_diagnostics(name, network_diagnostics, settings, self)
        self._expose(
            workspace,
            identity,
            groups=(rg, projects_rg),
            associated=associated,
            subnet_id=subnet_id,
            endpoints=endpoints,
        )
        self._expose_registry(promotion, access)
        self.register_outputs(self.outputs())

    def _context(
        self,
        rg: resources.ResourceGroup,
        subnet_id: pulumi.Input[str] | None,
        spoke: SpokeNetwork | None,
        tags: dict[str, str],
    ) -> ResourceContext:
        spec = self._spec
        return ResourceContext(
            prefix=self._name,
            parent=self,
            naming=self._naming,
            resource_group_name=rg.name,
            location=spec.location,
            protect=spec.protect,
            network_access=NetworkAccess(
                spec.public_network_access,
                tuple(parse_allowed_ip(ip) for ip in spec.allowed_ip_ranges),
            ),
            interfaces=Interfaces(
                tags=tags,
                lock=protection_lock(spec.protect),
                private_endpoints=self._endpoint_placement(subnet_id, spoke, rg.name, tags),
            ),
        )

    def _associated(self, ctx: ResourceContext) -> AssociatedResources:
        spec = self._spec
        client = authorization.get_client_config_output(
            opts=pulumi.InvokeOutputOptions(parent=self)
        )
        return associated_resources(
            ctx,
            tenant_id=client.tenant_id,
            central_workspace_id=spec.log_analytics_workspace_id,
            log_retention_days=spec.log_retention_days,
            private_monitoring=spec.monitoring.private,
            private_link_scope_id=spec.monitoring.private_link_scope_id,
            storage_sku=f"Standard_{spec.storage_redundancy}",
            key_vault_purge_protection=spec.key_vault_purge_protection,
            key_vault_retention_days=spec.key_vault_soft_delete_retention_days,
            container_registry=spec.container_registry,
            registry_zone_redundancy=spec.registry_zone_redundancy,
        )

    def _registry_access(
        self, promotion: machinelearningservices.Registry | None
    ) -> RegistryAccess | None:
        """The promotion registry the managed network reaches: the one this hub creates, or
        another stack's (``ml_registry_access``); none without a managed network."""
        spec = self._spec
        if spec.managed_network.isolation_mode == IsolationMode.DISABLED:
            return None
        if promotion is not None:
            storage, acr = created_resource_ids(promotion)
            return RegistryAccess(promotion.id, storage, acr, spec.environment, owned=True)
        given = spec.ml_registry_access
        if given is None:
            return None
        return RegistryAccess(
            given.registry_id,
            given.storage_account_id,
            given.container_registry_id,
            given.owner,
            owned=False,
        )

    def _expose(
        self,
        workspace: machinelearningservices.Workspace,
        identity: managedidentity.UserAssignedIdentity | None,
        *,
        groups: tuple[resources.ResourceGroup, resources.ResourceGroup],
        associated: AssociatedResources,
        subnet_id: pulumi.Input[str] | None,
        endpoints: dict[str, network.PrivateEndpoint],
    ) -> None:
        """The hub's outputs (``outputs``); ``groups``: the hub's and the projects' group."""
        (rg, projects_rg), monitor, registry = groups, associated.monitor, associated.registry
        self.hub_id = workspace.id
        self.hub_name = workspace.name
        self.principal_id = (
            identity.principal_id
            if identity is not None
            else workspace.identity.apply(lambda i: i.principal_id if i else "")
        )
        self.identity_id = identity.id if identity is not None else None
        self.resource_group_name = rg.name
        self.resource_group_id = rg.id
        self.project_resource_group_name = projects_rg.name
        self.project_resource_group_id = projects_rg.id
        self.storage_account_id = associated.storage.id
        self.key_vault_id = associated.vault.id
        self.container_registry_id = registry.id if registry else None
        self.application_insights_id = monitor.app_insights.id
        self.log_analytics_workspace_id = monitor.log_analytics_workspace_id
        self.private_endpoint_subnet_id = (
            pulumi.Output.from_input(subnet_id) if subnet_id is not None else None
        )
        # what a project's computes (no public IP) wait for, in this stack or a product team's
        self.private_endpoint_id = endpoints["hub"].id if "hub" in endpoints else None
        # zone name -> id, for a team's own private endpoints; None when DNS is left to policy
        ctx = associated.ctx
        placement = ctx.interfaces.private_endpoints
        zone_ids = placement.zone_ids if placement is not None else None
        self.private_dns_zone_ids = pulumi.Output.all(**zone_ids) if zone_ids else None
        # the Azure Monitor scope this hub created, which a regional hub joins (one per DNS)
        self.created_private_link_scope_id: pulumi.Output[str] | None = (
            monitor.private_link_scope.id if monitor.private_link_scope is not None else None
        )

    def _expose_registry(
        self, promotion: machinelearningservices.Registry | None, access: RegistryAccess | None
    ) -> None:
        """The promotion registry this hub created (and what Azure created for it), and how its
        managed network reaches one (None without)."""
        self.ml_registry_id = promotion.id if promotion is not None else None
        self.ml_registry_name = promotion.name if promotion is not None else None
        self.ml_registry_resources = (
            created_resource_ids(promotion) if promotion is not None else None
        )
        self.ml_registry_access = access

    def _grants_after_workspace(
        self,
        workspace: machinelearningservices.Workspace,
        identity: managedidentity.UserAssignedIdentity | None,
        account: HardenedStorage,
        access: RegistryAccess | None,
    ) -> None:
        """The grants that can only follow the workspace: Reader on the storage endpoints for
        the studio, the approver role of a system-assigned identity, and a user-assigned
        identity's documented role on the workspace itself."""
        self._studio_access(workspace, identity, account)
        if identity is None:
            self._approve_outbound_endpoints(workspace, access)
            return
        naming = self._naming
        grant_identity(
            f"{self._name}-id",
            identity,
            naming.identity("hub"),
            [RoleScope(naming.hub(), workspace.id, WORKSPACE_IDENTITY_ROLES["workspace"])],
            parent=self,
        )

    def _identity(
        self,
        resource_group_name: pulumi.Input[str],
        tags: dict[str, str],
        associated: AssociatedResources,
        access: RegistryAccess | None,
    ) -> GrantedIdentity | None:
        """A user-assigned identity with the roles Azure documents, granted BEFORE the workspace
        (the service checks them at creation), and the customer-managed key it unwraps; the
        approver role on the outbound rules' targets, the promotion registry's among them."""
        spec, naming = self._spec, self._naming
        if spec.identity != IdentityType.USER_ASSIGNED:
            return None
        identity = user_assigned_identity(
            self._name,
            naming.identity("hub"),
            resource_group_name,
            spec.location,
            parent=self,
            tags=tags,
            protect=spec.protect,  # the workspace, and its key, are unusable without it
        )
        registry_grants = (
            approve_registry_rules(
                self._name, access, identity.principal_id, naming.identity("hub"), parent=self
            )
            if access is not None
            else []
        )
        return grant_workspace_identity(
            self._name,
            identity,
            naming.identity("hub"),
            associated=associated,
            network=spec.managed_network,
            encryption=spec.encryption,
            rbac_wait=spec.rbac_propagation_wait,
            parent=self,
            protect=spec.protect,
            also_wait_for=registry_grants,
        )

    def _approve_outbound_endpoints(
        self, workspace: machinelearningservices.Workspace, access: RegistryAccess | None
    ) -> None:
        """A system-assigned hub identity approves its private-endpoint outbound rules' targets
        too; it exists only after the hub, so the grant follows it (config refuses
        provisionNetworkNow with such rules, which would need the grant first).
        https://learn.microsoft.com/azure/machine-learning/how-to-managed-network"""
        principal = workspace.identity.apply(lambda i: i.principal_id if i else "")
        key = f"{self._naming.hub()}/system-identity"
        if access is not None:
            approve_registry_rules(self._name, access, principal, key, parent=self)
        scopes = outbound_rule_scopes(self._spec.managed_network)
        grant_principal(f"{self._name}-approver", principal, key, scopes, parent=self)

    def _studio_access(
        self,
        workspace: machinelearningservices.Workspace,
        identity: managedidentity.UserAssignedIdentity | None,
        account: HardenedStorage,
    ) -> None:
        """Reader on the storage endpoints for the workspace identity (``studio_access``)."""
        if identity is not None:
            principal: pulumi.Input[str] = identity.principal_id
            key = self._naming.identity("hub")
        else:
            principal = workspace.identity.apply(lambda i: i.principal_id if i else "")
            key = f"{self._naming.hub()}/system-identity"
        studio_access(self._name, account, principal, key, parent=self)

    def _resource_group(
        self, key: str, purpose: str, tags: dict[str, str]
    ) -> resources.ResourceGroup:
        return resources.ResourceGroup(
            f"{self._name}-{key}",
            resource_group_name=self._naming.resource_group(purpose),
            location=self._spec.location,
            tags=tags,
            opts=pulumi.ResourceOptions(parent=self),
        )

    def _workspace(
        self,
        resource_group_name: pulumi.Input[str],
        projects_resource_group_id: pulumi.Input[str],
        associated: AssociatedResources,
        granted: GrantedIdentity | None,
        *,
        access: RegistryAccess | None,
        tags: dict[str, str],
    ) -> machinelearningservices.Workspace:
        spec, naming = self._spec, self._naming
        return ml_workspace(
            f"{self._name}-hub",
            "Hub",
            parent=self,
            protect=spec.protect,
            identity_id=granted.identity.id if granted is not None else None,
            network=spec.managed_network,
            extra_rules=registry_rules(access) if access is not None else None,
            depends_on=granted.before if granted is not None else (),
            workspace_name=naming.hub(),
            resource_group_name=resource_group_name,
            location=spec.location,
            sku={"name": "Basic", "tier": machinelearningservices.SkuTier.BASIC},
            friendly_name=f"{naming.organization} {naming.workload} hub ({naming.environment})",
            description="Shared hub: network, identity and associated resources for projects.",
            storage_account=associated.storage.id,
            key_vault=associated.vault.id,
            application_insights=associated.monitor.app_insights.id,
            container_registry=associated.registry.id if associated.registry else None,
            public_network_access=spec.public_network_access,
            allow_public_access_when_behind_vnet=False,
            hbi_workspace=spec.high_business_impact,
            encryption=granted.encryption if granted is not None else None,
            enable_service_side_cmk_encryption=(
                spec.encryption.service_side_encryption if spec.encryption is not None else None
            ),
            system_datastores_auth_mode="Identity",
            # Serverless image builds need a registry without network restrictions; a private
            # one needs a named compute ("Configure image builds"):
            # https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#configure-image-builds
            image_build_compute=spec.image_build_compute,
            # Hubs and projects have no compute clusters: jobs run on serverless compute, here
            # in the landing zone's subnet without public IPs when configured.
            # https://learn.microsoft.com/azure/machine-learning/how-to-use-serverless-compute
            serverless_compute_settings=(
                {
                    "serverless_compute_custom_subnet": spec.serverless_compute.subnet_id,
                    "serverless_compute_no_public_ip": spec.serverless_compute.no_public_ip,
                }
                if spec.serverless_compute is not None
                else None
            ),
            workspace_hub_config={"default_workspace_resource_group": projects_resource_group_id},
            tags=tags,
        )

    def _endpoint_subnet(
        self, resource_group_name: pulumi.Input[str], tags: dict[str, str]
    ) -> tuple[pulumi.Input[str] | None, SpokeNetwork | None]:
        """The subnet private endpoints go into: given, or a spoke created here."""
        network = self._spec.network
        if not network.private_endpoints:
            return None, None
        if network.virtual_network is None:
            return network.subnet_id, None
        spoke = spoke_network(
            self._name,
            self._naming,
            resource_group_name=resource_group_name,
            location=self._spec.location,
            address_space=network.virtual_network.address_space,
            endpoint_subnet=network.virtual_network.private_endpoint_subnet,
            parent=self,
            tags=tags,
        )
        return spoke.subnet.id, spoke

    def _endpoint_placement(
        self,
        subnet_id: pulumi.Input[str] | None,
        spoke: SpokeNetwork | None,
        resource_group_name: pulumi.Input[str],
        tags: dict[str, str],
    ) -> PrivateEndpoints | None:
        """The private DNS zones every endpoint of the hub registers in, once per zone."""
        if subnet_id is None:
            return None
        dns = self._spec.network.dns
        links: list[NetworkLink] = []
        if spoke is not None:
            vnet_name = self._naming.virtual_network()
            links.append(
                NetworkLink("spoke", self._naming.dns_link(vnet_name), spoke.virtual_network.id)
            )
        for vnet_id in dns.link_virtual_network_ids:
            link_name = self._naming.dns_link(resource_name(vnet_id), vnet_id)
            links.append(NetworkLink(link_name.removeprefix("link-"), link_name, vnet_id))
        zone_ids = private_dns_zones(
            f"{self._name}-dns",
            dns.mode,
            zones_needed(self._spec.location, self._spec.endpoint_groups),
            resource_group_name,
            parent=self,
            existing_ids=dns.zone_ids,
            links=links,
            tags=tags,
        )
        return PrivateEndpoints(subnet_id, zone_ids)

    def outputs(self) -> dict[str, pulumi.Input[str] | pulumi.Input[dict[str, str]] | None]:
        return {
            "hubId": self.hub_id,
            "hubName": self.hub_name,
            "principalId": self.principal_id,
            "identityId": self.identity_id,
            "resourceGroupName": self.resource_group_name,
            "projectResourceGroupName": self.project_resource_group_name,
            "storageAccountId": self.storage_account_id,
            "keyVaultId": self.key_vault_id,
            "containerRegistryId": self.container_registry_id,
            "applicationInsightsId": self.application_insights_id,
            "logAnalyticsWorkspaceId": self.log_analytics_workspace_id,
            "privateEndpointSubnetId": self.private_endpoint_subnet_id,
            "privateEndpointId": self.private_endpoint_id,
            "mlRegistryId": self.ml_registry_id,
            "mlRegistryName": self.ml_registry_name,
            "privateDnsZoneIds": self.private_dns_zone_ids,
        }
