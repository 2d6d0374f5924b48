"""Stacks the engine tests deploy, built the way a reader would: project copies with their own
stack file, principals seeded, the subscription set, then up."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.engine.readme_commands import readme_file
from tests.engine.workspace import SUBSCRIPTION_ID, EngineWorkspace
from tests.engine.world import config_principals, seed_principals

# What a reader sets in place of the README's placeholders (the pager URL is a made-up one).
PAGER_WEBHOOK = "https://events.pagerduty.com/integration/engine-tier-example-key/enqueue"
WEBHOOK_KEY = "aml-landing-zone:observability.actionGroup.webhooks.pager"


def init_stack(engine: EngineWorkspace, project: Path, stack: str) -> None:
    """``pulumi stack init`` and the subscription; a stack file that ships an example secret (a
    ``secure:`` value no key decrypts) gets the reader's own, as the README's steps set it."""
    engine.pulumi(project, "stack", "init", stack, "--secrets-provider", "passphrase")
    engine.pulumi(
        project, "config", "set", "azure-native:subscriptionId", SUBSCRIPTION_ID, "--stack", stack
    )
    if "secure:" in (project / f"Pulumi.{stack}.yaml").read_text():
        engine.pulumi(
            project,
            "config",
            "set",
            "--secret",
            "--path",
            WEBHOOK_KEY,
            PAGER_WEBHOOK,
            "--stack",
            stack,
        )


def deploy(engine: EngineWorkspace, project: Path, stack: str) -> None:
    """Create the stack, deploy it, and check a second preview has nothing to do."""
    init_stack(engine, project, stack)
    engine.pulumi(project, "up", "--stack", stack, "--yes", "--skip-preview")
    engine.pulumi(project, "preview", "--stack", stack, "--expect-no-changes")


def minimal_project(engine: EngineWorkspace, name: str) -> Path:
    """A project copy whose only stack, ``minimal``, is the README's minimal stack file (no
    shared definition), its principals seeded."""
    project = engine.copy_project(name)
    (project / "landing-zone.yaml").unlink()
    stack_file = project / "Pulumi.minimal.yaml"
    stack_file.write_text(readme_file("minimal-stack"))
    seed_principals(engine.azure(), config_principals(yaml.safe_load(stack_file.read_text())))
    return project
