"""The offline policy run: remediation, wire form, the result's API and its speed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from aml_landing_zone.offline.model import SECRET_SIG_KEY, SECRET_SIG_VALUE
from aml_landing_zone.offline.policy_run import _options, _servicer, evaluate
from aml_landing_zone.offline.policy_summary import format_text
from aml_landing_zone.resource_types import ML_COMPUTE, STORAGE_ACCOUNT
from google.protobuf import json_format, struct_pb2
from pulumi.runtime import proto

from tests.policies.fixtures import (
    compute_cluster,
    compute_instance,
    evaluate_one,
    landing_zone,
    preset,
    resource,
    run_of,
    storage_account,
    verdicts,
    workspace,
    write_config,
)
from tests.stack_values import DELETE, changed

LOCAL_AUTH = "properties.disableLocalAuth"


def test_dev_remediates_local_auth_instead_of_reporting_it() -> None:
    run, _ = landing_zone(cluster=changed(compute_cluster(), LOCAL_AUTH, False))
    dev = evaluate(run, preset("dev"))
    assert verdicts(dev, "compute-local-auth") == []
    assert [(r.policy, r.urn.rsplit("::", 1)[-1]) for r in dev.remediations] == [
        ("compute-local-auth", "cluster")
    ]
    prod = evaluate(run, preset("prod"))
    assert verdicts(prod, "compute-local-auth") == [("compute-local-auth", "cluster", "mandatory")]
    assert prod.remediations == []


def test_remediation_sets_the_flag_and_keeps_secrets_secret(tmp_path: Path) -> None:
    """Through the servicer's Remediate, with the Struct the engine would send."""
    password = {SECRET_SIG_KEY: SECRET_SIG_VALUE, "value": "hunter2"}
    inputs = changed(compute_instance(), LOCAL_AUTH, DELETE)
    inputs = changed(inputs, "properties.properties.adminPassword", password)
    servicer = _servicer()
    request = proto.ConfigureAnalyzerRequest()
    request.policyConfig["compute-local-auth"].enforcementLevel = proto.REMEDIATE
    servicer.Configure(request, None)
    properties = struct_pb2.Struct()
    properties.update(inputs)
    response = servicer.Remediate(
        proto.AnalyzeRequest(type=ML_COMPUTE, properties=properties, urn="urn:x", name="x"), None
    )
    (remediation,) = response.remediations
    assert remediation.policyName == "compute-local-auth"
    fixed = json_format.MessageToDict(remediation.properties)
    assert fixed["properties"]["disableLocalAuth"] is True
    assert fixed["properties"]["properties"]["adminPassword"] == password
    assert fixed["properties"]["properties"]["vmSize"] == "Standard_DS11_v2"


def test_remediation_leaves_other_computes_alone() -> None:
    aks = {"properties": {"computeType": "AKS", "resourceId": "/x"}, "location": "westeurope"}
    run = run_of(resource(ML_COMPUTE, "aks", aks), resource(ML_COMPUTE, "ok", compute_cluster()))
    assert evaluate(run, preset("dev")).remediations == []


def test_setup_script_remediation_appends_the_configured_script(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        {"compute-setup-script": {"enforcementLevel": "remediate", "scriptData": "ZWNobyBoaQ=="}},
    )
    result = evaluate_one(ML_COMPUTE, compute_instance(), path)
    assert [r.policy for r in result.remediations] == ["compute-setup-script"]
    assert verdicts(result, "compute-setup-script") == []


def test_resource_references_reach_the_pack_as_ids(all_mandatory: Path) -> None:
    """The engine marshals resource references as their ids for analyzers."""
    reference = {
        SECRET_SIG_KEY: "5cf8f73096256a8f31e491e813e4eb8e",
        "urn": "urn:pulumi:test::aml::azure-native:network:Subnet::snet",
        "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/x/subnets/snet",
    }
    cluster = changed(compute_cluster(), "properties.properties.subnet.id", reference)
    result = evaluate_one(ML_COMPUTE, cluster, all_mandatory)
    assert result.violations == []


def test_analyzers_get_the_options_the_engine_sends_them() -> None:
    """protect, parent and ignoreChanges, as in the engine's AnalyzerResourceOptions."""
    recorded = replace(
        resource(STORAGE_ACCOUNT, "st", storage_account(), protect=True, parent="urn:p"),
        ignore_changes=("cors",),
    )
    options = _options(recorded)
    assert (options.protect, options.parent, list(options.ignoreChanges)) == (
        True,
        "urn:p",
        ["cors"],
    )


def test_component_resources_are_analysed_but_match_no_rule(all_mandatory: Path) -> None:
    component = replace(
        resource("aml:index:Hub", "hub", {"location": "mars", "tags": {}}), custom=False
    )
    assert evaluate(run_of(component), all_mandatory).violations == []


def test_result_is_sorted_counted_and_serialisable(all_mandatory: Path) -> None:
    run, _ = landing_zone(
        storage=changed(storage_account(), "minimumTlsVersion", "TLS1_0"),
        workspace=changed(workspace(), "publicNetworkAccess", "Enabled"),
        endpoint=None,
    )
    result = evaluate(run, preset("dev"))
    levels = [v.enforcement for v in result.violations]
    assert levels == sorted(levels, key=["mandatory", "advisory"].index)
    assert result.mandatory == levels.count("mandatory") == 1
    data = result.to_json()
    assert data["pack"] == "aml-landing-zone"
    assert data["config"] == "policies/config/dev.json"
    assert set(data) == {"pack", "config", "violations"}
    assert data["violations"][0] == {
        "policy": "storage-tls",
        "urn": "urn:pulumi:test::aml::azure-native:storage:StorageAccount::staml",
        "enforcement": "mandatory",
        "message": result.violations[0].message,
    }
    assert evaluate(run, preset("dev")).to_json() == data


def test_text_report_groups_by_level_mandatory_first() -> None:
    run, _ = landing_zone(
        storage=changed(storage_account(), "minimumTlsVersion", "TLS1_0"),
        workspace=changed(workspace(), "publicNetworkAccess", "Enabled"),
    )
    text = format_text(evaluate(run, preset("dev")))
    assert text.splitlines()[0] == (
        "Policy pack aml-landing-zone with policies/config/dev.json: 1 mandatory, 1 advisory"
    )
    assert text.index("MANDATORY") < text.index("[storage-tls] staml (azure-native:storage:")
    assert text.index("ADVISORY") < text.index("[ws-public-network] hub-aml (azure-native:")
    assert text.index("MANDATORY") < text.index("ADVISORY")
    assert "minimumTlsVersion is 'TLS1_0'; set it to 'TLS1_2'." in text


def test_config_outside_the_project_keeps_its_path(tmp_path: Path) -> None:
    path = write_config(tmp_path, {})
    result = evaluate_one(STORAGE_ACCOUNT, storage_account(), path)
    assert result.config == path.as_posix()
