"""The resource-type registry knows every azure-native type the library creates, and nothing else.

The policy pack's tag and stateful lists, the reports' key settings, the offline mocks' ids and
computed outputs and the resources' lifecycle options all read the registry, so a type without an
entry would be invisible to all of them. Every program run of the suite refuses one
(``offline.mocks.REQUIRE_REGISTERED_TYPES``, set in tests/conftest.py); the runs here are the
shipped stacks and the scenarios that create what those do not, each checked explicitly, and a
removed entry must fail the check."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

import pytest
from aml_landing_zone.offline import mocks
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.program import run_program
from aml_landing_zone.policies.rules.landing_zone import STATEFUL_TYPES, TAGGABLE_TYPES
from aml_landing_zone.resource_types import (
    RESOURCE_TYPES,
    STORAGE_ACCOUNT,
    stateful_types,
    taggable_types,
)

from tests.conftest import run_stack
from tests.offline.offline_tiny import BASE_CONFIG, TINY
from tests.stack_values import changed, stack_config
from tests.test_max_scenario import max_config
from tests.test_observability import ENDPOINTS

# The stacks and scenarios, each a (stack, config) pair for run_stack: the shipped stacks, and
# prod with online-endpoint alerts, and the maximal scenario (its serving cluster, extension and
# endpoints: the types the shipped stacks do not create).
SCENARIOS: dict[str, tuple[str, dict | None]] = {
    "dev": ("dev", None),
    "test": ("test", None),
    "prod": ("prod", None),
    "prod-endpoint-alerts": (
        "prod",
        changed(stack_config("prod"), "aml-landing-zone:observability.endpoints", ENDPOINTS),
    ),
    "max": ("prod", max_config()),
}


def unregistered_types(runs: Iterable[ProgramRun]) -> list[str]:
    """The azure-native types the runs register that the registry has no entry for."""
    return sorted(created_types(runs) - set(RESOURCE_TYPES))


def created_types(runs: Iterable[ProgramRun]) -> set[str]:
    return {
        resource.type
        for run in runs
        for resource in run.resources
        if resource.custom and resource.type.startswith("azure-native:")
    }


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_every_type_a_stack_creates_is_registered(scenario: str) -> None:
    assert unregistered_types([run_stack(*SCENARIOS[scenario])]) == []


def test_every_registered_type_is_created_by_a_stack_or_scenario() -> None:
    """No entry is dead: each names a type some stack or scenario creates."""
    created = created_types(run_stack(*scenario) for scenario in SCENARIOS.values())
    assert sorted(set(RESOURCE_TYPES) - created) == []


@contextlib.contextmanager
def without_entry(token: str) -> Iterator[None]:
    """The registry without ``token``'s entry, restored in its order afterwards."""
    saved = dict(RESOURCE_TYPES)
    del RESOURCE_TYPES[token]
    try:
        yield
    finally:
        RESOURCE_TYPES.clear()
        RESOURCE_TYPES.update(saved)


def test_a_removed_entry_fails_the_check_and_the_run() -> None:
    """Proof that the check bites: without the storage account's entry, the dev stack's runs
    have an unregistered type, and a program creating one fails under the suite's mocks."""
    dev = run_stack("dev")
    assert mocks.REQUIRE_REGISTERED_TYPES
    with without_entry(STORAGE_ACCOUNT):
        assert unregistered_types([dev]) == [STORAGE_ACCOUNT]
        with pytest.raises(mocks.UnregisteredTypeError, match="storage:StorageAccount"):
            run_program(TINY, "dev", BASE_CONFIG)
    assert unregistered_types([dev]) == []


def test_the_pack_lists_are_the_registrys() -> None:
    assert taggable_types() == TAGGABLE_TYPES
    assert stateful_types() == STATEFUL_TYPES
    assert set(STATEFUL_TYPES) <= set(TAGGABLE_TYPES)
