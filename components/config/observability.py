"""Observability: one action group per environment, metric alerts on every workspace, budgets.

The action group is the one place alerts and budgets notify: its e-mail and webhook receivers
are this environment's on-call. Metric alerts watch the hub and every project workspace with the
same rules (a new project gets them with no other change); budgets watch the hub's resource group
and, per project, the projects' resource group filtered by the ``project`` tag."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from ..codes import BAD_FORMAT, DUPLICATE, OUT_OF_RANGE
from .base import ConfigIssue, StrictModel, pattern_field, report, under

WORKSPACE_METRIC_NAMESPACE = "Microsoft.MachineLearningServices/workspaces"
# Workspace metrics an alert may watch; the percentages are 0–100.
PERCENT_METRICS = ("Quota Utilization Percentage", "CpuUtilization", "GpuUtilization")
Metric = Literal["Failed Runs", "Quota Utilization Percentage", "CpuUtilization", "GpuUtilization"]
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
        "endpoint). Alerts use the common alert schema.",
    )

    @field_validator("emails")
    @classmethod
    def _emails(cls, emails: dict[str, str]) -> dict[str, str]:
        report(_key_issues(emails) + [
            ConfigIssue((key,), f"'{address}' is not an e-mail address", BAD_FORMAT)
            for key, address in emails.items()
            if not _EMAIL.fullmatch(address)
        ])  # fmt: skip
        return emails

    @field_validator("webhooks")
    @classmethod
    def _webhooks(cls, hooks: dict[str, str]) -> dict[str, str]:
        report(_key_issues(hooks) + [
            ConfigIssue((key,), f"'{uri}' is not an https URI", BAD_FORMAT)
            for key, uri in hooks.items()
            if not re.fullmatch(r"https://[^\s/]+(/\S*)?", uri)
        ])  # fmt: skip
        return hooks

    def issues(self) -> list[ConfigIssue]:
        if not self.emails and not self.webhooks:
            return [ConfigIssue((), "give at least one receiver under 'emails' or 'webhooks'")]
        return []


def _key_issues(receivers: dict[str, str]) -> list[ConfigIssue]:
    return [
        ConfigIssue((key,), "receiver names are 1–128 letters, digits, '_' or '-'", BAD_FORMAT)
        for key in receivers
        if not re.fullmatch(_RECEIVER_KEY, key)
    ]


class MetricAlertSettings(StrictModel):
    """One metric alert rule, created on the hub and on every project workspace."""

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


def default_alerts(environment: str) -> dict[str, MetricAlertSettings]:
    """The rules a stack gets unless it lists its own: failed runs and quota near its limit,
    more severe in prod."""
    severity = 1 if environment == "prod" else 3
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
    }


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
    """Monthly cost budgets: one on the hub's resource group, one per project."""

    start_date: str = pattern_field(
        r"^20[0-9]{2}-(0[1-9]|1[0-2])-01$",
        "the first of a month, YYYY-MM-01",
        description="When the budgets start (pinned: Azure refuses a start date moved to the "
        "past on update, so it is never derived from today).",
    )
    hub_amount: float | None = Field(
        None, gt=0, description="Monthly amount for the hub's resource group; none: no budget."
    )
    project_amount: float | None = Field(
        None,
        gt=0,
        description="Monthly amount for each project (the projects' resource group, filtered by "
        "the resource tag 'project'); none: no project budgets.",
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
        report([
            ConfigIssue((index,), f"'{address}' is not an e-mail address", BAD_FORMAT)
            for index, address in enumerate(emails)
            if not _EMAIL.fullmatch(address)
        ])  # fmt: skip
        return emails


class ObservabilitySettings(StrictModel):
    """The environment's action group, metric alerts and budgets."""

    action_group: ActionGroupSettings | None = Field(
        None,
        description="The environment's action group, notified by every alert and budget. "
        "Without it no metric alerts are created.",
    )
    alerts: dict[str, MetricAlertSettings] | None = Field(
        None,
        description="Metric alerts by key, created on the hub and every project workspace. "
        "Default with an action group: 'failed-runs' (Failed Runs > 0 over 15 minutes) and "
        "'quota' (Quota Utilization Percentage > 90), severity 1 and 2 in prod, 3 and 4 "
        "elsewhere. {} turns them off.",
    )
    budgets: BudgetSettings | None = Field(None, description="Monthly cost budgets.")

    def alert_rules(self, environment: str) -> dict[str, MetricAlertSettings]:
        if self.action_group is None:
            return {}
        return default_alerts(environment) if self.alerts is None else self.alerts

    def issues(self) -> list[ConfigIssue]:
        issues: list[ConfigIssue] = []
        if self.action_group is not None:
            issues += [
                ConfigIssue(("actionGroup", *i.path), i.message) for i in self.action_group.issues()
            ]
        elif self.alerts:
            issues.append(
                ConfigIssue(("alerts",), "alerts notify the action group: add 'actionGroup'")
            )
        for key, alert in (self.alerts or {}).items():
            issues += under(("alerts", key), alert.issues())
        budgets = self.budgets
        if budgets is not None:
            if budgets.hub_amount is None and budgets.project_amount is None:
                issues.append(ConfigIssue(("budgets",), "give hubAmount, projectAmount or both"))
            if not budgets.contact_emails and self.action_group is None:
                issues.append(
                    ConfigIssue(
                        ("budgets", "contactEmails"),
                        "a budget needs someone to notify: give contactEmails or an actionGroup",
                    )
                )
        return issues
