"""Observability of one landing zone: the environment's action group, alerts on every workspace
and on the online endpoints the stack names, the dashboard, and budgets.

Everything derives from one list, the zone's workspaces (the hub, every project, then every data
product), so a project or product added to the config gets its alerts, its dashboard entries and
its budget with no other change. Everything but the budgets of a product and of a project with
its own group (``hub.projectResourceGroups``) lives in the hub's resource group, parented to the
landing zone; those budgets scope the workspace's own group."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pulumi

from ..blocks.tags import with_tags
from ..config import LandingZoneConfig
from ..data_products.component import DataLandingZoneML
from ..data_products.product import product_workspace_name
from ..hub.component import Hub
from ..naming import Naming
from ..projects.component import ProjectWorkspace
from .alerts import LogRule, MetricRule, action_group, budget, log_alert, metric_alert
from .config import ENDPOINT_LATENCY_METRIC, ENDPOINT_METRIC_NAMESPACE, HUB, EndpointRules
from .dashboard import dashboard

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
    *,
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


@dataclass(frozen=True)
class _Zone:
    """What the zone's alerts, dashboard and budgets are built from."""

    parent: pulumi.Resource
    name: str
    config: LandingZoneConfig
    naming: Naming
    hub: Hub
    workspaces: list[Watched]
    tags: dict[str, str]
    # (workspace key, endpoint name) -> the id of an endpoint the stack creates (inference):
    # its latency alert targets it, so Azure sees the endpoint before the alert
    endpoint_ids: Mapping[tuple[str, str], pulumi.Output[str]] = field(default_factory=dict)


def observe(
    parent: pulumi.Resource,
    *,
    name: str,
    config: LandingZoneConfig,
    naming: Naming,
    hub: Hub,
    projects: dict[str, ProjectWorkspace],
    tags: dict[str, str],
    data_products: DataLandingZoneML | None = None,
    project_groups: Mapping[str, pulumi.Output[str]] | None = None,
    endpoint_ids: Mapping[tuple[str, str], pulumi.Output[str]] | None = None,
) -> None:
    """The action group; metric alerts on every workspace; endpoint alerts; the dashboard;
    budgets on the hub's resource group, per project (its own group, ``project_groups``: key ->
    group id, with perProject; else the shared projects group filtered by the project tag) and
    per data product (its own group). Alerts and the action group are global; the log alert and
    the workbook sit in the zone's region, next to the logs."""
    workspaces = watched_workspaces(
        name,
        naming=naming,
        hub=hub,
        projects=projects,
        tags=tags,
        products=[(p.name, p.kind) for p in config.data_products],
        data_products=data_products,
        product_logs=config.log_analytics_for_products(),
    )
    zone = _Zone(parent, name, config, naming, hub, workspaces, tags, endpoint_ids or {})
    group_id = _alerts(zone)
    if config.observability.dashboard:
        _dashboard(zone)
    _budgets(zone, group_id, projects, project_groups or {})


def _alerts(zone: _Zone) -> pulumi.Output[str] | None:
    """The action group and the alerts that notify it (none without one); its id."""
    settings, naming, hub = zone.config.observability, zone.naming, zone.hub
    if settings.action_group is None:
        return None
    group_id = action_group(
        f"{zone.name}-action-group",
        name=naming.action_group(),
        short_name=settings.action_group.short_name or naming.action_group_short_name(),
        settings=settings.action_group,
        resource_group_name=hub.resource_group_name,
        tags=zone.tags,
        parent=zone.parent,
    ).id
    for workspace in zone.workspaces:
        for key, rule in sorted(settings.alert_rules(zone.config.production).items()):
            if rule.watches(workspace.key):
                metric_alert(
                    f"{workspace.prefix}-alert-{key}",
                    rule_name=naming.metric_alert(workspace.name, key),
                    key=key,
                    rule=MetricRule.on_workspace(rule),
                    scope=workspace.id,
                    resource_group_name=hub.resource_group_name,
                    action_group_id=group_id,
                    tags=workspace.tags,
                    parent=zone.parent,
                )
    by_key = {w.key: w for w in zone.workspaces}
    for rules in settings.endpoint_rules(zone.config.production):
        _endpoint_alerts(zone, by_key[rules.workspace], rules, group_id)
    return group_id


