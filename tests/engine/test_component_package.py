"""The component package on the real engine: the YAML example (a product team's stack) reads a
platform stack through a StackReference and builds its ProjectWorkspace through the repository's
provider, which the engine runs as a Python plugin; up, a no-change preview, destroy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.engine.stacks import deploy, init_stack, minimal_project
from tests.engine.workspace import EngineWorkspace

pytestmark = pytest.mark.engine

# The YAML host the module proxy serves (pulumi-yaml v1.25.0) has no `Link`, which
# `pulumi package add` calls since CLI 3.2xx: the add stops at "linking package: method Link not
# implemented". The program then names the plugin's folder the way Pulumi.yaml allows.
LINK_MISSING = "linking package: method Link not implemented"


def platform(engine: EngineWorkspace) -> Path:
    """The README's minimal stack, deployed: the platform the product team reads."""
    project = minimal_project(engine, "platform")
    deploy(engine, project, "minimal")
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
    init_stack(engine, program, "dev")
    engine.pulumi(
        program, "config", "set", "platformStack", "organization/aml-landing-zone/minimal"
    )
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
