"""The action group, alerts, dashboard and budgets each stack registers, and their config
mistakes."""

from __future__ import annotations

import copy
import json
import uuid
from typing import Any

import pytest
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.offline.model import SECRET_SIG_KEY, SECRET_SIG_VALUE, ProgramRun

from tests.conftest import of_type, one, run_stack
from tests.stack_values import DELETE, changed, stack_config, stack_values
from tests.test_config_errors import HEADER, error_for

ACTION_GROUP = "azure-native:monitor:ActionGroup"
ALERT = "azure-native:monitor:MetricAlert"
LOG_ALERT = "azure-native:monitor:ScheduledQueryRule"
WORKBOOK = "azure-native:applicationinsights:Workbook"
BUDGET = "azure-native:consumption:Budget"
SUB = "/subscriptions/00000000-0000-0000-0000-000000000000"
GROUP_ID = (
    f"{SUB}/resourceGroups/rg-contoso-ml-prod-weu-hub/providers/Microsoft.Insights"
    "/actionGroups/ag-contoso-ml-prod"
)
PROJECTS_RG = f"{SUB}/resourceGroups/rg-contoso-ml-prod-weu-projects"
# Contoso's funded projects each have their own group (hub.projectResourceGroups: perProject)
PROJECT_RG = f"{SUB}/resourceGroups/rg-contoso-ml-prod-weu-proj-{{}}"
WORKSPACES = "providers/Microsoft.MachineLearningServices/workspaces"
LOG_ANALYTICS = (
    f"{SUB}/resourceGroups/rg-contoso-ml-prod-weu-hub/providers/Microsoft.OperationalInsights"
    "/workspaces/log-contoso-ml-prod-weu"
)
# the hub, the projects, then the data products (prod's 'demand' is a project under the hub)
PROD_WORKSPACES = [
    "hub-contoso-ml-prod-weu",
    "proj-contoso-churn-prod",
    "proj-contoso-fraud-prod",
    "proj-contoso-demand-prod",
]
DEMAND_RG = f"{SUB}/resourceGroups/rg-contoso-demand-prod-weu-dp"
# key: (metric, aggregation, operator, threshold, window, every, prod severity, non-prod
# threshold, non-prod severity): the defaults per environment the README promises
DEFAULTS = {
    "failed-runs": ("Failed Runs", "Total", "GreaterThan", 0, "PT15M", "PT5M", 1, 0, 3),
    "quota": (
        "Quota Utilization Percentage", "Maximum", "GreaterThan", 90, "PT1H", "PT15M", 2, 90, 4
    ),
    "cpu": ("CpuUtilization", "Average", "GreaterThan", 90, "PT1H", "PT15M", 3, 95, 4),
    "gpu-idle": ("GpuUtilization", "Average", "LessThan", 10, "PT1H", "PT15M", 3, 5, 4),
}  # fmt: skip


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
    # a secret (the stack's secure: value; tests/test_secrets.py): never in clear
    assert group["webhookReceivers"][0]["serviceUri"] == {
        SECRET_SIG_KEY: SECRET_SIG_VALUE,
        "value": "[secret]",
    }
    assert {"environment", "costCenter", "owner"} <= set(group["tags"])


def _alerts(run: ProgramRun) -> dict[str, dict[str, Any]]:
    return {r.name: r.inputs for r in of_type(run, ALERT)}


