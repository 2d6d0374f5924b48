"""A small API for test harnesses: what exists outside the stacks, and what is left after them.

    from simulated_azure.seed import SimulatedAzure
    azure = SimulatedAzure(db_path)                      # or $AMLLZ_SIM_AZURE_DB
    azure.add_principals(["<group object id>"], kind="Group")
    rg = azure.add_resource("azure-native:resources:ResourceGroup",
                            {"resourceGroupName": "rg-hub", "location": "westeurope"})
    azure.add_resource("azure-native:network:VirtualNetwork", {...}, subscription="<sub>")
    azure.resources()                                    # [(id, token)] that exist
    azure.deleted_vaults(); azure.purge_vault("kv-name") # refused under purge protection

Seeded resources go through the same rules as a stack's (their group must exist first).
"""

from __future__ import annotations

from typing import Any

from . import config
from .operations import Simulator
from .rules import key_vault
from .state import Store


class SimulatedAzure:
    def __init__(self, db_path: str | None = None, subscription: str | None = None) -> None:
        self.store = Store(db_path or config.db_path())
        self.subscription = subscription or config.default_subscription()

    def _sim(self, subscription: str | None) -> Simulator:
        return Simulator(self.store, subscription or self.subscription)

    def add_principals(self, object_ids: list[str], kind: str = "User") -> None:
        """Object ids that exist in the directory (users, groups, service principals)."""
        with self.store.transaction() as tx:
            for oid in object_ids:
                tx.add_principal(oid, kind, "seed")

    def add_resource(
        self, token: str, inputs: dict[str, Any], subscription: str | None = None
    ) -> str:
        """Create a resource outside any stack; returns its ARM id."""
        sim = self._sim(subscription)
        checked, failures = sim.check(token, f"urn:pulumi:seed::seed::{token}::seed", {}, inputs)
        if failures:
            raise ValueError("; ".join(failures))
        rid, _ = sim.create(token, checked)
        return rid

    def delete_resource(self, resource_id: str) -> None:
        """Delete as ARM would (locks apply; vaults and workspaces are soft-deleted)."""
        with self.store.transaction() as tx:
            record = tx.get(resource_id)
        if record is not None:
            self._sim(record.subscription).delete(record.token, record.id)

    def get(self, resource_id: str) -> dict[str, Any] | None:
        found = self._sim(None).read(resource_id, None, {})
        return found[1] if found else None

    def resources(self) -> list[tuple[str, str]]:
        with self.store.transaction() as tx:
            return sorted((r.id, r.token) for r in tx.all())

    def principals(self) -> list[tuple[str, str, str]]:
        with self.store.transaction() as tx:
            return tx.principals()

    def deleted_vaults(self) -> list[dict[str, Any]]:
        with self.store.transaction() as tx:
            key_vault.expire(tx, config.now())
            return tx.deleted_vaults()

    def purge_vault(self, name: str) -> None:
        """Purge a soft-deleted vault; ArmError InvalidOperation under purge protection."""
        with self.store.transaction() as tx:
            key_vault.purge(tx, name)

    def deleted_workspaces(self) -> list[dict[str, Any]]:
        with self.store.transaction() as tx:
            return tx.deleted_workspaces()

    def purge_workspace(self, resource_id: str) -> None:
        """Permanently delete a soft-deleted ML workspace (``forceToPurge=true``)."""
        with self.store.transaction() as tx:
            tx.remove_deleted_workspace(resource_id)
