"""Central diagnostics: the one Log Analytics workspace every diagnostic setting sends to."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from ..arm import resource_id_check
from .base import KeepOutputs, StrictModel

LOG_ANALYTICS_TYPE = "Microsoft.OperationalInsights/workspaces"
LogAnalyticsWorkspaceId = Annotated[
    str, AfterValidator(resource_id_check(LOG_ANALYTICS_TYPE)), KeepOutputs
]


class DiagnosticsSettings(StrictModel):
    """Seed 004: diagnostic logging goes to a central Log Analytics workspace."""

    log_analytics_workspace_id: LogAnalyticsWorkspaceId | None = Field(
        None,
        description="An existing central Log Analytics workspace. When given, the hub creates "
        "none of its own and Application Insights stores its telemetry there too.",
    )
