"""Component args, generated from the specs: do not edit.

``python -m aml_landing_zone.config.typed_args`` writes them from the specs' fields and
their ``typed_args`` declarations (``config/typed_args.py`` says how)."""

from collections.abc import Mapping, Sequence
from typing import NotRequired, TypedDict

import pulumi

from ..config.shared_args import EncryptionArgs, ManagedNetworkArgs, MonitoringArgs, NetworkArgs
from ..enums import IdentityType, PublicNetworkAccess, StorageRedundancy


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

    public_network_access: NotRequired[PublicNetworkAccess]
    allowed_ip_ranges: NotRequired[Sequence[str]]
    managed_network: NotRequired[ManagedNetworkArgs]
    identity: NotRequired[IdentityType]
    container_registry: NotRequired[bool]
    storage_redundancy: NotRequired[StorageRedundancy]
    key_vault_purge_protection: NotRequired[bool]
    key_vault_soft_delete_retention_days: NotRequired[int]
    image_build_compute: NotRequired[str]
    registry_zone_redundancy: NotRequired[bool]
    encryption: NotRequired[EncryptionArgs]
    high_business_impact: NotRequired[bool]
    log_retention_days: NotRequired[int]
    rbac_propagation_wait: NotRequired[str]
    monitoring: NotRequired[MonitoringArgs]
    serverless_compute: NotRequired[ServerlessComputeArgs]
    protect: NotRequired[bool]
    ml_registry: NotRequired[bool]
    ml_registry_regions: NotRequired[Sequence[str]]
    organization: str
    workload: NotRequired[str]
    environment: str
    location: str
    naming_version: NotRequired[int]
    name_seed: NotRequired[str]
    tags: Mapping[str, str]
    network: NotRequired[NetworkArgs]
    log_analytics_workspace_id: NotRequired[pulumi.Input[str]]
    project_creator_group_ids: NotRequired[Sequence[str]]
    subscription_id: NotRequired[str]
    ml_registry_access: NotRequired[MlRegistryAccessArgs]
