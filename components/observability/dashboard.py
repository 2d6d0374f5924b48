"""The environment's dashboard: one Azure Monitor workbook over the central Log Analytics
workspace, with run and pipeline health, compute utilisation and quota of every workspace.

Every workspace sends allLogs and AllMetrics there (blocks/diagnostics.py), so the workbook reads
logs, not the workspaces: the tables and metric names are Azure ML's own
(https://learn.microsoft.com/azure/azure-monitor/reference/tables/amlrunstatuschangedevent,
.../tables/amlcomputeclusterevent, .../tables/amlonlineendpointtrafficlog, .../tables/azuremetrics;
metric names from .../supported-metrics/microsoft-machinelearningservices-workspaces-metrics).
The workbook's ARM shape (serializedData, sourceId, category, a GUID name) is the one in
https://learn.microsoft.com/azure/azure-monitor/visualize/workbooks-automate."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pulumi
from pulumi_azure_native import applicationinsights

SCHEMA = (
    "https://github.com/Microsoft/Application-Insights-Workbooks/blob/master/schema/workbook.json"
)
LOG_ANALYTICS = "microsoft.operationalinsights/workspaces"
TEXT, QUERY = 1, 3  # workbook item types
DAY_MS = 24 * 60 * 60 * 1000


def _workspace_list(names: Sequence[str]) -> str:
    """The KQL ``let`` every query starts with: the stack's workspaces, lower-case (the tables
    hold names and ids in varying case)."""
    return f"let workspaces = dynamic({json.dumps([n.lower() for n in names])});\n"


def _every_workspace(names: Sequence[str], query: str, columns: str) -> str:
    """``query`` summarised ``by Workspace``, joined onto the full workspace list so a
    workspace with no data still gets its row (zeros), instead of silently missing."""
    return (
        _workspace_list(names)
        + "print Workspace = workspaces\n| mv-expand Workspace to typeof(string)\n"
        + f"| join kind=leftouter (\n{query}\n) on Workspace\n"
        + f"| project Workspace, {columns}\n| order by Workspace asc"
    )


def _metric(names: Sequence[str], metric: str, aggregation: str, column: str) -> str:
    """A workspace metric (exported to AzureMetrics) per workspace over time."""
    return (
        _workspace_list(names)
        + "AzureMetrics\n"
        + '| where ResourceProvider =~ "MICROSOFT.MACHINELEARNINGSERVICES"\n'
        + f'| where MetricName == "{metric}"\n'
        + "| extend Workspace = tolower(Resource)\n| where Workspace in (workspaces)\n"
        + f"| summarize {aggregation}({column}) by bin(TimeGenerated, 1h), Workspace\n"
        + "| render timechart"
    )


RUNS = """AmlRunStatusChangedEvent
| extend Workspace = tolower(WorkspaceName)
| summarize Runs = dcount(RunId), Failed = dcountif(RunId, Status =~ "Failed"),
    Completed = dcountif(RunId, Status =~ "Completed"),
    Canceled = dcountif(RunId, Status in~ ("Canceled", "CancelRequested")) by Workspace"""

PIPELINES = """AmlRunStatusChangedEvent
| where isnotempty(ParentRunId)
| extend Workspace = tolower(WorkspaceName)
| where Workspace in (workspaces)
| summarize Steps = dcount(RunId), FailedSteps = dcountif(RunId, Status =~ "Failed")
    by Workspace, Pipeline = ParentRunId
| where FailedSteps > 0
| top 50 by FailedSteps desc"""

QUOTA = """AzureMetrics
| where ResourceProvider =~ "MICROSOFT.MACHINELEARNINGSERVICES"
| where MetricName == "Quota Utilization Percentage"
| extend Workspace = tolower(Resource)
| summarize PeakQuotaPercent = max(Maximum) by Workspace"""

CLUSTERS = """AmlComputeClusterEvent
| extend Workspace = tolower(tostring(split(_ResourceId, "/")[8]))
| where Workspace in (workspaces)
| summarize arg_max(TimeGenerated, VmSize, VmPriority, CurrentNodeCount, MaximumNodeCount,
    QuotaUtilized, QuotaAllocated) by Workspace, ClusterName
| order by Workspace asc, ClusterName asc"""

ENDPOINTS = """AmlOnlineEndpointTrafficLog
| extend Workspace = tolower(AzureMLWorkspaceName)
| where Workspace in (workspaces)
| summarize Requests = count(), P95LatencyMs = percentile(TotalDurationMs, 95),
    ServerErrorPercent = round(100.0 * countif(toint(ResponseCode) >= 500) / count(), 2)
    by Workspace, EndpointName
