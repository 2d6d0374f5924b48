"""Key Vault soft delete and purge protection
(learn.microsoft.com/azure/key-vault/general/soft-delete-overview).

- A deleted vault keeps its name until purged or until its retention (7-90 days, 90 by default)
  passes; creating a vault of that name meanwhile fails (rules/uniqueness.py).
- ``enablePurgeProtection: false`` sent explicitly is refused: ``BadRequest: The property
  "enablePurgeProtection" cannot be set to false. Enabling the purge protection for a vault is an
  irreversible action.`` (Azure/azure-cli#28732, Azure/azure-rest-api-specs#18106).
- "Once set, the retention policy interval cannot be changed" (soft-delete-overview;
  MicrosoftDocs/azure-docs#110047). Azure's wording for the refusal was not found: the simulator
  words it itself, with code BadRequest.
- Purging under purge protection: ``InvalidOperation: Operation 'DeletedVaultPurge' is not
  allowed.`` (Azure/azure-sdk-tools#9329, MicrosoftDocs/azure-docs#55427).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..arm_ids import resource_name
from ..config import rfc3339
from ..errors import ArmError
from ..state import Record, Tx
from .base import Op

VAULT = "azure-native:keyvault:Vault"
_PURGE_FALSE = ArmError(
    "BadRequest",
    'The property "enablePurgeProtection" cannot be set to false. Enabling '
    "the purge protection for a vault is an irreversible action.",
    400,
)


def _props(inputs: dict[str, Any]) -> dict[str, Any]:
    props = inputs.get("properties")
    return props if isinstance(props, dict) else {}


def _retention(inputs: dict[str, Any]) -> int:
    value = _props(inputs).get("softDeleteRetentionInDays", 90)
    return int(value) if isinstance(value, int | float) else 90


def before_create(op: Op) -> None:
    if op.token != VAULT:
        return
    props = _props(op.inputs)
    if props.get("enablePurgeProtection") is False:
        raise _PURGE_FALSE
    days = props.get("softDeleteRetentionInDays")
    if isinstance(days, int | float) and not 7 <= days <= 90:
        raise ArmError(
            "BadRequest",
            f'The property "softDeleteRetentionInDays" is {days}: it must be between '
            "7 and 90 days.",
            400,
        )


def before_update(op: Op) -> None:
    if op.token != VAULT or op.old is None:
        return
    old, new = _props(op.old.inputs), _props(op.inputs)
    if new.get("enablePurgeProtection") is False:
        raise _PURGE_FALSE
    if _retention(op.old.inputs) != _retention(op.inputs) and (
        "softDeleteRetentionInDays" in old or "softDeleteRetentionInDays" in new
    ):
        raise ArmError(
            "BadRequest",
            'The property "softDeleteRetentionInDays" cannot be changed once the vault '
            f"is created (it is {_retention(op.old.inputs)} days).",
            400,
        )


def soft_delete(tx: Tx, record: Record, now: dt.datetime) -> None:
    days = _retention(record.inputs)
    tx.add_deleted_vault(
        {
            "name": resource_name(record.id),
            "id": record.id,
            "subscription": record.subscription,
            "location": str(record.inputs.get("location", "")),
            "deletion_date": rfc3339(now),
            "scheduled_purge_date": rfc3339(now + dt.timedelta(days=days)),
            "purge_protection": bool(_props(record.inputs).get("enablePurgeProtection")),
        }
    )


def expire(tx: Tx, now: dt.datetime) -> None:
    """Azure purges a deleted vault by itself once its retention has passed."""
    for vault in tx.deleted_vaults():
        if vault["scheduled_purge_date"] <= rfc3339(now):
            tx.remove_deleted_vault(vault["name"])


def purge(tx: Tx, name: str) -> None:
    vault = tx.deleted_vault(name)
    if vault is None:
        raise ArmError("ResourceNotFound", f"The deleted vault '{name}' was not found.", 404)
    if vault["purge_protection"]:
        raise ArmError("InvalidOperation", "Operation 'DeletedVaultPurge' is not allowed.", 400)
    tx.remove_deleted_vault(name)
