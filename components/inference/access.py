"""Who reaches the inference cluster besides Azure ML: its kubelet pulls the serving workspace's
images, and the groups the cluster access matrix names get their Kubernetes roles on it."""

from __future__ import annotations

from typing import Any

import pulumi
from pulumi_azure_native import authorization, containerservice

from ..blocks.identity import RoleScope, grant_principal
from ..blocks.rbac import Grant, assign_roles, unique_grants
from ..config import LandingZoneConfig


def kubelet_object_id(cluster: containerservice.ManagedCluster) -> pulumi.Output[str]:
    """The object id of the identity the cluster's nodes (kubelet) run as, as AKS reports it
    (``identityProfile.kubeletidentity.objectId``)."""

    def object_id(profile: Any) -> str:
        kubelet = (profile or {})["kubeletidentity"]
        return str(kubelet["object_id"] if isinstance(kubelet, dict) else kubelet.object_id)

    return cluster.identity_profile.apply(object_id)


def kubelet_pull(
    prefix: str,
    cluster: containerservice.ManagedCluster,
    kubelet_key: str,
    *,
    registry: RoleScope,
    parent: pulumi.Resource,
) -> list[authorization.RoleAssignment]:
    """AcrPull for the kubelet identity on the serving workspace's registry, which holds the
    images of the workspace's environments and deployments: the nodes pull them with it (what
    ``az aks update --attach-acr`` grants: https://learn.microsoft.com/azure/aks/
    cluster-container-registry-integration). ``kubelet_key`` names it stably."""
    return grant_principal(
        f"{prefix}-kubelet", kubelet_object_id(cluster), kubelet_key, [registry], parent=parent
    )


def operator_access(
    prefix: str,
    config: LandingZoneConfig,
    cluster_id: pulumi.Input[str],
    *,
    parent: pulumi.Resource,
) -> list[authorization.RoleAssignment]:
    """Each group with a cell in this environment of ``inference.clusterAccess`` gets its
    level's roles (``CLUSTER_ACCESS_ROLES``) on the cluster only, through Azure RBAC for
    Kubernetes authorization (https://learn.microsoft.com/azure/aks/manage-azure-rbac)."""
    assert config.inference is not None
    grants = unique_grants([
        Grant(config.group_id(alias), role)
        for alias, roles in config.inference.cluster_grants(config.environment)
        for role in roles
    ])  # fmt: skip
    return assign_roles(f"{prefix}-access", cluster_id, "serving/aks", grants, parent=parent)
