"""Which deletions a delete lock refuses, read from a plan document.

A CanNotDelete (or ReadOnly) lock on a scope refuses deleting the resource, everything under it
(a workspace's computes and datastores) and the role assignments on it ("ScopeLocked": "The scope
... cannot perform delete operation because following scope(s) are locked", MicrosoftDocs/
azure-docs#110791; https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources).
Pulumi deletes after it has created and updated everything, so a lock the new plan keeps (or
adds) is in force when the deletions run; a lock the new plan drops is deleted first, as it
depends on its resource."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aml_landing_zone.arm import subscription_of
from aml_landing_zone.offline.mocks import arm_id
from aml_landing_zone.resource_types import MANAGEMENT_LOCK as LOCK_TYPE

BLOCKING_LEVELS = ("CanNotDelete", "ReadOnly")


@dataclass(frozen=True)
class Lock:
    """A lock in the plan: its Pulumi name and the scope it covers (an ARM id)."""

    name: str
    scope: str

    def covers(self, resource_id: str) -> bool:
        scope, target = self.scope.rstrip("/").lower(), resource_id.rstrip("/").lower()
        return target == scope or target.startswith(scope + "/")


def plan_locks(plan: Mapping[str, Any]) -> list[Lock]:
    """Every delete lock of the plan whose scope is known."""
    locks = []
    for resource in plan.get("resources", []):
        inputs = resource.get("inputs") or {}
        scope, level = inputs.get("scope"), inputs.get("level")
        if (
            resource.get("type") == LOCK_TYPE
            and level in BLOCKING_LEVELS
            and isinstance(scope, str)
            and scope.startswith("/subscriptions/")
        ):
            locks.append(Lock(resource["name"], scope))
    return locks


def resource_id(resource: Mapping[str, Any], subscription_id: str) -> str | None:
    """The ARM id the resource has (as the offline engine names it), None for what has none."""
    if not resource.get("custom") or not str(resource.get("type", "")).startswith("azure-native:"):
        return None
    return arm_id(resource["type"], resource["name"], resource.get("inputs") or {}, subscription_id)


def blocking_lock(resource: Mapping[str, Any], locks: list[Lock]) -> Lock | None:
    """The lock that refuses deleting ``resource`` (a plan entry), if any; a lock never blocks
    its own deletion, nor that of a resource Pulumi retains (``retainOnDelete``)."""
    if resource.get("type") == LOCK_TYPE or resource.get("retainOnDelete"):
        return None  # a retained resource's deletion only drops it from the state
    for lock in locks:
        subscription = subscription_of(lock.scope) or ""
        target = resource_id(resource, subscription)
        if target is not None and lock.covers(target):
            return lock
    return None
