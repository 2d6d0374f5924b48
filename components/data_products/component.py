"""Azure ML as data products in a cloud-scale analytics data landing zone (seed 004).

Each product gets a dedicated resource group, a user-assigned identity for its workspace and
computes, and a workspace (``workspaces``): a Default workspace composed of the hardened blocks,
or a project under a shared hub. Identity-based datastores point at the landing zone's lakes;
the workspace identity and the product's Entra groups get the blob data role each datastore's
access asks for, on its file system only (``datastores``). Synapse and Databricks are connected;
a hub shares its lake connections with every project (``connections``). Computes have no public
IP, local auth and SSH off, and wait for the workspace's private endpoint (``computes``)."""

from collections.abc import Callable

import pulumi
from pulumi_azure_native import authorization, managedidentity, resources

from ..blocks.identity import (
    WORKSPACE_IDENTITY_ROLES,
    RoleScope,
    grant_identity,
    user_assigned_identity,
)
from ..blocks.private_endpoint import private_dns_zones
from ..blocks.tags import landing_zone_tags, with_tags
from ..component_types import DATA_LANDING_ZONE_TYPE
from ..computes.blocks import depends_on_of
from ..config.args import validate_args
from ..dns_zones import zones_needed
from ..naming import Naming, deployment_subscription
from .args import DataLandingZoneMLArgs
from .computes import product_computes
from .config import DataLandingZoneMLSpec, DataProductSettings, product_endpoint_groups
from .connections import analytics_connections, hub_lake_connections
from .datastores import LakeGrant, datastores, grant_lake_access
from .product import Product, ProductWorkspace
from .workspaces import product_workspace

__all__ = ["DataLandingZoneML", "DataLandingZoneMLArgs"]

# A product as built: what its pieces shared, its workspace, and the lake roles it needs.
Built = tuple[Product, ProductWorkspace, list[LakeGrant]]


class DataLandingZoneML(pulumi.ComponentResource):
    """ML data products in a data landing zone. Every product's resources are named after its
    key, so reordering or adding products never replaces one. With project products, give
    ``opts.depends_on`` the hub (or its private endpoint): their computes wait for it, as a
    compute without public IP fails before the workspace is reachable privately. Without
    ``data_landing_zone.log_analytics_workspace_id`` each Default product keeps its logs in a
    workspace of its own; project products need it (the hub's)."""

    workspace_ids: pulumi.Output[dict[str, str]]
    identity_ids: pulumi.Output[dict[str, str]]
    # each product identity's principal: what other resources (a promotion registry) grant to
    principal_ids: pulumi.Output[dict[str, str]]
    resource_group_names: pulumi.Output[dict[str, str]]
    # each product's own resource group: the scope of its cost budget
    resource_group_ids: pulumi.Output[dict[str, str]]

    SPEC = DataLandingZoneMLSpec  # what validates the args, and what they are generated from

    def __init__(
        self, name: str, args: DataLandingZoneMLArgs, opts: pulumi.ResourceOptions | None = None
    ):
        spec = validate_args(self.SPEC, args, f"DataLandingZoneML '{name}'")
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
        self._zone_ids = self._dns_zones()
        built = [self._product(p) for p in sorted(spec.data_products, key=lambda p: p.name)]
        grant_lake_access(self, [(product.prefix, needs) for product, _, needs in built])
        hub_lake_connections(self, name, spec)
        self._expose(built)
        self.register_outputs(self.outputs())

    def _dns_zones(self) -> dict[str, pulumi.Input[str]] | None:
        """The management zone's DNS zones the Default products' endpoints register in (the
        landing zone's existing ones, or none: Azure Policy); none without a Default product."""
        spec, zone = self._spec, self._spec.data_landing_zone
        groups = product_endpoint_groups(spec.data_products)
        if not groups:
            return None
        return private_dns_zones(
            f"{self._name}-dns",
            zone.dns.mode,
            zones_needed(spec.location, groups),
            "",  # existing or none: nothing is created
            parent=self,
            existing_ids=zone.dns.zone_ids,
        )

    def _product(self, settings: DataProductSettings) -> Built:
        """A product's group, identity, workspace, datastores, connections and computes, and the
        lake roles it needs (granted zone-wide by ``grant_lake_access``)."""
        product = self._start(settings)
        workspace = product_workspace(product, zone_ids=self._zone_ids, after=self._after)
        role = WORKSPACE_IDENTITY_ROLES["workspace"]
        grant_identity(
            f"{product.prefix}-id",
            product.identity,
            product.identity_key,
            [RoleScope(f"{settings.name}/workspace", workspace.id, role)],
            parent=self,
        )
        needs = datastores(product, workspace)
        analytics_connections(product, workspace)
        product_computes(product, workspace)
        return product, workspace, needs

    def _start(self, settings: DataProductSettings) -> Product:
        """The product's resource group and identity, and what its pieces share."""
        spec, prefix = self._spec, self.resource_prefix(settings.name)
        naming = self._naming.for_product(settings.name)
        tags = with_tags(self._tags, dataProduct=settings.name)
        rg = resources.ResourceGroup(
            f"{prefix}-rg",
            resource_group_name=naming.resource_group("dp"),
            location=spec.location,
            tags=tags,
            opts=pulumi.ResourceOptions(parent=self),
        )
        identity: managedidentity.UserAssignedIdentity = user_assigned_identity(
            prefix,
            naming.identity("ws"),
            rg.name,
            spec.location,
            parent=self,
            tags=tags,
            protect=spec.protect,
        )
        return Product(
            self, spec, settings, prefix, naming, self._naming, tags, self._tenant_id, rg, identity
        )

    def resource_prefix(self, key: str) -> str:
        """The Pulumi name prefix of product ``key``'s resources (the landing zone names its
        alerts and budget with it too)."""
        return f"{self._name}-{key}"

    def _expose(self, built: list[Built]) -> None:
        """The outputs, each a mapping by product key."""

        def by_key(
            pick: Callable[[Product, ProductWorkspace], pulumi.Input[str]],
        ) -> pulumi.Output[dict[str, str]]:
            values = {product.settings.name: pick(product, ws) for product, ws, _ in built}
            return pulumi.Output.all(**values).apply(dict)

        self.workspace_ids = by_key(lambda p, ws: pulumi.Output.from_input(ws.id))
        self.identity_ids = by_key(lambda p, ws: p.identity.id)
        self.principal_ids = by_key(lambda p, ws: p.identity.principal_id)
        self.resource_group_names = by_key(lambda p, ws: p.resource_group.name)
        self.resource_group_ids = by_key(lambda p, ws: p.resource_group.id)
        # each Default product's container registry, for the inference cluster's pull access;
        # an attribute for the program only, not a registered output (the schema stays as is)
        self.registry_ids: pulumi.Output[dict[str, str]] = pulumi.Output.all(
            **{p.settings.name: ws.registry_id for p, ws, _ in built if ws.registry_id is not None}
        ).apply(dict)

    def outputs(self) -> dict[str, pulumi.Input[dict[str, str]]]:
        return {
            "workspaceIds": self.workspace_ids,
            "identityIds": self.identity_ids,
            "principalIds": self.principal_ids,
            "resourceGroupNames": self.resource_group_names,
            "resourceGroupIds": self.resource_group_ids,
        }
