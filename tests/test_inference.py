"""Regional serving (the ``inference`` section): the maximal scenario serves from Sweden Central
with a private AKS cluster the landing zone creates, extends and attaches to the 'pricing'
workspace (West Europe), with the 'scoring' endpoint and its two alerts. What a user cares
about: the cluster's and the extension's inputs, the attach, the roles, the endpoint, the config
errors and the pack's verdicts. Facts (role GUIDs, zone names, seed defaults) are literals."""

from __future__ import annotations

from typing import Any

import pytest
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.errors import ConfigError
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.policy_run import evaluate
from aml_landing_zone.resource_types import (
    KUBERNETES_EXTENSION,
    MANAGED_CLUSTER,
    ML_COMPUTE,
    ML_ONLINE_ENDPOINT,
)

from tests.conftest import of_type, one, run_stack
from tests.facts import ROLE_GUIDS
from tests.policies.fixtures import evaluate_one
from tests.stack_values import NAMESPACE, ROOT, changed, stack_config, stack_values
from tests.test_max_scenario import max_config

SUB = "/subscriptions/00000000-0000-0000-0000-000000000000"
SERVING_RG = f"{SUB}/resourceGroups/rg-contoso-ml-prod-sdc-serving"
CLUSTER_ID = (
    f"{SERVING_RG}/providers/Microsoft.ContainerService/managedClusters/aks-contoso-ml-prod-sdc"
)
SUBNET_ID = (
    f"{SUB}/resourceGroups/rg-contoso-max-swc-network/providers/Microsoft.Network/"
    "virtualNetworks/vnet-contoso-max-swc/subnets/snet-aks"
)
# "privatelink.<region>.azmk8s.io": https://learn.microsoft.com/azure/aks/private-clusters
ZONE_ID = (
    f"{SERVING_RG}/providers/Microsoft.Network/privateDnsZones/privatelink.swedencentral.azmk8s.io"
)
PRICING_RG = f"{SUB}/resourceGroups/rg-contoso-pricing-prod-weu-dp"
WORKSPACE = (
    f"{PRICING_RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-contoso-pricing-prod"
)
PRESETS = ROOT / "policies" / "config"
RA = "azure-native:authorization:RoleAssignment"
UAI = "azure-native:managedidentity:UserAssignedIdentity"
INFERENCE = f"{NAMESPACE}:inference"
DEV_INFERENCE = {
    "workspace": "demand",
    "subnetId": SUBNET_ID,
    "tls": {"secret": "azureml-fe-tls", "cname": "scoring.contoso.internal"},
    "endpoints": {"scoring": {}},
}


@pytest.fixture(scope="module")
def max_run() -> ProgramRun:
    return run_stack("prod", max_config())


def dev_serving_config() -> dict[str, Any]:
    """dev with its product as a Default workspace, serving from the stack's own region."""
    config = changed(stack_config("dev"), f"{NAMESPACE}:dataProducts[0].kind", "default")
    # a Default product's monitoring needs the platform's scope, or none (private: false)
    config = changed(config, f"{NAMESPACE}:dataLandingZone.monitoring", {"private": False})
    return changed(config, INFERENCE, DEV_INFERENCE)


def pools(run: ProgramRun) -> set[tuple[str, str, int, int, bool]]:
    cluster = one(run, MANAGED_CLUSTER).inputs
    return {
        (p["name"], p["mode"], p["minCount"], p["maxCount"], p["enableAutoScaling"])
        for p in cluster["agentPoolProfiles"]
    }


