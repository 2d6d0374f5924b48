"""The whole stack configuration: one validated model per ``Pulumi.<stack>.yaml``."""

from __future__ import annotations

import difflib
import re
from typing import Literal

from pydantic import Field, field_validator

from ..dns_zones import hub_endpoint_groups
from ..regions import REGION_CODES, normalize_region
from .base import GUID_WORDS, UUID_PATTERN, ConfigIssue, StrictModel, pattern_field, under
from .diagnostics import DiagnosticsSettings
from .hub import HubSettings
from .network import NetworkSettings
from .project import ProjectSettings, is_object_id

PolicyPreset = Literal["dev", "test", "prod"]
REQUIRED_TAGS: tuple[str, ...] = ("costCenter", "owner")
_TAG_KEY_FORBIDDEN = re.compile(r"[<>%&\\?/]")
_NAME_PART = r"^[a-z][a-z0-9]{1,7}$"
_NAME_PART_WORDS = "2–8 lowercase letters or digits, starting with a letter"

__all__ = ["ConfigIssue", "LandingZoneConfig"]


class LandingZoneConfig(StrictModel):
    """Every key of the project namespace in ``Pulumi.<stack>.yaml``."""

    organization: str = pattern_field(
        r"^[a-z][a-z0-9]{1,9}$",
        "2–10 lowercase letters or digits, starting with a letter",
        description="Short organisation prefix used in every name.",
    )
    workload: str = pattern_field(
        _NAME_PART,
        _NAME_PART_WORDS,
        "ml",
        description="Workload name used in every name.",
    )
    environment: str = pattern_field(
        _NAME_PART, _NAME_PART_WORDS, description="Environment, e.g. dev, test or prod."
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
            hint = difflib.get_close_matches(region, REGION_CODES, n=1)
            raise ValueError(
                f"'{value}' is not an Azure region this landing zone supports"
                + (
                    f"; did you mean '{hint[0]}'?"
                    if hint
                    else " (e.g. westeurope, eastus2, swedencentral)"
                )
            )
        return region

    @field_validator("tags")
    @classmethod
    def _tags(cls, tags: dict[str, str]) -> dict[str, str]:
        present = {key.lower() for key in tags}
        missing = [key for key in REQUIRED_TAGS if key.lower() not in present]
        if missing:
            noun = "tag" if len(missing) == 1 else "tags"
            raise ValueError(f"missing required {noun}: {', '.join(missing)}")
        for key, value in tags.items():
            if _TAG_KEY_FORBIDDEN.search(key):
                raise ValueError(
                    f"tag name '{key}': Azure refuses tag names containing < > % & \\ ? or /"
                )
            if len(key) > 512:
                raise ValueError(f"tag name '{key}': Azure allows 512 characters at most")
            if len(value) > 256:
                raise ValueError(
                    f"tag '{key}': Azure allows tag values of 256 characters at most (this one "
                    f"has {len(value)})"
                )
        return tags

    @field_validator("groups")
    @classmethod
    def _group_ids(cls, groups: dict[str, str]) -> dict[str, str]:
        for alias, object_id in groups.items():
            if not re.fullmatch(UUID_PATTERN, object_id):
                raise ValueError(
                    f"group '{alias}': '{object_id}' is not an Entra object id ({GUID_WORDS})"
                )
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
