"""The whole stack configuration: one validated model per ``Pulumi.<stack>.yaml``."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from ..dns_zones import hub_endpoint_groups
from ..regions import REGION_CODES, normalize_region
from .base import UUID_PATTERN, ConfigIssue, StrictModel, under
from .diagnostics import DiagnosticsSettings
from .hub import HubSettings
from .network import NetworkSettings
from .project import ProjectSettings, is_object_id

PolicyPreset = Literal["dev", "test", "prod"]
REQUIRED_TAGS: tuple[str, ...] = ("costCenter", "owner")
_TAG_KEY_FORBIDDEN = re.compile(r"[<>%&\\?/]")

__all__ = ["ConfigIssue", "LandingZoneConfig"]


class LandingZoneConfig(StrictModel):
    """Every key of the project namespace in ``Pulumi.<stack>.yaml``."""

    organization: str = Field(
        pattern=r"^[a-z][a-z0-9]{1,9}$",
        description="Short organisation prefix used in every name (2-10 lowercase letters/digits).",
    )
    workload: str = Field(
        "ml", pattern=r"^[a-z][a-z0-9]{1,7}$", description="Workload name used in every name."
    )
    environment: str = Field(
        pattern=r"^[a-z][a-z0-9]{1,7}$", description="Environment: dev, test, prod, ..."
    )
    location: str = Field(description="Azure region, e.g. westeurope.")
    policy_preset: PolicyPreset = Field(
        description="The CrossGuard preset this stack is checked with: "
        "policies/config/<preset>.json, for pulumi preview --policy-pack-config and "
        "offline-preview.",
    )
    tags: dict[str, str] = Field(
        description=f"Tags on every resource; must include {', '.join(REQUIRED_TAGS)}."
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

    @field_validator("location")
    @classmethod
    def _known_region(cls, value: str) -> str:
        region = normalize_region(value)
        if region not in REGION_CODES:
            raise ValueError(
                f"'{value}' is not an Azure region this landing zone supports "
                f"(e.g. westeurope, eastus2, swedencentral)"
            )
        return region

    @field_validator("tags")
    @classmethod
    def _tags(cls, tags: dict[str, str]) -> dict[str, str]:
        present = {key.lower() for key in tags}
        missing = [key for key in REQUIRED_TAGS if key.lower() not in present]
        if missing:
            raise ValueError(f"missing required tag(s): {', '.join(missing)}")
        for key, value in tags.items():
            if len(key) > 512 or _TAG_KEY_FORBIDDEN.search(key):
                raise ValueError(f"tag name '{key}' is not allowed by Azure (<>%&\\?/ or > 512)")
            if len(value) > 256:
                raise ValueError(f"tag '{key}' value is longer than 256 characters")
        return tags

    @field_validator("groups")
    @classmethod
    def _group_ids(cls, groups: dict[str, str]) -> dict[str, str]:
        for alias, object_id in groups.items():
            if not re.fullmatch(UUID_PATTERN, object_id):
                raise ValueError(f"group '{alias}': '{object_id}' is not an Entra object id (GUID)")
        return groups

    def group_id(self, alias_or_id: str) -> str:
        return self.groups.get(alias_or_id, alias_or_id)

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
