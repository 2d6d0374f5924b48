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
    OutboundRuleArgs,
    PrivateDnsArgs,
    PrivateEndpointsArgs,
    SpokeNetworkArgs,
)
from .landing_zone import LandingZone, deploy_landing_zone
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
    "OutboundRuleArgs",
    "PrivateDnsArgs",
    "PrivateEndpointsArgs",
    "ProjectMemberArgs",
    "ProjectWorkspace",
    "ProjectWorkspaceArgs",
    "SpokeNetworkArgs",
    "deploy_landing_zone",
    "load_stack_config",
    "parse_stack_config",
]
