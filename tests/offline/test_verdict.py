"""offline-preview's exit code follows what the engine would do, and stderr lists what fails:
mandatory violations (exit 3, also with --compare), replacements and deletions protect blocks
(exit 5), and with --fail-on warning only what the stack has not acknowledged (exit 4)."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import pytest
from aml_landing_zone.offline.cli import main
from aml_landing_zone.offline.compare import compare_plans
from aml_landing_zone.offline.plan import dump_plan, plan_document
from aml_landing_zone.offline.policy_run import evaluate
from aml_landing_zone.offline.verdict import Verdict, verdict

from tests.conftest import run_stack
from tests.stack_values import ROOT

PRESETS = ROOT / "policies" / "config"


def _stderr_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if "Bytecode" not in line]


def test_compare_lists_the_mandatory_violations_it_stops_on(
    tiny_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"resources": []}))
    preset = str(PRESETS / "prod.json")
    args = ["--project-dir", str(tiny_dir), "--policy-pack-config", preset, "--compare", str(old)]
    assert main(args) == 3
    assert _stderr_lines(capsys) == [
        "error: 8 mandatory policy violation(s); pulumi preview would stop here:",
        "  [prod-protect] data-sa: storage:StorageAccount data-sa is not protected; set "
        "ResourceOptions(protect=True) so `pulumi destroy` cannot delete its data.",
        "  [prod-resource-locks] data-sa: storage:StorageAccount data-sa has no CanNotDelete lock "
        "of its own; Pulumi protect stops `pulumi destroy`, a lock stops the portal, the CLI and "
        "other pipelines (set protect in the stack config: the components add both).",
        "  [required-tags] uami: tags environment, costCenter, owner are missing or empty.",
        "  [required-tags] rg: tags environment, costCenter are missing or empty.",
        "  [required-tags] data-sa: tags environment, costCenter are missing or empty.",
        "  [storage-blob-public] data-sa: allowBlobPublicAccess is not set; set it to false (no "
        "anonymous reads).",
        "  [storage-cross-tenant] data-sa: allowCrossTenantReplication is not set; set it to "
        "false (data stays in the tenant).",
        "  [storage-network] data-sa: publicNetworkAccess is not set and "
        "networkRuleSet.defaultAction is not set; disable public access or deny by default.",
    ]


def test_compare_fails_on_a_protected_deletion(
    tiny_dir: Path, tiny_run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The deployed plan holds a protected vault the program no longer has: the engine refuses
    to delete it, so `pulumi up` would stop."""
    old = json.loads(dump_plan(tiny_run))
    old["resources"].append(
        {
            "urn": "urn:pulumi:dev::tiny::azure-native:keyvault:Vault::kv",
            "type": "azure-native:keyvault:Vault",
            "name": "kv",
            "parent": None,
            "protect": True,
            "inputs": {"vaultName": "kv-tiny"},
        }
    )
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    assert main(["--project-dir", str(tiny_dir), "--compare", str(path)]) == 5
    assert _stderr_lines(capsys) == [
        "error: 1 step(s) blocked by protect; pulumi up would stop here:",
        "  kv (azure-native:keyvault:Vault): deletion blocked by protect",
    ]


def test_a_protected_replacement_in_prod_fails_the_comparison() -> None:
    """Prod's hub was deployed without HBI: turning it on replaces the hub (HBI is fixed at
    creation), which protect blocks."""
    run = run_stack("prod")
    new = plan_document(run)
    old = copy.deepcopy(new)
    (hub,) = [r for r in old["resources"] if r["name"] == "hub-hub"]
    hub["inputs"]["hbiWorkspace"] = False
    assert verdict(run, None, compare_plans(old, new), "error") == Verdict(
        5,
        (
            "error: 1 step(s) blocked by protect; pulumi up would stop here:",
            "  hub-hub (azure-native:machinelearningservices:Workspace): replacement blocked by "
            "protect",
        ),
    )


@pytest.mark.parametrize("stack", ["dev", "test"])
def test_fail_on_warning_passes_advisories_on_acknowledged_settings(stack: str) -> None:
    """Dev acknowledges its identity, outbound and monitoring relaxations and test its missing
    protection and key (LZ-WRN-004): the advisories those settings draw do not fail the run."""
    run = run_stack(stack)
    result = evaluate(run, PRESETS / f"{stack}.json")
    assert result.advisory > 0
    assert verdict(run, result, None, "warning") == Verdict(0)


def test_an_advisory_on_a_setting_not_acknowledged_fails_fail_on_warning() -> None:
    run = run_stack("dev")
    result = evaluate(run, PRESETS / "dev.json")
    unacknowledged = tuple(
        line.replace(
            "acknowledged (dev relaxes identity, outbound and monitoring on purpose; the dev "
            "preset reports them): ",
            "",
        )
        for line in run.warnings
    )
    judged = verdict(dataclasses.replace(run, warnings=unacknowledged), result, None, "warning")
    assert judged.code == 4
    assert judged.lines[0] == "error: 7 unacknowledged warning(s) with --fail-on warning:"
    assert sorted(line.split(":")[0] for line in judged.lines[1:]) == sorted(
        [
            "  warning",
            "  warning",
            "  warning",
            "  [monitor-public-network] hub-appi",
            "  [monitor-public-network] hub-log",
            "  [ws-managed-network] hub-hub",
            "  [ws-user-assigned-identity] hub-hub",
        ]
    )
