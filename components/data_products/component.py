"""Azure ML as data products in a cloud-scale analytics data landing zone (seed 004).

Each product gets a dedicated resource group, a user-assigned identity for its workspace and
computes, and a workspace: a Default workspace composed of the hardened blocks (storage, key
vault, registry, Application Insights beside it, private endpoints in the landing zone's spoke
subnet registered in the management zone's DNS zones, diagnostics to the central Log Analytics),
or a project under a shared hub. Identity-based datastores point at the landing zone's lakes; the
workspace identity and the product's Entra groups get the blob data role each datastore's access
asks for, on its file system only. Synapse and Databricks are connected; a hub shares its lake
connections with every project. Computes have no public IP, local auth and SSH off, and wait for
the workspace's private endpoint."""

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import (
    authorization,
    machinelearningservices,
    managedidentity,
    resources,
)

from ..arm import resource_group_of, resource_name, subscription_of
from ..blocks.connections import aad_connection
from ..blocks.hardening import ResourceContext, harden_with_endpoint
from ..blocks.identity import (
    WORKSPACE_IDENTITY_ROLES,
    RoleScope,
    grant_identity,
    user_assigned_identity,
)
from ..blocks.interfaces import Interfaces, Lock, PrivateEndpoints
from ..blocks.ml_workspace import GrantedIdentity, grant_workspace_identity, ml_workspace
from ..blocks.private_endpoint import private_dns_zones
from ..blocks.rbac import Grant, assign_roles, resource_name_of, wait_for_propagation
from ..blocks.tags import landing_zone_tags, with_tags
from ..blocks.workspace import AssociatedResources, associated_resources, studio_access
from ..component_types import DATA_LANDING_ZONE_TYPE
from ..computes.blocks import (
    Subnet,
    compute_cluster,
    compute_instance,
    depends_on_of,
    kubernetes_attach,
)
from ..config.args import validate_args
from ..config.managed_network import ManagedNetworkSettings
from ..dns_zones import zones_for, zones_needed
from ..enums import IsolationMode, PrincipalType
from ..naming import Naming, deployment_subscription
from ..projects.component import ProjectWorkspace
from ..roles import DATA_PRODUCT_ROLES, LAKE_DATA_ROLES, role_guid
from .args import DataLandingZoneMLArgs
from .config import (
    DataLandingZoneMLSpec,
    DataProductSettings,
    DatastoreSettings,
    LakeSettings,
    lake_rules,
    product_endpoint_groups,
)

__all__ = ["DataLandingZoneML", "DataLandingZoneMLArgs"]


@dataclass(frozen=True)
class _Workspace:
    """What a product's datastores, connections and computes attach to."""

    name: pulumi.Input[str]
    id: pulumi.Input[str]
    resource_group_name: pulumi.Input[str]
    # what computes must wait for: the workspace's private endpoint (or the hub's, for a
    # project), without which a compute with no public IP fails
    endpoints: Sequence[pulumi.Resource]


@dataclass(frozen=True)
class _LakeGrant:
    """A role a product needs on a lake's file system (``scope_key`` names it stably)."""

    scope_id: str
    scope_key: str
    grant: Grant


