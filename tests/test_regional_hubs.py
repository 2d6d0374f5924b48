"""Regional training hubs (environments.regions.training) on the test stack, which creates its
private DNS zones and its Azure Monitor scope: the regional hub shares both with the stack's own
hub, runs serverless compute in a subnet of its own region, and carries no endpoint alerts."""

from __future__ import annotations

from typing import Any

import pytest
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.errors import ConfigError
from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import of_type, run_stack
from tests.stack_values import DELETE, NAMESPACE, changed, stack_config, stack_values, without_codes

SUB = "/subscriptions/00000000-0000-0000-0000-000000000000"
NET = f"{SUB}/resourceGroups/rg-connectivity/providers/Microsoft.Network/virtualNetworks"
WEU_SERVERLESS = f"{NET}/vnet-ml-weu/subnets/snet-serverless"
NEU_SERVERLESS = f"{NET}/vnet-ml-neu/subnets/snet-serverless"
CONNECTIVITY_HUB = f"{NET}/vnet-hub"
HUB_RG = f"{SUB}/resourceGroups/rg-contoso-ml-test-weu-hub"
NEU_RG = f"{SUB}/resourceGroups/rg-contoso-ml-test-neu-hub"
WEU_SPOKE = f"{HUB_RG}/providers/Microsoft.Network/virtualNetworks/vnet-contoso-ml-test-weu"
NEU_SPOKE = f"{NEU_RG}/providers/Microsoft.Network/virtualNetworks/vnet-contoso-ml-test-neu"
NORTH = {
    "addressSpace": "10.51.0.0/24",
    "privateEndpointSubnet": "10.51.0.0/26",
    "serverlessComputeSubnetId": NEU_SERVERLESS,
}
REGIONS = {"training": ["westeurope", "northeurope"], "networks": {"northeurope": NORTH}}
# the zones the test stack's endpoints need (hub, storage, vault, registry, Azure Monitor scope)
ZONES = {
    "privatelink.api.azureml.ms",
    "privatelink.notebooks.azure.net",
    "privatelink.blob.core.windows.net",
    "privatelink.file.core.windows.net",
    "privatelink.vaultcore.azure.net",
    "privatelink.azurecr.io",
    "privatelink.monitor.azure.com",
    "privatelink.oms.opinsights.azure.com",
    "privatelink.ods.opinsights.azure.com",
    "privatelink.agentsvc.azure-automation.net",
}


def _regional(**more: Any) -> dict[str, Any]:
    config = changed(stack_config("test"), f"{NAMESPACE}:environments.regions", REGIONS)
    config = changed(config, f"{NAMESPACE}:hub.serverlessCompute", {"subnetId": WEU_SERVERLESS})
    config = changed(config, f"{NAMESPACE}:network.dns.linkVirtualNetworkIds", [CONNECTIVITY_HUB])
    endpoints = {"scoring": {"workspace": "fraud"}, "hubscore": {"workspace": "hub"}}
    return changed(config, f"{NAMESPACE}:observability.endpoints", endpoints)


@pytest.fixture(scope="module")
def regional_run() -> ProgramRun:
    return run_stack("test", _regional())


def test_the_regional_hub_registers_in_the_primary_zones_which_link_its_spoke(
    regional_run: ProgramRun,
) -> None:
    """One zone of each name (Azure refuses a second same-named zone on a network that has
    one), each linked once to each network: the stack's spoke, the connectivity hub and the
    regional spoke."""
    zones = of_type(regional_run, "azure-native:privatedns:PrivateZone")
    assert sorted(z.inputs["privateZoneName"] for z in zones) == sorted(ZONES)
    assert {z.inputs["resourceGroupName"] for z in zones} == {"rg-contoso-ml-test-weu-hub"}
    links: dict[str, list[str]] = {}
    for link in of_type(regional_run, "azure-native:privatedns:VirtualNetworkLink"):
        links.setdefault(link.inputs["privateZoneName"], []).append(
            link.inputs["virtualNetwork"]["id"]
        )
    assert {zone: sorted(vnets) for zone, vnets in links.items()} == {
        zone: sorted([WEU_SPOKE, CONNECTIVITY_HUB, NEU_SPOKE]) for zone in ZONES
    }
    regional_groups = [
        group
        for group in of_type(regional_run, "azure-native:network:PrivateDnsZoneGroup")
        if group.inputs["resourceGroupName"] == "rg-contoso-ml-test-neu-hub"
    ]
    used = {
        c["privateDnsZoneId"] for g in regional_groups for c in g.inputs["privateDnsZoneConfigs"]
    }
    assert used == {
        f"{HUB_RG}/providers/Microsoft.Network/privateDnsZones/{zone}"
        for zone in (
            "privatelink.api.azureml.ms",
            "privatelink.notebooks.azure.net",
            "privatelink.blob.core.windows.net",
            "privatelink.file.core.windows.net",
            "privatelink.vaultcore.azure.net",
            "privatelink.azurecr.io",
        )
    }


