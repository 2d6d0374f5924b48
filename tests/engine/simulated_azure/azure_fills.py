"""What Azure adds to a resource: in the PUT/GET right after a write, and on later GETs.

azure-native reads the resource right after every create and update (provider.go
readAfterWrite), so Create's outputs are a GET's body in the SDK's output shape. Fields below come
from each REST API's response definitions (learn.microsoft.com/rest/api/<service>); GUIDs Azure
makes are uuid5 of the ARM id (``arm_ids.guid``) so two runs agree.

``created_state`` gives the state stored at create; ``live_view`` what a later GET returns, where
Azure changed things on its own since: a workspace's managed network once provisioned (outbound
rule status "Active", and the required ``__SYS_PE_*`` rules Azure adds: pulumi-azure-native#3225,
learn.microsoft.com/azure/machine-learning/how-to-managed-network), the CORS rules Azure ML writes
onto its default storage, an ML registry's private endpoint connections.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from . import arm_ids
from .arm_ids import guid, resource_name
from .config import rfc3339
from .state import Record, Tx
from .values import UNKNOWN, deep_copy, known_text

Outputs = dict[str, Any]
FillFn = Callable[[str, dict[str, Any], Outputs, "FillContext"], None]

# Read-only output fields, never projected back into inputs on refresh (provider.go Read projects
# outputs to the input shape with SdkOutputsToSdkInputs, which keeps only PUT body properties).
READ_ONLY = frozenset(
    {
        "name",
        "type",
        "id",
        "etag",
        "systemData",
        "provisioningState",
        "azureApiVersion",
        "principalId",
        "clientId",
        "primaryEndpoints",
        "primaryLocation",
        "statusOfPrimary",
        "creationTime",
        "customerId",
        "instrumentationKey",
        "connectionString",
        "appId",
        "applicationId",
        "workspaceId",
        "mlFlowTrackingUri",
        "loginServer",
        "keyUri",
        "keyUriWithVersion",
        "networkInterfaces",
        "resourceGuid",
        "defaultSecurityRules",
        "currentSpend",
        "privateLinkCount",
        "storageHnsEnabled",
        "notebookInfo",
        "creationDate",
        "privateEndpointConnections",
        "numberOfRecordSets",
        "internalId",
        "virtualNetworkLinkState",
        "fqdn",
        "mlFlowRegistryUri",
        "scoringUri",
        "createdOn",
        "modifiedOn",
    }
)
_NESTED_READ_ONLY = (
    "properties.vaultUri",
    "properties.provisioningState",
    "managedNetwork.networkId",
    "properties.createdOn",
    "properties.modifiedOn",
    "properties.isAttachedCompute",
)

# The CORS rule Azure ML sets on its workspace storage's blob service so studio can read it
# (learn.microsoft.com/azure/machine-learning/how-to-enable-studio-virtual-network; the library
# ignores ``cors`` on BlobServiceProperties for this reason).
AML_CORS = {
    "corsRules": [
        {
            "allowedOrigins": [
                "https://mlworkspace.azure.ai",
                "https://ml.azure.com",
                "https://*.ml.azure.com",
                "https://ai.azure.com",
                "https://*.ai.azure.com",
            ],
            "allowedMethods": ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "POST", "PATCH"],
            "maxAgeInSeconds": 1800,
            "exposedHeaders": ["*"],
            "allowedHeaders": ["*"],
        }
    ]
}


class FillContext:
    def __init__(self, tx: Tx, tenant: str, now: dt.datetime) -> None:
        self.tx = tx
        self.tenant = tenant
        self.now = now


def _base(arm: arm_ids.ArmType, rid: str, inputs: dict[str, Any]) -> Outputs:
    out = {k: deep_copy(v) for k, v in inputs.items() if k not in arm.params}
    out.update({"name": resource_name(rid), "type": arm_ids.arm_type_of(rid)})
    if arm.api_version:
        out["azureApiVersion"] = arm.api_version
    return out


def _identity(rid: str, out: Outputs, tenant: str) -> None:
    ident = out.get("identity")
    if not isinstance(ident, dict):
        return
    kind = str(ident.get("type", ""))
    if "SystemAssigned" in kind:
        ident.update(principalId=guid("principalId", rid.lower()), tenantId=tenant)
    uais = ident.get("userAssignedIdentities")
    if isinstance(uais, list):
        ident["userAssignedIdentities"] = {
            u: {
                "principalId": guid("principalId", u.lower()),
                "clientId": guid("clientId", u.lower()),
            }
            for u in uais
            if isinstance(u, str)
        }


def preview_state(token: str, inputs: dict[str, Any]) -> Outputs:
    """What azure-native answers during a preview (``PreviewOutputs`` in pulumi-azure-native
    provider/pkg/resources/... converter): the inputs in the response's shape, and what only
    Azure knows left out, which the SDK then treats as unknown. A user-assigned identity's list
    of ids becomes the response's map of id to (unknown) principal and client ids."""
    arm = arm_ids.lookup(token, inputs)
    out = {k: deep_copy(v) for k, v in inputs.items() if k not in arm.params}
    ident = out.get("identity")
    if isinstance(ident, dict) and isinstance(ident.get("userAssignedIdentities"), list):
        ident["userAssignedIdentities"] = {
            u: {"principalId": UNKNOWN, "clientId": UNKNOWN}
            for u in ident["userAssignedIdentities"]
            if isinstance(u, str)
        }
    return out


