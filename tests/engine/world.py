"""What exists in the simulated Azure before any stack runs: the tenant's users and groups that a
stack's config names (the stacks grant them roles; ARM refuses a principal that does not exist)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from tests.engine.simulated_azure.seed import SimulatedAzure

_GUID = re.compile(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


def config_principals(config: Any) -> set[str]:
    """Every value in a stack's config that is a whole GUID (group, user and principal ids;
    ARM ids and subscription ids are longer strings or named keys and are left out)."""
    found: set[str] = set()
    for key, value in _leaves(config):
        if isinstance(value, str) and _GUID.fullmatch(value) and "subscription" not in key.lower():
            found.add(value.lower())
    return found


def _leaves(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for child_key, child in value.items():
            yield from _leaves(child, str(child_key))
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item, key)
    else:
        yield key, value


def seed_principals(azure: SimulatedAzure, principals: Iterable[str]) -> None:
    """Add the principals to the simulated tenant (the simulator's own seeding API)."""
    azure.add_principals(sorted(principals), kind="Group")
