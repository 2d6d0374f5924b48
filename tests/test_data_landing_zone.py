"""Data products in a data landing zone: identity-based datastores on the lakes with the role
each access level asks for, connections, computes that are private, keyless and wait for the
workspace's private endpoint, and a Default workspace composed of the hardened blocks."""

from __future__ import annotations

import copy
from dataclasses import replace as dc_replace
from typing import Any

import pytest
from aml_landing_zone.naming import Naming
from aml_landing_zone.offline.model import ProgramRun, RecordedResource
from aml_landing_zone.offline.policy_run import evaluate

from tests.conftest import of_type, one, run_stack
from tests.facts import ROLE_GUIDS
from tests.network.scenarios import REGISTRY_RULES
from tests.stack_values import DELETE, ROOT, changed, stack_config

WS = "azure-native:machinelearningservices:Workspace"
DS = "azure-native:machinelearningservices:Datastore"
COMPUTE = "azure-native:machinelearningservices:Compute"
CONN = "azure-native:machinelearningservices:WorkspaceConnection"
RA = "azure-native:authorization:RoleAssignment"
PE = "azure-native:network:PrivateEndpoint"
UAI = "azure-native:managedidentity:UserAssignedIdentity"
RG = "azure-native:resources:ResourceGroup"
NS = "aml-landing-zone"
DEV_LAKE = (
    "/subscriptions/5f2c7b1e-3a4d-4e8f-9b6c-0d1e2f3a4b5c/resourceGroups/"
    "rg-contoso-dlz01-dev-weu-storage/providers/Microsoft.Storage/storageAccounts/"
    "stcontosodlz01devlake"
)
DATA_SCIENTISTS = "1c8b4d2f-6e3a-4b9c-8d7e-2f3a4b5c6d7e"
AKS = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-aks-dev/"
    "providers/Microsoft.ContainerService/managedClusters/aks-contoso-inference-dev"
)


DATABRICKS = (
    "/subscriptions/5f2c7b1e-3a4d-4e8f-9b6c-0d1e2f3a4b5c/resourceGroups/"
    "rg-contoso-dlz01-dev-weu-shared/providers/Microsoft.Databricks/workspaces/"
    "dbw-contoso-dlz01-dev-weu"
)


NORDIC_LAKE = (
    "/subscriptions/5f2c7b1e-3a4d-4e8f-9b6c-0d1e2f3a4b5c/resourceGroups/"
    "rg-contoso-dlz02-dev-sdc-storage/providers/Microsoft.Storage/storageAccounts/"
    "stcontosodlz02devlake"
)


def role_guid(assignment: RecordedResource) -> str:
    return assignment.inputs["roleDefinitionId"].rsplit("/", 1)[1]


def default_products_config() -> dict[str, Any]:
    """The dev stack with two Default products: one in a managed network with a cluster and an
    attached AKS cluster, one whose computes join the landing zone's subnet."""
    config = copy.deepcopy(stack_config("dev"))
    product = config[f"{NS}:dataProducts"][0]
    product["kind"] = "default"
    product["computes"]["clusters"] = {"cpu-cluster": {"maxNodes": 4, "lowPriority": True}}
    product["computes"]["aksAttach"] = {"aks-inference": {"resourceId": AKS}}
    config[f"{NS}:dataProducts"].append(
        {
            "name": "churnlab",
            "isolationMode": "Disabled",
            "datastores": {
                "raw": {"lake": "dev", "fileSystem": "raw"},
                "nordic_raw": {"lake": "nordic", "fileSystem": "raw"},
            },
            "computes": {"instances": {"ci-churn-bob": {"assignedUser": DATA_SCIENTISTS}}},
            # the same group as the first product, reading the same file system (dev/raw)
            "groups": {"dataScientist": "dataScientists"},
        }
    )
    # storage in another region, attached as a datastore (seed 002, regional training)
    config[f"{NS}:dataLandingZone"]["lakes"]["nordic"] = {
        "storageAccountId": NORDIC_LAKE,
        "fileSystems": ["raw"],
        "location": "swedencentral",
    }
    config[f"{NS}:dataLandingZone"]["monitoring"] = {"private": False}
    subnet = config[f"{NS}:dataLandingZone"]["subnetId"]
    config[f"{NS}:hub"]["serverlessCompute"] = {"subnetId": subnet}
    config[f"{NS}:dataLandingZone"]["databricksWorkspaceId"] = DATABRICKS
    return config


