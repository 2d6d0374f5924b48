"""Component args, generated from the specs: do not edit.

``python -m aml_landing_zone.config.typed_args`` writes them from the specs' fields and
their ``typed_args`` declarations (``config/typed_args.py`` says how)."""

from collections.abc import Mapping, Sequence
from typing import NotRequired, TypedDict

import pulumi

from ..enums import DnsMode, FirewallSku, IsolationMode, OutboundRuleType, Protocol


class OutboundRuleArgs(TypedDict):
    """One managed-network outbound rule. ``type`` picks which other keys apply (one flat type,
    because Pulumi schemas have no unions of objects):

    - ``FQDN``: ``destination`` (needs isolation AllowOnlyApprovedOutbound);
    - ``PrivateEndpoint``: ``service_resource_id``, ``subresource_target``, ``spark_enabled``;
    - ``ServiceTag``: ``service_tag``, ``protocol`` (TCP), ``port_ranges`` (443) (needs
      AllowOnlyApprovedOutbound)."""

    type: OutboundRuleType
    destination: NotRequired[str]
    service_resource_id: NotRequired[str]
    subresource_target: NotRequired[str]
    spark_enabled: NotRequired[bool]
    service_tag: NotRequired[str]
    protocol: NotRequired[Protocol]
    port_ranges: NotRequired[str]


class ManagedNetworkArgs(TypedDict):
    """The hub's managed network; rule keys are stable rule names."""

    isolation_mode: NotRequired[IsolationMode]
    firewall_sku: NotRequired[FirewallSku]
    provision_network_now: NotRequired[bool]
    outbound_rules: NotRequired[Mapping[str, OutboundRuleArgs]]


class EncryptionArgs(TypedDict):
    """Customer-managed key: created in the hub vault, or ``key_vault_id`` + ``key_uri``."""

    key_name: NotRequired[str]
    key_vault_id: NotRequired[str]
    key_uri: NotRequired[pulumi.Input[str]]
    key_expires_on: NotRequired[str]
    service_side_encryption: NotRequired[bool]
    cosmos_db_principal_id: pulumi.Input[str]


class MonitoringArgs(TypedDict):
    """Application Insights and Log Analytics behind an Azure Monitor Private Link Scope (on by
    default). ``private_link_scope_id`` joins the platform's scope instead of creating one;
    it is required with ``log_analytics_workspace_id`` or
    ``network.private_endpoints: False``."""

    private: NotRequired[bool]
    private_link_scope_id: NotRequired[pulumi.Input[str]]


class SpokeNetworkArgs(TypedDict):
    """A spoke virtual network created for the private endpoints (IPv4 CIDRs)."""

    address_space: str
    private_endpoint_subnet: str


class PrivateDnsArgs(TypedDict):
    """Who owns the privatelink zones: ``create`` them here (linked to the spoke and
    ``link_virtual_network_ids``), ``existing`` central zones (``zone_ids`` by zone name), or
    ``none`` (Azure Policy registers the records)."""

    mode: NotRequired[DnsMode]
    zone_ids: NotRequired[Mapping[str, pulumi.Input[str]]]
    link_virtual_network_ids: NotRequired[Sequence[str]]


class NetworkArgs(TypedDict):
    """Private endpoints (on by default) go into ``subnet_id`` or a spoke created here
    (``virtual_network``); ``private_endpoints: False`` when Azure Policy deploys them."""

    private_endpoints: NotRequired[bool]
    subnet_id: NotRequired[pulumi.Input[str]]
    virtual_network: NotRequired[SpokeNetworkArgs]
    dns: NotRequired[PrivateDnsArgs]
