"""Management locks (learn.microsoft.com/azure/azure-resource-manager/management/lock-resources).

A lock applies to its scope and everything below it, extension resources included (role
assignments, diagnostic settings: Azure/enterprise-azure-policy-as-code#933). CanNotDelete refuses
deletes; ReadOnly refuses deletes and writes. Deleting a resource also deletes what is nested
below it, so a lock below the deleted resource blocks it too. Managing the lock itself is allowed.
Wording (Azure/azure-cli#20232, Azure/Azure-Player azure.datafactory.devops#183):
``ScopeLocked: The scope '<id>' cannot perform delete operation because following scope(s) are
locked: '<lock scope>'. Please remove the lock and try again.``
"""

from __future__ import annotations

from ..arm_ids import is_under
from ..errors import ArmError
from ..values import known_text
from .base import Op

LOCK = "azure-native:authorization:ManagementLockByScope"


def _locks(op: Op) -> list[tuple[str, str]]:
    found = []
    for record in op.tx.all(LOCK):
        scope = known_text(record.inputs.get("scope"))
        if scope:
            found.append(("/" + scope.strip("/"), str(record.inputs.get("level", ""))))
    return found


def _refuse(op: Op, action: str, scopes: list[str]) -> None:
    if scopes:
        listed = ",".join(sorted(set(scopes)))
        raise ArmError(
            "ScopeLocked",
            f"The scope '{op.id}' cannot perform {action} operation because following "
            f"scope(s) are locked: '{listed}'. Please remove the lock and try again.",
            409,
        )


def before_delete(op: Op) -> None:
    if op.token == LOCK:
        return
    blocking = [
        scope for scope, _ in _locks(op) if is_under(op.id, scope) or is_under(scope, op.id)
    ]
    _refuse(op, "delete", blocking)


def before_write(op: Op) -> None:
    if op.token == LOCK:
        return
    read_only = [
        scope for scope, level in _locks(op) if level == "ReadOnly" and is_under(op.id, scope)
    ]
    _refuse(op, "write", read_only)