@pytest.fixture(scope="module")
def defaults() -> ProgramRun:
    return run_stack("dev", default_products_config())


# -- datastores and lake access (the shipped dev stack: a project product) ---------------------


def test_datastores_are_identity_based_adls_gen2_on_the_lake_file_systems(
    dev_run: ProgramRun,
) -> None:
    stores = {r.inputs["name"]: r.inputs for r in of_type(dev_run, DS)}
    assert sorted(stores) == ["raw", "workspace"]  # no production data in dev (landing-zone.yaml)
    raw = stores["raw"]["properties"]
    assert raw["datastoreType"] == "AzureDataLakeGen2"
    assert raw["credentials"] == {"credentialsType": "None"}  # nothing stored
    assert (raw["accountName"], raw["filesystem"]) == ("stcontosodlz01devlake", "raw")
    assert raw["resourceGroup"] == "rg-contoso-dlz01-dev-weu-storage"
    assert raw["serviceDataAccessAuthIdentity"] == "WorkspaceUserAssignedIdentity"
    assert stores["raw"]["workspaceName"] == "proj-contoso-demand-dev"


def test_each_file_system_gets_the_blob_role_its_access_asks_for(dev_run: ProgramRun) -> None:
    identity = one(dev_run, UAI, "hub-dlz-demand-id")
    lake_grants = [r for r in of_type(dev_run, RA) if r.name.startswith("hub-dlz-demand-lake-")]
    granted = {
        (r.inputs["scope"], role_guid(r))
        for r in lake_grants
        if r.property_dependencies.get("principalId") == (identity.urn,)
    }
    containers = "/blobServices/default/containers/"
    assert granted == {
        (f"{DEV_LAKE}{containers}raw", ROLE_GUIDS["Storage Blob Data Reader"]),
        (f"{DEV_LAKE}{containers}workspace", ROLE_GUIDS["Storage Blob Data Contributor"]),
    }
    for assignment in lake_grants:
        assert assignment.inputs["roleDefinitionId"].startswith(
            "/subscriptions/" + assignment.inputs["scope"].split("/")[2]
        )
    # the groups get the same access (data scientists and ML engineers)
    groups = {
        (r.inputs["principalId"], r.inputs["scope"].rsplit("/", 1)[1], role_guid(r))
        for r in lake_grants
        if r.inputs.get("principalType") == "Group"
    }
    engineers = "2d9c5e3a-7f4b-4cad-9e8f-3a4b5c6d7e8f"
    assert groups == {
        (group, file_system, ROLE_GUIDS[role])
        for group in (DATA_SCIENTISTS, engineers)
        for file_system, role in (
            ("workspace", "Storage Blob Data Contributor"),
            ("raw", "Storage Blob Data Reader"),
        )
    }


def test_products_sharing_a_group_and_a_file_system_grant_it_once(defaults: ProgramRun) -> None:
    """Both products give data scientists read access to dev/raw: one assignment, held by the
    first product by key (so the shipped stacks' names stay), the other's name an alias. ARM
    refuses a second assignment of a role to a principal on a scope, and one name on one scope
    is one assignment."""
    assignments = [r.inputs for r in of_type(defaults, RA)]
    triples = [(a["scope"], a["principalId"], role_guid_of(a)) for a in assignments]
    assert len(triples) == len(set(triples))
    names = [(a["scope"], a["roleAssignmentName"]) for a in assignments]
    assert len(names) == len(set(names))
    raw = f"{DEV_LAKE}/blobServices/default/containers/raw"
    readers = [
        r for r in of_type(defaults, RA)
        if r.inputs["scope"] == raw and r.inputs["principalId"] == DATA_SCIENTISTS
    ]  # fmt: skip
    assert [(r.name, role_guid(r), r.aliases) for r in readers] == [
        (
            "hub-dlz-churnlab-lake-ra-1b0b5092",
            "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
            ({"name": "hub-dlz-demand-lake-ra-1b0b5092"},),  # kept when churnlab goes
        )
    ]


