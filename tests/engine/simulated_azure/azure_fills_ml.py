"""What Azure Machine Learning adds to workspaces, registries, computes and endpoints.

REST: learn.microsoft.com/rest/api/azureml (2025-12-01). Managed network: a workspace's managed
VNet is provisioned when ``provisionNetworkNow`` is set or when the first compute is created
("the managed virtual network isn't provisioned until a compute resource is created or
provisioning is manually started",
learn.microsoft.com/azure/machine-learning/how-to-managed-network);
then each outbound rule's status is "Active" and Azure adds required private endpoint rules
named ``__SYS_PE_<resource>_<subresource>_<suffix>`` for the workspace and its associated
resources (all of them under AllowOnlyApprovedOutbound, those with public network access disabled
under AllowInternetOutbound), which a refresh copies into the inputs (pulumi-azure-native#3225).
"""

from __future__ import annotations

from typing import Any

from .arm_ids import guid, resource_name
from .azure_fills import FillContext, FillFn, Outputs
from .config import rfc3339
from .state import Record
from .values import deep_copy, known_text

_TARGETS = (
    ("storageAccount", ("blob", "file")),
    ("keyVault", ("vault",)),
    ("containerRegistry", ("registry",)),
)


def _loc(inputs: dict[str, Any]) -> str:
    return str(inputs.get("location", "")).replace(" ", "").lower()


def _workspace(rid: str, inputs: dict[str, Any], out: Outputs, ctx: FillContext) -> None:
    loc = _loc(inputs)
    out.setdefault("kind", "Default")
    out.setdefault("discoveryUrl", f"https://{loc}.api.azureml.ms/discovery")
    out.update(
        workspaceId=guid("workspaceId", rid.lower()),
        tenantId=ctx.tenant,
        mlFlowTrackingUri=f"azureml://{loc}.api.azureml.ms/mlflow/v1.0{rid}",
        provisioningState="Succeeded",
        privateLinkCount=0,
        storageHnsEnabled=False,
    )
    network = out.get("managedNetwork")
    if isinstance(network, dict) and network.get("isolationMode") not in (None, "Disabled"):
        network["networkId"] = guid("networkId", rid.lower())
        network["status"] = {"status": "Inactive", "sparkReady": False}
        for rule in (network.get("outboundRules") or {}).values():
            if isinstance(rule, dict):
                rule["status"] = "Inactive"
    _project_network(out, ctx)


def _project_network(out: Outputs, ctx: FillContext) -> None:
    """A project reports its hub's managed network."""
    hub_id = known_text(out.get("hubResourceId"))
    hub = ctx.tx.get(hub_id) if hub_id else None
    if hub is not None and out.get("kind") == "Project":
        hub_view = deep_copy(hub.state)
        _workspace_live(hub, hub_view, ctx)
        if "managedNetwork" in hub_view:
            out["managedNetwork"] = hub_view["managedNetwork"]


def _public_disabled(ctx: FillContext, target: str) -> bool:
    record = ctx.tx.get(target)
    if record is None:
        return False
    props = record.state.get("properties")
    nested = props.get("publicNetworkAccess") if isinstance(props, dict) else None
    return "Disabled" in (record.state.get("publicNetworkAccess"), nested)


def _required_rules(record: Record, mode: str, ctx: FillContext) -> dict[str, Any]:
    rules: dict[str, Any] = {}
    targets = [(known_text(record.inputs.get(k)), subs) for k, subs in _TARGETS]
    targets.append((record.id, ("amlworkspace",)))
    for target, subs in targets:
        if not target:
            continue
        if mode == "AllowInternetOutbound" and not _public_disabled(ctx, target):
            continue
        suffix = guid("rule", record.id.lower(), target.lower())[:8]
        for sub in subs:
            rules[f"__SYS_PE_{resource_name(target)}_{sub}_{suffix}"] = {
                "type": "PrivateEndpoint",
                "category": "Required",
                "status": "Active",
                "destination": {
                    "serviceResourceId": target,
                    "subresourceTarget": sub,
                    "sparkEnabled": False,
                    "sparkStatus": "Inactive",
                },
            }
    return rules


def _workspace_live(record: Record, out: Outputs, ctx: FillContext) -> None:
    network = out.get("managedNetwork")
    if record.sim.get("networkProvisioned") and isinstance(network, dict):
        network["status"] = {"status": "Active", "sparkReady": False}
        rules = network.setdefault("outboundRules", {})
        for rule in rules.values():
            if isinstance(rule, dict):
                rule["status"] = "Active"
        rules.update(_required_rules(record, str(network.get("isolationMode")), ctx))
    _project_network(out, ctx)


