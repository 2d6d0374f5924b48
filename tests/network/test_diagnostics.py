"""Central diagnostics: every resource that supports diagnostic settings gets exactly one, to the
one Log Analytics workspace of the landing zone (the hub's own, or a central one)."""

from __future__ import annotations

import pytest
from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import of_type, one
from tests.network.scenarios import CENTRAL_LOG, scenario

DIAG = "azure-native:monitor:DiagnosticSetting"
LOG = "azure-native:operationalinsights:Workspace"
APPI = "azure-native:applicationinsights:Component"
# type -> (sends logs, sends metrics)
DIAGNOSABLE = {
    "azure-native:machinelearningservices:Workspace": (True, True),
    "azure-native:storage:StorageAccount": (False, True),
    "azure-native:storage:BlobServiceProperties": (True, True),
    "azure-native:storage:FileServiceProperties": (True, True),
    "azure-native:keyvault:Vault": (True, True),
    "azure-native:containerregistry:Registry": (True, True),
    "azure-native:network:VirtualNetwork": (True, True),
    "azure-native:network:NetworkSecurityGroup": (True, False),
}


def expected_workspace(run: ProgramRun, name: str) -> str:
    if name == "enterprise":
        return CENTRAL_LOG
    workspace_id = run.outputs["hub"]["logAnalyticsWorkspaceId"]
    assert workspace_id.endswith("/workspaces/" + one(run, LOG).inputs["workspaceName"])
    return workspace_id


@pytest.mark.parametrize("name", ["baseline", "enterprise", "us-gov", "regulated"])
def test_every_diagnosable_resource_has_exactly_one_setting(name: str) -> None:
    run = scenario(name)
    workspace_id = expected_workspace(run, name)
    settings = of_type(run, DIAG)
    targets = [r for r in run.resources if r.type in DIAGNOSABLE]
    assert len(settings) == len(targets)
    for target in targets:
        mine = [s for s in settings if s.property_dependencies["resourceUri"] == (target.urn,)]
        assert len(mine) == 1, target.urn
        inputs = mine[0].inputs
        assert inputs["workspaceId"] == workspace_id
        assert inputs["name"] == "send-to-log-analytics"  # renaming one makes a second setting
        logs, metrics = DIAGNOSABLE[target.type]
        assert (inputs.get("logs") == [{"categoryGroup": "allLogs", "enabled": True}]) is logs
        assert (inputs.get("metrics") == [{"category": "AllMetrics", "enabled": True}]) is metrics


def test_project_workspaces_report_to_the_same_workspace(dev_run: ProgramRun) -> None:
    projects = [
        w
        for w in of_type(dev_run, "azure-native:machinelearningservices:Workspace")
        if w.inputs["kind"] == "Project"
    ]
    assert len(projects) == 4  # fraud, churn, the dev exploration workspace, the demand product
    for project in projects:
        (setting,) = [
            s
            for s in of_type(dev_run, DIAG)
            if s.property_dependencies["resourceUri"] == (project.urn,)
        ]
        assert setting.parent == project.parent  # the project component's own child
        assert setting.inputs["workspaceId"] == dev_run.outputs["hub"]["logAnalyticsWorkspaceId"]


def test_central_workspace_replaces_the_hubs_own_everywhere() -> None:
    run = scenario("enterprise")
    assert of_type(run, LOG) == []
    assert one(run, APPI).inputs["workspaceResourceId"] == CENTRAL_LOG
    assert run.outputs["hub"]["logAnalyticsWorkspaceId"] == CENTRAL_LOG


def test_hub_creates_its_own_workspace_without_a_central_one(dev_run: ProgramRun) -> None:
    log = one(dev_run, LOG)
    assert (
        one(dev_run, APPI)
        .inputs["workspaceResourceId"]
        .endswith("/workspaces/" + log.inputs["workspaceName"])
    )
