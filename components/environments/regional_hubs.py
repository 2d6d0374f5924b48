"""Regional training (seed 002): a hub-only landing zone per extra training region, so compute
runs where the data is.

A regional hub is the stack's hub in another region, with its own spoke, and it shares what
must exist once per estate with the stack's own (primary) hub:

* **Private DNS.** A network resolves one zone per name, and Azure refuses a second zone of the
  same name linked to a network that already has one ("A virtual network cannot be linked to
  multiple zones with overlapping namespaces";
  https://learn.microsoft.com/azure/private-link/private-link-faq). With zones
  created here (``dns.mode: create``) the regional hub registers its endpoints in the primary
  hub's zones, which get a link to its spoke; central zones (``existing``) are used as given.
* **Azure Monitor.** One Azure Monitor Private Link Scope per DNS: a second scope on the same
  zones overwrites the first one's records, so the regional hub's monitoring joins the scope
  the primary hub created (https://learn.microsoft.com/azure/azure-monitor/logs/private-link-design).
* **Serverless compute** runs in a subnet of the hub's own region
  (``environments.regions.networks.<region>.serverlessComputeSubnetId``), never the primary's.

A regional hub has no projects, data products or online endpoints (its alerts and budgets are
the stack's, on its own workspace)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import privatedns

from ..arm import parent_id, resource_group_of
from ..blocks.tags import landing_zone_tags
from ..config import LandingZoneConfig
from ..config.network import DnsSettings, NetworkSettings
from ..dns_zones import zones_needed
from ..hub.args import MlRegistryAccessArgs
from ..hub.component import Hub
from ..hub.config import ServerlessComputeSettings
from ..landing_zone import LandingZone
from ..naming import Naming, deployment_subscription
from ..regions import normalize_region, region_code
from .config import RegionNetworkSettings


@dataclass(frozen=True)
class SharedWithRegions:
    """What the primary hub shares with the regional ones: the zones it created (zone name ->
    id) and the Azure Monitor scope it created; None where it created none."""

    zone_ids: Mapping[str, pulumi.Input[str]] | None = None
    scope_id: pulumi.Input[str] | None = None

    @classmethod
    def of(cls, config: LandingZoneConfig, hub: Hub) -> SharedWithRegions:
        scope_id = hub.created_private_link_scope_id
        if config.network.dns.mode != "create" or hub.private_dns_zone_ids is None:
            return cls(scope_id=scope_id)
        every = hub.private_dns_zone_ids
        needed = zones_needed(config.location, config.hub.endpoint_groups)
        ids = {zone: _entry(every, zone) for zone in needed}
        return cls(ids, scope_id)


def _entry(by_name: pulumi.Output[dict[str, str]], name: str) -> pulumi.Output[str]:
    """One value of an Output mapping, still waiting for what the mapping waits for."""
    return by_name.apply(lambda values: str(values[name]))


def regional_configs(
    config: LandingZoneConfig, shared: SharedWithRegions | None = None
) -> dict[str, LandingZoneConfig]:
    """A hub-only landing zone per extra training region, each with its own spoke; budgets and
    alerts follow the stack's, endpoints stay with the workspaces that hold them."""
    settings = config.environments
    if settings is None:
        return {}
    networks = {normalize_region(r): n for r, n in settings.regions.networks.items()}
    return {
        region: _regional(config, region, networks[region], shared or SharedWithRegions())
        for region in settings.regions.extra(config.location)
    }


