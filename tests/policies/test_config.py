"""Policy parameters and presets, read with the CLI's ``--policy-pack-config`` semantics."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aml_landing_zone.offline.policy_run import PolicyConfigError, evaluate
from aml_landing_zone.policies.pack import ALL_POLICIES
from aml_landing_zone.resource_types import (
    ML_COMPUTE,
    ML_WORKSPACE,
    PRIVATE_ENDPOINT,
    STORAGE_ACCOUNT,
)

from tests.policies.fixtures import (
    OTHER_SUB,
    SUBJECT,
    compute_cluster,
    compute_instance,
    evaluate_one,
    landing_zone,
    messages,
    preset,
    private_endpoint,
    storage_account,
    verdicts,
    workspace,
)
from tests.stack_values import changed

Config = Callable[[dict[str, Any]], Path]
IDLE = "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown"


@pytest.mark.parametrize(
    ("idle", "limit", "violates"),
    [
        ("PT15M", "PT15M", False),
        ("PT900S", "PT15M", False),
        ("PT20M", "PT15M", True),
        ("PT0.25H", "PT900S", False),
        ("PT1H", "PT30M", True),
        ("P1D", "PT23H", True),
    ],
)
def test_idle_durations_compare_as_time(
    idle: str, limit: str, violates: bool, config: Config
) -> None:
    path = config(
        {
            "all": "disabled",
            "compute-cluster-scale": {
                "enforcementLevel": "mandatory",
                "maxNodeIdleTimeBeforeScaleDown": limit,
            },
        }
    )
    result = evaluate_one(ML_COMPUTE, changed(compute_cluster(), IDLE, idle), path)
    expected = [("compute-cluster-scale", SUBJECT, "mandatory")] if violates else []
    assert verdicts(result, "compute-cluster-scale") == expected


def test_scale_limits_are_parameters(config: Config) -> None:
    cluster = changed(compute_cluster(), "properties.properties.scaleSettings.maxNodeCount", 8)
    strict = config({"compute-cluster-scale": {"enforcementLevel": "mandatory", "maxNodeCount": 6}})
    assert messages(evaluate_one(ML_COMPUTE, cluster, strict), "compute-cluster-scale") == [
        "properties.properties.scaleSettings.maxNodeCount is 8, above the limit of 6."
    ]
    roomy = config({"compute-cluster-scale": {"enforcementLevel": "mandatory", "maxNodeCount": 8}})
    assert verdicts(evaluate_one(ML_COMPUTE, cluster, roomy), "compute-cluster-scale") == []


def test_allowed_vm_sizes_are_a_parameter(config: Config) -> None:
    gpu_only = config(
        {
            "compute-vm-size": {
                "enforcementLevel": "mandatory",
                "allowedVmSizes": ["standard_nc6s_v3"],
            }
        }
    )
    instance = compute_instance()
    assert verdicts(evaluate_one(ML_COMPUTE, instance, gpu_only), "compute-vm-size") == [
        ("compute-vm-size", SUBJECT, "mandatory")
    ]
    gpu = changed(instance, "properties.properties.vmSize", "Standard_NC6s_v3")
    assert verdicts(evaluate_one(ML_COMPUTE, gpu, gpu_only), "compute-vm-size") == []


def test_isolation_mode_is_a_parameter(config: Config) -> None:
    internet = changed(workspace(), "managedNetwork.isolationMode", "AllowInternetOutbound")
    relaxed = config(
        {
            "ws-managed-network": {
                "enforcementLevel": "mandatory",
                "isolationMode": "AllowInternetOutbound",
            }
        }
    )
    assert verdicts(evaluate_one(ML_WORKSPACE, internet, relaxed), "ws-managed-network") == []
    assert verdicts(evaluate_one(ML_WORKSPACE, workspace(), relaxed), "ws-managed-network") == []
    disabled = changed(workspace(), "managedNetwork.isolationMode", "Disabled")
    assert verdicts(evaluate_one(ML_WORKSPACE, disabled, relaxed), "ws-managed-network") == [
        ("ws-managed-network", SUBJECT, "mandatory")
    ]


def test_locations_and_global_are_parameters(config: Config) -> None:
    nordic = config({"allowed-locations": {"locations": ["swedencentral"], "allowGlobal": False}})
    assert verdicts(
        evaluate_one(STORAGE_ACCOUNT, storage_account(), nordic), "allowed-locations"
    ) == [("allowed-locations", SUBJECT, "mandatory")]
    global_zone = changed(storage_account(), "location", "global")
    assert verdicts(evaluate_one(STORAGE_ACCOUNT, global_zone, nordic), "allowed-locations") == [
        ("allowed-locations", SUBJECT, "mandatory")
    ]


def test_required_tags_are_a_parameter(config: Config) -> None:
    project_tag = config({"required-tags": {"tags": ["environment", "project"]}})
    result = evaluate_one(STORAGE_ACCOUNT, storage_account(), project_tag)
    assert messages(result, "required-tags") == ["tags project are missing or empty."]


def test_private_endpoint_subscription_allow_list(config: Config) -> None:
    target = f"/subscriptions/{OTHER_SUB}/resourceGroups/rg/providers/Microsoft.Storage/x/y"
    endpoint = changed(
        private_endpoint(), "privateLinkServiceConnections[0].privateLinkServiceId", target
    )
    allowed = config({"pe-same-subscription": {"allowedSubscriptionIds": [OTHER_SUB.upper()]}})
    assert verdicts(evaluate_one(PRIVATE_ENDPOINT, endpoint, allowed), "pe-same-subscription") == []


def test_setup_script_applies_once_configured(config: Config) -> None:
    instance = compute_instance()
    unconfigured = config({"compute-setup-script": "mandatory"})
    assert verdicts(evaluate_one(ML_COMPUTE, instance, unconfigured), "compute-setup-script") == []
    configured = config(
        {"compute-setup-script": {"enforcementLevel": "mandatory", "scriptData": "ZWNobyBoaQ=="}}
    )
    assert verdicts(evaluate_one(ML_COMPUTE, instance, configured), "compute-setup-script") == [
        ("compute-setup-script", SUBJECT, "mandatory")
    ]
    scripted = changed(
        instance,
        "properties.properties.setupScripts.scripts.creationScript",
        {"scriptSource": "Inline", "scriptData": "ZWNobyBoaQ=="},
    )
    assert verdicts(evaluate_one(ML_COMPUTE, scripted, configured), "compute-setup-script") == []


# ---------------------------------------------------------------------------------------------
# Presets
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("env", ["dev", "test", "prod"])
def test_preset_names_every_policy(env: str) -> None:
    entries = json.loads(preset(env).read_text())
    assert sorted(entries) == sorted(p.name for p in ALL_POLICIES)


@pytest.mark.parametrize(
    ("env", "level"), [("dev", "advisory"), ("test", "mandatory"), ("prod", "mandatory")]
)
def test_public_workspace_per_environment(env: str, level: str) -> None:
    run, _ = landing_zone(workspace=changed(workspace(), "publicNetworkAccess", "Enabled"))
    assert verdicts(evaluate(run, preset(env)), "ws-public-network") == [
        ("ws-public-network", "hub-aml", level)
    ]


@pytest.mark.parametrize(
    ("env", "size", "violates"),
    [
        ("dev", "Standard_E4ds_v4", False),
        ("dev", "Standard_NC6s_v3", False),
        ("dev", "Standard_E16ds_v4", True),
        ("prod", "Standard_E16ds_v4", False),
    ],
)
def test_preset_vm_sizes(env: str, size: str, violates: bool) -> None:
    cluster = changed(compute_cluster(), "properties.properties.vmSize", size)
    run, _ = landing_zone(cluster=cluster)
    expected = [("compute-vm-size", "cluster", "mandatory")] if violates else []
    assert verdicts(evaluate(run, preset(env)), "compute-vm-size") == expected


def test_dev_reports_internet_outbound_as_advisory_and_prod_stops_it() -> None:
    internet = changed(workspace(), "managedNetwork.isolationMode", "AllowInternetOutbound")
    run, _ = landing_zone(workspace=internet)
    assert verdicts(evaluate(run, preset("dev")), "ws-managed-network") == [
        ("ws-managed-network", "hub-aml", "advisory")
    ]
    assert verdicts(evaluate(run, preset("prod")), "ws-managed-network") == [
        ("ws-managed-network", "hub-aml", "mandatory")
    ]


# ---------------------------------------------------------------------------------------------
# Config semantics and errors
# ---------------------------------------------------------------------------------------------


def test_all_sets_every_level_and_entries_override(config: Config) -> None:
    open_storage = changed(storage_account(), "minimumTlsVersion", "TLS1_0")
    open_storage = changed(open_storage, "allowSharedKeyAccess", True)
    path = config({"all": "disabled", "storage-tls": "advisory"})
    result = evaluate_one(STORAGE_ACCOUNT, open_storage, path)
    assert [(v.policy, v.enforcement) for v in result.violations] == [("storage-tls", "advisory")]


def test_defaults_fill_parameters_left_out(config: Config) -> None:
    """An entry with only a level keeps the schema's defaults (maxNodeCount 10)."""
    cluster = changed(compute_cluster(), "properties.properties.scaleSettings.maxNodeCount", 11)
    path = config({"compute-cluster-scale": "mandatory"})
    assert messages(evaluate_one(ML_COMPUTE, cluster, path), "compute-cluster-scale") == [
        "properties.properties.scaleSettings.maxNodeCount is 11, above the limit of 10."
    ]


