"""The whole stack configuration: one validated model per ``Pulumi.<stack>.yaml``."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, field_validator

from ..dns_zones import hub_endpoint_groups
from ..enums import PolicyPreset
from .base import UUID_PATTERN, ConfigIssue, under
from .diagnostics import DiagnosticsSettings
from .hub import HubSettings
from .network import NetworkSettings
from .project import ProjectSettings, is_object_id
from .zone import ZoneSettings

__all__ = ["ConfigIssue", "LandingZoneConfig"]


class LandingZoneConfig(ZoneSettings):
    """Every key of the project namespace in ``Pulumi.<stack>.yaml``."""

    policy_preset: PolicyPreset = Field(
        description="The CrossGuard preset this stack is checked with: "
        "policies/config/<preset>.json, for pulumi preview --policy-pack-config and "
        "offline-preview.",
    )
    groups: dict[str, str] = Field(
        default_factory=dict, description="Entra group object ids by alias (role in the team)."
    )
    network: NetworkSettings = Field(
        default_factory=NetworkSettings,  # type: ignore[arg-type]
        description="Private endpoints for the hub and its resources, and their DNS.",
    )
    diagnostics: DiagnosticsSettings = Field(
        default_factory=DiagnosticsSettings,  # type: ignore[arg-type]
        description="The one Log Analytics workspace every diagnostic setting sends to.",
    )
    hub: HubSettings = Field(
        default_factory=HubSettings,  # type: ignore[arg-type]
        description="The hub workspace and everything its projects inherit.",
    )
    projects: list[ProjectSettings] = Field(
        default_factory=list,
        description="Project workspaces under the hub, keyed by name (order does not matter).",
    )

    @field_validator("groups")
    @classmethod
    def _group_ids(cls, groups: dict[str, str]) -> dict[str, str]:
        for alias, object_id in groups.items():
            if not re.fullmatch(UUID_PATTERN, object_id):
                raise ValueError(f"group '{alias}': '{object_id}' is not an Entra object id (GUID)")
        return groups

    def group_id(self, alias_or_id: str) -> str:
        return self.groups.get(alias_or_id, alias_or_id)

    def hub_args(self) -> dict[str, Any]:
        """The Hub component's args: the same settings, snake_case, group aliases resolved."""
        zone = self.model_dump(include=set(ZoneSettings.model_fields))
        hub = self.hub.model_dump(exclude={"project_creators"}, exclude_none=True)
        args: dict[str, Any] = {
            **zone,
            **hub,
            "network": self.network.model_dump(exclude_none=True),
            "project_creator_group_ids": [self.group_id(g) for g in self.hub.project_creators],
        }
        if self.diagnostics.log_analytics_workspace_id is not None:
            args["log_analytics_workspace_id"] = self.diagnostics.log_analytics_workspace_id
        return args

    def cross_key_issues(self) -> list[ConfigIssue]:
        """Checks that span keys: network and hub options, group aliases, project names."""
        groups = hub_endpoint_groups(self.hub.container_registry)
        issues = under(("network",), self.network.issues(self.location, groups))
        issues += under(("hub",), self.hub.issues(self.location))
        for index, alias in enumerate(self.hub.project_creators):
            if alias not in self.groups and not is_object_id(alias):
                issues.append(
                    ConfigIssue(("hub", "projectCreators", index), self._unknown_group(alias))
                )
        seen: dict[str, int] = {}
        for p_index, project in enumerate(self.projects):
            if project.name in seen:
                issues.append(
                    ConfigIssue(
                        ("projects", p_index, "name"),
                        f"project name '{project.name}' is already used by "
                        f"projects[{seen[project.name]}]",
                    )
                )
            seen.setdefault(project.name, p_index)
            for m_index, member in enumerate(project.members):
                if member.group not in self.groups and not is_object_id(member.group):
                    issues.append(
                        ConfigIssue(
                            ("projects", p_index, "members", m_index, "group"),
                            self._unknown_group(member.group),
                        )
                    )
        return issues

    def _unknown_group(self, alias: str) -> str:
        known = ", ".join(sorted(self.groups)) or "none defined"
        return f"unknown group alias '{alias}' (groups: {known}); define it under 'groups'"
