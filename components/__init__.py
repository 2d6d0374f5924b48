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
    from .computes.args import PersonalComputeInstanceArgs
    from .computes.component import PersonalComputeInstance
    from .config import LandingZoneConfig, load_stack_config, parse_stack_config
    from .data_products.args import DataLandingZoneArgs, DataLandingZoneMLArgs, DataProductArgs
    from .data_products.component import DataLandingZoneML
    from .environments.component import MultiEnvironment
    from .errors import ComponentArgsError, ConfigError, LandingZoneError
    from .hub.args import (
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
    from .hub.component import Hub
    from .landing_zone import LandingZone
    from .platform_outputs import PlatformOutputs, read_platform_outputs
    from .projects.args import ProjectMemberArgs, ProjectWorkspaceArgs
    from .projects.component import ProjectWorkspace

# The public names, each with the module it lives in. They are imported on first use, so that
# the subpackages the package also ships (the policy pack, the offline engine) start without
# loading pydantic and azure-native.
_HOME = {
    "ComponentArgsError": "errors",
    "ConfigError": "errors",
    "LandingZoneError": "errors",
    "EncryptionArgs": "hub.args",
    "HubArgs": "hub.args",
    "ManagedNetworkArgs": "hub.args",
    "MonitoringArgs": "hub.args",
    "NetworkArgs": "hub.args",
    "OutboundRuleArgs": "hub.args",
    "PrivateDnsArgs": "hub.args",
    "ServerlessComputeArgs": "hub.args",
    "SpokeNetworkArgs": "hub.args",
    "Hub": "hub.component",
    "DataLandingZoneML": "data_products.component",
    "DataLandingZoneArgs": "data_products.args",
    "DataLandingZoneMLArgs": "data_products.args",
    "DataProductArgs": "data_products.args",
    "LandingZone": "landing_zone",
    "MultiEnvironment": "environments.component",
    "LandingZoneConfig": "config",
    "load_stack_config": "config",
    "parse_stack_config": "config",
    "PersonalComputeInstance": "computes.component",
    "PersonalComputeInstanceArgs": "computes.args",
    "PlatformOutputs": "platform_outputs",
    "read_platform_outputs": "platform_outputs",
    "ProjectMemberArgs": "projects.args",
    "ProjectWorkspace": "projects.component",
    "ProjectWorkspaceArgs": "projects.args",
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