def role_guid_of(inputs: dict[str, Any]) -> str:
    return str(inputs["roleDefinitionId"]).rsplit("/", 1)[1]


def test_project_product_has_its_own_group_identity_and_roles(dev_run: ProgramRun) -> None:
    project = one(dev_run, WS, "hub-dlz-demand-ws").inputs
    assert project["kind"] == "Project"
    assert project["resourceGroupName"] == "rg-contoso-demand-dev-weu-dp"
    identity_id = one(dev_run, UAI, "hub-dlz-demand-id")
    assert project["identity"]["type"] == "UserAssigned"
    assert project["primaryUserAssignedIdentity"].endswith("/id-contoso-demand-dev-weu-ws")
    assert identity_id.inputs["resourceGroupName"] == "rg-contoso-demand-dev-weu-dp"
    members = {
        (r.inputs["principalId"], role_guid(r))
        for r in of_type(dev_run, RA)
        if r.inputs["scope"].endswith("/workspaces/proj-contoso-demand-dev")
        and r.inputs.get("principalType") == "Group"
    }
    engineers = "2d9c5e3a-7f4b-4cad-9e8f-3a4b5c6d7e8f"
    assert members == {
        (DATA_SCIENTISTS, ROLE_GUIDS["AzureML Data Scientist"]),
        (engineers, ROLE_GUIDS["AzureML Data Scientist"]),
        (engineers, ROLE_GUIDS["AzureML Compute Operator"]),
    }


def test_hub_shares_one_lake_connection_per_lake_with_all_projects(dev_run: ProgramRun) -> None:
    shared = {r.inputs["connectionName"]: r.inputs for r in of_type(dev_run, CONN)}
    lake = shared["lake-dev"]
    assert lake["workspaceName"] == "hub-contoso-ml-dev-weu"
    assert lake["properties"] == {
        "authType": "AAD",
        "category": "ADLSGen2",
        "target": "https://stcontosodlz01devlake.dfs.core.windows.net/",
        "isSharedToAll": True,
        "metadata": {"ResourceId": DEV_LAKE},
    }
    synapse = shared["synapse"]
    assert synapse["workspaceName"] == "proj-contoso-demand-dev"
    assert synapse["properties"]["authType"] == "AAD"
    assert synapse["properties"]["category"] == "AzureSynapseAnalytics"
    assert synapse["properties"]["target"].endswith("/workspaces/syn-contoso-dlz01-dev-weu")


def test_every_product_connects_the_landing_zones_databricks(defaults: ProgramRun) -> None:
    databricks = {
        r.inputs["workspaceName"]: r.inputs["properties"]
        for r in of_type(defaults, CONN)
        if r.inputs["connectionName"] == "databricks"
    }
    assert sorted(databricks) == ["mlw-contoso-churnlab-dev", "mlw-contoso-demand-dev"]
    for properties in databricks.values():
        assert properties == {
            "authType": "AAD",
            "category": "Databricks",
            "target": DATABRICKS,
            "metadata": {"ResourceId": DATABRICKS},
        }


# -- the hub's managed network reaches its project products' lakes ------------------------------

