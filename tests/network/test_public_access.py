"""Public network access is disabled everywhere by default; 'Enabled' is an explicit opt-in whose
allowedIpRanges become IP rules on the storage, key vault and registry firewalls."""

from __future__ import annotations

import pytest
from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import one
from tests.network.scenarios import scenario

WS = "azure-native:machinelearningservices:Workspace"
ST = "azure-native:storage:StorageAccount"
KV = "azure-native:keyvault:Vault"
CR = "azure-native:containerregistry:Registry"
RULES = ["52.178.17.0/24", "40.74.28.1"]  # the /32 is written as the plain address


def access(run: ProgramRun) -> list[str]:
    return [
        one(run, WS, "hub-hub").inputs["publicNetworkAccess"],
        one(run, ST).inputs["publicNetworkAccess"],
        one(run, KV).inputs["properties"]["publicNetworkAccess"],
        one(run, CR).inputs["publicNetworkAccess"],
    ]


def test_everything_is_private_by_default(dev_run: ProgramRun) -> None:
    assert access(dev_run) == ["Disabled"] * 4
    assert one(dev_run, ST).inputs["networkRuleSet"]["ipRules"] == []
    assert one(dev_run, KV).inputs["properties"]["networkAcls"]["ipRules"] == []
    assert one(dev_run, CR).inputs["networkRuleSet"]["ipRules"] == []


def test_opt_in_opens_only_the_allowed_ranges() -> None:
    run = scenario("us-gov")
    assert access(run) == ["Enabled"] * 4
    storage_rules = one(run, ST).inputs["networkRuleSet"]
    assert storage_rules["defaultAction"] == "Deny"
    assert storage_rules["ipRules"] == [{"iPAddressOrRange": ip, "action": "Allow"} for ip in RULES]
    vault_acls = one(run, KV).inputs["properties"]["networkAcls"]
    assert vault_acls["defaultAction"] == "Deny"
    assert vault_acls["ipRules"] == [{"value": ip} for ip in RULES]
    registry_rules = one(run, CR).inputs["networkRuleSet"]
    assert registry_rules["defaultAction"] == "Deny"
    assert registry_rules["ipRules"] == [
        {"iPAddressOrRange": ip, "action": "Allow"} for ip in RULES
    ]


@pytest.mark.parametrize("name", ["baseline", "us-gov"])
def test_workspace_never_allows_public_access_behind_the_endpoint(name: str) -> None:
    assert one(scenario(name), WS, "hub-hub").inputs["allowPublicAccessWhenBehindVnet"] is False
