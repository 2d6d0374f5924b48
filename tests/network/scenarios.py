"""Stack configs for the network scenarios: the shipped dev stack (spoke VNet, DNS mode create,
system-assigned identity, own Log Analytics) is the baseline, and each scenario changes only the
keys its feature needs. Runs are cached by (stack, config) in ``tests.conftest.run_stack``."""

from __future__ import annotations

import json
from typing import Any

from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import run_stack
from tests.facts import DNS_ZONES, HUB_GROUPS
from tests.stack_values import NAMESPACE, ROOT, changed, stack_config, stack_values

SUB = "00000000-0000-0000-0000-000000000000"
RG_NET = f"/subscriptions/{SUB}/resourceGroups/rg-connectivity/providers/Microsoft.Network"
RG_DNS = f"/subscriptions/{SUB}/resourceGroups/rg-dns/providers/Microsoft.Network"
BYO_SUBNET = f"{RG_NET}/virtualNetworks/vnet-spoke-ml/subnets/snet-pe"
CONNECTIVITY_HUB_VNET = f"{RG_NET}/virtualNetworks/vnet-hub"
CENTRAL_LOG = (
    f"/subscriptions/{SUB}/resourceGroups/rg-management/providers/"
    "Microsoft.OperationalInsights/workspaces/log-central"
)
# The platform's Azure Monitor Private Link Scope, which the central workspace is in.
PLATFORM_AMPLS = (
    f"/subscriptions/{SUB}/resourceGroups/rg-management/providers/"
    "Microsoft.Insights/privateLinkScopes/ampls-platform"
)
# The data lake lives in a data landing zone's own subscription, as CAF lays them out.
DATA_SUB = "55555555-5555-5555-5555-555555555555"
LAKE = (
    f"/subscriptions/{DATA_SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/"
    "storageAccounts/lake"
)
# The dev stack's own data lake, which its project data product (demand) reads: the hub's
# managed network reaches it through a private-endpoint rule per subresource (blob, dfs).
DEV_LAKE = (
    "/subscriptions/5f2c7b1e-3a4d-4e8f-9b6c-0d1e2f3a4b5c/resourceGroups/"
    "rg-contoso-dlz01-dev-weu-storage/providers/Microsoft.Storage/storageAccounts/"
    "stcontosodlz01devlake"
)
DEV_LAKE_RULES: dict[str, Any] = {
    f"lake-dev-{sub}": {
        "type": "PrivateEndpoint",
        "category": "UserDefined",
        "destination": {
            "serviceResourceId": DEV_LAKE,
            "subresourceTarget": sub,
            "sparkEnabled": False,
        },
    }
    for sub in ("blob", "dfs")
}
# prod's promotion registry (its committed 'promotion' output, which dev reads) and what Azure
# created for it: the hub's managed network reaches all three (how-to-registry-network-isolation)
PROMOTION = json.loads((ROOT / "stack-outputs" / "prod.json").read_text())["promotion"]
REGISTRY_RULES: dict[str, Any] = {
    name: {
        "type": "PrivateEndpoint",
        "category": "UserDefined",
        "destination": {
            "serviceResourceId": PROMOTION[key],
            "subresourceTarget": sub,
            "sparkEnabled": False,
        },
    }
    for name, key, sub in (
        ("ml-registry", "registryId", "amlregistry"),
        ("ml-registry-storage", "storageAccountId", "blob"),
        ("ml-registry-acr", "containerRegistryId", "registry"),
    )
}
COSMOS_DB_SP = "44444444-4444-4444-4444-444444444444"
CMK_VAULT = (
    f"/subscriptions/{SUB}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-keys"
)
CMK_URI = "https://kv-keys.vault.azure.net/keys/aml/0123456789abcdef0123456789abcdef"
ALLOWED_IPS = ["52.178.17.0/24", "40.74.28.1/32"]

APPROVED_RULES: dict[str, Any] = {
    "pypi": {"type": "FQDN", "destination": "pypi.org"},
    "lake": {"type": "PrivateEndpoint", "serviceResourceId": LAKE, "subresourceTarget": "dfs"},
    "aad": {
        "type": "ServiceTag",
        "serviceTag": "AzureActiveDirectory",
        "protocol": "TCP",
        "portRanges": "80, 443",
    },
}


