"""Observability of one landing zone: the environment's action group, alerts on every workspace
and on the online endpoints the stack names, the dashboard, and budgets.

Everything derives from one list, the zone's workspaces (the hub, every project, then every data
product), so a project or product added to the config gets its alerts, its dashboard entries and
its budget with no other change. Everything but the budgets of a product and of a project with
its own group (``hub.projectResourceGroups``) lives in the hub's resource group, parented to the
landing zone; those budgets scope the workspace's own group."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi

from .blocks.dashboard import dashboard
from .blocks.observability import LogRule, MetricRule, action_group, budget, log_alert, metric_alert
from .blocks.tags import with_tags
from .config import LandingZoneConfig
from .config.observability import (
    ENDPOINT_LATENCY_METRIC,
    ENDPOINT_METRIC_NAMESPACE,
    HUB,
    EndpointRules,
)
from .data_landing_zone import DataLandingZoneML, product_workspace_name
from .hub import Hub
from .naming import Naming
from .project import ProjectWorkspace

# Requests an endpoint must have served in the window before its error rate means anything.
MIN_REQUESTS = 10


@dataclass(frozen=True)
class Watched:
    """One workspace of the zone, as alerts, budgets and the dashboard name it."""

    key: str  # 'hub', a project's or a data product's key: what config calls it
    prefix: str  # the Pulumi name prefix of its resources
    name: str  # its Azure name
    id: pulumi.Output[str]
    tags: dict[str, str]
    logs: pulumi.Input[str]  # the Log Analytics workspace its diagnostics go to
    # a data product's own resource group, its budget's scope (none: hub or project)
    product_group_id: pulumi.Output[str] | None = None


def watched_workspaces(
    name: str,
    naming: Naming,
    hub: Hub,
    projects: dict[str, ProjectWorkspace],
    tags: dict[str, str],
    products: Sequence[tuple[str, str]] = (),
    data_products: DataLandingZoneML | None = None,
    product_logs: pulumi.Input[str] | None = None,
) -> list[Watched]:
    """The hub, the projects by key, then the data products (``(key, kind)``) by key; each
    named as its workspace is named. A product's resources are prefixed as the component
    prefixes them and tagged with ``dataProduct`` as they are."""
    logs = hub.log_analytics_workspace_id
    workspaces = [Watched(HUB, name, naming.hub(), hub.hub_id, tags, logs)]
    for key, project in sorted(projects.items()):
        workspaces.append(
            Watched(
                key,
                f"{name}-{key}",
                naming.project(key),
                project.workspace_id,
                with_tags(tags, project=key),
                logs,
            )
        )
    if data_products is None:
        return workspaces
    for key, kind in sorted(products):
        workspaces.append(
            Watched(
                key,
                data_products.resource_prefix(key),
                product_workspace_name(naming, key, kind),
                _entry(data_products.workspace_ids, key),
                with_tags(tags, dataProduct=key),
                logs if product_logs is None else product_logs,
                _entry(data_products.resource_group_ids, key),
            )
        )
    return workspaces


def _entry(by_key: pulumi.Output[dict[str, str]], key: str) -> pulumi.Output[str]:
    """One product's value of a component output keyed by product."""
    return by_key.apply(lambda values: values[key])


def error_rate_query(workspace: str, endpoint: str) -> str:
    """The share of an endpoint's requests answered 5xx, from its traffic log (columns:
    https://learn.microsoft.com/azure/azure-monitor/reference/tables/amlonlineendpointtrafficlog).
    No metric carries a ratio (RequestsPerMinute only counts), hence a log search alert."""
    return (
        "AmlOnlineEndpointTrafficLog\n"
        f'| where AzureMLWorkspaceName =~ "{workspace}" and EndpointName =~ "{endpoint}"\n'
        "| summarize Requests = count(), ServerErrors = countif(toint(ResponseCode) >= 500)\n"
        f"| where Requests >= {MIN_REQUESTS}\n"
        "| extend ErrorRatePercent = 100.0 * ServerErrors / Requests"
    )


