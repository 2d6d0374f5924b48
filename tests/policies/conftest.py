"""Configs the policy tests evaluate with: every rule on at one level, or a shipped preset."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.policies.fixtures import write_config


@pytest.fixture(scope="session")
def all_mandatory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every rule (opt-in ones included) mandatory with its default parameters."""
    return write_config(tmp_path_factory.mktemp("config"), {"all": "mandatory"})


@pytest.fixture
def config(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    """Write a ``--policy-pack-config`` file for one test."""
    return lambda content: write_config(tmp_path, content)