def _check_default_alerts(run: ProgramRun, stack: str, group_id: str) -> None:
    """Every default rule on the hub, every project and every data product, as the
    environment sets it; a product's alerts watch its workspace, in its own resource group."""
    alerts = _alerts(run)
    rg = f"{SUB}/resourceGroups/rg-contoso-ml-{stack}-weu"
    scopes = {name: inputs["scopes"] for name, inputs in alerts.items()}
    assert scopes == {
        **{
            f"hub-alert-{key}": [f"{rg}-hub/{WORKSPACES}/hub-contoso-ml-{stack}-weu"]
            for key in DEFAULTS
        },
        **{
            f"hub-{p}-alert-{key}": [f"{rg}-proj-{p}/{WORKSPACES}/proj-contoso-{p}-{stack}"]
            for p in ("fraud", "churn")
            for key in DEFAULTS
        },
        **{
            f"hub-dlz-demand-alert-{key}": [
                f"{SUB}/resourceGroups/rg-contoso-demand-{stack}-weu-dp/{WORKSPACES}"
                f"/proj-contoso-demand-{stack}"
            ]
            for key in DEFAULTS
        },
    }
    for name, inputs in alerts.items():
        key = name.split("-alert-")[1]
        metric, aggregation, operator, threshold, window, every, severity, other, other_sev = (
            DEFAULTS[key]
        )
        workspace = inputs["scopes"][0].rsplit("/", 1)[1]
        assert inputs["ruleName"] == f"alert-{workspace}-{key}"
        assert inputs["location"] == "global"
        assert inputs["actions"] == [{"actionGroupId": group_id}]
        assert {"environment", "costCenter", "owner"} <= set(inputs["tags"])
        (criterion,) = inputs["criteria"]["allOf"]
        assert criterion["metricNamespace"] == "Microsoft.MachineLearningServices/workspaces"
        assert criterion["criterionType"] == "StaticThresholdCriterion"
        assert (criterion["metricName"], criterion["timeAggregation"]) == (metric, aggregation)
        assert criterion["operator"] == operator
        assert (inputs["windowSize"], inputs["evaluationFrequency"]) == (window, every)
        prod = stack == "prod"
        assert criterion["threshold"] == (threshold if prod else other)
        assert inputs["severity"] == (severity if prod else other_sev)
    assert alerts["hub-fraud-alert-quota"]["tags"]["project"] == "fraud"
    assert alerts["hub-dlz-demand-alert-quota"]["tags"]["dataProduct"] == "demand"


def test_prod_alerts_watch_the_hub_every_project_and_every_data_product(
    prod_run: ProgramRun,
) -> None:
    _check_default_alerts(prod_run, "prod", GROUP_ID)


def test_test_stack_gets_the_non_prod_defaults_and_budgets() -> None:
    run = run_stack("test")
    group = one(run, ACTION_GROUP).inputs
    assert (group["actionGroupName"], group["groupShortName"]) == (
        "ag-contoso-ml-test",
        "contoso-test",
    )
    assert [r["emailAddress"] for r in group["emailReceivers"]] == ["ml-platform@contoso.com"]
    group_id = GROUP_ID.replace("prod", "test")
    _check_default_alerts(run, "test", group_id)
    budgets = {r.name: r.inputs for r in of_type(run, BUDGET)}
    assert {name: b["amount"] for name, b in budgets.items()} == {
        "hub-hub-budget": 1000,
        "hub-fraud-budget": 500,
        "hub-churn-budget": 500,
        "hub-dlz-demand-budget": 500,  # a data product's default: projectAmount
    }
    for inputs in budgets.values():
        for notification in inputs["notifications"].values():
            assert (notification["contactEmails"], notification["contactGroups"]) == (
                [],
                [group_id],
            )


def _workbook(run: ProgramRun) -> tuple[dict[str, Any], dict[str, Any]]:
    inputs = one(run, WORKBOOK).inputs
    return inputs, json.loads(inputs["serializedData"])


def _queries(content: dict[str, Any]) -> dict[str, str]:
    return {i["name"]: i["content"]["query"] for i in content["items"] if i["type"] == 3}


