"""Central diagnostics: every diagnosable resource sends all logs and all metrics to one
Log Analytics workspace (seed 004: central logging)."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import monitor

from .interfaces import DiagnosticSettings


@dataclass(frozen=True)
class DiagnosticTarget:
    """A resource to monitor; some types (a storage account itself) only emit metrics."""

    key: str
    resource_uri: pulumi.Input[str]
    logs: bool = True
    metrics: bool = True


def send_diagnostics(
    prefix: str,
    targets: list[DiagnosticTarget],
    settings: DiagnosticSettings,
    parent: pulumi.Resource,
) -> list[monitor.DiagnosticSetting]:
    """One diagnostic setting per target, as ``settings`` say."""
    return [
        monitor.DiagnosticSetting(
            f"{prefix}-{target.key}-diag",
            name=settings.name,
            resource_uri=target.resource_uri,
            workspace_id=settings.workspace_id,
            logs=[{"category_group": "allLogs", "enabled": True}] if target.logs else None,
            metrics=[{"category": "AllMetrics", "enabled": True}] if target.metrics else None,
            opts=pulumi.ResourceOptions(parent=parent),
        )
        for target in targets
    ]
