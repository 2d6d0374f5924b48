"""Inputs of the Hub component, as TypedDicts another stack (or language) can fill in.

Values that decide which resources exist or how they are named are plain values (known at
preview); values Azure only consumes are ``pulumi.Input``. Absent keys mean the secure default."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, NotRequired, TypedDict

import pulumi


class FqdnRuleArgs(TypedDict):
    """Allow outbound to a host name (needs isolation AllowOnlyApprovedOutbound)."""

    type: Literal["FQDN"]
    destination: str


class PrivateEndpointRuleArgs(TypedDict):
    """A private endpoint from the managed network to ``service_resource_id``."""

    type: Literal["PrivateEndpoint"]
    service_resource_id: str
    subresource_target: str
    spark_enabled: NotRequired[bool]


class ServiceTagRuleArgs(TypedDict):
    """Allow outbound to a service tag (needs isolation AllowOnlyApprovedOutbound)."""

    type: Literal["ServiceTag"]
    service_tag: str
    protocol: NotRequired[str]
    port_ranges: NotRequired[str]


OutboundRuleArgs = FqdnRuleArgs | PrivateEndpointRuleArgs | ServiceTagRuleArgs


class ManagedNetworkArgs(TypedDict):
    """The hub's managed network; rule keys are stable rule names."""

    isolation_mode: NotRequired[str]
    firewall_sku: NotRequired[str]
    provision_network_now: NotRequired[bool]
    outbound_rules: NotRequired[Mapping[str, OutboundRuleArgs]]


class SpokeNetworkArgs(TypedDict):
    """A spoke virtual network created for the private endpoints (IPv4 CIDRs)."""

    address_space: str
    private_endpoint_subnet: str


class PrivateDnsArgs(TypedDict):
    """mode: create | existing | none (see blocks/private_endpoint.py)."""

    mode: Literal["create", "existing", "none"]
    zone_ids: NotRequired[Mapping[str, pulumi.Input[str]]]
    link_virtual_network_ids: NotRequired[Sequence[str]]


class PrivateEndpointsArgs(TypedDict):
    """Where the hub's private endpoints go: exactly one of subnet_id / virtual_network."""

    subnet_id: NotRequired[pulumi.Input[str]]
    virtual_network: NotRequired[SpokeNetworkArgs]
    dns: NotRequired[PrivateDnsArgs]


class EncryptionArgs(TypedDict):
    """Customer-managed key: created in the hub vault, or ``key_vault_id`` + ``key_uri``."""

    cosmos_db_principal_id: pulumi.Input[str]
    key_name: NotRequired[str]
    key_vault_id: NotRequired[str]
    key_uri: NotRequired[pulumi.Input[str]]
    service_side_encryption: NotRequired[bool]


class HubArgs(TypedDict):
    """Inputs of a Hub. Naming parts are plain strings: names must be known at preview time."""

    organization: str
    environment: str
    location: str
    workload: NotRequired[str]
    tags: NotRequired[Mapping[str, str]]
    public_network_access: NotRequired[Literal["Enabled", "Disabled"]]
    allowed_ip_ranges: NotRequired[Sequence[str]]
    managed_network: NotRequired[ManagedNetworkArgs]
    private_endpoints: NotRequired[PrivateEndpointsArgs]
    identity: NotRequired[Literal["SystemAssigned", "UserAssigned"]]
    encryption: NotRequired[EncryptionArgs]
    key_vault_purge_protection: NotRequired[bool]
    log_analytics_workspace_id: NotRequired[pulumi.Input[str]]
    container_registry: NotRequired[bool]
    storage_sku: NotRequired[pulumi.Input[str]]
    high_business_impact: NotRequired[bool]
    project_creator_group_ids: NotRequired[Sequence[str]]
    log_retention_days: NotRequired[pulumi.Input[int]]
    protect: NotRequired[bool]
