"""Mistakes in a stack's data products: each names the stack file, the key path and its code."""

from __future__ import annotations

from typing import Any

import pytest
from aml_landing_zone import ComponentArgsError, DataLandingZoneML
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.errors import ConfigError

from tests.stack_values import NAMESPACE, changed, stack_values

AKS = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks/providers/"
    "Microsoft.ContainerService/managedClusters/aks-inference"
)
P = "aml-landing-zone:dataProducts[0]"


def error_for(values: dict[str, Any], stack: str = "dev") -> str:
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(values, namespace=NAMESPACE, stack=stack)
    return str(caught.value)


def default_kind(values: dict[str, Any]) -> dict[str, Any]:
    return changed(values, "dataProducts[0].kind", "default")


@pytest.mark.parametrize(
    ("case", "path", "value", "line"),
    [
        (
            "compute instance name too long",
            "dataProducts[0].computes.instances",
            {
                "ci-demand-alice-notebook-1a": {
                    "assignedUser": "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7"
                }
            },
            f"{P}.computes.instances.ci-demand-alice-notebook-1a: the compute instance name "
            "'ci-demand-alice-notebook-1a' has 27 characters; Azure allows 3–24 [LZ-CFG-008]",
        ),
        (
            "AKS creation requested",
            "dataProducts[0].computes.aksAttach",
            {"aks-inference": {"resourceId": AKS, "agentCount": 3}},
            f"{P}.computes.aksAttach.aks-inference.agentCount: creates an AKS cluster through "
            "Azure ML, which the landing zone refuses (policy compute-aks-attach-only); the "
            "landing zone's 'inference' section creates a private cluster and attaches it, or "
            "attach an existing one by resourceId [LZ-CFG-016]",
        ),
        (
            "Kubernetes namespace Kubernetes would refuse",
            "dataProducts[0].computes.aksAttach",
            {"aks-inference": {"resourceId": AKS, "namespace": "Team_A"}},
            f"{P}.computes.aksAttach.aks-inference.namespace: must be a Kubernetes namespace: "
            "1–63 lowercase letters, digits or '-', starting and ending with a letter or digit "
            "(got 'Team_A') [LZ-CFG-004]",
        ),
        (
            "cluster on a project",
            "dataProducts[0].computes.clusters",
            {"cpu": {"maxNodes": 4}},
            f"{P}.computes.clusters.cpu: compute clusters exist only on Default workspaces; a "
            "project (or hub) runs jobs on serverless compute instead (Azure ML hub support "
            "matrix) [LZ-CFG-016]",
        ),
        (
            "lake id of the wrong type",
            "dataLandingZone.lakes.dev.storageAccountId",
            AKS,
            f"aml-landing-zone:dataLandingZone.lakes.dev.storageAccountId: '{AKS}' is a "
            "Microsoft.ContainerService/managedClusters id; expected a "
            "Microsoft.Storage/storageAccounts id [LZ-CFG-006]",
        ),
        (
            "unknown lake",
            "dataProducts[0].datastores.raw.lake",
            "bronze",
            f"{P}.datastores.raw.lake: unknown lake 'bronze' (dataLandingZone.lakes: dev) "
            "[LZ-CFG-006]",
        ),
    ],
)
def test_data_product_error_names_file_key_and_code(
    case: str, path: str, value: Any, line: str
) -> None:
    message = error_for(changed(stack_values("dev"), path, value))
    assert message.startswith("Pulumi.dev.yaml: invalid configuration (1 problem):"), case
    assert message.splitlines()[1].strip() == line, case


def test_a_lake_that_keeps_its_data_in_its_region_is_not_attached_from_another() -> None:
    lake = "dataLandingZone.lakes.dev"
    away = changed(stack_values("dev"), f"{lake}.location", "swedencentral")
    parse_stack_config(away, namespace=NAMESPACE, stack="dev")  # another region: attachable
    resident = changed(away, f"{lake}.dataResidency", True)
    assert error_for(resident).splitlines()[1].strip() == (
        f"{P}.datastores.raw.lake: lake 'dev' keeps its data in swedencentral (dataResidency) "
        "and this workspace is in westeurope: train on a regional hub in swedencentral "
        "instead (environments.regions.training) [LZ-CFG-007]"
    )


def test_a_lake_region_must_be_an_azure_region() -> None:
    values = changed(stack_values("dev"), "dataLandingZone.lakes.dev.location", "swedencentrl")
    assert error_for(values).splitlines()[1].strip() == (
        "aml-landing-zone:dataLandingZone.lakes.dev.location: 'swedencentrl' is not an Azure "
        "region this landing zone supports; did you mean 'swedencentral'? [LZ-CFG-006]"
    )


def test_production_lake_writable_from_test_is_refused() -> None:
    """Test may read production data (environments.productionDataReaders), never write it."""
    store = "dataProducts[0].datastores.prod_curated.access"
    values = changed(stack_values("test"), store, "write")
    assert error_for(values, "test").splitlines()[1].strip() == (
        f"{P}.datastores.prod_curated.access: lake 'prod' holds production data and this "
        "stack is not production (policyPreset): production data must not be writable from "
        "development (seed 002); use access: read [LZ-CFG-015]"
    )


def test_cluster_min_nodes_above_max_nodes() -> None:
    values = changed(
        default_kind(stack_values("dev")),
        "dataProducts[0].computes.clusters",
        {"cpu": {"maxNodes": 2, "minNodes": 3}},
    )
    assert f"{P}.computes.clusters.cpu.minNodes: 3 is above maxNodes 2 [LZ-CFG-007]" in error_for(
        values
    )


