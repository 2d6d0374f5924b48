"""The README's deployment, verbatim, on the real engine: prod, dev and test from an empty
backend, each previewed with its policy preset and deployed; then what a second run, a refresh
and a teardown do. The steps share one deployment, so they run in file order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aml_landing_zone.offline.engine_urns import engine_urns
from aml_landing_zone.offline.plan import plan_document
from aml_landing_zone.offline.program import run_program

from tests.engine.readme_commands import readme_blocks
from tests.engine.stacks import PAGER_WEBHOOK
from tests.engine.workspace import SUBSCRIPTION_ID, EngineWorkspace, Result
from tests.engine.world import config_principals, seed_principals
from tests.stack_values import ROOT, stack_config

pytestmark = pytest.mark.engine

STACKS = ("prod", "dev", "test")
PACK = "aml-landing-zone@v0.2.0 (local: policies)"


def preset(stack: str) -> str:
    return f"--policy-pack policies --policy-pack-config policies/config/{stack}.json"


@pytest.fixture(scope="module")
def deployment(engine: EngineWorkspace) -> tuple[Path, list[Result]]:
    project = engine.copy_project("aml")
    principals = set().union(*(config_principals(stack_config(stack)) for stack in STACKS))
    seed_principals(engine.azure(), principals)
    values = {
        "<subscription id>": SUBSCRIPTION_ID,
        "<state backend url>": engine.backend_url,
        "<pager webhook url>": PAGER_WEBHOOK,
    }
    return project, engine.run_block(project, readme_blocks()["deploy"], values)


def test_each_stack_is_previewed_with_its_pack_then_deployed(deployment) -> None:
    _, results = deployment
    previews = [r for r in results if r.command.startswith("pulumi preview")]
    ups = [r for r in results if r.command.startswith("pulumi up")]
    assert [r.command.split()[3] for r in ups] == list(STACKS)  # prod first: it owns the registry
    for result in previews:
        assert "Policies:" in result.stdout and PACK in result.stdout, result.stdout[-2000:]
        assert "[mandatory]" not in result.stdout
        assert "can't run policy" not in result.stdout  # unknowns are skipped in preview, not noise
    for result in ups:
        assert " created" in result.stdout and "error" not in result.stderr.lower()


def test_a_secret_set_with_config_set_secret_is_never_in_clear_in_the_state(
    deployment, engine: EngineWorkspace
) -> None:
    """The pager webhook (a URL carrying its endpoint's key) feeds prod's action group: the
    state keeps it encrypted, and the stack's outputs and the preview never print it."""
    project, results = deployment
    state = "\n".join(p.read_text() for p in (engine.root / "state").rglob("*.json"))
    assert "prod" in state and PAGER_WEBHOOK not in state
    assert all(PAGER_WEBHOOK not in result.output for result in results)
    exported = engine.pulumi(project, "stack", "export", "--stack", "prod", "--show-secrets")
    assert PAGER_WEBHOOK in exported.stdout  # it reached the action group, as a secret


@pytest.mark.parametrize("stack", STACKS)
def test_a_second_preview_shows_no_changes(deployment, engine: EngineWorkspace, stack) -> None:
    project, _ = deployment
    (command,) = readme_blocks()["no-changes"]
    engine.run(project, command.replace("dev", stack))


@pytest.mark.parametrize("stack", STACKS)
def test_refresh_then_preview_shows_no_changes(deployment, engine: EngineWorkspace, stack) -> None:
    """What Azure fills in after creation (statuses, endpoint connections) comes back on refresh
    and the program's ignore paths cover it. One thing settles in one `pulumi up` instead: once
    Azure provisions a managed network it lists its own required rules (``__SYS_*``) among the
    workspace's rules, the refresh copies them into the state's inputs, and no ignore path can
    name them; the next up sends the configured rules (Azure keeps its own) and records Azure's
    answer, after which a refresh changes nothing. That up may only update in place."""
    project, _ = deployment
    engine.pulumi(project, "refresh", "--stack", stack, "--yes", "--skip-preview")
    engine.run(project, f"pulumi up --stack {stack} --yes --skip-preview {preset(stack)}")
    # What the update did (its preview may list more: a workspace's update preview leaves its
    # system-assigned principal unknown, which previews its role assignments as replacements)
    history = engine.pulumi(project, "stack", "history", "--stack", stack, "--json")
    done = json.loads(history.stdout)[0]["resourceChanges"]
    assert set(done) <= {"same", "update"}, done
    engine.pulumi(project, "refresh", "--stack", stack, "--yes", "--skip-preview")
    result = engine.run(
        project,
        f"pulumi preview --stack {stack} --expect-no-changes --diff {preset(stack)}",
        check=False,
    )
    assert result.returncode == 0, result.output[-6000:]


def engine_steps(engine: EngineWorkspace, project: Path, stack: str) -> dict[str, str]:
    """The real engine's preview of ``stack``: URN -> step, the stack itself and the providers
    left out (the offline plan records neither)."""
    result = engine.run(
        project, f"pulumi preview --stack {stack} --json --show-sames {preset(stack)}"
    )
    steps = json.loads(result.stdout)["steps"]
    return {
        step["urn"]: step["op"]
        for step in steps
        if not step["urn"].split("::")[2].startswith(("pulumi:pulumi:Stack", "pulumi:providers:"))
    }


def offline_urns(stack: str) -> set[str]:
    """The offline plan of the same code and stack (in the same subscription: names hash ARM ids,
    which hold it), its URNs the engine's (whole parent chain)."""
    config = {**stack_config(stack), "azure-native:subscriptionId": SUBSCRIPTION_ID}
    resources = plan_document(run_program(ROOT, stack, config))["resources"]
    return set(engine_urns(resources).values())


@pytest.mark.parametrize("stack", ["prod", "test"])
def test_the_offline_plan_names_what_the_engine_keeps(deployment, engine, stack) -> None:
    """A deployed stack previews every resource of its offline plan, under the same URN, as
    unchanged, and nothing else."""
    project, _ = deployment
    steps = engine_steps(engine, project, stack)
    assert set(steps) == offline_urns(stack)
    assert set(steps.values()) <= {"same", "read"}  # read: the StackReference to prod


def test_a_mandatory_violation_fails_the_preview(deployment, engine: EngineWorkspace) -> None:
    project, _ = deployment
    engine.run(
        project,
        "pulumi config set --path aml-landing-zone:hub.publicNetworkAccess Enabled --stack prod",
    )
    try:
        result = engine.run(project, f"pulumi preview --stack prod {preset('prod')}", check=False)
    finally:
        engine.run(
            project, "pulumi config rm --path aml-landing-zone:hub.publicNetworkAccess --stack prod"
        )
    assert result.returncode != 0
    assert "[mandatory]" in result.stdout and "ws-public-network" in result.stdout


def test_destroying_prod_is_refused_by_protect(deployment, engine: EngineWorkspace) -> None:
    project, _ = deployment
    result = engine.pulumi(project, "destroy", "--stack", "prod", "--yes", check=False)
    assert result.returncode != 0
    assert "because it is protected" in result.output


def test_destroying_dev_leaves_only_what_azure_soft_deletes(
    deployment, engine: EngineWorkspace
) -> None:
    project, _ = deployment
    azure = engine.azure()
    before = {rid for rid, _ in azure.resources()}
    engine.pulumi(project, "destroy", "--stack", "dev", "--yes")
    left = {rid for rid, _ in azure.resources()}
    dev = {rid for rid in before - left}
    assert dev and not any("-dev-" in rid.lower() for rid in left), sorted(left)
    vaults = {v["name"] for v in azure.deleted_vaults()}
    assert any(name.startswith("kv-contoso-dev") for name in vaults), vaults


def test_the_offline_plan_names_what_the_engine_creates(deployment, engine) -> None:
    """Dev, destroyed, previews as the engine would create it: the offline plan's resources
    under the same URNs, every one a create (the StackReference a read)."""
    project, _ = deployment
    steps = engine_steps(engine, project, "dev")
    assert set(steps) == offline_urns("dev")
    assert {op for urn, op in steps.items() if "StackReference" not in urn} == {"create"}
