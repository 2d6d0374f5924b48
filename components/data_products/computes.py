"""A data product's computes: instances per user, clusters (Default workspaces only: config
refuses others) and attached Kubernetes clusters, all private and keyless, with the product's
identity, each after the workspace's private endpoint (``computes.blocks`` builds them)."""

from __future__ import annotations

from dataclasses import replace

import pulumi
from pulumi_azure_native import machinelearningservices

from ..blocks.identity import WORKSPACE_IDENTITY_ROLES, RoleScope, grant_identity
from ..blocks.rbac import wait_for_propagation
from ..computes.blocks import (
    ComputePlacement,
    Subnet,
    compute_cluster,
    compute_instance,
    kubernetes_attach,
)
from ..enums import IsolationMode
from .product import Product, ProductWorkspace


def product_computes(product: Product, workspace: ProductWorkspace) -> None:
    """The product's computes, in the landing zone's subnet when its workspace has no managed
    network."""
    spec, settings = product.spec, product.settings
    subnet: Subnet | None = (
        {"id": spec.data_landing_zone.subnet_id}
        if settings.kind == "default" and settings.isolation_mode == IsolationMode.DISABLED
        else None
    )
    uai: machinelearningservices.ManagedServiceIdentityArgsDict = {
        "type": "UserAssigned",
        "user_assigned_identities": [product.identity.id],
    }
    placement = ComputePlacement(
        workspace.resource_group_name,
        workspace.name,
        spec.location,
        identity=uai,
        subnet=subnet,
        tags=product.tags,
        opts=pulumi.ResourceOptions(parent=product.component, depends_on=list(workspace.endpoints)),
    )
    for name, instance in sorted(settings.computes.instances.items()):
        compute_instance(
            f"{product.prefix}-ci-{name}",
            name,
            instance,
            tenant_id=product.tenant_id,
            placement=placement,
        )
    for name, cluster in sorted(settings.computes.clusters.items()):
        compute_cluster(f"{product.prefix}-cc-{name}", name, cluster, placement=placement)
    _attach_kubernetes(product, workspace, placement)


def _attach_kubernetes(
    product: Product, workspace: ProductWorkspace, placement: ComputePlacement
) -> None:
    """Each existing AKS cluster attached as a Kubernetes compute, once the product's identity
    (the workspace's) holds the roles the attach checks on the cluster and they had time to
    propagate."""
    attached = sorted(product.settings.computes.aks_attach.items())
    if not attached:
        return
    key, parent = product.settings.name, product.component
    scopes = [
        RoleScope(
            f"{key}/kubernetes/{name}",
            aks.resource_id,
            WORKSPACE_IDENTITY_ROLES["kubernetes_cluster"],
        )
        for name, aks in attached
    ]
    grants = grant_identity(
        f"{product.prefix}-aks-id", product.identity, product.identity_key, scopes, parent=parent
    )
    wait = wait_for_propagation(
        f"{product.prefix}-aks",
        grants,
        product.spec.rbac_propagation_wait,
        parent,
        triggers={"principalId": product.identity.principal_id},
    )
    after = pulumi.ResourceOptions(parent=parent, depends_on=[*workspace.endpoints, *wait])
    attached_placement = replace(placement, subnet=None, opts=after)
    for name, aks in attached:
        kubernetes_attach(f"{product.prefix}-aks-{name}", name, aks, placement=attached_placement)
