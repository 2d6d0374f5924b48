"""Azure Machine Learning landing zones on Pulumi.

The stack config (``config``: the models of ``Pulumi.<stack>.yaml``) is validated first; the
``LandingZone`` (or ``MultiEnvironment``, one environment of an estate) turns it into the args of
the components, each in its capability folder (``hub``, ``projects``, ``data_products``,
``computes``, ``observability``, ``environments``: config, args, component and own blocks), and
they build azure-native resources from the shared blocks (``blocks``: hardened storage, key
vault, registry and monitoring, and the cross-cutting interfaces: tags, role assignments,
diagnostics, locks, private endpoints). Components pass each other ids and outputs, never
objects to reach into; the one write into another component's resource is said where it
happens (a data product's lake connections on the hub, by the hub's id). Every resource type
the library creates is registered in ``resource_types``, which the policy pack
(``aml_landing_zone.policies``) and the offline engine (``aml_landing_zone.offline``) read."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers see; at run time the names load on first use
    from .computes.args import PersonalComputeInstanceArgs
    from .computes.component import PersonalComputeInstance
    from .config import LandingZoneConfig, load_stack_config, parse_stack_config
    from .config.shared_args import (
        EncryptionArgs,
        ManagedNetworkArgs,
        MonitoringArgs,
        NetworkArgs,
        OutboundRuleArgs,
        PrivateDnsArgs,
        SpokeNetworkArgs,
    )
    from .data_products.args import DataLandingZoneArgs, DataLandingZoneMLArgs, DataProductArgs
    from .data_products.component import DataLandingZoneML
    from .environments.component import MultiEnvironment
    from .errors import ComponentArgsError, ConfigError, LandingZoneError
    from .hub.args import HubArgs, ServerlessComputeArgs
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
    "EncryptionArgs": "config.shared_args",
    "HubArgs": "hub.args",
    "ManagedNetworkArgs": "config.shared_args",
    "MonitoringArgs": "config.shared_args",
    "NetworkArgs": "config.shared_args",
    "OutboundRuleArgs": "config.shared_args",
    "PrivateDnsArgs": "config.shared_args",
    "ServerlessComputeArgs": "hub.args",
    "SpokeNetworkArgs": "config.shared_args",
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