| order by Workspace asc, EndpointName asc"""


def _text(name: str, markdown: str) -> dict[str, Any]:
    return {"type": TEXT, "name": name, "content": {"json": markdown}}


def _query(name: str, title: str, query: str, visualization: str) -> dict[str, Any]:
    return {
        "type": QUERY,
        "name": name,
        "content": {
            "version": "KqlItem/1.0",
            "title": title,
            "query": query,
            "size": 0,
            "queryType": 0,  # logs (KQL)
            "resourceType": LOG_ANALYTICS,
            "timeContext": {"durationMs": DAY_MS},
            "visualization": visualization,
        },
    }


# The workbook's query items: (name, title, visualization, the query over the workspaces).
_QUERIES: tuple[tuple[str, str, str, Callable[[Sequence[str]], str]], ...] = (
    (
        "runs",
        "Runs per workspace",
        "table",
        lambda names: _every_workspace(
            names,
            RUNS,
            "Runs = coalesce(Runs, 0), Failed = coalesce(Failed, 0), "
            "Completed = coalesce(Completed, 0), Canceled = coalesce(Canceled, 0)",
        ),
    ),
    (
        "failed-runs",
        "Failed runs per hour",
        "timechart",
        lambda names: _metric(names, "Failed Runs", "sum", "Total"),
    ),
    (
        "pipelines",
        "Pipelines with failed steps",
        "table",
        lambda names: _workspace_list(names) + PIPELINES,
    ),
    (
        "cpu",
        "CPU utilisation of compute nodes (%)",
        "timechart",
        lambda names: _metric(names, "CpuUtilization", "avg", "Average"),
    ),
    (
        "gpu",
        "GPU utilisation of compute nodes (%)",
        "timechart",
        lambda names: _metric(names, "GpuUtilization", "avg", "Average"),
    ),
    (
        "quota",
        "Peak quota utilisation per workspace (%)",
        "table",
        lambda names: _every_workspace(
            names, QUOTA, "PeakQuotaPercent = coalesce(PeakQuotaPercent, 0.0)"
        ),
    ),
    (
        "clusters",
        "Compute clusters: nodes and quota",
        "table",
        lambda names: _workspace_list(names) + CLUSTERS,
    ),
    (
        "endpoints",
        "Online endpoints: requests, p95 latency, server errors",
        "table",
        lambda names: _workspace_list(names) + ENDPOINTS,
    ),
)


def workbook_content(
    title: str, workspaces: Sequence[str], log_analytics_workspace_ids: Sequence[str]
) -> dict[str, Any]:
    """The workbook's items, from the stack's workspace names (hub, projects, data products):
    a new project or product adds itself to every query. When the data products log to another
    central workspace than the hub, every query reads both (``crossComponentResources``)."""
    listed = ", ".join(f"`{name}`" for name in workspaces)
    items = [
        _text(
            "title",
            f"# {title}\n\nRun and pipeline health, compute utilisation and quota of every "
            f"workspace of this landing zone: {listed}. Source: the central Log Analytics "
            "workspace (every workspace's diagnostic setting sends its logs and metrics there). "
            "Last 24 hours.",
        ),
        *(
            _query(name, heading, query(workspaces), visualization)
            for name, heading, visualization, query in _QUERIES
        ),
    ]
    sources = list(dict.fromkeys(log_analytics_workspace_ids))
    # A KqlItem over several Log Analytics workspaces lists their ids in crossComponentResources
    # (a cross-workspace query, at most 10 resources:
    # https://learn.microsoft.com/azure/azure-monitor/logs/api/cross-workspace-queries).
    if len(sources) > 1:
        for item in items:
            if item["type"] == QUERY:
                item["content"]["crossComponentResources"] = sources
    return {
        "version": "Notebook/1.0",
        "items": items,
        "fallbackResourceIds": sources[:1],
        "$schema": SCHEMA,
    }


def dashboard(
    resource_name: str,
    *,
    name: str,
    title: str,
    workspaces: Sequence[str],
    log_analytics_workspace_ids: Sequence[pulumi.Input[str]],
    location: str,
    resource_group_name: pulumi.Input[str],
    tags: Mapping[str, str],
    parent: pulumi.Resource,
) -> applicationinsights.Workbook:
    """A shared workbook in the hub's resource group, listed under the central Log Analytics
    workspace (``sourceId``, the first of ``log_analytics_workspace_ids``: where each workspace
    logs, in workspace order). ``serializedData`` is canonical JSON: the same workspaces give
    the same text, so a preview never shows a spurious diff."""
    content = pulumi.Output.all(*log_analytics_workspace_ids).apply(
        lambda sources: json.dumps(
            workbook_content(title, workspaces, sources), sort_keys=True, separators=(",", ":")
        )
    )
    # serializedData is the workbook itself, so it is never ignored. Workbooks - Get returns it
    # only with canFetchContent=true, so a refresh may leave the state without it and the next
    # preview then shows it as an update that sends the same JSON again (harmless; ARM what-if
    # shows the same noise, Azure/arm-template-whatif#244). Ignoring it would keep new
    # workspaces off the dashboard and make any other update send the refreshed, empty value.
    # https://learn.microsoft.com/rest/api/application-insights/workbooks/get
    return applicationinsights.Workbook(
        resource_name,
        resource_name_=name,
        display_name=title,
        kind="shared",
        category="workbook",
        source_id=log_analytics_workspace_ids[0],
        serialized_data=content,
        version="Notebook/1.0",
        location=location,
        resource_group_name=resource_group_name,
        tags=dict(tags),
        opts=pulumi.ResourceOptions(parent=parent),
    )
