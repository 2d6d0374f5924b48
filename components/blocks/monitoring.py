"""Monitoring for a workspace: the Log Analytics workspace every diagnostic setting reports to,
and a workspace-based Application Insights with local (key) authentication off.

A central Log Analytics workspace (seed 004) replaces a local one entirely: a second one would
split one landing zone's logs across two places, so none is created then.

``private`` (the default) closes public ingestion and queries of both and links them to an Azure
Monitor Private Link Scope (``blocks.monitor_private_link``); a central workspace is the platform's
to close and link, so only Application Insights is linked then. Diagnostic settings still reach a
closed workspace: they travel a Microsoft channel these flags do not govern (private-link-design,
"Exceptions: Diagnostic logs",
https://learn.microsoft.com/azure/azure-monitor/logs/private-link-design)."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import applicationinsights, monitor, operationalinsights

from .hardening import ResourceContext
from .interfaces import Interfaces
from .locks import resource_lock
from .monitor_private_link import ScopeTarget, monitor_private_link


@dataclass(frozen=True)
class Monitoring:
    log_analytics_workspace_id: pulumi.Output[str]
    app_insights: applicationinsights.Component
    log_analytics: operationalinsights.Workspace | None
    private_link_scope: monitor.PrivateLinkScope | None = None


def monitoring(
    ctx: ResourceContext,
    *,
    central_workspace_id: pulumi.Input[str] | None = None,
    retention_days: pulumi.Input[int] = 30,
    private: bool = True,
    private_link_scope_id: pulumi.Input[str] | None = None,
    interfaces: Interfaces | None = None,
) -> Monitoring:
    """The Log Analytics workspace (unless a central one is given), Application Insights and
    their private link, with their interfaces (default: the context's)."""
    applied = interfaces if interfaces is not None else ctx.interfaces
    # Explicit either way: Application Insights would default to public.
    public = "Disabled" if private else "Enabled"
    logs = None
    if central_workspace_id is None:
        logs = operationalinsights.Workspace(
            f"{ctx.prefix}-log",
            workspace_name=ctx.names.log_analytics(),
            resource_group_name=ctx.resource_group_name,
            location=ctx.location,
            sku={"name": "PerGB2018"},
            retention_in_days=retention_days,
            public_network_access_for_ingestion=public,
            public_network_access_for_query=public,
            tags=dict(applied.tags),
            opts=ctx.stateful,
        )
        if applied.lock is not None:
            resource_lock(f"{ctx.prefix}-log", logs.id, applied.lock, ctx.parent)
    workspace_id: pulumi.Output[str] = (
        logs.id if logs is not None else pulumi.Output.from_input(central_workspace_id)  # type: ignore[arg-type]
    )
    insights = applicationinsights.Component(
        f"{ctx.prefix}-appi",
        resource_name_=ctx.names.app_insights(),
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        kind="web",
        application_type="web",
        ingestion_mode="LogAnalytics",
        workspace_resource_id=workspace_id,
        disable_local_auth=True,
        public_network_access_for_ingestion=public,
        public_network_access_for_query=public,
        tags=dict(applied.tags),
        opts=ctx.child,
    )
    if not private:
        return Monitoring(workspace_id, insights, logs)
    targets = [ScopeTarget("appi", ctx.names.app_insights(), insights.id)]
    if logs is not None:
        targets.append(ScopeTarget("log", ctx.names.log_analytics(), logs.id))
    scope = monitor_private_link(ctx, targets, existing_scope_id=private_link_scope_id)
    return Monitoring(workspace_id, insights, logs, scope)
