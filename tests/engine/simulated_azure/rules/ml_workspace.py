"""Azure Machine Learning workspaces and computes.

- Soft delete: a deleted workspace is kept 14 days, and "you can't reuse the name of a workspace
  that has been soft-deleted until the retention period has passed"; workspaces encrypted with
  customer-managed keys are always hard deleted (learn.microsoft.com/azure/machine-learning/
  concept-soft-delete). azure-native's delete sends only ``api-version`` (crud.go
  PrepareAzureRESTIdAndQuery builds no other query), so ``forceToPurge`` keeps its default, false
  (workspaceRP.json 2025-12-01 WorkspaceForceToPurgeParameter): a destroy soft-deletes. Creating the
  workspace again meanwhile: ``BadRequest: Soft-deleted workspace exists. Please purge or recover
  it. https://aka.ms/wsoftdelete`` (Azure/ResourceModules#3596).
- Properties Azure refuses to change on an existing workspace. The spec (workspaceRP.json
  2025-12-01) marks none of them x-ms-mutability create-only, so azure-native plans an in-place
  update and the PUT fails: storageAccount and keyVault ("This cannot be changed once the
  workspace has been created", the spec's own descriptions; Azure's message for the storage
  account: ``BadRequest: Storage Account update is not supported yet``,
  Azure-Samples/get-started-with-ai-chat#65); the CMK's key vault ("the key can only be updated to
  a key in the same key vault", learn.microsoft.com/azure/machine-learning/
  concept-customer-managed-keys); kind, hubResourceId and hbiWorkspace (set at creation only,
  how-to-manage-workspace). Messages other than the storage account's are the simulator's.
- Computes: ARM accepts a PUT on an existing compute but does not apply it (Azure/bicep#17617;
  resizing is a separate action), so the stored properties stay as created.
"""

from __future__ import annotations

import datetime as dt

from ..config import rfc3339
from ..errors import ArmError
from ..state import Record, Tx
from ..values import get_path, known_text
from .base import Op

WORKSPACE = "azure-native:machinelearningservices:Workspace"
COMPUTE = "azure-native:machinelearningservices:Compute"
_CREATE_ONLY = (
    "kind",
    "hubResourceId",
    "storageAccount",
    "keyVault",
    "hbiWorkspace",
    "encryption.keyVaultProperties.keyVaultArmId",
)


def before_create(op: Op) -> None:
    if op.token != WORKSPACE:
        return
    deleted = op.tx.deleted_workspace(op.id)
    if deleted and deleted["scheduled_purge_date"] > rfc3339(op.now):
        raise ArmError(
            "BadRequest",
            "Soft-deleted workspace exists. Please purge or recover it. https://aka.ms/wsoftdelete",
            400,
        )


def _norm(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def before_update(op: Op) -> None:
    if op.token != WORKSPACE or op.old is None:
        return
    for path in _CREATE_ONLY:
        old, new = get_path(op.old.inputs, path), get_path(op.inputs, path)
        if (old is None and new is None) or _norm(old) == _norm(new):
            continue
        if path == "storageAccount":
            raise ArmError("BadRequest", "Storage Account update is not supported yet", 400)
        raise ArmError(
            "BadRequest",
            f"The workspace property '{path}' cannot be changed after the workspace "
            f"is created (from '{old}' to '{new}').",
            400,
        )


def is_cmk(record: Record) -> bool:
    encryption = record.inputs.get("encryption")
    return isinstance(encryption, dict) and (
        encryption.get("status") == "Enabled" or "keyVaultProperties" in encryption
    )


def soft_delete(tx: Tx, record: Record, now: dt.datetime) -> None:
    if not is_cmk(record):
        tx.add_deleted_workspace(record.id, rfc3339(now), rfc3339(now + dt.timedelta(days=14)))


def keeps_old_state(op: Op) -> bool:
    return op.token == COMPUTE


def _provision(tx: Tx, workspace_id: str | None) -> None:
    record = tx.get(workspace_id) if workspace_id else None
    if record is None:
        return
    hub = known_text(record.inputs.get("hubResourceId"))
    if record.inputs.get("kind") == "Project" and hub:
        _provision(tx, hub)
        return
    if isinstance(record.inputs.get("managedNetwork"), dict):
        record.sim["networkProvisioned"] = True
        tx.put(record)


def after_write(op: Op, record: Record) -> None:
    """Provisioning of the managed network: ``provisionNetworkNow`` or a first compute."""
    if (
        op.token == WORKSPACE
        and op.inputs.get("provisionNetworkNow") is True
        and isinstance(op.inputs.get("managedNetwork"), dict)
    ):
        record.sim["networkProvisioned"] = True
    if op.token == COMPUTE and op.old is None:
        _provision(op.tx, op.id.split("/computes/", 1)[0])
    storage = known_text(op.inputs.get("storageAccount")) if op.token == WORKSPACE else None
    account = op.tx.get(storage) if storage else None
    if account is not None and not account.sim.get("amlCors"):
        # Azure ML sets CORS on its default storage's blob service (azure_fills.AML_CORS).
        account.sim["amlCors"] = True
        op.tx.put(account)


def expire(tx: Tx, now: dt.datetime) -> None:
    for workspace in tx.deleted_workspaces():
        if workspace["scheduled_purge_date"] <= rfc3339(now):
            tx.remove_deleted_workspace(workspace["id"])