def test_the_cluster_is_private_entra_rbac_azure_cni_and_workload_identity(
    max_run: ProgramRun,
) -> None:
    cluster = one(max_run, MANAGED_CLUSTER)
    inputs = cluster.inputs
    assert (inputs["location"], inputs["resourceName"]) == (
        "swedencentral",
        "aks-contoso-ml-prod-sdc",
    )
    assert inputs["apiServerAccessProfile"] == {
        "enablePrivateCluster": True,
        "enablePrivateClusterPublicFQDN": False,
        "privateDNSZone": ZONE_ID,
    }
    assert (inputs["enableRBAC"], inputs["aadProfile"]) == (
        True,
        {"managed": True, "enableAzureRBAC": True},
    )
    # "Azure Machine Learning doesn't support disabling local accounts for AKS"
    # (how-to-deploy-kubernetes-extension, Limitations): kept on, reported by aks-local-accounts
    assert inputs["disableLocalAccounts"] is False
    assert inputs["networkProfile"] == {
        "networkPlugin": "azure",
        "networkPolicy": "azure",
        "loadBalancerSku": "standard",
        "serviceCidr": "172.16.0.0/16",
        "dnsServiceIP": "172.16.0.10",
    }
    assert {p["vnetSubnetID"] for p in inputs["agentPoolProfiles"]} == {SUBNET_ID}
    assert inputs["oidcIssuerProfile"] == {"enabled": True}
    assert inputs["securityProfile"]["workloadIdentity"] == {"enabled": True}
    assert inputs["autoUpgradeProfile"] == {
        "upgradeChannel": "stable",
        "nodeOSUpgradeChannel": "NodeImage",
    }
    identity = f"{SERVING_RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities"
    assert inputs["identity"] == {
        "type": "UserAssigned",
        "userAssignedIdentities": [f"{identity}/id-contoso-ml-prod-sdc-aks"],
    }
    kubelet = inputs["identityProfile"]["kubeletidentity"]
    assert kubelet["resourceId"] == f"{identity}/id-contoso-ml-prod-sdc-kubelet"
    assert cluster.ignore_changes == ("agentPoolProfiles[*].count",)  # the autoscaler's
    assert cluster.replace_on_changes == (
        "apiServerAccessProfile.enablePrivateCluster",
        "dnsPrefix",
        "networkProfile.networkPlugin",
    )


def test_production_adds_defender_policy_a_lock_and_protect(max_run: ProgramRun) -> None:
    cluster = one(max_run, MANAGED_CLUSTER)
    logs = (
        f"{SUB}/resourceGroups/rg-contoso-ml-prod-weu-hub/providers/"
        "Microsoft.OperationalInsights/workspaces/log-contoso-ml-prod-weu"
    )
    assert cluster.inputs["securityProfile"]["defender"] == {
        "logAnalyticsWorkspaceResourceId": logs,
        "securityMonitoring": {"enabled": True},
    }
    assert cluster.inputs["addonProfiles"] == {"azurepolicy": {"enabled": True}}
    assert (cluster.protect, cluster.inputs["sku"]["tier"]) == (True, "Standard")
    lock = one(max_run, "azure-native:authorization:ManagementLockByScope", "hub-serving-aks-lock")
    assert (lock.inputs["scope"], lock.inputs["level"]) == (CLUSTER_ID, "CanNotDelete")
    diag = one(max_run, "azure-native:monitor:DiagnosticSetting", "hub-serving-aks-diag")
    assert (diag.inputs["resourceUri"], diag.inputs["workspaceId"]) == (CLUSTER_ID, logs)


def test_autoscale_bounds_follow_the_environment(max_run: ProgramRun) -> None:
    """Seed 003: production serving autoscales min 2 max 10; an inference cluster's default
    node count is 3 (at least 1). dev serves on one node per pool, up to 3."""
    assert pools(max_run) == {("system", "System", 3, 5, True), ("user", "User", 2, 10, True)}
    dev = run_stack("dev", dev_serving_config())
    assert pools(dev) == {("system", "System", 1, 3, True), ("user", "User", 1, 3, True)}
    cluster = one(dev, MANAGED_CLUSTER)
    assert (cluster.inputs["sku"]["tier"], cluster.protect) == ("Free", False)
    assert "defender" not in cluster.inputs["securityProfile"]
    assert cluster.inputs["addonProfiles"] == {"azurepolicy": {"enabled": False}}
    assert cluster.inputs["location"] == "westeurope"  # no serving region: the stack's own