def _dashboard(zone: _Zone) -> None:
    config = zone.config
    dashboard(
        f"{zone.name}-dashboard",
        name=zone.naming.workbook(),
        title=f"ML landing zone {config.organization}-{config.workload}-{config.environment}",
        workspaces=[w.name for w in zone.workspaces],
        log_analytics_workspace_ids=[w.logs for w in zone.workspaces],
        location=config.location,
        resource_group_name=zone.hub.resource_group_name,
        tags=zone.tags,
        parent=zone.parent,
    )


def _budgets(
    zone: _Zone,
    group_id: pulumi.Output[str] | None,
    projects: Mapping[str, ProjectWorkspace],
    project_groups: Mapping[str, pulumi.Output[str]],
) -> None:
    """The hub's budget, each project's (its own group, else the shared projects group
    filtered by its tag) and each data product's (its own group)."""
    budgets, hub, naming = zone.config.observability.budgets, zone.hub, zone.naming
    if budgets is None:
        return
    scoped: list[tuple[str, str, float | None, pulumi.Input[str], str | None]] = [
        (f"{zone.name}-hub-budget", HUB, budgets.hub_amount, hub.resource_group_id, None)
    ]
    for workspace in (w for w in zone.workspaces if w.key in projects):
        own = project_groups.get(workspace.key)
        group = own if own is not None else hub.project_resource_group_id
        only = workspace.key if own is None else None
        scoped.append(
            (f"{workspace.prefix}-budget", workspace.key, budgets.project_amount, group, only)
        )
    product_amount = budgets.product_amount()
    for workspace in zone.workspaces:
        if workspace.product_group_id is not None:
            prefix, product_group = workspace.prefix, workspace.product_group_id
            scoped.append((f"{prefix}-budget", workspace.key, product_amount, product_group, None))
    for resource_name, key, amount, budget_scope, project in scoped:
        if amount is not None:
            budget(
                resource_name,
                name=naming.budget(key),
                amount=amount,
                scope=budget_scope,
                settings=budgets,
                action_group_id=group_id,
                parent=zone.parent,
                project=project,
            )


def _endpoint_alerts(
    zone: _Zone, workspace: Watched, rules: EndpointRules, group_id: pulumi.Output[str]
) -> None:
    """An online endpoint's p95 latency (a metric alert on the endpoint) and its 5xx rate (a
    log search alert on the central workspace)."""
    naming, resource_group = zone.naming, zone.hub.resource_group_name
    target = f"{workspace.name}-{rules.key}"
    endpoint_id = zone.endpoint_ids.get((workspace.key, rules.endpoint)) or workspace.id.apply(
        lambda ws: f"{ws}/onlineEndpoints/{rules.endpoint}"
    )
    metric_alert(
        f"{workspace.prefix}-endpoint-{rules.key}-latency",
        rule_name=naming.metric_alert(target, "latency"),
        key=f"{rules.key}-latency",
        rule=MetricRule(
            ENDPOINT_METRIC_NAMESPACE,
            ENDPOINT_LATENCY_METRIC,
            "GreaterThan",
            rules.latency_ms,
            "Average",
            rules.severity,
            "PT15M",
            "PT5M",
        ),
        scope=endpoint_id,
        resource_group_name=resource_group,
        action_group_id=group_id,
        tags=workspace.tags,
        parent=zone.parent,
    )
    log_alert(
        f"{workspace.prefix}-endpoint-{rules.key}-errors",
        rule_name=naming.log_alert(target, "errors"),
        description=f"5xx responses of online endpoint {rules.endpoint} ({workspace.name}) "
        f"above {rules.error_rate_percent:g} % of at least {MIN_REQUESTS} requests in 15 minutes",
        rule=LogRule(
            error_rate_query(workspace.name, rules.endpoint),
            "ErrorRatePercent",
            "GreaterThan",
            rules.error_rate_percent,
            rules.severity,
            "PT15M",
            "PT5M",
        ),
        log_analytics_workspace_id=workspace.logs,
        location=zone.config.location,
        resource_group_name=resource_group,
        action_group_id=group_id,
        tags=workspace.tags,
        parent=zone.parent,
    )
