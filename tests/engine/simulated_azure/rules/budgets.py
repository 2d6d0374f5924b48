"""Cost budgets (Microsoft.Consumption/budgets), against the simulated clock.

The start date "must be first of the month and should be less than the end date. ... Future start
date should not be more than twelve months. Past start date should be selected within the
timegrain period." (Budgets - Create Or Update, BudgetTimePeriod.startDate,
learn.microsoft.com/rest/api/consumption/budgets/create-or-update). It cannot change later:
``Start date of budgets cannot be updated. Please delete and create a new budget.`` (HTTP 400,
Azure/CanadaPubSecALZ#317, Azure/azure-quickstart-templates#7095). Azure's wording for the other
start-date refusals was not found: those messages quote the REST doc's constraint.
"""

from __future__ import annotations

import datetime as dt

from ..config import parse_time
from ..errors import ArmError
from ..values import get_path, known_text
from .base import Op

BUDGET = "azure-native:consumption:Budget"
_MONTHS = {"Monthly": 1, "Quarterly": 3, "Annually": 12}


def _month_index(moment: dt.datetime) -> int:
    return moment.year * 12 + moment.month - 1


def _refuse(reason: str) -> ArmError:
    return ArmError("BadRequest", f"Invalid budget time period: {reason}", 400)


def before_create(op: Op) -> None:
    if op.token != BUDGET:
        return
    start_text = known_text(get_path(op.inputs, "timePeriod.startDate"))
    if start_text is None or op.inputs.get("category", "Cost") != "Cost":
        return
    start = parse_time(start_text)
    if start.day != 1 or (start.hour, start.minute, start.second) != (0, 0, 0):
        raise _refuse("the start date must be first of the month.")
    months = _MONTHS.get(str(op.inputs.get("timeGrain", "Monthly")), 1)
    now_index = _month_index(op.now)
    period_start = now_index - (now_index % months)
    if _month_index(start) < period_start:
        raise _refuse(
            "past start date should be selected within the timegrain period "
            f"({op.inputs.get('timeGrain', 'Monthly')})."
        )
    if _month_index(start) > now_index + 12:
        raise _refuse("future start date should not be more than twelve months.")
    end_text = known_text(get_path(op.inputs, "timePeriod.endDate"))
    if end_text and parse_time(end_text) <= start:
        raise _refuse("the start date should be less than the end date.")


def before_update(op: Op) -> None:
    if op.token != BUDGET or op.old is None:
        return
    old = known_text(get_path(op.old.inputs, "timePeriod.startDate"))
    new = known_text(get_path(op.inputs, "timePeriod.startDate"))
    if old and new and parse_time(old) != parse_time(new):
        raise ArmError(
            "BadRequest",
            "Start date of budgets cannot be updated. Please delete and create a new budget.",
            400,
        )