def test_prod_dashboard_is_a_workbook_over_the_central_logs(prod_run: ProgramRun) -> None:
    from aml_landing_zone.naming import Naming
    from aml_landing_zone.offline.mocks import SUBSCRIPTION_ID

    inputs, content = _workbook(prod_run)
    name = Naming("contoso", "ml", "prod", "westeurope", SUBSCRIPTION_ID).workbook()
    assert inputs["resourceName"] == name == str(uuid.UUID(name))  # a GUID, Azure's rule
    assert (inputs["kind"], inputs["category"]) == ("shared", "workbook")
    assert inputs["displayName"] == "ML landing zone contoso-ml-prod"
    assert inputs["sourceId"] == LOG_ANALYTICS
    assert (inputs["location"], inputs["resourceGroupName"]) == (
        "westeurope",
        "rg-contoso-ml-prod-weu-hub",
    )
    assert {"environment", "costCenter", "owner"} <= set(inputs["tags"])
    # canonical JSON: the same workspaces always give the same text (no spurious diffs)
    assert inputs["serializedData"] == json.dumps(content, sort_keys=True, separators=(",", ":"))
    assert content["version"] == inputs["version"] == "Notebook/1.0"
    assert content["fallbackResourceIds"] == [LOG_ANALYTICS]
    queries = _queries(content)
    assert sorted(queries) == sorted(
        ["runs", "failed-runs", "pipelines", "cpu", "gpu", "quota", "clusters", "endpoints"]
    )
    expected_list = f"let workspaces = dynamic({json.dumps(PROD_WORKSPACES)});"
    for query in queries.values():
        assert query.startswith(expected_list)
    assert all(f"`{name}`" in content["items"][0]["content"]["json"] for name in PROD_WORKSPACES)
    assert 'MetricName == "Quota Utilization Percentage"' in queries["quota"]
    assert 'MetricName == "CpuUtilization"' in queries["cpu"]
    assert 'MetricName == "GpuUtilization"' in queries["gpu"]
    assert queries["runs"].count("AmlRunStatusChangedEvent") == 1
    assert "isnotempty(ParentRunId)" in queries["pipelines"]
    for item in content["items"][1:]:
        assert item["content"]["resourceType"] == "microsoft.operationalinsights/workspaces"


def test_prod_budgets_on_the_hub_group_each_projects_own_group_and_per_product_group(
    prod_run: ProgramRun,
) -> None:
    budgets = {r.name: r.inputs for r in of_type(prod_run, BUDGET)}
    assert set(budgets) == {
        "hub-hub-budget",
        "hub-fraud-budget",
        "hub-churn-budget",
        "hub-dlz-demand-budget",
    }
    hub = budgets["hub-hub-budget"]
    assert hub["scope"] == f"{SUB}/resourceGroups/rg-contoso-ml-prod-weu-hub"
    assert (hub["amount"], hub["category"], hub["timeGrain"]) == (5000, "Cost", "Monthly")
    assert "filter" not in hub
    for project in ("fraud", "churn"):
        own = budgets[f"hub-{project}-budget"]
        # the project's own group holds only its workspace: no tag filter needed
        assert (own["scope"], own["amount"]) == (PROJECT_RG.format(project), 2000)
        assert "filter" not in own
    # a data product has its own resource group: the whole group is its spend, no tag filter
    demand = budgets["hub-dlz-demand-budget"]
    assert (demand["scope"], demand["amount"], demand["budgetName"]) == (
        DEMAND_RG,
        2000,
        "budget-contoso-ml-prod-demand",
    )
    assert "filter" not in demand
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


def test_dev_has_budgets_e_mailed_a_dashboard_and_no_alerts(dev_run: ProgramRun) -> None:
    assert of_type(dev_run, ACTION_GROUP) == [] and of_type(dev_run, ALERT) == []
    assert of_type(dev_run, LOG_ALERT) == []
    _, content = _workbook(dev_run)
    assert content["items"][1]["content"]["query"].startswith(
        'let workspaces = dynamic(["hub-contoso-ml-dev-weu", "proj-contoso-churn-dev", '
        '"proj-contoso-explore-dev", "proj-contoso-fraud-dev", "proj-contoso-demand-dev"]);'
    )
    budgets = of_type(dev_run, BUDGET)
    assert sorted(b.name for b in budgets) == [
        "hub-churn-budget",
        "hub-dlz-demand-budget",
        "hub-explore-budget",
        "hub-fraud-budget",
        "hub-hub-budget",
    ]
    for budget in budgets:
        for notification in budget.inputs["notifications"].values():
            assert notification["contactEmails"] == ["ml-platform@contoso.com"]
            assert notification["contactGroups"] == []