def test_the_extension_serves_inference_only_behind_an_internal_load_balancer(
    max_run: ProgramRun,
) -> None:
    extension = one(max_run, KUBERNETES_EXTENSION)
    inputs = extension.inputs
    assert (inputs["extensionType"], inputs["clusterRp"], inputs["clusterResourceName"]) == (
        "microsoft.azureml.kubernetes",
        "Microsoft.ContainerService",
        "managedClusters",
    )
    assert inputs["clusterName"] == "aks-contoso-ml-prod-sdc"
    assert inputs["configurationSettings"] == {
        "enableTraining": "False",
        "enableInference": "True",
        "inferenceRouterServiceType": "LoadBalancer",
        "internalLoadBalancerProvider": "azure",
        "allowInsecureConnections": "False",
        "inferenceRouterHA": "True",
        "sslSecret": "azureml-fe-tls",
        "sslCname": "scoring.swc.contoso.internal",
    }
    assert one(max_run, MANAGED_CLUSTER).urn in extension.property_dependencies["clusterName"]


def test_the_cluster_is_attached_by_id_as_a_kubernetes_compute(max_run: ProgramRun) -> None:
    attach = one(max_run, ML_COMPUTE, "hub-serving-attach-aks-inference")
    assert attach.inputs["workspaceName"] == "mlw-contoso-pricing-prod"
    assert attach.inputs["location"] == "westeurope"  # the workspace stays where it trains
    assert attach.inputs["properties"] == {
        "computeType": "Kubernetes",
        "resourceId": CLUSTER_ID,
        "computeLocation": "swedencentral",
        "disableLocalAuth": True,
        "properties": {
            "namespace": "default",
            "instanceTypes": {
                "cpu-small": {
                    "resources": {
                        "requests": {"cpu": "1", "memory": "2Gi"},
                        "limits": {"cpu": "1", "memory": "2Gi"},
                    }
                }
            },
            "defaultInstanceType": "cpu-small",
        },
    }
    assert attach.replace_on_changes == ("properties.resourceId", "properties.properties.namespace")
    extension = one(max_run, KUBERNETES_EXTENSION).urn
    assert extension in attach.dependencies  # the extension is installed before the attach


def _grants(run: ProgramRun, prefix: str) -> set[tuple[str, str, str]]:
    guid = {v: k for k, v in ROLE_GUIDS.items()}
    return {
        (
            guid[r.inputs["roleDefinitionId"].rsplit("/", 1)[-1]],
            r.inputs["scope"],
            r.inputs["principalType"],
        )
        for r in of_type(run, RA)
        if r.name.startswith(prefix)
    }


def test_the_roles_are_exactly_what_aks_and_the_attach_need(max_run: ProgramRun) -> None:
    """The cluster's identity: Network Contributor on its subnet, Private DNS Zone Contributor on
    its zone, Managed Identity Operator on its kubelet identity (AKS private clusters with a
    custom zone; a pre-created kubelet identity); the workspace's identity: the attach's three
    roles on the cluster. No Owner anywhere."""
    kubelet = (
        f"{SERVING_RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/"
        "id-contoso-ml-prod-sdc-kubelet"
    )
    assert _grants(max_run, "hub-serving-aks-id") == {
        ("Network Contributor", SUBNET_ID, "ServicePrincipal"),
        ("Private DNS Zone Contributor", ZONE_ID, "ServicePrincipal"),
        ("Managed Identity Operator", kubelet, "ServicePrincipal"),
    }
    assert _grants(max_run, "hub-serving-attach") == {
        ("Reader", CLUSTER_ID, "ServicePrincipal"),
        ("Kubernetes Extension Contributor", CLUSTER_ID, "ServicePrincipal"),
        ("Azure Kubernetes Service Cluster Admin Role", CLUSTER_ID, "ServicePrincipal"),
    }
    assert ROLE_GUIDS["Network Contributor"] == "4d97b98b-1d4f-4787-a291-c67834d212e7"
    assert ROLE_GUIDS["Private DNS Zone Contributor"] == "b12aa53e-6015-4669-85d0-8515ebb3ae7f"
    assert ROLE_GUIDS["Managed Identity Operator"] == "f1a07417-d97a-45cb-824c-7a7467783830"


