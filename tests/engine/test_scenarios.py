"""Scenarios beyond the shipped stacks, each through up, a no-change preview and a teardown, the
way Azure Verified Modules run their defaults / WAF-aligned / max end-to-end tests: the README's
minimal stack, prod torn down by the README's runbook (protect and locks lifted first), the
maximal stack (tests/scenarios/Pulumi.max.yaml: every option on), and dev serving from its own
AKS cluster, destroyed with dev."""

from __future__ import annotations

import pytest
import yaml

from tests.engine.readme_commands import readme_blocks
from tests.engine.stacks import deploy, minimal_project
from tests.engine.workspace import SUBSCRIPTION_ID, EngineWorkspace
from tests.engine.world import config_principals, seed_principals
from tests.stack_values import ROOT, stack_config
from tests.test_inference import DEV_INFERENCE

pytestmark = pytest.mark.engine

OFFLINE_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"  # the offline run deploys there
RG = "azure-native:resources:ResourceGroup"
SCOPE = "azure-native:monitor:PrivateLinkScope"


def left_in_azure(engine: EngineWorkspace, marker: str) -> list[str]:
    return [rid for rid, _ in engine.azure().resources() if marker in rid.lower()]


def test_minimal_stack(engine: EngineWorkspace) -> None:
    """The README's minimal stack, alone in its project (no shared definition)."""
    project = minimal_project(engine, "minimal")
    deploy(engine, project, "minimal")
    engine.pulumi(project, "destroy", "--stack", "minimal", "--yes", "--skip-preview")
    assert left_in_azure(engine, "contoso-ml-dev") == []


def test_prod_torn_down_by_the_runbook(engine: EngineWorkspace) -> None:
    """Prod alone (no dev or test reading it), then the README's teardown: with protect and the
    locks lifted by one `pulumi up`, the destroy succeeds and leaves only what Azure keeps."""
    project = engine.copy_project("prod")
    seed_principals(engine.azure(), config_principals(stack_config("prod")))
    deploy(engine, project, "prod")
    for command in readme_blocks()["teardown"]:
        engine.run(project, command)
    assert left_in_azure(engine, "-prod-") == []
    assert engine.azure().deleted_vaults()  # prod's vault keeps its name (purge protection)


def test_max_scenario(own_engine: EngineWorkspace) -> None:
    """Every option on (regional hubs, a serving region, serverless subnets, created DNS linked
    to a connectivity hub, a Default product with its own key, HBI, a cluster and an attached
    AKS, a serving cluster the stack creates in Sweden Central with an endpoint and its alerts,
    Synapse and Databricks, two products sharing a group and a file system): up, a
    no-change preview, then the teardown runbook. Its own world: it is prod's environment, so
    it takes prod's names, which the runbook test above leaves soft-deleted."""
    engine = own_engine
    project = engine.copy_project("max")
    # the platform's Azure Monitor scope exists already, in the subscription the stack uses
    stack_file = (ROOT / "tests" / "scenarios" / "Pulumi.max.yaml").read_text()
    scope = f"{OFFLINE_SUBSCRIPTION}/resourceGroups/rg-contoso-mgmt/"
    moved = stack_file.replace(scope, scope.replace(OFFLINE_SUBSCRIPTION, SUBSCRIPTION_ID))
    (project / "Pulumi.max.yaml").write_text(moved)
    azure = engine.azure()
    azure.add_resource(RG, {"resourceGroupName": "rg-contoso-mgmt", "location": "westeurope"})
    azure.add_resource(
        SCOPE, {"resourceGroupName": "rg-contoso-mgmt", "scopeName": "ampls-contoso"}
    )
    seed_principals(azure, config_principals(stack_config("prod")))
    deploy(engine, project, "max")
    for command in readme_blocks()["teardown"]:
        engine.run(project, command.replace("--stack prod", "--stack max"))
    assert left_in_azure(engine, "-prod-") == []


def test_dev_serving_is_destroyed_with_dev(own_engine: EngineWorkspace) -> None:
    """dev with its product as a Default workspace and an inference cluster: up, a no-change
    preview, then `pulumi destroy` removes the cluster, its extension, the attach and the
    endpoint with the rest of dev. Alone (no prod): dev reads no promotion registry here."""
    engine = own_engine
    project = engine.copy_project("dev-serving")
    stack_file = project / "Pulumi.dev.yaml"
    document = yaml.safe_load(stack_file.read_text())
    config = document["config"]
    config["aml-landing-zone:dataProducts"][0]["kind"] = "default"
    config["aml-landing-zone:dataLandingZone"]["monitoring"] = {"private": False}
    config["aml-landing-zone:inference"] = DEV_INFERENCE
    config["aml-landing-zone:environments"] = {"registry": None}  # null: removed from the shared
    stack_file.write_text(yaml.safe_dump(document, sort_keys=False))
    seed_principals(engine.azure(), config_principals(stack_config("dev")))
    deploy(engine, project, "dev")
    served = left_in_azure(engine, "managedclusters/aks-contoso-ml-dev")
    assert served, "the serving cluster was not created"
    engine.pulumi(project, "destroy", "--stack", "dev", "--yes", "--skip-preview")
    assert left_in_azure(engine, "managedclusters/") == []
    assert left_in_azure(engine, "onlineendpoints/") == []
    assert left_in_azure(engine, "-dev-") == []
