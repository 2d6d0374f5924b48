"""Delete locks for production: Pulumi ``protect`` stops `pulumi destroy`, a CanNotDelete lock
stops everyone else (portal, CLI, other pipelines)."""

from __future__ import annotations

import pulumi
from pulumi_azure_native import authorization


def lock_against_delete(
    prefix: str, scope: pulumi.Input[str], parent: pulumi.Resource
) -> authorization.ManagementLockByScope:
    return authorization.ManagementLockByScope(
        f"{prefix}-lock",
        lock_name="do-not-delete",
        scope=scope,
        level="CanNotDelete",
        notes="Managed by the Azure ML landing zone (Pulumi). Remove protect in config first.",
        opts=pulumi.ResourceOptions(parent=parent),
    )
