"""The enforcement level of every rule in every preset, and the pack's own default levels,
written out: a prod rule turned from mandatory to advisory must fail here, not only in the README
sync test (whose fix is to regenerate the README). Also the prod preset's parameters that decide
what passes. The catalogue: shared reference "Landing-zone rules to enforce with CrossGuard"
(dev / prod columns), with test between them."""

from __future__ import annotations

from pathlib import Path

import pytest
from aml_landing_zone.policies.pack import ALL_POLICIES
from aml_landing_zone.policies.presets import PolicyConfig, load, policy_infos
from pulumi_policy import EnforcementLevel

from tests.facts import ROLE_GUIDS
from tests.stack_values import ROOT

# rule -> (dev, test, prod)
LEVELS = {
    "ws-public-network": ("advisory", "mandatory", "mandatory"),
    "ws-public-behind-vnet": ("advisory", "mandatory", "mandatory"),
    "ws-hbi": ("disabled", "mandatory", "mandatory"),
    "ws-user-assigned-identity": ("advisory", "mandatory", "mandatory"),
    "ws-cmk": ("disabled", "advisory", "advisory"),
    "ws-managed-network": ("advisory", "mandatory", "mandatory"),
    "ws-private-endpoint": ("disabled", "advisory", "advisory"),
    "pe-same-subscription": ("advisory", "mandatory", "mandatory"),
    "ws-diagnostics": ("disabled", "advisory", "advisory"),
    "ws-hbi-storage-private": ("advisory", "mandatory", "mandatory"),
    "compute-local-auth": ("remediate", "mandatory", "mandatory"),
    "compute-subnet": ("advisory", "mandatory", "mandatory"),
    "compute-vm-size": ("mandatory", "mandatory", "mandatory"),
    "compute-ssh-public": ("advisory", "mandatory", "mandatory"),
    "compute-cluster-scale": ("mandatory", "mandatory", "advisory"),
    "compute-idle-shutdown": ("mandatory", "mandatory", "mandatory"),
    "compute-public-ip": ("advisory", "mandatory", "mandatory"),
    "compute-aks-attach-only": ("advisory", "mandatory", "mandatory"),
    "compute-setup-script": ("disabled", "disabled", "disabled"),
    "aks-private-cluster": ("advisory", "mandatory", "mandatory"),
    "aks-entra-rbac": ("mandatory", "mandatory", "mandatory"),
    "aks-local-accounts": ("advisory", "advisory", "advisory"),
    "aks-autoscale": ("mandatory", "mandatory", "mandatory"),
    "aks-diagnostics": ("advisory", "mandatory", "mandatory"),
    "datastore-identity-based": ("advisory", "mandatory", "mandatory"),
    "storage-blob-public": ("mandatory", "mandatory", "mandatory"),
    "storage-tls": ("mandatory", "mandatory", "mandatory"),
    "storage-https": ("mandatory", "mandatory", "mandatory"),
    "storage-network": ("advisory", "mandatory", "mandatory"),
    "storage-shared-key": ("advisory", "mandatory", "mandatory"),
    "storage-cross-tenant": ("advisory", "mandatory", "mandatory"),
    "storage-workspace-default": ("mandatory", "mandatory", "mandatory"),
    "storage-soft-delete": ("advisory", "mandatory", "mandatory"),
    "kv-soft-delete": ("mandatory", "mandatory", "mandatory"),
    "kv-purge-protection": ("advisory", "mandatory", "mandatory"),
    "kv-rbac": ("advisory", "mandatory", "mandatory"),
    "kv-network": ("advisory", "mandatory", "mandatory"),
    "acr-admin-user": ("mandatory", "mandatory", "mandatory"),
    "acr-anonymous-pull": ("mandatory", "mandatory", "mandatory"),
    "acr-sku": ("advisory", "advisory", "mandatory"),
    "acr-network": ("advisory", "mandatory", "mandatory"),
    "acr-export": ("disabled", "advisory", "advisory"),
    "appi-workspace-based": ("mandatory", "mandatory", "mandatory"),
    "appi-local-auth": ("advisory", "mandatory", "mandatory"),
    "monitor-public-network": ("advisory", "mandatory", "mandatory"),
    "monitor-scope-private-only": ("advisory", "mandatory", "mandatory"),
    "monitor-private-link": ("disabled", "mandatory", "mandatory"),
    "allowed-locations": ("mandatory", "mandatory", "mandatory"),
    "required-tags": ("advisory", "mandatory", "mandatory"),
    "rbac-no-owner-to-humans": ("advisory", "mandatory", "mandatory"),
    "prod-protect": ("disabled", "advisory", "mandatory"),
    "prod-resource-locks": ("disabled", "disabled", "mandatory"),
}

