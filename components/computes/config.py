"""Compute settings: a data product's instances, clusters and attached Kubernetes clusters, and
what a PersonalComputeInstance validates its args with (the instance rules and the Azure name
rule). Every compute has no public IP, local auth and SSH off."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, Field, field_validator, model_validator
from pydantic.alias_generators import to_camel

from ..arm import resource_id_check
from ..codes import BAD_NAME, COMPUTE_REFUSED, CONTRADICTION
from ..config.base import (
    UUID_PATTERN,
    ConfigIssue,
    KeepOutputs,
    StrictModel,
    TypedArgs,
    name_issue,
    pattern_field,
    report,
)
from ..durations import day_time_seconds

AKS_TYPE = "Microsoft.ContainerService/managedClusters"
AksClusterId = Annotated[str, AfterValidator(resource_id_check(AKS_TYPE))]
# "idleTimeBeforeShutdown ... between 15 minutes and three days"
# https://learn.microsoft.com/azure/machine-learning/how-to-create-compute-instance#configure-idle-shutdown
IDLE_SHUTDOWN_RANGE = (15 * 60, 3 * 24 * 3600)
# Seed 003: a cluster scales down after 120 s idle.
DEFAULT_SCALE_DOWN = "PT120S"

# Settings that would make Azure ML create the AKS cluster (AKS compute properties); the landing
# zone only attaches existing, centrally governed clusters (ALZ Deny-MachineLearning-Aks).
AKS_CREATION_KEYS = (
    "agentCount",
    "agentVmSize",
    "clusterFqdn",
    "clusterPurpose",
    "aksNetworkingConfiguration",
    "loadBalancerType",
    "loadBalancerSubnet",
    "create",
)


def _duration(value: str) -> str:
    if day_time_seconds(value) is None:
        raise ValueError(f"'{value}' is not an ISO-8601 duration (e.g. PT120S, PT1H, P1D)")
    return value


Duration = Annotated[str, AfterValidator(_duration)]


class InstanceSettings(StrictModel):
    """A personal compute instance for one user (seed 003 defaults)."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "ComputeInstanceArgs",
        "A personal compute instance (default Standard_DS11_v2, idle shutdown PT60M).",
    )

    assigned_user: str = pattern_field(
        UUID_PATTERN,
        "an Entra object id (a GUID)",
        description="Object id of the user the instance belongs to (personal instance).",
    )
    vm_size: str = Field("Standard_DS11_v2", description="VM size; fixed after creation.")
    idle_time_before_shutdown: Duration = Field(
        "PT60M", description="Shut down after this long idle (ISO-8601, 15 minutes to 3 days)."
    )

    @field_validator("idle_time_before_shutdown")
    @classmethod
    def _idle_range(cls, value: str) -> str:
        seconds = day_time_seconds(value) or 0
        low, high = IDLE_SHUTDOWN_RANGE
        if not low <= seconds <= high:
            raise ValueError(f"'{value}' is outside Azure's range of PT15M to P3D")
        return value


class ClusterSettings(StrictModel):
    """A compute cluster (Default workspaces only) that scales to zero (seed 003 defaults)."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "ComputeClusterArgs",
        "A compute cluster (Default workspaces only): min 0 nodes, scale-down after PT120S.",
    )

    vm_size: str = Field("Standard_DS3_v2", description="VM size of the nodes.")
    min_nodes: int = Field(0, ge=0, description="Nodes kept when idle; 0 scales to zero.")
    max_nodes: int = Field(ge=1, le=1000, description="Most nodes the cluster scales to.")
    idle_time_before_scale_down: Duration = Field(
        DEFAULT_SCALE_DOWN, description="Idle time before a node is released (ISO-8601)."
    )
    low_priority: bool = Field(
        False, description="Low-priority (preemptible) nodes: cheaper, may be evicted."
    )


# A Kubernetes namespace is an RFC 1123 label: lowercase letters, digits and '-', 1-63,
# starting and ending with a letter or digit.
NAMESPACE_PATTERN = r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"


class AksAttachSettings(StrictModel):
    """An existing AKS cluster with the Azure ML extension, attached by id as a Kubernetes
    compute (the v2 route for online endpoints; the v1 AKS compute type is legacy). Azure ML
    never creates the cluster here."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "AksAttachArgs",
        """An existing AKS cluster with the Azure ML extension, attached by id as a Kubernetes
        compute (never created); ``namespace`` (default ``default``) must exist in it.""",
    )

    resource_id: AksClusterId = Field(description="ARM id of the AKS cluster to attach.")
    namespace: str = pattern_field(
        NAMESPACE_PATTERN,
        "a Kubernetes namespace: 1–63 lowercase letters, digits or '-', starting and ending "
        "with a letter or digit",
        "default",
        description="The Kubernetes namespace the compute's workloads run in; it must exist in "
        "the cluster (attaching neither creates nor checks it).",
    )

    @model_validator(mode="before")
    @classmethod
    def _attach_only(cls, data: Any) -> Any:
        if isinstance(data, dict):
            report(
                [
                    ConfigIssue(
                        (key,),
                        "creates an AKS cluster through Azure ML, which the landing zone "
                        "refuses (policy compute-aks-attach-only); the landing zone's "
                        "'inference' section creates a private cluster and attaches it, or "
                        "attach an existing one by resourceId",
                        COMPUTE_REFUSED,
                    )
                    for key in data
                    if to_camel(str(key)) in AKS_CREATION_KEYS  # either spelling (args: snake)
                ]
            )
        return data


