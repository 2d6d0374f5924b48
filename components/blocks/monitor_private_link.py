"""Azure Monitor private link: Application Insights and Log Analytics in an Azure Monitor Private
Link Scope (AMPLS), reached through one ``azuremonitor`` private endpoint.

Azure Monitor gives no endpoint per resource: an endpoint connects a network to a scope, and the
scope lists the resources that network reaches
(https://learn.microsoft.com/azure/azure-monitor/logs/private-link-security). The scope created
here is PrivateOnly for ingestion and queries, with no per-endpoint exclusion, so the connected
network reaches only the resources in it (no exfiltration to other workspaces). The resources
themselves refuse public ingestion and queries (``blocks.monitoring``): Log Analytics ingestion
ignores the scope's access modes, so only its own flag closes it (private-link-design, "Control how
Private Links apply to your networks").

There is one scope per DNS: a second scope on the same DNS overwrites the first one's records. So
the hub either creates its scope (``existing_scope_id`` None; the endpoint goes where every hub
endpoint goes, its zones among the hub's, the shared blob zone created once) or only links its
resources to the platform's scope, creating no scope, endpoint or zone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import monitor

from ..arm import resource_group_of, resource_name
from ..dns_zones import MONITOR_GROUP
from .hardening import Endpoint, ResourceContext, harden


@dataclass(frozen=True)
class ScopeTarget:
    """An Azure Monitor resource to link: ``key`` names the Pulumi resource, ``name`` the link."""

    key: str
    name: str
    resource_id: pulumi.Input[str]


def monitor_private_link(
    ctx: ResourceContext,
    targets: Sequence[ScopeTarget],
    *,
    existing_scope_id: pulumi.Input[str] | None = None,
) -> monitor.PrivateLinkScope | None:
    """Link ``targets`` to the hub's own scope (created here, with its endpoint) or to
    ``existing_scope_id``; the scope created here, else None."""
    scope = None
    if existing_scope_id is None:
        scope_azure_name = ctx.names.private_link_scope()
        scope = monitor.PrivateLinkScope(
            f"{ctx.prefix}-ampls",
            scope_name=scope_azure_name,
            resource_group_name=ctx.resource_group_name,
            location="global",  # a scope is a global resource
            access_mode_settings={
                "ingestion_access_mode": monitor.AccessMode.PRIVATE_ONLY,
                "query_access_mode": monitor.AccessMode.PRIVATE_ONLY,
                "exclusions": [],
            },
            tags=dict(ctx.interfaces.tags),
            opts=ctx.child,
        )
        group: pulumi.Input[str] = ctx.resource_group_name
        scope_name: pulumi.Input[str] = scope.name
    else:  # the scope's group and name, read from its id (a primary hub's Output waits for it)
        existing = pulumi.Output.from_input(existing_scope_id)
        group, scope_name = existing.apply(resource_group_of), existing.apply(resource_name)
    links = [
        monitor.PrivateLinkScopedResource(
            f"{ctx.prefix}-ampls-{target.key}",
            name=target.name,
            resource_group_name=group,
            scope_name=scope_name,
            linked_resource_id=target.resource_id,
            opts=ctx.child,
        )
        for target in targets
    ]
    if scope is not None:
        # Resources first, then the endpoint: its DNS maps the workspace-specific endpoints of
        # the resources in the scope (private-link-configure, "Connect to a private endpoint").
        # A scope has no resource logs or metrics to send, so no diagnostic setting.
        harden(
            ctx,
            key="ampls",
            azure_name=scope_azure_name,
            resource_id=scope.id,
            endpoints=[Endpoint("ampls", MONITOR_GROUP)],
            endpoints_after=links,
            interfaces=ctx.interfaces.but(lock=None),  # a scope holds no data: nothing to lock
        )
    return scope
