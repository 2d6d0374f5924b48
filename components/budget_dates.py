"""When a monthly cost budget starts.

Azure's rules for a ``Cost`` budget's ``timePeriod.startDate`` (BudgetTimePeriod: "Must be first
of the month ... Future start date should not be more than twelve months. Past start date should
be selected within the timegrain period";
https://learn.microsoft.com/rest/api/consumption/budgets/create-or-update): for a monthly budget,
the first of a month, not before the current month at creation, at most twelve months ahead. And
once created, "Start date of budgets cannot be updated" (Azure/CanadaPubSecALZ#317,
Azure/azure-quickstart-templates#7095): any other date sent later fails the update.

So a budget starts, by default, on the first of the UTC month it is created in, and keeps that
date: the program sends the current month and ``ignoreChanges`` keeps the state's date of a
budget that exists (``blocks/lifecycle.py``). ``utc_now`` is the one clock; tests replace it."""

from __future__ import annotations

from datetime import UTC, date, datetime

# How far ahead Azure accepts a monthly budget's start, in months.
MAX_MONTHS_AHEAD = 12


def utc_now() -> datetime:
    """The clock the start dates are computed from (a test freezes it)."""
    return datetime.now(UTC)


def current_month_start(now: datetime | None = None) -> date:
    """The first of the current month in UTC, the month Azure's budget API counts in."""
    moment = (now or utc_now()).astimezone(UTC)
    return date(moment.year, moment.month, 1)


def start_date_problem(start: date, now: datetime | None = None) -> str | None:
    """Why Azure would refuse to create a monthly budget starting on ``start`` (None: it would
    not): a day other than the first, a past month, more than twelve months ahead."""
    if start.day != 1:
        return f"{start.isoformat()} is not the first of a month"
    month = current_month_start(now)
    ahead = (start.year - month.year) * 12 + start.month - month.month
    if ahead < 0:
        return (
            f"{start.isoformat()} is in a past month (now {month:%Y-%m}, UTC): Azure creates a "
            "monthly budget from the current month on, so every budget created from now on "
            "would fail; remove startDate (each budget then starts in the month it is created "
            "and keeps that date)"
        )
    if ahead > MAX_MONTHS_AHEAD:
        return (
            f"{start.isoformat()} is more than {MAX_MONTHS_AHEAD} months ahead (now "
            f"{month:%Y-%m}, UTC), which Azure refuses"
        )
    return None
