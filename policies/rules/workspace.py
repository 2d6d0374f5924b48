"""Azure ML workspace rules (hub, default and project workspaces).

Project workspaces inherit network, storage and encryption settings from their hub (ARM rejects
them on a project), so the rules about those settings exempt kind Project.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from aml_landing_zone.arm import subscription_of
from aml_landing_zone.policies.rules.common import (
    ADVISORY,
    MANDATORY,
    PROJECTS,
    UNKNOWN,
    Config,
    Finding,
    Stack,
    get,
    identity,
    ieq,
    iin,
    is_false,
    is_project,
    is_true,
    items,
    known_items,
    peek,
    reads,
    resource_policy,
    show,
    stack_policy,
    string_list,
    text,
)
from aml_landing_zone.resource_types import (
    DIAGNOSTIC_SETTING,
    ML_WORKSPACE,
    PRIVATE_ENDPOINT,
    STORAGE_ACCOUNT,
)
from pulumi_policy import PolicyResource

ISOLATION_MODES = ["Disabled", "AllowInternetOutbound", "AllowOnlyApprovedOutbound"]


def _public_network(props: Any, _: Config) -> Iterator[str]:
    if is_project(props):
        return
    value = get(props, "publicNetworkAccess")
    if not ieq(value, "Disabled"):
        yield f"publicNetworkAccess is {show(value)}; set it to 'Disabled'."


def _public_behind_vnet(props: Any, _: Config) -> Iterator[str]:
    if is_project(props):
        return
    value = get(props, "allowPublicAccessWhenBehindVnet")
    if not is_false(value):
        yield f"allowPublicAccessWhenBehindVnet is {show(value)}; set it to false."


def _hbi(props: Any, _: Config) -> Iterator[str]:
    value = get(props, "hbiWorkspace")
    if not is_true(value):
        yield f"hbiWorkspace is {show(value)}; set it to true (it cannot change after creation)."


def _user_assigned_identity(props: Any, config: Config) -> Iterator[str]:
    if iin(peek(props, "kind"), config["exemptKinds"]):
        return
    identity_type = get(props, "identity.type")
    kinds = (
        {part.strip().casefold() for part in identity_type.split(",")}
        if text(identity_type)
        else set()
    )
    if "userassigned" not in kinds:
        yield f"identity.type is {show(identity_type)}; it must include 'UserAssigned'."
    if text(get(props, "primaryUserAssignedIdentity")) is None:
        yield "primaryUserAssignedIdentity is not set; name the user-assigned identity to use."


def _cmk(props: Any, _: Config) -> Iterator[str]:
    if is_project(props):
        return
    status = get(props, "encryption.status")
    if not ieq(status, "Enabled"):
        yield f"encryption.status is {show(status)}; encrypt with a customer-managed key."


def _managed_network(props: Any, config: Config) -> Iterator[str]:
    if is_project(props):
        return
    wanted = config["isolationMode"]
    mode = get(props, "managedNetwork.isolationMode")
    strictness = [m.casefold() for m in ISOLATION_MODES]
    actual = strictness.index(mode.casefold()) if iin(mode, ISOLATION_MODES) else -1
    if actual < strictness.index(wanted.casefold()):
        yield (
            f"managedNetwork.isolationMode is {show(mode)}; it must be '{wanted}'"
            f"{'' if wanted == ISOLATION_MODES[-1] else ' or stricter'}."
        )


def _private_link_connections(props: Any) -> list[Any]:
    return items(get(props, "privateLinkServiceConnections")) + items(
        get(props, "manualPrivateLinkServiceConnections")
    )


def _subscription(arm_id: Any) -> str | None:
    """The subscription of an ARM id, lower-cased (GUIDs compare case-insensitively)."""
    found = subscription_of(arm_id)
    return found.casefold() if found is not None else None


def _pe_same_subscription(props: Any, config: Config) -> Iterator[str]:
    own = _subscription(get(props, "subnet.id"))
    allowed = {s.casefold() for s in config["allowedSubscriptionIds"]}
    if own is not None:
        allowed.add(own)
    for connection in _private_link_connections(props):
        target = get(connection, "privateLinkServiceId")
        target_subscription = _subscription(target)
        if target_subscription is None:
            yield f"privateLinkServiceId {show(target)} is not an ARM id with a subscription."
        elif not allowed:
            yield "the endpoint's subscription is unknown: set subnet.id to a full ARM id."
        elif target_subscription not in allowed:
            yield (
                f"it targets {target} in subscription {target_subscription}, "
                f"outside {', '.join(sorted(allowed))}."
            )


def _workspaces(stack: Stack, *, projects: bool) -> list[PolicyResource]:
    return [w for w in stack.of_type(ML_WORKSPACE) if projects or not is_project(w.props)]


def _private_endpoint_check(stack: Stack, config: Config) -> Iterable[Finding]:
    group = config["groupId"]
    endpoints = [pe for pe in stack.of_type(PRIVATE_ENDPOINT) if _has_group(pe, group)]
    for workspace in _workspaces(stack, projects=False):
        link = "privateLinkServiceConnections"
        if not any(stack.refers(pe, link, workspace) for pe in endpoints):
            yield Finding(
                workspace.urn,
                f"no private endpoint with group '{group}' targets workspace {workspace.name}.",
            )


def _has_group(endpoint: PolicyResource, group: str) -> bool:
    """Whether any connection uses the group; an unknown group list gets the benefit of doubt."""
    for key in ("privateLinkServiceConnections", "manualPrivateLinkServiceConnections"):
        for connection in known_items(peek(endpoint.props, key)):
            group_ids = peek(connection, "groupIds")
            if group_ids is UNKNOWN or any(iin(g, [group]) for g in known_items(group_ids)):
                return True
    return False


_DESTINATIONS = ("workspaceId", "storageAccountId", "eventHubAuthorizationRuleId")


def _sends_logs(setting: PolicyResource) -> bool:
    """Whether a diagnostic setting has a destination and at least one enabled log entry."""
    props = setting.props
    if all(peek(props, d) in (None, "") for d in (*_DESTINATIONS, "marketplacePartnerId")):
        return False
    logs = peek(props, "logs")
    return logs is UNKNOWN or any(
        (peek(entry, "enabled") is UNKNOWN or is_true(peek(entry, "enabled")))
        and (text(peek(entry, "category")) or text(peek(entry, "categoryGroup")))
        for entry in known_items(logs)
    )


def _diagnostics_check(stack: Stack, _: Config) -> Iterable[Finding]:
    settings = [s for s in stack.of_type(DIAGNOSTIC_SETTING) if _sends_logs(s)]
    for workspace in _workspaces(stack, projects=True):
        if not any(stack.refers(s, "resourceUri", workspace) for s in settings):
            yield Finding(
                workspace.urn,
                f"no diagnostic setting sends workspace {workspace.name}'s logs anywhere.",
            )


def _hbi_storage_check(stack: Stack, _: Config) -> Iterable[Finding]:
    for workspace in stack.of_type(ML_WORKSPACE):
        if not is_true(peek(workspace.props, "hbiWorkspace")):
            continue
        owner = stack.hub_of(workspace) if is_project(workspace.props) else workspace
        if owner is None:
            continue
        for storage in stack.referenced(owner, "storageAccount", STORAGE_ACCOUNT):
            access = peek(storage.props, "publicNetworkAccess")
            if access is not UNKNOWN and not ieq(access, "Disabled"):
                yield Finding(
                    workspace.urn,
                    f"An HBI workspace keeps its data in storage account {storage.name}, "
                    f"whose publicNetworkAccess is {show(access)}; that storage must be "
                    "private.",
                )


WORKSPACE_POLICIES = [
    resource_policy(
        "ws-public-network",
        "ML workspaces must disable public network access. A public endpoint exposes the "
        "workspace API and studio to the internet; landing zones reach workspaces through "
        "private endpoints only (built-in policy, ALZ, PSRule Azure.ML.PublicAccess, "
        "CKV_AZURE_144). Projects inherit their hub's setting.",
        [ML_WORKSPACE],
        _public_network,
        level=MANDATORY,
        reads=["publicNetworkAccess"],
        exempt=PROJECTS,
    ),
    resource_policy(
        "ws-public-behind-vnet",
        "ML workspaces behind a virtual network must not also allow public access. "
        "allowPublicAccessWhenBehindVnet reopens a private workspace to the internet "
        "(ALZ Deny-MachineLearning-PublicAccessWhenBehindVnet). Projects inherit their hub's.",
        [ML_WORKSPACE],
        _public_behind_vnet,
        level=MANDATORY,
        reads=["allowPublicAccessWhenBehindVnet"],
        exempt=PROJECTS,
    ),
    resource_policy(
        "ws-hbi",
        "ML workspaces must be flagged high business impact (hbiWorkspace). HBI limits the "
        "diagnostic data Microsoft collects and encrypts local scratch disks; it can only be "
        "set when the workspace is created (ALZ Deny-MachineLearning-HbiWorkspace).",
        [ML_WORKSPACE],
        _hbi,
        level=MANDATORY,
        reads=["hbiWorkspace"],
    ),
    resource_policy(
        "ws-user-assigned-identity",
        "ML workspaces must run as a user-assigned managed identity. A user-assigned identity "
        "is created and granted access before the workspace and survives it, so access to "
        "storage, key vault and registry is least-privilege and auditable (built-in policy, "
        "PSRule Azure.ML.UserManagedIdentity). Projects keep their own system-assigned "
        "identity by default.",
        [ML_WORKSPACE],
        _user_assigned_identity,
        level=MANDATORY,
        schema={
            "exemptKinds": {
                "type": "array",
                "items": {"type": "string"},
                "default": ["Project"],
                "description": "Workspace kinds exempt from the rule. Project by default: the "
                "service isolates each project by conditional (ABAC) grants to the project's "
                "own system-assigned identity (seed 000), which a shared user-assigned identity "
                "would undo, so the ProjectWorkspace component always uses SystemAssigned.",
            }
        },
        reads=["kind", "identity.type", "primaryUserAssignedIdentity"],
    ),
    resource_policy(
        "ws-cmk",
        "ML workspaces must encrypt with a customer-managed key (encryption.status Enabled). "
        "Customer-managed keys let the organisation revoke access to workspace data; "
        "encryption cannot be added later (built-in policy). Projects use their hub's key.",
        [ML_WORKSPACE],
        _cmk,
        level=ADVISORY,
        reads=["encryption.status"],
        exempt=PROJECTS,
    ),
    resource_policy(
        "ws-managed-network",
        "ML workspaces must use a managed virtual network with at least the configured "
        "isolation mode. Managed network isolation keeps computes off the internet without "
        "the team running its own VNet (built-in policy); modes only ever tighten, so a "
        "stricter mode passes. Projects inherit their hub's network.",
        [ML_WORKSPACE],
        _managed_network,
        level=MANDATORY,
        schema={
            "isolationMode": {
                "type": "string",
                "enum": ISOLATION_MODES,
                "default": "AllowOnlyApprovedOutbound",
                "description": "The least strict isolation mode allowed.",
            }
        },
        reads=["managedNetwork.isolationMode"],
        exempt=PROJECTS,
    ),
    stack_policy(
        "ws-private-endpoint",
        "Hub and default ML workspaces must have a private endpoint (group amlworkspace). "
        "Without one, a workspace with public access disabled is unreachable and one with "
        "public access enabled is exposed (built-in policy, CKV_AZURE_243). Projects share "
        "their hub's endpoint.",
        _private_endpoint_check,
        ADVISORY,
        schema={
            "groupId": {
                "type": "string",
                "default": "amlworkspace",
                "description": "Private link group the endpoint must use.",
            }
        },
        reads=[
            *reads(
                PRIVATE_ENDPOINT,
                "privateLinkServiceConnections",
                "manualPrivateLinkServiceConnections",
                "privateLinkServiceConnections[*].groupIds",
                "manualPrivateLinkServiceConnections[*].groupIds",
            ),
            *identity(ML_WORKSPACE, exempt=PROJECTS),
        ],
    ),
    resource_policy(
        "pe-same-subscription",
        "Private endpoints must target resources in their own subscription (or an allowed "
        "one). An endpoint into another subscription or tenant can exfiltrate data past the "
        "landing zone's boundaries (ALZ Audit-MachineLearning-PrivateEndpointId). The "
        "endpoint's subscription is read from its subnet id.",
        [PRIVATE_ENDPOINT],
        _pe_same_subscription,
        level=MANDATORY,
        schema={
            "allowedSubscriptionIds": string_list(
                "Subscriptions besides the endpoint's own that endpoints may target.", []
            )
        },
        reads=[
            "subnet.id",
            "privateLinkServiceConnections[*].privateLinkServiceId",
            "manualPrivateLinkServiceConnections[*].privateLinkServiceId",
        ],
    ),
    stack_policy(
        "ws-diagnostics",
        "ML workspaces must send their resource logs through a diagnostic setting. Central "
        "logs let operators analyse job health and resource status across landing zones "
        "(built-in 'resource logs should be enabled'; CAF data landing zone).",
        _diagnostics_check,
        ADVISORY,
        reads=[
            *reads(
                DIAGNOSTIC_SETTING,
                *_DESTINATIONS,
                "marketplacePartnerId",
                "resourceUri",
                "logs[*].enabled",
                "logs[*].category",
                "logs[*].categoryGroup",
            ),
            *reads(ML_WORKSPACE, "kind"),
            *identity(ML_WORKSPACE),
        ],
    ),
    stack_policy(
        "ws-hbi-storage-private",
        "High-business-impact ML workspaces must keep their data in a storage account without "
        "public network access. HBI data in a publicly reachable account defeats the "
        "workspace's isolation (checkov CKV2_AZURE_50); projects are checked against their "
        "hub's storage.",
        _hbi_storage_check,
        MANDATORY,
        reads=[
            *reads(ML_WORKSPACE, "kind", "hbiWorkspace", "hubResourceId", "storageAccount"),
            *reads(STORAGE_ACCOUNT, "publicNetworkAccess"),
            *identity(ML_WORKSPACE, STORAGE_ACCOUNT),
        ],
    ),
]