def test_the_endpoint_is_a_keyless_shell_its_alerts_target(max_run: ProgramRun) -> None:
    endpoint = one(max_run, ML_ONLINE_ENDPOINT)
    inputs = endpoint.inputs
    assert (inputs["endpointName"], inputs["workspaceName"], inputs["kind"]) == (
        "scoring",
        "mlw-contoso-pricing-prod",
        "Kubernetes",
    )
    assert inputs["properties"]["authMode"] == "AMLToken"  # never Key
    assert inputs["properties"]["compute"] == f"{WORKSPACE}/computes/aks-inference"
    assert inputs["identity"] == {"type": "SystemAssigned"}
    # deployments and their traffic split belong to the product team's pipeline: never set
    # here, and a later `pulumi up` keeps what the pipeline set
    assert "traffic" not in inputs["properties"]
    assert endpoint.ignore_changes == ("properties.traffic", "properties.mirrorTraffic")
    alert = "hub-dlz-pricing-endpoint-scoring"
    latency = one(max_run, "azure-native:monitor:MetricAlert", f"{alert}-latency")
    assert latency.inputs["scopes"] == [f"{WORKSPACE}/onlineEndpoints/scoring"]
    assert endpoint.urn in latency.property_dependencies["scopes"]
    diag = one(max_run, "azure-native:monitor:DiagnosticSetting", "hub-endpoint-scoring-diag")
    assert diag.inputs["resourceUri"] == f"{WORKSPACE}/onlineEndpoints/scoring"
    assert diag.inputs["logs"] == [{"categoryGroup": "allLogs", "enabled": True}]
    errors = one(max_run, "azure-native:monitor:ScheduledQueryRule", f"{alert}-errors")
    assert 'EndpointName =~ "scoring"' in errors.inputs["criteria"]["allOf"][0]["query"]


def test_a_managed_endpoint_takes_entra_tokens_and_no_public_access() -> None:
    config = changed(dev_serving_config(), f"{INFERENCE}.endpoints.scoring.compute", "managed")
    endpoint = one(run_stack("dev", config), ML_ONLINE_ENDPOINT).inputs
    assert (endpoint["kind"], endpoint["properties"]["authMode"]) == ("Managed", "AADToken")
    assert endpoint["properties"]["publicNetworkAccess"] == "Disabled"
    assert "compute" not in endpoint["properties"]


def _kubelet_pull(run: ProgramRun) -> tuple[str, str, str, str]:
    (grant,) = [r for r in of_type(run, RA) if r.name.startswith("hub-serving-kubelet")]
    inputs = grant.inputs
    return (
        inputs["principalId"],
        inputs["roleDefinitionId"].rsplit("/", 1)[-1],
        inputs["scope"],
        inputs["principalType"],
    )


def test_the_kubelet_identity_pulls_from_the_served_workspaces_registry(
    max_run: ProgramRun,
) -> None:
    """AcrPull (and nothing else) for the identity the nodes run as, read from the cluster's
    identityProfile, on the container registry of the workspace the cluster is attached to."""
    cluster = one(max_run, MANAGED_CLUSTER)
    kubelet = cluster.inputs["identityProfile"]["kubeletidentity"]
    assert kubelet["resourceId"] == (
        f"{SERVING_RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/"
        "id-contoso-ml-prod-sdc-kubelet"
    )
    workspace = next(
        r
        for r in of_type(max_run, "azure-native:machinelearningservices:Workspace")
        if r.inputs.get("workspaceName") == "mlw-contoso-pricing-prod"
    )
    registry = workspace.inputs["containerRegistry"]
    assert registry.startswith(f"{PRICING_RG}/providers/Microsoft.ContainerRegistry/registries/")
    assert _kubelet_pull(max_run) == (
        kubelet["objectId"],
        "7f951dda-4ed3-4680-a7ca-43fe172d538d",  # AcrPull
        registry,
        "ServicePrincipal",
    )
    (grant,) = [r for r in of_type(max_run, RA) if r.name.startswith("hub-serving-kubelet")]
    assert grant.property_dependencies["principalId"] == (cluster.urn,)


