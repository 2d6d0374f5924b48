"""Computes of a workspace: private (no public IP), keyless (local auth off), SSH off.

Written once for every owner: a data product's computes (``DataLandingZoneML``) and a product
team's instances in its project (``PersonalComputeInstance``). Callers place each compute with a
``ComputePlacement`` whose options' ``depends_on`` holds the workspace's private endpoint (or its
hub's): a compute with no public IP fails to provision before the workspace is reachable
privately."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import pulumi
from pulumi_azure_native import machinelearningservices

from ..blocks.lifecycle import registered_lifecycle
from ..resource_types import ML_COMPUTE
from .config import AksAttachSettings, ClusterSettings, InstanceSettings

Subnet = machinelearningservices.ResourceIdArgsDict
ComputeProperties = (
    machinelearningservices.ComputeInstanceArgsDict
    | machinelearningservices.AmlComputeArgsDict
    | machinelearningservices.KubernetesArgsDict
)


@dataclass(frozen=True)
class ComputePlacement:
    """Where a compute goes and what it runs as: the workspace (its group and name), the
    region, the identity its workloads use, the subnet (None: the workspace's managed network
    places it), its tags, and its options (``depends_on`` the workspace's private endpoint)."""

    resource_group_name: pulumi.Input[str]
    workspace_name: pulumi.Input[str]
    location: pulumi.Input[str]
    identity: machinelearningservices.ManagedServiceIdentityArgsDict | None = None
    subnet: Subnet | None = None
    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    opts: pulumi.ResourceOptions | None = None


def compute_instance(
    resource_name: str,
    compute_name: str,
    instance: InstanceSettings,
    *,
    tenant_id: pulumi.Input[str],
    placement: ComputePlacement,
) -> machinelearningservices.Compute:
    """A personal compute instance for ``instance.assigned_user``, shut down when idle; its
    create-only settings replace it (the registered lifecycle of a ComputeInstance)."""
    properties: machinelearningservices.ComputeInstancePropertiesArgsDict = {
        "vm_size": instance.vm_size,
        "enable_node_public_ip": False,
        "idle_time_before_shutdown": instance.idle_time_before_shutdown,
        "ssh_settings": {"ssh_public_access": "Disabled"},
        "application_sharing_policy": "Personal",
        "compute_instance_authorization_type": "personal",
        "personal_compute_instance_settings": {
            "assigned_user": {"object_id": instance.assigned_user, "tenant_id": tenant_id}
        },
    }
    if placement.subnet is not None:
        properties["subnet"] = placement.subnet
    return _compute(
        resource_name,
        compute_name,
        {"compute_type": "ComputeInstance", "disable_local_auth": True, "properties": properties},
        placement=placement,
    )


def compute_cluster(
    resource_name: str,
    compute_name: str,
    cluster: ClusterSettings,
    *,
    placement: ComputePlacement,
) -> machinelearningservices.Compute:
    """A compute cluster (``cluster_properties``); its create-only settings replace it
    (the registered lifecycle of an AmlCompute)."""
    return _compute(
        resource_name,
        compute_name,
        cluster_properties(cluster, placement.subnet),
        placement=placement,
    )


def kubernetes_attach(
    resource_name: str,
    compute_name: str,
    attach: AksAttachSettings,
    *,
    placement: ComputePlacement,
    compute_location: pulumi.Input[str] | None = None,
    instance_types: Mapping[str, Mapping[str, str]] | None = None,
) -> machinelearningservices.Compute:
    """An existing cluster (with the Azure ML extension installed) attached as a ``Kubernetes``
    compute, the target of v2 online endpoints; the v1 ``AKS`` type is legacy ("Create and attach
    an Azure Kubernetes Service cluster with v1" is retired with SDK v1). Attach only: the
    cluster's id and namespace, no creation settings; its workloads use ``identity``.
    ``compute_location``: the cluster's region when it serves elsewhere than the workspace;
    ``instance_types``: resource requests and limits by name (the first is the default).
    https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-to-workspace"""
    inner: machinelearningservices.KubernetesPropertiesArgsDict = {"namespace": attach.namespace}
    if instance_types:
        inner["instance_types"] = {
            name: {"resources": {"requests": dict(sizes), "limits": dict(sizes)}}
            for name, sizes in sorted(instance_types.items())
        }
        inner["default_instance_type"] = sorted(instance_types)[0]
    return _compute(
        resource_name,
        compute_name,
        {
            "compute_type": "Kubernetes",
            "resource_id": attach.resource_id,
            "compute_location": compute_location or placement.location,
            "disable_local_auth": True,
            "properties": inner,
        },
        placement=placement,
    )


def _compute(
    resource_name: str,
    compute_name: str,
    properties: ComputeProperties,
    *,
    placement: ComputePlacement,
) -> machinelearningservices.Compute:
    """A compute of the type ``properties`` say (``compute_type``), placed as ``placement``
    says, with the lifecycle options the registry gives that type."""
    return machinelearningservices.Compute(
        resource_name,
        compute_name=compute_name,
        identity=placement.identity,
        properties=cast(Any, properties),  # one of the three types (mypy cannot try them all)
        resource_group_name=placement.resource_group_name,
        workspace_name=placement.workspace_name,
        location=placement.location,
        tags=placement.tags,
        opts=registered_lifecycle(placement.opts, ML_COMPUTE, str(properties["compute_type"])),
    )


def cluster_properties(
    cluster: ClusterSettings, subnet: Subnet | None
) -> machinelearningservices.AmlComputeArgsDict:
    """A compute cluster that scales to zero, without public IPs or public SSH."""
    properties: machinelearningservices.AmlComputePropertiesArgsDict = {
        "vm_size": cluster.vm_size,
        "vm_priority": "LowPriority" if cluster.low_priority else "Dedicated",
        "enable_node_public_ip": False,
        "remote_login_port_public_access": "Disabled",
        "scale_settings": {
            "min_node_count": cluster.min_nodes,
            "max_node_count": cluster.max_nodes,
            "node_idle_time_before_scale_down": cluster.idle_time_before_scale_down,
        },
    }
    if subnet is not None:
        properties["subnet"] = subnet
    return {"compute_type": "AmlCompute", "disable_local_auth": True, "properties": properties}


def depends_on_of(opts: pulumi.ResourceOptions | None) -> list[pulumi.Resource]:
    """What a component was told to wait for (a hub or its private endpoint), passed on to its
    computes explicitly, so each compute's registration names it."""
    depends = opts.depends_on if opts is not None else None
    if depends is None:
        return []
    return list(depends) if isinstance(depends, list | tuple) else [depends]  # type: ignore[list-item]
