"""The ``inference`` section: one private AKS cluster in the serving region (seed 002's regional
serving: train in the stack's region, serve near the users), attached to one data product's
workspace as a ``Kubernetes`` compute, and the online endpoints created on it as shells.

The landing zone creates the cluster itself; Azure ML's compute API never does (LZ-CFG-016 and
the CAF policy Deny-machinelearning-AKS refuse that route)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from ..codes import BAD_REFERENCE, CONTRADICTION, MISSING
from ..computes.config import NAMESPACE_PATTERN
from ..config.base import ConfigIssue, StrictModel, is_object_id, name_issue, pattern_field
from ..config.network import SubnetId

# Seed 003: "Autoscaling is configured with min=2, max=10 nodes" for production serving, and an
# inference cluster has "Default node count: 3 (minimum 1)". Dev and test serve less.
POOL_DEFAULTS: dict[bool, dict[str, tuple[int, int]]] = {
    True: {"system": (3, 5), "user": (2, 10)},
    False: {"system": (1, 3), "user": (1, 3)},
}
# The AKS auto-upgrade channels (https://learn.microsoft.com/azure/aks/auto-upgrade-cluster).
UpgradeChannel = Literal["patch", "stable", "rapid", "node-image"]

# A group's access to the cluster -> its built-in roles there. With Azure RBAC for Kubernetes
# authorization every level gets the kubeconfig through the Cluster User Role (Entra sign-in,
# no credentials in it) and one Kubernetes role: RBAC Reader (no secrets, no roles), Writer (no
# roles or role bindings) or Cluster Admin. Never the Cluster Admin Role: it lists the local admin
# credentials, which bypass Entra ID (local accounts stay on for Azure ML).
# https://learn.microsoft.com/azure/aks/manage-azure-rbac, .../aks/control-kubeconfig-access
ClusterAccess = Literal["reader", "writer", "admin"]
CLUSTER_ACCESS_ROLES: dict[str, tuple[str, ...]] = {
    "reader": (
        "Azure Kubernetes Service Cluster User Role",
        "Azure Kubernetes Service RBAC Reader",
    ),
    "writer": (
        "Azure Kubernetes Service Cluster User Role",
        "Azure Kubernetes Service RBAC Writer",
    ),
    "admin": (
        "Azure Kubernetes Service Cluster User Role",
        "Azure Kubernetes Service RBAC Cluster Admin",
    ),
}


class NodePoolSettings(StrictModel):
    """An autoscaling node pool; counts default per environment (``POOL_DEFAULTS``)."""

    vm_size: str = Field("Standard_D4ds_v5", description="VM size of the pool's nodes.")
    min_count: int | None = Field(
        None,
        ge=1,
        le=1000,
        description="Fewest nodes the autoscaler keeps (at least 1). Default: system 3, user 2 "
        "in production; 1 elsewhere.",
    )
    max_count: int | None = Field(
        None,
        ge=1,
        le=1000,
        description="Most nodes the autoscaler adds. Default: system 5, user 10 in production; "
        "3 elsewhere.",
    )


@dataclass(frozen=True)
class PoolBounds:
    """A pool with its environment's defaults filled in."""

    name: str
    mode: Literal["System", "User"]
    vm_size: str
    min_count: int
    max_count: int


class TlsSettings(StrictModel):
    """The inference router's certificate: ``allowInsecureConnections`` stays False, so the
    extension serves HTTPS only, with the certificate in a Kubernetes secret the platform team
    puts in the ``azureml`` namespace
    (https://learn.microsoft.com/azure/machine-learning/how-to-secure-kubernetes-online-endpoint)."""

    secret: str = pattern_field(
        NAMESPACE_PATTERN,
        "a Kubernetes namespace: 1–63 lowercase letters, digits or '-', starting and ending "
        "with a letter or digit",
        description="The secret (cert.pem, key.pem) in the azureml namespace (sslSecret).",
    )
    cname: str = Field(description="The host name the certificate is issued for (sslCname).")


class EndpointSettings(StrictModel):
    """An online endpoint created as a shell: no deployment and no traffic, which the product
    team's pipeline adds (blue-green). Key authentication is refused: Kubernetes endpoints take
    ``AMLToken``, managed ones ``AADToken`` (aad_token is for managed endpoints only:
    https://learn.microsoft.com/azure/machine-learning/how-to-authenticate-online-endpoint)."""

    compute: Literal["kubernetes", "managed"] = Field(
        "kubernetes",
        description="kubernetes (on the inference cluster) or managed (Azure ML's own).",
    )


