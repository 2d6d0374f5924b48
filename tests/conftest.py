"""Shared fixtures: program runs are cached per (stack, config) because each costs ~1 s."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from aml_landing_zone.offline import mocks
from aml_landing_zone.offline.model import ProgramRun, RecordedResource
from aml_landing_zone.offline.program import run_program
from xdist.scheduler import LoadScopeScheduling

from tests.engine import tools as engine_tools
from tests.install import INSTALLED_MODULES, Dists, Timings, Venv, build, create_venv
from tests.shared_runs import share_runs_in, shared_run
from tests.stack_values import ROOT, stack_config

_RUNS: dict[str, ProgramRun] = {}


def pytest_configure(config: pytest.Config) -> None:
    """Every program the suite runs refuses an azure-native type the resource-type registry does
    not know (tests/test_resource_types.py)."""
    mocks.REQUIRE_REGISTERED_TYPES = True


def uses_installed_library(nodeid: str) -> bool:
    return nodeid.split("::", 1)[0] in INSTALLED_MODULES


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Hand out the tests of the installed library first: they share one build and install in
    one worker (tests/install.py), which xdist then overlaps with the rest of the suite instead
    of leaving for last."""
    items.sort(key=lambda item: not uses_installed_library(item.nodeid))


class _InstalledLibraryScheduling(LoadScopeScheduling):
    """xdist's load balancing, one test at a time, except that the tests of the installed
    library form one unit for one worker. (``--dist loadgroup`` would do this from a mark, but
    xdist 3.8 tags the group onto ``item._nodeid``, which pytest 9 no longer reads.)"""

    def _split_scope(self, nodeid: str) -> str:
        return "installed-library" if uses_installed_library(nodeid) else nodeid


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> LoadScopeScheduling | None:
    if config.getvalue("dist") != "load":
        return None  # an explicit --dist choice stands
    return _InstalledLibraryScheduling(config, log)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say once why the engine tier did not run, and how to run it (the controller prints
    this; under xdist the workers do the skipping)."""
    if not engine_tools.requested():
        terminalreporter.write_line(f"engine tier: skipped: {engine_tools.skip_reason()}")


@pytest.fixture(scope="session")
def timings() -> Iterator[Timings]:
    timings = Timings()
    yield timings
    # Seen with `uv run pytest -s -n0 tests/test_wheel_install.py` (or any of INSTALLED_MODULES).
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
        _RUNS[key] = shared_run(key, lambda: run_program(ROOT, stack, config))
    return _RUNS[key]


@pytest.fixture(scope="session", autouse=True)
def _runs_shared_between_workers(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> None:
    """Under xdist, the workers' base temp directories share a parent for the session."""
    if worker_id != "master":
        directory = tmp_path_factory.getbasetemp().parent / "program-runs"
        directory.mkdir(exist_ok=True)
        share_runs_in(directory)


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