class DataLandingZoneML(pulumi.ComponentResource):
    """ML data products in a data landing zone. Every product's resources are named after its
    key, so reordering or adding products never replaces one. With project products, give
    ``opts.depends_on`` the hub (or its private endpoint): their computes wait for it, as a
    compute without public IP fails before the workspace is reachable privately."""

    workspace_ids: pulumi.Output[dict[str, str]]
    identity_ids: pulumi.Output[dict[str, str]]
    # each product identity's principal: what other resources (a promotion registry) grant to
    principal_ids: pulumi.Output[dict[str, str]]
    resource_group_names: pulumi.Output[dict[str, str]]
    # each product's own resource group: the scope of its cost budget
    resource_group_ids: pulumi.Output[dict[str, str]]

    def __init__(
        self, name: str, args: DataLandingZoneMLArgs, opts: pulumi.ResourceOptions | None = None
    ):
        spec = validate_args(DataLandingZoneMLSpec, args, f"DataLandingZoneML '{name}'")
        super().__init__(DATA_LANDING_ZONE_TYPE, name, None, opts)
        self._name, self._spec = name, spec
        self._after = depends_on_of(opts)
        self._naming = Naming(
            *(spec.organization, spec.workload, spec.environment, spec.location),
            spec.subscription_id or deployment_subscription(),
            spec.name_seed,
            spec.naming_version,
        )
        self._tags = landing_zone_tags(spec.environment, spec.workload, spec.tags)
        self._tenant_id = authorization.get_client_config_output(
            opts=pulumi.InvokeOutputOptions(parent=self)
        ).tenant_id
        zone = spec.data_landing_zone
        endpoint_groups = product_endpoint_groups(spec.data_products)
        self._zone_ids = (
            private_dns_zones(
                f"{name}-dns",
                zone.dns.mode,
                zones_needed(spec.location, endpoint_groups),
                "",  # existing or none: nothing is created
                parent=self,
                existing_ids=zone.dns.zone_ids,
            )
            if endpoint_groups
            else None
        )
        workspace_ids: dict[str, pulumi.Output[str]] = {}
        identity_ids: dict[str, pulumi.Output[str]] = {}
        principal_ids: dict[str, pulumi.Output[str]] = {}
        groups: dict[str, pulumi.Output[str]] = {}
        group_ids: dict[str, pulumi.Output[str]] = {}
        lake_grants: list[tuple[str, list[_LakeGrant]]] = []
        for product in sorted(spec.data_products, key=lambda p: p.name):
            workspace, identity, rg, needs = self._product(product)
            lake_grants.append((self.resource_prefix(product.name), needs))
            workspace_ids[product.name] = pulumi.Output.from_input(workspace.id)
            identity_ids[product.name] = identity.id
            principal_ids[product.name] = identity.principal_id
            groups[product.name] = rg.name
            group_ids[product.name] = rg.id
        self._lake_access(lake_grants)
        self._shared_lake_connections()
        self.workspace_ids = pulumi.Output.all(**workspace_ids).apply(dict)
        self.identity_ids = pulumi.Output.all(**identity_ids).apply(dict)
        self.principal_ids = pulumi.Output.all(**principal_ids).apply(dict)
        self.resource_group_names = pulumi.Output.all(**groups).apply(dict)
        self.resource_group_ids = pulumi.Output.all(**group_ids).apply(dict)
        self.register_outputs(self.outputs())

    def _product(
        self, product: DataProductSettings
    ) -> tuple[
        _Workspace, managedidentity.UserAssignedIdentity, resources.ResourceGroup, list[_LakeGrant]
    ]:
        """A product's group, identity, workspace, datastores, connections and computes, and the
        lake roles it needs (granted zone-wide by ``_lake_access``)."""
        spec, prefix = self._spec, self.resource_prefix(product.name)
        naming = self._naming.for_product(product.name)
        tags = with_tags(self._tags, dataProduct=product.name)
        rg = resources.ResourceGroup(
            f"{prefix}-rg",
            resource_group_name=naming.resource_group("dp"),
            location=spec.location,
            tags=tags,
            opts=pulumi.ResourceOptions(parent=self),
        )
        identity = user_assigned_identity(
            prefix,
            naming.identity("ws"),
            rg.name,
            spec.location,
            parent=self,
            tags=tags,
            protect=spec.protect,
        )
        if product.kind == "default":
            workspace = self._default_workspace(prefix, product, naming, rg, identity, tags)
        else:
            workspace = self._project(prefix, product, rg, identity, tags)
        grant_identity(
            f"{prefix}-id",
            identity,
            naming.identity("ws"),
            [
                RoleScope(
                    f"{product.name}/workspace", workspace.id, WORKSPACE_IDENTITY_ROLES["workspace"]
                )
            ],
            parent=self,
        )
        needs = self._datastores(prefix, product, naming, workspace, identity)
        self._analytics_connections(prefix, workspace)
        self._computes(prefix, product, workspace, identity, tags)
        return workspace, identity, rg, needs

    def resource_prefix(self, key: str) -> str:
        """The Pulumi name prefix of product ``key``'s resources (the landing zone names its
        alerts and budget with it too)."""
        return f"{self._name}-{key}"

    def _member_grants(self, product: DataProductSettings) -> list[Grant]:
        """Each group's workspace roles (``roles.DATA_PRODUCT_ROLES``)."""
        return _unique(
            [
                Grant(group, role)
                for team_role, group in product.groups
                if group is not None
                for role in DATA_PRODUCT_ROLES[team_role]
            ]
        )

    def _default_workspace(
        self,
        prefix: str,
        product: DataProductSettings,
        naming: Naming,
        rg: resources.ResourceGroup,
        identity: managedidentity.UserAssignedIdentity,
        tags: dict[str, str],
    ) -> _Workspace:
        """A Default workspace composed of the hardened blocks, its identity granted first."""
        spec, zone = self._spec, self._spec.data_landing_zone
        ctx = ResourceContext(
            prefix=prefix,
            parent=self,
            naming=naming,
            resource_group_name=rg.name,
            location=spec.location,
            protect=spec.protect,
            interfaces=Interfaces(
                tags=tags,
                lock=Lock() if spec.protect else None,
                private_endpoints=PrivateEndpoints(zone.subnet_id, self._zone_ids),
            ),
        )
        associated = associated_resources(
            ctx,
            tenant_id=self._tenant_id,
            central_workspace_id=zone.log_analytics_workspace_id,
            private_monitoring=zone.monitoring.private,
            private_link_scope_id=zone.monitoring.private_link_scope_id,
        )
        network = self._managed_network(product)
        granted = self._grant_product_identity(
            prefix, product, naming, rg, identity, associated, network
        )
        workspace = self._default_ml_workspace(prefix, product, rg, associated, network, granted)
        endpoints = harden_with_endpoint(
            associated.ctx,
            key="mlw",
            azure_name=product_workspace_name(self._naming, product.name, product.kind),
            resource_id=workspace.id,
            group="amlworkspace",
            interfaces=associated.ctx.interfaces.but(
                role_assignments=tuple(self._member_grants(product))
            ),
        )
        studio_access(
            prefix, associated.storage, identity.principal_id, naming.identity("ws"), self
        )
        return _Workspace(workspace.name, workspace.id, rg.name, list(endpoints.values()))

    def _grant_product_identity(
        self,
        prefix: str,
        product: DataProductSettings,
        naming: Naming,
        rg: resources.ResourceGroup,
        identity: managedidentity.UserAssignedIdentity,
        associated: AssociatedResources,
        network: ManagedNetworkSettings,
    ) -> GrantedIdentity:
        """The product identity's documented roles on the associated resources and the approver
        role on each outbound rule's target, and its key, before the workspace."""
        return grant_workspace_identity(
            prefix,
            identity,
            naming.identity("ws"),
            associated=associated,
            network=network,
            encryption=product.encryption,
            rbac_wait=self._spec.rbac_propagation_wait,
            parent=self,
            protect=self._spec.protect,
        )

    def _default_ml_workspace(
        self,
        prefix: str,
        product: DataProductSettings,
        rg: resources.ResourceGroup,
        associated: AssociatedResources,
        network: ManagedNetworkSettings,
        granted: GrantedIdentity,
    ) -> machinelearningservices.Workspace:
        """The Default workspace itself, through the one workspace builder (``ml_workspace``:
        the hub's lifecycle options, its network provisioned up front)."""
        spec = self._spec
        return ml_workspace(
            f"{prefix}-mlw",
            "Default",
            parent=self,
            protect=spec.protect,
            identity_id=granted.identity.id,
            network=network,
            depends_on=granted.before,
            workspace_name=product_workspace_name(self._naming, product.name, product.kind),
            resource_group_name=rg.name,
            location=spec.location,
            sku={"name": "Basic", "tier": machinelearningservices.SkuTier.BASIC},
            friendly_name=f"{product.name} ({spec.environment})",
            description=product.description or f"Data product {product.name}.",
            storage_account=associated.storage.id,
            key_vault=associated.vault.id,
            application_insights=associated.monitor.app_insights.id,
            container_registry=associated.registry.id if associated.registry else None,
            public_network_access="Disabled",
            allow_public_access_when_behind_vnet=False,
            hbi_workspace=product.high_business_impact,
            encryption=granted.encryption,
            enable_service_side_cmk_encryption=(
                product.encryption.service_side_encryption if product.encryption else None
            ),
            system_datastores_auth_mode="Identity",
            # Its registry is private, so environment images build on a named compute, not on
            # serverless ("Configure image builds"): the product's first cluster, if any.
            # https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#configure-image-builds
            image_build_compute=min(product.computes.clusters, default=None),
            tags=with_tags(self._tags, dataProduct=product.name),
        )

    def _managed_network(self, product: DataProductSettings) -> ManagedNetworkSettings:
        """The product's isolation, with a private-endpoint rule to each lake it uses (blob and
        dfs), so computes in the managed network reach the data privately."""
        if product.isolation_mode == IsolationMode.DISABLED:
            return ManagedNetworkSettings.model_validate({"isolation_mode": "Disabled"})
        rules = lake_rules(
            self._spec.data_landing_zone.lakes, (s.lake for s in product.datastores.values())
        )
        # Provisioned with the workspace, before the computes created in the same run: a first
        # compute otherwise provisions the network itself and races it (pulumi-azure-native
        # #3212; "Manually provision a managed VNet" recommends provisioning first). Its
        # identity holds the approver role on the rule targets before the workspace exists.
        # https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#manually-provision-a-managed-vnet
        return ManagedNetworkSettings.model_validate(
            {
                "isolation_mode": product.isolation_mode,
                "outbound_rules": rules,
                "provision_network_now": True,
            }
        )

    def _project(
        self,
        prefix: str,
        product: DataProductSettings,
        rg: resources.ResourceGroup,
        identity: managedidentity.UserAssignedIdentity,
        tags: dict[str, str],
    ) -> _Workspace:
        """A project under the hub, with the product's identity; its network and private
        endpoint are the hub's."""
        spec = self._spec
        project = ProjectWorkspace(
            prefix,
            {
                "hub_resource_id": spec.hub_resource_id,  # type: ignore[typeddict-item]
                "resource_group_name": rg.name,
                "location": spec.location,
                "workspace_name": product_workspace_name(self._naming, product.name, product.kind),
                "description": product.description,
                "tags": tags,
                "members": [
                    {"principal_id": g.principal_id, "role": g.role}  # type: ignore[typeddict-item]
                    for g in self._member_grants(product)
                ],
                "log_analytics_workspace_id": spec.data_landing_zone.log_analytics_workspace_id,  # type: ignore[typeddict-item]
                "high_business_impact": spec.hub_high_business_impact,
                "protect": spec.protect,
                "user_assigned_identity_id": identity.id,
            },
            pulumi.ResourceOptions(parent=self),
        )
        return _Workspace(project.workspace_name, project.workspace_id, rg.name, self._after)

    def _datastores(
        self,
        prefix: str,
        product: DataProductSettings,
        naming: Naming,
        workspace: _Workspace,
        identity: managedidentity.UserAssignedIdentity,
    ) -> list[_LakeGrant]:
        """Identity-based ADLS Gen2 datastores (no stored credential: the caller's or the
        compute's identity reads the data), and the blob data role each needs on its file system
        for the workspace identity and the product's groups (readers read)."""
        lakes = self._spec.data_landing_zone.lakes
        access: dict[tuple[str, str], str] = {}
        for key, store in sorted(product.datastores.items()):
            lake = lakes[store.lake]
            machinelearningservices.Datastore(
                f"{prefix}-ds-{key}",
                name=key,
                resource_group_name=workspace.resource_group_name,
                workspace_name=workspace.name,
                properties={
                    "datastore_type": "AzureDataLakeGen2",
                    "account_name": resource_name(lake.storage_account_id),
                    "filesystem": store.file_system,
                    "endpoint": self._storage_suffix(),
                    "protocol": "https",
                    "subscription_id": subscription_of(lake.storage_account_id),
                    "resource_group": resource_group_of(lake.storage_account_id),
                    # "Identity-based data access": credentialsType None stores nothing
                    # https://learn.microsoft.com/azure/machine-learning/how-to-datastore
                    "credentials": {"credentials_type": "None"},
                    # the studio previews data with the workspace's user-assigned identity
                    "service_data_access_auth_identity": "WorkspaceUserAssignedIdentity",
                    "description": _datastore_description(store, lake, self._spec.location),
                },
                opts=pulumi.ResourceOptions(parent=self),
            )
            place = (store.lake, store.file_system)
            if access.get(place) != "write":  # two datastores on one file system: the wider
                access[place] = store.access
        return self._lake_needs(product, naming, identity, access)

    def _lake_needs(
        self,
        product: DataProductSettings,
        naming: Naming,
        identity: managedidentity.UserAssignedIdentity,
        access: dict[tuple[str, str], str],
    ) -> list[_LakeGrant]:
        """The role on each file system (lake, file system) -> access level asks for."""
        lakes = self._spec.data_landing_zone.lakes
        needs = []
        for (lake_key, file_system), level in sorted(access.items()):
            grants = [
                Grant(
                    identity.principal_id,
                    LAKE_DATA_ROLES[level],
                    PrincipalType.SERVICE_PRINCIPAL,
                    principal_key=naming.identity("ws"),
                )
            ]
            grants += [
                Grant(group, LAKE_DATA_ROLES["read" if team_role == "reader" else level])
                for team_role, group in product.groups
                if group is not None
            ]
            scope_id = _file_system_id(lakes[lake_key], file_system)
            needs += [
                _LakeGrant(scope_id, f"{lake_key}/{file_system}", grant)
                for grant in _unique(grants)
            ]
        return needs

    def _lake_access(self, needs: list[tuple[str, list[_LakeGrant]]]) -> None:
        """Each (file system, principal, role) granted once across the zone, whatever number of
        products share a group and a file system: ARM refuses a second assignment of a role to
        a principal on a scope under another name (RoleAssignmentExists;
        https://learn.microsoft.com/azure/role-based-access-control/troubleshooting,
        github.com/Azure/bicep/discussions/19690), and one name on one scope is one assignment.
        The first product by key holds it under its own name; the others' names are aliases,
        so it outlives the removal of its holder."""
        holders: dict[tuple[str, str, str], list[tuple[str, _LakeGrant]]] = {}
        for prefix, grants in needs:  # products in key order
            for need in grants:
                key = (need.scope_id.lower(), need.grant.key, role_guid(need.grant.role))
                holders.setdefault(key, []).append((f"{prefix}-lake", need))
        for (prefix, need), *others in holders.values():
            assign_roles(
                prefix,
                need.scope_id,
                need.scope_key,
                [need.grant],
                self,
                former_names=[resource_name_of(p, o.scope_key, o.grant) for p, o in others],
            )

    def _analytics_connections(self, prefix: str, workspace: _Workspace) -> None:
        """Synapse and Databricks of the landing zone, connected with Microsoft Entra ID (AAD)
        authentication: the caller's identity, no stored secret."""
        zone = self._spec.data_landing_zone
        for key, category, target in (
            ("synapse", "AzureSynapseAnalytics", zone.synapse_workspace_id),
            ("databricks", "Databricks", zone.databricks_workspace_id),
        ):
            if target is None:
                continue
            aad_connection(
                f"{prefix}-conn-{key}",
                connection_name=key,
                workspace=(workspace.resource_group_name, workspace.name),
                category=category,
                target=target,
                resource_id=target,
                parent=self,
            )

    def _shared_lake_connections(self) -> None:
        """One ADLS Gen2 connection per lake the hub's project products use, on the hub and
        shared with all its projects (seed 000), Entra ID authentication. The one resource this
        component puts into a workspace it did not create: the hub's, given by
        ``hub_resource_id``."""
        spec = self._spec
        used = sorted(
            {
                store.lake
                for product in spec.data_products
                if product.kind == "project"
                for store in product.datastores.values()
            }
        )
        if not used or spec.hub_resource_id is None:
            return
        hub_id = pulumi.Output.from_input(spec.hub_resource_id)
        for key in used:
            lake_id = spec.data_landing_zone.lakes[key].storage_account_id
            aad_connection(
                f"{self._name}-hub-conn-lake-{key}",
                connection_name=f"lake-{key}",
                workspace=(hub_id.apply(resource_group_of), hub_id.apply(resource_name)),
                category="ADLSGen2",
                target=f"https://{resource_name(lake_id)}.dfs.{self._storage_suffix()}/",
                resource_id=lake_id,
                shared=True,
                parent=self,
            )

    def _computes(
        self,
        prefix: str,
        product: DataProductSettings,
        workspace: _Workspace,
        identity: managedidentity.UserAssignedIdentity,
        tags: dict[str, str],
    ) -> None:
        """Instances per user, clusters (Default only, config refuses others) and attached
        Kubernetes clusters, all private and keyless, each after the workspace's private
        endpoint."""
        spec, computes = self._spec, product.computes
        subnet: Subnet | None = (
            {"id": spec.data_landing_zone.subnet_id}
            if product.kind == "default" and product.isolation_mode == IsolationMode.DISABLED
            else None
        )
        uai: machinelearningservices.ManagedServiceIdentityArgsDict = {
            "type": "UserAssigned",
            "user_assigned_identities": [identity.id],
        }
        after = pulumi.ResourceOptions(parent=self, depends_on=list(workspace.endpoints))
        for name, instance in sorted(computes.instances.items()):
            compute_instance(
                f"{prefix}-ci-{name}",
                name,
                instance,
                tenant_id=self._tenant_id,
                resource_group_name=workspace.resource_group_name,
                workspace_name=workspace.name,
                location=spec.location,
                identity=uai,
                subnet=subnet,
                tags=tags,
                opts=after,
            )
        for name, cluster in sorted(computes.clusters.items()):
            compute_cluster(
                f"{prefix}-cc-{name}",
                name,
                cluster,
                resource_group_name=workspace.resource_group_name,
                workspace_name=workspace.name,
                location=spec.location,
                identity=uai,
                subnet=subnet,
                tags=tags,
                opts=after,
            )
        self._attach_kubernetes(prefix, product, workspace, identity, uai, tags)

    def _attach_kubernetes(
        self,
        prefix: str,
        product: DataProductSettings,
        workspace: _Workspace,
        identity: managedidentity.UserAssignedIdentity,
        uai: machinelearningservices.ManagedServiceIdentityArgsDict,
        tags: dict[str, str],
    ) -> None:
        """Each existing AKS cluster attached as a Kubernetes compute, once the product's
        identity (the workspace's) holds the roles the attach checks on the cluster and they
        had time to propagate."""
        attached = sorted(product.computes.aks_attach.items())
        if not attached:
            return
        naming = self._naming.for_product(product.name)
        scopes = [
            RoleScope(
                f"{product.name}/kubernetes/{name}",
                aks.resource_id,
                WORKSPACE_IDENTITY_ROLES["kubernetes_cluster"],
            )
            for name, aks in attached
        ]
        grants = grant_identity(f"{prefix}-aks-id", identity, naming.identity("ws"), scopes, self)
        wait = wait_for_propagation(
            f"{prefix}-aks",
            grants,
            self._spec.rbac_propagation_wait,
            self,
            triggers={"principalId": identity.principal_id},
        )
        after = [*workspace.endpoints, *wait]
        for name, aks in attached:
            kubernetes_attach(
                f"{prefix}-aks-{name}",
                name,
                aks,
                resource_group_name=workspace.resource_group_name,
                workspace_name=workspace.name,
                location=self._spec.location,
                identity=uai,
                tags=tags,
                opts=pulumi.ResourceOptions(parent=self, depends_on=after),
            )

    def _storage_suffix(self) -> str:
        """``core.windows.net`` or its sovereign-cloud twin, read from the blob zone's name."""
        return zones_for(self._spec.location, "blob")[0].removeprefix("privatelink.blob.")

    def outputs(self) -> dict[str, pulumi.Input[dict[str, str]]]:
        return {
            "workspaceIds": self.workspace_ids,
            "identityIds": self.identity_ids,
            "principalIds": self.principal_ids,
            "resourceGroupNames": self.resource_group_names,
            "resourceGroupIds": self.resource_group_ids,
        }


def product_workspace_name(naming: Naming, key: str, kind: str) -> str:
    """A product's workspace: its own Default workspace, or a project under the hub (named
    as the hub's projects are)."""
    if kind == "project":
        return naming.project(key)
    return naming.for_product(key).data_product_workspace()


def _datastore_description(store: DatastoreSettings, lake: LakeSettings, location: str) -> str:
    """What the studio shows: the lake, file system and access, and the lake's region when the
    storage is attached from another region than the workspace's."""
    away = f", in {lake.location}" if lake.location not in (None, location) else ""
    return f"{store.lake}/{store.file_system} ({store.access}{away})"


def _file_system_id(lake: LakeSettings, file_system: str) -> str:
    """The narrowest scope of a datastore's role: its file system (blob container)."""
    return f"{lake.storage_account_id}/blobServices/default/containers/{file_system}"


def _unique(grants: list[Grant]) -> list[Grant]:
    """One grant per principal and role (one group may hold two team roles): ARM refuses a
    second identical assignment."""
    seen: dict[str, Grant] = {}
    for grant in grants:
        seen.setdefault(f"{grant.key}|{grant.role}", grant)
    return list(seen.values())
