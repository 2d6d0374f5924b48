"""Inputs of the Hub component, as TypedDicts another stack (or language) can fill in.

Values that decide which resources exist or how they are named are plain values (known at
preview); values Azure only consumes are ``pulumi.Input``. Absent keys mean the secure default."""

from collections.abc import Mapping, Sequence
from typing import NotRequired, TypedDict

import pulumi


class OutboundRuleArgs(TypedDict):
    """One managed-network outbound rule. ``type`` picks which other keys apply (one flat type,
    because Pulumi schemas have no unions of objects):

    - ``FQDN``: ``destination`` (needs isolation AllowOnlyApprovedOutbound);
    - ``PrivateEndpoint``: ``service_resource_id``, ``subresource_target``, ``spark_enabled``;
    - ``ServiceTag``: ``service_tag``, ``protocol`` (TCP), ``port_ranges`` (443) (needs
      AllowOnlyApprovedOutbound)."""

    type: str
    destination: NotRequired[str]
    service_resource_id: NotRequired[str]
    subresource_target: NotRequired[str]
    spark_enabled: NotRequired[bool]
    service_tag: NotRequired[str]
    protocol: NotRequired[str]
    port_ranges: NotRequired[str]


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

    mode: str
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
    public_network_access: NotRequired[str]
    allowed_ip_ranges: NotRequired[Sequence[str]]
    managed_network: NotRequired[ManagedNetworkArgs]
    private_endpoints: NotRequired[PrivateEndpointsArgs]
    identity: NotRequired[str]
    encryption: NotRequired[EncryptionArgs]
    key_vault_purge_protection: NotRequired[bool]
    log_analytics_workspace_id: NotRequired[pulumi.Input[str]]
    container_registry: NotRequired[bool]
    storage_sku: NotRequired[pulumi.Input[str]]
    high_business_impact: NotRequired[bool]
    project_creator_group_ids: NotRequired[Sequence[str]]
    log_retention_days: NotRequired[pulumi.Input[int]]
    protect: NotRequired[bool]
