"""Properties Azure refuses to change in place (the PUT on an existing resource fails).

azure-native plans these as in-place updates (they are neither path parameters nor ForceNew in
its metadata), so the refusal comes from ARM at ``pulumi up``:

- Private endpoint NIC name: ``NameOfExistingPrivateEndpointNicCannotBeChanged: Private Endpoint
  <id> contains existing NIC name <nic> which does not match request's custom network interface
  name <new>. Updating the name of existing nic not allowed.`` (Azure/bicep#14470).
- Scheduled query rule scopes: ``BadRequest: Scope can not be updated``
  (pulumi-azure-native#4839, hashicorp/terraform-provider-azurerm#24327).
- Storage account redundancy: switching between zonal and non-zonal SKUs (LRS/GRS <-> ZRS/GZRS)
  or between Standard and Premium needs a conversion, not an update
  (learn.microsoft.com/azure/storage/common/redundancy-migration);
  ``StorageAccountTypeConversionNotAllowed`` (hashicorp/terraform-provider-azurerm#6526; the
  message text is the simulator's).
- Azure ML registry replication: the regions, and the SKUs of the storage and ACR Azure creates
  for each region, are fixed at creation (learn.microsoft.com/azure/machine-learning/
  how-to-manage-registries); the message is the simulator's.
- Location of a resource azure-native does not replace on location: ``InvalidResourceLocation:
  The resource '<name>' already exists in location '<old>' in resource group '<rg>'. A resource
  with the same name cannot be created in location '<new>'. Please select a new resource name.``
  (learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-storage-account-name).
"""

from __future__ import annotations

from typing import Any

from ..arm_ids import resource_group_of, resource_name
from ..errors import ArmError
from ..values import get_path, known_text
from .base import Op


def _pe_nic(op: Op) -> None:
    old = known_text(op.old.inputs.get("customNetworkInterfaceName")) if op.old else None
    new = known_text(op.inputs.get("customNetworkInterfaceName"))
    if op.old is None or old == new:
        return
    nics = op.old.state.get("networkInterfaces") or [{}]
    existing = resource_name(str(nics[0].get("id", old or "")))
    raise ArmError(
        "NameOfExistingPrivateEndpointNicCannotBeChanged",
        f"Private Endpoint {op.id} contains existing NIC name {existing} which does not "
        f"match request's custom network interface name {new or ''}. Updating the name "
        "of existing nic not allowed.",
        400,
    )


def _query_rule_scopes(op: Op) -> None:
    old = [str(s).lower() for s in (op.old.inputs.get("scopes") or [])] if op.old else []
    new = [str(s).lower() for s in (op.inputs.get("scopes") or [])]
    if op.old is not None and old != new:
        raise ArmError("BadRequest", "Scope can not be updated", 400)


def _zonal(sku: str) -> tuple[str, bool]:
    tier, _, redundancy = sku.partition("_")
    return tier, "ZRS" in redundancy


def _storage_sku(op: Op) -> None:
    old = known_text(get_path(op.old.inputs, "sku.name")) if op.old else None
    new = known_text(get_path(op.inputs, "sku.name"))
    if old and new and old != new and _zonal(old) != _zonal(new):
        raise ArmError(
            "StorageAccountTypeConversionNotAllowed",
            f"Storage account type conversion from {old} to {new} is not allowed as "
            "an update: start a conversion (redundancy migration) instead.",
            400,
        )


def _regions(inputs: dict[str, Any]) -> list[Any]:
    return [
        (
            str(r.get("location", "")).lower(),
            [
                get_path(a, "systemCreatedAcrAccount.acrAccountSku")
                for a in r.get("acrDetails") or []
            ],
            [
                get_path(s, "systemCreatedStorageAccount.storageAccountType")
                for s in r.get("storageAccountDetails") or []
            ],
        )
        for r in inputs.get("regionDetails") or []
        if isinstance(r, dict)
    ]


def _ml_registry(op: Op) -> None:
    if op.old is not None and _regions(op.old.inputs) != _regions(op.inputs):
        raise ArmError(
            "BadRequest",
            "The regions of a registry, and the storage and container registry SKUs "
            "created for them, cannot be changed after the registry is created.",
            400,
        )


def _location(op: Op) -> None:
    if op.old is None or "location" in op.arm.replace_keys:
        return
    old, new = op.old.inputs.get("location"), op.inputs.get("location")
    norm = lambda v: str(v).replace(" ", "").lower()  # noqa: E731 - diff.go normalizedLocation
    if isinstance(old, str) and isinstance(new, str) and norm(old) != norm(new):
        raise ArmError(
            "InvalidResourceLocation",
            f"The resource '{resource_name(op.id)}' already exists in location '{old}' "
            f"in resource group '{resource_name(resource_group_of(op.id) or '')}'. A "
            f"resource with the same name cannot be created in location '{new}'. "
            "Please select a new resource name.",
            400,
        )


_BY_TYPE = {
    "network:PrivateEndpoint": _pe_nic,
    "monitor:ScheduledQueryRule": _query_rule_scopes,
    "storage:StorageAccount": _storage_sku,
    "machinelearningservices:Registry": _ml_registry,
}


def before_update(op: Op) -> None:
    _location(op)
    check = _BY_TYPE.get(op.short)
    if check:
        check(op)
