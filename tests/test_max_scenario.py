"""The maximal scenario (tests/scenarios/Pulumi.max.yaml), offline: every option it switches on
registers what it promises, and prod's preset finds nothing mandatory. The engine tier deploys
the same stack file (tests/engine/test_scenarios.py)."""

from __future__ import annotations

import pytest
import yaml
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.policy_run import evaluate
from aml_landing_zone.shared_definition import effective_stack_config

from tests.conftest import of_type, one, run_stack
from tests.facts import ROLE_GUIDS
from tests.stack_values import NAMESPACE, ROOT

MAX_STACK = ROOT / "tests" / "scenarios" / "Pulumi.max.yaml"
WS = "azure-native:machinelearningservices:Workspace"
COMPUTE = "azure-native:machinelearningservices:Compute"
CONNECTION = "azure-native:machinelearningservices:WorkspaceConnection"
RA = "azure-native:authorization:RoleAssignment"
GROUPS = {"dataScientists": "8b2f4d6e-3c5a-4f7b-9dae-1f2a3b4c5d6e"}


def max_config() -> dict:
    own = yaml.safe_load(MAX_STACK.read_text())["config"]
    return effective_stack_config(NAMESPACE, ROOT, own)


@pytest.fixture(scope="module")
def max_run() -> ProgramRun:
    # the stack file's environment is prod's: run it as prod with the scenario's config
    return run_stack("prod", max_config())


def test_a_second_training_region_gets_its_own_hub(max_run: ProgramRun) -> None:
    hubs = {r.name: r.inputs["location"] for r in of_type(max_run, WS) if r.inputs["kind"] == "Hub"}
    assert hubs == {"hub-hub": "westeurope", "hub-neu-hub": "northeurope"}


def test_the_registry_replicates_to_the_training_and_serving_regions(max_run: ProgramRun) -> None:
    registry = one(max_run, "azure-native:machinelearningservices:Registry", "hub-mlr")
    regions = [detail["location"] for detail in registry.inputs["regionDetails"]]
    assert regions == ["westeurope", "northeurope", "swedencentral"]


def test_the_default_product_has_its_own_key_hbi_cluster_and_attached_aks(
    max_run: ProgramRun,
) -> None:
    workspace = one(max_run, WS, "hub-dlz-pricing-mlw").inputs
    assert (workspace["kind"], workspace["hbiWorkspace"]) == ("Default", True)
    key = workspace["encryption"]["keyVaultProperties"]["keyIdentifier"]
    assert "/keys/cmk-pricing" in key
    computes = {
        r.name: r.inputs["properties"]["computeType"]
        for r in of_type(max_run, COMPUTE)
        if r.name.startswith("hub-dlz-pricing-")
    }
    assert computes == {
        "hub-dlz-pricing-cc-cpu-cluster": "AmlCompute",
        "hub-dlz-pricing-aks-aks-serving": "Kubernetes",
    }
    aks = one(max_run, COMPUTE, "hub-dlz-pricing-aks-aks-serving").inputs["properties"]
    assert aks["properties"]["namespace"] == "pricing"


def test_each_product_connects_synapse_and_databricks(max_run: ProgramRun) -> None:
    categories = {
        (r.name.split("-conn-")[0], r.inputs["properties"]["category"])
        for r in of_type(max_run, CONNECTION)
        if r.name.endswith(("-conn-synapse", "-conn-databricks"))
    }
    assert categories == {
        ("hub-dlz-demand", "AzureSynapseAnalytics"),
        ("hub-dlz-demand", "Databricks"),
        ("hub-dlz-pricing", "AzureSynapseAnalytics"),
        ("hub-dlz-pricing", "Databricks"),
    }


def test_two_products_sharing_a_reader_group_and_file_system_grant_it_once(
    max_run: ProgramRun,
) -> None:
    curated_reads = [
        r
        for r in of_type(max_run, RA)
        if r.inputs["scope"].endswith("/containers/curated")
        and r.inputs["principalId"] == GROUPS["dataScientists"]
    ]
    assert len(curated_reads) == 1
    assert (
        curated_reads[0].inputs["roleDefinitionId"].endswith(ROLE_GUIDS["Storage Blob Data Reader"])
    )


def test_the_prod_preset_finds_nothing_mandatory(max_run: ProgramRun) -> None:
    result = evaluate(max_run, ROOT / "policies" / "config" / "prod.json")
    assert result.pack == "aml-landing-zone"
    assert [v for v in result.violations if v.enforcement == "mandatory"] == []
