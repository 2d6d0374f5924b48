"""Monitoring for a workspace: the Log Analytics workspace every diagnostic setting reports to,
and a workspace-based Application Insights with local (key) authentication off.

A central Log Analytics workspace (seed 004) replaces a local one entirely: a second one would
split one landing zone's logs across two places, so none is created then."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import applicationinsights, operationalinsights

from .hardening import ResourceContext
from .locks import lock_against_delete


@dataclass(frozen=True)
class Monitoring:
    log_analytics_workspace_id: pulumi.Output[str]
    app_insights: applicationinsights.Component
    log_analytics: operationalinsights.Workspace | None


def monitoring(
    ctx: ResourceContext,
    *,
    central_workspace_id: pulumi.Input[str] | None = None,
    retention_days: pulumi.Input[int] = 30,
) -> Monitoring:
    logs = None
    if central_workspace_id is None:
        logs = operationalinsights.Workspace(
            f"{ctx.prefix}-log",
            workspace_name=ctx.naming.log_analytics(),
            resource_group_name=ctx.resource_group_name,
            location=ctx.location,
            sku={"name": "PerGB2018"},
            retention_in_days=retention_days,
            tags=dict(ctx.tags),
            opts=ctx.stateful,
        )
        if ctx.lock:
            lock_against_delete(f"{ctx.prefix}-log", logs.id, parent=ctx.parent)
    workspace_id: pulumi.Output[str] = (
        logs.id if logs is not None else pulumi.Output.from_input(central_workspace_id)  # type: ignore[arg-type]
    )
    insights = applicationinsights.Component(
        f"{ctx.prefix}-appi",
        resource_name_=ctx.naming.app_insights(),
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        kind="web",
        application_type="web",
        ingestion_mode="LogAnalytics",
        workspace_resource_id=workspace_id,
        disable_local_auth=True,
        tags=dict(ctx.tags),
        opts=ctx.child,
    )
    return Monitoring(workspace_id, insights, logs)
