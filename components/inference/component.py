"""Regional serving (seed 002): the serving region's resource group, the private AKS cluster
with its identities, roles, DNS zone, diagnostics and lock, the Azure ML extension, the cluster
attached to the serving data product's workspace as a ``Kubernetes`` compute, and the online
endpoints created on it as shells. The workspace stays in the training region."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pulumi
from pulumi_azure_native import (
    containerservice,
    kubernetesconfiguration,
    machinelearningservices,
    managedidentity,
    resources,
)

from ..arm import resource_name
from ..blocks.diagnostics import DiagnosticTarget, send_diagnostics
from ..blocks.identity import (
    WORKSPACE_IDENTITY_ROLES,
    RoleScope,
    grant_principal,
    user_assigned_identity,
)
from ..blocks.interfaces import DiagnosticSettings, protection_lock
from ..blocks.locks import resource_lock
from ..blocks.private_endpoint import NetworkLink, private_dns_zones
from ..blocks.rbac import wait_for_propagation
from ..computes.blocks import ComputePlacement, kubernetes_attach
from ..computes.config import AksAttachSettings
from ..config import LandingZoneConfig
from ..data_products.component import DataLandingZoneML
from ..data_products.product import product_workspace_name
from ..dns_zones import aks_private_dns_zone
from ..naming import Naming
from .access import kubelet_pull, operator_access
from .blocks import (
    ClusterPlacement,
    EndpointPlacement,
    azureml_extension,
    managed_cluster,
    online_endpoint,
)
from .config import InferenceSettings


def serving_region(config: LandingZoneConfig) -> str:
    """The serving region: ``environments.regions.inference``, else the stack's own."""
    environments = config.environments
    if environments is not None and environments.regions.inference is not None:
        return environments.regions.inference.replace(" ", "").lower()
    return config.location


@dataclass(frozen=True)
class Serving:
    """What the landing zone gives inference: the zone's config and names, its parent, the
    central Log Analytics workspace, the data products (the serving workspace) and tags."""

    name: str
    config: LandingZoneConfig
    naming: Naming
    parent: pulumi.Resource
    log_analytics_workspace_id: pulumi.Input[str]
    data_products: DataLandingZoneML
    tags: dict[str, str]


def serve(serving: Serving) -> dict[str, machinelearningservices.OnlineEndpoint]:
    """The serving region's cluster, attached and with its endpoints (endpoint name ->
    endpoint, for the alerts to wait for); nothing without an ``inference`` section."""
    settings = serving.config.inference
    if settings is None:
        return {}
    cluster, extension = _cluster(serving, settings)
    compute = _attach(serving, settings, cluster.id, extension)
    key = settings.workspace
    placement = EndpointPlacement(
        product_workspace_name(serving.naming, key, "default"),
        serving.data_products.resource_group_names.apply(lambda groups: groups[key]),
        serving.config.location,
        compute.id,
        serving.tags,
        pulumi.ResourceOptions(parent=serving.parent, depends_on=[compute]),
    )
    endpoints = {
        name: online_endpoint(
            f"{serving.name}-endpoint-{name}", name, endpoint, placement=placement
        )
        for name, endpoint in sorted(settings.endpoints.items())
    }
    # each endpoint's traffic log (AmlOnlineEndpointTrafficLog) to the central workspace, where
    # its error-rate alert reads it
    send_diagnostics(
        f"{serving.name}-endpoint",
        [DiagnosticTarget(name, endpoint.id) for name, endpoint in endpoints.items()],
        DiagnosticSettings(serving.log_analytics_workspace_id),
        serving.parent,
    )
    return endpoints


def _cluster(
    serving: Serving, settings: InferenceSettings
) -> tuple[containerservice.ManagedCluster, kubernetesconfiguration.Extension]:
    """The cluster in a group of its own in the serving region, running as its own identity,
    which holds Network Contributor on the subnet, Private DNS Zone Contributor on the created
    or given zone and Managed Identity Operator on the kubelet identity
    (https://learn.microsoft.com/azure/aks/private-clusters, .../aks/use-managed-identity)."""
    config, prefix = serving.config, f"{serving.name}-serving"
    region = serving_region(config)
    naming = replace(serving.naming, location=region)
    protect = config.hub.protect
    group = resources.ResourceGroup(
        f"{prefix}-rg",
        resource_group_name=naming.resource_group("serving"),
        location=region,
        tags=serving.tags,
        opts=pulumi.ResourceOptions(parent=serving.parent, protect=protect),
    )
    zone = _dns_zone(serving, region, group.name)
    identity, kubelet, wait = _identities(serving, settings, naming, group.name, zone=zone)
    cluster = managed_cluster(
        f"{prefix}-aks",
        settings,
        placement=ClusterPlacement(
            naming.kubernetes_cluster(),
            group.name,
            region,
            str(settings.subnet_id),
            identity.id,
            {
                "resource_id": kubelet.id,
                "client_id": kubelet.client_id,
                "object_id": kubelet.principal_id,
            },
            zone,
            serving.log_analytics_workspace_id,
            serving.tags,
            pulumi.ResourceOptions(parent=serving.parent, protect=protect, depends_on=wait),
        ),
        production=config.production,
    )
    _harden(serving, prefix, cluster.id, protect)
    key = settings.workspace
    registry = serving.data_products.registry_ids.apply(lambda ids: ids[key])
    kubelet_pull(
        prefix, cluster, naming.identity("kubelet"),
        registry=RoleScope(f"{key}/registry", registry, ("AcrPull",)), parent=serving.parent,
    )  # fmt: skip
    operator_access(prefix, config, cluster.id, parent=serving.parent)
    extension = azureml_extension(
        f"{prefix}-azureml",
        settings,
        cluster=cluster,
        resource_group_name=group.name,
        opts=pulumi.ResourceOptions(parent=serving.parent),
    )
    return cluster, extension


