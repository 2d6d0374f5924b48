"""Stack rules over a whole compliant landing zone with one part changed.

Links between resources come from the URNs the engine records (parent, dependencies,
propertyDependencies), because during a real preview the ids of new resources are unknown;
ARM-id matching is the fallback when a value is known but no URN link was recorded.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from aml_landing_zone.offline.model import UNKNOWN
from aml_landing_zone.offline.policy_run import evaluate
from aml_landing_zone.resource_types import (
    DIAGNOSTIC_SETTING,
    ML_COMPUTE,
    ML_WORKSPACE,
    PRIVATE_ENDPOINT,
    PRIVATE_LINK_SCOPED_RESOURCE,
    STORAGE_ACCOUNT,
)

from tests.policies.fixtures import (
    STORAGE_ID,
    WORKSPACE_ID,
    arm_id,
    compute_cluster,
    diagnostic_setting,
    landing_zone,
    preset,
    private_endpoint,
    project_workspace,
    resource,
    run_of,
    scoped_resource,
    storage_account,
    verdicts,
    workspace,
)
from tests.stack_values import DELETE, changed


def test_compliant_landing_zone_passes_every_rule(all_mandatory: Path) -> None:
    run, _ = landing_zone()
    opt_in = {"ws-v1-legacy"}
    assert [v for v in evaluate(run, all_mandatory).violations if v.policy not in opt_in] == []


def test_workspace_without_private_endpoint(all_mandatory: Path) -> None:
    run, _ = landing_zone(endpoint=None)
    # the project shares its hub's endpoint, so only the hub is flagged
    assert verdicts(evaluate(run, all_mandatory), "ws-private-endpoint") == [
        ("ws-private-endpoint", "hub-aml", "mandatory")
    ]


def test_private_endpoint_of_another_group_does_not_count(all_mandatory: Path) -> None:
    run, _ = landing_zone(endpoint=private_endpoint(group="blob"))
    assert verdicts(evaluate(run, all_mandatory), "ws-private-endpoint") == [
        ("ws-private-endpoint", "hub-aml", "mandatory")
    ]


def test_private_endpoint_linked_by_id_when_no_urn_link(all_mandatory: Path) -> None:
    """A hand-written id (no propertyDependencies) still links by ARM id."""
    _, parts = landing_zone()
    endpoint = resource(PRIVATE_ENDPOINT, "pep-by-id", private_endpoint(target=WORKSPACE_ID))
    others = [p for key, p in parts.items() if key != "endpoint"]
    assert verdicts(evaluate(run_of(*others, endpoint), all_mandatory), "ws-private-endpoint") == []
    elsewhere = resource(
        PRIVATE_ENDPOINT,
        "pep-elsewhere",
        private_endpoint(target=arm_id("Microsoft.MachineLearningServices/workspaces", "other")),
    )
    assert verdicts(evaluate(run_of(*others, elsewhere), all_mandatory), "ws-private-endpoint") == [
        ("ws-private-endpoint", "hub-aml", "mandatory")
    ]


def test_unknown_target_links_through_property_dependencies(all_mandatory: Path) -> None:
    """During a preview the workspace id is unknown; the URN link still finds the endpoint."""
    unknown_target = changed(
        private_endpoint(), "privateLinkServiceConnections[0].privateLinkServiceId", UNKNOWN
    )
    run, _ = landing_zone(endpoint=unknown_target)
    result = evaluate(run, all_mandatory)
    assert verdicts(result, "ws-private-endpoint") == []
    # the resource rule that needs the id has nothing to judge yet: no finding, no note (it runs
    # again in `pulumi up` with the id known)
    assert verdicts(result, "pe-same-subscription") == []
    assert not [v for v in result.violations if "can't run policy" in v.message]


def test_monitoring_resource_in_no_private_link_scope(all_mandatory: Path) -> None:
    run, _ = landing_zone(insights_link=None)
    assert verdicts(evaluate(run, all_mandatory), "monitor-private-link") == [
        ("monitor-private-link", "appi-aml", "mandatory")
    ]
    run, _ = landing_zone(insights_link=None, logs_link=None)
    assert verdicts(evaluate(run, all_mandatory), "monitor-private-link") == [
        ("monitor-private-link", "appi-aml", "mandatory"),
        ("monitor-private-link", "log-aml", "mandatory"),
    ]


def test_private_link_scope_link_found_by_id(all_mandatory: Path) -> None:
    """Without a URN link the scoped resource's linkedResourceId names the resource."""
    _, parts = landing_zone()
    others = [p for key, p in parts.items() if key != "logs_link"]
    logs_id = arm_id("Microsoft.OperationalInsights/workspaces", "log-aml")
    by_id = resource(PRIVATE_LINK_SCOPED_RESOURCE, "by-id", scoped_resource(logs_id, "log-aml"))
    assert verdicts(evaluate(run_of(*others, by_id), all_mandatory), "monitor-private-link") == []
    elsewhere = resource(
        PRIVATE_LINK_SCOPED_RESOURCE,
        "elsewhere",
        scoped_resource(arm_id("Microsoft.OperationalInsights/workspaces", "other"), "other"),
    )
    assert verdicts(
        evaluate(run_of(*others, elsewhere), all_mandatory), "monitor-private-link"
    ) == [("monitor-private-link", "log-aml", "mandatory")]


