"""Component args, generated from the specs: do not edit.

``python -m aml_landing_zone.config.typed_args`` writes them from the specs' fields and
their ``typed_args`` declarations (``config/typed_args.py`` says how)."""

from collections.abc import Mapping, Sequence
from typing import NotRequired, TypedDict

import pulumi

from ..computes.args import DataProductComputesArgs
from ..config.shared_args import EncryptionArgs, MonitoringArgs, PrivateDnsArgs
from ..enums import IsolationMode


class LakeArgs(TypedDict):
    """An ADLS Gen2 account of the landing zone; ``production`` when it holds production data."""

    storage_account_id: str
    file_systems: Sequence[str]
    production: NotRequired[bool]
    location: NotRequired[str]
    data_residency: NotRequired[bool]


class DataLandingZoneArgs(TypedDict):
    """What the data landing zone provides: spoke subnet, central DNS zones and Log Analytics,
    lakes by key, and the Synapse and Databricks workspaces products connect to."""

    subnet_id: pulumi.Input[str]
    dns: NotRequired[PrivateDnsArgs]
    log_analytics_workspace_id: NotRequired[pulumi.Input[str]]
    monitoring: NotRequired[MonitoringArgs]
    lakes: NotRequired[Mapping[str, LakeArgs]]
    synapse_workspace_id: NotRequired[str]
    databricks_workspace_id: NotRequired[str]


class DatastoreArgs(TypedDict):
    """An identity-based datastore: ``access`` is ``read`` (default) or ``write``."""

    lake: str
    file_system: str
    access: NotRequired[str]


class DataProductGroupsArgs(TypedDict):
    """Entra group object ids per role in the product team."""

    data_scientist: NotRequired[str]
    ml_engineer: NotRequired[str]
    reader: NotRequired[str]


class DataProductArgs(TypedDict):
    """One ML data product; ``kind`` is ``default`` (own workspace and associated resources) or
    ``project`` (under ``hub_resource_id``)."""

    name: str
    kind: NotRequired[str]
    description: NotRequired[str]
    isolation_mode: NotRequired[IsolationMode]
    high_business_impact: NotRequired[bool]
    encryption: NotRequired[EncryptionArgs]
    datastores: NotRequired[Mapping[str, DatastoreArgs]]
    groups: NotRequired[DataProductGroupsArgs]
    computes: NotRequired[DataProductComputesArgs]


class DataLandingZoneMLArgs(TypedDict):
    """Inputs of DataLandingZoneML. Naming parts are plain strings (names are known at preview);
    ``production``: the stack is governed as production (may write to production lakes)."""

    organization: str
    workload: NotRequired[str]
    environment: str
    location: str
    naming_version: NotRequired[int]
    name_seed: NotRequired[str]
    tags: Mapping[str, str]
    data_landing_zone: DataLandingZoneArgs
    data_products: Sequence[DataProductArgs]
    subscription_id: NotRequired[str]
    hub_resource_id: NotRequired[pulumi.Input[str]]
    production: NotRequired[bool]
    hub_high_business_impact: NotRequired[bool]
    protect: NotRequired[bool]
    rbac_propagation_wait: NotRequired[str]
