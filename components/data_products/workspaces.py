"""A data product's workspace: a Default workspace composed of the hardened blocks (storage, key
vault, registry, Application Insights beside it, private endpoints in the landing zone's spoke
subnet registered in the management zone's DNS zones, diagnostics to the central Log
Analytics), its identity granted first; or a project under the shared hub, whose network and
private endpoint are the hub's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pulumi
from pulumi_azure_native import machinelearningservices

from ..blocks.hardening import ResourceContext, harden_with_endpoint
from ..blocks.interfaces import Interfaces, PrivateEndpoints, protection_lock
from ..blocks.ml_workspace import GrantedIdentity, grant_workspace_identity, ml_workspace
from ..blocks.workspace import AssociatedResources, associated_resources, studio_access
from ..config.managed_network import ManagedNetworkSettings
from ..enums import IsolationMode
from ..projects.component import HubLink, ProjectWorkspace, project_args
from .config import lake_rules
from .product import Product, ProductWorkspace


def product_workspace(
    product: Product,
    *,
    zone_ids: Mapping[str, pulumi.Input[str]] | None,
    after: Sequence[pulumi.Resource],
) -> ProductWorkspace:
    """The product's workspace of its kind: ``zone_ids`` are the DNS zones a Default
    workspace's endpoints register in, ``after`` what a project's computes wait for (the hub)."""
    if product.settings.kind == "default":
        return _default_workspace(product, zone_ids)
    return _project_workspace(product, after)


def _default_workspace(
    product: Product, zone_ids: Mapping[str, pulumi.Input[str]] | None
) -> ProductWorkspace:
    """A Default workspace composed of the hardened blocks, its identity granted first."""
    spec, zone = product.spec, product.spec.data_landing_zone
    ctx = ResourceContext(
        prefix=product.prefix,
        parent=product.component,
        naming=product.naming,
        resource_group_name=product.resource_group.name,
        location=spec.location,
        protect=spec.protect,
        interfaces=Interfaces(
            tags=product.tags,
            lock=protection_lock(spec.protect),
            private_endpoints=PrivateEndpoints(zone.subnet_id, zone_ids),
        ),
    )
    associated = associated_resources(
        ctx,
        tenant_id=product.tenant_id,
        central_workspace_id=zone.log_analytics_workspace_id,
        private_monitoring=zone.monitoring.private,
        private_link_scope_id=zone.monitoring.private_link_scope_id,
    )
    network = _managed_network(product)
    granted = grant_workspace_identity(
        product.prefix,
        product.identity,
        product.identity_key,
        associated=associated,
        network=network,
        encryption=product.settings.encryption,
        rbac_wait=spec.rbac_propagation_wait,
        parent=product.component,
        protect=spec.protect,
    )
    workspace = _ml_workspace(product, associated, network, granted)
    endpoints = harden_with_endpoint(
        associated.ctx,
        key="mlw",
        azure_name=product.workspace_name,
        resource_id=workspace.id,
        group="amlworkspace",
        interfaces=associated.ctx.interfaces.but(role_assignments=tuple(product.member_grants())),
    )
    studio_access(
        product.prefix,
        associated.storage,
        product.identity.principal_id,
        product.identity_key,
        parent=product.component,
    )
    rg = product.resource_group.name
    registry_id = associated.registry.id if associated.registry else None
    return ProductWorkspace(
        workspace.name, workspace.id, rg, list(endpoints.values()), registry_id=registry_id
    )


def _ml_workspace(
    product: Product,
    associated: AssociatedResources,
    network: ManagedNetworkSettings,
    granted: GrantedIdentity,
) -> machinelearningservices.Workspace:
    """The Default workspace itself, through the one workspace builder (``ml_workspace``: the
    hub's lifecycle options, its network provisioned up front)."""
    spec, settings = product.spec, product.settings
    return ml_workspace(
        f"{product.prefix}-mlw",
        "Default",
        parent=product.component,
        protect=spec.protect,
        identity_id=granted.identity.id,
        network=network,
        depends_on=granted.before,
        workspace_name=product.workspace_name,
        resource_group_name=product.resource_group.name,
        location=spec.location,
        sku={"name": "Basic", "tier": machinelearningservices.SkuTier.BASIC},
        friendly_name=f"{settings.name} ({spec.environment})",
        description=settings.description or f"Data product {settings.name}.",
        storage_account=associated.storage.id,
        key_vault=associated.vault.id,
        application_insights=associated.monitor.app_insights.id,
        container_registry=associated.registry.id if associated.registry else None,
        public_network_access="Disabled",
        allow_public_access_when_behind_vnet=False,
        hbi_workspace=settings.high_business_impact,
        encryption=granted.encryption,
        enable_service_side_cmk_encryption=(
            settings.encryption.service_side_encryption if settings.encryption else None
        ),
        system_datastores_auth_mode="Identity",
        # Its registry is private, so environment images build on a named compute, not on
        # serverless ("Configure image builds"): the product's first cluster, if any.
        # https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#configure-image-builds
        image_build_compute=min(settings.computes.clusters, default=None),
        tags=product.tags,
    )


def _managed_network(product: Product) -> ManagedNetworkSettings:
    """The product's isolation, with a private-endpoint rule to each lake it uses (blob and
    dfs), so computes in the managed network reach the data privately."""
    settings = product.settings
    if settings.isolation_mode == IsolationMode.DISABLED:
        return ManagedNetworkSettings.model_validate({"isolation_mode": "Disabled"})
    rules = lake_rules(
        product.spec.data_landing_zone.lakes, (s.lake for s in settings.datastores.values())
    )
    # Provisioned with the workspace, before the computes created in the same run: a first
    # compute otherwise provisions the network itself and races it (pulumi-azure-native
    # #3212; "Manually provision a managed VNet" recommends provisioning first). Its
    # identity holds the approver role on the rule targets before the workspace exists.
    # https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#manually-provision-a-managed-vnet
    return ManagedNetworkSettings.model_validate(
        {
            "isolation_mode": settings.isolation_mode,
            "outbound_rules": rules,
            "provision_network_now": True,
        }
    )


def _project_workspace(product: Product, after: Sequence[pulumi.Resource]) -> ProductWorkspace:
    """A project under the hub, with the product's identity; its network and private
    endpoint are the hub's."""
    spec = product.spec
    assert spec.hub_resource_id is not None  # the spec requires it of a project product
    hub = HubLink(
        spec.hub_resource_id,
        spec.location,
        spec.data_landing_zone.log_analytics_workspace_id,
        spec.hub_high_business_impact,
        spec.protect,
    )
    args = project_args(
        hub,
        workspace_name=product.workspace_name,
        resource_group_name=product.resource_group.name,
        members=[(grant.key, grant.role) for grant in product.member_grants()],
        tags=product.tags,
        description=product.settings.description,
        identity_id=product.identity.id,
    )
    project = ProjectWorkspace(
        product.prefix, args, pulumi.ResourceOptions(parent=product.component)
    )
    rg = product.resource_group.name
    return ProductWorkspace(project.workspace_name, project.workspace_id, rg, after)
