"""What Azure networking adds: NICs and DNS configs of private endpoints, zone and link state.

REST: learn.microsoft.com/rest/api/virtualnetwork (2024-05-01), /rest/api/dns/privatednszones
(2024-06-01), /rest/api/aks (2025-09-01). A private endpoint gets a read-only NIC named after
``customNetworkInterfaceName`` or ``<endpoint>.nic.<guid>``, and one customDnsConfigs entry per
FQDN of its target's group (learn.microsoft.com/azure/private-link/private-endpoint-dns).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from .arm_ids import guid, resource_group_of, resource_name
from .azure_fills import FillContext, FillFn, Outputs
from .values import known_text


def _succeeded(_: str, __: dict[str, Any], out: Outputs, ___: FillContext) -> None:
    out["provisioningState"] = "Succeeded"


def _with_guid(rid: str, _: dict[str, Any], out: Outputs, __: FillContext) -> None:
    out.update(provisioningState="Succeeded", resourceGuid=guid("resourceGuid", rid.lower()))


def _nsg(rid: str, inputs: dict[str, Any], out: Outputs, ctx: FillContext) -> None:
    _with_guid(rid, inputs, out, ctx)
    out["defaultSecurityRules"] = [
        {"name": n, "id": f"{rid}/defaultSecurityRules/{n}"}
        for n in (
            "AllowVnetInBound",
            "AllowAzureLoadBalancerInBound",
            "DenyAllInBound",
            "AllowVnetOutBound",
            "AllowInternetOutBound",
            "DenyAllOutBound",
        )
    ]


def _fqdns(target: str, group: str, loc: str, ctx: FillContext) -> list[str]:
    name = resource_name(target).lower()
    if group in ("blob", "dfs", "file", "queue", "table", "web"):
        return [f"{name}.{group}.core.windows.net"]
    if group == "vault":
        return [f"{name}.vault.azure.net"]
    if group == "registry":
        return [f"{name}.azurecr.io", f"{name}.{loc}.data.azurecr.io"]
    if group == "amlworkspace":
        record = ctx.tx.get(target)
        wsid = (record.state.get("workspaceId") if record else None) or guid("ws", target)
        return [
            f"{wsid}.workspace.{loc}.api.azureml.ms",
            f"{wsid}.workspace.{loc}.cert.api.azureml.ms",
            f"ml-{name}-{loc}-{wsid}.{loc}.notebooks.azure.net",
        ]
    if group == "azuremonitor":
        return [
            "api.monitor.azure.com",
            "global.in.ai.monitor.azure.com",
            f"{loc}-0.in.applicationinsights.azure.com",
        ]
    return [f"{name}.privatelink.{group}.azure.com"]


def _address(subnet_id: str | None, offset: int, ctx: FillContext) -> str:
    record = ctx.tx.get(subnet_id) if subnet_id else None
    prefix = known_text((record.inputs if record else {}).get("addressPrefix")) or "10.0.0.0/24"
    network = ipaddress.ip_network(prefix, strict=False)
    return str(network.network_address + 4 + offset)


def _private_endpoint(rid: str, inputs: dict[str, Any], out: Outputs, ctx: FillContext) -> None:
    name = resource_name(rid)
    nic = known_text(inputs.get("customNetworkInterfaceName")) or (
        f"{name}.nic.{guid('nic', rid.lower())}"
    )
    out.update(
        provisioningState="Succeeded",
        networkInterfaces=[
            {"id": f"{resource_group_of(rid)}/providers/Microsoft.Network/networkInterfaces/{nic}"}
        ],
    )
    loc = str(inputs.get("location", "")).replace(" ", "").lower()
    subnet_id = known_text((inputs.get("subnet") or {}).get("id"))
    configs: list[dict[str, Any]] = []
    for conn in out.get("privateLinkServiceConnections") or []:
        conn.setdefault(
            "privateLinkServiceConnectionState",
            {"status": "Approved", "description": "Auto-Approved", "actionsRequired": "None"},
        )
        conn["provisioningState"] = "Succeeded"
        target = known_text(conn.get("privateLinkServiceId")) or ""
        for group in conn.get("groupIds") or []:
            for fqdn in _fqdns(target, str(group), loc, ctx):
                configs.append(
                    {"fqdn": fqdn, "ipAddresses": [_address(subnet_id, len(configs), ctx)]}
                )
    out.setdefault("customDnsConfigs", configs)


def _private_zone(rid: str, _: dict[str, Any], out: Outputs, __: FillContext) -> None:
    out.update(
        provisioningState="Succeeded",
        numberOfRecordSets=1,
        internalId=guid("internalId", rid.lower()),
    )


def _vnet_link(_: str, __: dict[str, Any], out: Outputs, ___: FillContext) -> None:
    out.update(provisioningState="Succeeded", virtualNetworkLinkState="Completed")


def _managed_cluster(rid: str, inputs: dict[str, Any], out: Outputs, _: FillContext) -> None:
    loc = str(inputs.get("location", "")).replace(" ", "").lower()
    prefix = known_text(inputs.get("dnsPrefix")) or resource_name(rid)
    out.setdefault(
        "nodeResourceGroup",
        f"MC_{resource_name(str(resource_group_of(rid)))}_{resource_name(rid)}_{loc}",
    )
    out.update(
        provisioningState="Succeeded",
        powerState={"code": "Running"},
        fqdn=f"{prefix}-{guid('fqdn', rid.lower())[:8]}.hcp.{loc}.azmk8s.io",
    )
    # Without a kubelet identity in the body AKS creates one in the node resource group and
    # reports it; a given one comes back as sent.
    profile = out.setdefault("identityProfile", {})
    if isinstance(profile, dict) and not isinstance(profile.get("kubeletidentity"), dict):
        profile["kubeletidentity"] = {
            "objectId": guid("kubeletObjectId", rid.lower()),
            "clientId": guid("kubeletClientId", rid.lower()),
        }


def _extension(rid: str, _: dict[str, Any], out: Outputs, ctx: FillContext) -> None:
    out.update(
        provisioningState="Succeeded",
        aksAssignedIdentity={
            "type": "SystemAssigned",
            "principalId": guid("principalId", rid.lower()),
            "tenantId": ctx.tenant,
        },
    )


FILLS: dict[str, FillFn] = {
    "network:VirtualNetwork": _with_guid,
    "network:Subnet": _succeeded,
    "network:NetworkSecurityGroup": _nsg,
    "network:PrivateEndpoint": _private_endpoint,
    "network:PrivateDnsZoneGroup": _succeeded,
    "privatedns:PrivateZone": _private_zone,
    "privatedns:VirtualNetworkLink": _vnet_link,
    "containerservice:ManagedCluster": _managed_cluster,
    "kubernetesconfiguration:Extension": _extension,
}
