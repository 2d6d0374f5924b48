"""A project workspace under the hub: who works in it and with which role."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, field_validator, model_validator

from ..roles import PRIVILEGED_ROLES, PRIVILEGED_ROLES_RULE, WORKSPACE_MEMBER_ROLES
from .base import KEY_PATTERN, UUID_PATTERN, ConfigIssue, StrictModel, pattern_field, report
from .hub import HUB_OWNED_SETTINGS, SETTING_HOME

# A member is a group of people, so the roles the policy pack forbids for people are left out.
MEMBER_ROLES: tuple[str, ...] = tuple(
    r for r in WORKSPACE_MEMBER_ROLES if r not in PRIVILEGED_ROLES
)


class Member(StrictModel):
    """A group (alias from 'groups' or an object id) and the role it gets on the project."""

    group: str = Field(description="Alias from 'groups', or an Entra group object id.")
    role: str = Field(
        description=f"One of: {', '.join(MEMBER_ROLES)}. {' and '.join(PRIVILEGED_ROLES)} are "
        f"refused: policy rule {PRIVILEGED_ROLES_RULE} forbids them for people."
    )

    @field_validator("role")
    @classmethod
    def _known_role(cls, role: str) -> str:
        privileged = {r.casefold(): r for r in PRIVILEGED_ROLES}.get(role.casefold())
        if privileged is not None:
            raise ValueError(
                f"'{role}' is not given to groups: policy rule {PRIVILEGED_ROLES_RULE} forbids "
                f"standing {' or '.join(PRIVILEGED_ROLES)} for people; "
                f"{PRIVILEGED_ROLES[privileged]}"
            )
        if role not in MEMBER_ROLES:
            raise ValueError(f"unknown role '{role}'; use one of: {', '.join(MEMBER_ROLES)}")
        return role


class ProjectSettings(StrictModel):
    """One self-contained project workspace. Network, storage and encryption come from the hub."""

    name: str = pattern_field(
        KEY_PATTERN,
        "3–20 lowercase letters, digits or hyphens, starting with a letter and not ending with "
        "a hyphen",
        description="Stable key of the project, used in its resource names.",
    )
    description: str = Field("", max_length=256, description="Shown in ML studio.")
    friendly_name: str | None = Field(
        None, max_length=64, description="Display name (default: the project's name)."
    )
    members: list[Member] = Field(
        default_factory=list, description="Groups and the role each gets on the project."
    )

    @model_validator(mode="before")
    @classmethod
    def _reject_hub_owned(cls, data: Any) -> Any:
        if isinstance(data, dict):
            report(
                [
                    ConfigIssue(
                        (key,),
                        "a hub setting, which project workspaces inherit from the hub; set it "
                        f"under '{SETTING_HOME.get(key, 'hub')}' instead",
                    )
                    for key in sorted(data)
                    if key in HUB_OWNED_SETTINGS
                ]
            )
        return data

    @field_validator("members")
    @classmethod
    def _unique_members(cls, members: list[Member]) -> list[Member]:
        seen: dict[tuple[str, str], int] = {}
        issues = []
        for index, member in enumerate(members):
            pair = (member.group, member.role)
            if pair in seen:
                issues.append(
                    ConfigIssue(
                        (index,),
                        f"group '{member.group}' already has role '{member.role}' "
                        f"(members[{seen[pair]}])",
                    )
                )
            seen.setdefault(pair, index)
        report(issues)
        return members


def is_object_id(value: str) -> bool:
    return re.fullmatch(UUID_PATTERN, value) is not None
