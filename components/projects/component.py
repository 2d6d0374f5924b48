"""A project workspace: a self-serve team space under a hub (seed 000).

It has no storage, key vault, registry, network or Application Insights of its own: all of that
is inherited from the hub. It only adds the workspace and who may work in it."""

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi

from ..blocks.diagnostics import DiagnosticTarget
from ..blocks.hardening import ResourceContext, harden
from ..blocks.interfaces import DiagnosticSettings, Interfaces, protection_lock
from ..blocks.ml_workspace import ml_workspace
from ..blocks.rbac import Grant
from ..component_types import PROJECT_TYPE
from ..config.args import validate_args
from .args import ProjectWorkspaceArgs
from .config import ProjectSpec


class ProjectWorkspace(pulumi.ComponentResource):
    """A kind=Project workspace and its member role assignments, nothing else."""

    workspace_id: pulumi.Output[str]
    workspace_name: pulumi.Output[str]
    principal_id: pulumi.Output[str]

    SPEC = ProjectSpec  # what validates the args, and what they are generated from

    def __init__(
        self, name: str, args: ProjectWorkspaceArgs, opts: pulumi.ResourceOptions | None = None
    ):
        spec = validate_args(self.SPEC, args, f"ProjectWorkspace '{name}'")
        super().__init__(PROJECT_TYPE, name, None, opts)
        workspace = ml_workspace(
            f"{name}-ws",
            "Project",  # the hub's network, echoed, is ignored (workspace_lifecycle)
            parent=self,
            protect=spec.protect,
            identity_id=spec.user_assigned_identity_id,
            workspace_name=spec.workspace_name,
            resource_group_name=spec.resource_group_name,
            location=spec.location,
            hub_resource_id=spec.hub_resource_id,
            friendly_name=spec.friendly_name or spec.workspace_name,
            description=spec.description,
            hbi_workspace=spec.high_business_impact,
            tags=spec.tags,
        )
        ctx = ResourceContext(
            prefix=name,
            parent=self,
            naming=None,  # a project names nothing but its workspace, which it is given
            resource_group_name=spec.resource_group_name,
            location=spec.location,
        )
        logs = spec.log_analytics_workspace_id
        harden(
            ctx,
            key="ws",
            azure_name=spec.workspace_name,
            resource_id=workspace.id,
            diagnostics=[DiagnosticTarget("ws", workspace.id)],
            interfaces=Interfaces(
                lock=protection_lock(spec.protect),
                role_assignments=tuple(
                    Grant(m.principal_id, m.role, m.principal_type) for m in spec.members
                ),
                diagnostic_settings=DiagnosticSettings(logs) if logs is not None else None,
            ),
        )
        self.workspace_id = workspace.id
        self.workspace_name = workspace.name
        self.principal_id = workspace.identity.apply(lambda i: (i.principal_id or "") if i else "")
        self.register_outputs(self.outputs())

    def outputs(self) -> dict[str, pulumi.Input[str]]:
        return {
            "workspaceId": self.workspace_id,
            "workspaceName": self.workspace_name,
            "principalId": self.principal_id,
        }


@dataclass(frozen=True)
class HubLink:
    """What a project takes from its hub: the hub's id, its region, where its diagnostics go,
    its high-business-impact flag (fixed at creation: a project follows it) and whether it is
    protected."""

    hub_resource_id: pulumi.Input[str]
    location: str
    log_analytics_workspace_id: pulumi.Input[str] | None
    high_business_impact: bool
    protect: bool


def project_args(
    hub: HubLink,
    *,
    workspace_name: str,
    resource_group_name: pulumi.Input[str],
    members: Sequence[tuple[str, str]],
    tags: dict[str, str],
    description: str = "",
    friendly_name: str | None = None,
    identity_id: pulumi.Input[str] | None = None,
) -> ProjectWorkspaceArgs:
    """A ProjectWorkspace's args, in one typed step, for every project the library creates (the
    landing zone's and a data product's): ``members`` are (principal id, role) pairs,
    ``identity_id`` the project's own user-assigned identity (else a system-assigned one)."""
    args: ProjectWorkspaceArgs = {
        "hub_resource_id": hub.hub_resource_id,
        "resource_group_name": resource_group_name,
        "location": hub.location,
        "workspace_name": workspace_name,
        "description": description,
        "tags": tags,
        "members": [{"principal_id": principal, "role": role} for principal, role in members],
        "high_business_impact": hub.high_business_impact,
        "protect": hub.protect,
    }
    if friendly_name is not None:
        args["friendly_name"] = friendly_name
    if hub.log_analytics_workspace_id is not None:
        args["log_analytics_workspace_id"] = hub.log_analytics_workspace_id
    if identity_id is not None:
        args["user_assigned_identity_id"] = identity_id
    return args
