"""ISO-8601 durations (``PT15M``, ``P3D``), read one way by the stack config and the policy pack.

Durations compare as time spans, never as text ("PT900S" < "PT20M" as strings). The config
accepts what Azure ML's compute APIs take (days, hours, minutes and seconds, whole numbers, as
written); the pack judges whatever a program sends, so it also reads years, months, weeks,
fractions and lower case. Standard library only: the pack loads it without the component
library."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

_NUMBER = r"\d+(?:[.,]\d+)?"
_DURATION = re.compile(
    rf"^P(?!$)(?:(?P<years>{_NUMBER})Y)?(?:(?P<months>{_NUMBER})M)?"
    rf"(?:(?P<weeks>{_NUMBER})W)?(?:(?P<days>{_NUMBER})D)?"
    rf"(?:T(?=\d)(?:(?P<hours>{_NUMBER})H)?(?:(?P<minutes>{_NUMBER})M)?"
    rf"(?:(?P<seconds>{_NUMBER})S)?)?$"
)
_UNITS = {
    "years": timedelta(days=365),
    "months": timedelta(days=30),
    "weeks": timedelta(weeks=1),
    "days": timedelta(days=1),
    "hours": timedelta(hours=1),
    "minutes": timedelta(minutes=1),
    "seconds": timedelta(seconds=1),
}
_DAY_TIME = ("days", "hours", "minutes", "seconds")

# The same grammar as a JSON-schema pattern (the pack's duration parameters): no look-arounds,
# as the Pulumi CLI validates with Go's RE2.
DURATION_PATTERN = r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"


def _parts(value: str) -> dict[str, str] | None:
    match = _DURATION.match(value)
    if match is None:
        return None
    return {unit: amount for unit, amount in match.groupdict().items() if amount is not None}


def parse_duration(value: Any) -> timedelta | None:
    """Any ISO-8601 duration (``PT15M`` == ``PT900S``, ``p1d``), or None when it is not one.
    Years and months count as 365 and 30 days: Azure ML limits are minutes to days."""
    if not isinstance(value, str):
        return None
    parts = _parts(value.strip().upper())
    if parts is None:
        return None
    return sum(
        (_UNITS[unit] * float(amount.replace(",", ".")) for unit, amount in parts.items()),
        timedelta(),
    )


def day_time_seconds(value: str) -> int | None:
    """Seconds of a duration in days, hours, minutes and seconds with whole numbers, as Azure
    ML's compute APIs take it; None for anything else."""
    parts = _parts(value)
    if parts is None or not set(parts) <= set(_DAY_TIME):
        return None
    if not all(amount.isdigit() for amount in parts.values()):
        return None
    return sum(int(_UNITS[unit].total_seconds()) * int(amount) for unit, amount in parts.items())
