"""Every Azure Machine Learning workspace, of any kind, goes through this module: the identity it
is created with (a user-assigned identity granted its roles and key before the workspace, and the
wait for those grants), and the workspace itself with the lifecycle options of its kind. The hub,
a data product's Default workspace and a project differ only in the properties they pass, so what
Azure owns after creation (``ignoreChanges``) and what is fixed at creation
(``replaceOnChanges``) cannot drift between them again (``lifecycle.workspace_lifecycle``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pulumi
from pulumi_azure_native import authorization, machinelearningservices, managedidentity

from ..config.managed_network import private_endpoint_rule_targets
from .encryption import configured_key, workspace_encryption
from .identity import APPROVER_ROLE, RoleScope, grant_identity
from .lifecycle import WorkspaceKind, lifecycle, workspace_lifecycle
from .managed_network import managed_network_settings
from .rbac import wait_for_propagation
from .workspace import AssociatedResources

if TYPE_CHECKING:
    from ..config.encryption import EncryptionSettings
    from ..config.managed_network import ManagedNetworkSettings


@dataclass(frozen=True)
class GrantedIdentity:
    """A user-assigned workspace identity once it holds its roles (and its key): ``encryption``
    is the workspace's encryption block, ``before`` what the workspace waits for."""

    identity: managedidentity.UserAssignedIdentity
    encryption: machinelearningservices.EncryptionPropertyArgsDict | None
    before: list[pulumi.Resource]


def outbound_rule_scopes(network: ManagedNetworkSettings) -> list[RoleScope]:
    """The approver role on each private-endpoint outbound rule's target: a workspace identity
    approves the endpoints of its managed network ("Private endpoint approval",
    https://learn.microsoft.com/azure/machine-learning/how-to-managed-network)."""
    targets = sorted(set(private_endpoint_rule_targets(network).values()))
    return [RoleScope(target, target, (APPROVER_ROLE,)) for target in targets]


def grant_workspace_identity(
    prefix: str,
    identity: managedidentity.UserAssignedIdentity,
    identity_key: str,
    *,
    associated: AssociatedResources,
    network: ManagedNetworkSettings,
    encryption: EncryptionSettings | None,
    rbac_wait: str,
    parent: pulumi.Resource,
    protect: bool,
    also_wait_for: Sequence[authorization.RoleAssignment] = (),
) -> GrantedIdentity:
    """A hub's or Default workspace's user-assigned identity, ready BEFORE the workspace (the
    service checks it at creation): its documented roles on the associated resources, the
    approver role on its ``network``'s outbound-rule targets and, with ``encryption``, the
    customer-managed key it unwraps (created in the associated vault unless the settings name
    another), then a pause for the grants to propagate (``also_wait_for``: grants made
    elsewhere that the workspace needs too). Pulumi names: ``<prefix>-id-ra-*`` for the roles,
    ``<prefix>`` for the key and the wait."""
    scopes = associated.identity_scopes() + outbound_rule_scopes(network)
    grants = grant_identity(f"{prefix}-id", identity, identity_key, scopes, parent=parent)
    grants += also_wait_for
    workspace_key = None
    if encryption is not None:
        cmk = configured_key(
            prefix,
            encryption,
            vault=associated.vault,
            vault_key=associated.ctx.names.key_vault(),
            resource_group_name=associated.ctx.resource_group_name,
            identity_principal_id=identity.principal_id,
            identity_key=identity_key,
            parent=parent,
            protect=protect,
        )
        grants += cmk.assignments
        workspace_key = workspace_encryption(cmk, identity.id)
    wait = wait_for_propagation(
        prefix, grants, rbac_wait, parent, triggers={"principalId": identity.principal_id}
    )
    return GrantedIdentity(identity, workspace_key, wait)


def workspace_identity(
    identity_id: pulumi.Input[str] | None,
) -> machinelearningservices.ManagedServiceIdentityArgsDict:
    """The workspace's ``identity``: the user-assigned one when given (v3 takes a list of ids)."""
    if identity_id is None:
        return {"type": "SystemAssigned"}
    return {"type": "UserAssigned", "user_assigned_identities": [identity_id]}


def ml_workspace(
    resource_name: str,
    kind: WorkspaceKind,
    *,
    parent: pulumi.Resource,
    protect: bool,
    identity_id: pulumi.Input[str] | None,
    network: ManagedNetworkSettings | None = None,
    extra_rules: Mapping[str, Any] | None = None,
    depends_on: Sequence[pulumi.Resource] = (),
    **properties: Any,
) -> machinelearningservices.Workspace:
    """The workspace of ``kind`` with ``properties`` (``Workspace`` keyword arguments), its
    identity block, and for a hub or Default workspace its managed ``network`` (a project has
    its hub's) with ``extra_rules`` beside the configured ones (none without a managed
    network). The options are the kind's (``workspace_lifecycle``)."""
    extra = dict(extra_rules or {})
    if kind != "Project":
        assert network is not None, f"a {kind} workspace states its managed network"
        if network.isolation_mode == "Disabled":
            extra = {}
        properties["managed_network"] = managed_network_settings(network, extra)
        properties["provision_network_now"] = network.provision_network_now
    ignore_changes, replace_on_changes = workspace_lifecycle(kind, network, extra)
    return machinelearningservices.Workspace(
        resource_name,
        kind=kind,
        identity=workspace_identity(identity_id),
        primary_user_assigned_identity=identity_id,
        **properties,
        opts=lifecycle(
            pulumi.ResourceOptions(parent=parent, protect=protect, depends_on=list(depends_on)),
            ignore_changes=ignore_changes,
            replace_on_changes=replace_on_changes,
        ),
    )
