"""The cross-cutting interfaces every hardened resource takes, one shape each.

They are the Azure Verified Modules' shared parameter types: ``lockType``,
``roleAssignmentType``, ``diagnosticSettingFullType``, ``privateEndpointSingleServiceType`` and
``tags``. A component states its defaults once, in the ``interfaces`` of its
``ResourceContext``; every block applies them to its resource through ``hardening.harden``; a
caller overrides any of them for one resource (``Interfaces.but``): the Azure Monitor scope
takes no lock, a workspace's private endpoint its members' role assignments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import pulumi

from .rbac import Grant

LOCK_NOTES = "Managed by the Azure ML landing zone (Pulumi). Remove protect in config first."


@dataclass(frozen=True)
class Lock:
    """A management lock on the resource (AVM ``lockType``): Pulumi's ``protect`` stops
    ``pulumi destroy``, a lock stops everyone else (portal, CLI, other pipelines)."""

    kind: Literal["CanNotDelete", "ReadOnly"] = "CanNotDelete"
    name: str = "do-not-delete"
    notes: str = LOCK_NOTES


def protection_lock(protect: bool) -> Lock | None:
    """What ``protect`` in the config asks of a stateful resource besides Pulumi's protect: a
    CanNotDelete lock of its own (never one on its resource group, which would also block
    replacing the role assignments, diagnostic settings and endpoints under it)."""
    return Lock() if protect else None


@dataclass(frozen=True)
class DiagnosticSettings:
    """Where the resource's logs and metrics go (AVM ``diagnosticSettingFullType``): all logs
    and all metrics to one Log Analytics workspace (seed 004: central logging)."""

    workspace_id: pulumi.Input[str]
    name: str = "send-to-log-analytics"


@dataclass(frozen=True)
class PrivateEndpoints:
    """Where the resource's private endpoints go (AVM ``privateEndpointSingleServiceType``): the
    subnet, and the DNS zone ids they register in (None: DNS is left to Azure Policy)."""

    subnet_id: pulumi.Input[str]
    zone_ids: Mapping[str, pulumi.Input[str]] | None


@dataclass(frozen=True)
class Interfaces:
    """The interfaces of one resource (or a component's defaults for all of its resources).
    ``None`` is "not wanted": no lock, no diagnostic setting, no private endpoint. Role
    assignments are per resource; a component's defaults hold none."""

    tags: Mapping[str, str] = field(default_factory=dict)
    lock: Lock | None = None
    role_assignments: tuple[Grant, ...] = ()
    diagnostic_settings: DiagnosticSettings | None = None
    private_endpoints: PrivateEndpoints | None = None

    def but(self, **changes: Any) -> Interfaces:
        """These interfaces with ``changes`` for one resource (``lock=None``, say)."""
        return replace(self, **changes)


@dataclass(frozen=True)
class NetworkAccess:
    """Public access to the resources that have a firewall (storage, key vault, registry):
    ``Disabled`` unless a stack opts in, then only from ``allowed_ip_rules``."""

    public_network_access: str = "Disabled"
    allowed_ip_rules: tuple[str, ...] = ()