# The rules whose own level (no preset) is not mandatory.
PACK_DEFAULTS = {
    "ws-cmk": "advisory",
    "ws-private-endpoint": "advisory",
    "ws-diagnostics": "advisory",
    "compute-cluster-scale": "advisory",
    "compute-setup-script": "disabled",
    "aks-local-accounts": "advisory",
    "acr-export": "advisory",
}
STATEFUL = [
    "azure-native:machinelearningservices:Workspace",
    "azure-native:machinelearningservices:Registry",
    "azure-native:storage:StorageAccount",
    "azure-native:keyvault:Vault",
    "azure-native:containerregistry:Registry",
    "azure-native:operationalinsights:Workspace",
]
PROD_PARAMETERS = {
    "ws-managed-network": {"isolationMode": "AllowOnlyApprovedOutbound"},
    "ws-private-endpoint": {"groupId": "amlworkspace"},
    "compute-cluster-scale": {
        "maxNodeCount": 20,
        "minNodeCount": 0,
        "maxNodeIdleTimeBeforeScaleDown": "PT30M",
    },
    "compute-idle-shutdown": {"maxIdleTimeBeforeShutdown": "PT4H"},
    "storage-soft-delete": {"retentionDaysAbove": 7},
    "allowed-locations": {
        "locations": ["westeurope", "northeurope", "swedencentral"],
        "allowGlobal": True,
    },
    "rbac-no-owner-to-humans": {
        "roleIds": [ROLE_GUIDS["Owner"], ROLE_GUIDS["User Access Administrator"]],
        "principalTypes": ["User", "Group"],
    },
    # seed 003: production serving keeps at least 2 nodes
    "aks-autoscale": {"minCount": 2, "maxCount": 20},
    "prod-protect": {"resourceTypes": STATEFUL},
    "prod-resource-locks": {"resourceTypes": STATEFUL},
}
INFOS = policy_infos(ALL_POLICIES, EnforcementLevel.ADVISORY)


def preset(name: str) -> PolicyConfig:
    return load(ROOT / "policies" / "config" / f"{name}.json", INFOS)


@pytest.mark.parametrize(("index", "name"), list(enumerate(("dev", "test", "prod"))))
def test_each_preset_sets_each_rule_to_its_level(index: int, name: str) -> None:
    levels = {rule: level for rule, (level, _) in preset(name).items()}
    assert levels == {rule: columns[index] for rule, columns in LEVELS.items()}


def test_the_pack_default_levels(tmp_path: Path) -> None:
    assert {p.name: p.level for p in INFOS} == {
        rule: PACK_DEFAULTS.get(rule, "mandatory") for rule in LEVELS
    }
    empty = tmp_path / "empty.json"
    empty.write_text("")
    assert {rule: level for rule, (level, _) in load(empty, INFOS).items()} == {
        rule: PACK_DEFAULTS.get(rule, "mandatory") for rule in LEVELS
    }


@pytest.mark.parametrize("rule", sorted(PROD_PARAMETERS))
def test_the_prod_preset_parameters(rule: str) -> None:
    _, parameters = preset("prod")[rule]
    for key, value in PROD_PARAMETERS[rule].items():
        assert parameters[key] == value, f"{rule}.{key}"


def test_prod_is_never_weaker_than_dev() -> None:
    order = {"disabled": 0, "advisory": 1, "remediate": 2, "mandatory": 2}
    weaker = [rule for rule, (dev, _, prod) in LEVELS.items() if order[prod] < order[dev]]
    # compute-cluster-scale: prod's larger quotas are advisory, dev's small ones a hard limit
    assert weaker == ["compute-cluster-scale"]
