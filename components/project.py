"""A project workspace: a self-serve team space under a hub (seed 000).

It has no storage, key vault, registry, network or Application Insights of its own: all of that
is inherited from the hub. It only adds the workspace and who may work in it."""

from collections.abc import Mapping, Sequence
from typing import NotRequired, TypedDict, cast, get_args

import pulumi
from pulumi_azure_native import machinelearningservices

from .blocks.diagnostics import DiagnosticTarget, send_diagnostics
from .blocks.rbac import Grant, PrincipalType, assign_roles
from .errors import ComponentArgsError
from .roles import WORKSPACE_MEMBER_ROLES

PROJECT_TYPE = "amllz:index:ProjectWorkspace"

# Arguments a project must not take: the hub owns them and ARM rejects them on kind Project.
HUB_OWNED_ARGS = frozenset(
    {
        "public_network_access",
        "managed_network",
        "isolation_mode",
        "storage_account",
        "key_vault",
        "container_registry",
        "application_insights",
        "encryption",
        "allow_public_access_when_behind_vnet",
        "system_datastores_auth_mode",
        "provision_network_now",
        "enable_service_side_cmk_encryption",
        "allowed_ip_ranges",
        "private_endpoints",
        "hbi_workspace",
    }
)


class ProjectMemberArgs(TypedDict):
    principal_id: str
    role: str
    principal_type: NotRequired[str]  # Group (default), User or ServicePrincipal


class ProjectWorkspaceArgs(TypedDict):
    """``hub_resource_id`` may be a Hub's output or any id (e.g. a StackReference output).

    ``log_analytics_workspace_id``: where the project's diagnostic setting sends its logs, the
    hub's workspace (``Hub.log_analytics_workspace_id``) or a central one; absent = none.
    ``high_business_impact`` should follow the hub's (it is fixed at creation); ``protect``
    guards the workspace (and the experiments, models and data assets in it) from deletion."""

    hub_resource_id: pulumi.Input[str]
    resource_group_name: pulumi.Input[str]
    location: pulumi.Input[str]
    workspace_name: str
    friendly_name: NotRequired[pulumi.Input[str]]
    description: NotRequired[pulumi.Input[str]]
    tags: NotRequired[pulumi.Input[Mapping[str, pulumi.Input[str]]]]
    members: NotRequired[Sequence[ProjectMemberArgs]]
    log_analytics_workspace_id: NotRequired[pulumi.Input[str]]
    high_business_impact: NotRequired[bool]
    protect: NotRequired[bool]


class ProjectWorkspace(pulumi.ComponentResource):
    """A kind=Project workspace and its member role assignments, nothing else."""

    workspace_id: pulumi.Output[str]
    workspace_name: pulumi.Output[str]
    principal_id: pulumi.Output[str]

    def __init__(
        self, name: str, args: ProjectWorkspaceArgs, opts: pulumi.ResourceOptions | None = None
    ):
        _reject_hub_owned(name, args)
        super().__init__(PROJECT_TYPE, name, None, opts)
        workspace = machinelearningservices.Workspace(
            f"{name}-ws",
            workspace_name=args["workspace_name"],
            resource_group_name=args["resource_group_name"],
            location=args["location"],
            kind="Project",
            hub_resource_id=args["hub_resource_id"],
            friendly_name=args.get("friendly_name", args["workspace_name"]),
            description=args.get("description", ""),
            identity={"type": "SystemAssigned"},
            hbi_workspace=args.get("high_business_impact", False),
            tags=args.get("tags", {}),
            opts=pulumi.ResourceOptions(parent=self, protect=args.get("protect", False)),
        )
        grants = [
            Grant(m["principal_id"], m["role"], _principal_type(name, m.get("principal_type")))
            for m in args.get("members", [])
        ]
        assign_roles(name, workspace.id, args["workspace_name"], grants, parent=self)
        if "log_analytics_workspace_id" in args:
            send_diagnostics(
                name,
                [DiagnosticTarget("ws", workspace.id)],
                args["log_analytics_workspace_id"],
                parent=self,
            )

        self.workspace_id = workspace.id
        self.workspace_name = workspace.name
        self.principal_id = workspace.identity.apply(lambda i: i.principal_id if i else "")
        self.register_outputs(self.outputs())

    def outputs(self) -> dict[str, pulumi.Input[str]]:
        return {
            "workspaceId": self.workspace_id,
            "workspaceName": self.workspace_name,
            "principalId": self.principal_id,
        }


def _reject_hub_owned(name: str, args: Mapping[str, object]) -> None:
    owned = sorted(HUB_OWNED_ARGS.intersection(args))
    if owned:
        raise ComponentArgsError(
            f"ProjectWorkspace '{name}': {', '.join(owned)} is owned by the hub; a project "
            "workspace inherits network, storage, key vault, registry and encryption from its hub"
        )
    for member in args.get("members", []) or []:  # type: ignore[attr-defined]
        if member["role"] not in WORKSPACE_MEMBER_ROLES:
            raise ComponentArgsError(
                f"ProjectWorkspace '{name}': unknown role '{member['role']}'; use one of "
                f"{', '.join(WORKSPACE_MEMBER_ROLES)}"
            )


def _principal_type(name: str, value: str | None) -> PrincipalType:
    allowed = get_args(PrincipalType)
    if value is None:
        return "Group"
    if value not in allowed:
        raise ComponentArgsError(
            f"ProjectWorkspace '{name}': principal_type must be one of {', '.join(allowed)}"
        )
    return cast(PrincipalType, value)