TEST_LAKE = (
    "/subscriptions/6b4e0d3a-5c6f-4a7b-9d8e-2f3a4b5c6d7e/resourceGroups/"
    "rg-contoso-dlz01-test-weu-storage/providers/Microsoft.Storage/storageAccounts/"
    "stcontosodlz01testlake"
)
PROD_LAKE = (
    "/subscriptions/8a3d9c2f-4b5e-4f6a-8c7d-1e2f3a4b5c6d/resourceGroups/"
    "rg-contoso-dlz01-prod-weu-storage/providers/Microsoft.Storage/storageAccounts/"
    "stcontosodlz01prodlake"
)
APPROVER = "b556d68e-0be0-4f35-a333-ad7ee1ce17ea"


def lake_rule(lake: str, sub: str) -> dict[str, Any]:
    return {
        "type": "PrivateEndpoint",
        "category": "UserDefined",
        "destination": {"serviceResourceId": lake, "subresourceTarget": sub, "sparkEnabled": False},
    }


def test_an_approved_outbound_hub_reaches_each_lake_its_project_products_read() -> None:
    """test's hub allows approved outbound only; its project product reads the test lake and
    the production lake (read only): a private-endpoint rule to each, blob and dfs, beside the
    hub's own rules, and its identity approves them before the hub exists."""
    run = run_stack("test")
    hub = one(run, WS, "hub-hub")
    assert hub.inputs["managedNetwork"]["outboundRules"] == {
        "pypi": {"type": "FQDN", "category": "UserDefined", "destination": "pypi.org"},
        "pypi-files": {
            "type": "FQDN",
            "category": "UserDefined",
            "destination": "files.pythonhosted.org",
        },
        "lake-test-blob": lake_rule(TEST_LAKE, "blob"),
        "lake-test-dfs": lake_rule(TEST_LAKE, "dfs"),
        "lake-prod-blob": lake_rule(PROD_LAKE, "blob"),
        "lake-prod-dfs": lake_rule(PROD_LAKE, "dfs"),
        **REGISTRY_RULES,  # the promotion registry's (tests/test_environments.py)
    }
    identity = one(run, UAI, "hub-id")
    approvers = [
        r for r in of_type(run, RA) if role_guid(r) == APPROVER and r.name.startswith("hub-id-")
    ]
    assert sorted(r.inputs["scope"] for r in approvers) == sorted([TEST_LAKE, PROD_LAKE])
    assert all(r.property_dependencies["principalId"] == (identity.urn,) for r in approvers)
    wait = one(run, "time:index/sleep:Sleep", "hub-rbac-wait")
    assert {r.urn for r in approvers} <= set(wait.dependencies)
    assert wait.urn in hub.dependencies


def test_a_lake_the_hub_already_reaches_gets_no_second_rule() -> None:
    config = copy.deepcopy(stack_config("test"))
    rules = config[f"{NS}:hub"]["managedNetwork"]["outboundRules"]
    rules["my-lake"] = {
        "type": "PrivateEndpoint",
        "serviceResourceId": TEST_LAKE,
        "subresourceTarget": "dfs",
    }
    hub = one(run_stack("test", config), WS, "hub-hub").inputs
    assert sorted(hub["managedNetwork"]["outboundRules"]) == [
        "lake-prod-blob",
        "lake-prod-dfs",
        "lake-test-blob",
        "ml-registry",
        "ml-registry-acr",
        "ml-registry-storage",
        "my-lake",  # reaches the test lake's dfs already
        "pypi",
        "pypi-files",
    ]


# -- computes ----------------------------------------------------------------------------------


def test_compute_instance_is_personal_private_and_keyless(dev_run: ProgramRun) -> None:
    instance = one(dev_run, COMPUTE, "hub-dlz-demand-ci-ci-demand-alice").inputs
    assert instance["computeName"] == "ci-demand-alice"
    assert instance["identity"]["type"] == "UserAssigned"
    props = instance["properties"]
    assert props["computeType"] == "ComputeInstance"
    assert props["disableLocalAuth"] is True
    inner = props["properties"]
    assert inner["vmSize"] == "Standard_DS11_v2"
    assert inner["enableNodePublicIp"] is False
    assert inner["idleTimeBeforeShutdown"] == "PT60M"
    assert inner["sshSettings"] == {"sshPublicAccess": "Disabled"}
    user = inner["personalComputeInstanceSettings"]["assignedUser"]
    assert user["objectId"] == "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7"
    assert "subnet" not in inner  # the hub's managed network


