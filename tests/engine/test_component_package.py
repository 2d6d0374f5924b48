"""The component package on the real engine: the YAML example (a product team's stack) reads a
platform stack through a StackReference and builds its ProjectWorkspace through the repository's
provider, which the engine runs as a Python plugin; up, a no-change preview, destroy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.engine.readme_commands import readme_file
from tests.engine.workspace import SUBSCRIPTION_ID, EngineWorkspace
from tests.engine.world import config_principals, seed_principals

pytestmark = pytest.mark.engine

# The YAML host the module proxy serves (pulumi-yaml v1.25.0) has no `Link`, which
# `pulumi package add` calls since CLI 3.2xx: the add stops at "linking package: method Link not
# implemented". The program then names the plugin's folder the way Pulumi.yaml allows.
LINK_MISSING = "linking package: method Link not implemented"


def platform(engine: EngineWorkspace) -> Path:
    """The README's minimal stack, deployed: the platform the product team reads."""
    project = engine.copy_project("platform")
    (project / "landing-zone.yaml").unlink()
    stack_file = project / "Pulumi.minimal.yaml"
    stack_file.write_text(readme_file("minimal-stack"))
    seed_principals(engine.azure(), config_principals(yaml.safe_load(stack_file.read_text())))
    engine.pulumi(project, "stack", "init", "minimal", "--secrets-provider", "passphrase")
    engine.pulumi(project, "config", "set", "azure-native:subscriptionId", SUBSCRIPTION_ID)
    engine.pulumi(project, "up", "--yes", "--skip-preview")
    return project


def add_package(engine: EngineWorkspace, program: Path, provider: Path) -> None:
    added = engine.run(program, f"pulumi package add {provider}", check=False)
    if added.returncode == 0:
        return
    assert LINK_MISSING in added.output, added.output
    spec = yaml.safe_load((program / "Pulumi.yaml").read_text())
    spec.setdefault("plugins", {}).setdefault("providers", []).append(
        {"name": "amllz", "path": str(provider)}
    )
    (program / "Pulumi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))


def test_yaml_program_deploys_a_project_through_the_component_package(
    engine: EngineWorkspace,
) -> None:
    source = platform(engine)
    program = engine.root / "product-team-yaml"
    shutil.copytree(source / "examples" / "yaml", program)
    add_package(engine, program, source / "provider")
    engine.pulumi(program, "stack", "init", "dev", "--secrets-provider", "passphrase")
    engine.pulumi(
        program, "config", "set", "platformStack", "organization/aml-landing-zone/minimal"
    )
    engine.pulumi(program, "config", "set", "azure-native:subscriptionId", SUBSCRIPTION_ID)
    preview = engine.pulumi(program, "preview")
    assert "amllz:index:ProjectWorkspace" in preview.stdout
    engine.pulumi(program, "up", "--yes", "--skip-preview")
    workspace = engine.pulumi(program, "stack", "output", "workspaceName").stdout.strip()
    assert workspace == "proj-contoso-pricing-dev"
    assert any(
        rid.endswith("/workspaces/proj-contoso-pricing-dev")
        for rid, _ in engine.azure().resources()
    )
    engine.pulumi(program, "preview", "--expect-no-changes")
    engine.pulumi(program, "destroy", "--yes", "--skip-preview")
    assert not any(
        rid.endswith("/workspaces/proj-contoso-pricing-dev")
        for rid, _ in engine.azure().resources()
    )
