"""Stack configuration: the pydantic models for ``Pulumi.<stack>.yaml`` and their loader.

The names below load on first use: the capabilities' own config modules import this package's
shared sections (``config.base``...), and loading the whole stack model (``landing_zone``, which
imports every capability's config) with them would make importing a capability first (e.g.
``from aml_landing_zone import DataLandingZoneML`` in a fresh process) an import cycle."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..hub.config import HUB_OWNED_SETTINGS, HubSettings
    from ..projects.config import Member, ProjectSettings
    from .diagnostics import DiagnosticsSettings
    from .encryption import EncryptionSettings
    from .landing_zone import LandingZoneConfig
    from .loader import load_stack_config, parse_stack_config
    from .managed_network import ManagedNetworkSettings
    from .network import DnsSettings, NetworkSettings, VirtualNetworkSettings

_HOME = {
    "HUB_OWNED_SETTINGS": "..hub.config",
    "HubSettings": "..hub.config",
    "Member": "..projects.config",
    "ProjectSettings": "..projects.config",
    "DiagnosticsSettings": ".diagnostics",
    "EncryptionSettings": ".encryption",
    "LandingZoneConfig": ".landing_zone",
    "load_stack_config": ".loader",
    "parse_stack_config": ".loader",
    "ManagedNetworkSettings": ".managed_network",
    "DnsSettings": ".network",
    "NetworkSettings": ".network",
    "VirtualNetworkSettings": ".network",
}
__all__ = [
    "HUB_OWNED_SETTINGS",
    "DiagnosticsSettings",
    "DnsSettings",
    "EncryptionSettings",
    "HubSettings",
    "LandingZoneConfig",
    "ManagedNetworkSettings",
    "Member",
    "NetworkSettings",
    "ProjectSettings",
    "VirtualNetworkSettings",
    "load_stack_config",
    "parse_stack_config",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
