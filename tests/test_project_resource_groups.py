"""hub.projectResourceGroups: the landing zone's projects each in a resource group of their own
(perProject, Contoso's choice in landing-zone.yaml) or all in the hub's shared projects group
(shared, the default, which keeps every existing stack's names and URNs)."""

from __future__ import annotations

import json

import pytest
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.enums import ProjectResourceGroups
from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import of_type, one, run_stack
from tests.stack_values import DELETE, NAMESPACE, changed, stack_config, stack_values
from tests.test_config_errors import HEADER, error_for
from tests.test_naming_versions import GOLDEN

RG = "azure-native:resources:ResourceGroup"
WS = "azure-native:machinelearningservices:Workspace"
RA = "azure-native:authorization:RoleAssignment"
LOCK = "azure-native:authorization:ManagementLockByScope"
BUDGET = "azure-native:consumption:Budget"
SUB = "/subscriptions/00000000-0000-0000-0000-000000000000"
KEY = "aml-landing-zone:hub.projectResourceGroups"


def _golden(stack: str) -> dict[str, str]:
    return dict(json.loads(GOLDEN.read_text())[stack]["2"])


def _by_name(run: ProgramRun, token: str) -> dict[str, dict[str, object]]:
    return {r.name: r.inputs for r in of_type(run, token)}


@pytest.fixture(scope="module")
def shared_run() -> ProgramRun:
    """The dev stack with the default: every project in the hub's shared group."""
    return run_stack("dev", changed(stack_config("dev"), KEY, "shared"))


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_per_project_each_workspace_and_budget_is_in_its_own_group(stack: str) -> None:
    run, golden = run_stack(stack), _golden(stack)
    groups, workspaces, budgets = (_by_name(run, t) for t in (RG, WS, BUDGET))
    keys = sorted(run.outputs["projects"])
    assert keys == sorted(k.split(".")[-1] for k in golden if k.startswith("project."))
    for key in keys:
        group = groups[f"hub-{key}-rg"]
        own = golden[f"resourceGroup.project.{key}"]
        assert own == f"rg-contoso-ml-{stack}-weu-proj-{key}"
        assert (group["resourceGroupName"], group["location"]) == (own, "westeurope")
        # the landing zone's tags and the project's, like its workspace
        assert group["tags"] == workspaces[f"hub-{key}-ws"]["tags"]
        assert group["tags"]["project"] == key  # type: ignore[index]
        assert {"environment", "costCenter", "owner"} <= set(group["tags"])  # type: ignore[arg-type]
        assert workspaces[f"hub-{key}-ws"]["resourceGroupName"] == own
        assert run.outputs["projects"][key]["resourceGroupName"] == own
        budget = budgets[f"hub-{key}-budget"]
        assert budget["scope"] == f"{SUB}/resourceGroups/{own}"
        assert "filter" not in budget  # the group holds only this project's resources
    # the shared group stays: the hub's default for projects made in the studio, and the
    # platform contract's group for product teams' own projects
    assert groups["hub-projects-rg"]["resourceGroupName"] == golden["resourceGroup.projects"]
    assert run.outputs["projectResourceGroupName"] == golden["resourceGroup.projects"]


def test_prod_protects_each_project_group_and_locks_the_workspace_not_the_group() -> None:
    run = run_stack("prod")
    groups = {r.name: r for r in of_type(run, RG)}
    locks = of_type(run, LOCK)
    locked = {lock.property_dependencies["scope"][0] for lock in locks}
    for key in ("fraud", "churn"):
        group, workspace = groups[f"hub-{key}-rg"], one(run, WS, f"hub-{key}-ws")
        assert group.protect and workspace.protect
        assert workspace.urn in locked  # its own CanNotDelete lock, in its own group
        # no group lock (prod-resource-locks): it would block replacing what is under it
        assert group.urn not in locked
    scopes = {lock.inputs["scope"] for lock in locks}
    assert f"{SUB}/resourceGroups/rg-contoso-ml-prod-weu-proj-fraud" not in scopes
    assert all(not r.protect for r in of_type(run_stack("dev"), RG))  # dev: no protection


def test_members_roles_stay_scoped_to_the_workspace_in_its_own_group() -> None:
    run = run_stack("prod")
    workspace = f"{SUB}/resourceGroups/rg-contoso-ml-prod-weu-proj-fraud"
    workspace += "/providers/Microsoft.MachineLearningServices/workspaces/proj-contoso-fraud-prod"
    members = [r for r in of_type(run, RA) if r.name.startswith("hub-fraud-")]
    assert members
    assert all(r.inputs["scope"] == workspace for r in members)
    assert all(not r.inputs["scope"].endswith("-proj-fraud") for r in of_type(run, RA))


def test_shared_keeps_every_project_in_the_hubs_group_with_the_golden_names(
    shared_run: ProgramRun, dev_run: ProgramRun
) -> None:
    golden = _golden("dev")
    shared = golden["resourceGroup.projects"]
    workspaces, budgets = _by_name(shared_run, WS), _by_name(shared_run, BUDGET)
    for key in ("fraud", "churn", "explore"):
        assert workspaces[f"hub-{key}-ws"]["workspaceName"] == golden[f"project.{key}"]
        assert workspaces[f"hub-{key}-ws"]["resourceGroupName"] == shared
        assert shared_run.outputs["projects"][key]["resourceGroupName"] == shared
        budget = budgets[f"hub-{key}-budget"]
        assert budget["scope"] == f"{SUB}/resourceGroups/{shared}"
        assert budget["filter"] == {"tags": {"name": "project", "operator": "In", "values": [key]}}
    assert sorted(g["resourceGroupName"] for g in _by_name(shared_run, RG).values()) == sorted(
        [golden["resourceGroup.hub"], shared, golden["dataProduct.demand.resourceGroup"]]
    )
    # the same resources (URNs) as perProject, less the projects' own groups
    own_groups = {r.urn for r in of_type(dev_run, RG) if r.name.endswith(("-fraud-rg",
                  "-churn-rg", "-explore-rg"))}  # fmt: skip
    assert len(own_groups) == 3
    assert {r.urn for r in shared_run.resources} == {r.urn for r in dev_run.resources} - own_groups


def test_shared_is_the_default() -> None:
    """Without the key (Contoso sets it in landing-zone.yaml), nothing moves."""
    values = changed(stack_values("dev"), "hub.projectResourceGroups", DELETE)
    config = parse_stack_config(values, namespace=NAMESPACE, stack="dev")
    assert config.hub.project_resource_groups == ProjectResourceGroups.SHARED
    assert (
        parse_stack_config(
            stack_values("dev"), namespace=NAMESPACE, stack="dev"
        ).hub.project_resource_groups
        == ProjectResourceGroups.PER_PROJECT
    )


def test_an_unknown_choice_is_a_config_error() -> None:
    values = changed(stack_values("dev"), "hub.projectResourceGroups", "perTeam")
    assert error_for(values) == (
        f"{HEADER}\n  aml-landing-zone:hub.projectResourceGroups: must be shared or perProject "
        "(got 'perTeam')"
    )