def _regional(
    config: LandingZoneConfig,
    region: str,
    network: RegionNetworkSettings,
    shared: SharedWithRegions,
) -> LandingZoneConfig:
    monitoring = config.hub.monitoring
    if shared.scope_id is not None:  # join the primary's scope: one per DNS
        monitoring = monitoring.model_copy(update={"private_link_scope_id": shared.scope_id})
    serverless = config.hub.serverless_compute
    if serverless is not None:  # a subnet of its own region (config requires one), never the
        own = network.serverless_compute_subnet_id  # primary's
        serverless = (
            ServerlessComputeSettings(subnet_id=own, no_public_ip=serverless.no_public_ip)
            if own is not None
            else None
        )
    hub = config.hub.model_copy(
        update={
            "ml_registry": False,
            "project_creators": [],
            "monitoring": monitoring,
            "serverless_compute": serverless,
        }
    )
    groups = hub.endpoint_groups
    return config.model_copy(
        update={
            "location": region,
            "projects": [],
            "data_products": [],  # data products live with the stack's own hub
            "network": _network(config.network, network, zones_needed(region, groups), shared),
            "hub": hub,
            "observability": config.observability.model_copy(update={"endpoints": {}}),
        }
    )


def _network(
    primary: NetworkSettings,
    spoke: RegionNetworkSettings,
    needed: Sequence[str],
    shared: SharedWithRegions,
) -> NetworkSettings:
    """The regional spoke, registering in the primary's zones (created or central)."""
    dns = primary.dns
    if shared.zone_ids is not None:
        dns = DnsSettings.model_validate(
            {"mode": "existing", "zone_ids": {zone: shared.zone_ids[zone] for zone in needed}}
        )
    elif dns.mode == "existing":
        given = {zone.lower(): zone_id for zone, zone_id in dns.zone_ids.items()}
        dns = dns.model_copy(update={"zone_ids": {zone: given[zone.lower()] for zone in needed}})
    return primary.model_copy(
        update={"subnet_id": None, "virtual_network": spoke.spoke(), "dns": dns}
    )


def regional_zones(
    name: str,
    config: LandingZoneConfig,
    primary: LandingZone,
    parent: pulumi.Resource,
    *,
    ml_registry_access: MlRegistryAccessArgs | None = None,
) -> dict[str, LandingZone]:
    """One LandingZone per extra training region (``<name>-<region code>``), its spoke linked to
    the primary hub's zones when the primary created them, its managed network reaching the
    promotion registry as the primary's does."""
    shared = SharedWithRegions.of(config, primary.hub)
    zones = {}
    for region, regional in regional_configs(config, shared).items():
        zone_name = f"{name}-{region_code(region)}"
        zone = LandingZone(
            zone_name,
            regional,
            pulumi.ResourceOptions(parent=parent),
            ml_registry_access=ml_registry_access,
        )
        _link_spoke(zone_name, zone, regional, shared)
        zones[region] = zone
    return zones


def _link_spoke(
    name: str, zone: LandingZone, regional: LandingZoneConfig, shared: SharedWithRegions
) -> None:
    """A link from each of the primary's zones (in the primary's group) to the regional spoke,
    which Azure accepts as the spoke has no other zone of that name."""
    subnet_id = zone.hub.private_endpoint_subnet_id
    if shared.zone_ids is None or subnet_id is None:
        return
    naming = Naming(
        *(regional.organization, regional.workload, regional.environment, regional.location),
        deployment_subscription(),
        regional.name_seed,
        regional.naming_version,
    )
    tags = landing_zone_tags(regional.environment, regional.workload, regional.tags)
    vnet_id = subnet_id.apply(parent_id)
    for zone_name, given in sorted(shared.zone_ids.items()):
        zone_id = pulumi.Output.from_input(given)
        privatedns.VirtualNetworkLink(
            f"{name}-dns-{zone_name}-link-spoke",
            virtual_network_link_name=naming.dns_link(naming.virtual_network()),
            private_zone_name=_named(zone_id, zone_name),
            resource_group_name=zone_id.apply(resource_group_of),
            location="global",
            virtual_network={"id": vnet_id},
            registration_enabled=False,
            tags=tags,
            opts=pulumi.ResourceOptions(parent=zone),
        )


def _named(zone_id: pulumi.Output[str], zone_name: str) -> pulumi.Output[str]:
    """The zone's name, once the zone (its id) exists."""
    return zone_id.apply(lambda _: zone_name)
