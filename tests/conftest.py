"""Shared fixtures: program runs are cached per (stack, config) because each costs ~1 s."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from aml_landing_zone.offline.model import ProgramRun, RecordedResource
from aml_landing_zone.offline.program import run_program

from tests.install import Dists, Timings, Venv, build, create_venv
from tests.stack_values import ROOT, stack_config

_RUNS: dict[str, ProgramRun] = {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Hand out the tests of the installed library first: they share one build and install in
    one worker (tests/install.py), which xdist then overlaps with the rest of the suite instead
    of leaving for last."""
    items.sort(key=lambda item: item.get_closest_marker("xdist_group") is None)


@pytest.fixture(scope="session")
def timings() -> Iterator[Timings]:
    timings = Timings()
    yield timings
    # Seen with `uv run pytest -s -n0 tests/test_wheel_install.py` (or any test of INSTALLED).
    print("\ninstalled-library timings (s):", {k: round(v, 2) for k, v in timings.seconds.items()})


@pytest.fixture(scope="session")
def dists(tmp_path_factory: pytest.TempPathFactory, timings: Timings) -> Dists:
    return build(tmp_path_factory.mktemp("dist"), timings)


@pytest.fixture(scope="session")
def venv(tmp_path_factory: pytest.TempPathFactory, dists: Dists, timings: Timings) -> Venv:
    return create_venv(tmp_path_factory.mktemp("venv"), dists.wheel, timings)


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