# Azure built-in roles, Containers:
# https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers
CLUSTER_USER = "4abbcc35-e782-43d8-92c5-2d3f1bd2253f"  # Azure Kubernetes Service Cluster User Role
RBAC_READER = "7f6c6a51-bcf8-42ba-9220-52d62157d7db"  # Azure Kubernetes Service RBAC Reader
RBAC_CLUSTER_ADMIN = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b"  # ... RBAC Cluster Admin


def _group_grants(run: ProgramRun) -> set[tuple[str, str, str]]:
    """(principal, role GUID, scope) of every grant to a group on a serving resource."""
    return {
        (
            r.inputs["principalId"],
            r.inputs["roleDefinitionId"].rsplit("/", 1)[-1],
            r.inputs["scope"],
        )
        for r in of_type(run, RA)
        if r.inputs["principalType"] == "Group" and "serving" in r.inputs["scope"]
    }


def test_prod_operators_read_the_cluster_and_fetch_its_kubeconfig(max_run: ProgramRun) -> None:
    """The scenario's clusterAccess in prod: platformAdmins and operations read; mlEngineers'
    test-only cell gives nothing here. On the cluster only."""
    platform, operations = (
        "7a1e3c5d-2b4f-4e6a-8c9d-0e1f2a3b4c5d",
        "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5e",
    )
    assert _group_grants(max_run) == {
        (platform, CLUSTER_USER, CLUSTER_ID),
        (platform, RBAC_READER, CLUSTER_ID),
        (operations, CLUSTER_USER, CLUSTER_ID),
        (operations, RBAC_READER, CLUSTER_ID),
    }


def test_dev_operators_administer_the_cluster() -> None:
    """In dev the same matrix makes platformAdmins cluster admins (through Azure RBAC, never
    the local admin credentials) and mlEngineers readers."""
    access = {
        "platformAdmins": {"dev": "admin", "prod": "reader"},
        "mlEngineers": {"dev": "reader"},
        "operations": {"prod": "reader"},  # no group of dev's, and no dev cell: nothing
    }
    config = changed(dev_serving_config(), f"{INFERENCE}.clusterAccess", access)
    run = run_stack("dev", config)
    cluster = (
        f"{SUB}/resourceGroups/rg-contoso-ml-dev-weu-serving/providers/"
        "Microsoft.ContainerService/managedClusters/aks-contoso-ml-dev-weu"
    )
    platform, engineers = (
        "0b7a3c1e-5d2f-4a8b-9c6d-1e2f3a4b5c6d",
        "2d9c5e3a-7f4b-4cad-9e8f-3a4b5c6d7e8f",
    )
    assert _group_grants(run) == {
        (platform, CLUSTER_USER, cluster),
        (platform, RBAC_CLUSTER_ADMIN, cluster),
        (engineers, CLUSTER_USER, cluster),
        (engineers, RBAC_READER, cluster),
    }
    demand_rg = f"{SUB}/resourceGroups/rg-contoso-demand-dev-weu-dp/providers/"
    assert _kubelet_pull(run)[1:3] == (
        "7f951dda-4ed3-4680-a7ca-43fe172d538d",
        next(
            r.inputs["containerRegistry"]
            for r in of_type(run, "azure-native:machinelearningservices:Workspace")
            if r.inputs.get("workspaceName") == "mlw-contoso-demand-dev"
        ),
    )
    assert _kubelet_pull(run)[2].startswith(f"{demand_rg}Microsoft.ContainerRegistry/")


@pytest.mark.parametrize("stack", ["dev", "test", "prod"])
def test_shipped_stacks_do_not_serve(stack: str) -> None:
    """Off unless configured: the shipped stacks' plans stay as they were."""
    run = run_stack(stack)
    for token in (MANAGED_CLUSTER, KUBERNETES_EXTENSION, ML_ONLINE_ENDPOINT):
        assert of_type(run, token) == []