def test_the_regional_hub_joins_the_primary_azure_monitor_scope(regional_run: ProgramRun) -> None:
    """One scope per DNS: the regional hub's Application Insights and Log Analytics are linked
    to the scope the stack's hub created, and no second scope or endpoint exists."""
    scopes = of_type(regional_run, "azure-native:monitor:PrivateLinkScope")
    assert [s.inputs["scopeName"] for s in scopes] == ["ampls-contoso-ml-test-weu"]
    links = {
        link.inputs["name"]: (link.inputs["resourceGroupName"], link.inputs["scopeName"])
        for link in of_type(regional_run, "azure-native:monitor:PrivateLinkScopedResource")
    }
    primary = ("rg-contoso-ml-test-weu-hub", "ampls-contoso-ml-test-weu")
    assert links == {
        "appi-contoso-ml-test-weu": primary,
        "log-contoso-ml-test-weu": primary,
        "appi-contoso-ml-test-neu": primary,
        "log-contoso-ml-test-neu": primary,
    }
    endpoints = of_type(regional_run, "azure-native:network:PrivateEndpoint")
    groups = [e.inputs["privateLinkServiceConnections"][0]["groupIds"] for e in endpoints]
    assert groups.count(["azuremonitor"]) == 1


def test_each_hub_runs_serverless_compute_in_a_subnet_of_its_own_region(
    regional_run: ProgramRun,
) -> None:
    hubs = {
        ws.inputs["workspaceName"]: ws.inputs["serverlessComputeSettings"]
        for ws in of_type(regional_run, "azure-native:machinelearningservices:Workspace")
        if ws.inputs["kind"] == "Hub"
    }
    assert hubs == {
        "hub-contoso-ml-test-weu": {
            "serverlessComputeCustomSubnet": WEU_SERVERLESS,
            "serverlessComputeNoPublicIP": True,
        },
        "hub-contoso-ml-test-neu": {
            "serverlessComputeCustomSubnet": NEU_SERVERLESS,
            "serverlessComputeNoPublicIP": True,
        },
    }


def test_endpoint_alerts_only_where_the_endpoints_are(regional_run: ProgramRun) -> None:
    """An endpoint on a project and one on the hub: their alerts exist once, on the stack's own
    workspaces; the regional hub holds neither endpoint."""
    alerts = [
        r.name
        for token in ("azure-native:monitor:MetricAlert", "azure-native:monitor:ScheduledQueryRule")
        for r in of_type(regional_run, token)
        if "-endpoint-" in r.name
    ]
    assert sorted(alerts) == [
        "hub-endpoint-hubscore-errors",
        "hub-endpoint-hubscore-latency",
        "hub-fraud-endpoint-scoring-errors",
        "hub-fraud-endpoint-scoring-latency",
    ]


def test_serverless_compute_needs_a_subnet_in_every_training_region() -> None:
    values = changed(stack_values("test"), "environments.regions", REGIONS)
    values = changed(values, "hub.serverlessCompute", {"subnetId": WEU_SERVERLESS})
    subnet = "environments.regions.networks.northeurope.serverlessComputeSubnetId"
    values = changed(values, subnet, DELETE)
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(values, NAMESPACE, "test")
    assert str(caught.value).splitlines()[1:] == [
        f"  {NAMESPACE}:environments.regions.networks.northeurope.serverlessComputeSubnetId: "
        "missing: hub.serverlessCompute runs serverless compute in a subnet of yours, and the hub "
        "in 'northeurope' needs one in its own region [LZ-CFG-002]"
    ]
    without = changed(values, "hub.serverlessCompute", None)
    without["hub"].pop("serverlessCompute")
    with_subnet = changed(
        without,
        "environments.regions.networks.northeurope.serverlessComputeSubnetId",
        NEU_SERVERLESS,
    )
    with pytest.raises(ConfigError) as unused:
        parse_stack_config(with_subnet, NAMESPACE, "test")
    assert without_codes(str(unused.value)).splitlines()[1:] == [
        f"  {NAMESPACE}:environments.regions.networks.northeurope.serverlessComputeSubnetId: "
        "only used with hub.serverlessCompute"
    ]