def test_project_computes_wait_for_the_hubs_private_endpoint(dev_run: ProgramRun) -> None:
    instance = one(dev_run, COMPUTE, "hub-dlz-demand-ci-ci-demand-alice")
    assert one(dev_run, PE, "hub-pep-hub").urn in instance.dependencies


def test_default_product_cluster_scales_to_zero_without_public_ip(defaults: ProgramRun) -> None:
    cluster = one(defaults, COMPUTE, "hub-dlz-demand-cc-cpu-cluster").inputs
    props = cluster["properties"]
    assert props["computeType"] == "AmlCompute"
    assert props["disableLocalAuth"] is True
    inner = props["properties"]
    assert inner["scaleSettings"] == {
        "minNodeCount": 0,
        "maxNodeCount": 4,
        "nodeIdleTimeBeforeScaleDown": "PT120S",
    }
    assert inner["vmPriority"] == "LowPriority"
    assert inner["enableNodePublicIp"] is False
    assert inner["remoteLoginPortPublicAccess"] == "Disabled"
    assert cluster["identity"]["userAssignedIdentities"][0].endswith(
        "/id-contoso-demand-dev-weu-ws"
    )


def test_aks_is_attached_as_a_kubernetes_compute_by_resource_id(defaults: ProgramRun) -> None:
    """The v2 route (Kubernetes compute, Azure ML extension on the cluster), not the legacy v1
    AKS type: the cluster's id and namespace, no creation settings, the product's identity."""
    aks = one(defaults, COMPUTE, "hub-dlz-demand-aks-aks-inference").inputs
    assert aks["properties"] == {
        "computeType": "Kubernetes",
        "resourceId": AKS,
        "computeLocation": "westeurope",
        "disableLocalAuth": True,
        "properties": {"namespace": "default"},
    }
    assert aks["identity"]["type"] == "UserAssigned"
    assert aks["identity"]["userAssignedIdentities"][0].endswith("/id-contoso-demand-dev-weu-ws")


def test_the_identity_holds_its_attach_roles_on_the_cluster_before_the_attach(
    defaults: ProgramRun,
) -> None:
    """A workspace with a user-assigned identity attaches a cluster only once that identity has
    Reader, Kubernetes Extension Contributor and Azure Kubernetes Service Cluster Admin Role on
    it (how-to-attach-kubernetes-to-workspace), propagated."""
    identity = one(defaults, UAI, "hub-dlz-demand-id")
    on_cluster = [r for r in of_type(defaults, RA) if r.inputs["scope"] == AKS]
    assert {(r.property_dependencies["principalId"], role_guid(r)) for r in on_cluster} == {
        ((identity.urn,), "acdd72a7-3385-48ef-bd42-f606fba81ae7"),
        ((identity.urn,), "85cb6faf-e071-4c9b-8136-154b5a04f717"),
        ((identity.urn,), "0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8"),
    }
    assert all(r.inputs["principalType"] == "ServicePrincipal" for r in on_cluster)
    wait = one(defaults, "time:index/sleep:Sleep", "hub-dlz-demand-aks-rbac-wait")
    assert {r.urn for r in on_cluster} <= set(wait.dependencies)
    attach = one(defaults, COMPUTE, "hub-dlz-demand-aks-aks-inference")
    assert wait.urn in attach.dependencies


def test_default_product_computes_wait_for_its_workspace_endpoint(defaults: ProgramRun) -> None:
    endpoint = one(defaults, PE, "hub-dlz-demand-pep-mlw")
    for compute in of_type(defaults, COMPUTE):
        if compute.name.startswith("hub-dlz-demand-"):
            assert endpoint.urn in compute.dependencies, compute.name


