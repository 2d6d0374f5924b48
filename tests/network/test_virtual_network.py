"""The private endpoints' subnet: a small spoke created from config CIDRs, or brought along."""

from __future__ import annotations

from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import of_type, one
from tests.network.scenarios import BYO_SUBNET, CONNECTIVITY_HUB_VNET, scenario

VNET = "azure-native:network:VirtualNetwork"
SUBNET = "azure-native:network:Subnet"
NSG = "azure-native:network:NetworkSecurityGroup"
PE = "azure-native:network:PrivateEndpoint"
LINK = "azure-native:privatedns:VirtualNetworkLink"


def test_spoke_is_created_from_the_configured_ranges(dev_run: ProgramRun) -> None:
    vnet = one(dev_run, VNET)
    assert vnet.inputs["addressSpace"] == {"addressPrefixes": ["10.40.0.0/24"]}
    assert vnet.inputs["virtualNetworkName"] == "vnet-contoso-ml-dev-weu"
    subnet = one(dev_run, SUBNET)
    assert subnet.inputs["addressPrefix"] == "10.40.0.0/26"
    assert subnet.inputs["virtualNetworkName"] == vnet.inputs["virtualNetworkName"]
    assert subnet.inputs["privateEndpointNetworkPolicies"] == "Enabled"
    assert subnet.inputs["defaultOutboundAccess"] is False
    nsg = one(dev_run, NSG)
    assert nsg.inputs["networkSecurityGroupName"] == "nsg-contoso-ml-dev-weu-pe"
    assert subnet.inputs["networkSecurityGroup"]["id"].endswith(
        "/networkSecurityGroups/" + nsg.inputs["networkSecurityGroupName"]
    )
    hub = one(dev_run, "amllz:index:Hub")
    assert (vnet.parent, subnet.parent, nsg.parent) == (hub.urn, hub.urn, hub.urn)


def test_every_endpoint_goes_into_the_spoke_subnet(dev_run: ProgramRun) -> None:
    subnet = one(dev_run, SUBNET)
    subnet_id = dev_run.outputs["hub"]["privateEndpointSubnetId"]
    assert subnet_id.endswith("/subnets/" + subnet.inputs["subnetName"])
    endpoints = of_type(dev_run, PE)
    assert len(endpoints) == 5
    for endpoint in endpoints:
        assert endpoint.inputs["subnet"] == {"id": subnet_id}
        # a named NIC rather than Azure's generated one (create-only)
        name = endpoint.inputs["privateEndpointName"]
        assert endpoint.inputs["customNetworkInterfaceName"] == f"{name}-nic"
        assert endpoint.property_dependencies["subnet"] == (subnet.urn,)


def test_bring_your_own_subnet_creates_no_network() -> None:
    run = scenario("enterprise")
    assert of_type(run, VNET) == of_type(run, SUBNET) == of_type(run, NSG) == []
    endpoints = of_type(run, PE)
    assert len(endpoints) == 5
    assert all(e.inputs["subnet"] == {"id": BYO_SUBNET} for e in endpoints)
    assert run.outputs["hub"]["privateEndpointSubnetId"] == BYO_SUBNET


def test_created_zones_link_to_the_spoke_and_the_given_networks() -> None:
    run = scenario("us-gov")
    spoke_name = one(run, VNET).inputs["virtualNetworkName"]
    linked: dict[str, set[str]] = {}
    for link in of_type(run, LINK):
        network_id = link.inputs["virtualNetwork"]["id"]
        key = "spoke" if network_id.endswith(f"/virtualNetworks/{spoke_name}") else network_id
        linked.setdefault(key, set()).add(link.inputs["privateZoneName"])
        expected = f"link-{spoke_name}" if key == "spoke" else "link-vnet-hub-"
        assert link.inputs["virtualNetworkLinkName"].startswith(expected)
    assert set(linked) == {"spoke", CONNECTIVITY_HUB_VNET}
    assert linked["spoke"] == linked[CONNECTIVITY_HUB_VNET]
    assert len(linked["spoke"]) == 6
