"""The action group, metric alerts and budgets each stack registers, and their config mistakes."""

from __future__ import annotations

from typing import Any

import pytest
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import of_type, one, run_stack
from tests.stack_values import changed, stack_config, stack_values
from tests.test_config_errors import HEADER, error_for

ACTION_GROUP = "azure-native:monitor:ActionGroup"
ALERT = "azure-native:monitor:MetricAlert"
BUDGET = "azure-native:consumption:Budget"
SUB = "/subscriptions/00000000-0000-0000-0000-000000000000"
GROUP_ID = (
    f"{SUB}/resourceGroups/rg-contoso-ml-prod-weu-hub/providers/Microsoft.Insights"
    "/actionGroups/ag-contoso-ml-prod"
)
PROJECTS_RG = f"{SUB}/resourceGroups/rg-contoso-ml-prod-weu-projects"
WORKSPACES = "providers/Microsoft.MachineLearningServices/workspaces"


@pytest.fixture(scope="module")
def prod_run() -> ProgramRun:
    return run_stack("prod")


def test_prod_action_group_has_the_configured_receivers(prod_run: ProgramRun) -> None:
    group = one(prod_run, ACTION_GROUP).inputs
    assert group["actionGroupName"] == "ag-contoso-ml-prod"
    assert group["groupShortName"] == "ml-prod"
    assert group["location"] == "global"
    assert group["enabled"] is True
    assert group["emailReceivers"] == [
        {"name": "oncall", "emailAddress": "ml-oncall@contoso.com", "useCommonAlertSchema": True}
    ]
    assert [(r["name"], r["useCommonAlertSchema"]) for r in group["webhookReceivers"]] == [
        ("pager", True)
    ]
    assert group["webhookReceivers"][0]["serviceUri"].startswith("https://")
    assert {"environment", "costCenter", "owner"} <= set(group["tags"])


def _alerts(run: ProgramRun) -> dict[str, dict[str, Any]]:
    return {r.name: r.inputs for r in of_type(run, ALERT)}


def test_prod_alerts_watch_the_hub_and_every_project(prod_run: ProgramRun) -> None:
    alerts = _alerts(prod_run)
    scopes = {name: inputs["scopes"] for name, inputs in alerts.items()}
    hub_ws = f"{SUB}/resourceGroups/rg-contoso-ml-prod-weu-hub/{WORKSPACES}/hub-contoso-ml-prod-weu"
    assert scopes == {
        "hub-alert-failed-runs": [hub_ws],
        "hub-alert-quota": [hub_ws],
        **{
            f"hub-{p}-alert-{key}": [f"{PROJECTS_RG}/{WORKSPACES}/proj-contoso-{p}-prod"]
            for p in ("fraud", "churn")
            for key in ("failed-runs", "quota")
        },
    }
    for name, inputs in alerts.items():
        assert inputs["location"] == "global"
        assert inputs["actions"] == [{"actionGroupId": GROUP_ID}]
        assert {"environment", "costCenter", "owner"} <= set(inputs["tags"])
        (criterion,) = inputs["criteria"]["allOf"]
        assert criterion["metricNamespace"] == "Microsoft.MachineLearningServices/workspaces"
        assert criterion["criterionType"] == "StaticThresholdCriterion"
        if name.endswith("failed-runs"):
            assert criterion["metricName"] == "Failed Runs"
            assert (criterion["operator"], criterion["threshold"]) == ("GreaterThan", 0)
            assert criterion["timeAggregation"] == "Total"
            assert (inputs["windowSize"], inputs["evaluationFrequency"]) == ("PT15M", "PT5M")
            assert inputs["severity"] == 1
        else:
            assert criterion["metricName"] == "Quota Utilization Percentage"
            assert criterion["threshold"] == 90
            assert (inputs["windowSize"], inputs["evaluationFrequency"]) == ("PT1H", "PT15M")
            assert inputs["severity"] == 2
    assert alerts["hub-fraud-alert-quota"]["tags"]["project"] == "fraud"


