"""A data product's workspace connections, with Microsoft Entra ID authentication (the caller's
identity, no stored secret; ``blocks/connections.py``): the landing zone's Synapse and
Databricks on each product's workspace, and the lakes the hub's project products use on the
hub, shared with all its projects (seed 000)."""

from __future__ import annotations

import pulumi

from ..arm import resource_group_of, resource_name
from ..blocks.connections import aad_connection
from ..dns_zones import storage_suffix
from .config import DataLandingZoneMLSpec
from .product import Product, ProductWorkspace


def analytics_connections(product: Product, workspace: ProductWorkspace) -> None:
    """Synapse and Databricks of the landing zone, where it has them."""
    zone = product.spec.data_landing_zone
    for key, category, target in (
        ("synapse", "AzureSynapseAnalytics", zone.synapse_workspace_id),
        ("databricks", "Databricks", zone.databricks_workspace_id),
    ):
        if target is None:
            continue
        aad_connection(
            f"{product.prefix}-conn-{key}",
            connection_name=key,
            workspace=(workspace.resource_group_name, workspace.name),
            category=category,
            target=target,
            resource_id=target,
            parent=product.component,
        )


def hub_lake_connections(
    component: pulumi.Resource, name: str, spec: DataLandingZoneMLSpec
) -> None:
    """One ADLS Gen2 connection per lake the hub's project products use, on the hub and shared
    with all its projects. The one resource the component puts into a workspace it did not
    create: the hub's, given by ``hub_resource_id`` (``name``: the component's)."""
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
            f"{name}-hub-conn-lake-{key}",
            connection_name=f"lake-{key}",
            workspace=(hub_id.apply(resource_group_of), hub_id.apply(resource_name)),
            category="ADLSGen2",
            target=f"https://{resource_name(lake_id)}.dfs.{storage_suffix(spec.location)}/",
            resource_id=lake_id,
            shared=True,
            parent=component,
        )