def test_workspace_without_diagnostics(all_mandatory: Path) -> None:
    run, _ = landing_zone(diagnostics=None)
    assert verdicts(evaluate(run, all_mandatory), "ws-diagnostics") == [
        ("ws-diagnostics", "hub-aml", "mandatory")
    ]


def test_diagnostic_setting_without_logs_or_destination_does_not_count(all_mandatory: Path) -> None:
    for broken in (
        changed(diagnostic_setting(), "logs[0].enabled", False),
        changed(diagnostic_setting(), "logs", []),
        changed(diagnostic_setting(), "workspaceId", DELETE),
    ):
        run, _ = landing_zone(diagnostics=broken)
        assert verdicts(evaluate(run, all_mandatory), "ws-diagnostics") == [
            ("ws-diagnostics", "hub-aml", "mandatory")
        ]


def test_hbi_workspace_with_public_storage(all_mandatory: Path) -> None:
    run, _ = landing_zone(storage=changed(storage_account(), "publicNetworkAccess", "Enabled"))
    # the project keeps its data in the hub's storage account
    assert verdicts(evaluate(run, all_mandatory), "ws-hbi-storage-private") == [
        ("ws-hbi-storage-private", "hub-aml", "mandatory"),
        ("ws-hbi-storage-private", "proj-fraud", "mandatory"),
    ]


def test_non_hbi_workspace_may_use_public_storage(all_mandatory: Path) -> None:
    run, _ = landing_zone(
        storage=changed(storage_account(), "publicNetworkAccess", "Enabled"),
        workspace=changed(workspace(), "hbiWorkspace", False),
        project=changed(project_workspace(), "hbiWorkspace", False),
    )
    assert verdicts(evaluate(run, all_mandatory), "ws-hbi-storage-private") == []


def test_workspace_default_storage_shape(all_mandatory: Path) -> None:
    for path, value in (
        ("isHnsEnabled", True),
        ("sku.name", "Premium_LRS"),
        ("kind", "BlobStorage"),
    ):
        run, _ = landing_zone(storage=changed(storage_account(), path, value))
        assert verdicts(evaluate(run, all_mandatory), "storage-workspace-default") == [
            ("storage-workspace-default", "staml", "mandatory")
        ], path


def test_workspace_default_storage_linked_by_id(all_mandatory: Path) -> None:
    """Without a URN link the workspace's storageAccount id names the account."""
    hns = resource(STORAGE_ACCOUNT, "st-hns", changed(storage_account(), "isHnsEnabled", True))
    other = resource(
        STORAGE_ACCOUNT,
        "st-other",
        changed(changed(storage_account(), "accountName", "stother"), "isHnsEnabled", True),
    )
    hub = resource(ML_WORKSPACE, "hub", changed(workspace(), "storageAccount", STORAGE_ID))
    result = evaluate(run_of(hns, other, hub), all_mandatory)
    assert verdicts(result, "storage-workspace-default") == [
        ("storage-workspace-default", "st-hns", "mandatory")
    ]


def test_storage_id_names_the_resource_group_too(all_mandatory: Path) -> None:
    """An account of the same name in another resource group is another account."""
    hub = resource(ML_WORKSPACE, "hub", changed(workspace(), "storageAccount", STORAGE_ID))
    hns = changed(storage_account(), "isHnsEnabled", True)
    elsewhere = resource(STORAGE_ACCOUNT, "st-elsewhere", changed(hns, "resourceGroupName", "rg-x"))
    result = evaluate(run_of(elsewhere, hub), all_mandatory)
    assert verdicts(result, "storage-workspace-default") == []


def test_storage_known_by_its_name_output_is_linked_by_id(all_mandatory: Path) -> None:
    """Without its name input (accountName), an account's ``name`` output is its name."""
    hub = resource(ML_WORKSPACE, "hub", changed(workspace(), "storageAccount", STORAGE_ID))
    hns = changed(storage_account(), "isHnsEnabled", True)
    named = resource(
        STORAGE_ACCOUNT, "st-named", {**changed(hns, "accountName", DELETE), "name": "staml"}
    )
    result = evaluate(run_of(named, hub), all_mandatory)
    assert verdicts(result, "storage-workspace-default") == [
        ("storage-workspace-default", "st-named", "mandatory")
    ]