def test_prod_budgets_on_the_hub_group_and_per_project_tag(prod_run: ProgramRun) -> None:
    budgets = {r.name: r.inputs for r in of_type(prod_run, BUDGET)}
    assert set(budgets) == {"hub-hub-budget", "hub-fraud-budget", "hub-churn-budget"}
    hub = budgets["hub-hub-budget"]
    assert hub["scope"] == f"{SUB}/resourceGroups/rg-contoso-ml-prod-weu-hub"
    assert (hub["amount"], hub["category"], hub["timeGrain"]) == (5000, "Cost", "Monthly")
    assert hub["timePeriod"] == {"startDate": "2026-12-01T00:00:00Z"}
    assert "filter" not in hub
    fraud = budgets["hub-fraud-budget"]
    assert (fraud["scope"], fraud["amount"]) == (PROJECTS_RG, 2000)
    assert fraud["filter"] == {"tags": {"name": "project", "operator": "In", "values": ["fraud"]}}
    for inputs in budgets.values():
        assert inputs["notifications"] == {
            f"{kind.lower()}-{threshold}": {
                "enabled": True,
                "operator": "GreaterThanOrEqualTo",
                "threshold": threshold,
                "thresholdType": kind,
                "contactEmails": ["ml-platform@contoso.com"],
                "contactGroups": [GROUP_ID],
            }
            for kind, threshold in (("Actual", 80), ("Forecasted", 100))
        }


def test_dev_has_budgets_e_mailed_and_no_alerts(dev_run: ProgramRun) -> None:
    assert of_type(dev_run, ACTION_GROUP) == [] and of_type(dev_run, ALERT) == []
    budgets = of_type(dev_run, BUDGET)
    assert sorted(b.name for b in budgets) == [
        "hub-churn-budget",
        "hub-explore-budget",
        "hub-fraud-budget",
        "hub-hub-budget",
    ]
    for budget in budgets:
        for notification in budget.inputs["notifications"].values():
            assert notification["contactEmails"] == ["ml-platform@contoso.com"]
            assert notification["contactGroups"] == []


def test_adding_a_project_adds_its_alerts_and_budget_and_nothing_else(prod_run: ProgramRun) -> None:
    config = stack_config("prod")
    projects = [
        *config["aml-landing-zone:projects"],
        {"name": "vision", "members": [{"group": "mlEngineers", "role": "Reader"}]},
    ]
    run = run_stack("prod", {**config, "aml-landing-zone:projects": projects})
    before = {r.urn: r.inputs for r in prod_run.resources}
    after = {r.urn: r.inputs for r in run.resources}
    assert set(before) <= set(after)
    changed_inputs = [u for u in before if before[u] != after[u]]
    assert changed_inputs == []
    added = {r.name for r in run.resources if r.urn not in before}
    assert {"hub-vision-alert-failed-runs", "hub-vision-alert-quota", "hub-vision-budget"} <= added
    assert _alerts(run)["hub-vision-alert-failed-runs"]["scopes"] == [
        f"{PROJECTS_RG}/{WORKSPACES}/proj-contoso-vision-prod"
    ]


def test_custom_alerts_replace_the_defaults() -> None:
    config = changed(
        stack_config("prod"),
        "aml-landing-zone:observability.alerts",
        {"gpu": {"metric": "GpuUtilization", "threshold": 95, "aggregation": "Average"}},
    )
    alerts = _alerts(run_stack("prod", config))
    assert sorted(alerts) == ["hub-alert-gpu", "hub-churn-alert-gpu", "hub-fraud-alert-gpu"]
    (criterion,) = alerts["hub-alert-gpu"]["criteria"]["allOf"]
    assert (criterion["metricName"], criterion["threshold"]) == ("GpuUtilization", 95)
    assert alerts["hub-alert-gpu"]["severity"] == 2


