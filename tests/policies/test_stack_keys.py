"""The table that tells a reviewer which stack key (and preset parameter) decides a finding
names only keys the stack config has, parameters the rule has, and rules the pack has."""

from __future__ import annotations

import pytest
from aml_landing_zone.config.docs import config_reference_markdown
from aml_landing_zone.policies.pack import ALL_POLICIES, PACK_ENFORCEMENT_LEVEL
from aml_landing_zone.policies.presets import policy_infos
from aml_landing_zone.policies.stack_keys import STACK_KEYS, fix_hint

SCHEMAS = {info.name: info.schema for info in policy_infos(ALL_POLICIES, PACK_ENFORCEMENT_LEVEL)}


@pytest.mark.parametrize("rule", sorted(STACK_KEYS))
def test_each_entry_names_a_real_rule_key_and_parameter(rule: str) -> None:
    entry = STACK_KEYS[rule]
    assert rule in SCHEMAS, f"{rule} is not a rule of the pack"
    assert f"| `{entry.key}` |" in config_reference_markdown(), (
        f"{entry.key} is not a key of the stack config (see the README's config reference)"
    )
    if entry.parameter is not None:
        assert entry.parameter in SCHEMAS[rule], f"{rule} has no parameter {entry.parameter}"


def test_fix_hint_names_the_stack_file_and_the_preset() -> None:
    assert fix_hint("ws-managed-network", "ns", "dev", "policies/config/dev.json") == (
        "set ns:hub.managedNetwork.isolationMode in Pulumi.dev.yaml, or the preset parameter "
        "ws-managed-network.isolationMode in policies/config/dev.json"
    )
    assert (
        fix_hint("prod-protect", "ns", "test", "p.json") == "set ns:hub.protect in Pulumi.test.yaml"
    )
    assert fix_hint("storage-tls", "ns", "dev", "p.json") is None  # the components fix TLS
