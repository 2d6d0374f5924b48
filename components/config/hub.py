"""Hub settings: everything projects inherit (network, identity, associated resources)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import StrictModel

PublicNetworkAccess = Literal["Enabled", "Disabled"]
IsolationMode = Literal["Disabled", "AllowInternetOutbound", "AllowOnlyApprovedOutbound"]
IdentityType = Literal["SystemAssigned", "UserAssigned"]
StorageRedundancy = Literal["LRS", "ZRS", "GRS", "GZRS", "RAGRS", "RAGZRS"]

# Settings a project workspace inherits from its hub and must never set itself.
HUB_OWNED_SETTINGS: frozenset[str] = frozenset(
    {
        "publicNetworkAccess",
        "isolationMode",
        "managedNetwork",
        "containerRegistry",
        "storageRedundancy",
        "storageAccount",
        "keyVault",
        "applicationInsights",
        "encryption",
        "network",
        "privateEndpoints",
        "projectCreators",
    }
)


class HubSettings(StrictModel):
    """The hub workspace and its associated resources. Every default is the secure choice."""

    public_network_access: PublicNetworkAccess = Field(
        "Disabled",
        description="Public access to the hub, its storage, key vault and registry. "
        "'Enabled' is an explicit opt-in the policy pack flags.",
    )
    isolation_mode: IsolationMode = Field(
        "AllowOnlyApprovedOutbound",
        description="Managed network isolation shared by every project of the hub.",
    )
    identity: IdentityType = Field("SystemAssigned", description="The hub's managed identity.")
    container_registry: bool = Field(
        True,
        description="Create a Premium registry for environment images (private endpoints need Premium).",
    )
    storage_redundancy: StorageRedundancy = Field(
        "ZRS", description="Redundancy of the hub's default storage account (Standard tier)."
    )
    project_creators: list[str] = Field(
        default_factory=list,
        description="Group aliases (from 'groups') that may create projects themselves "
        "(Azure AI Developer on the hub: hubs/join).",
    )
    high_business_impact: bool = Field(
        False,
        description="HBI mode: less telemetry, encrypted local scratch disk. Fixed after creation.",
    )
    log_retention_days: int = Field(
        30, ge=30, le=730, description="Retention of the hub's Log Analytics workspace."
    )
    protect: bool = Field(
        False,
        description="Protect stateful resources from deletion (Pulumi protect + CanNotDelete locks). "
        "Recommended for prod.",
    )