def test_adding_a_project_adds_its_alerts_dashboard_entries_and_budget(
    prod_run: ProgramRun,
) -> None:
    config = stack_config("prod")
    projects = [
        *config["aml-landing-zone:projects"],
        {"name": "vision", "members": [{"group": "mlEngineers", "role": "Reader"}]},
    ]
    run = run_stack("prod", {**config, "aml-landing-zone:projects": projects})
    before = {r.urn: r.inputs for r in prod_run.resources}
    after = {r.urn: r.inputs for r in run.resources}
    assert set(before) <= set(after)
    changed_inputs = {
        (u.rsplit("::", 1)[1], key)
        for u in before
        for key in before[u].keys() | after[u].keys()
        if before[u].get(key) != after[u].get(key)
    }
    # the dashboard's content is the one input that changes: it now lists the new workspace
    assert changed_inputs == {("hub-dashboard", "serializedData")}
    added = {r.name for r in run.resources if r.urn not in before}
    assert {f"hub-vision-alert-{key}" for key in DEFAULTS} | {"hub-vision-budget"} <= added
    assert "hub-vision-rg" in added  # its own resource group (perProject)
    assert _alerts(run)["hub-vision-alert-failed-runs"]["scopes"] == [
        f"{PROJECT_RG.format('vision')}/{WORKSPACES}/proj-contoso-vision-prod"
    ]
    budget = one(run, BUDGET, "hub-vision-budget").inputs
    assert budget["scope"] == PROJECT_RG.format("vision")
    _, content = _workbook(run)
    listed = json.dumps([*PROD_WORKSPACES[:3], "proj-contoso-vision-prod", PROD_WORKSPACES[3]])
    assert all(
        q.startswith(f"let workspaces = dynamic({listed});") for q in _queries(content).values()
    )


ENDPOINTS = {
    "scoring": {"workspace": "fraud"},
    "triage": {
        "workspace": "hub",
        "endpoint": "hub-triage",
        "latencyMs": 300,
        "errorRatePercent": 1,
        "severity": 2,
    },
}


def test_endpoints_get_a_latency_metric_alert_and_an_error_rate_log_alert() -> None:
    config = changed(stack_config("prod"), "aml-landing-zone:observability.endpoints", ENDPOINTS)
    run = run_stack("prod", config)
    fraud_ws = f"{PROJECT_RG.format('fraud')}/{WORKSPACES}/proj-contoso-fraud-prod"
    hub_ws = f"{SUB}/resourceGroups/rg-contoso-ml-prod-weu-hub/{WORKSPACES}/hub-contoso-ml-prod-weu"
    alerts = _alerts(run)
    for name, scope, rule, threshold, severity in (
        ("hub-fraud-endpoint-scoring-latency", f"{fraud_ws}/onlineEndpoints/scoring",
         "alert-proj-contoso-fraud-prod-scoring-latency", 1000, 1),
        ("hub-endpoint-triage-latency", f"{hub_ws}/onlineEndpoints/hub-triage",
         "alert-hub-contoso-ml-prod-weu-triage-latency", 300, 2),
    ):  # fmt: skip
        inputs = alerts[name]
        assert (inputs["scopes"], inputs["ruleName"], inputs["severity"]) == (
            [scope],
            rule,
            severity,
        )
        assert (inputs["windowSize"], inputs["evaluationFrequency"]) == ("PT15M", "PT5M")
        assert inputs["actions"] == [{"actionGroupId": GROUP_ID}]
        (criterion,) = inputs["criteria"]["allOf"]
        assert criterion["metricNamespace"] == (
            "Microsoft.MachineLearningServices/workspaces/onlineEndpoints"
        )
        assert (criterion["metricName"], criterion["timeAggregation"]) == (
            "RequestLatency_P95",
            "Average",
        )
        assert (criterion["operator"], criterion["threshold"]) == ("GreaterThan", threshold)
    logs = {r.name: r.inputs for r in of_type(run, LOG_ALERT)}
    assert sorted(logs) == ["hub-endpoint-triage-errors", "hub-fraud-endpoint-scoring-errors"]
    scoring = logs["hub-fraud-endpoint-scoring-errors"]
    assert scoring["ruleName"] == "alert-proj-contoso-fraud-prod-scoring-errors"
    assert (scoring["kind"], scoring["location"]) == ("LogAlert", "westeurope")
    assert scoring["scopes"] == [LOG_ANALYTICS]
    assert (scoring["windowSize"], scoring["evaluationFrequency"]) == ("PT15M", "PT5M")
    assert (scoring["severity"], scoring["actions"]) == (1, {"actionGroups": [GROUP_ID]})
    assert scoring["tags"]["project"] == "fraud"
    (condition,) = scoring["criteria"]["allOf"]
    assert condition["query"].startswith("AmlOnlineEndpointTrafficLog\n")
    assert (
        '| where AzureMLWorkspaceName =~ "proj-contoso-fraud-prod" and EndpointName =~ "scoring"'
        in condition["query"]
    )
    assert "countif(toint(ResponseCode) >= 500)" in condition["query"]
    assert (condition["metricMeasureColumn"], condition["timeAggregation"]) == (
        "ErrorRatePercent",
        "Maximum",
    )
    assert (condition["operator"], condition["threshold"]) == ("GreaterThan", 5)
    triage = logs["hub-endpoint-triage-errors"]
    assert triage["criteria"]["allOf"][0]["threshold"] == 1
    assert 'EndpointName =~ "hub-triage"' in triage["criteria"]["allOf"][0]["query"]


