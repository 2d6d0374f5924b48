"""Azure Machine Learning landing zones on Pulumi.

Data flows one way: stack config (``config``) -> components (``Hub``, ``ProjectWorkspace``, ...)
-> building blocks (``blocks``: tags, RBAC, diagnostics, locks, private endpoints, network,
identity, encryption, managed network) -> azure-native resources."""

from .config import LandingZoneConfig, load_stack_config, parse_stack_config
from .errors import ComponentArgsError, ConfigError, LandingZoneError
from .hub import Hub
from .hub_args import (
    EncryptionArgs,
    HubArgs,
    ManagedNetworkArgs,
    MonitoringArgs,
    NetworkArgs,
    OutboundRuleArgs,
    PrivateDnsArgs,
    SpokeNetworkArgs,
)
from .landing_zone import LandingZone
from .project import ProjectMemberArgs, ProjectWorkspace, ProjectWorkspaceArgs

__all__ = [
    "ComponentArgsError",
    "ConfigError",
    "EncryptionArgs",
    "Hub",
    "HubArgs",
    "LandingZone",
    "LandingZoneConfig",
    "LandingZoneError",
    "ManagedNetworkArgs",
    "MonitoringArgs",
    "NetworkArgs",
    "OutboundRuleArgs",
    "PrivateDnsArgs",
    "ProjectMemberArgs",
    "ProjectWorkspace",
    "ProjectWorkspaceArgs",
    "SpokeNetworkArgs",
    "load_stack_config",
    "parse_stack_config",
]