def created_state(ctx: FillContext, token: str, rid: str, inputs: dict[str, Any]) -> Outputs:
    arm = arm_ids.lookup(token, inputs)
    out = _base(arm, rid, inputs)
    _identity(rid, out, ctx.tenant)
    fill = _FILLS.get(token.split(":", 1)[-1])
    if fill:
        fill(rid, inputs, out, ctx)
    elif token.startswith("azure-native:"):
        out.setdefault("provisioningState", "Succeeded")
    return out


def principals_of(record: Record) -> list[str]:
    """Object ids this resource's identities have in the directory."""
    found = (
        [record.state.get("principalId")]
        if record.token.endswith("managedidentity:UserAssignedIdentity")
        else []
    )
    for key in ("identity", "aksAssignedIdentity"):
        ident = record.state.get(key)
        if isinstance(ident, dict):
            found.append(ident.get("principalId"))
    return [p for p in found if isinstance(p, str)]


def input_projection(outputs: Outputs) -> Outputs:
    out = {k: deep_copy(v) for k, v in outputs.items() if k not in READ_ONLY and v is not None}
    ident = out.get("identity")
    if isinstance(ident, dict):
        uais = ident.get("userAssignedIdentities")
        out["identity"] = {k: v for k, v in ident.items() if k not in ("principalId", "tenantId")}
        if isinstance(uais, dict):
            out["identity"]["userAssignedIdentities"] = sorted(uais)
    for path in _NESTED_READ_ONLY:
        head, _, leaf = path.partition(".")
        if isinstance(out.get(head), dict):
            out[head] = {k: v for k, v in out[head].items() if k != leaf}
    return out


# Per type ------------------------------------------------------------------------------------
def _succeeded(_: str, __: dict[str, Any], out: Outputs, ___: FillContext) -> None:
    out["provisioningState"] = "Succeeded"


def _resource_group(_: str, __: dict[str, Any], out: Outputs, ___: FillContext) -> None:
    out["properties"] = {"provisioningState": "Succeeded"}


def _storage_account(rid: str, inputs: dict[str, Any], out: Outputs, ctx: FillContext) -> None:
    # Storage Accounts - Get Properties: primaryEndpoints, primaryLocation, statusOfPrimary.
    name = resource_name(rid)
    out.update(
        provisioningState="Succeeded",
        primaryLocation=inputs.get("location"),
        statusOfPrimary="available",
        creationTime=rfc3339(ctx.now),
    )
    out["primaryEndpoints"] = {
        svc: f"https://{name}.{svc}.core.windows.net/"
        for svc in ("blob", "dfs", "file", "queue", "table")
    } | {"web": f"https://{name}.z6.web.core.windows.net/"}


def _blob_service(rid: str, inputs: dict[str, Any], out: Outputs, ctx: FillContext) -> None:
    account = ctx.tx.get(rid.rsplit("/blobServices/", 1)[0])
    if account and account.sim.get("amlCors") and "cors" not in inputs:
        out["cors"] = deep_copy(AML_CORS)


def _vault(rid: str, _: dict[str, Any], out: Outputs, __: FillContext) -> None:
    # Vaults - Get: properties.vaultUri; soft delete is on with 90 days unless set
    # (learn.microsoft.com/azure/key-vault/general/soft-delete-overview).
    props = out.setdefault("properties", {})
    props.setdefault("enableSoftDelete", True)
    props.setdefault("softDeleteRetentionInDays", 90)
    props.setdefault("accessPolicies", [])
    props.update(
        vaultUri=f"https://{resource_name(rid)}.vault.azure.net/", provisioningState="Succeeded"
    )