def test_a_default_product_clusters_and_prod_writes_are_accepted() -> None:
    values = changed(
        default_kind(stack_values("dev")),
        "dataProducts[0].computes.clusters",
        {"cpu": {"maxNodes": 2}},
    )
    values = changed(values, "dataLandingZone.monitoring", {"private": False})
    assert parse_stack_config(values, namespace=NAMESPACE, stack="dev").data_products
    prod = changed(stack_values("prod"), "dataProducts[0].datastores.curated.access", "write")
    assert parse_stack_config(prod, namespace=NAMESPACE, stack="prod").data_products


def test_data_products_need_the_data_landing_zone() -> None:
    values = {k: v for k, v in stack_values("dev").items() if k != "dataLandingZone"}
    assert (
        "aml-landing-zone:dataLandingZone: required key is missing: dataProducts need the data "
        "landing zone they live in [LZ-CFG-002]" in error_for(values)
    )


def test_serverless_compute_settings_belong_to_the_hub() -> None:
    subnet = stack_values("dev")["dataLandingZone"]["subnetId"]
    values = changed(stack_values("dev"), "projects[0].serverlessCompute", {"subnetId": subnet})
    assert (
        "aml-landing-zone:projects[0].serverlessCompute: a hub setting, which project workspaces "
        "inherit from the hub; set it under 'hub' instead [LZ-CFG-011]" in error_for(values)
    )
    wrong = changed(stack_values("dev"), "hub.serverlessCompute", {"subnetId": AKS})
    assert "aml-landing-zone:hub.serverlessCompute.subnetId: " in error_for(wrong)


def test_a_project_product_inherits_hbi_and_keys_from_the_hub() -> None:
    values = changed(stack_values("dev"), "dataProducts[0].highBusinessImpact", True)
    assert (
        f"{P}.highBusinessImpact: kind project inherits this from the hub; set it under 'hub' "
        "[LZ-CFG-007]" in error_for(values)
    )


def test_a_product_group_must_be_a_defined_alias_or_an_object_id() -> None:
    values = changed(stack_values("dev"), "dataProducts[0].groups.reader", "analysts")
    assert (
        f"{P}.groups.reader: unknown group alias 'analysts' (groups: dataScientists, "
        "mlEngineers, platformAdmins); define it under 'groups' [LZ-CFG-006]" in error_for(values)
    )


def test_component_args_get_the_same_checks_with_their_own_key_paths() -> None:
    """A library user's args (no stack file) are refused before anything registers."""
    values = stack_values("dev")
    zone = values["dataLandingZone"]
    args = {
        "organization": "contoso",
        "environment": "dev",
        "location": "westeurope",
        "tags": {"costCenter": "CC-1", "owner": "ml@contoso.com"},
        "subscription_id": "00000000-0000-0000-0000-000000000000",
        "data_landing_zone": {
            "subnet_id": zone["subnetId"],
            "log_analytics_workspace_id": (
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mgmt/"
                "providers/Microsoft.OperationalInsights/workspaces/log-central"
            ),
            "lakes": {
                "dev": {
                    "storage_account_id": zone["lakes"]["dev"]["storageAccountId"],
                    "file_systems": ["raw"],
                }
            },
        },
        "data_products": [
            {
                "name": "demand",
                "kind": "project",
                "computes": {"aks_attach": {"aks": {"resource_id": AKS, "agent_count": 3}}},
            }
        ],
    }
    with pytest.raises(ComponentArgsError) as caught:
        DataLandingZoneML("dlz", args)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "DataLandingZoneML 'dlz': invalid args" in message
    assert "data_products[0].computes.aks_attach.aks.agent_count: creates an AKS cluster" in message
    assert "[LZ-CFG-016]" in message


def test_a_hub_rule_may_not_take_the_name_of_a_lake_rule_the_hub_derives() -> None:
    """The hub's network gets 'lake-<lake>-<blob|dfs>' for its project products' lakes; a rule
    of its own by that name to somewhere else would silently replace it."""
    rule = {"type": "PrivateEndpoint", "serviceResourceId": AKS, "subresourceTarget": "x"}
    values = changed(stack_values("test"), "hub.managedNetwork.outboundRules.lake-test-dfs", rule)
    assert error_for(values, "test").splitlines()[1].strip() == (
        "aml-landing-zone:hub.managedNetwork.outboundRules.lake-test-dfs: the landing zone names "
        "the rule to lake 'test' (dfs) 'lake-test-dfs'; rename this rule [LZ-CFG-010]"
    )


def test_lake_rules_provisioned_up_front_need_an_identity_that_exists_before_the_hub() -> None:
    values = changed(stack_values("dev"), "hub.managedNetwork.provisionNetworkNow", True)
    assert error_for(values).splitlines()[1].strip() == (
        "aml-landing-zone:hub.identity: the hub's network gets private-endpoint outbound rules "
        "(to its project data products' lakes, to the promotion registry), and with "
        "provisionNetworkNow the identity must hold 'Azure AI Enterprise Network Connection "
        "Approver' on their targets before the network is provisioned: use identity "
        "'UserAssigned' (a system-assigned identity exists only after the hub) [LZ-CFG-007]"
    )


def test_a_hub_rule_may_not_take_the_name_of_the_registry_rule() -> None:
    rule = {"type": "FQDN", "destination": "conda.anaconda.org"}
    values = changed(stack_values("test"), "hub.managedNetwork.outboundRules.ml-registry", rule)
    assert error_for(values, "test").splitlines()[1].strip() == (
        "aml-landing-zone:hub.managedNetwork.outboundRules.ml-registry: the landing zone names "
        "the rule to the promotion registry 'ml-registry'; rename this rule [LZ-CFG-010]"
    )