def _registry(rid: str, inputs: dict[str, Any], out: Outputs, ctx: FillContext) -> None:
    loc = _loc(inputs)
    name = resource_name(rid)
    out.update(
        discoveryUrl=f"https://{loc}.api.azureml.ms/registrymanagement/v1.0/registries/{name}"
        "/discovery",
        mlFlowRegistryUri=f"azureml://{loc}.api.azureml.ms/mlflow/v1.0{rid}",
        provisioningState="Succeeded",
    )
    out.setdefault("registryPrivateEndpointConnections", [])
    _registry_accounts(rid, out, ctx)


def _registry_accounts(rid: str, out: Outputs, ctx: FillContext) -> None:
    """What Azure creates for a registry: a managed resource group ``azureml-rg-<registry>_<guid>``
    holding a storage account and a container registry per region, whose ids it then reports
    (RegistryRegionArmDetails: armResourceId, "populated once ... created";
    learn.microsoft.com/azure/machine-learning/how-to-manage-registries). They are real
    resources here too, owned by the registry (deleted with it), so grants on them can land."""
    subscription = rid.split("/")[2]
    name = resource_name(rid)
    group = f"/subscriptions/{subscription}/resourceGroups/azureml-rg-{name}_{guid('mrg', rid)}"
    out["managedResourceGroup"] = {"resourceId": group}
    owned = [("azure-native:resources:ResourceGroup", group)]
    for region in out.get("regionDetails") or []:
        where = str(region.get("location", ""))
        short = "".join(c for c in name.lower() if c.isalnum())[:12]
        suffix = guid("account", rid.lower(), where).replace("-", "")[:10]
        for key, kind, path in (
            (
                "storageAccountDetails",
                "systemCreatedStorageAccount",
                "Microsoft.Storage/storageAccounts",
            ),
            ("acrDetails", "systemCreatedAcrAccount", "Microsoft.ContainerRegistry/registries"),
        ):
            account_id = f"{group}/providers/{path}/{short}{suffix}"
            for detail in region.get(key) or []:
                created = detail.get(kind)
                if isinstance(created, dict):
                    created["armResourceId"] = {"resourceId": account_id}
                    owned.append((_OWNED_TOKEN[path], account_id))
    for token, owned_id in owned:
        if not ctx.tx.exists(owned_id):
            ctx.tx.put(
                Record(owned_id, token, subscription, {}, _owned_state(owned_id), {"ownedBy": rid})
            )


_OWNED_TOKEN = {
    "Microsoft.Storage/storageAccounts": "azure-native:storage:StorageAccount",
    "Microsoft.ContainerRegistry/registries": "azure-native:containerregistry:Registry",
}


def _owned_state(resource_id: str) -> Outputs:
    return {"id": resource_id, "name": resource_name(resource_id), "provisioningState": "Succeeded"}


def _registry_live(record: Record, out: Outputs, ctx: FillContext) -> None:
    """Registries - Get lists every private endpoint that targets the registry."""
    connections = []
    for pe in ctx.tx.all("azure-native:network:PrivateEndpoint"):
        links = pe.inputs.get("privateLinkServiceConnections") or []
        if any(str(c.get("privateLinkServiceId", "")).lower() == record.key for c in links):
            connections.append(
                {
                    "id": f"{record.id}/privateEndpointConnections/{resource_name(pe.id)}",
                    "location": pe.inputs.get("location"),
                    "groupIds": ["amlregistry"],
                    "privateEndpoint": {
                        "id": pe.id,
                        "subnetArmId": (pe.inputs.get("subnet") or {}).get("id"),
                    },
                    "registryPrivateLinkServiceConnectionState": {
                        "status": "Approved",
                        "description": "Auto-Approved",
                        "actionsRequired": "None",
                    },
                    "provisioningState": "Succeeded",
                }
            )
    out["registryPrivateEndpointConnections"] = connections


def _compute(rid: str, inputs: dict[str, Any], out: Outputs, ctx: FillContext) -> None:
    props = out.setdefault("properties", {})
    props.update(
        provisioningState="Succeeded",
        createdOn=rfc3339(ctx.now),
        modifiedOn=rfc3339(ctx.now),
        isAttachedCompute=False,
        computeLocation=inputs.get("location"),
    )


def _online_endpoint(rid: str, inputs: dict[str, Any], out: Outputs, _: FillContext) -> None:
    props = out.setdefault("properties", {})
    props.update(
        provisioningState="Succeeded",
        scoringUri=f"https://{resource_name(rid)}.{_loc(inputs)}.inference.ml.azure.com/score",
    )


FILLS: dict[str, FillFn] = {
    "machinelearningservices:Workspace": _workspace,
    "machinelearningservices:Registry": _registry,
    "machinelearningservices:Compute": _compute,
    "machinelearningservices:OnlineEndpoint": _online_endpoint,
    "machinelearningservices:Datastore": lambda *_: None,
    "machinelearningservices:WorkspaceConnection": lambda *_: None,
}
LIVE = {
    "machinelearningservices:Workspace": _workspace_live,
    "machinelearningservices:Registry": _registry_live,
}