def test_computes_join_the_landing_zone_subnet_without_a_managed_network(
    defaults: ProgramRun,
) -> None:
    subnet = stack_config("dev")[f"{NS}:dataLandingZone"]["subnetId"]
    instance = one(defaults, COMPUTE, "hub-dlz-churnlab-ci-ci-churn-bob").inputs
    assert instance["properties"]["properties"]["subnet"] == {"id": subnet}
    workspace = one(defaults, WS, "hub-dlz-churnlab-mlw").inputs
    assert workspace["managedNetwork"] == {"isolationMode": "Disabled"}


def test_hub_serverless_compute_runs_in_the_subnet_without_public_ips(
    defaults: ProgramRun, dev_run: ProgramRun
) -> None:
    subnet = stack_config("dev")[f"{NS}:dataLandingZone"]["subnetId"]
    assert one(defaults, WS, "hub-hub").inputs["serverlessComputeSettings"] == {
        "serverlessComputeCustomSubnet": subnet,
        "serverlessComputeNoPublicIP": True,
    }
    assert "serverlessComputeSettings" not in one(dev_run, WS, "hub-hub").inputs  # Azure's


# -- the Default workspace ---------------------------------------------------------------------


def test_default_workspace_is_composed_of_the_hardened_blocks(defaults: ProgramRun) -> None:
    workspace = one(defaults, WS, "hub-dlz-demand-mlw").inputs
    assert workspace["kind"] == "Default"
    assert workspace["workspaceName"] == "mlw-contoso-demand-dev"
    assert workspace["resourceGroupName"] == "rg-contoso-demand-dev-weu-dp"
    assert workspace["publicNetworkAccess"] == "Disabled"
    assert workspace["systemDatastoresAuthMode"] == "Identity"
    assert workspace["imageBuildCompute"] == "cpu-cluster"  # its registry is private
    for key, token, suffix, name_input in (
        ("storageAccount", "azure-native:storage:StorageAccount", "st", "accountName"),
        ("keyVault", "azure-native:keyvault:Vault", "kv", "vaultName"),
        ("containerRegistry", "azure-native:containerregistry:Registry", "cr", "registryName"),
    ):
        own = one(defaults, token, f"hub-dlz-demand-{suffix}").inputs
        assert own["resourceGroupName"] == "rg-contoso-demand-dev-weu-dp"
        assert workspace[key].endswith("/" + own[name_input]), key
    storage = one(defaults, "azure-native:storage:StorageAccount", "hub-dlz-demand-st").inputs
    assert storage["allowSharedKeyAccess"] is False
    assert storage["isHnsEnabled"] is False
    # the lakes it uses are reached from its managed network through private endpoints
    rules = workspace["managedNetwork"]["outboundRules"]
    assert {name: rule["destination"]["subresourceTarget"] for name, rule in rules.items()} == {
        "lake-dev-blob": "blob",
        "lake-dev-dfs": "dfs",
    }


def test_a_default_products_managed_network_is_provisioned_before_its_computes(
    defaults: ProgramRun,
) -> None:
    """provisionNetworkNow: the network (and its lake endpoints) is provisioned with the
    workspace, not by the first compute racing it (pulumi-azure-native #3212); the identity
    already holds the approver role on the lake the rules target. A product without a managed
    network has nothing to provision."""
    demand = one(defaults, WS, "hub-dlz-demand-mlw")
    assert demand.inputs["provisionNetworkNow"] is True
    assert one(defaults, WS, "hub-dlz-churnlab-mlw").inputs["provisionNetworkNow"] is False
    approver = {
        r.urn
        for r in of_type(defaults, RA)
        if r.inputs["scope"] == DEV_LAKE
        and role_guid(r) == "b556d68e-0be0-4f35-a333-ad7ee1ce17ea"
        and r.name.startswith("hub-dlz-demand-")
    }
    assert len(approver) == 1
    wait = one(defaults, "time:index/sleep:Sleep", "hub-dlz-demand-rbac-wait")
    assert approver <= set(wait.dependencies) and wait.urn in demand.dependencies