def _error(values: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(values, namespace=NAMESPACE, stack="dev")
    return str(caught.value)


def _dev_values(path: str | None = None, value: Any = None) -> dict[str, Any]:
    values = changed(stack_values("dev"), "dataProducts[0].kind", "default")
    values = changed(values, "dataLandingZone.monitoring", {"private": False})
    values = changed(values, "inference", DEV_INFERENCE)
    return values if path is None else changed(values, path, value)


@pytest.mark.parametrize(
    ("case", "path", "value", "line"),
    [
        (
            "serving region without a network",
            "inference.subnetId",
            None,
            "aml-landing-zone:inference.subnetId: missing: the serving region 'westeurope' needs "
            "a network for the cluster: the id of a subnet of its spoke (Azure CNI) [LZ-CFG-002]",
        ),
        (
            "min above max",
            "inference.userPool",
            {"minCount": 4, "maxCount": 2},
            "aml-landing-zone:inference.userPool.minCount: 4 is above maxCount 2 [LZ-CFG-007]",
        ),
        (
            "min above the environment's default max",
            "inference.systemPool",
            {"minCount": 5},
            "aml-landing-zone:inference.systemPool.minCount: 5 is above maxCount 3 [LZ-CFG-007]",
        ),
        (
            "min below 1",
            "inference.userPool",
            {"minCount": 0},
            "aml-landing-zone:inference.userPool.minCount: must be at least 1 (got 0) [LZ-CFG-005]",
        ),
        (
            "a compute name the workspace already has",
            "inference.computeName",
            "ci-demand-alice",
            "aml-landing-zone:inference.computeName: the workspace of 'demand' already has a "
            "compute named 'ci-demand-alice' (dataProducts computes) [LZ-CFG-010]",
        ),
        (
            "cluster access in an environment the estate does not have",
            "inference.clusterAccess",
            {"platformAdmins": {"dev": "admin", "staging": "reader"}},
            "aml-landing-zone:inference.clusterAccess.platformAdmins.staging: 'staging' is not "
            "an environment of the estate (dev, test, prod) [LZ-CFG-006]",
        ),
        (
            "cluster access for a group this stack does not define",
            "inference.clusterAccess",
            {"operations": {"dev": "reader"}},
            "aml-landing-zone:inference.clusterAccess.operations: group alias 'operations' has "
            "cluster access in dev but this stack defines no such group; add it under 'groups' "
            "[LZ-CFG-006]",
        ),
        (
            "not a Default product",
            "inference.workspace",
            "fraud",
            "aml-landing-zone:inference.workspace: 'fraud' is not a data product of kind "
            "default in this stack (those: demand) [LZ-CFG-006]",
        ),
    ],
)
def test_config_errors_name_the_file_and_key(case: str, path: str, value: Any, line: str) -> None:
    values = _dev_values(path, value)
    if value is None:
        values["inference"].pop("subnetId")
    message = _error(values)
    assert message.startswith("Pulumi.dev.yaml: invalid configuration (1 problem):"), case
    assert message.splitlines()[1].strip() == line, case


def test_valid_serving_config_parses() -> None:
    parse_stack_config(_dev_values(), namespace=NAMESPACE, stack="dev")


# --- The pack: one compliant baseline (the scenario's cluster), one changed property per rule --


def _cluster_inputs(max_run: ProgramRun) -> dict[str, Any]:
    return dict(one(max_run, MANAGED_CLUSTER).inputs)


def _findings(inputs: dict[str, Any], preset: str = "prod") -> set[tuple[str, str]]:
    result = evaluate_one(MANAGED_CLUSTER, inputs, PRESETS / f"{preset}.json")
    return {(v.policy, v.enforcement) for v in result.violations if v.policy.startswith("aks-")}


def test_the_scenario_passes_the_prod_preset_and_reports_local_accounts(
    max_run: ProgramRun,
) -> None:
    result = evaluate(max_run, PRESETS / "prod.json")
    assert [v for v in result.violations if v.enforcement == "mandatory"] == []
    cluster = one(max_run, MANAGED_CLUSTER).urn
    assert {(v.policy, v.enforcement) for v in result.violations if v.urn == cluster} == {
        ("aks-local-accounts", "advisory")
    }
    attach = one(max_run, ML_COMPUTE, "hub-serving-attach-aks-inference").urn
    assert [v.policy for v in result.violations if v.urn == attach] == []


@pytest.mark.parametrize(
    ("case", "change", "expected"),
    [
        ("public API server", {"apiServerAccessProfile": {"enablePrivateCluster": False}},
         ("aks-private-cluster", "mandatory")),
        ("no Azure RBAC", {"aadProfile": {"managed": True, "enableAzureRBAC": False}},
         ("aks-entra-rbac", "mandatory")),
        ("Kubernetes RBAC off", {"enableRBAC": False}, ("aks-entra-rbac", "mandatory")),
    ],
)  # fmt: skip
def test_each_hardening_rule_flags_its_one_changed_property(
    max_run: ProgramRun, case: str, change: dict[str, Any], expected: tuple[str, str]
) -> None:
    baseline = _cluster_inputs(max_run)
    alone = {("aks-diagnostics", "mandatory")}  # a cluster alone has no diagnostic setting
    assert _findings(baseline) - alone == {("aks-local-accounts", "advisory")}, case
    assert _findings({**baseline, **change}) - _findings(baseline) == {expected}, case


def test_autoscale_bounds_are_judged_per_environment(max_run: ProgramRun) -> None:
    baseline = _cluster_inputs(max_run)
    pools_ = baseline["agentPoolProfiles"]
    one_node = [{**pools_[0]}, {**pools_[1], "minCount": 1}]
    assert ("aks-autoscale", "mandatory") not in _findings(baseline)
    assert ("aks-autoscale", "mandatory") in _findings({**baseline, "agentPoolProfiles": one_node})
    # dev allows one node, but caps pools at 5: the production pool of 10 is over it
    assert ("aks-autoscale", "mandatory") in _findings(baseline, "dev")
    fixed = [{**pools_[0], "enableAutoScaling": False}, pools_[1]]
    assert ("aks-autoscale", "mandatory") in _findings({**baseline, "agentPoolProfiles": fixed})


def test_a_cluster_without_a_diagnostic_setting_is_flagged(max_run: ProgramRun) -> None:
    assert ("aks-diagnostics", "mandatory") in _findings(_cluster_inputs(max_run))
    assert ("aks-local-accounts", "advisory") not in _findings(
        {**_cluster_inputs(max_run), "disableLocalAccounts": True}
    )


def test_with_dns_left_to_policy_aks_keeps_its_own_zone() -> None:
    """DNS mode none (zones in the connectivity subscription, records by Azure Policy): the
    landing zone neither creates nor grants a zone; AKS keeps its own ("system")."""
    config = changed(dev_serving_config(), f"{NAMESPACE}:network.dns", {"mode": "none"})
    run = run_stack("dev", config)
    api = one(run, MANAGED_CLUSTER).inputs["apiServerAccessProfile"]
    assert api["privateDNSZone"] == "system"
    zones = [
        r.inputs["privateZoneName"] for r in of_type(run, "azure-native:privatedns:PrivateZone")
    ]
    assert [zone for zone in zones if "azmk8s" in zone] == []
    assert {role for role, _, _ in _grants(run, "hub-serving-aks-id")} == {
        "Network Contributor",
        "Managed Identity Operator",
    }


def test_dns_mode_existing_takes_the_clusters_zone_id() -> None:
    """Mode existing: the zone id is given like the endpoints' zones, and required."""
    values = _dev_values("network.dns", {"mode": "existing", "zoneIds": {}})
    message = _error(values)
    assert (
        "aml-landing-zone:network.dns.zoneIds: missing: mode 'existing' needs the id of the "
        "private DNS zone 'privatelink.westeurope.azmk8s.io' (the inference cluster's API "
        "server) [LZ-CFG-002]" in message
    )
    zone = f"{SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/"
    given = {"privatelink.westeurope.azmk8s.io": zone + "privatelink.westeurope.azmk8s.io"}
    with_zone = _error(changed(values, "network.dns.zoneIds", given))
    assert "azmk8s" not in with_zone  # only the endpoints' own zones are still missing
