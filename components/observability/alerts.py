"""The environment's action group, metric and log search alerts, and cost budgets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import consumption, monitor

from ..blocks.lifecycle import registered_lifecycle
from ..resource_types import BUDGET, LOG_ALERT
from .config import (
    WORKSPACE_METRIC_NAMESPACE,
    ActionGroupSettings,
    BudgetSettings,
    MetricAlertSettings,
)


@dataclass(frozen=True)
class MetricRule:
    """One static-threshold metric condition with its schedule and severity."""

    namespace: str
    metric: str
    operator: str
    threshold: float
    aggregation: str
    severity: int
    window_size: str
    evaluation_frequency: str

    @classmethod
    def on_workspace(cls, rule: MetricAlertSettings) -> MetricRule:
        return cls(
            WORKSPACE_METRIC_NAMESPACE,
            rule.metric,
            rule.operator,
            rule.threshold,
            rule.aggregation,
            rule.severity,
            rule.window_size,
            rule.evaluation_frequency,
        )


@dataclass(frozen=True)
class LogRule:
    """A log search condition: ``query`` yields ``measure`` per row, compared with
    ``threshold`` over each window."""

    query: str
    measure: str
    operator: str
    threshold: float
    severity: int
    window_size: str
    evaluation_frequency: str


def action_group(
    resource_name: str,
    *,
    name: str,
    short_name: str,
    settings: ActionGroupSettings,
    resource_group_name: pulumi.Input[str],
    tags: Mapping[str, str],
    parent: pulumi.Resource,
) -> monitor.ActionGroup:
    return monitor.ActionGroup(
        resource_name,
        action_group_name=name,
        group_short_name=short_name,
        enabled=True,
        resource_group_name=resource_group_name,
        location="global",
        email_receivers=[
            {"name": key, "email_address": address, "use_common_alert_schema": True}
            for key, address in sorted(settings.emails.items())
        ],
        webhook_receivers=[
            {"name": key, "service_uri": uri, "use_common_alert_schema": True}
            for key, uri in sorted(settings.webhooks.items())
        ],
        tags=dict(tags),
        opts=pulumi.ResourceOptions(parent=parent),
    )


def metric_alert(
    resource_name: str,
    *,
    rule_name: str,
    key: str,
    rule: MetricRule,
    scope: pulumi.Input[str],
    resource_group_name: pulumi.Input[str],
    action_group_id: pulumi.Input[str],
    tags: Mapping[str, str],
    parent: pulumi.Resource,
) -> monitor.MetricAlert:
    return monitor.MetricAlert(
        resource_name,
        rule_name=rule_name,
        description=f"{rule.metric} {rule.operator} {rule.threshold:g} ({key})",
        resource_group_name=resource_group_name,
        location="global",
        enabled=True,
        scopes=[scope],
        severity=rule.severity,
        evaluation_frequency=rule.evaluation_frequency,
        window_size=rule.window_size,
        auto_mitigate=True,
        # Args classes, not dicts: criteria is a union, and a dict for a union reaches the
        # provider with its Python (snake_case) keys.
        criteria=monitor.MetricAlertSingleResourceMultipleMetricCriteriaArgs(
            odata_type="Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
            all_of=[
                monitor.MetricCriteriaArgs(
                    criterion_type="StaticThresholdCriterion",
                    name=key,
                    metric_namespace=rule.namespace,
                    metric_name=rule.metric,
                    operator=rule.operator,
                    threshold=rule.threshold,
                    time_aggregation=rule.aggregation,
                )
            ],
        ),
        actions=[{"action_group_id": action_group_id}],
        tags=dict(tags),
        opts=pulumi.ResourceOptions(parent=parent),
    )


def log_alert(
    resource_name: str,
    *,
    rule_name: str,
    description: str,
    rule: LogRule,
    log_analytics_workspace_id: pulumi.Input[str],
    location: str,
    resource_group_name: pulumi.Input[str],
    action_group_id: pulumi.Input[str],
    tags: Mapping[str, str],
    parent: pulumi.Resource,
) -> monitor.ScheduledQueryRule:
    """A log search alert over the central Log Analytics workspace: for signals no metric
    carries (a ratio of log rows). Regional, unlike metric alerts: it lives where the logs do."""
    return monitor.ScheduledQueryRule(
        resource_name,
        rule_name=rule_name,
        description=description,
        resource_group_name=resource_group_name,
        location=location,
        kind="LogAlert",
        enabled=True,
        scopes=[log_analytics_workspace_id],
        severity=rule.severity,
        evaluation_frequency=rule.evaluation_frequency,
        window_size=rule.window_size,
        auto_mitigate=True,
        criteria=monitor.ScheduledQueryRuleCriteriaArgs(
            all_of=[
                monitor.ConditionArgs(
                    query=rule.query,
                    time_aggregation="Maximum",
                    metric_measure_column=rule.measure,
                    operator=rule.operator,
                    threshold=rule.threshold,
                    failing_periods=monitor.ConditionFailingPeriodsArgs(
                        number_of_evaluation_periods=1, min_failing_periods_to_alert=1
                    ),
                )
            ]
        ),
        actions=monitor.ActionsArgs(action_groups=[action_group_id]),
        tags=dict(tags),
        # a new scope (another Log Analytics workspace) re-creates the rule: ARM refuses it in
        # place (its registered lifecycle)
        opts=registered_lifecycle(pulumi.ResourceOptions(parent=parent), LOG_ALERT),
    )


def budget(
    resource_name: str,
    *,
    name: str,
    amount: float,
    scope: pulumi.Input[str],
    settings: BudgetSettings,
    action_group_id: pulumi.Input[str] | None,
    parent: pulumi.Resource,
    project: str | None = None,
) -> consumption.Budget:
    """A monthly cost budget on ``scope``; for a project, only resources tagged with it."""
    notifications: dict[str, consumption.NotificationArgsDict] = {
        f"{n.type.lower()}-{n.threshold:g}": {
            "enabled": True,
            "operator": "GreaterThanOrEqualTo",
            "threshold": n.threshold,
            "threshold_type": n.type,
            "contact_emails": list(settings.contact_emails),
            "contact_groups": [action_group_id] if action_group_id is not None else [],
        }
        for n in settings.notifications
    }
    only_project: consumption.BudgetFilterArgsDict | None = (
        {"tags": {"name": "project", "operator": "In", "values": [project]}}
        if project is not None
        else None
    )
    return consumption.Budget(
        resource_name,
        budget_name=name,
        amount=amount,
        category="Cost",
        scope=scope,
        time_grain="Monthly",
        time_period={"start_date": f"{settings.start().isoformat()}T00:00:00Z"},
        filter=only_project,
        notifications=notifications,
        opts=registered_lifecycle(pulumi.ResourceOptions(parent=parent), BUDGET),
    )
