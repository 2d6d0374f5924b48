"""Network isolation: where the hub's private endpoints go and who owns their DNS.

Private endpoints are on by default (seed 004: "Azure Machine Learning and dependent resources are
configured to use Private Link endpoints"). They need a subnet: an existing one from the
connectivity team (``subnetId``) or a small spoke created here (``virtualNetwork``)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field, field_validator

from ..arm import check_resource_id, parent_id, resource_id_check, resource_name
from ..codes import BAD_NETWORK, BAD_REFERENCE, DUPLICATE
from ..dns_zones import MONITOR_GROUP, zones_needed
from ..enums import DnsMode
from ..ipranges import address_space_problem, endpoint_subnet_problem, parse_cidr
from .base import (
    ConfigIssue,
    DumpOutputs,
    KeepOutputs,
    StrictModel,
    TypedArgs,
    is_known,
    report,
    under,
)
from .monitoring import scope_subnet_problem

SUBNET_TYPE = "Microsoft.Network/virtualNetworks/subnets"
VNET_TYPE = "Microsoft.Network/virtualNetworks"
ZONE_TYPE = "Microsoft.Network/privateDnsZones"
SubnetId = Annotated[str, AfterValidator(resource_id_check(SUBNET_TYPE)), KeepOutputs]
ZoneId = Annotated[str, AfterValidator(resource_id_check(ZONE_TYPE)), KeepOutputs, DumpOutputs]


class VirtualNetworkSettings(StrictModel):
    """A spoke virtual network created for the landing zone, with one private-endpoint subnet."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "SpokeNetworkArgs",
        "A spoke virtual network created for the private endpoints (IPv4 CIDRs).",
    )

    address_space: str = Field(description="IPv4 CIDR of the spoke, e.g. 10.40.0.0/24.")
    private_endpoint_subnet: str = Field(
        description="IPv4 CIDR of the private-endpoint subnet inside addressSpace; /28 or larger."
    )

    @field_validator("address_space", "private_endpoint_subnet")
    @classmethod
    def _cidr(cls, value: str) -> str:
        parse_cidr(value)
        return value

    def issues(self) -> list[ConfigIssue]:
        space, subnet = parse_cidr(self.address_space), parse_cidr(self.private_endpoint_subnet)
        issues = []
        if problem := address_space_problem(space):
            issues.append(ConfigIssue(("addressSpace",), problem, BAD_NETWORK))
        if problem := endpoint_subnet_problem(space, subnet):
            issues.append(ConfigIssue(("privateEndpointSubnet",), problem, BAD_NETWORK))
        return issues


