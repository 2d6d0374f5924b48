"""Shared fixtures: the tiny throwaway program and one cached run of it (runs cost ~0.1 s each)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.program import run_program

from tests.offline.offline_tiny import TINY


@pytest.fixture(scope="session")
def tiny_dir() -> Path:
    return TINY


@pytest.fixture(scope="session")
def tiny_run() -> ProgramRun:
    """The tiny program run once with its Pulumi.dev.yaml."""
    return run_program(TINY, "dev")


@pytest.fixture
def make_project(tmp_path: Path):
    """Copy the tiny program into tmp_path with a given stack file (text) or main program."""

    def make(stack_yaml: str | None = None, stack: str = "dev", main: str | None = None) -> Path:
        project = tmp_path / "project"
        project.mkdir(exist_ok=True)
        shutil.copy(TINY / "Pulumi.yaml", project / "Pulumi.yaml")
        if main is None:
            shutil.copy(TINY / "__main__.py", project / "__main__.py")
        else:
            (project / "__main__.py").write_text(main)
        if stack_yaml is not None:
            (project / f"Pulumi.{stack}.yaml").write_text(stack_yaml)
        return project

    return make
