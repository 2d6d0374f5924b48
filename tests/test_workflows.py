"""The GitHub workflows run what the README says: the offline step of the pull-request workflow is
the README's main command for every stack, the tests job is .ci/run (which runs actionlint), and
each real preview and deployment uses the policy preset its stack file names, in order."""

from __future__ import annotations

import json
from typing import Any

import yaml

from tests.readme import README
from tests.stack_values import ROOT, stack_values

WORKFLOWS = ROOT / ".github" / "workflows"
STACKS = sorted(p.name.split(".")[1] for p in ROOT.glob("Pulumi.*.yaml"))
MAIN_COMMAND = (
    "[ -x .tools/bin/uv ] || { python3 -m venv .tools && .tools/bin/python -m pip install -q uv; }"
    " && .tools/bin/uv run offline-preview --stack dev"
)


def workflow(name: str) -> dict[str, Any]:
    doc = yaml.safe_load((WORKFLOWS / name).read_text())
    doc["on"] = doc.pop(True, doc.get("on"))  # YAML 1.1 reads the bare key `on` as true
    return doc


def step(job: dict[str, Any], name: str) -> dict[str, Any]:
    found = [s for s in job["steps"] if s.get("name") == name]
    assert len(found) == 1, f"no single step {name!r}"
    return found[0]


def preset_of(stack: str) -> str:
    return str(stack_values(stack)["policyPreset"])


def test_offline_step_is_the_readme_main_command_for_every_stack() -> None:
    assert MAIN_COMMAND in README
    job = workflow("pull-request.yml")["jobs"]["offline-preview"]
    assert sorted(job["strategy"]["matrix"]["stack"]) == STACKS
    run = step(job, "Offline preview with the stack's policy preset")["run"]
    assert run == (
        MAIN_COMMAND.replace("--stack dev", "--stack ${{ matrix.stack }}")
        + ' --format markdown >> "$GITHUB_STEP_SUMMARY"'
    )


def test_tests_job_is_ci_run_which_runs_the_readme_tests_and_actionlint() -> None:
    job = workflow("pull-request.yml")["jobs"]["tests"]
    assert [s["run"] for s in job["steps"] if "run" in s] == ["bash .ci/run"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert ".tools/bin/uv run --group dev pytest" in ci and ".tools/bin/uv run actionlint" in ci


def _pulumi_steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in job["steps"] if str(s.get("uses", "")).startswith("pulumi/actions@")]


def test_real_preview_runs_per_stack_with_its_preset_only_with_oidc() -> None:
    job = workflow("pull-request.yml")["jobs"]["preview"]
    assert "vars.AZURE_PREVIEW_CLIENT_ID != ''" in job["if"]
    # one stack's failing offline preview must not skip the other stacks' real previews
    assert job["needs"] == "offline-preview" and "!cancelled()" in job["if"]
    assert job["permissions"]["id-token"] == "write"
    pairs = {(e["stack"], e["preset"]) for e in job["strategy"]["matrix"]["include"]}
    assert pairs == {(stack, preset_of(stack)) for stack in STACKS}
    (preview,) = _pulumi_steps(job)
    # pull requests sign in as the read-only preview identity, never as a deployer
    assert preview["env"]["ARM_CLIENT_ID"] == "${{ vars.AZURE_PREVIEW_CLIENT_ID }}"
    (setup,) = [s for s in job["steps"] if s.get("uses") == "./.github/actions/pulumi-setup"]
    assert setup["with"]["client-id"] == "${{ vars.AZURE_PREVIEW_CLIENT_ID }}"
    assert "AZURE_CLIENT_ID" not in json.dumps(job)
    assert preview["with"]["command"] == "preview"
    assert preview["with"]["policyPacks"] == "policies"
    assert preview["with"]["policyPackConfigs"] == "policies/config/${{ matrix.preset }}.json"
    assert preview["with"]["comment-on-pr"] is True


def test_deploy_runs_up_per_environment_in_order_with_each_preset() -> None:
    jobs = workflow("deploy.yml")["jobs"]
    assert workflow("deploy.yml")["on"] == {"push": {"branches": ["main"]}}
    assert list(jobs) == ["dev", "test", "prod"]
    assert [jobs[name].get("needs") for name in jobs] == [None, "dev", "test"]
    for name, job in jobs.items():
        assert job["uses"] == "./.github/workflows/pulumi-up.yml"
        assert job["with"] == {"stack": name, "preset": preset_of(name)}
        assert (ROOT / "policies" / "config" / f"{job['with']['preset']}.json").is_file()

    up = workflow("pulumi-up.yml")
    job = up["jobs"]["up"]
    assert up["permissions"]["id-token"] == "write"
    assert job["environment"] == "${{ inputs.stack }}"  # approvals for test and prod
    # the deployer is the environment's own identity; the job's switch is a repository variable
    assert job["if"] == "vars.AZURE_TENANT_ID != ''"
    assert job["concurrency"] == {
        "group": "pulumi-${{ inputs.stack }}",
        "cancel-in-progress": False,
    }
    (deploy,) = _pulumi_steps(job)
    assert deploy["with"]["command"] == "up"
    assert deploy["with"]["policyPackConfigs"] == "policies/config/${{ inputs.preset }}.json"
    assert deploy["env"]["ARM_USE_OIDC"] == "true"


def test_the_setup_action_logs_in_to_azure_with_oidc() -> None:
    action = yaml.safe_load(
        (ROOT / ".github" / "actions" / "pulumi-setup" / "action.yml").read_text()
    )
    login = [
        s for s in action["runs"]["steps"] if str(s.get("uses", "")).startswith("azure/login@")
    ]
    assert len(login) == 1
    assert set(login[0]["with"]) == {"client-id", "tenant-id", "subscription-id"}  # no secret
