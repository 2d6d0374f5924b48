"""How a hub's managed network reaches the estate's promotion registry.

"Network isolation with Azure Machine Learning registries": a secure workspace reaches a private
registry through private endpoints to the registry (``amlregistry``), to its storage account
(blob: data operations need it, MicrosoftDocs/azure-docs#121661) and to its container registry,
all three created by Azure in the registry's managed resource group. In a managed network those
are private-endpoint outbound rules ("Azure Machine Learning registries" are among the supported
targets), and the hub's identity approves their connections (Azure AI Enterprise Network
Connection Approver on each target, as for every private-endpoint rule).
https://learn.microsoft.com/azure/machine-learning/how-to-registry-network-isolation
https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#private-endpoints

Delete locks: the owner stack locks the registry (production), and a lock refuses deleting the
role assignments on it (ScopeLocked). Another environment's approver grant on the registry would
then stop that environment's teardown, so it is retained on delete (its deletion only drops it
from that stack's state) and named after the principal it grants to, so a re-created
environment's new identity gets its own assignment instead of colliding with the old one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import authorization, machinelearningservices

from ..blocks.identity import APPROVER_ROLE
from ..blocks.rbac import Grant, assign_roles, role_definition_id
from ..config.managed_network import REGISTRY_RULE_NAMES
from ..enums import PrincipalType
from ..roles import role_guid

_NAMESPACE = uuid.UUID("0b2f2c8e-6a51-4f1e-9d55-7c3a8e4b1d20")


@dataclass(frozen=True)
class RegistryAccess:
    """The registry and the storage account and container registry Azure created for it (its
    primary region's), and whether this stack owns (created, and locks) it."""

    registry_id: pulumi.Input[str]
    storage_account_id: pulumi.Input[str]
    container_registry_id: pulumi.Input[str]
    owner: str
    owned: bool

    def targets(self) -> list[tuple[str, pulumi.Input[str], str]]:
        """(rule name, target id, private-link subresource) of each rule."""
        registry, storage, acr = REGISTRY_RULE_NAMES
        return [
            (registry, self.registry_id, "amlregistry"),
            (storage, self.storage_account_id, "blob"),
            (acr, self.container_registry_id, "registry"),
        ]


def registry_rules(
    access: RegistryAccess,
) -> dict[str, machinelearningservices.PrivateEndpointOutboundRuleArgsDict]:
    """The managed network's private-endpoint rules to the registry and its resources."""
    return {
        name: {
            "type": "PrivateEndpoint",
            "category": "UserDefined",
            "destination": {
                "service_resource_id": target,
                "subresource_target": subresource,
                "spark_enabled": False,
            },
        }
        for name, target, subresource in access.targets()
    }


def approve_registry_rules(
    prefix: str,
    access: RegistryAccess,
    principal_id: pulumi.Input[str],
    principal_key: str,
    *,
    parent: pulumi.Resource,
) -> list[authorization.RoleAssignment]:
    """The approver role for the hub's identity on each rule's target: an ordinary grant on the
    registry's storage and container registry (nothing locks them) and on the owner's own
    registry; another environment's grant on the registry is retained and named per principal
    (module docstring)."""
    grant = Grant(principal_id, APPROVER_ROLE, PrincipalType.SERVICE_PRINCIPAL, principal_key)
    assignments: list[authorization.RoleAssignment] = []
    for name, target, _ in access.targets():
        if name == REGISTRY_RULE_NAMES[0] and not access.owned:
            assignments.append(_retained_grant(prefix, target, grant, parent))
        else:
            assignments += assign_roles(
                f"{prefix}-mlr", target, f"{access.owner}/{name}", [grant], parent=parent
            )
    return assignments


def _retained_grant(
    prefix: str, scope: pulumi.Input[str], grant: Grant, parent: pulumi.Resource
) -> authorization.RoleAssignment:
    """A grant on another stack's locked registry: kept in Azure when this stack deletes it,
    its Azure name derived from the principal's id (the Pulumi name from its stable key)."""
    key = uuid.uuid5(_NAMESPACE, f"{grant.key}|{role_guid(grant.role)}")
    name = pulumi.Output.from_input(grant.principal_id).apply(
        lambda principal: str(uuid.uuid5(_NAMESPACE, f"{principal}|{role_guid(grant.role)}"))
    )
    return authorization.RoleAssignment(
        f"{prefix}-mlr-ra-{str(key)[:8]}",
        role_assignment_name=name,
        scope=scope,
        principal_id=grant.principal_id,
        principal_type=grant.principal_type,
        role_definition_id=role_definition_id(scope, grant.role),
        opts=pulumi.ResourceOptions(parent=parent, retain_on_delete=True),
    )
