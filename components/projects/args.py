"""Component args, generated from the specs: do not edit.

``python -m aml_landing_zone.config.typed_args`` writes them from the specs' fields and
their ``typed_args`` declarations (``config/typed_args.py`` says how)."""

from collections.abc import Mapping, Sequence
from typing import NotRequired, TypedDict

import pulumi

from ..enums import PrincipalType


class ProjectMemberArgs(TypedDict):
    """A principal and its role on the project (Group unless ``principal_type`` says)."""

    principal_id: str
    role: str
    principal_type: NotRequired[PrincipalType]


class ProjectWorkspaceArgs(TypedDict):
    """``hub_resource_id`` may be a Hub's output or any id (e.g. a StackReference output).

    ``log_analytics_workspace_id``: where the project's diagnostic setting sends its logs, the
    hub's workspace (``Hub.log_analytics_workspace_id``) or a central one; absent = none.
    ``high_business_impact`` should follow the hub's (it is fixed at creation); ``protect``
    guards the workspace (and the experiments, models and data assets in it) from deletion.
    ``user_assigned_identity_id``: the project's own user-assigned identity (a data product's),
    instead of a system-assigned one. Hub-owned settings (network, storage, key vault, registry,
    encryption) are refused."""

    hub_resource_id: pulumi.Input[str]
    resource_group_name: pulumi.Input[str]
    location: pulumi.Input[str]
    workspace_name: str
    friendly_name: NotRequired[pulumi.Input[str]]
    description: NotRequired[pulumi.Input[str]]
    tags: NotRequired[pulumi.Input[Mapping[str, pulumi.Input[str]]]]
    members: NotRequired[Sequence[ProjectMemberArgs]]
    log_analytics_workspace_id: NotRequired[pulumi.Input[str]]
    high_business_impact: NotRequired[pulumi.Input[bool]]
    protect: NotRequired[bool]
    user_assigned_identity_id: NotRequired[pulumi.Input[str]]
