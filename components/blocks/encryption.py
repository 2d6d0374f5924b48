"""Customer-managed keys (Azure ML "Use customer-managed keys with Azure Machine Learning").

The key is RSA 3072 (the docs recommend at least 3072) in a vault with soft delete and purge
protection. Two principals need it before the workspace exists, both as "Key Vault Crypto Service
Encryption User" (get, wrap key, unwrap key: the RBAC form of the access policy the docs give):

* the workspace's user-assigned identity, which the workspace names in ``encryption.identity``;
* the "Azure Cosmos DB" first-party service principal, which encrypts the service's metadata
  store. Its application id is global but its object id differs per tenant, so the object id
  comes from config.

Role assignments need a vault with the RBAC permission model (the hub's vault has it; an existing
vault given by id must have it too).

Rotation (decided, see :func:`workspace_key_identifier`): Key Vault rotates the key, the
workspace follows one reviewed ``pulumi up`` later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

import pulumi
from pulumi_azure_native import authorization, keyvault, machinelearningservices

from ..enums import PrincipalType
from ..resource_types import KEY_VAULT_KEY
from .lifecycle import registered_lifecycle
from .rbac import Grant, assign_roles

if TYPE_CHECKING:
    from ..config.encryption import EncryptionSettings

KEY_SIZE = 3072
# Key Vault recommends rotating encryption keys at least every two years: each version lives two
# years, a new one is made after 18 months, and the key's readers are told 30 days before expiry.
# https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation
ROTATION_POLICY: keyvault.RotationPolicyArgsDict = {
    "attributes": {"expiry_time": "P2Y"},
    "lifetime_actions": [
        keyvault.LifetimeActionArgsDict(
            action={"type": keyvault.KeyRotationPolicyActionType.ROTATE},
            trigger={"time_after_create": "P18M"},
        ),
        keyvault.LifetimeActionArgsDict(
            action={"type": keyvault.KeyRotationPolicyActionType.NOTIFY},
            trigger={"time_before_expiry": "P30D"},
        ),
    ],
}
KEY_OPERATIONS = ("wrapKey", "unwrapKey", "encrypt", "decrypt")
ENCRYPTION_ROLE = "Key Vault Crypto Service Encryption User"


@dataclass(frozen=True)
class KeyVaultRef:
    """Where the key lives: ``scope_key`` is a plain stand-in for ``vault_id`` (names)."""

    vault_id: pulumi.Input[str]
    scope_key: str
    vault_name: pulumi.Input[str] | None = None
    resource_group_name: pulumi.Input[str] | None = None


@dataclass(frozen=True)
class CustomerManagedKey:
    key_vault_id: pulumi.Input[str]
    key_identifier: pulumi.Input[str]
    key: keyvault.Key | None
    assignments: list[authorization.RoleAssignment]


def customer_managed_key(
    prefix: str,
    vault: KeyVaultRef,
    *,
    identity_principal_id: pulumi.Input[str],
    identity_key: str,
    cosmos_db_principal_id: str,
    parent: pulumi.Resource,
    key_name: str | None = None,
    key_uri: pulumi.Input[str] | None = None,
    key_expires_on: date | None = None,
    protect: bool = False,
) -> CustomerManagedKey:
    """Create ``key_name`` in the vault (or use ``key_uri``) and grant both principals access."""
    key = None
    if key_uri is None:
        if key_name is None or vault.vault_name is None or vault.resource_group_name is None:
            raise ValueError("a key to create needs key_name, vault_name and resource_group_name")
        key = keyvault.Key(
            f"{prefix}-cmk",
            key_name=key_name,
            vault_name=vault.vault_name,
            resource_group_name=vault.resource_group_name,
            properties=_key_properties(key_expires_on),
            # the attributes are each version's own; rotations make new ones
            opts=registered_lifecycle(
                pulumi.ResourceOptions(parent=parent, protect=protect), KEY_VAULT_KEY
            ),
        )
        key_uri = workspace_key_identifier(key)
    grants = [
        Grant(
            identity_principal_id,
            ENCRYPTION_ROLE,
            PrincipalType.SERVICE_PRINCIPAL,
            principal_key=identity_key,
        ),
        # the service principal's object id is config (a string), so it is its own key
        Grant(cosmos_db_principal_id, ENCRYPTION_ROLE, PrincipalType.SERVICE_PRINCIPAL),
    ]
    assignments = assign_roles(
        f"{prefix}-cmk", vault.vault_id, vault.scope_key, grants, parent=parent
    )
    return CustomerManagedKey(vault.vault_id, key_uri, key, assignments)


def workspace_key_identifier(key: keyvault.Key) -> pulumi.Output[str]:
    """The key the workspace encrypts with: the key's current version, so the workspace follows
    rotations, one reviewed ``pulumi up`` behind.

    Azure ML takes a versioned key id and documents no automatic rotation; after creation it
    can move to another key or version in the same vault (the vault itself is fixed:
    a workspace's registered lifecycle). Key Vault makes the new versions (the rotation
    policy below, by hand, or Azure Policy); the ``keyvault.Key`` resource leaves them to it
    (its registered lifecycle). After a rotation, ``pulumi refresh`` reads the new
    ``keyUriWithVersion`` and the next preview shows ``encryption.keyVaultProperties
    .keyIdentifier`` moving to it: an in-place update of the workspace, reviewed like any other,
    to apply before the old version expires (six months after the rotation with this policy).
    A versionless id would follow silently, but Azure ML does not document it."""
    return key.key_uri_with_version


def _key_properties(expires_on: date | None) -> keyvault.KeyPropertiesArgsDict:
    """RSA 3072 with the rotation policy; the first version expires on ``expires_on`` (a date
    from config, so every run sends the same value)."""
    properties: keyvault.KeyPropertiesArgsDict = {
        "kty": "RSA",
        "key_size": KEY_SIZE,
        "key_ops": list(KEY_OPERATIONS),
        "rotation_policy": ROTATION_POLICY,
    }
    if expires_on is not None:
        moment = datetime.combine(expires_on, time(), tzinfo=UTC)
        properties["attributes"] = {"expires": int(moment.timestamp())}
    return properties


def workspace_encryption(
    cmk: CustomerManagedKey, identity_id: pulumi.Input[str]
) -> machinelearningservices.EncryptionPropertyArgsDict:
    """The workspace's ``encryption`` block: the key, and the identity that unwraps it."""
    return {
        "status": "Enabled",
        "key_vault_properties": {
            "key_vault_arm_id": cmk.key_vault_id,
            "key_identifier": cmk.key_identifier,
        },
        "identity": {"user_assigned_identity": identity_id},
    }


def configured_key(
    prefix: str,
    settings: EncryptionSettings,
    *,
    vault: keyvault.Vault,
    vault_key: str,
    resource_group_name: pulumi.Input[str],
    identity_principal_id: pulumi.Input[str],
    identity_key: str,
    parent: pulumi.Resource,
    protect: bool = False,
) -> CustomerManagedKey:
    """The key ``settings`` ask for: created in the workspace's own ``vault`` (``vault_key``
    names it), or the one in ``settings.key_vault_id`` given by ``key_uri``. Config has checked
    the Cosmos DB principal is there."""
    assert settings.cosmos_db_principal_id is not None
    external = settings.key_vault_id
    if external is not None:
        ref = KeyVaultRef(external, external)
    else:
        ref = KeyVaultRef(vault.id, vault_key, vault.name, resource_group_name)
    return customer_managed_key(
        prefix,
        ref,
        identity_principal_id=identity_principal_id,
        identity_key=identity_key,
        cosmos_db_principal_id=settings.cosmos_db_principal_id,
        parent=parent,
        key_name=settings.effective_key_name if external is None else None,
        key_uri=settings.key_uri if external is not None else None,
        key_expires_on=settings.key_expires_on,
        protect=protect,
    )
