"""The engine tier: tests marked ``engine`` run the real Pulumi CLI against the simulated Azure.

They run only when asked (``AMLLZ_ENGINE=1``; ``bash .ci/engine`` sets it, builds the CLI if
needed and prints the engine log). Asked for, a missing CLI fails them; otherwise they are
skipped with the reason and the command, so the README's test command stays fast and passes on a
machine without Go."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engine import tools
from tests.engine.workspace import EngineWorkspace


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    engine_items = [item for item in items if item.get_closest_marker("engine")]
    if not engine_items or tools.requested():
        return
    reason = tools.skip_reason()
    for item in engine_items:
        item.add_marker(pytest.mark.skip(reason=reason))


def _workspace(tmp_path_factory: pytest.TempPathFactory) -> EngineWorkspace:
    missing = tools.why_not_available()
    if missing:
        pytest.fail(f"engine tier requested, but {missing}")
    root = tmp_path_factory.mktemp("engine")
    log = Path(os.environ.get("AMLLZ_ENGINE_LOG") or root / "engine.log")
    workspace = EngineWorkspace(root, tools.engine_tools(), log)
    workspace.run(root, f"pulumi login {workspace.backend_url}")
    return workspace


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineWorkspace]:
    """A fresh file backend and simulated Azure for one test module."""
    yield _workspace(tmp_path_factory)


@pytest.fixture
def own_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineWorkspace]:
    """A fresh file backend and simulated Azure for one test."""
    yield _workspace(tmp_path_factory)
