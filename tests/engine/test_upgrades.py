"""Upgrades on the real engine: stacks deployed from an older release of the library, then
``pulumi up`` with today's code and the config the README's upgrade notes ask for. The engine's
own step list (aliases, replaceOnChanges, path parameters) says what an upgrade replaces or
deletes; nothing beyond the README's list may appear."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.engine.readme_commands import readme_table
from tests.engine.stacks import init_stack
from tests.engine.workspace import EngineWorkspace
from tests.engine.world import config_principals, seed_principals
from tests.stack_values import ROOT

pytestmark = pytest.mark.engine

# What an upgrade may do to a live resource that loses it: the engine's words for it.
DESTRUCTIVE = {"replace", "create-replacement", "delete-replaced", "delete", "discard"}
# Files that belong to the user's checkout, never overwritten by an upgrade of the library.
USER_FILES = ("Pulumi.*.yaml", "landing-zone.yaml")


@dataclass(frozen=True)
class Release:
    """A release (or the last commit before a structural change) a user may upgrade from."""

    name: str
    commit: str  # the tree that deployed the stacks
    config: dict[str, Any] = field(default_factory=dict)  # what the upgrade notes ask to set


# What the v0.1 per-code acknowledgements of dev and prod become (both stacks get the same).
ACKNOWLEDGE = [
    {
        "code": "LZ-WRN-003",
        "keys": [
            "groups.*",
            "hub.encryption.cosmosDbPrincipalId",
            "dataProducts[*].computes.instances.*.assignedUser",
        ],
        "reason": "example ids, to be replaced with the tenant's before a real deployment",
    },
    {
        "code": "LZ-WRN-004",
        "keys": ["hub.identity", "hub.managedNetwork.isolationMode", "hub.monitoring.private"],
        "reason": "dev relaxes identity, outbound and monitoring on purpose",
    },
]

RELEASES = (
    # v0.1.0 (tag on this commit): names of scheme 1, so the notes ask for namingVersion 1.
    Release("v0.1.0", "ca72de8", {"aml-landing-zone:namingVersion": 1}),
    # The last commit before LandingZone became a component (its projects had no zone prefix).
    Release("before-landing-zone-component", "523ec85", {"aml-landing-zone:namingVersion": 1}),
    # The last commit before MultiEnvironment; its stacks acknowledge per code, which the
    # notes ask to rewrite as entries naming the keys they accept (docs/upgrading.md).
    Release("before-multi-environment", "5d862e2", {"aml-landing-zone:acknowledge": ACKNOWLEDGE}),
)
STACKS = ("prod", "dev")


def commit_of(release: Release) -> str:
    """The release's tag where the clone has it, else the commit it was cut from."""
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{release.name}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip() or release.commit


def stack_file_config(project: Path, stack: str) -> dict[str, Any]:
    shared = project / "landing-zone.yaml"
    values = yaml.safe_load(shared.read_text()) if shared.exists() else {}
    own = yaml.safe_load((project / f"Pulumi.{stack}.yaml").read_text()).get("config", {})
    return {"shared": values, "own": own}


def upgrade_code(project: Path) -> None:
    """Today's library over the old checkout, the user's own stack files kept."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for relative in filter(None, listed):
        path = Path(relative)
        if any(path.match(pattern) for pattern in USER_FILES) or not (ROOT / path).is_file():
            continue
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, project / path)


def destructive_steps(preview_json: str) -> set[tuple[str, str]]:
    """(operation, resource name) of every step that loses a live resource."""
    steps = json.loads(preview_json).get("steps", [])
    return {
        (step["op"], step["urn"].rsplit("::", 1)[-1])
        for step in steps
        if step.get("op") in DESTRUCTIVE
    }


@pytest.mark.parametrize("release", RELEASES, ids=lambda r: r.name)
def test_upgrade_replaces_or_deletes_only_what_the_readme_lists(
    own_engine: EngineWorkspace, release: Release
) -> None:
    engine = own_engine
    project = engine.copy_project(f"from-{release.name}", commit_of(release))
    for stack in STACKS:
        seed_principals(engine.azure(), config_principals(stack_file_config(project, stack)))
    for stack in STACKS:
        init_stack(engine, project, stack)
        engine.pulumi(project, "up", "--stack", stack, "--yes", "--skip-preview")
    upgrade_code(project)
    expected = readme_table("upgrade-steps")
    for stack in STACKS:
        for key, value in release.config.items():
            engine.pulumi(project, "config", "set", key, json.dumps(value), "--stack", stack)
        preview = engine.pulumi(project, "preview", "--stack", stack, "--json", check=False)
        assert preview.returncode == 0, preview.output[-4000:]
        found = destructive_steps(preview.stdout)
        allowed = {
            (row["step"], row["resource"])
            for row in expected
            if row["from"] == release.name and row["stack"] == stack
        }
        assert found == allowed, (
            f"upgrading {stack} from {release.name}: the engine's destructive steps differ from "
            f"the README's upgrade notes.\nfound: {sorted(found)}\nlisted: {sorted(allowed)}"
        )
        # what is left is deliberate (the README says why): the upgrade deploys and settles
        engine.pulumi(project, "up", "--stack", stack, "--yes", "--skip-preview")
        engine.pulumi(project, "preview", "--stack", stack, "--expect-no-changes")
