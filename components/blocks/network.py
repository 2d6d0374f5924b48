"""The subnet private endpoints go into: brought by the connectivity team, or a small spoke.

The spoke is the least a private endpoint needs: one virtual network, one subnet with network
policies enabled (so NSG rules apply to the endpoints), no default outbound internet access, and
an NSG (landing-zone policies deny subnets without one). Address ranges are checked by
``VirtualNetworkSettings`` before anything is built. Peering it to the connectivity hub is
left to the connectivity team's own pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import network

from ..naming import Naming

ENDPOINT_SUBNET_PURPOSE = "pe"


@dataclass(frozen=True)
class SpokeNetwork:
    virtual_network: network.VirtualNetwork
    subnet: network.Subnet
    security_group: network.NetworkSecurityGroup


def spoke_network(
    prefix: str,
    naming: Naming,
    *,
    resource_group_name: pulumi.Input[str],
    location: pulumi.Input[str],
    address_space: str,
    endpoint_subnet: str,
    parent: pulumi.Resource,
    tags: Mapping[str, str] | None = None,
) -> SpokeNetwork:
    child = pulumi.ResourceOptions(parent=parent)
    vnet = network.VirtualNetwork(
        f"{prefix}-vnet",
        virtual_network_name=naming.virtual_network(),
        resource_group_name=resource_group_name,
        location=location,
        address_space={"address_prefixes": [address_space]},
        tags=dict(tags or {}),
        opts=child,
    )
    nsg = network.NetworkSecurityGroup(
        f"{prefix}-nsg-{ENDPOINT_SUBNET_PURPOSE}",
        network_security_group_name=naming.network_security_group(ENDPOINT_SUBNET_PURPOSE),
        resource_group_name=resource_group_name,
        location=location,
        tags=dict(tags or {}),
        opts=child,
    )
    subnet = network.Subnet(
        f"{prefix}-snet-{ENDPOINT_SUBNET_PURPOSE}",
        subnet_name=naming.subnet(ENDPOINT_SUBNET_PURPOSE),
        virtual_network_name=vnet.name,
        resource_group_name=resource_group_name,
        address_prefix=endpoint_subnet,
        network_security_group={"id": nsg.id},
        private_endpoint_network_policies="Enabled",
        default_outbound_access=False,
        opts=child,
    )
    return SpokeNetwork(vnet, subnet, nsg)
