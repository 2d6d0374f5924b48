"""A product team's stack: its own project workspace under the platform team's hub.

The hub, its network, storage, key vault and registry belong to the platform stack; this stack
reads them through a StackReference, and only the outputs the platform promises
(``PlatformOutputs``)."""

import pulumi
from aml_landing_zone import ProjectWorkspace, read_platform_outputs

config = pulumi.Config()
platform = read_platform_outputs(pulumi.StackReference(config.require("platformStack")))
project = config.require("project")

workspace = ProjectWorkspace(
    project,
    {
        "hub_resource_id": platform["hubId"],
        "resource_group_name": platform["projectResourceGroupName"],
        "location": platform["location"],
        "workspace_name": config.require("workspaceName"),
        "description": config.get("description") or "",
        "tags": pulumi.Output.from_input(platform["tags"]).apply(
            lambda tags: {**tags, "project": project}
        ),
        "log_analytics_workspace_id": platform["logAnalyticsWorkspaceId"],
        "high_business_impact": platform["highBusinessImpact"],
        "members": [
            {"principal_id": member["principalId"], "role": member["role"]}
            for member in config.get_object("members") or []
        ],
    },
)
pulumi.export("workspaceId", workspace.workspace_id)
pulumi.export("workspaceName", workspace.workspace_name)
