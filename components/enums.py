"""The enumerations the stack config, the component args and the blocks share, written once.

The stack config models, the component args (TypedDicts, whose enums Pulumi's schema inference
turns into schema enums for other languages) and the blocks all use these classes; a choice only
one model offers stays a ``Literal`` on its field. They are
``StrEnum``s, so a plain string such as ``"UserAssigned"`` is accepted wherever one is expected
and compares equal to its member."""

from __future__ import annotations

from enum import StrEnum


class PublicNetworkAccess(StrEnum):
    """Public access to a workspace and its associated resources; Enabled is an opt-in."""

    ENABLED = "Enabled"
    DISABLED = "Disabled"


class IdentityType(StrEnum):
    """The managed identity a workspace runs as."""

    SYSTEM_ASSIGNED = "SystemAssigned"
    USER_ASSIGNED = "UserAssigned"


class StorageRedundancy(StrEnum):
    """Replication of a Standard storage account (the SKU is ``Standard_<value>``)."""

    LRS = "LRS"
    ZRS = "ZRS"
    GRS = "GRS"
    GZRS = "GZRS"
    RAGRS = "RAGRS"
    RAGZRS = "RAGZRS"


class IsolationMode(StrEnum):
    """Managed-network isolation; can only be tightened after creation (in this order)."""

    DISABLED = "Disabled"
    ALLOW_INTERNET_OUTBOUND = "AllowInternetOutbound"
    ALLOW_ONLY_APPROVED_OUTBOUND = "AllowOnlyApprovedOutbound"


class FirewallSku(StrEnum):
    """SKU of the managed Azure Firewall that FQDN outbound rules deploy."""

    BASIC = "Basic"
    STANDARD = "Standard"


class OutboundRuleType(StrEnum):
    """Kinds of managed-network outbound rule."""

    FQDN = "FQDN"
    PRIVATE_ENDPOINT = "PrivateEndpoint"
    SERVICE_TAG = "ServiceTag"


class Protocol(StrEnum):
    """IP protocol of a service-tag outbound rule."""

    TCP = "TCP"
    UDP = "UDP"
    ICMP = "ICMP"
    ANY = "*"


class DnsMode(StrEnum):
    """Who owns the privatelink DNS zones: created here, existing (central) or none (policy)."""

    CREATE = "create"
    EXISTING = "existing"
    NONE = "none"


class PrincipalType(StrEnum):
    """What kind of Entra principal a role assignment is for."""

    GROUP = "Group"
    USER = "User"
    SERVICE_PRINCIPAL = "ServicePrincipal"


class PolicyPreset(StrEnum):
    """The CrossGuard preset a stack is checked with (policies/config/<preset>.json)."""

    DEV = "dev"
    TEST = "test"
    PROD = "prod"


def choices(enum: type[StrEnum]) -> str:
    """'a, b or c': the allowed values as a person reads them."""
    values = [member.value for member in enum]
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


class EnvironmentPattern(StrEnum):
    """How many environments an organisation deploys (seed 002, "Environments and workspace
    setup"): one research environment, one per lifecycle stage, or one with limited data beside
    one with production data."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    LIMITED_AND_PRODUCTION_DATA = "limitedAndProductionData"


class WorkspaceLayout(StrEnum):
    """How workspaces follow the team structure (seed 002, "Team structure and workspace
    setup"): one per project, one per team, or a single shared workspace."""

    PER_PROJECT = "perProject"
    PER_TEAM = "perTeam"
    SHARED = "shared"


class ProjectResourceGroups(StrEnum):
    """Where the landing zone's project workspaces live: all in the hub's shared projects group
    (budgets filter it by the ``project`` tag), or each in its own group (seed 002's Contoso:
    cost reported and budgeted per project resource group)."""

    SHARED = "shared"
    PER_PROJECT = "perProject"