class DnsSettings(StrictModel):
    """Who owns the ``privatelink`` DNS zones the endpoints register in."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "PrivateDnsArgs",
        """Who owns the privatelink zones: ``create`` them here (linked to the spoke and
        ``link_virtual_network_ids``), ``existing`` central zones (``zone_ids`` by zone name), or
        ``none`` (Azure Policy registers the records).""",
    )

    mode: DnsMode = Field(
        DnsMode.CREATE,
        description="create: zones are created here and linked to the spoke and "
        "linkVirtualNetworkIds; existing: zones owned centrally, ids in zoneIds; none: no zone "
        "group at all (Azure Policy or a central team registers the records).",
    )
    zone_ids: dict[str, ZoneId] = Field(
        default_factory=dict,
        description="mode existing: private DNS zone id per zone name (every zone the endpoints "
        "need in this cloud).",
    )
    link_virtual_network_ids: list[str] = Field(
        default_factory=list,
        description="mode create: more virtual networks (e.g. the connectivity hub) to link the "
        "zones to.",
    )

    @field_validator("zone_ids")
    @classmethod
    def _zone_ids(cls, zone_ids: dict[str, str]) -> dict[str, str]:
        issues = []
        for zone, zone_id in zone_ids.items():
            if not is_known(zone_id):
                continue  # an Output: its value is not known until deployment
            if resource_name(zone_id).lower() != zone.lower():
                issues.append(ConfigIssue((zone,), f"the id '{zone_id}' is for a different zone"))
        report(issues)
        return zone_ids

    @field_validator("link_virtual_network_ids")
    @classmethod
    def _vnet_ids(cls, ids: list[str]) -> list[str]:
        seen: set[str] = set()
        issues = []
        for index, vnet_id in enumerate(ids):
            try:
                check_resource_id(vnet_id, VNET_TYPE)
            except ValueError as error:
                issues.append(ConfigIssue((index,), str(error), BAD_REFERENCE))
                continue
            if vnet_id.lower() in seen:
                issues.append(ConfigIssue((index,), f"'{vnet_id}' is listed twice", DUPLICATE))
            seen.add(vnet_id.lower())
        report(issues)
        return ids

    def issues(
        self,
        location: str | None,
        groups: tuple[str, ...] | None,
        other_zones: tuple[str, ...] = (),
    ) -> list[ConfigIssue]:
        """Zone ids must match the zones this cloud's endpoints need, and only in their mode.
        Without a valid location or endpoint groups the zones are not known, so not compared.
        ``other_zones``: zones given for something besides the endpoints (the inference
        cluster's API server zone, which the inference checks require)."""
        issues: list[ConfigIssue] = []
        if self.mode != "existing" and self.zone_ids:
            issues.append(
                ConfigIssue(("zoneIds",), f"only used with mode 'existing' ({self.mode})")
            )
        if self.mode != "create" and self.link_virtual_network_ids:
            issues.append(
                ConfigIssue(
                    ("linkVirtualNetworkIds",), f"only used with mode 'create' ({self.mode})"
                )
            )
        if self.mode != "existing" or location is None or groups is None:
            return issues
        needed = zones_needed(location, groups)
        given = {zone.lower(): zone for zone in self.zone_ids}
        for zone in needed:
            if zone.lower() not in given:
                issues.append(
                    ConfigIssue(
                        ("zoneIds", zone),
                        f"missing: mode 'existing' needs the id of the private DNS zone '{zone}'",
                    )
                )
        wanted = {zone.lower() for zone in (*needed, *other_zones)}
        for key, zone in given.items():
            if key not in wanted:
                issues.append(
                    ConfigIssue(
                        ("zoneIds", zone),
                        f"not a zone these endpoints use in {location} "
                        f"(expected: {', '.join(needed)})",
                    )
                )
        return issues


class NetworkSettings(StrictModel):
    """Private endpoints for the hub and its associated resources, and their DNS."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "NetworkArgs",
        """Private endpoints (on by default) go into ``subnet_id`` or a spoke created here
        (``virtual_network``); ``private_endpoints: False`` when Azure Policy deploys them.""",
    )

    private_endpoints: bool = Field(
        True,
        description="Give the hub workspace, storage (blob, file), key vault, registry and the "
        "hub's Azure Monitor Private Link Scope private endpoints. Needs subnetId or "
        "virtualNetwork.",
    )
    subnet_id: SubnetId | None = Field(
        None, description="Bring your own: the subnet the private endpoints go into."
    )
    virtual_network: VirtualNetworkSettings | None = Field(
        None, description="Create a small spoke virtual network for the private endpoints."
    )
    dns: DnsSettings = Field(
        default_factory=DnsSettings,  # type: ignore[arg-type]
        description="Who owns the privatelink DNS zones the endpoints register in.",
    )

    def issues(
        self,
        location: str | None,
        groups: tuple[str, ...] | None,
        other_zones: tuple[str, ...] = (),
    ) -> list[ConfigIssue]:
        """Checks across network keys; the zone checks need ``location`` and ``groups``."""
        issues: list[ConfigIssue] = []
        if not self.private_endpoints:
            for key, value in (
                ("subnetId", self.subnet_id),
                ("virtualNetwork", self.virtual_network),
                ("dns", self.dns != DnsSettings()),  # type: ignore[call-arg]
            ):
                if value:
                    issues.append(ConfigIssue((key,), "only used when privateEndpoints is true"))
            return issues
        if self.subnet_id and self.virtual_network:
            issues.append(
                ConfigIssue(
                    ("virtualNetwork",),
                    "give either subnetId (bring your own subnet) or virtualNetwork (create a "
                    "spoke), not both",
                )
            )
        elif not self.subnet_id and not self.virtual_network:
            issues.append(
                ConfigIssue(
                    (),
                    "privateEndpoints is true but no subnet is given: set subnetId (bring your "
                    "own subnet) or virtualNetwork (create a spoke), or set privateEndpoints: "
                    "false if Azure Policy deploys the endpoints",
                )
            )
        if self.virtual_network is not None:
            vnet_issues = self.virtual_network.issues()
            subnet = parse_cidr(self.virtual_network.private_endpoint_subnet)
            problem = scope_subnet_problem(subnet.prefixlen)
            if not vnet_issues and groups and MONITOR_GROUP in groups and problem:
                vnet_issues.append(ConfigIssue(("privateEndpointSubnet",), problem, BAD_NETWORK))
            issues += under(("virtualNetwork",), vnet_issues)
        if (
            self.dns.mode == "create"
            and self.subnet_id
            and is_known(self.subnet_id)
            and not self.virtual_network
            and not self.dns.link_virtual_network_ids
        ):
            issues.append(
                ConfigIssue(
                    ("dns", "linkVirtualNetworkIds"),
                    "mode 'create' with your own subnet needs at least one virtual network to "
                    f"link the zones to (e.g. the subnet's own: {parent_id(self.subnet_id)})",
                )
            )
        issues += under(("dns",), self.dns.issues(location, groups, other_zones))
        return issues