MISTAKES = [
    (
        "observability.budgets.notifications",
        [{"threshold": 1200}],
        "observability.budgets.notifications[0].threshold: must be at most 1000.0 (got 1200)",
    ),
    (
        "observability.budgets.notifications",
        [{"threshold": 50}] * 6,
        "observability.budgets.notifications: List should have at most 5 items after "
        "validation, not 6 (got a list)",
    ),
    (
        "observability.budgets.notifications",
        [{"threshold": 80}, {"threshold": 80, "type": "Actual"}],
        "observability.budgets.notifications[1]: Actual at 80 % is given twice",
    ),
    (
        "observability.budgets.contactEmails",
        [],
        "observability.budgets.contactEmails: a budget needs someone to notify: give "
        "contactEmails or an actionGroup",
    ),
    (
        "observability.budgets.startDate",
        "2026-12-15",
        "observability.budgets.startDate: must be the first of a month, YYYY-MM-01 "
        "(got '2026-12-15')",
    ),
    (
        "observability.actionGroup",
        {"emails": {"oncall": "not-an-address"}},
        "observability.actionGroup.emails.oncall: 'not-an-address' is not an e-mail address",
    ),
    (
        "observability.actionGroup",
        {},
        "observability.actionGroup: give at least one receiver under 'emails' or 'webhooks'",
    ),
    (
        "observability.alerts",
        {"cpu": {"metric": "CpuUtilization", "threshold": 50, "severity": 5}},
        "observability.alerts.cpu.severity: must be at most 4 (got 5)",
    ),
    (
        "observability.alerts",
        {"cpu": {"metric": "CpuUtilization", "threshold": 50}},
        "observability.alerts: alerts notify the action group: add 'actionGroup'",
    ),
]


@pytest.mark.parametrize(("path", "value", "expected"), MISTAKES, ids=[m[2][:60] for m in MISTAKES])
def test_observability_mistakes_name_the_key(path: str, value: Any, expected: str) -> None:
    message = error_for(changed(stack_values("dev"), path, value))
    assert message == f"{HEADER}\n  aml-landing-zone:{expected}"


def test_percentage_alert_threshold_and_window_are_checked() -> None:
    values = changed(
        stack_values("prod"),
        "observability.alerts",
        {"cpu": {"metric": "CpuUtilization", "threshold": 150, "windowSize": "PT1M",
                 "evaluationFrequency": "PT5M"}},
    )  # fmt: skip
    message = error_for(values, stack="prod")
    assert "observability.alerts.cpu.threshold: 'CpuUtilization' is a percentage: 0–100" in message
    assert (
        "observability.alerts.cpu.windowSize: PT1M is shorter than evaluationFrequency" in message
    )


def test_readme_example_validates_and_registers_its_alerts() -> None:
    import yaml

    from tests.readme import code_block

    example = yaml.safe_load(code_block("observability-example"))
    config = {**stack_config("dev"), **example}
    run = run_stack("dev", config)
    assert sorted(_alerts(run)) == sorted(
        f"{prefix}-alert-{key}"
        for prefix in ("hub", "hub-fraud", "hub-churn", "hub-explore")
        for key in ("failed-runs", "gpu-idle")
    )
    budget = one(run, BUDGET, "hub-hub-budget").inputs
    assert sorted(n["threshold"] for n in budget["notifications"].values()) == [50, 90, 110]


def test_observability_codes_say_what_kind_of_mistake() -> None:
    from aml_landing_zone.errors import ConfigError

    from tests.stack_values import NAMESPACE

    values = changed(
        stack_values("prod"),
        "observability.alerts",
        {"cpu": {"metric": "CpuUtilization", "threshold": 150}},
    )
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(values, namespace=NAMESPACE, stack="prod")
    assert "LZ-CFG-005" in str(caught.value)
