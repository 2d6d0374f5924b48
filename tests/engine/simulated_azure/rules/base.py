"""What every rule sees: the transaction, the resource and who asks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..arm_ids import ArmType
from ..state import Record, Tx


@dataclass
class Op:
    tx: Tx
    token: str
    arm: ArmType
    id: str
    inputs: dict[str, Any]  # the new inputs (create/update) or the stored ones (delete)
    subscription: str
    tenant: str
    now: dt.datetime
    old: Record | None = None  # the stored resource (update/delete)
    home: str = ""  # the provider's configured subscription

    @property
    def short(self) -> str:
        """``storage:StorageAccount`` for ``azure-native:storage:StorageAccount``."""
        return self.token.split(":", 1)[-1]
