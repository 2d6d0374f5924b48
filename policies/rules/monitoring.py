"""Monitoring rules: Application Insights behind the workspaces."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aml_landing_zone.policies.rules.common import (
    APP_INSIGHTS,
    MANDATORY,
    Config,
    get,
    is_true,
    resource_policy,
    show,
    text,
)


def _workspace_based(props: Any, _: Config) -> Iterator[str]:
    if text(get(props, "workspaceResourceId")) is None:
        yield "workspaceResourceId is not set; point it at the central Log Analytics workspace."


def _local_auth(props: Any, _: Config) -> Iterator[str]:
    value = get(props, "disableLocalAuth")
    if not is_true(value):
        yield f"disableLocalAuth is {show(value)}; set it to true."


MONITORING_POLICIES = [
    resource_policy(
        "appi-workspace-based",
        "Application Insights components must be workspace-based (workspaceResourceId set). "
        "Classic components are retired, and telemetry belongs in the central Log Analytics "
        "workspace (built-in policy).",
        [APP_INSIGHTS],
        _workspace_based,
        MANDATORY,
    ),
    resource_policy(
        "appi-local-auth",
        "Application Insights components must disable local authentication. Instrumentation "
        "keys alone let anyone send telemetry; Entra ID authentication ties ingestion to an "
        "identity (built-in policy).",
        [APP_INSIGHTS],
        _local_auth,
        MANDATORY,
    ),
]