def test_compute_without_subnet_needs_a_managed_network(all_mandatory: Path) -> None:
    no_subnet = changed(compute_cluster(), "properties.properties.subnet", DELETE)
    run, _ = landing_zone(cluster=no_subnet)
    assert verdicts(evaluate(run, all_mandatory), "compute-subnet") == []
    run, _ = landing_zone(
        cluster=no_subnet,
        workspace=changed(workspace(), "managedNetwork.isolationMode", "Disabled"),
    )
    assert verdicts(evaluate(run, all_mandatory), "compute-subnet") == [
        ("compute-subnet", "cluster", "mandatory")
    ]


def test_compute_of_a_workspace_outside_the_stack(all_mandatory: Path) -> None:
    no_subnet = changed(compute_cluster(), "properties.properties.subnet", DELETE)
    lone = resource(ML_COMPUTE, "lone", changed(no_subnet, "workspaceName", "elsewhere"))
    assert verdicts(evaluate(run_of(lone), all_mandatory), "compute-subnet") == [
        ("compute-subnet", "lone", "mandatory")
    ]


def test_compute_of_another_stacks_managed_network_workspace(config) -> None:
    """A product team's compute under a platform hub of another stack: the pack parameter
    names the hub (by name or id), so the compute is not flagged; other workspaces still are."""
    no_subnet = changed(compute_cluster(), "properties.properties.subnet", DELETE)
    lone = resource(ML_COMPUTE, "lone", changed(no_subnet, "workspaceName", "elsewhere"))
    hub_id = arm_id("Microsoft.MachineLearningServices/workspaces", "elsewhere")
    for listed in ("elsewhere", hub_id):
        declared = config(
            {
                "all": "mandatory",
                "compute-subnet": {
                    "enforcementLevel": "mandatory",
                    "managedNetworkWorkspaces": [listed],
                },
            }
        )
        assert verdicts(evaluate(run_of(lone), declared), "compute-subnet") == []
    other = config(
        {
            "all": "mandatory",
            "compute-subnet": {"enforcementLevel": "mandatory", "managedNetworkWorkspaces": ["x"]},
        }
    )
    assert verdicts(evaluate(run_of(lone), other), "compute-subnet") == [
        ("compute-subnet", "lone", "mandatory")
    ]


def test_compute_of_a_project_whose_hub_is_in_another_stack(config) -> None:
    """The project is in this stack, its hub is not: the hub's id in the parameter exempts it."""
    hub_id = arm_id("Microsoft.MachineLearningServices/workspaces", "hub-platform")
    project = resource(ML_WORKSPACE, "proj", changed(project_workspace(), "hubResourceId", hub_id))
    cluster = resource(
        ML_COMPUTE,
        "ci",
        changed(
            changed(compute_cluster(), "properties.properties.subnet", DELETE),
            "workspaceName",
            project.inputs["workspaceName"],
        ),
    )
    flagged = config({"all": "mandatory"})
    assert verdicts(evaluate(run_of(project, cluster), flagged), "compute-subnet") == [
        ("compute-subnet", "ci", "mandatory")
    ]
    declared = config(
        {
            "all": "mandatory",
            "compute-subnet": {
                "enforcementLevel": "mandatory",
                "managedNetworkWorkspaces": [hub_id],
            },
        }
    )
    assert verdicts(evaluate(run_of(project, cluster), declared), "compute-subnet") == []


def test_compute_found_by_workspace_name(all_mandatory: Path) -> None:
    """No URN link: the compute's workspaceName matches the workspace's."""
    no_subnet = changed(compute_cluster(), "properties.properties.subnet", DELETE)
    hub = resource(ML_WORKSPACE, "hub", workspace())
    cluster = resource(ML_COMPUTE, "cluster", no_subnet)
    assert verdicts(evaluate(run_of(hub, cluster), all_mandatory), "compute-subnet") == []


def test_prod_protect_only_in_prod() -> None:
    _, parts = landing_zone()
    run = run_of(*(replace(p, protect=False) if p.name == "staml" else p for p in parts.values()))
    assert verdicts(evaluate(run, preset("prod")), "prod-protect") == [
        ("prod-protect", "staml", "mandatory")
    ]
    assert verdicts(evaluate(run, preset("test")), "prod-protect") == [
        ("prod-protect", "staml", "advisory")
    ]
    assert verdicts(evaluate(run, preset("dev")), "prod-protect") == []


def test_unknown_uri_without_urn_link_falls_back_to_the_parent(all_mandatory: Path) -> None:
    _, parts = landing_zone()
    hub = parts["workspace"]
    unknown = changed(diagnostic_setting(), "resourceUri", UNKNOWN)
    others = [p for key, p in parts.items() if key != "diagnostics"]
    orphan = resource(DIAGNOSTIC_SETTING, "diag-orphan", unknown)
    assert verdicts(evaluate(run_of(*others, orphan), all_mandatory), "ws-diagnostics") == [
        ("ws-diagnostics", "hub-aml", "mandatory")
    ]
    child = resource(DIAGNOSTIC_SETTING, "diag-child", unknown, parent=hub.urn)
    assert verdicts(evaluate(run_of(*others, child), all_mandatory), "ws-diagnostics") == []
