"""One resource per id, and names Azure makes unique across every subscription.

- azure-native reads the id before its PUT and refuses to create over an existing resource:
  ``cannot create already existing resource '<id>'`` (provider/pkg/azure/client_azcore.go
  CanCreate; provider.go customCreate); a singleton child that already left its default state
  (blob/file service properties) gives ``cannot create already existing subresource '<id>'``.
- Storage accounts (learn.microsoft.com/azure/azure-resource-manager/troubleshooting/
  error-storage-account-name): ``StorageAccountAlreadyTaken: The storage account named <name> is
  already taken.`` or, in the same subscription, ``StorageAccountInAnotherResourceGroup: The
  account <name> is already in another resource group in this subscription.``
- Key vaults: ``VaultAlreadyExists: The vault name '<name>' is already in use. ...`` (quoted in
  Azure/azure-powershell#15115, Esri/arcgis-gitops#174); a soft-deleted vault of that name in the
  subscription: ``ConflictError: A vault with the same name already exists in deleted state. ...``
  (Azure/azure-cli#29115).
- Container registries: ``AlreadyInUse: The registry DNS name <name>.azurecr.io is already in
  use. ...`` (MicrosoftDocs/azure-dev-docs#1303).
- Azure ML registries: names are unique within the Microsoft Entra tenant
  (learn.microsoft.com/azure/machine-learning/how-to-manage-registries; MicrosoftDocs/azure-docs
  #105549). Azure's wording was not found: the message below is the simulator's.
"""

from __future__ import annotations

from ..arm_ids import resource_name, subscription_of
from ..errors import ArmError, ProviderError
from .base import Op

_SINGLETONS = {"storage:BlobServiceProperties", "storage:FileServiceProperties"}


def check_can_create(op: Op) -> None:
    if op.tx.get(op.id) is None:
        return
    if op.short in _SINGLETONS:
        raise ProviderError(f"cannot create already existing subresource '{op.id}'")
    raise ProviderError(f"cannot create already existing resource '{op.id}'")


def _same_name(op: Op) -> list[str]:
    name = resource_name(op.id).lower()
    return [r.id for r in op.tx.all(op.token) if resource_name(r.id).lower() == name]


def _storage(op: Op, others: list[str]) -> None:
    name = resource_name(op.id)
    if any((subscription_of(o) or "").lower() == op.subscription.lower() for o in others):
        raise ArmError(
            "StorageAccountInAnotherResourceGroup",
            f"The account {name} is already in another resource group in this subscription.",
            409,
        )
    raise ArmError(
        "StorageAccountAlreadyTaken", f"The storage account named {name} is already taken.", 409
    )


def _vault_in_use(name: str) -> ArmError:
    return ArmError(
        "VaultAlreadyExists",
        f"The vault name '{name}' is already in use. Vault names are globally unique so it is "
        "possible that the name is already taken. If you are sure that the vault name was not "
        "taken then it is possible that a vault with the same name was recently deleted but not "
        "purged after being placed in a recoverable state. If the vault is in a recoverable "
        "state then the vault will need to be purged before reusing the name. For more "
        "information about VaultAlreadyExists, soft delete and purging a vault follow this link "
        "https://go.microsoft.com/fwlink/?linkid=2147740.",
        409,
    )


def _vault(op: Op, others: list[str]) -> None:
    name = resource_name(op.id)
    if others:
        raise _vault_in_use(name)
    deleted = op.tx.deleted_vault(name)
    if deleted is None:
        return
    if deleted["subscription"].lower() != op.subscription.lower():
        raise _vault_in_use(name)
    raise ArmError(
        "ConflictError",
        "A vault with the same name already exists in deleted state. You need to "
        "either recover or purge existing key vault. Follow this link "
        "https://go.microsoft.com/fwlink/?linkid=2149745 for more information on soft "
        "delete.",
        409,
    )


def check_global_name(op: Op) -> None:
    kind = op.arm.global_name
    if kind is None:
        return
    others = [o for o in _same_name(op) if o.lower() != op.id.lower()]
    name = resource_name(op.id)
    if kind == "vault":
        _vault(op, others)
    elif not others:
        return
    elif kind == "storage":
        _storage(op, others)
    elif kind == "acr":
        raise ArmError(
            "AlreadyInUse",
            f"The registry DNS name {name.lower()}.azurecr.io is already in use. You "
            "can check if the name is already claimed using following API: "
            "https://docs.microsoft.com/en-us/rest/api/containerregistry/registries/"
            "checknameavailability",
            409,
        )
    elif kind == "mlregistry":
        raise ArmError(
            "RegistryNameNotAvailable",
            f"The registry name '{name}' is already in use in this tenant. Registry "
            "names are unique within a Microsoft Entra tenant.",
            409,
        )


def before_create(op: Op) -> None:
    check_can_create(op)
    check_global_name(op)
