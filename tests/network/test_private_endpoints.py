"""Every private endpoint goes through blocks/private_endpoint.py: one endpoint per private-link
group, the hub workspace's ONE endpoint carrying both of its zones, and DNS in three modes."""

from __future__ import annotations

from pathlib import Path

import pytest
from aml_landing_zone.offline.model import ProgramRun, RecordedResource
from aml_landing_zone.offline.program import run_program

from tests.conftest import of_type, one
from tests.network.scenarios import RG_DNS, scenario, zone_ids

PE = "azure-native:network:PrivateEndpoint"
GROUP = "azure-native:network:PrivateDnsZoneGroup"
ZONE = "azure-native:privatedns:PrivateZone"
LINK = "azure-native:privatedns:VirtualNetworkLink"
VNET = "azure-native:network:VirtualNetwork"

PUBLIC_ZONES = {
    "amlworkspace": ["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"],
    "blob": ["privatelink.blob.core.windows.net"],
    "file": ["privatelink.file.core.windows.net"],
    "vault": ["privatelink.vaultcore.azure.net"],
    "registry": ["privatelink.azurecr.io"],
}
US_GOV_ZONES = {
    "privatelink.api.ml.azure.us",
    "privatelink.notebooks.usgovcloudapi.net",
    "privatelink.blob.core.usgovcloudapi.net",
    "privatelink.file.core.usgovcloudapi.net",
    "privatelink.vaultcore.usgovcloudapi.net",
    "privatelink.azurecr.us",
}
# endpoint Pulumi name -> (group id, Azure resource type of the target)
ENDPOINTS = {
    "hub-pep-hub": ("amlworkspace", "/Microsoft.MachineLearningServices/workspaces/"),
    "hub-pep-st-blob": ("blob", "/Microsoft.Storage/storageAccounts/"),
    "hub-pep-st-file": ("file", "/Microsoft.Storage/storageAccounts/"),
    "hub-pep-kv": ("vault", "/Microsoft.KeyVault/vaults/"),
    "hub-pep-cr": ("registry", "/Microsoft.ContainerRegistry/registries/"),
}


def group_id(endpoint: RecordedResource) -> str:
    (connection,) = endpoint.inputs["privateLinkServiceConnections"]
    (group,) = connection["groupIds"]
    return group


def zone_group_of(run: ProgramRun, endpoint: RecordedResource) -> RecordedResource:
    return one(run, GROUP, f"{endpoint.name}-dns")


def zone_names(group: RecordedResource) -> list[str]:
    return [c["privateDnsZoneId"].rsplit("/", 1)[1] for c in group.inputs["privateDnsZoneConfigs"]]


@pytest.mark.parametrize("name", ["baseline", "enterprise", "regulated"])
def test_one_endpoint_per_group_to_the_right_target(name: str) -> None:
    run = scenario(name)
    endpoints = {e.name: e for e in of_type(run, PE)}
    assert set(endpoints) == set(ENDPOINTS)
    for endpoint_name, (group, target_type) in ENDPOINTS.items():
        endpoint = endpoints[endpoint_name]
        assert group_id(endpoint) == group
        (connection,) = endpoint.inputs["privateLinkServiceConnections"]
        assert target_type in connection["privateLinkServiceId"]
        assert endpoint.inputs["privateEndpointName"].endswith(f"-{group}")


def test_hub_workspace_has_one_endpoint_with_both_zones_in_one_group(dev_run: ProgramRun) -> None:
    aml = [e for e in of_type(dev_run, PE) if group_id(e) == "amlworkspace"]
    assert len(aml) == 1
    assert zone_names(zone_group_of(dev_run, aml[0])) == PUBLIC_ZONES["amlworkspace"]


