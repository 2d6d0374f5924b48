"""offline-preview on a team's own program (components given args of its own, no landing-zone
keys in its stack file, no subscription named): it says which preset judged it, names no stack
key as a fix, and does not report endpoints for crossing into the mocks' placeholder
subscription."""

from __future__ import annotations

import contextlib
import dataclasses
import io
from pathlib import Path

import pytest
from aml_landing_zone.offline.cli import main, policy_config_path
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.policy_run import evaluate
from aml_landing_zone.offline.policy_summary import stack_file_namespace
from aml_landing_zone.offline.program import run_program
from aml_landing_zone.policies.pack import PRESETS_DIR

TEAM = Path(__file__).parents[1] / "fixtures" / "team_hub_program"
TEAM_SUBSCRIPTION = "5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"  # the hub's subnet's, in __main__.py
# the hub's endpoints: workspace, storage blob and file, key vault, registry, monitor scope
ENDPOINTS = {"hub-pep-hub", "hub-pep-st-blob", "hub-pep-st-file", "hub-pep-kv", "hub-pep-cr"}
ENDPOINTS |= {"hub-pep-ampls"}


@pytest.fixture(scope="module")
def preview() -> tuple[int, str, str]:
    """``offline-preview --project-dir <team program>``: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--project-dir", str(TEAM)])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def team_run() -> ProgramRun:
    return run_program(TEAM, "dev")


def test_says_which_preset_judged_a_stack_naming_none(preview: tuple[int, str, str]) -> None:
    code, out, err = preview
    assert code == 0
    assert err.splitlines()[0] == (
        "policy preset: dev (the preset named like the stack; Pulumi.dev.yaml names no "
        "policyPreset): --policy-pack-config <file> judges by another"
    )
    assert (
        "Policy pack aml-landing-zone with policies/config/dev.json: 0 mandatory, 1 advisory" in out
    )


def test_names_no_stack_key_the_program_does_not_have(preview: tuple[int, str, str]) -> None:
    _, out, _ = preview
    findings = out[out.index("Policy pack") :]
    assert "[ws-user-assigned-identity] hub-hub" in findings  # a finding the dev preset reports
    assert "fix:" not in findings  # hub.identity is no key of this program's stack file
    assert "team-hub:" not in findings


def test_a_stack_named_like_no_preset_gets_the_strictest(team_run: ProgramRun) -> None:
    choice = policy_config_path(dataclasses.replace(team_run, stack="sandbox"), TEAM, None)
    assert choice.path == PRESETS_DIR / "prod.json"
    assert choice.note is not None and choice.note.startswith(
        "policy preset: prod (the strictest preset; Pulumi.sandbox.yaml names no policyPreset)"
    )


def test_endpoints_are_judged_once_the_stack_names_its_subscription(team_run: ProgramRun) -> None:
    """Not judged against the placeholder; judged as they are when the stack names the
    subscription it deploys to (here, another than the endpoints' subnet's: each is reported)."""
    assert stack_file_namespace(team_run) is None
    dev = PRESETS_DIR / "dev.json"
    unnamed = evaluate(team_run, dev)
    assert not [v for v in unnamed.violations if v.policy == "pe-same-subscription"]
    named = dataclasses.replace(
        team_run,
        stack_config={"azure-native:subscriptionId": "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"},
    )
    crossing = [v for v in evaluate(named, dev).violations if v.policy == "pe-same-subscription"]
    assert {v.urn.rsplit("::", 1)[-1] for v in crossing} == ENDPOINTS
    assert all(f"outside {TEAM_SUBSCRIPTION}" in v.message for v in crossing)


def test_the_landing_zone_program_names_its_stack_keys(dev_run: ProgramRun) -> None:
    assert stack_file_namespace(dev_run) == "aml-landing-zone"
