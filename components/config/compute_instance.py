"""What a PersonalComputeInstance validates its args with: the data products' instance rules
(``InstanceSettings``: assigned user, VM size, idle shutdown range) and the Azure name rule."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import ConfigIssue, KeepOutputs, name_issue
from .data_landing_zone import InstanceSettings


class PersonalComputeInstanceSpec(InstanceSettings):
    """``PersonalComputeInstanceArgs``: an instance and the workspace it belongs to."""

    compute_name: str
    workspace_name: Annotated[str, KeepOutputs]
    resource_group_name: Annotated[str, KeepOutputs]
    location: Annotated[str, KeepOutputs]
    tenant_id: Annotated[str | None, KeepOutputs] = None
    user_assigned_identity_id: Annotated[str | None, KeepOutputs] = None
    tags: Annotated[dict[str, str], KeepOutputs] = Field(default_factory=dict)

    def issues(self) -> list[ConfigIssue]:
        issue = name_issue("compute_instance", self.compute_name)
        return [] if issue is None else [ConfigIssue(("computeName",), issue.message, issue.code)]
