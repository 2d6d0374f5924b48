"""A project workspace is a kind=Project workspace plus its members' role assignments and its
diagnostic setting, nothing else: network, storage, key vault, registry and encryption come from
the hub."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from aml_landing_zone import ComponentArgsError, ProjectWorkspace
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.program import run_program

from tests.conftest import of_type, one, run_stack
from tests.facts import ROLE_GUIDS
from tests.stack_values import stack_config

WS = "azure-native:machinelearningservices:Workspace"
RA = "azure-native:authorization:RoleAssignment"
DIAG = "azure-native:monitor:DiagnosticSetting"
PROJECT = "amllz:index:ProjectWorkspace"
DATA_SCIENTIST = "f6c7c914-8db3-469d-8ca1-694a8f32e121"
COMPUTE_OPERATOR = "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815"
DATA_SCIENTISTS = "1c8b4d2f-6e3a-4b9c-8d7e-2f3a4b5c6d7e"
ML_ENGINEERS = "2d9c5e3a-7f4b-4cad-9e8f-3a4b5c6d7e8f"


def children(run: ProgramRun, component_name: str):
    component = one(run, PROJECT, component_name)
    return [r for r in run.resources if r.parent == component.urn]


def test_project_registers_only_a_workspace_and_role_assignments(dev_run: ProgramRun) -> None:
    kinds = sorted(r.type for r in children(dev_run, "hub-fraud"))
    assert kinds == [RA, RA, WS, DIAG]


def test_project_workspace_inherits_from_the_hub(dev_run: ProgramRun) -> None:
    hub = one(dev_run, WS, "hub-hub")
    project = one(dev_run, WS, "hub-fraud-ws").inputs
    assert project["kind"] == "Project"
    assert project["hubResourceId"].endswith("/workspaces/" + hub.inputs["workspaceName"])
    for hub_owned in (
        "storageAccount",
        "keyVault",
        "containerRegistry",
        "applicationInsights",
        "managedNetwork",
        "publicNetworkAccess",
        "encryption",
    ):
        assert hub_owned not in project, hub_owned
    assert project["workspaceName"] == "proj-contoso-fraud-dev"
    assert project["description"] == "Card fraud detection models."
    assert project["tags"]["project"] == "fraud"
    assert project["identity"] == {"type": "SystemAssigned"}


def test_project_lives_in_its_own_resource_group(dev_run: ProgramRun) -> None:
    """Contoso's stacks set hub.projectResourceGroups: perProject (test_project_resource_groups
    covers both choices)."""
    own_rg = one(dev_run, "azure-native:resources:ResourceGroup", "hub-fraud-rg")
    project = one(dev_run, WS, "hub-fraud-ws").inputs
    assert project["resourceGroupName"] == own_rg.inputs["resourceGroupName"]


def test_members_get_their_roles_on_the_project_workspace(dev_run: ProgramRun) -> None:
    assignments = [r.inputs for r in children(dev_run, "hub-fraud") if r.type == RA]
    granted = sorted(
        (a["principalId"], a["roleDefinitionId"].rsplit("/", 1)[1]) for a in assignments
    )
    assert granted == sorted([(DATA_SCIENTISTS, DATA_SCIENTIST), (ML_ENGINEERS, COMPUTE_OPERATOR)])
    for assignment in assignments:
        assert assignment["scope"].endswith("/workspaces/proj-contoso-fraud-dev")
        assert assignment["principalType"] == "Group"


def test_role_assignment_names_are_deterministic_guids(dev_run: ProgramRun) -> None:
    names = {r.inputs["roleAssignmentName"] for r in of_type(dev_run, RA)}
    assert len(names) == len(of_type(dev_run, RA))  # unique across hub and projects
    for name in names:
        assert uuid.UUID(name).version == 5
    # uuid5 of the scope key, the principal and the role: pinned (tests/golden/role_assignments.json
    # pins every one), as a changed input renames every assignment on upgrade
    assert "bfda24a6-edf0-5eca-9588-0b2ce218c327" in names


def test_each_extra_project_adds_its_group_workspace_role_assignments_and_budget(
    dev_run: ProgramRun,
) -> None:
    config = stack_config("dev")
    projects = [
        *config["aml-landing-zone:projects"],
        # its members come from the access matrix (dev: two groups), whose data roles on the
        # hub storage the other projects already grant
        {"name": "vision"},
    ]
    run = run_stack("dev", {**config, "aml-landing-zone:projects": projects})
    added = sorted({r.urn for r in run.resources} - {r.urn for r in dev_run.resources})
    assert sorted(u.rsplit("::", 1)[0].rsplit("$", 1)[1] for u in added) == [
        PROJECT,
        RA,
        RA,
        RA,  # AzureML Registry User for its identity on the promotion registry
        "azure-native:consumption:Budget",  # dev sets observability.budgets.projectAmount
        WS,
        DIAG,
        "azure-native:resources:ResourceGroup",  # its own group (perProject)
    ]


def test_reordering_projects_changes_nothing(dev_run: ProgramRun) -> None:
    config = stack_config("dev")
    reordered = list(reversed(config["aml-landing-zone:projects"]))
    run = run_stack("dev", {**config, "aml-landing-zone:projects": reordered})
    assert [(r.urn, r.inputs) for r in run.resources] == [
        (r.urn, r.inputs) for r in dev_run.resources
    ]


@pytest.mark.parametrize(
    "hub_owned", ["public_network_access", "storage_account", "managed_network"]
)
def test_project_component_rejects_hub_owned_arguments(hub_owned: str) -> None:
    args = {
        "hub_resource_id": "/subscriptions/s/resourceGroups/rg/providers/"
        "Microsoft.MachineLearningServices/workspaces/hub",
        "resource_group_name": "rg",
        "location": "westeurope",
        "workspace_name": "proj-x",
        hub_owned: "anything",
    }
    with pytest.raises(ComponentArgsError, match=f"{hub_owned}: a hub setting"):
        ProjectWorkspace("x", args)  # type: ignore[arg-type]


def test_project_component_rejects_unknown_role() -> None:
    args = {
        "hub_resource_id": "/subscriptions/s/resourceGroups/rg/providers/x/workspaces/hub",
        "resource_group_name": "rg",
        "location": "westeurope",
        "workspace_name": "proj-x",
        "members": [{"principal_id": DATA_SCIENTISTS, "role": "Data Wizard"}],
    }
    with pytest.raises(ComponentArgsError, match="unknown role 'Data Wizard'"):
        ProjectWorkspace("x", args)  # type: ignore[arg-type]


def test_project_accepts_a_hub_id_from_another_stack() -> None:
    """A project stack passes the hub id it read from a StackReference: a plain string works."""
    run = run_program_fixture("standalone_project")
    workspace = one(run, WS)
    assert workspace.inputs["hubResourceId"] == (
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/"
        "Microsoft.MachineLearningServices/workspaces/hub-contoso-ml-prod-weu"
    )
    assert workspace.inputs["kind"] == "Project"
    members = {
        (r.inputs["principalId"], r.inputs["principalType"], r.inputs["roleDefinitionId"])
        for r in of_type(run, RA)
    }
    # the role definition id in the scope's subscription, as ARM reports it back
    roles = (
        "/subscriptions/00000000-0000-0000-0000-000000000000/providers/"
        "Microsoft.Authorization/roleDefinitions/"
    )
    assert members == {
        ("1c8b4d2f-6e3a-4b9c-8d7e-2f3a4b5c6d7e", "Group", roles + ROLE_GUIDS["Reader"]),
        (
            "7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a098",
            "ServicePrincipal",
            roles + ROLE_GUIDS["Contributor"],
        ),
    }


def run_program_fixture(name: str) -> ProgramRun:
    return run_program(Path(__file__).parent / "fixtures" / name, "dev")


def test_two_landing_zones_live_in_one_program() -> None:
    run = run_program_fixture("two_zones")
    urns = [r.urn for r in run.resources]
    assert len(urns) == len(set(urns))
    zones = {r.name: r for r in of_type(run, "amllz:index:LandingZone")}
    assert sorted(zones) == ["neu", "weu"]
    hubs = {r.name: r for r in of_type(run, "amllz:index:Hub")}
    assert {name: hub.parent for name, hub in hubs.items()} == {
        "neu": zones["neu"].urn,
        "weu": zones["weu"].urn,
    }
    projects = {r.name: r.parent for r in of_type(run, "amllz:index:ProjectWorkspace")}
    assert projects == {"neu-fraud": zones["neu"].urn, "weu-fraud": zones["weu"].urn}
    workspaces = {r.name: r for r in of_type(run, WS)}
    assert workspaces["neu-hub"].inputs["location"] == "northeurope"
    assert (
        workspaces["weu-hub"].inputs["workspaceName"]
        != (workspaces["neu-hub"].inputs["workspaceName"])
    )


def test_landing_zone_opts_reach_every_resource_under_it() -> None:
    run = run_program_fixture("two_zones")
    custom = [r for r in run.resources if r.custom and r.type != "pulumi:providers:azure-native"]
    north = [r for r in custom if r.name.startswith("neu-")]
    west = [r for r in custom if r.name.startswith("weu-")]
    assert north and west and len(north) + len(west) == len(custom)
    assert all(r.provider and "::northeurope::" in r.provider for r in north)
    assert not any(r.provider and "::northeurope::" in r.provider for r in west)
