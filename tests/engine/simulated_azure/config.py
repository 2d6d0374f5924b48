"""Settings read from the environment and the provider configuration.

- ``AMLLZ_SIM_AZURE_DB`` (required): the SQLite file every provider process of a test shares.
- ``AMLLZ_SIM_SUBSCRIPTION_ID``: the subscription when the program configures none.
- ``AMLLZ_SIM_TENANT_ID``: the tenant of every subscription.
- ``AMLLZ_SIM_CLIENT_OBJECT_ID`` / ``AMLLZ_SIM_CLIENT_ID``: the deploying principal
  (getClientConfig).
- ``AMLLZ_SIM_NOW``: ISO date or datetime (UTC) that freezes "now" (budgets, deletion dates, Sleep).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

DEFAULT_SUBSCRIPTION = "5e0f4b8e-0000-4000-8000-00000000a2e1"
DEFAULT_TENANT = "7a1c2d3e-0000-4000-8000-00000000a2e1"
DEFAULT_CLIENT_ID = "9b2e3f40-0000-4000-8000-00000000a2e1"
DEFAULT_OBJECT_ID = "c3d4e5f6-0000-4000-8000-00000000a2e1"


class ConfigError(RuntimeError):
    """The simulator cannot start (a required variable is missing)."""


def db_path() -> str:
    path = os.environ.get("AMLLZ_SIM_AZURE_DB", "")
    if not path:
        raise ConfigError(
            "AMLLZ_SIM_AZURE_DB is not set: the simulated Azure needs the path of its SQLite "
            "database (one file shared by every stack of a test)."
        )
    return path


def tenant_id() -> str:
    return os.environ.get("AMLLZ_SIM_TENANT_ID") or DEFAULT_TENANT


def client_object_id() -> str:
    return os.environ.get("AMLLZ_SIM_CLIENT_OBJECT_ID") or DEFAULT_OBJECT_ID


def client_id() -> str:
    return os.environ.get("AMLLZ_SIM_CLIENT_ID") or DEFAULT_CLIENT_ID


def default_subscription() -> str:
    return os.environ.get("AMLLZ_SIM_SUBSCRIPTION_ID") or DEFAULT_SUBSCRIPTION


def now() -> dt.datetime:
    """The simulated clock: ``AMLLZ_SIM_NOW`` when set, else the real UTC time."""
    frozen = os.environ.get("AMLLZ_SIM_NOW")
    if not frozen:
        return dt.datetime.now(dt.UTC)
    return parse_time(frozen)


def parse_time(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class ProviderConfig:
    """What Configure gave this provider process."""

    subscription_id: str

    @classmethod
    def from_configure(cls, variables: dict[str, str], args: dict[str, object]) -> ProviderConfig:
        sub = (
            variables.get("azure-native:config:subscriptionId")
            or variables.get("azure-native:subscriptionId")
            or (args.get("subscriptionId") if isinstance(args.get("subscriptionId"), str) else "")
            or default_subscription()
        )
        return cls(subscription_id=str(sub))