def _key(rid: str, inputs: dict[str, Any], out: Outputs, ctx: FillContext) -> None:
    # Keys - Get: keyUri / keyUriWithVersion (flattened KeyProperties in azure-native's outputs).
    vault = rid.split("/vaults/", 1)[1].split("/", 1)[0]
    uri = f"https://{vault}.vault.azure.net/keys/{resource_name(rid)}"
    props = inputs.get("properties") or {}
    out.update({k: deep_copy(v) for k, v in props.items()})
    out.pop("properties", None)
    attributes = dict(props.get("attributes") or {})
    attributes.update(
        created=int(ctx.now.timestamp()),
        updated=int(ctx.now.timestamp()),
        recoveryLevel="Recoverable",
        enabled=attributes.get("enabled", True),
    )
    out.update(
        attributes=attributes,
        keyUri=uri,
        keyUriWithVersion=f"{uri}/{guid('keyVersion', rid.lower()).replace('-', '')}",
    )


def _registry(rid: str, _: dict[str, Any], out: Outputs, ctx: FillContext) -> None:
    out.update(
        loginServer=f"{resource_name(rid).lower()}.azurecr.io",
        provisioningState="Succeeded",
        creationDate=rfc3339(ctx.now),
    )


def _log_analytics(rid: str, _: dict[str, Any], out: Outputs, __: FillContext) -> None:
    out.update(customerId=guid("customerId", rid.lower()), provisioningState="Succeeded")
    out.setdefault("retentionInDays", 30)


def _app_insights(rid: str, inputs: dict[str, Any], out: Outputs, ctx: FillContext) -> None:
    # Components - Get: InstrumentationKey, ConnectionString, AppId.
    key = guid("instrumentationKey", rid.lower())
    loc = str(inputs.get("location", "")).replace(" ", "").lower()
    out.update(
        appId=guid("appId", rid.lower()),
        applicationId=resource_name(rid),
        instrumentationKey=key,
        provisioningState="Succeeded",
        creationDate=rfc3339(ctx.now),
        connectionString=(
            f"InstrumentationKey={key};IngestionEndpoint=https://{loc}-0.in.applicationinsights"
            f".azure.com/;LiveEndpoint=https://{loc}.livediagnostics.monitor.azure.com/;"
            f"ApplicationId={guid('appId', rid.lower())}"
        ),
    )


def _identity_resource(rid: str, _: dict[str, Any], out: Outputs, ctx: FillContext) -> None:
    out.update(
        principalId=guid("principalId", rid.lower()),
        clientId=guid("clientId", rid.lower()),
        tenantId=ctx.tenant,
    )


def _budget(_: str, inputs: dict[str, Any], out: Outputs, __: FillContext) -> None:
    # Budgets - Get: currentSpend; timePeriod.endDate defaults to 10 years after the start.
    out["currentSpend"] = {"amount": 0, "unit": "USD"}
    period = out.get("timePeriod")
    start = known_text((period or {}).get("startDate"))
    if isinstance(period, dict) and start and "endDate" not in period:
        period["endDate"] = f"{int(start[:4]) + 10}{start[4:]}"


_FILLS: dict[str, FillFn] = {
    "resources:ResourceGroup": _resource_group,
    "storage:StorageAccount": _storage_account,
    "storage:BlobServiceProperties": _blob_service,
    "storage:FileServiceProperties": lambda *_: None,
    "keyvault:Vault": _vault,
    "keyvault:Key": _key,
    "containerregistry:Registry": _registry,
    "operationalinsights:Workspace": _log_analytics,
    "applicationinsights:Component": _app_insights,
    "managedidentity:UserAssignedIdentity": _identity_resource,
    "consumption:Budget": _budget,
    "monitor:PrivateLinkScope": _succeeded,
    "monitor:PrivateLinkScopedResource": _succeeded,
    "authorization:RoleAssignment": lambda *_: None,
    "authorization:ManagementLockByScope": lambda *_: None,
    "monitor:DiagnosticSetting": lambda *_: None,
}
# The ML and network fills import this module's types, so they join the table last.
from . import azure_fills_ml, azure_fills_network  # noqa: E402

_FILLS.update(azure_fills_ml.FILLS)
_FILLS.update(azure_fills_network.FILLS)


def live_view(ctx: FillContext, record: Record) -> Outputs:
    """What a GET returns now."""
    out = deep_copy(record.state)
    short = record.token.split(":", 1)[-1]
    if short == "storage:BlobServiceProperties":
        _blob_service(record.id, record.inputs, out, ctx)
    live = azure_fills_ml.LIVE.get(short)
    if live:
        live(record, out, ctx)
    return out
