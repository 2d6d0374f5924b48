"""A product team's stack: its own project workspace under the platform team's hub, and a
personal compute instance per team member.

The hub, its network, storage, key vault and registry belong to the platform stack; this stack
reads them through a StackReference, and only the outputs the platform promises
(``PlatformOutputs``)."""

import pulumi
from aml_landing_zone import (
    PersonalComputeInstance,
    PersonalComputeInstanceArgs,
    ProjectWorkspace,
    read_platform_outputs,
)
from pulumi_azure_native import network

config = pulumi.Config()
platform = read_platform_outputs(pulumi.StackReference(config.require("platformStack")))
project = config.require("project")
tags = pulumi.Output.from_input(platform["tags"]).apply(lambda tags: {**tags, "project": project})

workspace = ProjectWorkspace(
    project,
    {
        "hub_resource_id": platform["hubId"],
        "resource_group_name": platform["projectResourceGroupName"],
        "location": platform["location"],
        "workspace_name": config.require("workspaceName"),
        "description": config.get("description") or "",
        "tags": tags,
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

# The hub's private endpoint, read (never managed) from the platform's id: an instance has no
# public IP, so it waits for the endpoint, and a hub without one fails the preview here.
hub_endpoint = network.PrivateEndpoint.get("hub-private-endpoint", platform["hubPrivateEndpointId"])
# Optional instance settings, as the stack file spells them -> as the component's args do.
INSTANCE_SETTINGS = {"vmSize": "vm_size", "idleTimeBeforeShutdown": "idle_time_before_shutdown"}
for compute_name, instance in sorted((config.get_object("computeInstances") or {}).items()):
    args: PersonalComputeInstanceArgs = {
        "workspace_name": workspace.workspace_name,
        "resource_group_name": platform["projectResourceGroupName"],
        "location": platform["location"],
        "compute_name": compute_name,
        "assigned_user": instance["assignedUser"],
        "tags": tags,
    }
    for key, arg in INSTANCE_SETTINGS.items():
        if key in instance:
            args[arg] = instance[key]  # type: ignore[literal-required]
    PersonalComputeInstance(
        compute_name, args, opts=pulumi.ResourceOptions(depends_on=[workspace, hub_endpoint])
    )
