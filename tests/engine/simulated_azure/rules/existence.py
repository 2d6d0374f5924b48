"""A resource needs its parent scope, and every resource its inputs point at, to exist.

- Missing resource group: ``ResourceGroupNotFound: Resource group '<name>' could not be found.``
  (learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-not-found).
- Missing parent of a nested resource: ``ParentResourceNotFound: Can not perform requested
  operation on nested resource. Parent resource '<name>' not found.`` (same page;
  Azure/reliable-web-app-pattern-dotnet#248 quotes it).
- Missing resource (an extension scope, or a referenced id): ``ResourceNotFound: The Resource
  '<type>/<name>' under resource group '<rg>' was not found. For more details please go to
  https://aka.ms/ARMResourceNotFoundFix`` (error-not-found).
- Microsoft.Network words a missing reference as ``InvalidResourceReference: Resource <ref>
  referenced by resource <id> was not found. Please make sure that the referenced resource
  exists, and that both resources are in the same region.`` (quoted in Azure/azure-cli#13614,
  MicrosoftDocs/azure-docs#81734).

A scope or reference is only checked when it lies in a simulated subscription (one the database
holds a resource group of, or the provider's own): anything else is outside the simulation, so a
harness seeds what a test needs from other subscriptions (``seed.SimulatedAzure``).
"""

from __future__ import annotations

from ..arm_ids import (
    arm_type_of,
    extension_scope,
    parent_id,
    resource_group_of,
    resource_name,
    subscription_of,
)
from ..errors import ArmError
from ..state import Tx
from ..values import known_text, values_at
from .base import Op

# Singleton children that exist as soon as their account does (Storage: Blob Services - Get).
_IMPLICIT = (
    "/blobservices/default",
    "/fileservices/default",
    "/queueservices/default",
    "/tableservices/default",
)


def exists(tx: Tx, resource_id: str) -> bool:
    rid = resource_id.rstrip("/")
    parts = rid.strip("/").split("/")
    if len(parts) == 2 and parts[0].lower() == "subscriptions":
        return True
    for suffix in _IMPLICIT:
        if rid.lower().endswith(suffix):
            return tx.exists(rid[: -len(suffix)])
    return tx.exists(rid)


def _typed_path(resource_id: str) -> str:
    """``Microsoft.Storage/storageAccounts/st/blobServices/default``: ARM's way to name it."""
    parts = resource_id.strip("/").split("/")
    if "providers" not in parts:
        return arm_type_of(resource_id) + "/" + resource_name(resource_id)
    at = len(parts) - 1 - parts[::-1].index("providers")
    return "/".join(parts[at + 1 :])


def not_found(resource_id: str) -> ArmError:
    rg = resource_group_of(resource_id)
    if rg and rg.lower() == resource_id.lower().rstrip("/"):
        return ArmError(
            "ResourceGroupNotFound",
            f"Resource group '{resource_name(resource_id)}' could not be found.",
            404,
        )
    return ArmError(
        "ResourceNotFound",
        f"The Resource '{_typed_path(resource_id)}' under resource "
        f"group '{resource_name(rg or '')}' was not found. For more details please go to "
        "https://aka.ms/ARMResourceNotFoundFix",
        404,
    )


def check_parent(op: Op) -> None:
    scope = extension_scope(op.arm, op.inputs)
    if scope is not None:
        if _simulated(op, scope) and not exists(op.tx, scope):
            raise not_found(scope)
        return
    parent = parent_id(op.arm, op.id)
    rg = resource_group_of(op.id)
    if rg and rg.lower() != op.id.lower() and not op.tx.exists(rg):
        raise not_found(rg)
    if parent and parent.lower() != (rg or "").lower() and not exists(op.tx, parent):
        raise ArmError(
            "ParentResourceNotFound",
            "Can not perform requested operation on nested resource. Parent resource "
            f"'{resource_name(parent)}' not found.",
            404,
        )


def _datastore_account(op: Op) -> str | None:
    props = op.inputs.get("properties") or {}
    account, group, sub = (
        known_text(props.get(k)) for k in ("accountName", "resourceGroup", "subscriptionId")
    )
    if not (account and group and sub):
        return None
    return (
        f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.Storage/"
        f"storageAccounts/{account}"
    )


def references(op: Op) -> list[str]:
    refs = [v for path in op.arm.refs for v in values_at(op.inputs, path)]
    if op.short == "machinelearningservices:Datastore":
        refs.append(_datastore_account(op))
    return [r for r in refs if known_text(r) and str(r).startswith("/subscriptions/")]


def _simulated(op: Op, resource_id: str) -> bool:
    """An id in a subscription the simulation covers (management groups, tenants: never)."""
    simulated = op.tx.subscriptions() | {op.home.lower()}
    return (subscription_of(resource_id) or "").lower() in simulated


def check_references(op: Op) -> None:
    for ref in references(op):
        if not _simulated(op, ref) or exists(op.tx, ref):
            continue
        if op.arm.network_refs:
            raise ArmError(
                "InvalidResourceReference",
                f"Resource {ref} referenced by resource {op.id} was not found. Please "
                "make sure that the referenced resource exists, and that both "
                "resources are in the same region.",
                400,
            )
        raise not_found(ref)


def before_create(op: Op) -> None:
    check_parent(op)
    check_references(op)


def before_update(op: Op) -> None:
    check_references(op)