def test_empty_config_file_means_the_policies_own_levels(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("")
    public = changed(workspace(), "publicNetworkAccess", "Enabled")
    assert verdicts(evaluate_one(ML_WORKSPACE, public, empty), "ws-public-network") == [
        ("ws-public-network", SUBJECT, "mandatory")
    ]


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        (
            {"storage-tls": "block"},
            "storage-tls: 'block' is not an enforcement level (advisory, mandatory, remediate "
            "or disabled)",
        ),
        ({"storage-tls": {"enforcementLevel": "strict"}}, "'strict' is not an enforcement level"),
        ({"storage-tls": 3}, "storage-tls: 3 must be an enforcement level or an object"),
        ({"storage-tsl": "mandatory"}, "storage-tsl: no such policy"),
        ({"compute-vm-size": {"allowedSizes": []}}, "unknown parameter(s) allowedSizes"),
        ({"compute-cluster-scale": {"maxNodeCount": "ten"}}, "maxNodeCount: 'ten' is not of type"),
        ({"compute-cluster-scale": {"maxNodeCount": -1}}, "maxNodeCount: -1 is less than"),
        (
            {"compute-cluster-scale": {"maxNodeIdleTimeBeforeScaleDown": "15 minutes"}},
            "'15 minutes' does not match",
        ),
        ({"ws-managed-network": {"isolationMode": "Open"}}, "'Open' is not one of"),
    ],
)
def test_invalid_config_is_a_clear_error(
    content: dict[str, Any], complaint: str, config: Config
) -> None:
    path = config(content)
    run, _ = landing_zone()
    with pytest.raises(PolicyConfigError) as raised:
        evaluate(run, path)
    assert complaint in str(raised.value)
    assert str(path) in str(raised.value)