def test_custom_alerts_replace_the_defaults() -> None:
    config = changed(
        stack_config("prod"),
        "aml-landing-zone:observability.alerts",
        {"gpu": {"metric": "GpuUtilization", "threshold": 95, "aggregation": "Average"}},
    )
    alerts = _alerts(run_stack("prod", config))
    assert sorted(alerts) == [
        "hub-alert-gpu",
        "hub-churn-alert-gpu",
        "hub-dlz-demand-alert-gpu",
        "hub-fraud-alert-gpu",
    ]
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
        {"cpu": {"metric": "CpuUtilization", "threshold": 50}},
        "observability.alerts: alerts notify the action group: add 'actionGroup'",
    ),
    (
        "observability.alerts",
        {"cpu": {"metric": "CpuUtilisation", "threshold": 50}},
        "observability.alerts.cpu.metric: must be one of Failed Runs, Not Responding Runs, "
        "Cancelled Runs, Quota Utilization Percentage, CpuUtilization, GpuUtilization, "
        "CpuUtilizationPercentage or GpuUtilizationPercentage (got 'CpuUtilisation'); did you "
        "mean 'CpuUtilization'?",
    ),
    (
        "observability.endpoints",
        {"scoring": {"workspace": "fraud"}},
        "observability.endpoints: endpoint alerts notify the action group: add 'actionGroup'",
    ),
    (
        "projects[1].name",
        "hub",
        "projects[1].name: 'hub' names the hub workspace (alert workspaces, endpoints, "
        "budgets); choose another project name",
    ),
]

WITH_GROUP = {"emails": {"oncall": "ml-oncall@contoso.com"}}
# mistakes that need an action group to be reached: (key path, value, the line the user sees)
ALERT_MISTAKES = [
    (
        "observability.alerts",
        {"cpu": {"metric": "CpuUtilization", "threshold": 50, "severity": 5}},
        "observability.alerts.cpu.severity: must be at most 4 (got 5)",
    ),
    (
        "observability.alerts",
        {"gpu": {"metric": "GpuUtilization", "threshold": 5, "workspaces": ["fruad"]}},
        "observability.alerts.gpu.workspaces[0]: no workspace 'fruad' in this stack "
        "(workspaces: hub, churn, demand, explore, fraud)",
    ),
    (
        "observability.endpoints",
        {"scoring": {"workspace": "vision"}},
        "observability.endpoints.scoring.workspace: no workspace 'vision' in this stack "
        "(workspaces: hub, churn, demand, explore, fraud)",
    ),
    (
        "observability.endpoints",
        {"scoring": {"workspace": "fraud", "errorRatePercent": 150}},
        "observability.endpoints.scoring.errorRatePercent: must be at most 100.0 (got 150)",
    ),
    (
        "observability.endpoints",
        {"scoring": {"workspace": "fraud", "latencyMs": 0}},
        "observability.endpoints.scoring.latencyMs: must be more than 0.0 (got 0)",
    ),
    (
        "observability.endpoints",
        {"scoring": {"workspace": "fraud", "endpoint": "1-scoring"}},
        "observability.endpoints.scoring.endpoint: must be 3–32 letters, digits or hyphens, "
        "starting with a letter (got '1-scoring')",
    ),
    (
        "observability.alerts",
        {"q": {"metric": "Quota Utilization Percentage", "threshold": 101}},
        "observability.alerts.q.threshold: 'Quota Utilization Percentage' is a percentage: 0–100",
    ),
]


