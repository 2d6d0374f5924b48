"""The ARM rules that decide whether a deployment succeeds, one family per module.

Each rule raises ``errors.ArmError`` with Azure's code and wording; none runs on an unknown value
(the engine never calls Create/Update during preview, since Configure answers
``supportsPreview=False``, so every value here is known).
"""

from __future__ import annotations

from ..state import Record
from . import (
    budgets,
    create_only,
    existence,
    key_vault,
    locks,
    ml_workspace,
    private_dns,
    role_assignments,
    uniqueness,
)
from .base import Op

__all__ = ["Op", "after_write", "before_create", "before_delete", "before_update"]


def before_create(op: Op) -> None:
    uniqueness.check_can_create(op)  # azure-native reads the id before its PUT
    existence.check_parent(op)
    locks.before_write(op)
    uniqueness.check_global_name(op)
    key_vault.before_create(op)
    ml_workspace.before_create(op)
    existence.check_references(op)
    role_assignments.before_create(op)
    budgets.before_create(op)
    private_dns.before_create(op)


def before_update(op: Op) -> None:
    locks.before_write(op)
    existence.before_update(op)
    role_assignments.before_update(op)
    key_vault.before_update(op)
    ml_workspace.before_update(op)
    budgets.before_update(op)
    create_only.before_update(op)


def before_delete(op: Op) -> None:
    locks.before_delete(op)


def after_write(op: Op, record: Record) -> None:
    ml_workspace.after_write(op, record)
