"""Scenarios beyond the shipped stacks, each through up, a no-change preview and a teardown, the
way Azure Verified Modules run their defaults / WAF-aligned / max end-to-end tests: the README's
minimal stack, prod torn down by the README's runbook (protect and locks lifted first), and the
maximal stack (tests/scenarios/Pulumi.max.yaml: every option on)."""

from __future__ import annotations

import pytest

from tests.engine.readme_commands import readme_blocks
from tests.engine.stacks import deploy, minimal_project
from tests.engine.workspace import SUBSCRIPTION_ID, EngineWorkspace
from tests.engine.world import config_principals, seed_principals
from tests.stack_values import ROOT, stack_config

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
    AKS, Synapse and Databricks, two products sharing a group and a file system): up, a
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
