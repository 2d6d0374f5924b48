"""Stack configuration: the pydantic models for ``Pulumi.<stack>.yaml`` and their loader."""

from .hub import HUB_OWNED_SETTINGS, HubSettings
from .landing_zone import LandingZoneConfig
from .loader import load_stack_config, parse_stack_config
from .project import Member, ProjectSettings

__all__ = [
    "HUB_OWNED_SETTINGS",
    "HubSettings",
    "LandingZoneConfig",
    "Member",
    "ProjectSettings",
    "load_stack_config",
    "parse_stack_config",
]
