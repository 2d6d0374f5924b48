"""Delete locks for production: Pulumi ``protect`` stops `pulumi destroy`, a CanNotDelete lock
stops everyone else (portal, CLI, other pipelines)."""

from __future__ import annotations

import pulumi
from pulumi_azure_native import authorization

from .interfaces import Lock


def resource_lock(
    prefix: str, scope: pulumi.Input[str], lock: Lock, parent: pulumi.Resource
) -> authorization.ManagementLockByScope:
    """``lock`` on ``scope`` (a resource's id), named ``<prefix>-lock`` in Pulumi."""
    return authorization.ManagementLockByScope(
        f"{prefix}-lock",
        lock_name=lock.name,
        scope=scope,
        level=lock.kind,
        notes=lock.notes,
        opts=pulumi.ResourceOptions(parent=parent),
    )