def zone_ids(cloud: str = "AzureCloud", monitor_scope: bool = False) -> dict[str, str]:
    """Ids of centrally owned zones: every zone the hub's endpoints need in ``cloud``, the
    Azure Monitor scope's among them when the hub creates one."""
    groups = (*HUB_GROUPS, "azuremonitor") if monitor_scope else HUB_GROUPS
    names = {zone for group in groups for zone in DNS_ZONES[cloud][group]}
    return {zone: f"{RG_DNS}/privateDnsZones/{zone}" for zone in sorted(names)}


def config(**keys: Any) -> dict[str, Any]:
    """The dev stack with ``path=value`` changes; ``__`` in a keyword stands for '.'. A new
    location moves the provider's default region too, as the two must agree."""
    result = stack_config("dev")
    for path, value in keys.items():
        result = changed(result, f"{NAMESPACE}:{path.replace('__', '.')}", value)
    if "location" in keys:
        result["azure-native:location"] = keys["location"]
    return result


def values(**keys: Any) -> dict[str, Any]:
    """Like ``config`` but without namespace, as ``parse_stack_config`` takes it."""
    result = stack_values("dev")
    for path, value in keys.items():
        result = changed(result, path.replace("__", "."), value)
    return result


# Each program run costs seconds, so a scenario exercises every feature that does not interfere
# with another: four runs cover the whole issue.
CMK = {
    "hub__identity": "UserAssigned",
    "hub__highBusinessImpact": True,
    "hub__encryption": {"cosmosDbPrincipalId": COSMOS_DB_SP},
}
SCENARIOS: dict[str, dict[str, Any]] = {
    # the dev stack: spoke VNet, DNS create, system-assigned identity, the hub's own Log Analytics
    "baseline": {},
    # a corp-connected landing zone: the connectivity team brings the subnet and owns the DNS
    # zones, management owns Log Analytics, its private link scope and the key vault; approved
    # outbound only, UAI
    "enterprise": {
        "network": {
            "subnetId": BYO_SUBNET,
            "dns": {"mode": "existing", "zoneIds": zone_ids()},
        },
        "diagnostics": {"logAnalyticsWorkspaceId": CENTRAL_LOG},
        "hub__monitoring": {"privateLinkScopeId": PLATFORM_AMPLS},
        "hub__identity": "UserAssigned",
        "hub__managedNetwork": {
            "isolationMode": "AllowOnlyApprovedOutbound",
            "provisionNetworkNow": True,
            "outboundRules": APPROVED_RULES,
        },
        "hub__encryption": {
            "cosmosDbPrincipalId": COSMOS_DB_SP,
            "keyVaultId": CMK_VAULT,
            "keyUri": CMK_URI,
        },
    },
    # a sovereign cloud: zone names differ; created zones also link to the connectivity hub;
    # public access opted into from two ranges
    "us-gov": {
        "location": "usgovvirginia",
        "network__dns": {"mode": "create", "linkVirtualNetworkIds": [CONNECTIVITY_HUB_VNET]},
        "hub__publicNetworkAccess": "Enabled",
        "hub__allowedIpRanges": ALLOWED_IPS,
    },
    # a regulated workload: customer-managed key in the hub's own vault, HBI mode; DNS records
    # are left to Azure Policy
    "regulated": {**CMK, "network__dns": {"mode": "none"}},
    # every hub option away from its default that the other scenarios leave alone, in one run:
    # no purge protection (left out, as ARM refuses an explicit false), the longest retentions,
    # no container registry, a registry that is not zone-redundant, no RBAC pause, serverless
    # compute with public IPs, a named image-build compute
    "max": {
        "hub__identity": "UserAssigned",
        "hub__keyVaultPurgeProtection": False,
        "hub__keyVaultSoftDeleteRetentionDays": 90,
        "hub__logRetentionDays": 730,
        "hub__containerRegistry": False,
        "hub__registryZoneRedundancy": False,
        "hub__rbacPropagationWait": "0s",
        "hub__serverlessCompute": {"subnetId": BYO_SUBNET, "noPublicIp": False},
        "hub__imageBuildCompute": "ci-image-build",
    },
}


def scenario(name: str) -> ProgramRun:
    if name == "baseline":
        return run_stack("dev")
    return run_stack("dev", config(**SCENARIOS[name]))
