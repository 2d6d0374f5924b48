"""Budget start dates with the clock frozen at a month boundary: a budget starts on the first of
the UTC month it is created in and keeps its date afterwards; a configured date Azure would
refuse for a budget created now is a config error naming the key."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from aml_landing_zone import budget_dates
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.errors import ConfigError
from aml_landing_zone.offline.compare import compare_plans
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.plan import plan_document
from aml_landing_zone.offline.program import run_program

from tests.conftest import of_type
from tests.stack_values import NAMESPACE, ROOT, changed, stack_values

BUDGET = "azure-native:consumption:Budget"
# 19:30 on 31 January in New York is 00:30 on 1 February in UTC, the month Azure counts in.
EVENING_OF_JANUARY_31_IN_NEW_YORK = datetime(
    2027, 1, 31, 19, 30, tzinfo=timezone(timedelta(hours=-5))
)
LAST_SECOND_OF_JANUARY = datetime(2027, 1, 31, 23, 59, 59, tzinfo=UTC)


@pytest.fixture(scope="module")
def february_run() -> ProgramRun:
    """The dev stack (no startDate) previewed just after the UTC month changed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(budget_dates, "utc_now", lambda: EVENING_OF_JANUARY_31_IN_NEW_YORK)
        return run_program(ROOT, "dev")


def test_a_budget_starts_on_the_first_of_the_utc_month_it_is_created_in(
    february_run: ProgramRun,
) -> None:
    budgets = {
        r.name: (r.inputs["timePeriod"], r.ignore_changes) for r in of_type(february_run, BUDGET)
    }
    assert budgets == {
        name: ({"startDate": "2027-02-01T00:00:00Z"}, ("timePeriod.startDate",))
        for name in (
            "hub-hub-budget",
            "hub-churn-budget",
            "hub-explore-budget",
            "hub-fraud-budget",
            "hub-dlz-demand-budget",
        )
    }


def test_a_budget_created_last_month_keeps_its_start_date(february_run: ProgramRun) -> None:
    """The state holds January (the budgets were created then): February's program sends
    February, which Azure would refuse on update; ignoreChanges keeps January, so nothing
    changes."""
    new = json.loads(json.dumps(plan_document(february_run)))
    old = json.loads(json.dumps(new))
    for resource in old["resources"]:
        if resource["type"] == BUDGET:
            resource["inputs"]["timePeriod"] = {"startDate": "2027-01-01T00:00:00Z"}
    diff = compare_plans(old, new)
    assert (diff.added, diff.removed, diff.changed, diff.replaced) == ((), (), (), ())
    assert sorted((r.name, r.ignored) for r in diff.ignored) == [
        (name, ("timePeriod.startDate",))
        for name in sorted(
            (
                "hub-hub-budget",
                "hub-churn-budget",
                "hub-explore-budget",
                "hub-fraud-budget",
                "hub-dlz-demand-budget",
            )
        )
    ]


def _parse(start: str) -> Any:
    values = changed(stack_values("dev"), "observability.budgets.startDate", start)
    return parse_stack_config(values, NAMESPACE, "dev")


@pytest.mark.parametrize(
    ("start", "line"),
    [
        ("2026-12-01", "2026-12-01 is in a past month (now 2027-01, UTC): Azure creates a monthly "
         "budget from the current month on, so every budget created from now on would fail; "
         "remove startDate (each budget then starts in the month it is created and keeps that "
         "date) [LZ-CFG-005]"),
        ("2028-02-01", "2028-02-01 is more than 12 months ahead (now 2027-01, UTC), which Azure "
         "refuses [LZ-CFG-005]"),
    ],
)  # fmt: skip
def test_a_start_date_azure_would_refuse_names_the_key(
    monkeypatch: pytest.MonkeyPatch, start: str, line: str
) -> None:
    monkeypatch.setattr(budget_dates, "utc_now", lambda: LAST_SECOND_OF_JANUARY)
    with pytest.raises(ConfigError) as caught:
        _parse(start)
    assert str(caught.value).splitlines() == [
        "Pulumi.dev.yaml: invalid configuration (1 problem):",
        f"  {NAMESPACE}:observability.budgets.startDate: {line}",
    ]


@pytest.mark.parametrize("start", ["2027-01-01", "2028-01-01"])
def test_the_current_month_and_twelve_months_ahead_are_accepted(
    monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    monkeypatch.setattr(budget_dates, "utc_now", lambda: LAST_SECOND_OF_JANUARY)
    assert _parse(start).observability.budgets.start_date == start
