"""AKS cluster rules: the hardening of the clusters the landing zone creates for serving
(``components/inference``): a private API server, Entra ID with Azure RBAC, autoscaling within
the environment's bounds, no local accounts, and logs to the central workspace."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from aml_landing_zone.policies.rules.common import (
    ADVISORY,
    MANDATORY,
    Config,
    Finding,
    Stack,
    get,
    identity,
    is_false,
    is_true,
    items,
    number,
    reads,
    resource_policy,
    show,
    stack_policy,
)
from aml_landing_zone.policies.rules.workspace import _DESTINATIONS, _sends_logs
from aml_landing_zone.resource_types import DIAGNOSTIC_SETTING, MANAGED_CLUSTER

_PRIVATE = "apiServerAccessProfile.enablePrivateCluster"


def _private_cluster(props: Any, _: Config) -> Iterator[str]:
    value = get(props, _PRIVATE)
    if not is_true(value):
        yield f"{_PRIVATE} is {show(value)}; set it to true (a private API server)."


def _entra_rbac(props: Any, _: Config) -> Iterator[str]:
    if is_false(get(props, "enableRBAC")):
        yield "enableRBAC is false; Kubernetes RBAC must stay on."
    for path in ("aadProfile.managed", "aadProfile.enableAzureRBAC"):
        value = get(props, path)
        if not is_true(value):
            yield f"{path} is {show(value)}; set it to true (Entra ID with Azure RBAC)."


def _local_accounts(props: Any, _: Config) -> Iterator[str]:
    value = get(props, "disableLocalAccounts")
    if not is_true(value):
        yield (
            f"disableLocalAccounts is {show(value)}: the cluster's admin credential bypasses "
            "Entra ID (a cluster that runs the Azure ML extension cannot turn it off)."
        )


def _autoscale(props: Any, config: Config) -> Iterator[str]:
    for pool in items(get(props, "agentPoolProfiles")):
        name = show(get(pool, "name"))
        if not is_true(get(pool, "enableAutoScaling")):
            yield f"node pool {name} does not autoscale (enableAutoScaling)."
            continue
        low, high = number(get(pool, "minCount")), number(get(pool, "maxCount"))
        if low is None or low < config["minCount"]:
            yield (
                f"node pool {name} keeps minCount {show(low)}, below the environment's "
                f"{config['minCount']} (cold starts, no redundancy)."
            )
        if high is None or high > config["maxCount"]:
            yield (
                f"node pool {name} scales to maxCount {show(high)}, above the environment's "
                f"cap of {config['maxCount']}."
            )


def _diagnostics(stack: Stack, _: Config) -> Iterable[Finding]:
    settings = [s for s in stack.of_type(DIAGNOSTIC_SETTING) if _sends_logs(s)]
    for cluster in stack.of_type(MANAGED_CLUSTER):
        if not any(stack.refers(s, "resourceUri", cluster) for s in settings):
            yield Finding(
                cluster.urn, f"no diagnostic setting sends cluster {cluster.name}'s logs anywhere."
            )


def _bound(description: str, default: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": 1, "default": default, "description": description}


KUBERNETES_POLICIES = [
    resource_policy(
        "aks-private-cluster",
        "AKS clusters must have a private API server (enablePrivateCluster). A public API "
        "server is reachable from the internet (built-in 'Azure Kubernetes Service Private "
        "Clusters should be enabled'); it is fixed when the cluster is created.",
        [MANAGED_CLUSTER],
        _private_cluster,
        level=MANDATORY,
        reads=[_PRIVATE],
    ),
    resource_policy(
        "aks-entra-rbac",
        "AKS clusters must authenticate with Entra ID and authorise with Azure RBAC "
        "(aadProfile.managed, aadProfile.enableAzureRBAC, Kubernetes RBAC on). Access is then "
        "granted per environment by role assignments and audited per user.",
        [MANAGED_CLUSTER],
        _entra_rbac,
        level=MANDATORY,
        reads=["enableRBAC", "aadProfile.managed", "aadProfile.enableAzureRBAC"],
    ),
    resource_policy(
        "aks-local-accounts",
        "AKS clusters should disable local accounts (built-in 'Azure Kubernetes Service "
        "Clusters should have local authentication methods disabled'). Advisory: Azure ML's "
        "extension does not support clusters without local accounts, so serving clusters "
        "keep them and report it.",
        [MANAGED_CLUSTER],
        _local_accounts,
        level=ADVISORY,
        reads=["disableLocalAccounts"],
    ),
    resource_policy(
        "aks-autoscale",
        "AKS node pools must autoscale within the environment's bounds. Too few nodes cause "
        "cold starts and no redundancy (production serving keeps at least 2, seed 003); too "
        "many exhaust cost and quota.",
        [MANAGED_CLUSTER],
        _autoscale,
        level=MANDATORY,
        schema={
            "minCount": _bound("Lowest minCount a node pool may keep.", 1),
            "maxCount": _bound("Highest maxCount a node pool may scale to.", 10),
        },
        reads=[
            "agentPoolProfiles[*].name",
            "agentPoolProfiles[*].enableAutoScaling",
            "agentPoolProfiles[*].minCount",
            "agentPoolProfiles[*].maxCount",
        ],
    ),
    stack_policy(
        "aks-diagnostics",
        "AKS clusters must send their resource logs (API server, audit) through a diagnostic "
        "setting to the central workspace. Without them nobody can tell who changed what in "
        "the cluster.",
        _diagnostics,
        MANDATORY,
        reads=[
            *reads(DIAGNOSTIC_SETTING, *_DESTINATIONS, "marketplacePartnerId", "resourceUri"),
            *reads(DIAGNOSTIC_SETTING, "logs[*].enabled", "logs[*].category"),
            *reads(DIAGNOSTIC_SETTING, "logs[*].categoryGroup"),
            *identity(MANAGED_CLUSTER),
        ],
    ),
]
