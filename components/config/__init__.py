"""Stack configuration: the pydantic models for ``Pulumi.<stack>.yaml`` and their loader."""

from ..hub.config import HUB_OWNED_SETTINGS, HubSettings
from ..projects.config import Member, ProjectSettings
from .diagnostics import DiagnosticsSettings
from .encryption import EncryptionSettings
from .landing_zone import LandingZoneConfig
from .loader import load_stack_config, parse_stack_config
from .managed_network import ManagedNetworkSettings
from .network import DnsSettings, NetworkSettings, VirtualNetworkSettings

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
