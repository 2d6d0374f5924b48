"""The platform stack's outputs that product-team stacks may rely on: a contract, kept here once.

The platform team owns the hub (this repository's program); product teams create their own
project workspaces from their own stacks and read the hub through a ``pulumi.StackReference``
(seed 000's self-service story). Only the keys below are promised: the platform program exports
each of them at the top level, and ``read_platform_outputs`` reads exactly these from a
reference, so a rename on one side breaks a test instead of a team's deployment. The program's
other outputs (``hub``, ``projects``) are detail that may change between versions."""

from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict

import pulumi


class PlatformOutputs(TypedDict):
    """What a product-team stack needs to create a project workspace under the platform's hub.

    Values are Outputs on both sides: the platform's resources, or a StackReference's outputs."""

    hubId: pulumi.Input[str]
    hubName: pulumi.Input[str]
    subscriptionId: pulumi.Input[str]
    location: pulumi.Input[str]
    environment: pulumi.Input[str]
    resourceGroupName: pulumi.Input[str]
    projectResourceGroupName: pulumi.Input[str]
    logAnalyticsWorkspaceId: pulumi.Input[str]
    highBusinessImpact: pulumi.Input[bool]
    tags: pulumi.Input[Mapping[str, str]]
    privateEndpointSubnetId: NotRequired[pulumi.Input[str] | None]
    privateDnsZoneIds: NotRequired[pulumi.Input[Mapping[str, str]] | None]
    hubPrivateEndpointId: NotRequired[pulumi.Input[str] | None]


# What each key holds, for the README's contract table (python -m aml_landing_zone.platform_outputs)
DESCRIPTIONS: dict[str, str] = {
    "hubId": "ARM id of the hub workspace: a project's `hub_resource_id`.",
    "hubName": "Azure name of the hub workspace.",
    "subscriptionId": "Subscription the hub (and the project resource group) is deployed to: "
    "a product-team stack's azure-native provider must deploy there too.",
    "location": "Azure region of the hub: projects are created in the same region.",
    "environment": "The platform stack's environment (`dev`, `test`, `prod`).",
    "resourceGroupName": "Resource group of the hub and its associated resources.",
    "projectResourceGroupName": "Resource group product teams create project workspaces in: "
    "the hub's shared projects group (also the studio's default), whatever "
    "`hub.projectResourceGroups` says; with `perProject` the platform's own projects are each "
    "in their own group instead (`projects.<key>.resourceGroupName`).",
    "logAnalyticsWorkspaceId": "Log Analytics workspace the hub sends diagnostics to: a "
    "project's `log_analytics_workspace_id`.",
    "highBusinessImpact": "The hub's high-business-impact flag: fixed at creation, a project "
    "should follow it.",
    "tags": "The landing zone's tags (environment, workload, cost tags): a project carries them.",
    "privateEndpointSubnetId": "Subnet the hub's private endpoints use, for a team's own private "
    "endpoints; absent or null when the hub has none.",
    "privateDnsZoneIds": "Private DNS zone name -> zone id, the zones the hub's endpoints register "
    "in (created here or existing central ones); absent or null when DNS is left to Azure Policy.",
    "hubPrivateEndpointId": "ARM id of the hub workspace's private endpoint, which a project's "
    "compute instances (no public IP) wait for; absent or null when the hub has none.",
}
PLATFORM_OUTPUT_KEYS: tuple[str, ...] = tuple(PlatformOutputs.__annotations__)
REQUIRED_KEYS: frozenset[str] = PlatformOutputs.__required_keys__
assert list(DESCRIPTIONS) == list(PLATFORM_OUTPUT_KEYS)  # one list of keys, checked on import


def read_platform_outputs(stack: pulumi.StackReference) -> PlatformOutputs:
    """The contract's outputs from a reference to a platform stack, and nothing else.

    A required key the platform stack lacks (an older or foreign stack) fails the preview with
    the key's name; an optional one comes back as None."""
    values: dict[str, Any] = {
        key: stack.require_output(key) if key in REQUIRED_KEYS else stack.get_output(key)
        for key in PLATFORM_OUTPUT_KEYS
    }
    return values  # type: ignore[return-value]  # keys are the TypedDict's own


def contract_table() -> str:
    """The README's table of contract outputs (BEGIN platform-outputs)."""
    rows = ["| Output | Required | Meaning |", "| --- | --- | --- |"]
    for key in PLATFORM_OUTPUT_KEYS:
        required = "yes" if key in REQUIRED_KEYS else "no"
        rows.append(f"| `{key}` | {required} | {DESCRIPTIONS[key]} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(contract_table(), end="")