class ComputeSettings(StrictModel):
    """A product's computes by Azure name. Every compute has no public IP, local auth and SSH
    off, and the product's user-assigned identity."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "DataProductComputesArgs",
        "Computes by Azure name.",
    )

    instances: dict[str, InstanceSettings] = Field(
        default_factory=dict, description="Compute instances by name (3–24 characters)."
    )
    clusters: dict[str, ClusterSettings] = Field(
        default_factory=dict,
        description="Compute clusters by name (2–16 characters); Default workspaces only (hubs "
        "and projects use serverless compute).",
    )
    aks_attach: dict[str, AksAttachSettings] = Field(
        default_factory=dict,
        description="Existing AKS clusters with the Azure ML extension, attached by resource id "
        "as Kubernetes computes (online endpoints' v2 target), by compute name.",
    )

    def issues(self) -> list[ConfigIssue]:
        issues: list[ConfigIssue] = []
        seen: dict[str, str] = {}
        for kind, rule, names in (
            ("instances", "compute_instance", self.instances),
            ("clusters", "compute", self.clusters),
            ("aksAttach", "compute", self.aks_attach),
        ):
            for name in names:
                issue = name_issue(rule, name)
                if issue is not None:
                    issues.append(ConfigIssue((kind, name), issue.message, BAD_NAME))
                if name.lower() in seen:
                    issues.append(
                        ConfigIssue(
                            (kind, name),
                            f"a compute of this workspace is already named '{name}' (under "
                            f"{seen[name.lower()]})",
                        )
                    )
                seen.setdefault(name.lower(), kind)
        for name, cluster in self.clusters.items():
            if cluster.min_nodes > cluster.max_nodes:
                issues.append(
                    ConfigIssue(
                        ("clusters", name, "minNodes"),
                        f"{cluster.min_nodes} is above maxNodes {cluster.max_nodes}",
                        CONTRADICTION,
                    )
                )
        return issues


class PersonalComputeInstanceSpec(InstanceSettings):
    """``PersonalComputeInstanceArgs``: an instance and the workspace it belongs to."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "PersonalComputeInstanceArgs",
        """``workspace_name`` and ``resource_group_name``: the workspace's (a ProjectWorkspace's
        outputs); ``compute_name``: 3–24 characters, unique in the region. ``assigned_user``: the
        Entra object id of the one user who may use it; ``tenant_id`` defaults to the deploying
        client's. ``vm_size`` (default Standard_DS11_v2) and ``idle_time_before_shutdown``
        (default PT60M, PT15M to P3D) as a data product's instances.
        ``user_assigned_identity_id``: an identity for the instance (none by default).""",
    )

    compute_name: str
    workspace_name: Annotated[str, KeepOutputs]
    resource_group_name: Annotated[str, KeepOutputs]
    location: Annotated[str, KeepOutputs]
    tenant_id: Annotated[str | None, KeepOutputs] = None
    user_assigned_identity_id: Annotated[str | None, KeepOutputs] = None
    tags: Annotated[dict[str, Annotated[str, KeepOutputs]], KeepOutputs] = Field(
        default_factory=dict
    )

    def issues(self) -> list[ConfigIssue]:
        issue = name_issue("compute_instance", self.compute_name)
        return [] if issue is None else [ConfigIssue(("computeName",), issue.message, issue.code)]
