"""Upgrades and switches, judged as the engine judges them (engine URNs, aliases): a stack
deployed with release 0.1 keeps its project workspaces, and each switch that deletes
workspaces without an error gets its warning when plans are compared (LZ-WRN-005..008)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from aml_landing_zone.offline.compare import compare_plans
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.plan import plan_document
from aml_landing_zone.offline.program import run_program

from tests.conftest import run_stack
from tests.stack_values import NAMESPACE, ROOT, changed, stack_config
from tests.test_data_landing_zone import default_products_config

RUNBOOK = "(see the README's upgrade notes)"
SUB = "/subscriptions/00000000-0000-0000-0000-000000000000"
HUB_ID = (
    f"{SUB}/resourceGroups/rg-contoso-ml-dev-weu-hub/providers/"
    "Microsoft.MachineLearningServices/workspaces/hub-contoso-ml-dev-weu"
)
STEM = "urn:pulumi:dev::aml-landing-zone::amllz:index:ProjectWorkspace"


def _release_0_1_projects() -> list[dict[str, Any]]:
    """The engine URNs release 0.1 (commit ca72de8) gave the dev stack's projects: each project
    named by its key at the stack's root, its workspace, diagnostic setting and member role
    assignments under it (names as 0.1 derived them)."""
    resources: list[dict[str, Any]] = []
    for key, assignments in (("fraud", ("529a4866", "bfda24a6")), ("churn", ("9bf28b5c",))):
        project = f"{STEM}::{key}"
        workspace = {
            "kind": "Project",
            "hubResourceId": HUB_ID,
            "hbiWorkspace": False,
            "resourceGroupName": "rg-contoso-ml-dev-weu-projects",
            "workspaceName": f"proj-contoso-{key}-dev",
        }
        resources += [
            {"urn": project, "type": "amllz:index:ProjectWorkspace", "name": key, "parent": None},
            {
                "urn": f"{STEM}$azure-native:machinelearningservices:Workspace::{key}-ws",
                "type": "azure-native:machinelearningservices:Workspace",
                "name": f"{key}-ws",
                "parent": project,
                "inputs": workspace,
            },
            {
                "urn": f"{STEM}$azure-native:monitor:DiagnosticSetting::{key}-ws-diag",
                "type": "azure-native:monitor:DiagnosticSetting",
                "name": f"{key}-ws-diag",
                "parent": project,
            },
        ]
        resources += [
            {
                "urn": f"{STEM}$azure-native:authorization:RoleAssignment::{key}-ra-{guid}",
                "type": "azure-native:authorization:RoleAssignment",
                "name": f"{key}-ra-{guid}",
                "parent": project,
            }
            for guid in assignments
        ]
    return resources


@pytest.fixture(scope="module")
def shared_run() -> ProgramRun:
    """Dev with every project in the hub's shared group, where 0.1 put them (tests/
    test_project_resource_groups.py makes the same run; names are the same under both naming
    schemes, tests/golden/names.json)."""
    return run_stack(
        "dev", changed(stack_config("dev"), f"{NAMESPACE}:hub.projectResourceGroups", "shared")
    )


def test_a_0_1_stack_keeps_its_project_workspaces(shared_run: ProgramRun) -> None:
    """Each 0.1 project resource is the same resource after the upgrade: the project through
    its alias to its old name at the root, its children through the alias they inherit."""
    old = {"resources": _release_0_1_projects()}
    diff = compare_plans(old, plan_document(shared_run))
    assert diff.removed == () and diff.replaced == () and diff.warnings == ()
    kept = {r["name"] for r in old["resources"]} - {r.name for r in diff.removed}
    assert kept == {
        "fraud", "fraud-ws", "fraud-ws-diag", "fraud-ra-529a4866", "fraud-ra-bfda24a6",
        "churn", "churn-ws", "churn-ws-diag", "churn-ra-9bf28b5c",
    }  # fmt: skip


def test_switching_to_a_group_per_project_warns_of_each_replaced_workspace(
    shared_run: ProgramRun, dev_run: ProgramRun
) -> None:
    diff = compare_plans(plan_document(shared_run), plan_document(dev_run))
    moves = ", ".join(
        f"proj-contoso-{key}-dev (rg-contoso-ml-dev-weu-projects -> "
        f"rg-contoso-ml-dev-weu-proj-{key})"
        for key in ("churn", "explore", "fraud")
    )
    assert diff.warnings == (
        f"[LZ-WRN-006] workspace {moves} moves to another resource group "
        "(hub.projectResourceGroups): azure-native replaces it, deleting what is in it; set the "
        f"stack's previous hub.projectResourceGroups to keep it {RUNBOOK}",
    )
    assert sorted(r.name for r in diff.replaced) == [
        "hub-churn-ws",
        "hub-explore-ws",
        "hub-fraud-ws",
    ]


def test_a_data_product_changing_kind_warns_and_replaces_what_is_in_its_workspace(
    dev_run: ProgramRun,
) -> None:
    """Dev's product 'demand' is a project; made a Default workspace, its workspace is a new
    one, and its instance, datastores and connection move to it: replaced (workspaceName is in
    their ARM ids)."""
    diff = compare_plans(
        plan_document(dev_run), plan_document(run_stack("dev", default_products_config()))
    )
    assert diff.warnings == (
        "[LZ-WRN-007] data product demand changes kind (Project -> Default; dataProducts[].kind): "
        "its workspace is deleted and another created, and its computes, datastores and "
        "connections are replaced with it; keep the kind, or add a product under a new name and "
        f"move the work first {RUNBOOK}",
    )
    assert sorted(
        (r.name, tuple(c.path for c in r.changes if c.replaces)) for r in diff.replaced
    ) == [
        ("hub-dlz-demand-ci-ci-demand-alice", ("workspaceName",)),
        ("hub-dlz-demand-conn-synapse", ("workspaceName",)),
        ("hub-dlz-demand-ds-raw", ("workspaceName",)),
        ("hub-dlz-demand-ds-workspace", ("workspaceName",)),
    ]


def test_renaming_a_default_data_product_warns() -> None:
    """The second product renamed churnlab -> churnlab2, as the program names it: every
    resource of the product under the new key, its workspace tagged with it."""
    before = plan_document(run_stack("dev", default_products_config()))
    after = json.loads(json.dumps(before).replace("churnlab", "churnlab2"))
    diff = compare_plans(before, after)
    assert diff.warnings == (
        "[LZ-WRN-005] data product churnlab disappears and churnlab2 appears: if a data product's "
        "'name' (its stable key) was renamed, its workspace is deleted with everything in it; "
        "change 'description' to rename what people see",
    )


def test_removing_environments_warns_that_everything_is_re_created(tmp_path: Path) -> None:
    """Prod without 'environments' in landing-zone.yaml: LandingZone moves to the root, and
    every resource under MultiEnvironment gets a new engine URN; the protected ones stop pulumi
    up. (The count is prod's resources under the component, read from its plan.)"""
    for name in ("Pulumi.yaml", "__main__.py", "components", "policies", "Pulumi.prod.yaml"):
        (tmp_path / name).symlink_to(ROOT / name)
    shared = yaml.safe_load((ROOT / "landing-zone.yaml").read_text())
    del shared["environments"]
    (tmp_path / "landing-zone.yaml").write_text(yaml.safe_dump(shared))
    deployed = plan_document(run_stack("prod"))
    diff = compare_plans(deployed, plan_document(run_program(tmp_path, "prod")))
    count = sum(r["type"] != "pulumi:pulumi:StackReference" for r in deployed["resources"])
    assert diff.warnings == (
        "[LZ-WRN-008] the stack no longer has 'environments' (the MultiEnvironment component): "
        f"{count} of {count} deployed resources (it and all under it) lose their URN and no "
        "alias leads back, so each is deleted and created again (protected ones stop pulumi "
        f"up); keep 'environments' (pattern single for one environment) {RUNBOOK}",
    )
    assert (len(diff.removed), diff.unchanged, len(diff.changed)) == (count, 0, 0)
    assert len(diff.blocked) == 14