@pytest.mark.parametrize(
    ("path", "value", "expected"), ALERT_MISTAKES, ids=[m[2][:60] for m in ALERT_MISTAKES]
)
def test_alert_mistakes_name_the_key(path: str, value: Any, expected: str) -> None:
    values = changed(
        changed(stack_values("dev"), "observability.actionGroup", WITH_GROUP), path, value
    )
    assert error_for(values) == f"{HEADER}\n  aml-landing-zone:{expected}"


def test_an_unknown_workspace_is_a_reference_error() -> None:
    from aml_landing_zone.errors import ConfigError

    from tests.stack_values import NAMESPACE

    values = changed(stack_values("prod"), "observability.endpoints", {"s": {"workspace": "x"}})
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(values, namespace=NAMESPACE, stack="prod")
    assert "LZ-CFG-006" in str(caught.value)


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
        [
            *(
                f"{prefix}-alert-failed-runs"
                for prefix in ("hub", "hub-fraud", "hub-churn", "hub-explore", "hub-dlz-demand")
            ),
            "hub-fraud-alert-gpu-idle",  # workspaces: [fraud]
            "hub-fraud-endpoint-fraud-scoring-latency",
        ]
    )
    latency = _alerts(run)["hub-fraud-endpoint-fraud-scoring-latency"]
    assert latency["criteria"]["allOf"][0]["threshold"] == 500
    assert latency["scopes"][0].endswith("/proj-contoso-fraud-dev/onlineEndpoints/fraud-scoring")
    errors = one(run, LOG_ALERT).inputs
    assert errors["criteria"]["allOf"][0]["threshold"] == 2
    assert errors["severity"] == 3  # a non-prod stack's default
    budget = one(run, BUDGET, "hub-hub-budget").inputs
    assert sorted(n["threshold"] for n in budget["notifications"].values()) == [50, 90, 110]


def test_readme_defaults_table_is_current() -> None:
    from aml_landing_zone.observability.config import defaults_markdown

    from tests.readme import block

    assert block("observability-defaults").strip() == defaults_markdown().strip(), (
        "README observability-defaults is stale: replace it with the output of "
        "`uv run python -m aml_landing_zone.observability.config`"
    )
    for key, (metric, *_) in DEFAULTS.items():
        assert f"| `{key}` | `{metric}` |" in block("observability-defaults")


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


def test_an_action_group_without_receivers_keeps_its_missing_key_code() -> None:
    """The action group's own finding reaches the user with its code (LZ-CFG-002, a required
    key is missing), not the cross-key default the section's re-rooting used to put there."""
    from aml_landing_zone.errors import ConfigError

    from tests.stack_values import NAMESPACE

    values = changed(stack_values("dev"), "observability.actionGroup", {})
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(values, namespace=NAMESPACE, stack="dev")
    assert str(caught.value).splitlines()[1:] == [
        "  aml-landing-zone:observability.actionGroup: give at least one receiver under 'emails' "
        "or 'webhooks' [LZ-CFG-002]"
    ]


