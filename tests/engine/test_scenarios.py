"""Scenarios beyond the shipped stacks, each through up, a no-change preview and a teardown, the
way Azure Verified Modules run their defaults / WAF-aligned / max end-to-end tests: the README's
minimal stack, and prod torn down by the README's runbook (protect and locks lifted first)."""

from __future__ import annotations

import pytest

from tests.engine.readme_commands import readme_blocks
from tests.engine.stacks import deploy, minimal_project
from tests.engine.workspace import EngineWorkspace
from tests.engine.world import config_principals, seed_principals
from tests.stack_values import stack_config

pytestmark = pytest.mark.engine


def left_in_azure(engine: EngineWorkspace, marker: str) -> list[str]:
    return [rid for rid, _ in engine.azure().resources() if marker in rid.lower()]


def test_minimal_stack(engine: EngineWorkspace) -> None:
    """The README's minimal stack, alone in its project (no shared definition)."""
    project = minimal_project(engine, "minimal")
    deploy(engine, project, "minimal")
    engine.pulumi(project, "destroy", "--stack", "minimal", "--yes", "--skip-preview")
    assert left_in_azure(engine, "contoso-ml-dev") == []


def test_prod_torn_down_by_the_runbook(engine: EngineWorkspace) -> None:
    """Prod alone (no dev or test reading it), then the README's teardown: with protect and the
    locks lifted by one `pulumi up`, the destroy succeeds and leaves only what Azure keeps."""
    project = engine.copy_project("prod")
    seed_principals(engine.azure(), config_principals(stack_config("prod")))
    deploy(engine, project, "prod")
    for command in readme_blocks()["teardown"]:
        engine.run(project, command)
    assert left_in_azure(engine, "-prod-") == []
    assert engine.azure().deleted_vaults()  # prod's vault keeps its name (purge protection)
