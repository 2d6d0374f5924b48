"""A project workspace under the hub: who works in it and with which role.

``ProjectSettings`` is a project in a stack file; ``ProjectSpec`` is what the ProjectWorkspace
component validates its args with. Both refuse hub-owned settings and unknown roles the same way."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, Field, field_validator, model_validator
from pydantic.alias_generators import to_snake

from ..codes import DUPLICATE, HUB_OWNED, PRIVILEGED_ROLE, CodedValueError
from ..config.base import (
    ConfigIssue,
    KeepOutputs,
    StrictModel,
    TypedArgs,
    key_field,
    report,
)
from ..config.diagnostics import LogAnalyticsWorkspaceId
from ..enums import PrincipalType
from ..hub.config import HUB_OWNED_SETTINGS, hub_owned_keys
from ..naming import RULES
from ..observability.config import not_the_hub
from ..roles import PRIVILEGED_ROLES, PRIVILEGED_ROLES_RULE, WORKSPACE_MEMBER_ROLES

# A member is a group of people, so the roles the policy pack forbids for people are left out.
MEMBER_ROLES: tuple[str, ...] = tuple(
    r for r in WORKSPACE_MEMBER_ROLES if r not in PRIVILEGED_ROLES
)


def _known_role(role: str) -> str:
    privileged = {r.casefold(): r for r in PRIVILEGED_ROLES}.get(role.casefold())
    if privileged is not None:
        raise CodedValueError(
            PRIVILEGED_ROLE,
            f"'{role}' is not given to groups: policy rule {PRIVILEGED_ROLES_RULE} forbids "
            f"standing {' or '.join(PRIVILEGED_ROLES)} for people; "
            f"{PRIVILEGED_ROLES[privileged]}",
        )
    if role not in MEMBER_ROLES:
        raise ValueError(f"unknown role '{role}'; use one of: {', '.join(MEMBER_ROLES)}")
    return role


def _workspace_name(name: str) -> str:
    problem = RULES["workspace"].problem(name)
    if problem is not None:
        raise ValueError(f"'{name}' is not a workspace name: it {problem}")
    return name


MemberRole = Annotated[str, AfterValidator(_known_role)]
_ROLE_HELP = (
    f"One of: {', '.join(MEMBER_ROLES)}. {' and '.join(PRIVILEGED_ROLES)} are "
    f"refused: policy rule {PRIVILEGED_ROLES_RULE} forbids them for people."
)


class _RejectsHubOwned(StrictModel):
    @model_validator(mode="before")
    @classmethod
    def _reject_hub_owned(cls, data: Any) -> Any:
        # a key the model declares itself (a project's HBI follows its hub's) is not refused
        owned = [key for key in hub_owned_keys(data) if to_snake(key) not in cls.model_fields]
        report(
            [
                ConfigIssue(
                    (key,),
                    "a hub setting, which project workspaces inherit from the hub; set it "
                    f"under '{HUB_OWNED_SETTINGS[to_snake(key)]}' instead",
                    HUB_OWNED,
                )
                for key in owned
            ]
        )
        return data


class Member(StrictModel):
    """A group (alias from 'groups' or an object id) and the role it gets on the project."""

    group: str = Field(description="Alias from 'groups', or an Entra group object id.")
    role: MemberRole = Field(description=_ROLE_HELP)


class ProjectSettings(_RejectsHubOwned):
    """One self-contained project workspace. Network, storage and encryption come from the hub."""

    name: str = key_field(description="Stable key of the project, used in its resource names.")
    description: str = Field("", max_length=256, description="Shown in ML studio.")
    friendly_name: str | None = Field(
        None, max_length=64, description="Display name (default: the project's name)."
    )
    members: list[Member] = Field(
        default_factory=list, description="Groups and the role each gets on the project."
    )

    @field_validator("name")
    @classmethod
    def _not_the_hub(cls, name: str) -> str:
        return not_the_hub(name, "project")

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
                        DUPLICATE,
                    )
                )
            seen.setdefault(pair, index)
        report(issues)
        return members


class MemberSpec(StrictModel):
    """A principal and its role on a project workspace (``ProjectMemberArgs``)."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "ProjectMemberArgs",
        "A principal and its role on the project (Group unless ``principal_type`` says).",
    )

    principal_id: str  # a plain id: it names the role assignment (blocks/rbac.Grant.key)
    role: MemberRole = Field(description=_ROLE_HELP)
    principal_type: PrincipalType = PrincipalType.GROUP


class ProjectSpec(_RejectsHubOwned):
    """What a ProjectWorkspace needs (``ProjectWorkspaceArgs``), validated as the config is."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "ProjectWorkspaceArgs",
        """``hub_resource_id`` may be a Hub's output or any id (e.g. a StackReference output).

        ``log_analytics_workspace_id``: where the project's diagnostic setting sends its logs, the
        hub's workspace (``Hub.log_analytics_workspace_id``) or a central one; absent = none.
        ``high_business_impact`` should follow the hub's (it is fixed at creation); ``protect``
        guards the workspace (and the experiments, models and data assets in it) from deletion.
        ``user_assigned_identity_id``: the project's own user-assigned identity (a data product's),
        instead of a system-assigned one. Hub-owned settings (network, storage, key vault, registry,
        encryption) are refused.""",
    )

    hub_resource_id: Annotated[str, KeepOutputs]
    resource_group_name: Annotated[str, KeepOutputs]
    location: Annotated[str, KeepOutputs]
    workspace_name: Annotated[str, AfterValidator(_workspace_name)]
    friendly_name: Annotated[str | None, KeepOutputs] = None
    description: Annotated[str, KeepOutputs] = ""
    tags: Annotated[dict[str, Annotated[str, KeepOutputs]], KeepOutputs] = Field(
        default_factory=dict
    )
    members: list[MemberSpec] = Field(default_factory=list)
    log_analytics_workspace_id: LogAnalyticsWorkspaceId | None = None
    # follows the hub's, which a product-team stack reads from a StackReference (an Output)
    high_business_impact: Annotated[bool, KeepOutputs] = False
    protect: bool = False
    user_assigned_identity_id: Annotated[str | None, KeepOutputs] = None
