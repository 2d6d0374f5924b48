"""What every hardened resource shares, applied one way (the Azure Verified Modules interface).

A hardened-resource block (storage, key vault, registry, monitoring, a workspace) creates its
resource and hands it to :func:`harden`, which adds the same five things to every one of them:
private endpoints (with their DNS zone group), diagnostic settings to the one Log Analytics
workspace, role assignments, a CanNotDelete lock, and the landing zone's tags (set by the block on
the resource itself). The shapes are the ones every block and component accepts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pulumi
from pulumi_azure_native import network

from ..dns_zones import zones_for
from ..naming import Naming
from .diagnostics import DiagnosticTarget, send_diagnostics
from .locks import lock_against_delete
from .private_endpoint import EndpointTarget, private_endpoint
from .rbac import Grant, assign_roles


@dataclass(frozen=True)
class EndpointPlacement:
    """Where private endpoints go and which zone ids they register in (None: DNS by policy)."""

    subnet_id: pulumi.Input[str]
    zone_ids: Mapping[str, pulumi.Input[str]] | None


@dataclass(frozen=True)
class ResourceContext:
    """The shared settings of the resources one component creates.

    ``prefix`` is the Pulumi name prefix (the component's name), ``protect`` guards stateful
    resources, ``lock`` adds a CanNotDelete lock per hardened resource, ``endpoints`` is None when
    the component has no private endpoints, ``diagnostics_workspace_id`` None when no diagnostics
    are sent."""

    prefix: str
    parent: pulumi.Resource
    naming: Naming
    resource_group_name: pulumi.Input[str]
    location: str
    tags: Mapping[str, str] = field(default_factory=dict)
    protect: bool = False
    lock: bool = False
    public_network_access: str = "Disabled"
    allowed_ip_rules: Sequence[str] = ()
    endpoints: EndpointPlacement | None = None
    diagnostics_workspace_id: pulumi.Input[str] | None = None

    @property
    def child(self) -> pulumi.ResourceOptions:
        return pulumi.ResourceOptions(parent=self.parent)

    @property
    def stateful(self) -> pulumi.ResourceOptions:
        return pulumi.ResourceOptions(parent=self.parent, protect=self.protect)


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
    role_assignments: Sequence[Grant] = (),
    endpoints_after: Sequence[pulumi.Resource] = (),
) -> dict[str, network.PrivateEndpoint]:
    """Private endpoints, diagnostics, role assignments and lock for one created resource;
    returns the endpoints by key (callers grant on them, e.g. Reader for the studio).
    ``endpoints_after``: what the endpoints must wait for besides the resource itself (the
    resources an Azure Monitor Private Link Scope links, which its endpoint's DNS maps)."""
    created: dict[str, network.PrivateEndpoint] = {}
    if ctx.endpoints is not None:
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
                ctx.naming,
                ctx.endpoints.subnet_id,
                ctx.resource_group_name,
                ctx.location,
                ctx.endpoints.zone_ids,
                parent=ctx.parent,
                tags=ctx.tags,
                depends_on=endpoints_after,
            )
    if ctx.diagnostics_workspace_id is not None and diagnostics:
        send_diagnostics(ctx.prefix, list(diagnostics), ctx.diagnostics_workspace_id, ctx.parent)
    if role_assignments:
        assign_roles(ctx.prefix, resource_id, azure_name, list(role_assignments), ctx.parent)
    if ctx.lock:
        lock_against_delete(f"{ctx.prefix}-{key}", resource_id, parent=ctx.parent)
    return created


def harden_with_endpoint(
    ctx: ResourceContext,
    *,
    key: str,
    azure_name: str,
    resource_id: pulumi.Input[str],
    group: str,
    role_assignments: Sequence[Grant] = (),
) -> dict[str, network.PrivateEndpoint]:
    """The common case: one private-link group and one diagnostic setting, both named ``key``."""
    return harden(
        ctx,
        key=key,
        azure_name=azure_name,
        resource_id=resource_id,
        endpoints=[Endpoint(key, group)],
        diagnostics=[DiagnosticTarget(key, resource_id)],
        role_assignments=role_assignments,
    )