def test_prod_with_endpoint_alerts_still_passes_every_prod_rule() -> None:
    """The log search alert and the workbook carry the required tags and sit in an allowed
    region, so the prod preset finds nothing in them."""
    from aml_landing_zone.offline.policy_run import evaluate
    from aml_landing_zone.policies.pack import PRESETS_DIR

    config = changed(stack_config("prod"), "aml-landing-zone:observability.endpoints", ENDPOINTS)
    run = run_stack("prod", config)
    assert of_type(run, LOG_ALERT) and of_type(run, WORKBOOK)
    assert evaluate(run, PRESETS_DIR / "prod.json").violations == []


@pytest.mark.parametrize("token", [ACTION_GROUP, ALERT, LOG_ALERT, WORKBOOK])
def test_observability_resources_must_carry_the_cost_tags(token: str) -> None:
    """Alerts, the action group and the dashboard count in cost and ownership reports: the
    required-tags rule flags one without tags (the shipped ones all carry them)."""
    from tests.policies.fixtures import evaluate_one, messages, preset

    config = changed(stack_config("prod"), "aml-landing-zone:observability.endpoints", ENDPOINTS)
    inputs = of_type(run_stack("prod", config), token)[0].inputs
    assert messages(evaluate_one(token, inputs, preset("prod")), "required-tags") == []
    untagged = {k: v for k, v in inputs.items() if k != "tags"}
    assert messages(evaluate_one(token, untagged, preset("prod")), "required-tags") == [
        "tags environment, costCenter, owner are missing or empty."
    ]


# -- data products: each product's workspace is watched like a project's ------------------------

CENTRAL_LOGS = (
    f"{SUB}/resourceGroups/rg-management/providers/Microsoft.OperationalInsights/workspaces/"
    "log-contoso-central"
)


def default_product_prod_config() -> dict[str, Any]:
    """prod with its data product as a Default workspace (own resource group) logging to the
    data landing zone's central workspace, its own budget amount, and an endpoint and a custom
    alert that name the product."""
    from tests.test_data_landing_zone import SCOPE

    config = copy.deepcopy(stack_config("prod"))
    product = config["aml-landing-zone:dataProducts"][0]
    product.update(
        kind="default",
        highBusinessImpact=True,
        encryption={
            "keyName": "cmk-demand",
            "keyExpiresOn": "2028-11-30",
            "cosmosDbPrincipalId": "3f4a5b6c-7d8e-4f90-a1b2-c3d4e5f6a7b8",
        },
    )
    zone = config["aml-landing-zone:dataLandingZone"]
    zone.update(monitoring={"privateLinkScopeId": SCOPE}, logAnalyticsWorkspaceId=CENTRAL_LOGS)
    observability = config["aml-landing-zone:observability"]
    observability["budgets"]["dataProductAmount"] = 750
    observability["endpoints"] = {"forecast": {"workspace": "demand"}}
    observability["alerts"] = {
        "failed-runs": {"metric": "Failed Runs", "threshold": 0},
        "gpu-idle": {
            "metric": "GpuUtilization",
            "operator": "LessThan",
            "threshold": 10,
            "aggregation": "Average",
            "windowSize": "PT1H",
            "evaluationFrequency": "PT15M",
            "workspaces": ["demand"],
        },
    }
    return config


@pytest.fixture(scope="module")
def product_run() -> ProgramRun:
    return run_stack("prod", default_product_prod_config())


DEMAND_WS = f"{DEMAND_RG}/{WORKSPACES}/mlw-contoso-demand-prod"


