"""Azure Machine Learning landing zones on Pulumi.

Data flows one way: stack config (``config``) -> components (``LandingZone``, ``Hub``,
``ProjectWorkspace``, ``DataLandingZoneML``, ``PersonalComputeInstance``) -> building blocks
(``blocks``: hardened storage, key vault, registry and monitoring; the workspace's associated
resources; computes; tags, RBAC, diagnostics, locks, private endpoints, network, identity,
encryption, managed network) -> azure-native resources."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers see; at run time the names load on first use
    from .compute_instance import PersonalComputeInstance, PersonalComputeInstanceArgs
    from .config import LandingZoneConfig, load_stack_config, parse_stack_config
    from .data_landing_zone import DataLandingZoneML
    from .data_landing_zone_args import (
        DataLandingZoneArgs,
        DataLandingZoneMLArgs,
        DataProductArgs,
    )
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
        ServerlessComputeArgs,
        SpokeNetworkArgs,
    )
    from .landing_zone import LandingZone
    from .multi_environment import MultiEnvironment
    from .platform_outputs import PlatformOutputs, read_platform_outputs
    from .project import ProjectMemberArgs, ProjectWorkspace, ProjectWorkspaceArgs

# The public names, each with the module it lives in. They are imported on first use, so that
# the subpackages the package also ships (the policy pack, the offline engine) start without
# loading pydantic and azure-native.
_HOME = {
    "ComponentArgsError": "errors",
    "ConfigError": "errors",
    "LandingZoneError": "errors",
    "EncryptionArgs": "hub_args",
    "HubArgs": "hub_args",
    "ManagedNetworkArgs": "hub_args",
    "MonitoringArgs": "hub_args",
    "NetworkArgs": "hub_args",
    "OutboundRuleArgs": "hub_args",
    "PrivateDnsArgs": "hub_args",
    "ServerlessComputeArgs": "hub_args",
    "SpokeNetworkArgs": "hub_args",
    "Hub": "hub",
    "DataLandingZoneML": "data_landing_zone",
    "DataLandingZoneArgs": "data_landing_zone_args",
    "DataLandingZoneMLArgs": "data_landing_zone_args",
    "DataProductArgs": "data_landing_zone_args",
    "LandingZone": "landing_zone",
    "MultiEnvironment": "multi_environment",
    "LandingZoneConfig": "config",
    "load_stack_config": "config",
    "parse_stack_config": "config",
    "PersonalComputeInstance": "compute_instance",
    "PersonalComputeInstanceArgs": "compute_instance",
    "PlatformOutputs": "platform_outputs",
    "read_platform_outputs": "platform_outputs",
    "ProjectMemberArgs": "project",
    "ProjectWorkspace": "project",
    "ProjectWorkspaceArgs": "project",
}
__all__ = [
    "ComponentArgsError",
    "ConfigError",
    "DataLandingZoneArgs",
    "DataLandingZoneML",
    "DataLandingZoneMLArgs",
    "DataProductArgs",
    "EncryptionArgs",
    "Hub",
    "HubArgs",
    "LandingZone",
    "LandingZoneConfig",
    "LandingZoneError",
    "ManagedNetworkArgs",
    "MonitoringArgs",
    "MultiEnvironment",
    "NetworkArgs",
    "OutboundRuleArgs",
    "PersonalComputeInstance",
    "PersonalComputeInstanceArgs",
    "PlatformOutputs",
    "PrivateDnsArgs",
    "ProjectMemberArgs",
    "ProjectWorkspace",
    "ProjectWorkspaceArgs",
    "ServerlessComputeArgs",
    "SpokeNetworkArgs",
    "load_stack_config",
    "parse_stack_config",
    "read_platform_outputs",
]
assert sorted(__all__) == sorted(_HOME)  # one list of public names, checked on import


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