def test_default_workspace_endpoints_go_into_the_landing_zone_subnet(defaults: ProgramRun) -> None:
    subnet = stack_config("dev")[f"{NS}:dataLandingZone"]["subnetId"]
    endpoints = [r for r in of_type(defaults, PE) if r.name.startswith("hub-dlz-demand-")]
    assert sorted(e.name.rsplit("-pep-", 1)[1] for e in endpoints) == [
        "cr",
        "kv",
        "mlw",
        "st-blob",
        "st-file",
    ]
    assert all(e.inputs["subnet"] == {"id": subnet} for e in endpoints)


# -- the policy pack on what the component creates ---------------------------------------------

PRESETS = ROOT / "policies" / "config"
COMPUTE_RULES = (
    "compute-local-auth",
    "compute-subnet",
    "compute-vm-size",
    "compute-ssh-public",
    "compute-cluster-scale",
    "compute-idle-shutdown",
    "compute-public-ip",
    "compute-aks-attach-only",
)


def products_only(run: ProgramRun) -> ProgramRun:
    """The resources the DataLandingZoneML component registered (its workspaces included), so
    the pack judges what the component creates, and quickly."""
    return dc_replace(
        run, resources=tuple(r for r in run.resources if "DataLandingZoneML" in r.urn)
    )


def compute_findings(run: ProgramRun) -> set[tuple[str, str]]:
    result = evaluate(products_only(run), PRESETS / "prod.json")
    return {
        (v.policy, v.urn.rsplit("::", 1)[-1])
        for v in result.violations
        if v.policy in COMPUTE_RULES or v.policy.startswith("datastore")
    }


def with_input(run: ProgramRun, name: str, path: str, value: Any) -> ProgramRun:
    """The run with one input of one resource changed (``DELETE`` removes it)."""
    resources = tuple(
        dc_replace(r, inputs=changed(r.inputs, path, value)) if r.name == name else r
        for r in run.resources
    )
    return dc_replace(run, resources=resources)


def test_the_products_computes_pass_the_prod_preset(defaults: ProgramRun) -> None:
    assert compute_findings(defaults) == set()


@pytest.mark.parametrize(
    ("rule", "name", "path", "value"),
    [
        (
            "compute-public-ip",
            "hub-dlz-demand-ci-ci-demand-alice",
            "properties.properties.enableNodePublicIp",
            True,
        ),
        (
            "compute-local-auth",
            "hub-dlz-demand-cc-cpu-cluster",
            "properties.disableLocalAuth",
            False,
        ),
        (
            "compute-cluster-scale",
            "hub-dlz-demand-cc-cpu-cluster",
            "properties.properties.scaleSettings.minNodeCount",
            2,
        ),
        (
            "compute-aks-attach-only",
            "hub-dlz-demand-aks-aks-inference",
            "properties.resourceId",
            DELETE,
        ),
        (
            "compute-ssh-public",
            "hub-dlz-demand-cc-cpu-cluster",
            "properties.properties.remoteLoginPortPublicAccess",
            "Enabled",
        ),
        (
            "compute-subnet",
            "hub-dlz-churnlab-ci-ci-churn-bob",
            "properties.properties.subnet",
            DELETE,
        ),
        (
            "compute-idle-shutdown",
            "hub-dlz-demand-ci-ci-demand-alice",
            "properties.properties.idleTimeBeforeShutdown",
            "P1D",
        ),
        (
            "compute-vm-size",
            "hub-dlz-demand-cc-cpu-cluster",
            "properties.properties.vmSize",
            "Standard_ND96asr_v4",
        ),
    ],
)
def test_each_compute_rule_fires_on_an_insecure_data_product(
    defaults: ProgramRun, rule: str, name: str, path: str, value: Any
) -> None:
    assert compute_findings(with_input(defaults, name, path, value)) == {(rule, name)}


