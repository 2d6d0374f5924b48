"""Central diagnostics: the one Log Analytics workspace every diagnostic setting sends to."""

from __future__ import annotations

from pydantic import Field, field_validator

from ..arm import check_resource_id
from .base import StrictModel

LOG_ANALYTICS_TYPE = "Microsoft.OperationalInsights/workspaces"


class DiagnosticsSettings(StrictModel):
    """Seed 004: diagnostic logging goes to a central Log Analytics workspace."""

    log_analytics_workspace_id: str | None = Field(
        None,
        description="An existing central Log Analytics workspace. When given, the hub creates "
        "none of its own and Application Insights stores its telemetry there too.",
    )

    @field_validator("log_analytics_workspace_id")
    @classmethod
    def _workspace_id(cls, value: str | None) -> str | None:
        return None if value is None else check_resource_id(value, LOG_ANALYTICS_TYPE)
