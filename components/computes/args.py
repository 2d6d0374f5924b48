"""Component args, generated from the specs: do not edit.

``python -m aml_landing_zone.config.typed_args`` writes them from the specs' fields and
their ``typed_args`` declarations (``config/typed_args.py`` says how)."""

from collections.abc import Mapping
from typing import NotRequired, TypedDict

import pulumi


class ComputeInstanceArgs(TypedDict):
    """A personal compute instance (default Standard_DS11_v2, idle shutdown PT60M)."""

    assigned_user: str
    vm_size: NotRequired[str]
    idle_time_before_shutdown: NotRequired[str]


class ComputeClusterArgs(TypedDict):
    """A compute cluster (Default workspaces only): min 0 nodes, scale-down after PT120S."""

    vm_size: NotRequired[str]
    min_nodes: NotRequired[int]
    max_nodes: int
    idle_time_before_scale_down: NotRequired[str]
    low_priority: NotRequired[bool]


class AksAttachArgs(TypedDict):
    """An existing AKS cluster with the Azure ML extension, attached by id as a Kubernetes
    compute (never created); ``namespace`` (default ``default``) must exist in it."""

    resource_id: str
    namespace: NotRequired[str]


class DataProductComputesArgs(TypedDict):
    """Computes by Azure name."""

    instances: NotRequired[Mapping[str, ComputeInstanceArgs]]
    clusters: NotRequired[Mapping[str, ComputeClusterArgs]]
    aks_attach: NotRequired[Mapping[str, AksAttachArgs]]


class PersonalComputeInstanceArgs(TypedDict):
    """``workspace_name`` and ``resource_group_name``: the workspace's (a ProjectWorkspace's
    outputs); ``compute_name``: 3–24 characters, unique in the region. ``assigned_user``: the
    Entra object id of the one user who may use it; ``tenant_id`` defaults to the deploying
    client's. ``vm_size`` (default Standard_DS11_v2) and ``idle_time_before_shutdown``
    (default PT60M, PT15M to P3D) as a data product's instances.
    ``user_assigned_identity_id``: an identity for the instance (none by default)."""

    assigned_user: str
    vm_size: NotRequired[str]
    idle_time_before_shutdown: NotRequired[str]
    compute_name: str
    workspace_name: pulumi.Input[str]
    resource_group_name: pulumi.Input[str]
    location: pulumi.Input[str]
    tenant_id: NotRequired[pulumi.Input[str]]
    user_assigned_identity_id: NotRequired[pulumi.Input[str]]
    tags: NotRequired[pulumi.Input[Mapping[str, pulumi.Input[str]]]]
