"""ARM's state in SQLite, shared by every provider process of a test.

Several processes (one per ``pulumi`` command, and the dev/test/prod stacks) open the same file:
WAL journaling plus a busy timeout let them take turns, and every operation runs in one
``BEGIN IMMEDIATE`` transaction so its rule checks and its write see the same state.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS resources (
    key TEXT PRIMARY KEY,          -- ARM id, lower-cased
    id TEXT NOT NULL,              -- ARM id as created
    token TEXT NOT NULL,           -- azure-native type token
    subscription TEXT NOT NULL,
    inputs TEXT NOT NULL,          -- the inputs of the last PUT (JSON)
    state TEXT NOT NULL,           -- what a GET returns, in azure-native's output shape (JSON)
    sim TEXT NOT NULL DEFAULT '{}' -- simulator-only facts (JSON)
);
CREATE TABLE IF NOT EXISTS deleted_vaults (
    name TEXT PRIMARY KEY,         -- vault name, lower-cased (vault names are global)
    id TEXT NOT NULL,
    subscription TEXT NOT NULL,
    location TEXT NOT NULL,
    deletion_date TEXT NOT NULL,
    scheduled_purge_date TEXT NOT NULL,
    purge_protection INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS deleted_workspaces (
    key TEXT PRIMARY KEY,          -- ARM id, lower-cased
    id TEXT NOT NULL,
    deletion_date TEXT NOT NULL,
    scheduled_purge_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS principals (
    object_id TEXT PRIMARY KEY,    -- lower-cased object id in the directory (Entra)
    kind TEXT NOT NULL,            -- User / Group / ServicePrincipal
    source TEXT NOT NULL           -- 'seed', or the ARM id of the identity that owns it
);
"""


@dataclass
class Record:
    id: str
    token: str
    subscription: str
    inputs: dict[str, Any]
    state: dict[str, Any]
    sim: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.id.lower()


class Tx:
    """One transaction's view of the database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, resource_id: str) -> Record | None:
        row = self.conn.execute(
            "SELECT id, token, subscription, inputs, state, sim FROM resources WHERE key = ?",
            (resource_id.lower().rstrip("/"),),
        ).fetchone()
        return _record(row) if row else None

    def exists(self, resource_id: str) -> bool:
        return self.get(resource_id) is not None

    def put(self, record: Record) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO resources VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                record.key,
                record.id,
                record.token,
                record.subscription,
                json.dumps(record.inputs),
                json.dumps(record.state),
                json.dumps(record.sim),
            ),
        )

    def delete(self, resource_id: str) -> None:
        self.conn.execute("DELETE FROM resources WHERE key = ?", (resource_id.lower(),))
        self.conn.execute("DELETE FROM principals WHERE source = ?", (resource_id.lower(),))

    def all(self, token: str | None = None) -> list[Record]:
        sql = "SELECT id, token, subscription, inputs, state, sim FROM resources"
        rows = (
            self.conn.execute(sql + " WHERE token = ?", (token,))
            if token
            else (self.conn.execute(sql))
        )
        return [_record(r) for r in rows.fetchall()]

    def under(self, scope: str) -> list[Record]:
        """Every resource whose id is ``scope`` or below it."""
        key = scope.lower().rstrip("/")
        rows = self.conn.execute(
            "SELECT id, token, subscription, inputs, state, sim FROM resources "
            "WHERE key = ? OR substr(key, 1, ?) = ?",
            (key, len(key) + 1, key + "/"),
        ).fetchall()
        return [_record(r) for r in rows]

    def subscriptions(self) -> set[str]:
        """Subscriptions the simulation covers: those with a resource group in it."""
        rows = self.conn.execute(
            "SELECT DISTINCT subscription FROM resources WHERE token = ?",
            ("azure-native:resources:ResourceGroup",),
        ).fetchall()
        return {r[0].lower() for r in rows}

    # Directory principals -------------------------------------------------------------------
    def add_principal(self, object_id: str, kind: str, source: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO principals VALUES (?, ?, ?)",
            (object_id.lower(), kind, source.lower()),
        )

    def principal_exists(self, object_id: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM principals WHERE object_id = ?", (object_id.lower(),)
        ).fetchone()
        return row is not None

    def principals(self) -> list[tuple[str, str, str]]:
        return [tuple(r) for r in self.conn.execute("SELECT * FROM principals").fetchall()]

    # Soft-deleted key vaults ------------------------------------------------------------------
    def deleted_vault(self, name: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT * FROM deleted_vaults WHERE name = ?", (name.lower(),)
        ).fetchone()
        cols = (
            "name",
            "id",
            "subscription",
            "location",
            "deletion_date",
            "scheduled_purge_date",
            "purge_protection",
        )
        return dict(zip(cols, row, strict=True)) if row else None

    def add_deleted_vault(self, values: dict[str, Any]) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO deleted_vaults VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                values["name"].lower(),
                values["id"],
                values["subscription"],
                values["location"],
                values["deletion_date"],
                values["scheduled_purge_date"],
                int(values["purge_protection"]),
            ),
        )

    def remove_deleted_vault(self, name: str) -> None:
        self.conn.execute("DELETE FROM deleted_vaults WHERE name = ?", (name.lower(),))

    def deleted_vaults(self) -> list[dict[str, Any]]:
        names = [r[0] for r in self.conn.execute("SELECT name FROM deleted_vaults").fetchall()]
        return [v for n in names if (v := self.deleted_vault(n))]

    # Soft-deleted ML workspaces ---------------------------------------------------------------
    def deleted_workspace(self, resource_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT id, deletion_date, scheduled_purge_date FROM deleted_workspaces WHERE key = ?",
            (resource_id.lower(),),
        ).fetchone()
        return (
            dict(zip(("id", "deletion_date", "scheduled_purge_date"), row, strict=True))
            if (row)
            else None
        )

    def add_deleted_workspace(self, resource_id: str, deleted: str, purge_after: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO deleted_workspaces VALUES (?, ?, ?, ?)",
            (resource_id.lower(), resource_id, deleted, purge_after),
        )

    def remove_deleted_workspace(self, resource_id: str) -> None:
        self.conn.execute("DELETE FROM deleted_workspaces WHERE key = ?", (resource_id.lower(),))

    def deleted_workspaces(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT id FROM deleted_workspaces").fetchall()
        return [w for (i,) in rows if (w := self.deleted_workspace(i))]


def _record(row: tuple[Any, ...]) -> Record:
    rid, token, sub, inputs, state, sim = row
    return Record(rid, token, sub, json.loads(inputs), json.loads(state), json.loads(sim))


class Store:
    """The database file; ``transaction()`` gives a fresh connection (one per thread and call)."""

    def __init__(self, path: str) -> None:
        self.path = path
        conn = sqlite3.connect(path, timeout=60, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout=60000")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
        finally:
            conn.close()

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA busy_timeout=60000")
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()
