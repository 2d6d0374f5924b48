"""Stack configuration: the pydantic models for ``Pulumi.<stack>.yaml`` and their loader."""

from .diagnostics import DiagnosticsSettings
from .encryption import EncryptionSettings
from .hub import HUB_OWNED_SETTINGS, HubSettings
from .landing_zone import LandingZoneConfig
from .loader import load_stack_config, parse_stack_config
from .managed_network import ManagedNetworkSettings
from .network import DnsSettings, NetworkSettings, VirtualNetworkSettings
from .project import Member, ProjectSettings

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