class InferenceSettings(StrictModel):
    """One private AKS cluster for real-time serving, attached to a data product's workspace."""

    workspace: str = Field(
        description="The data product whose workspace serves from the cluster (its key)."
    )
    subnet_id: SubnetId | None = Field(
        None,
        description="Required: the subnet of the serving region's spoke the nodes use (Azure "
        "CNI); the serving region is environments.regions.inference, else the stack's location.",
    )
    compute_name: str = Field(
        "aks-inference",
        description="The Kubernetes compute's name in the workspace (2–16 characters).",
    )
    namespace: str = pattern_field(
        NAMESPACE_PATTERN,
        "a Kubernetes namespace: 1–63 lowercase letters, digits or '-', starting and ending "
        "with a letter or digit",
        "default",
        description="The namespace the compute's endpoints run in; it must exist in the cluster.",
    )
    instance_types: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="Instance types by name: resource requests and limits, e.g. {cpu: '1', "
        "memory: 2Gi}. Empty: the extension's default instance type.",
    )
    system_pool: NodePoolSettings = Field(
        default_factory=NodePoolSettings,  # type: ignore[arg-type]
        description="The system node pool (the extension's and Kubernetes' own pods).",
    )
    user_pool: NodePoolSettings = Field(
        default_factory=NodePoolSettings,  # type: ignore[arg-type]
        description="The user node pool the endpoints' deployments run on.",
    )
    upgrade_channel: UpgradeChannel = Field(
        "stable", description="The automatic Kubernetes upgrade channel."
    )
    defender: bool | None = Field(
        None, description="Microsoft Defender for Containers. Default: on in production."
    )
    azure_policy: bool | None = Field(
        None, description="The Azure Policy add-on. Default: on in production."
    )
    tls: TlsSettings = Field(description="The inference router's certificate (HTTPS only).")
    cluster_access: dict[str, dict[str, ClusterAccess]] = Field(
        default_factory=dict,
        description="Group alias -> environment -> the group's access to the cluster: reader, "
        "writer or admin (each with the Cluster User Role for the kubeconfig), like "
        "environments.access. Empty: no group gets a role on the cluster.",
    )
    endpoints: dict[str, EndpointSettings] = Field(
        default_factory=dict,
        description="Online endpoints to create as shells in the workspace, by name; "
        "observability.endpoints alerts on them.",
    )

    def pools(self, production: bool) -> list[PoolBounds]:
        """The system and user pools with the environment's defaults."""
        bounds = []
        for name, mode, pool in (
            ("system", "System", self.system_pool),
            ("user", "User", self.user_pool),
        ):
            low, high = POOL_DEFAULTS[production][name]
            bounds.append(
                PoolBounds(
                    name,
                    mode,  # type: ignore[arg-type]
                    pool.vm_size,
                    low if pool.min_count is None else pool.min_count,
                    high if pool.max_count is None else pool.max_count,
                )
            )
        return bounds

    def add_on(self, value: bool | None, production: bool) -> bool:
        return production if value is None else value

    def serving_issues(self, region: str, production: bool) -> list[ConfigIssue]:
        """The serving region needs a subnet; autoscale bounds in order; names Azure takes."""
        issues = []
        if self.subnet_id is None:
            issues.append(
                ConfigIssue(
                    ("subnetId",),
                    f"missing: the serving region '{region}' needs a network for the cluster: "
                    "the id of a subnet of its spoke (Azure CNI)",
                    MISSING,
                )
            )
        for pool in self.pools(production):
            if pool.min_count > pool.max_count:
                issues.append(
                    ConfigIssue(
                        (f"{pool.name}Pool", "minCount"),
                        f"{pool.min_count} is above maxCount {pool.max_count}",
                        CONTRADICTION,
                    )
                )
        if (issue := name_issue("compute", self.compute_name)) is not None:
            issues.append(ConfigIssue(("computeName",), issue.message, issue.code))
        return issues

    def cluster_grants(self, environment: str) -> list[tuple[str, tuple[str, ...]]]:
        """(group alias, roles on the cluster) for every row with a cell in ``environment``."""
        return [
            (alias, CLUSTER_ACCESS_ROLES[cells[environment]])
            for alias, cells in sorted(self.cluster_access.items())
            if environment in cells
        ]

    def access_issues(
        self, environment: object, aliases: set[object], names: list[str] | None
    ) -> list[ConfigIssue]:
        """Cells name the estate's environments (``names``, where it has them); a group with
        access in this stack's environment is one of its ``groups`` (or an object id)."""
        issues = []
        for alias, cells in sorted(self.cluster_access.items()):
            issues += [
                ConfigIssue(
                    ("clusterAccess", alias, name),
                    f"'{name}' is not an environment of the estate ({', '.join(names)})",
                    BAD_REFERENCE,
                )
                for name in cells
                if names is not None and name not in names
            ]
            if environment in cells and alias not in aliases and not is_object_id(alias):
                issues.append(
                    ConfigIssue(
                        ("clusterAccess", alias),
                        f"group alias '{alias}' has cluster access in {environment} but this "
                        "stack defines no such group; add it under 'groups'",
                        BAD_REFERENCE,
                    )
                )
        return issues
