"""What only inference builds: the private AKS cluster, the Azure ML extension on it and the
online endpoints (shells). Each takes its placement and returns the resource; the component
(``component.py``) wires identities, roles, DNS and the attach."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import containerservice, kubernetesconfiguration, machinelearningservices

from ..blocks.lifecycle import registered_lifecycle
from ..resource_types import KUBERNETES_EXTENSION, MANAGED_CLUSTER, ML_ONLINE_ENDPOINT
from .config import EndpointSettings, InferenceSettings

# Kubernetes service addresses outside every spoke the landing zone plans (10.x): AKS refuses a
# service CIDR that overlaps the node subnet (https://learn.microsoft.com/azure/aks/configure-azure-cni).
SERVICE_CIDR, DNS_SERVICE_IP = "172.16.0.0/16", "172.16.0.10"
# https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension
AZUREML_EXTENSION = "microsoft.azureml.kubernetes"


@dataclass(frozen=True)
class ClusterPlacement:
    """Where the cluster goes and what it runs as: its group, region and subnet, its control
    plane's identity and its kubelet's, its private DNS zone (an id, or ``system``), the central
    Log Analytics workspace (Defender's), its tags and options."""

    name: str
    resource_group_name: pulumi.Input[str]
    location: str
    subnet_id: pulumi.Input[str]
    identity_id: pulumi.Input[str]
    kubelet: containerservice.UserAssignedIdentityArgsDict
    private_dns_zone: pulumi.Input[str]
    log_analytics_workspace_id: pulumi.Input[str]
    tags: Mapping[str, str]
    opts: pulumi.ResourceOptions


def managed_cluster(
    resource_name: str,
    settings: InferenceSettings,
    *,
    placement: ClusterPlacement,
    production: bool,
) -> containerservice.ManagedCluster:
    """A private cluster (API server on a private endpoint, its FQDN in ``private_dns_zone``;
    https://learn.microsoft.com/azure/aks/private-clusters), Entra ID with Azure RBAC for
    Kubernetes authorization (https://learn.microsoft.com/azure/aks/manage-azure-rbac), Azure
    CNI in the serving region's subnet, workload identity with its OIDC issuer
    (https://learn.microsoft.com/azure/aks/workload-identity-overview), autoscaling pools and
    automatic upgrades on a channel (https://learn.microsoft.com/azure/aks/auto-upgrade-cluster).
    Local accounts stay on: "Azure Machine Learning doesn't support disabling local accounts for
    AKS" (how-to-deploy-kubernetes-extension, Limitations)."""
    identity: containerservice.ManagedClusterIdentityArgsDict = {
        "type": containerservice.ResourceIdentityType.USER_ASSIGNED,
        "user_assigned_identities": [placement.identity_id],
    }
    entra: containerservice.ManagedClusterAADProfileArgsDict = {
        "managed": True,
        "enable_azure_rbac": True,
    }
    policy: containerservice.ManagedClusterAddonProfileArgsDict = {
        "enabled": settings.add_on(settings.azure_policy, production)
    }
    oidc: containerservice.ManagedClusterOIDCIssuerProfileArgsDict = {"enabled": True}
    sku: containerservice.ManagedClusterSKUArgsDict = {
        "name": "Base",
        "tier": "Standard" if production else "Free",
    }
    return containerservice.ManagedCluster(
        resource_name,
        resource_name_=placement.name,
        resource_group_name=placement.resource_group_name,
        location=placement.location,
        dns_prefix=placement.name,
        identity=identity,
        identity_profile={"kubeletidentity": placement.kubelet},
        enable_rbac=True,
        disable_local_accounts=False,
        aad_profile=entra,
        api_server_access_profile=_api_server(placement.private_dns_zone),
        network_profile=NETWORK_PROFILE,
        agent_pool_profiles=_pools(settings, placement.subnet_id, production),
        oidc_issuer_profile=oidc,
        security_profile=_security(settings, placement, production),
        addon_profiles={"azurepolicy": policy},
        auto_upgrade_profile=_upgrades(settings),
        sku=sku,
        tags=dict(placement.tags),
        opts=registered_lifecycle(placement.opts, MANAGED_CLUSTER),
    )


# Azure CNI with Azure network policies, nodes and pods in the serving region's subnet.
NETWORK_PROFILE: containerservice.ContainerServiceNetworkProfileArgsDict = {
    "network_plugin": "azure",
    "network_policy": "azure",
    "load_balancer_sku": "standard",
    "service_cidr": SERVICE_CIDR,
    "dns_service_ip": DNS_SERVICE_IP,
}


def _api_server(
    private_dns_zone: pulumi.Input[str],
) -> containerservice.ManagedClusterAPIServerAccessProfileArgsDict:
    """A private API server without a public FQDN, its record in ``private_dns_zone``."""
    return {
        "enable_private_cluster": True,
        "enable_private_cluster_public_fqdn": False,
        "private_dns_zone": private_dns_zone,
    }


def _upgrades(
    settings: InferenceSettings,
) -> containerservice.ManagedClusterAutoUpgradeProfileArgsDict:
    """Kubernetes upgrades on the configured channel, node images weekly by AKS."""
    return {"upgrade_channel": settings.upgrade_channel, "node_os_upgrade_channel": "NodeImage"}


def _pools(
    settings: InferenceSettings, subnet_id: pulumi.Input[str], production: bool
) -> list[containerservice.ManagedClusterAgentPoolProfileArgsDict]:
    """The system and user pools, autoscaling within the environment's bounds, in the subnet."""
    return [
        {
            "name": pool.name,
            "mode": pool.mode,
            "vm_size": pool.vm_size,
            "os_type": "Linux",
            "type": "VirtualMachineScaleSets",
            "count": pool.min_count,
            "enable_auto_scaling": True,
            "min_count": pool.min_count,
            "max_count": pool.max_count,
            "vnet_subnet_id": subnet_id,
        }
        for pool in settings.pools(production)
    ]


def _security(
    settings: InferenceSettings, placement: ClusterPlacement, production: bool
) -> containerservice.ManagedClusterSecurityProfileArgsDict:
    """Workload identity, and Defender for Containers reporting to the central workspace where
    the environment asks for it."""
    security: containerservice.ManagedClusterSecurityProfileArgsDict = {
        "workload_identity": {"enabled": True}
    }
    if settings.add_on(settings.defender, production):
        security["defender"] = {
            "log_analytics_workspace_resource_id": placement.log_analytics_workspace_id,
            "security_monitoring": {"enabled": True},
        }
    return security


def extension_settings(settings: InferenceSettings) -> dict[str, str]:
    """The Azure ML extension's configuration for inference only, behind an internal load
    balancer, HTTPS only (``allowInsecureConnections`` False, the certificate in ``sslSecret``).
    https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension
    (Review Azure Machine Learning extension config settings)."""
    return {
        "enableTraining": "False",
        "enableInference": "True",
        "inferenceRouterServiceType": "LoadBalancer",
        "internalLoadBalancerProvider": "azure",
        "allowInsecureConnections": "False",
        "inferenceRouterHA": "True",
        "sslSecret": settings.tls.secret,
        "sslCname": settings.tls.cname,
    }


def azureml_extension(
    resource_name: str,
    settings: InferenceSettings,
    *,
    cluster: containerservice.ManagedCluster,
    resource_group_name: pulumi.Input[str],
    opts: pulumi.ResourceOptions,
) -> kubernetesconfiguration.Extension:
    """The Azure ML extension on ``cluster``, upgraded with its release train."""
    return kubernetesconfiguration.Extension(
        resource_name,
        extension_name="azureml",
        extension_type=AZUREML_EXTENSION,
        cluster_rp="Microsoft.ContainerService",
        cluster_resource_name="managedClusters",
        cluster_name=cluster.name,
        resource_group_name=resource_group_name,
        auto_upgrade_minor_version=True,
        release_train="stable",
        scope={"cluster": {"release_namespace": "azureml"}},
        configuration_settings=extension_settings(settings),
        opts=registered_lifecycle(opts, KUBERNETES_EXTENSION),
    )


@dataclass(frozen=True)
class EndpointPlacement:
    """The workspace an endpoint lives in, its region, the Kubernetes compute, tags, options."""

    workspace_name: pulumi.Input[str]
    resource_group_name: pulumi.Input[str]
    location: str
    compute_id: pulumi.Input[str]
    tags: Mapping[str, str]
    opts: pulumi.ResourceOptions


def online_endpoint(
    resource_name: str,
    name: str,
    endpoint: EndpointSettings,
    *,
    placement: EndpointPlacement,
) -> machinelearningservices.OnlineEndpoint:
    """An endpoint without deployments (the product team's pipeline adds them and shifts
    traffic), never key-authenticated: AMLToken on Kubernetes, Entra tokens (AADToken) on
    managed compute, which alone takes them and a closed public network access
    (https://learn.microsoft.com/azure/machine-learning/how-to-authenticate-online-endpoint,
    https://learn.microsoft.com/azure/machine-learning/reference-yaml-endpoint-online)."""
    kubernetes = endpoint.compute == "kubernetes"
    properties: machinelearningservices.OnlineEndpointPropertiesArgsDict = {
        "auth_mode": "AMLToken" if kubernetes else "AADToken",
        "description": f"Online endpoint {name}: deployments come from its product's pipeline.",
    }
    if kubernetes:
        properties["compute"] = placement.compute_id
    else:
        properties["public_network_access"] = "Disabled"
    return machinelearningservices.OnlineEndpoint(
        resource_name,
        endpoint_name=name,
        workspace_name=placement.workspace_name,
        resource_group_name=placement.resource_group_name,
        location=placement.location,
        kind="Kubernetes" if kubernetes else "Managed",
        identity={"type": "SystemAssigned"},
        properties=properties,
        tags=dict(placement.tags),
        opts=registered_lifecycle(placement.opts, ML_ONLINE_ENDPOINT),
    )
