"""Azure Machine Learning landing zones on Pulumi.

Data flows one way: stack config (``config``) -> components (``Hub``, ``ProjectWorkspace``, ...)
-> building blocks (``blocks``: tags, RBAC, diagnostics, locks, private endpoints, network,
identity, encryption, managed network) -> azure-native resources."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# The public names are imported on first use, so that the subpackages the package also ships
# (the policy pack, the offline engine) start without loading pydantic and azure-native.
_HOME = {
    "ComponentArgsError": "errors",
    "ConfigError": "errors",
    "EncryptionArgs": "hub_args",
    "Hub": "hub",
    "HubArgs": "hub_args",
    "LandingZone": "landing_zone",
    "LandingZoneConfig": "config",
    "LandingZoneError": "errors",
    "ManagedNetworkArgs": "hub_args",
    "OutboundRuleArgs": "hub_args",
    "PrivateDnsArgs": "hub_args",
    "PrivateEndpointsArgs": "hub_args",
    "ProjectMemberArgs": "project",
    "ProjectWorkspace": "project",
    "ProjectWorkspaceArgs": "project",
    "SpokeNetworkArgs": "hub_args",
    "deploy_landing_zone": "landing_zone",
    "load_stack_config": "config",
    "parse_stack_config": "config",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
