"""Private endpoints and their DNS: the one way every component reaches a resource privately.

DNS has three owners, chosen per landing zone:

* ``create``: the ``privatelink`` zones are created here, once per zone name however many
  endpoints use it, and linked to the given virtual networks;
* ``existing``: a central team owns the zones; their ids come from config;
* ``none``: no zone group at all, because Azure Policy (DeployIfNotExists) registers the records.

Dependencies follow what each resource reads: an endpoint waits for its subnet and target only,
a zone group for its endpoint and zones, a link for its zone and network. Nothing waits for more.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import network, privatedns

from ..enums import DnsMode
from ..naming import Naming
from ..resource_types import PRIVATE_ENDPOINT
from .interfaces import PrivateEndpoints
from .lifecycle import registered_lifecycle

ZONE_GROUP_NAME = "default"


@dataclass(frozen=True)
class EndpointTarget:
    """A private-link resource: ``key`` is stable (Pulumi names), ``name`` its Azure name."""

    key: str
    name: str
    resource_id: pulumi.Input[str]
    group: str
    zones: tuple[str, ...]


@dataclass(frozen=True)
class NetworkLink:
    """A virtual network the created zones resolve in; ``key`` is stable (Pulumi names)."""

    key: str
    link_name: str
    virtual_network_id: pulumi.Input[str]


def private_dns_zones(
    prefix: str,
    mode: DnsMode,
    zone_names: Iterable[str],
    resource_group_name: pulumi.Input[str],
    *,
    parent: pulumi.Resource,
    existing_ids: Mapping[str, pulumi.Input[str]] | None = None,
    links: Iterable[NetworkLink] = (),
    tags: Mapping[str, str] | None = None,
) -> dict[str, pulumi.Input[str]] | None:
    """The zone id for each zone name, or None when DNS is left to policy (mode ``none``)."""
    names = list(dict.fromkeys(zone_names))
    if mode == "none":
        return None
    if mode == "existing":
        # DnsSettings.issues has checked that every zone these endpoints need is given.
        given = {zone.lower(): zone_id for zone, zone_id in (existing_ids or {}).items()}
        return {zone: given[zone.lower()] for zone in names}
    zone_ids: dict[str, pulumi.Input[str]] = {}
    for zone_name in names:
        zone = privatedns.PrivateZone(
            f"{prefix}-{zone_name}",
            private_zone_name=zone_name,
            resource_group_name=resource_group_name,
            location="global",
            tags=dict(tags or {}),
            opts=pulumi.ResourceOptions(parent=parent),
        )
        for link in links:
            privatedns.VirtualNetworkLink(
                f"{prefix}-{zone_name}-link-{link.key}",
                virtual_network_link_name=link.link_name,
                private_zone_name=zone.name,
                resource_group_name=resource_group_name,
                location="global",
                virtual_network={"id": link.virtual_network_id},
                registration_enabled=False,
                tags=dict(tags or {}),
                opts=pulumi.ResourceOptions(parent=parent),
            )
        zone_ids[zone_name] = zone.id
    return zone_ids


def private_endpoint(
    prefix: str,
    target: EndpointTarget,
    *,
    naming: Naming,
    placement: PrivateEndpoints,
    resource_group_name: pulumi.Input[str],
    location: pulumi.Input[str],
    parent: pulumi.Resource,
    tags: Mapping[str, str] | None = None,
    depends_on: Sequence[pulumi.Resource] = (),
) -> network.PrivateEndpoint:
    """One endpoint for ``target.group`` in ``placement``'s subnet and, unless DNS is left to
    policy, ONE zone group holding every zone the group needs (``amlworkspace``: api +
    notebooks together). ``depends_on`` is for what the target's id does not say (an Azure
    Monitor scope's links)."""
    name = naming.private_endpoint(target.name, target.group)
    endpoint = network.PrivateEndpoint(
        f"{prefix}-pep-{target.key}",
        private_endpoint_name=name,
        custom_network_interface_name=f"{name}-nic",
        resource_group_name=resource_group_name,
        location=location,
        subnet={"id": placement.subnet_id},
        private_link_service_connections=[
            {
                "name": name,
                "private_link_service_id": target.resource_id,
                "group_ids": [target.group],
            }
        ],
        tags=dict(tags or {}),
        opts=registered_lifecycle(
            pulumi.ResourceOptions(parent=parent, depends_on=list(depends_on) or None),
            PRIVATE_ENDPOINT,
        ),
    )
    zone_ids = placement.zone_ids
    if zone_ids is not None:
        network.PrivateDnsZoneGroup(
            f"{prefix}-pep-{target.key}-dns",
            private_dns_zone_group_name=ZONE_GROUP_NAME,
            private_endpoint_name=endpoint.name,
            resource_group_name=resource_group_name,
            private_dns_zone_configs=[
                {"name": zone.replace(".", "-"), "private_dns_zone_id": zone_ids[zone]}
                for zone in target.zones
            ],
            opts=pulumi.ResourceOptions(parent=parent),
        )
    return endpoint