def test_a_default_product_gets_its_alerts_on_its_own_workspace(product_run: ProgramRun) -> None:
    alerts = _alerts(product_run)
    assert sorted(n for n in alerts if n.startswith("hub-dlz-demand-")) == [
        "hub-dlz-demand-alert-failed-runs",
        "hub-dlz-demand-alert-gpu-idle",  # workspaces: [demand] names the product
        "hub-dlz-demand-endpoint-forecast-latency",
    ]
    assert "hub-fraud-alert-gpu-idle" not in alerts
    failed = alerts["hub-dlz-demand-alert-failed-runs"]
    assert failed["scopes"] == [DEMAND_WS]
    assert failed["ruleName"] == "alert-mlw-contoso-demand-prod-failed-runs"
    assert failed["resourceGroupName"] == "rg-contoso-ml-prod-weu-hub"
    assert failed["actions"] == [{"actionGroupId": GROUP_ID}]
    assert failed["tags"]["dataProduct"] == "demand"
    assert alerts["hub-dlz-demand-endpoint-forecast-latency"]["scopes"] == [
        f"{DEMAND_WS}/onlineEndpoints/forecast"
    ]
    # the error-rate alert reads the traffic log where the product's diagnostics go
    errors = one(product_run, LOG_ALERT, "hub-dlz-demand-endpoint-forecast-errors").inputs
    assert errors["scopes"] == [CENTRAL_LOGS]
    assert (
        'AzureMLWorkspaceName =~ "mlw-contoso-demand-prod"'
        in (errors["criteria"]["allOf"][0]["query"])
    )


def test_a_default_product_is_on_the_dashboard_over_both_central_workspaces(
    product_run: ProgramRun,
) -> None:
    inputs, content = _workbook(product_run)
    listed = json.dumps([*PROD_WORKSPACES[:3], "mlw-contoso-demand-prod"])
    queries = [i["content"] for i in content["items"] if i["type"] == 3]
    assert all(q["query"].startswith(f"let workspaces = dynamic({listed});") for q in queries)
    assert all(q["crossComponentResources"] == [LOG_ANALYTICS, CENTRAL_LOGS] for q in queries)
    assert inputs["sourceId"] == LOG_ANALYTICS
    assert content["fallbackResourceIds"] == [LOG_ANALYTICS]


def test_a_default_product_budget_covers_its_own_resource_group(product_run: ProgramRun) -> None:
    demand = one(product_run, BUDGET, "hub-dlz-demand-budget").inputs
    assert (demand["scope"], demand["amount"], demand["budgetName"]) == (
        DEMAND_RG,
        750,  # dataProductAmount
        "budget-contoso-ml-prod-demand",
    )
    assert "filter" not in demand
    assert one(product_run, BUDGET, "hub-fraud-budget").inputs["amount"] == 2000


def test_watching_a_default_product_passes_every_prod_rule(product_run: ProgramRun) -> None:
    from aml_landing_zone.offline.policy_run import evaluate
    from aml_landing_zone.policies.pack import PRESETS_DIR

    assert evaluate(product_run, PRESETS_DIR / "prod.json").violations == []


def test_the_shipped_dashboard_reads_one_workspace_when_products_log_there(
    prod_run: ProgramRun,
) -> None:
    _, content = _workbook(prod_run)
    assert all("crossComponentResources" not in i["content"] for i in content["items"])


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        (
            "fraud",
            "default",
            "dataProducts[0].name: data product name 'fraud' is already used by projects[0] "
            "(observability names both workspaces by it)",
        ),
        (
            "hub",
            "project",
            "dataProducts[0].name: 'hub' names the hub workspace (alert workspaces, endpoints, "
            "budgets); choose another data product name",
        ),
    ],
)
def test_a_product_name_observability_could_confuse_is_refused(
    name: str, kind: str, expected: str
) -> None:
    product = {**stack_values("prod")["dataProducts"][0], "name": name, "kind": kind}
    message = error_for(changed(stack_values("prod"), "dataProducts", [product]), stack="prod")
    assert f"aml-landing-zone:{expected}" in message


def test_production_defaults_follow_the_policy_preset_whatever_the_environment_is_called() -> None:
    """One rule for "is production" (the prod policy preset): an estate that calls its
    production environment 'prd' still gets production alert thresholds and severities."""
    values = changed(changed(stack_values("prod"), "environment", "prd"), "environments", DELETE)
    config = parse_stack_config(values, namespace="aml-landing-zone", stack="prd")
    assert config.production
    assert config.observability.alert_rules(config.production)["failed-runs"].severity == 1
    test = parse_stack_config(stack_values("test"), namespace="aml-landing-zone", stack="test")
    assert not test.production
    assert test.observability.alert_rules(test.production)["failed-runs"].severity == 3
