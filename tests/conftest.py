"""Shared fixtures: program runs are cached per (stack, config) because each costs ~1 s."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from aml_landing_zone.offline.model import ProgramRun, RecordedResource
from aml_landing_zone.offline.program import run_program

from tests.stack_values import ROOT, stack_config

_RUNS: dict[str, ProgramRun] = {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Hand out the wheel-install tests first: they share one build and install of ~15 s in one
    worker, which xdist then overlaps with the rest of the suite instead of leaving for last."""
    items.sort(key=lambda item: item.path.name != "test_wheel_install.py")


def run_stack(stack: str = "dev", config: dict[str, Any] | None = None) -> ProgramRun:
    """Run the landing zone program for ``stack`` (optionally with a replaced config), cached."""
    key = json.dumps([stack, config], sort_keys=True)
    if key not in _RUNS:
        _RUNS[key] = run_program(ROOT, stack, config)
    return _RUNS[key]


def approved_outbound_only_dev() -> dict[str, Any]:
    """The dev stack without its managed-network relaxation (the default mode applies)."""
    config = stack_config("dev")
    hub = {k: v for k, v in config["aml-landing-zone:hub"].items() if k != "managedNetwork"}
    return {**config, "aml-landing-zone:hub": hub}


@pytest.fixture(scope="session")
def dev_run() -> ProgramRun:
    return run_stack("dev")


@pytest.fixture
def runner() -> Callable[..., ProgramRun]:
    return run_stack


def of_type(run: ProgramRun, token: str) -> list[RecordedResource]:
    return [r for r in run.resources if r.type == token]


def one(run: ProgramRun, token: str, name: str | None = None) -> RecordedResource:
    found = [r for r in of_type(run, token) if name is None or r.name == name]
    assert len(found) == 1, f"expected one {token} {name or ''}, found {[r.name for r in found]}"
    return found[0]
