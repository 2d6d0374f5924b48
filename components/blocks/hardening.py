"""What every hardened resource shares, applied one way (the Azure Verified Modules interface).

A hardened-resource block (storage, key vault, registry, monitoring, a workspace) creates its
resource and hands it to :func:`harden`, which applies the resource's interfaces
(``interfaces.py``): private endpoints (with their DNS zone group), diagnostic settings, role
assignments and a lock; the block sets the tags on the resource itself. Each block takes the
component's defaults from its ``ResourceContext`` and an ``interfaces`` override for its one
resource."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pulumi
from pulumi_azure_native import network

from ..dns_zones import zones_for
from ..naming import Naming
from .diagnostics import DiagnosticTarget, send_diagnostics
from .interfaces import Interfaces, NetworkAccess
from .locks import resource_lock
from .private_endpoint import EndpointTarget, private_endpoint
from .rbac import assign_roles


@dataclass(frozen=True)
class ResourceContext:
    """Where one component's resources go and what they share: ``prefix`` is the Pulumi name
    prefix (the component's name), ``naming`` builds their Azure names (None for a component
    that names nothing but what it is given), ``protect`` guards the stateful ones (Pulumi
    ``protect``), ``network_access`` opens the firewalls of those that have one, and
    ``interfaces`` are every resource's defaults (a block takes an override per resource)."""

    prefix: str
    parent: pulumi.Resource
    naming: Naming | None
    resource_group_name: pulumi.Input[str]
    location: str
    protect: bool = False
    network_access: NetworkAccess = field(default_factory=NetworkAccess)
    interfaces: Interfaces = field(default_factory=Interfaces)

    @property
    def names(self) -> Naming:
        """The naming of a component that names its resources."""
        if self.naming is None:
            raise ValueError(f"{self.prefix}: this component gives its resources no names")
        return self.naming

    @property
    def child(self) -> pulumi.ResourceOptions:
        return pulumi.ResourceOptions(parent=self.parent)

    @property
    def stateful(self) -> pulumi.ResourceOptions:
        return pulumi.ResourceOptions(parent=self.parent, protect=self.protect)

    def with_interfaces(self, **changes: Any) -> ResourceContext:
        """The context with other defaults for every resource (``diagnostic_settings``...)."""
        return replace(self, interfaces=self.interfaces.but(**changes))


@dataclass(frozen=True)
class Endpoint:
    """A private-link group of a resource: ``key`` names the Pulumi resources."""

    key: str
    group: str


def harden(
    ctx: ResourceContext,
    *,
    key: str,
    azure_name: str,
    resource_id: pulumi.Input[str],
    endpoints: Sequence[Endpoint] = (),
    diagnostics: Sequence[DiagnosticTarget] = (),
    endpoints_after: Sequence[pulumi.Resource] = (),
    interfaces: Interfaces | None = None,
) -> dict[str, network.PrivateEndpoint]:
    """The resource's private endpoints, diagnostic settings, role assignments and lock, as its
    ``interfaces`` (default: the context's) say; returns the endpoints by key (callers grant on
    them, e.g. Reader for the studio). ``endpoints_after``: what the endpoints must wait for
    besides the resource itself (the resources an Azure Monitor Private Link Scope links, which
    its endpoint's DNS maps)."""
    applied = interfaces if interfaces is not None else ctx.interfaces
    created: dict[str, network.PrivateEndpoint] = {}
    placement = applied.private_endpoints
    if placement is not None:
        for endpoint in endpoints:
            target = EndpointTarget(
                endpoint.key,
                azure_name,
                resource_id,
                endpoint.group,
                zones_for(ctx.location, endpoint.group),
            )
            created[endpoint.key] = private_endpoint(
                ctx.prefix,
                target,
                naming=ctx.names,
                placement=placement,
                resource_group_name=ctx.resource_group_name,
                location=ctx.location,
                parent=ctx.parent,
                tags=applied.tags,
                depends_on=endpoints_after,
            )
    if applied.diagnostic_settings is not None and diagnostics:
        send_diagnostics(ctx.prefix, list(diagnostics), applied.diagnostic_settings, ctx.parent)
    if applied.role_assignments:
        assign_roles(
            ctx.prefix, resource_id, azure_name, list(applied.role_assignments), parent=ctx.parent
        )
    if applied.lock is not None:
        resource_lock(f"{ctx.prefix}-{key}", resource_id, applied.lock, ctx.parent)
    return created


def harden_with_endpoint(
    ctx: ResourceContext,
    *,
    key: str,
    azure_name: str,
    resource_id: pulumi.Input[str],
    group: str,
    interfaces: Interfaces | None = None,
) -> dict[str, network.PrivateEndpoint]:
    """The common case: one private-link group and one diagnostic setting, both named ``key``."""
    return harden(
        ctx,
        key=key,
        azure_name=azure_name,
        resource_id=resource_id,
        endpoints=[Endpoint(key, group)],
        diagnostics=[DiagnosticTarget(key, resource_id)],
        interfaces=interfaces,
    )
