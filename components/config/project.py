"""A project workspace under the hub: who works in it and with which role.

``ProjectSettings`` is a project in a stack file; ``ProjectSpec`` is what the ProjectWorkspace
component validates its args with. Both refuse hub-owned settings and unknown roles the same way."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field, field_validator, model_validator
from pydantic.alias_generators import to_snake

from ..enums import PrincipalType
from ..naming import RULES
from ..roles import WORKSPACE_MEMBER_ROLES
from .base import KEY_PATTERN, UUID_PATTERN, KeepOutputs, StrictModel
from .diagnostics import LogAnalyticsWorkspaceId
from .hub import HUB_OWNED_SETTINGS, hub_owned_keys


def _known_role(role: str) -> str:
    if role not in WORKSPACE_MEMBER_ROLES:
        raise ValueError(f"unknown role '{role}'; use one of: {', '.join(WORKSPACE_MEMBER_ROLES)}")
    return role


def _workspace_name(name: str) -> str:
    rule = RULES["workspace"]
    if not (rule.min_len <= len(name) <= rule.max_len) or not re.fullmatch(rule.pattern, name):
        raise ValueError(
            f"'{name}' is not a workspace name: {rule.min_len}-{rule.max_len} letters, digits, "
            "'-' or '_', starting with a letter or digit"
        )
    return name


MemberRole = Annotated[str, AfterValidator(_known_role)]
_ROLE_HELP = f"One of: {', '.join(WORKSPACE_MEMBER_ROLES)}."


class _RejectsHubOwned(StrictModel):
    @model_validator(mode="before")
    @classmethod
    def _reject_hub_owned(cls, data: Any) -> Any:
        # a key the model declares itself (a project's HBI follows its hub's) is not refused
        owned = [key for key in hub_owned_keys(data) if to_snake(key) not in cls.model_fields]
        for key in owned[:1]:
            raise ValueError(
                f"'{key}' is a hub setting: project workspaces inherit it from the hub; "
                f"set it under '{HUB_OWNED_SETTINGS[to_snake(key)]}' instead"
            )
        return data


class Member(StrictModel):
    """A group (alias from 'groups' or an object id) and the role it gets on the project."""

    group: str = Field(description="Alias from 'groups', or an Entra group object id.")
    role: MemberRole = Field(description=_ROLE_HELP)


class ProjectSettings(_RejectsHubOwned):
    """One self-contained project workspace. Network, storage and encryption come from the hub."""

    name: str = Field(pattern=KEY_PATTERN, description="Stable key: lowercase, 3-20 characters.")
    description: str = Field("", max_length=256, description="Shown in ML studio.")
    friendly_name: str | None = Field(
        None, max_length=64, description="Display name (default: the project's name)."
    )
    members: list[Member] = Field(
        default_factory=list, description="Groups and the role each gets on the project."
    )

    @field_validator("members")
    @classmethod
    def _unique_members(cls, members: list[Member]) -> list[Member]:
        seen: set[tuple[str, str]] = set()
        for member in members:
            pair = (member.group, member.role)
            if pair in seen:
                raise ValueError(f"group '{member.group}' is given role '{member.role}' twice")
            seen.add(pair)
        return members


class MemberSpec(StrictModel):
    """A principal and its role on a project workspace (``ProjectMemberArgs``)."""

    principal_id: Annotated[str, KeepOutputs]
    role: MemberRole = Field(description=_ROLE_HELP)
    principal_type: PrincipalType = PrincipalType.GROUP


class ProjectSpec(_RejectsHubOwned):
    """What a ProjectWorkspace needs (``ProjectWorkspaceArgs``), validated as the config is."""

    hub_resource_id: Annotated[str, KeepOutputs]
    resource_group_name: Annotated[str, KeepOutputs]
    location: Annotated[str, KeepOutputs]
    workspace_name: Annotated[str, AfterValidator(_workspace_name)]
    friendly_name: Annotated[str | None, KeepOutputs] = None
    description: Annotated[str, KeepOutputs] = ""
    tags: Annotated[dict[str, str], KeepOutputs] = Field(default_factory=dict)
    members: list[MemberSpec] = Field(default_factory=list)
    log_analytics_workspace_id: LogAnalyticsWorkspaceId | None = None
    high_business_impact: bool = False
    protect: bool = False


def is_object_id(value: str) -> bool:
    return re.fullmatch(UUID_PATTERN, value) is not None
