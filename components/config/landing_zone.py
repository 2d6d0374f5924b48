"""The whole stack configuration: one validated model per ``Pulumi.<stack>.yaml``."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field, field_validator

from ..dns_zones import hub_endpoint_groups
from ..regions import REGION_CODES, normalize_region
from .base import GUID_WORDS, UUID_PATTERN, ConfigIssue, StrictModel, pattern_field, report, under
from .diagnostics import DiagnosticsSettings
from .hub import HubSettings
from .network import NetworkSettings
from .project import ProjectSettings, is_object_id

PolicyPreset = Literal["dev", "test", "prod"]
REQUIRED_TAGS: tuple[str, ...] = ("costCenter", "owner")
_TAG_KEY_FORBIDDEN = re.compile(r"[<>%&\\?/]")
_NAME_PART = r"^[a-z][a-z0-9]{1,7}$"
_NAME_PART_WORDS = "2–8 lowercase letters or digits, starting with a letter"

__all__ = ["ConfigIssue", "LandingZoneConfig", "cross_key_issues_of"]


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
        issues = []
        present = {key.lower() for key in tags}
        missing = [key for key in REQUIRED_TAGS if key.lower() not in present]
        if missing:
            noun = "tag" if len(missing) == 1 else "tags"
            issues.append(ConfigIssue((), f"missing required {noun}: {', '.join(missing)}"))
        for key, value in tags.items():
            if _TAG_KEY_FORBIDDEN.search(key):
                issues.append(
                    ConfigIssue((key,), "Azure refuses tag names containing < > % & \\ ? or /")
                )
            if len(key) > 512:
                issues.append(
                    ConfigIssue((key,), "Azure allows tag names of 512 characters at most")
                )
            if len(value) > 256:
                issues.append(
                    ConfigIssue(
                        (key,),
                        f"Azure allows tag values of 256 characters at most (this one has "
                        f"{len(value)})",
                    )
                )
        report(issues)
        return tags

    @field_validator("groups")
    @classmethod
    def _group_ids(cls, groups: dict[str, str]) -> dict[str, str]:
        report(
            [
                ConfigIssue((alias,), f"'{object_id}' is not an Entra object id ({GUID_WORDS})")
                for alias, object_id in groups.items()
                if not re.fullmatch(UUID_PATTERN, object_id)
            ]
        )
        return groups

    def group_id(self, alias_or_id: str) -> str:
        return self.groups.get(alias_or_id, alias_or_id)

    def cross_key_issues(self) -> list[ConfigIssue]:
        """Checks that span keys: network and hub options, group aliases, project names."""
        return cross_key_issues_of(dict(self), self.model_dump(by_alias=True))


def cross_key_issues_of(sections: Mapping[str, Any], data: Mapping[str, Any]) -> list[ConfigIssue]:
    """The checks that span keys, over whatever validated.

    ``sections`` holds the validated value of each top-level field (by field name) that is valid
    on its own; a check that reads a missing one is skipped. ``data`` is the keys as written:
    group aliases and project names are read from it, so a field error elsewhere in a project or
    in 'groups' does not hide an unknown alias."""
    issues: list[ConfigIssue] = []
    location, network, hub = (sections.get(key) for key in ("location", "network", "hub"))
    if network is not None:
        groups = hub_endpoint_groups(hub.container_registry) if hub is not None else None
        issues += under(("network",), network.issues(location, groups))
    if hub is not None:
        issues += under(("hub",), hub.issues(location))
    return issues + _reference_issues(data)


def _reference_issues(data: Mapping[str, Any]) -> list[ConfigIssue]:
    """Group aliases must be defined and project names unique, read from the keys as written."""
    groups = data.get("groups")
    aliases = {_text(alias) for alias in groups} if isinstance(groups, Mapping) else set()
    issues: list[ConfigIssue] = []

    def check(path: tuple[str | int, ...], value: Any) -> None:
        alias = _text(value)
        if alias is not None and alias not in aliases and not is_object_id(alias):
            known = ", ".join(sorted(a for a in aliases if a)) or "none defined"
            issues.append(
                ConfigIssue(
                    path,
                    f"unknown group alias '{alias}' (groups: {known}); define it under 'groups'",
                )
            )

    hub = data.get("hub")
    if isinstance(hub, Mapping):
        for index, alias in enumerate(_entries(hub.get("projectCreators"))):
            check(("hub", "projectCreators", index), alias)
    seen: dict[str, int] = {}
    for p_index, project in enumerate(_entries(data.get("projects"))):
        if not isinstance(project, Mapping):
            continue
        name = _text(project.get("name"))
        if name is not None and name in seen:
            issues.append(
                ConfigIssue(
                    ("projects", p_index, "name"),
                    f"project name '{name}' is already used by projects[{seen[name]}]",
                )
            )
        if name is not None:
            seen.setdefault(name, p_index)
        for m_index, member in enumerate(_entries(project.get("members"))):
            if isinstance(member, Mapping):
                check(("projects", p_index, "members", m_index, "group"), member.get("group"))
    return issues


def _entries(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    """A string key as the models read it (stripped, numbers as text), else None."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None