def observe(
    parent: pulumi.Resource,
    name: str,
    config: LandingZoneConfig,
    naming: Naming,
    hub: Hub,
    projects: dict[str, ProjectWorkspace],
    tags: dict[str, str],
    data_products: DataLandingZoneML | None = None,
    *,
    project_groups: Mapping[str, pulumi.Output[str]] | None = None,
) -> None:
    """The action group; metric alerts on every workspace; endpoint alerts; the dashboard;
    budgets on the hub's resource group, per project (its own group, ``project_groups``: key ->
    group id, with perProject; else the shared projects group filtered by the project tag) and
    per data product (its own group). Alerts and the action group are global; the log alert and
    the workbook sit in the zone's region, next to the logs."""
    settings = config.observability
    workspaces = watched_workspaces(
        name,
        naming,
        hub,
        projects,
        tags,
        [(p.name, p.kind) for p in config.data_products],
        data_products,
        config.log_analytics_for_products(),
    )
    group_id: pulumi.Output[str] | None = None
    if settings.action_group is not None:
        group_id = action_group(
            f"{name}-action-group",
            naming.action_group(),
            settings.action_group.short_name or naming.action_group_short_name(),
            settings.action_group,
            hub.resource_group_name,
            tags,
            parent,
        ).id
        for workspace in workspaces:
            for key, rule in sorted(settings.alert_rules(config.production).items()):
                if rule.watches(workspace.key):
                    metric_alert(
                        f"{workspace.prefix}-alert-{key}",
                        naming.metric_alert(workspace.name, key),
                        key,
                        MetricRule.on_workspace(rule),
                        workspace.id,
                        hub.resource_group_name,
                        group_id,
                        workspace.tags,
                        parent,
                    )
        by_key = {w.key: w for w in workspaces}
        for rules in settings.endpoint_rules(config.production):
            _endpoint_alerts(parent, naming, config, hub, by_key[rules.workspace], rules, group_id)
    if settings.dashboard:
        dashboard(
            f"{name}-dashboard",
            naming.workbook(),
            f"ML landing zone {config.organization}-{config.workload}-{config.environment}",
            [w.name for w in workspaces],
            [w.logs for w in workspaces],
            config.location,
            hub.resource_group_name,
            tags,
            parent,
        )
    budgets = settings.budgets
    if budgets is None:
        return
    if budgets.hub_amount is not None:
        budget(
            f"{name}-hub-budget",
            naming.budget(HUB),
            budgets.hub_amount,
            hub.resource_group_id,
            budgets,
            group_id,
            parent,
        )
    if budgets.project_amount is not None:
        for workspace in (w for w in workspaces if w.key in projects):
            own_group = (project_groups or {}).get(workspace.key)
            budget(
                f"{workspace.prefix}-budget",
                naming.budget(workspace.key),
                budgets.project_amount,
                own_group if own_group is not None else hub.project_resource_group_id,
                budgets,
                group_id,
                parent,
                project=workspace.key if own_group is None else None,
            )
    product_amount = budgets.product_amount()
    for workspace in workspaces:
        if product_amount is not None and workspace.product_group_id is not None:
            budget(
                f"{workspace.prefix}-budget",
                naming.budget(workspace.key),
                product_amount,
                workspace.product_group_id,
                budgets,
                group_id,
                parent,
            )


def _endpoint_alerts(
    parent: pulumi.Resource,
    naming: Naming,
    config: LandingZoneConfig,
    hub: Hub,
    workspace: Watched,
    rules: EndpointRules,
    group_id: pulumi.Output[str],
) -> None:
    """An online endpoint's p95 latency (a metric alert on the endpoint) and its 5xx rate (a
    log search alert on the central workspace)."""
    target = f"{workspace.name}-{rules.key}"
    endpoint_id = workspace.id.apply(lambda ws: f"{ws}/onlineEndpoints/{rules.endpoint}")
    metric_alert(
        f"{workspace.prefix}-endpoint-{rules.key}-latency",
        naming.metric_alert(target, "latency"),
        f"{rules.key}-latency",
        MetricRule(
            ENDPOINT_METRIC_NAMESPACE,
            ENDPOINT_LATENCY_METRIC,
            "GreaterThan",
            rules.latency_ms,
            "Average",
            rules.severity,
            "PT15M",
            "PT5M",
        ),
        endpoint_id,
        hub.resource_group_name,
        group_id,
        workspace.tags,
        parent,
    )
    log_alert(
        f"{workspace.prefix}-endpoint-{rules.key}-errors",
        naming.log_alert(target, "errors"),
        f"5xx responses of online endpoint {rules.endpoint} ({workspace.name}) above "
        f"{rules.error_rate_percent:g} % of at least {MIN_REQUESTS} requests in 15 minutes",
        LogRule(
            error_rate_query(workspace.name, rules.endpoint),
            "ErrorRatePercent",
            "GreaterThan",
            rules.error_rate_percent,
            rules.severity,
            "PT15M",
            "PT5M",
        ),
        workspace.logs,
        config.location,
        hub.resource_group_name,
        group_id,
        workspace.tags,
        parent,
    )
