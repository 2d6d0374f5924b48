"""Observability: one action group per environment, alerts on every workspace and on the online
endpoints a stack names, a dashboard, budgets.

The action group is the one place alerts and budgets notify: its e-mail and webhook receivers
are this environment's on-call. Metric alerts watch every workspace of the stack (the hub, every
project and every data product) with the same rules (a new project or product gets them with no
other change); budgets watch the hub's resource group, per project the projects' resource group
filtered by the ``project`` tag, and per data product its own resource group.

Metric names are the ones Azure ML emits, from "Supported metrics for
Microsoft.MachineLearningServices/workspaces" and ".../workspaces/onlineEndpoints"
(https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-machinelearningservices-workspaces-metrics,
https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-machinelearningservices-workspaces-onlineendpoints-metrics)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import Field, field_validator

from .. import budget_dates
from ..codes import (
    BAD_FORMAT,
    BAD_NAME,
    BAD_REFERENCE,
    DUPLICATE,
    MISSING,
    OUT_OF_RANGE,
    CodedValueError,
)
from ..config.base import ConfigIssue, StrictModel, pattern_field, report, under
from ..config.secrets import UNDECRYPTED

WORKSPACE_METRIC_NAMESPACE = "Microsoft.MachineLearningServices/workspaces"
ENDPOINT_METRIC_NAMESPACE = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints"
# The endpoint metric the latency alert watches: p95 request latency in milliseconds.
ENDPOINT_LATENCY_METRIC = "RequestLatency_P95"
# Workspace metrics an alert may watch (category Run, Quota, Resource, ``Metric``); these are
# percentages, 0–100.
PERCENT_METRICS = (
    "Quota Utilization Percentage",
    "CpuUtilization",
    "GpuUtilization",
    "CpuUtilizationPercentage",
    "GpuUtilizationPercentage",
)
Metric = Literal[
    "Failed Runs",
    "Not Responding Runs",
    "Cancelled Runs",
    "Quota Utilization Percentage",
    "CpuUtilization",
    "GpuUtilization",
    "CpuUtilizationPercentage",
    "GpuUtilizationPercentage",
]
HUB = "hub"  # how alerts and endpoints name the hub workspace; projects and products: their key


def not_the_hub(name: str, what: str) -> str:
    """A project's or data product's key, which alerts, endpoints and budgets name it by: never
    'hub', which names the hub workspace there."""
    if name == HUB:
        raise CodedValueError(
            BAD_NAME,
            f"'{HUB}' names the hub workspace (alert workspaces, endpoints, budgets); "
            f"choose another {what} name",
        )
    return name


Frequency = Literal["PT1M", "PT5M", "PT15M", "PT30M", "PT1H"]
Window = Literal["PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT6H", "PT12H", "P1D"]
_MINUTES = {
    "PT1M": 1, "PT5M": 5, "PT15M": 15, "PT30M": 30, "PT1H": 60, "PT6H": 360, "PT12H": 720,
    "P1D": 1440,
}  # fmt: skip
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_RECEIVER_KEY = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$"


class ActionGroupSettings(StrictModel):
    """Who is told: e-mail and webhook receivers, each keyed by a name."""

    short_name: str | None = pattern_field(
        r"^[A-Za-z0-9-]{1,12}$",
        "1–12 letters, digits or hyphens",
        None,
        description="The name shown in e-mails and SMS. Default: '<organization>-<environment>' "
        "cut to 12 characters.",
    )
    emails: dict[str, str] = Field(
        default_factory=dict,
        description="E-mail receivers by name, e.g. oncall: ml-oncall@contoso.com. Alerts use the "
        "common alert schema.",
    )
    webhooks: dict[str, str] = Field(
        default_factory=dict,
        description="Webhook receivers by name (an https URI each, e.g. a Teams or PagerDuty "
        "endpoint). Alerts use the common alert schema. A URI carries its endpoint's key: set "
        "it as a secret (pulumi config set --secret --path "
        "'observability.actionGroup.webhooks.<name>' <uri>), and it stays one in the action "
        "group's inputs.",
    )

    @field_validator("emails")
    @classmethod
    def _emails(cls, emails: dict[str, str]) -> dict[str, str]:
        report(_key_issues(emails) + _email_issues(emails.items()))
        return emails

    @field_validator("webhooks")
    @classmethod
    def _webhooks(cls, hooks: dict[str, str]) -> dict[str, str]:
        report(_key_issues(hooks) + [
            ConfigIssue((key,), f"'{uri}' is not an https URI", BAD_FORMAT)
            for key, uri in hooks.items()
            # a secret offline-preview cannot decrypt is taken as given (config/secrets.py)
            if uri != UNDECRYPTED and not re.fullmatch(r"https://[^\s/]+(/\S*)?", uri)
        ])  # fmt: skip
        return hooks

    def issues(self) -> list[ConfigIssue]:
        if not self.emails and not self.webhooks:
            return [
                ConfigIssue((), "give at least one receiver under 'emails' or 'webhooks'", MISSING)
            ]
        return []


def _email_issues(addresses: Iterable[tuple[str | int, str]]) -> list[ConfigIssue]:
    """Each (key, address) whose address is no e-mail address: the one e-mail check."""
    return [
        ConfigIssue((key,), f"'{address}' is not an e-mail address", BAD_FORMAT)
        for key, address in addresses
        if not _EMAIL.fullmatch(address)
    ]


def _key_issues(receivers: dict[str, str]) -> list[ConfigIssue]:
    return [
        ConfigIssue((key,), "receiver names are 1–128 letters, digits, '_' or '-'", BAD_FORMAT)
        for key in receivers
        if not re.fullmatch(_RECEIVER_KEY, key)
    ]


class MetricAlertSettings(StrictModel):
    """One metric alert rule, created on every workspace: the hub, projects, data products."""

    metric: Metric = Field(description="The workspace metric watched.")
    operator: Literal["GreaterThan", "GreaterThanOrEqual", "LessThan", "LessThanOrEqual"] = Field(
        "GreaterThan", description="How the metric compares with the threshold."
    )
    threshold: float = Field(ge=0, description="The threshold; 0–100 for the percentage metrics.")
    aggregation: Literal["Total", "Average", "Maximum", "Minimum", "Count"] = Field(
        "Total", description="How the metric is aggregated over the window."
    )
    severity: int = Field(2, ge=0, le=4, description="0 (critical) to 4 (verbose).")
    window_size: Window = Field("PT15M", description="The period the metric is aggregated over.")
    evaluation_frequency: Frequency = Field("PT5M", description="How often the rule runs.")
    workspaces: list[str] | None = Field(
        default=None,
        min_length=1,
        description="The workspaces it watches: 'hub', project and/or data product names. "
        "Default: every workspace of the stack (the hub, every project and every data "
        "product), including ones added later.",
    )

    def watches(self, workspace: str) -> bool:
        return self.workspaces is None or workspace in self.workspaces

    def issues(self) -> list[ConfigIssue]:
        issues = []
        if self.metric in PERCENT_METRICS and self.threshold > 100:
            issues.append(
                ConfigIssue(("threshold",), f"'{self.metric}' is a percentage: 0–100", OUT_OF_RANGE)
            )
        if _MINUTES[self.window_size] < _MINUTES[self.evaluation_frequency]:
            issues.append(
                ConfigIssue(
                    ("windowSize",),
                    f"{self.window_size} is shorter than evaluationFrequency "
                    f"{self.evaluation_frequency}: the rule would skip data",
                )
            )
        return issues


def default_alerts(prod: bool) -> dict[str, MetricAlertSettings]:
    """The rules a stack gets unless it lists its own: failed runs, quota near its limit, nodes
    saturated (CPU) and paid-for GPUs idling; more severe in production (``prod``: the stack is
    governed as production, ``LandingZoneConfig.production``), where saturation is also reported
    earlier. A metric with no data (no cluster running) never fires."""
    severity = 1 if prod else 3
    return {
        "failed-runs": MetricAlertSettings(
            metric="Failed Runs",
            operator="GreaterThan",
            threshold=0,
            aggregation="Total",
            severity=severity,
            window_size="PT15M",
            evaluation_frequency="PT5M",
        ),
        "quota": MetricAlertSettings(
            metric="Quota Utilization Percentage",
            operator="GreaterThan",
            threshold=90,
            aggregation="Maximum",
            severity=severity + 1,
            window_size="PT1H",
            evaluation_frequency="PT15M",
        ),
        "cpu": MetricAlertSettings(
            metric="CpuUtilization",
            operator="GreaterThan",
            threshold=90 if prod else 95,
            aggregation="Average",
            severity=3 if prod else 4,
            window_size="PT1H",
            evaluation_frequency="PT15M",
        ),
        "gpu-idle": MetricAlertSettings(
            metric="GpuUtilization",
            operator="LessThan",
            threshold=10 if prod else 5,
            aggregation="Average",
            severity=3 if prod else 4,
            window_size="PT1H",
            evaluation_frequency="PT15M",
        ),
    }


_ENDPOINT_NAME = r"^[A-Za-z][A-Za-z0-9-]{1,30}[A-Za-z0-9]$"


class EndpointAlertSettings(StrictModel):
    """An online endpoint (created outside this library) to watch: its p95 latency (a metric
    alert on the endpoint) and its server-error rate (a log search alert on the central Log
    Analytics workspace, over the endpoint's traffic log)."""

    workspace: str = Field(
        description="The workspace holding it: 'hub', a project name or a data product name."
    )
    endpoint: str | None = pattern_field(
        _ENDPOINT_NAME,
        "3–32 letters, digits or hyphens, starting with a letter",
        None,
        description="The endpoint's name. Default: the key.",
    )
    latency_ms: float | None = Field(
        None,
        gt=0,
        le=180000,
        description="Alert when the p95 request latency (RequestLatency_P95) averages above "
        "this many milliseconds over 15 minutes. Default: 1000 in prod, 2000 elsewhere.",
    )
    error_rate_percent: float | None = Field(
        None,
        gt=0,
        le=100,
        description="Alert when more than this percent of requests over 15 minutes get a 5xx "
        "response (from AmlOnlineEndpointTrafficLog; at least 10 requests). Default: 5 in "
        "prod, 10 elsewhere.",
    )
    severity: int | None = Field(
        None,
        ge=0,
        le=4,
        description="0 (critical) to 4 (verbose). Default: 1 in prod, 3 elsewhere.",
    )


@dataclass(frozen=True)
class EndpointRules:
    """One endpoint's alert settings with the environment's defaults filled in."""

    key: str
    workspace: str
    endpoint: str
    latency_ms: float
    error_rate_percent: float
    severity: int


def endpoint_defaults(prod: bool) -> tuple[float, float, int]:
    """(p95 latency ms, 5xx rate %, severity) an endpoint gets unless it sets its own, in
    production (``prod``) and elsewhere."""
    return (1000, 5, 1) if prod else (2000, 10, 3)


class BudgetNotificationSettings(StrictModel):
    threshold: float = Field(
        gt=0, le=1000, description="Percent of the amount (0–1000) that triggers it."
    )
    type: Literal["Actual", "Forecasted"] = Field(
        "Actual", description="Actual cost so far, or the month's forecast."
    )


def _default_notifications() -> list[BudgetNotificationSettings]:
    return [
        BudgetNotificationSettings(threshold=80, type="Actual"),
        BudgetNotificationSettings(threshold=100, type="Forecasted"),
    ]


class BudgetSettings(StrictModel):
    """Monthly cost budgets: one on the hub's resource group, one per project, one per data
    product (its own resource group)."""

    start_date: str | None = pattern_field(
        r"^20[0-9]{2}-(0[1-9]|1[0-2])-01$",
        "the first of a month, YYYY-MM-01",
        None,
        description="When budgets created from now on start: not a past month, at most 12 "
        "months ahead. Default: the first of the (UTC) month each budget is created in. A "
        "budget keeps the date it was created with, as Azure refuses any change of it.",
    )
    hub_amount: float | None = Field(
        None, gt=0, description="Monthly amount for the hub's resource group; none: no budget."
    )
    project_amount: float | None = Field(
        None,
        gt=0,
        description="Monthly amount for each project: on its own resource group with "
        "hub.projectResourceGroups perProject, else on the shared projects group filtered by the "
        "resource tag 'project'; none: no project budgets.",
    )
    data_product_amount: float | None = Field(
        None,
        gt=0,
        description="Monthly amount for each data product (its own resource group). Default: "
        "projectAmount.",
    )
    notifications: list[BudgetNotificationSettings] = Field(
        default_factory=_default_notifications,
        min_length=1,
        max_length=5,
        description="When to notify (up to 5). Default: 80 % actual and 100 % forecasted.",
    )
    contact_emails: list[str] = Field(
        default_factory=list,
        description="Addresses notified besides the action group.",
    )

    @field_validator("start_date")
    @classmethod
    def _creatable(cls, start: str | None) -> str | None:
        """A date Azure accepts for a budget created now (the clock: ``budget_dates``)."""
        if start is not None:
            problem = budget_dates.start_date_problem(date.fromisoformat(start))
            if problem is not None:
                raise CodedValueError(OUT_OF_RANGE, problem)
        return start

    def start(self) -> date:
        """The start of a budget created now: the configured date, else this UTC month."""
        if self.start_date is not None:
            return date.fromisoformat(self.start_date)
        return budget_dates.current_month_start()

    def product_amount(self) -> float | None:
        """A data product's amount: its own, else a project's (a product is a team's workspace
        too)."""
        return self.project_amount if self.data_product_amount is None else self.data_product_amount

    @field_validator("notifications")
    @classmethod
    def _distinct(
        cls, notifications: list[BudgetNotificationSettings]
    ) -> list[BudgetNotificationSettings]:
        seen: set[tuple[str, float]] = set()
        issues = []
        for index, n in enumerate(notifications):
            if (n.type, n.threshold) in seen:
                issues.append(
                    ConfigIssue(
                        (index,), f"{n.type} at {n.threshold:g} % is given twice", DUPLICATE
                    )
                )
            seen.add((n.type, n.threshold))
        report(issues)
        return notifications

    @field_validator("contact_emails")
    @classmethod
    def _emails(cls, emails: list[str]) -> list[str]:
        report(_email_issues(enumerate(emails)))
        return emails


class ObservabilitySettings(StrictModel):
    """The environment's action group, alerts, dashboard and budgets."""

    action_group: ActionGroupSettings | None = Field(
        None,
        description="The environment's action group, notified by every alert and budget. "
        "Without it no metric alerts are created.",
    )
    alerts: dict[str, MetricAlertSettings] | None = Field(
        None,
        description="Metric alerts by key, created on every workspace of the stack (the hub, "
        "every project and every data product). "
        "Default with an action group: 'failed-runs', 'quota', 'cpu' and 'gpu-idle' with the "
        "environment's thresholds and severities (README: defaults per environment). {} turns "
        "them off.",
    )
    endpoints: dict[str, EndpointAlertSettings] = Field(
        default_factory=dict,
        description="Online endpoints to alert on, by key: p95 latency and 5xx error rate. "
        "Needs the action group; the endpoint must exist, and its AmlOnlineEndpointTrafficLog "
        "must reach the central Log Analytics workspace (a diagnostic setting) for the "
        "error-rate alert to see traffic.",
    )
    dashboard: bool = Field(
        True,
        description="One Azure Monitor workbook over the central Log Analytics workspace: run "
        "and pipeline health, compute utilisation and quota of the hub, every project and every "
        "data product.",
    )
    budgets: BudgetSettings | None = Field(None, description="Monthly cost budgets.")

    def alert_rules(self, production: bool) -> dict[str, MetricAlertSettings]:
        if self.action_group is None:
            return {}
        return default_alerts(production) if self.alerts is None else self.alerts

    def endpoint_rules(self, production: bool) -> list[EndpointRules]:
        latency, error_rate, severity = endpoint_defaults(production)
        return [
            EndpointRules(
                key,
                e.workspace,
                e.endpoint or key,
                latency if e.latency_ms is None else e.latency_ms,
                error_rate if e.error_rate_percent is None else e.error_rate_percent,
                severity if e.severity is None else e.severity,
            )
            for key, e in sorted(self.endpoints.items())
        ]

    def workspace_issues(self, workspaces: set[str]) -> list[ConfigIssue]:
        """Alerts and endpoints may only name the hub, a project or a data product of the
        stack."""
        known = [HUB, *sorted(workspaces)]

        def unknown(path: tuple[str | int, ...], name: str) -> ConfigIssue:
            return ConfigIssue(
                path,
                f"no workspace '{name}' in this stack (workspaces: {', '.join(known)})",
                BAD_REFERENCE,
            )

        issues = [
            unknown(("alerts", key, "workspaces", index), name)
            for key, alert in (self.alerts or {}).items()
            for index, name in enumerate(alert.workspaces or [])
            if name not in known
        ]
        issues += [
            unknown(("endpoints", key, "workspace"), e.workspace)
            for key, e in self.endpoints.items()
            if e.workspace not in known
        ]
        return issues

    def issues(self) -> list[ConfigIssue]:
        issues: list[ConfigIssue] = []
        if self.action_group is not None:
            issues += under(("actionGroup",), self.action_group.issues())
        else:
            if self.alerts:
                issues.append(
                    ConfigIssue(("alerts",), "alerts notify the action group: add 'actionGroup'")
                )
            if self.endpoints:
                issues.append(
                    ConfigIssue(
                        ("endpoints",), "endpoint alerts notify the action group: add 'actionGroup'"
                    )
                )
        for key, alert in (self.alerts or {}).items():
            issues += under(("alerts", key), alert.issues())
        budgets = self.budgets
        if budgets is not None:
            amounts = (budgets.hub_amount, budgets.project_amount, budgets.data_product_amount)
            if all(amount is None for amount in amounts):
                issues.append(
                    ConfigIssue(
                        ("budgets",), "give hubAmount, projectAmount, dataProductAmount or several"
                    )
                )
            if not budgets.contact_emails and self.action_group is None:
                issues.append(
                    ConfigIssue(
                        ("budgets", "contactEmails"),
                        "a budget needs someone to notify: give contactEmails or an actionGroup",
                    )
                )
        return issues


def defaults_markdown() -> str:
    """The README table of the defaults per environment (tests keep it current)."""
    lines = [
        "| alert | signal | condition | window / every | prod | other environments |",
        "|---|---|---|---|---|---|",
    ]
    prod, other = default_alerts(True), default_alerts(False)
    for key, rule in prod.items():
        others = other[key]
        lines.append(
            f"| `{key}` | `{rule.metric}` | {rule.aggregation} {_SIGN[rule.operator]} threshold "
            f"| {rule.window_size} / {rule.evaluation_frequency} "
            f"| {rule.threshold:g}, severity {rule.severity} "
            f"| {others.threshold:g}, severity {others.severity} |"
        )
    (p_latency, p_errors, p_severity), (o_latency, o_errors, o_severity) = (
        endpoint_defaults(True),
        endpoint_defaults(False),
    )
    lines += [
        f"| endpoint `latency` | `{ENDPOINT_LATENCY_METRIC}` (ms) | Average > threshold "
        f"| PT15M / PT5M | {p_latency:g}, severity {p_severity} "
        f"| {o_latency:g}, severity {o_severity} |",
        "| endpoint `errors` | 5xx share of AmlOnlineEndpointTrafficLog (%) | > threshold "
        f"| PT15M / PT5M | {p_errors:g}, severity {p_severity} "
        f"| {o_errors:g}, severity {o_severity} |",
    ]
    return "\n".join(lines) + "\n"


_SIGN = {"GreaterThan": ">", "GreaterThanOrEqual": ">=", "LessThan": "<", "LessThanOrEqual": "<="}


if __name__ == "__main__":
    print(defaults_markdown(), end="")