def test_product_names_fit_and_differ_per_product() -> None:
    naming = Naming("contoso", "ml", "dev", "westeurope", "00000000-0000-0000-0000-000000000000")
    long_key = naming.for_product("customer-lifetime-vl")
    assert len(long_key.storage()) == 24 and long_key.storage().startswith("stcustomer")
    assert long_key.storage() != naming.for_product("customer-lifetime-vx").storage()
    assert naming.for_product("demand").storage() != naming.storage()  # never the hub's
    assert naming.for_product("demand").data_product_workspace() == "mlw-contoso-demand-dev"


@pytest.mark.parametrize(
    ("credentials", "flagged"),
    [
        ({"credentialsType": "None"}, False),
        ({"credentialsType": "AccountKey", "secrets": {"key": "[secret]"}}, True),
        ({"credentialsType": "Sas", "secrets": {"sasToken": "[secret]"}}, True),
    ],
)
def test_datastore_rule_accepts_only_identity_based_datastores(
    dev_run: ProgramRun, credentials: dict[str, Any], flagged: bool
) -> None:
    run = with_input(dev_run, "hub-dlz-demand-ds-raw", "properties.credentials", credentials)
    found = {
        (v.policy, v.urn.rsplit("::", 1)[-1])
        for v in evaluate(products_only(run), PRESETS / "prod.json").violations
        if v.policy == "datastore-identity-based"
    }
    assert found == ({("datastore-identity-based", "hub-dlz-demand-ds-raw")} if flagged else set())


SCOPE = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-management/providers/"
    "Microsoft.Insights/privateLinkScopes/ampls-contoso-central"
)


def test_a_production_default_product_passes_the_whole_prod_preset() -> None:
    """Every resource a Default product creates (workspace, storage, key vault, registry,
    Application Insights, endpoints, identity, grants, datastores, computes) with the settings a
    production product takes: HBI, a customer-managed key, private monitoring, protection."""
    config = copy.deepcopy(stack_config("prod"))
    product = config[f"{NS}:dataProducts"][0]
    product.update(
        kind="default",
        highBusinessImpact=True,
        encryption={
            "keyName": "cmk-demand",
            "keyExpiresOn": "2028-11-30",
            "cosmosDbPrincipalId": "3f4a5b6c-7d8e-4f90-a1b2-c3d4e5f6a7b8",
        },
    )
    product["computes"]["clusters"] = {"cpu-cluster": {"maxNodes": 4}}
    config[f"{NS}:dataLandingZone"]["monitoring"] = {"privateLinkScopeId": SCOPE}
    run = run_stack("prod", config)
    workspace = one(run, WS, "hub-dlz-demand-mlw").inputs
    assert workspace["encryption"]["status"] == "Enabled"
    assert workspace["encryption"]["identity"]["userAssignedIdentity"].endswith(
        "/id-contoso-demand-prod-weu-ws"
    )
    result = evaluate(products_only(run), PRESETS / "prod.json")
    assert [(v.policy, v.urn.rsplit("::", 1)[-1]) for v in result.violations] == []


def test_storage_in_another_region_is_attached_as_a_datastore(defaults: ProgramRun) -> None:
    """The workspace stays in the stack's region; the datastore reads the other region's lake
    with the same identity-based access, and says where the data lives."""
    stores = {
        (r.inputs["workspaceName"], r.inputs["name"]): r.inputs["properties"]
        for r in of_type(defaults, DS)
    }
    (workspace,) = {w for w, name in stores if name == "nordic_raw"}
    nordic, local = stores[(workspace, "nordic_raw")], stores[(workspace, "raw")]
    assert (nordic["accountName"], nordic["credentials"]) == (
        "stcontosodlz02devlake",
        {"credentialsType": "None"},
    )
    assert nordic["description"] == "nordic/raw (read, in swedencentral)"
    assert local["description"] == "dev/raw (read)"
