"""offline-preview end to end, as a user runs it: the JSON plan's shape, byte-identical runs, the
policy contract of each shipped stack, an insecure stack stopped by name, and a bad config that
exits 2 with one message, no traceback and nothing registered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aml_landing_zone.errors import ConfigError
from aml_landing_zone.offline import cli, recorder
from aml_landing_zone.offline.plan import dump_plan
from aml_landing_zone.offline.policy_run import evaluate
from aml_landing_zone.offline.policy_summary import format_text
from aml_landing_zone.offline.program import run_program
from aml_landing_zone.offline.report import render_report
from aml_landing_zone.policies.stack_keys import STACK_KEYS

from tests.conftest import approved_outbound_only_dev, run_stack
from tests.offline.test_offline_plan import RESOURCE_KEYS
from tests.stack_values import ROOT, changed, stack_config

PRESETS = ROOT / "policies" / "config"


def preview(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main([*args])
    out, err = capsys.readouterr()
    return code, out, err


def test_dev_plan_document_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = preview(
        capsys, "--stack", "dev", "--format", "json", "--project-dir", str(ROOT)
    )
    assert (code, err) == (0, "")
    plan = json.loads(out)
    assert set(plan) == {"project", "stack", "resources", "outputs", "policies", "findings"}
    assert (plan["project"], plan["stack"]) == ("aml-landing-zone", "dev")
    urns = {r["urn"] for r in plan["resources"]}
    for resource in plan["resources"]:
        assert set(resource) == RESOURCE_KEYS
        assert set(resource["dependencies"]) <= urns, resource["urn"]
        assert all("_" not in key for key in resource["inputs"]), resource["urn"]  # camelCase
    assert set(plan["policies"]) == {"pack", "config", "violations"}
    assert plan["policies"]["config"] == "policies/config/dev.json"
    for violation in plan["policies"]["violations"]:
        assert set(violation) == {"policy", "urn", "enforcement", "message"}
    assert plan["outputs"]["hub"]["hubName"] == "hub-contoso-ml-dev-weu"

    # another, independent run of the same stack gives the same bytes
    other_run = run_stack("dev")
    other = dump_plan(other_run, evaluate(other_run, PRESETS / "dev.json").to_json())
    assert other == out


def test_text_preview_shows_tree_counts_outputs_and_policies() -> None:
    run = run_stack("dev")
    text = render_report(run) + format_text(evaluate(run, PRESETS / "dev.json"))
    assert "hub  (amllz:index:Hub)" in text
    assert "fraud  (amllz:index:ProjectWorkspace)" in text
    assert "Resources by type:" in text and "Outputs:" in text
    assert "policies/config/dev.json: 0 mandatory, 4 advisory" in text


def findings(stack: str, config: dict | None = None) -> set[tuple[str, str, str]]:
    result = evaluate(run_stack(stack, config), PRESETS / f"{stack}.json")
    return {(v.policy, v.urn.rsplit("::", 1)[-1], v.enforcement) for v in result.violations}


def test_prod_stack_passes_every_prod_rule() -> None:
    assert findings("prod") == set()


# hub.monitoring.private: false, on the two resources it leaves public
PUBLIC_MONITORING = {
    ("monitor-public-network", "hub-log", "advisory"),
    ("monitor-public-network", "hub-appi", "advisory"),
}


def test_dev_advisories_are_exactly_the_relaxations_dev_chose() -> None:
    assert findings("dev") == {
        ("ws-user-assigned-identity", "hub-hub", "advisory"),  # identity: SystemAssigned
        ("ws-managed-network", "hub-hub", "advisory"),  # isolationMode: AllowInternetOutbound
        *PUBLIC_MONITORING,
    }
    tightened = approved_outbound_only_dev()  # the relaxation removed: its finding goes too
    assert findings("dev", tightened) == {
        ("ws-user-assigned-identity", "hub-hub", "advisory"),
        *PUBLIC_MONITORING,
    }


def test_test_stack_advisories_are_its_teardown_and_key_relaxations() -> None:
    stateful = {"hub-hub", "hub-st", "hub-kv", "hub-cr", "hub-log", "hub-fraud-ws", "hub-churn-ws"}
    stateful.add("hub-dlz-demand-ws")  # the data product's project, torn down with the stack
    assert findings("test") == {("prod-protect", name, "advisory") for name in stateful} | {
        ("ws-cmk", "hub-hub", "advisory")
    }


def test_pack_defaults_report_only_what_the_stack_config_changes(tmp_path: Path) -> None:
    """With no preset (the rules' own defaults, all mandatory unless a rule says otherwise),
    every finding on a shipped stack is one a key of its Pulumi.<stack>.yaml fixes: prod sets
    them all and has none. Project workspaces keep the system-assigned identity the component
    gives them, which the rule's default exempts."""
    no_preset = tmp_path / "empty.json"
    no_preset.write_text("{}")
    found = {}
    for stack in ("dev", "test", "prod"):
        result = evaluate(run_stack(stack), no_preset)
        found[stack] = {(v.policy, v.urn.rsplit("::", 1)[-1]) for v in result.violations}
    stateful = {"hub-hub", "hub-st", "hub-kv", "hub-cr", "hub-log", "hub-fraud-ws", "hub-churn-ws"}
    stateful.add("hub-dlz-demand-ws")  # the data product's project
    assert found["prod"] == set()
    unprotected = {
        (rule, name) for rule in ("prod-protect", "prod-resource-locks") for name in stateful
    }
    assert found["test"] == unprotected | {("ws-cmk", "hub-hub")}
    # dev alone has the exploration workspace (environments.exploration), unprotected like the rest
    exploration = {(rule, "hub-explore-ws") for rule in ("prod-protect", "prod-resource-locks")}
    assert found["dev"] == found["test"] | exploration | {
        ("ws-hbi", "hub-explore-ws"),
        ("ws-hbi", "hub-hub"),
        ("ws-hbi", "hub-fraud-ws"),
        ("ws-hbi", "hub-churn-ws"),
        ("ws-hbi", "hub-dlz-demand-ws"),
        ("ws-managed-network", "hub-hub"),
        ("ws-user-assigned-identity", "hub-hub"),
        ("monitor-public-network", "hub-log"),
        ("monitor-public-network", "hub-appi"),
        ("monitor-private-link", "hub-log"),
        ("monitor-private-link", "hub-appi"),
    }
    # and the reports name that key for each of them (policies/stack_keys.py)
    assert {policy: STACK_KEYS[policy].key for policy, _ in found["dev"]} == {
        "prod-protect": "hub.protect",
        "prod-resource-locks": "hub.protect",
        "ws-cmk": "hub.encryption",
        "ws-hbi": "hub.highBusinessImpact",
        "ws-managed-network": "hub.managedNetwork.isolationMode",
        "ws-user-assigned-identity": "hub.identity",
        "monitor-public-network": "hub.monitoring.private",
        "monitor-private-link": "hub.monitoring.private",
    }


def test_insecure_stack_is_stopped_naming_rule_and_resource(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = preview(
        capsys,
        "--stack",
        "prod",
        "--project-dir",
        str(ROOT / "tests" / "fixtures" / "insecure_stack"),
        "--policy-pack-config",
        str(PRESETS / "prod.json"),
    )
    assert code == cli.EXIT_POLICY_VIOLATION
    assert "mandatory policy violation(s)" in err
    mandatory = out.split("MANDATORY", 1)[1].split("ADVISORY", 1)[0]
    assert "[ws-public-network] hub-hub" in mandatory
    assert "[acr-admin-user] team-registry" in mandatory
    assert "[compute-ssh-public] team-cluster" in mandatory
    assert "Traceback" not in out + err


def test_bad_config_exits_2_with_one_message_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in (
        "Pulumi.yaml",
        "landing-zone.yaml",
        "stack-outputs",
        "__main__.py",
        "components",
        "policies",
    ):
        (tmp_path / name).symlink_to(ROOT / name)
    bad = (ROOT / "Pulumi.dev.yaml").read_text().replace("hub:\n", "hubb:\n", 1)
    (tmp_path / "Pulumi.dev.yaml").write_text(bad)
    code, out, err = preview(capsys, "--stack", "dev", "--project-dir", str(tmp_path))
    assert code == 2
    assert out == ""
    assert err.startswith("error: Pulumi.dev.yaml: invalid configuration")
    assert "aml-landing-zone:hubb: unknown key; did you mean 'hub'?" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        ("dir", "is a directory, not a JSON file"),
        (
            '{"storage-tls": "mandatory",}',
            "not JSON: Expecting property name enclosed in double "
            "quotes: line 1 column 29 (char 28)",
        ),
        (
            '{"storage-tls": "on"}',
            "storage-tls: 'on' is not an enforcement level (advisory, mandatory, remediate or "
            "disabled)",
        ),
    ],
    ids=["missing", "directory", "not JSON", "bad level"],
)
def test_bad_policy_pack_config_exits_2_with_one_line(
    content: str | None, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "policy.json"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_text(content)
    code, out, err = preview(
        capsys, "--stack", "dev", "--project-dir", str(ROOT), "--policy-pack-config", str(path)
    )
    assert (code, out) == (2, "")
    assert err == f"error: {path}: {expected}\n"
    assert "Traceback" not in err


def test_bad_config_registers_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    registered: list[str] = []
    original = recorder.RecordingMonitor.RegisterResource

    def counting(self: recorder.RecordingMonitor, request):  # type: ignore[no-untyped-def]
        registered.append(request.type)
        return original(self, request)

    monkeypatch.setattr(recorder.RecordingMonitor, "RegisterResource", counting)
    owner = [{"group": "dataScientists", "role": "Owner!"}]
    config = changed(stack_config("dev"), "aml-landing-zone:projects[0].members", owner)
    with pytest.raises(ConfigError, match=r"projects\[0\]\.members\[0\]\.role"):
        run_program(ROOT, "dev", config)
    assert [t for t in registered if t != "pulumi:pulumi:Stack"] == []