def _identities(
    serving: Serving,
    settings: InferenceSettings,
    naming: Naming,
    group: pulumi.Input[str],
    *,
    zone: pulumi.Input[str],
) -> tuple[
    managedidentity.UserAssignedIdentity,
    managedidentity.UserAssignedIdentity,
    list[pulumi.Resource],
]:
    """The cluster's identity and its kubelet's, the control plane's roles (on the subnet, the
    kubelet identity and a zone of the landing zone's) and the wait for them to propagate."""
    prefix, region = f"{serving.name}-serving", naming.location
    identity = user_assigned_identity(
        f"{prefix}-aks", naming.identity("aks"), group, region, parent=serving.parent,
        tags=serving.tags,
    )  # fmt: skip
    kubelet = user_assigned_identity(
        f"{prefix}-kubelet", naming.identity("kubelet"), group, region,
        parent=serving.parent, tags=serving.tags,
    )  # fmt: skip
    scopes = [
        RoleScope(f"{prefix}/subnet", str(settings.subnet_id), ("Network Contributor",)),
        RoleScope(f"{prefix}/kubelet", kubelet.id, ("Managed Identity Operator",)),
    ]
    if zone != "system":
        scopes.append(RoleScope(f"{prefix}/dns", zone, ("Private DNS Zone Contributor",)))
    grants = grant_principal(
        f"{prefix}-aks-id", identity.principal_id, naming.identity("aks"), scopes,
        parent=serving.parent,
    )  # fmt: skip
    wait = wait_for_propagation(
        f"{prefix}-aks", grants, serving.config.hub.rbac_propagation_wait, serving.parent,
        triggers={"principalId": identity.principal_id},
    )  # fmt: skip
    return identity, kubelet, wait


def _harden(serving: Serving, prefix: str, cluster_id: pulumi.Input[str], protect: bool) -> None:
    """The cluster's logs to the central workspace and, in production, its lock."""
    send_diagnostics(
        prefix,
        [DiagnosticTarget("aks", cluster_id)],
        DiagnosticSettings(serving.log_analytics_workspace_id),
        serving.parent,
    )
    lock = protection_lock(protect)
    if lock is not None:
        resource_lock(f"{prefix}-aks", cluster_id, lock, serving.parent)


def _dns_zone(serving: Serving, region: str, group: pulumi.Input[str]) -> pulumi.Input[str]:
    """The cluster's private DNS zone in the network's DNS mode: created here (linked to the
    networks DNS links name), given (``network.dns.zoneIds``), or ``system`` where DNS is left
    to the platform's policy (mode none: AKS keeps the zone in its node resource group)."""
    dns, name = serving.config.network.dns, aks_private_dns_zone(region)
    links = [
        NetworkLink(resource_name(vnet), serving.naming.dns_link(resource_name(vnet), vnet), vnet)
        for vnet in dns.link_virtual_network_ids
    ]
    zone_ids = private_dns_zones(
        f"{serving.name}-serving-dns",
        dns.mode,
        [name],
        group,
        parent=serving.parent,
        existing_ids=dns.zone_ids,
        links=links,
        tags=serving.tags,
    )
    return "system" if zone_ids is None else zone_ids[name]


def _attach(
    serving: Serving,
    settings: InferenceSettings,
    cluster_id: pulumi.Input[str],
    extension: pulumi.Resource,
) -> machinelearningservices.Compute:
    """The cluster attached to the serving product's workspace once the product's identity
    holds the attach's roles on it (``WORKSPACE_IDENTITY_ROLES``) and they propagated."""
    products, key = serving.data_products, settings.workspace
    principal = products.principal_ids.apply(lambda ids: ids[key])
    principal_key = serving.naming.for_product(key).identity("ws")
    prefix = f"{serving.name}-serving-attach"
    grants = grant_principal(
        prefix,
        principal,
        principal_key,
        [RoleScope(f"{key}/serving", cluster_id, WORKSPACE_IDENTITY_ROLES["kubernetes_cluster"])],
        parent=serving.parent,
    )
    wait = wait_for_propagation(
        prefix, grants, serving.config.hub.rbac_propagation_wait, serving.parent,
        triggers={"principalId": principal},
    )  # fmt: skip
    identity: machinelearningservices.ManagedServiceIdentityArgsDict = {
        "type": "UserAssigned",
        "user_assigned_identities": [products.identity_ids.apply(lambda ids: ids[key])],
    }
    placement = ComputePlacement(
        products.resource_group_names.apply(lambda groups: groups[key]),
        product_workspace_name(serving.naming, key, "default"),
        serving.config.location,
        identity=identity,
        tags=serving.tags,
        opts=pulumi.ResourceOptions(parent=serving.parent, depends_on=[products, extension, *wait]),
    )
    return kubernetes_attach(
        f"{prefix}-{settings.compute_name}",
        settings.compute_name,
        AksAttachSettings.model_construct(resource_id=cluster_id, namespace=settings.namespace),
        placement=placement,
        compute_location=serving_region(serving.config),
        instance_types=settings.instance_types,
    )
