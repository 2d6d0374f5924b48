"""Hub settings: everything projects inherit (network, identity, keys, associated resources)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from ..ipranges import parse_allowed_ip
from .base import ConfigIssue, StrictModel, report, under
from .encryption import EncryptionSettings
from .managed_network import ManagedNetworkSettings

PublicNetworkAccess = Literal["Enabled", "Disabled"]
IdentityType = Literal["SystemAssigned", "UserAssigned"]
StorageRedundancy = Literal["LRS", "ZRS", "GRS", "GZRS", "RAGRS", "RAGZRS"]

# Settings a project workspace inherits from its hub and must never set itself.
HUB_OWNED_SETTINGS: frozenset[str] = frozenset(
    {
        "publicNetworkAccess",
        "allowedIpRanges",
        "isolationMode",
        "managedNetwork",
        "outboundRules",
        "firewallSku",
        "provisionNetworkNow",
        "containerRegistry",
        "storageRedundancy",
        "storageAccount",
        "keyVault",
        "keyVaultPurgeProtection",
        "applicationInsights",
        "encryption",
        "highBusinessImpact",
        "network",
        "privateEndpoints",
        "subnetId",
        "virtualNetwork",
        "dns",
        "diagnostics",
        "projectCreators",
    }
)
# Where a hub-owned setting is configured, when not under 'hub'.
SETTING_HOME: dict[str, str] = {
    key: "network" for key in ("network", "privateEndpoints", "subnetId", "virtualNetwork", "dns")
} | {
    "diagnostics": "diagnostics",
    "outboundRules": "hub.managedNetwork",
    "firewallSku": "hub.managedNetwork",
    "provisionNetworkNow": "hub.managedNetwork",
    "isolationMode": "hub.managedNetwork",
}


class HubSettings(StrictModel):
    """The hub workspace and its associated resources. Every default is the secure choice."""

    public_network_access: PublicNetworkAccess = Field(
        "Disabled",
        description="Public access to the hub, its storage, key vault and registry. "
        "'Enabled' is an explicit opt-in the policy pack flags.",
    )
    allowed_ip_ranges: list[str] = Field(
        default_factory=list,
        description="With publicNetworkAccess 'Enabled' only: public IPv4 addresses or CIDR "
        "ranges allowed through the storage, key vault and registry firewalls.",
    )
    managed_network: ManagedNetworkSettings = Field(
        default_factory=ManagedNetworkSettings,  # type: ignore[arg-type]
        description="Managed network isolation shared by every project of the hub.",
    )
    identity: IdentityType = Field(
        "SystemAssigned",
        description="The hub's managed identity. 'UserAssigned' creates one and grants it the "
        "roles Azure documents for a workspace identity.",
    )
    container_registry: bool = Field(
        True,
        description="Create a Premium registry for environment images "
        "(private endpoints need Premium).",
    )
    storage_redundancy: StorageRedundancy = Field(
        "ZRS", description="Redundancy of the hub's default storage account (Standard tier)."
    )
    key_vault_purge_protection: bool = Field(
        True,
        description="Purge protection on the hub key vault (irreversible once on); required "
        "for a customer-managed key in it.",
    )
    encryption: EncryptionSettings | None = Field(
        None, description="Customer-managed key; presence enables CMK. Fixed after creation."
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
        description="Protect stateful resources from deletion "
        "(Pulumi protect + CanNotDelete locks). Recommended for prod.",
    )

    @field_validator("allowed_ip_ranges")
    @classmethod
    def _ip_ranges(cls, ranges: list[str]) -> list[str]:
        normalised: dict[str, int] = {}
        issues = []
        for index, value in enumerate(ranges):
            try:
                rule = parse_allowed_ip(value)
            except ValueError as error:
                issues.append(ConfigIssue((index,), str(error)))
                continue
            if rule in normalised:
                first = normalised[rule]
                same = "" if ranges[first] == value else f" as '{ranges[first]}'"
                issues.append(
                    ConfigIssue((index,), f"'{value}' is already listed{same} ([{first}])")
                )
            normalised.setdefault(rule, index)
        report(issues)
        return list(normalised)

    def issues(self, location: str | None) -> list[ConfigIssue]:
        """Checks spanning hub keys: public access opt-in, identity and key for CMK (its
        per-cloud checks need a valid ``location``)."""
        issues = under(("managedNetwork",), self.managed_network.issues())
        if self.allowed_ip_ranges and self.public_network_access != "Enabled":
            issues.append(
                ConfigIssue(
                    ("allowedIpRanges",),
                    "only used with publicNetworkAccess 'Enabled' (an explicit opt-in); with "
                    "'Disabled' nothing is reachable publicly",
                )
            )
        if self.encryption is None:
            return issues
        issues += under(("encryption",), self.encryption.issues(location))
        if self.identity != "UserAssigned":
            issues.append(
                ConfigIssue(
                    ("identity",),
                    "customer-managed keys (hub.encryption) need identity 'UserAssigned': the "
                    "identity that reads the key must exist before the workspace",
                )
            )
        if self.encryption.in_hub_vault and not self.key_vault_purge_protection:
            issues.append(
                ConfigIssue(
                    ("keyVaultPurgeProtection",),
                    "a customer-managed key needs a key vault with purge protection; keep it true "
                    "or give encryption.keyVaultId of a vault that has it",
                )
            )
        if (
            self.encryption.service_side_encryption
            and self.encryption.in_hub_vault
            and self.public_network_access == "Disabled"
        ):
            issues.append(
                ConfigIssue(
                    ("encryption", "serviceSideEncryption"),
                    "service-side encryption (preview) does not support a key vault with public "
                    "network access disabled (Azure ML 'Customer-managed keys'); turn it off to "
                    "keep the key in the private hub vault, or give encryption.keyVaultId",
                )
            )
        return issues