def test_create_mode_creates_each_zone_once_and_links_it_to_the_spoke(dev_run: ProgramRun) -> None:
    zones = [z.inputs["privateZoneName"] for z in of_type(dev_run, ZONE)]
    expected = sorted(zone for zones in PUBLIC_ZONES.values() for zone in zones)
    assert sorted(zones) == expected
    assert all(z.inputs["location"] == "global" for z in of_type(dev_run, ZONE))
    spoke = one(dev_run, VNET)
    links = of_type(dev_run, LINK)
    assert sorted(link.inputs["privateZoneName"] for link in links) == expected
    for link in links:
        assert link.inputs["virtualNetwork"]["id"].endswith(
            "/virtualNetworks/" + spoke.inputs["virtualNetworkName"]
        )
        assert link.inputs["registrationEnabled"] is False
    for endpoint in of_type(dev_run, PE):
        assert zone_names(zone_group_of(dev_run, endpoint)) == PUBLIC_ZONES[group_id(endpoint)]


def test_dependencies_follow_what_each_resource_reads(dev_run: ProgramRun) -> None:
    zones = {z.inputs["privateZoneName"]: z.urn for z in of_type(dev_run, ZONE)}
    subnet = one(dev_run, "azure-native:network:Subnet")
    for endpoint in of_type(dev_run, PE):
        assert not set(endpoint.dependencies) & set(zones.values()), endpoint.name
        assert subnet.urn in endpoint.dependencies
        group = zone_group_of(dev_run, endpoint)
        wanted = {endpoint.urn, *(zones[z] for z in PUBLIC_ZONES[group_id(endpoint)])}
        assert wanted <= set(group.dependencies)
        others = set(zones.values()) - wanted
        assert not others & set(group.dependencies), group.name
        assert group.property_dependencies["privateEndpointName"] == (endpoint.urn,)
    for link in of_type(dev_run, LINK):
        assert zones[link.inputs["privateZoneName"]] in link.dependencies
        assert one(dev_run, VNET).urn in link.dependencies


def test_existing_mode_uses_the_central_zones_and_creates_none() -> None:
    run = scenario("enterprise")
    assert of_type(run, ZONE) == []
    assert of_type(run, LINK) == []
    given = zone_ids()
    for endpoint in of_type(run, PE):
        group = zone_group_of(run, endpoint)
        ids = [c["privateDnsZoneId"] for c in group.inputs["privateDnsZoneConfigs"]]
        assert ids == [given[zone] for zone in PUBLIC_ZONES[group_id(endpoint)]]
        assert all(i.startswith(RG_DNS) for i in ids)


def test_none_mode_leaves_dns_to_policy() -> None:
    run = scenario("regulated")
    assert len(of_type(run, PE)) == 5
    assert of_type(run, GROUP) == []
    assert of_type(run, ZONE) == []
    assert of_type(run, LINK) == []


def test_us_government_region_gets_the_government_zone_names() -> None:
    run = scenario("us-gov")
    assert {z.inputs["privateZoneName"] for z in of_type(run, ZONE)} == US_GOV_ZONES
    aml = one(run, PE, "hub-pep-hub")
    assert zone_names(zone_group_of(run, aml)) == [
        "privatelink.api.ml.azure.us",
        "privatelink.notebooks.usgovcloudapi.net",
    ]


def test_endpoints_are_children_of_the_hub(dev_run: ProgramRun) -> None:
    hub = one(dev_run, "amllz:index:Hub")
    for token in (PE, GROUP, ZONE, LINK):
        for resource in of_type(dev_run, token):
            assert resource.parent == hub.urn, resource.urn


def test_a_zone_two_endpoints_need_is_created_once() -> None:
    run = run_program(Path(__file__).parent / "fixtures" / "shared_zone", "dev")
    (zone,) = of_type(run, ZONE)
    assert zone.inputs["privateZoneName"] == "privatelink.blob.core.windows.net"
    assert len(of_type(run, LINK)) == 1
    groups = of_type(run, GROUP)
    assert len(of_type(run, PE)) == len(groups) == 2
    for group in groups:
        assert group.property_dependencies["privateDnsZoneConfigs"] == (zone.urn,)
