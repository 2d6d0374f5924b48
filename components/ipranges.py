"""IPv4 ranges as Azure accepts them, checked with the stdlib ``ipaddress`` before Azure sees them.

Shared by the config model (to report a key path) and the network block (to refuse bad args from
another stack). Every function returns a problem description or ``None``; none raises."""

from __future__ import annotations

import ipaddress

# Azure's smallest subnet is /29; private endpoints need room for more than Azure's 5 reserved
# addresses, so the landing zone asks for at least /28 (11 usable addresses).
MIN_ENDPOINT_SUBNET_PREFIX = 28

# Ranges Azure refuses in a virtual network's address space (Azure Virtual Network FAQ).
AZURE_RESERVED: tuple[ipaddress.IPv4Network, ...] = tuple(
    ipaddress.IPv4Network(cidr)
    for cidr in (
        "224.0.0.0/4",  # multicast
        "255.255.255.255/32",  # broadcast
        "127.0.0.0/8",  # loopback
        "169.254.0.0/16",  # link-local
        "168.63.129.16/32",  # Azure's internal DNS / health probe address
    )
)


def parse_cidr(value: str) -> ipaddress.IPv4Network:
    """An IPv4 network in CIDR form; ``ValueError`` with an actionable message otherwise."""
    if "/" not in value:
        raise ValueError(f"'{value}' is not a CIDR range (e.g. 10.40.0.0/24)")
    try:
        network = ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise ValueError(f"'{value}' is not a CIDR range (e.g. 10.40.0.0/24)") from None
    if not isinstance(network, ipaddress.IPv4Network):
        raise ValueError(f"'{value}' is IPv6; only IPv4 ranges are supported")
    if str(network) != value:
        raise ValueError(f"'{value}' has host bits set; the range starts at {network}")
    return network


def address_space_problem(space: ipaddress.IPv4Network) -> str | None:
    """Why Azure would refuse ``space`` as a virtual network's address space, if it would."""
    for reserved in AZURE_RESERVED:
        if space.overlaps(reserved):
            return f"{space} overlaps {reserved}, which Azure reserves"
    return None


def endpoint_subnet_problem(
    space: ipaddress.IPv4Network, subnet: ipaddress.IPv4Network
) -> str | None:
    """Why ``subnet`` cannot hold the landing zone's private endpoints inside ``space``."""
    if not subnet.subnet_of(space):
        return f"{subnet} is not inside the address space {space}"
    if subnet.prefixlen > MIN_ENDPOINT_SUBNET_PREFIX:
        return (
            f"{subnet} is too small for private endpoints: use /{MIN_ENDPOINT_SUBNET_PREFIX} "
            "or larger (Azure reserves 5 addresses per subnet)"
        )
    return None


def parse_allowed_ip(value: str) -> str:
    """A public IPv4 address or range for a firewall IP rule, in the form every service accepts.

    Storage accounts reject /31 and /32 prefixes and private ranges, so a /32 becomes the plain
    address and private or reserved ranges are refused.
    """
    try:
        network = ipaddress.ip_network(value, strict=True)
    except ValueError:
        raise ValueError(
            f"'{value}' is not an IPv4 address or CIDR range (host bits must be zero)"
        ) from None
    if not isinstance(network, ipaddress.IPv4Network):
        raise ValueError(f"'{value}' is IPv6; the service firewalls here take IPv4 only")
    if not network.is_global:
        raise ValueError(f"'{value}' is not a public range; firewall IP rules apply to public IPs")
    if network.prefixlen == 32:
        return str(network.network_address)
    if network.prefixlen == 31:
        raise ValueError(
            f"'{value}': storage firewalls reject /31; list the two addresses separately"
        )
    return str(network)
