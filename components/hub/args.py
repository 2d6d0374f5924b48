"""Inputs of the Hub component, as TypedDicts another stack (or language) can fill in.

They mirror the stack file's keys in snake_case (``hub.managedNetwork.isolationMode`` is
``managed_network.isolation_mode``) and are validated by the same model (``hub.config.HubSpec``),
so allowed values, defaults and cross-key rules are written once. Values that decide which
resources exist or how they are named are plain values (known at preview); ids Azure only consumes
may be ``pulumi.Input``. Absent keys mean the secure default."""

from collections.abc import Mapping, Sequence
from typing import NotRequired, TypedDict

import pulumi

from ..enums import (
    DnsMode,
    FirewallSku,
    IdentityType,
    IsolationMode,
    OutboundRuleType,
    Protocol,
    PublicNetworkAccess,
    StorageRedundancy,
)


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


class EncryptionArgs(TypedDict):
    """Customer-managed key: created in the hub vault, or ``key_vault_id`` + ``key_uri``."""

    cosmos_db_principal_id: pulumi.Input[str]
    key_name: NotRequired[str]
    key_vault_id: NotRequired[str]
    key_uri: NotRequired[pulumi.Input[str]]
    key_expires_on: NotRequired[str]
    service_side_encryption: NotRequired[bool]


class MonitoringArgs(TypedDict):
    """Application Insights and Log Analytics behind an Azure Monitor Private Link Scope (on by
    default). ``private_link_scope_id`` joins the platform's scope instead of creating one; it is
    required with ``log_analytics_workspace_id`` or ``network.private_endpoints: False``."""

    private: NotRequired[bool]
    private_link_scope_id: NotRequired[str]


class ServerlessComputeArgs(TypedDict):
    """Serverless compute in ``subnet_id``, without public IPs unless ``no_public_ip`` is False."""

    subnet_id: pulumi.Input[str]
    no_public_ip: NotRequired[bool]


class MlRegistryAccessArgs(TypedDict):
    """Another stack's promotion registry the hub's managed network reaches: the registry and
    the storage account and container registry Azure created for it (outputs of that stack),
    and the environment that owns it."""

    registry_id: pulumi.Input[str]
    storage_account_id: pulumi.Input[str]
    container_registry_id: pulumi.Input[str]
    owner: str


class HubArgs(TypedDict):
    """Inputs of a Hub. Naming parts are plain strings: names must be known at preview time.
    ``tags`` must include costCenter and owner."""

    organization: str
    environment: str
    location: str
    tags: Mapping[str, str]
    workload: NotRequired[str]
    name_seed: NotRequired[str]
    naming_version: NotRequired[int]
    subscription_id: NotRequired[str]
    public_network_access: NotRequired[PublicNetworkAccess]
    allowed_ip_ranges: NotRequired[Sequence[str]]
    managed_network: NotRequired[ManagedNetworkArgs]
    network: NotRequired[NetworkArgs]
    identity: NotRequired[IdentityType]
    encryption: NotRequired[EncryptionArgs]
    key_vault_purge_protection: NotRequired[bool]
    key_vault_soft_delete_retention_days: NotRequired[int]
    registry_zone_redundancy: NotRequired[bool]
    image_build_compute: NotRequired[str]
    log_analytics_workspace_id: NotRequired[pulumi.Input[str]]
    container_registry: NotRequired[bool]
    storage_redundancy: NotRequired[StorageRedundancy]
    high_business_impact: NotRequired[bool]
    project_creator_group_ids: NotRequired[Sequence[str]]
    log_retention_days: NotRequired[int]
    rbac_propagation_wait: NotRequired[str]
    monitoring: NotRequired[MonitoringArgs]
    serverless_compute: NotRequired[ServerlessComputeArgs]
    protect: NotRequired[bool]
    ml_registry: NotRequired[bool]
    ml_registry_regions: NotRequired[Sequence[str]]
    ml_registry_access: NotRequired[MlRegistryAccessArgs]
