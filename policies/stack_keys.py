"""Which stack setting decides a rule's verdict on this landing zone, and which preset parameter.

A finding on a resource the components build is fixed in ``Pulumi.<stack>.yaml``, not in the
code: the reports name the key (under the ``aml-landing-zone:`` namespace) and, where the rule
has a parameter that decides what passes, the parameter in ``policies/config/<preset>.json``.
Rules missing here judge settings the components fix (no stack key changes them).
tests/policies/test_stack_keys.py holds each key to the config reference and each parameter to
the rule's schema."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StackKey:
    """``key``: the config key path (as the config reference spells it); ``parameter``: the
    rule's preset parameter that decides what passes, when one does."""

    key: str
    parameter: str | None = None


STACK_KEYS: dict[str, StackKey] = {
    "allowed-locations": StackKey("location", "locations"),
    "required-tags": StackKey("tags", "tags"),
    "ws-public-network": StackKey("hub.publicNetworkAccess"),
    "ws-public-behind-vnet": StackKey("hub.publicNetworkAccess"),
    "ws-hbi": StackKey("hub.highBusinessImpact"),
    "ws-hbi-storage-private": StackKey("hub.highBusinessImpact"),
    "ws-user-assigned-identity": StackKey("hub.identity"),
    "ws-cmk": StackKey("hub.encryption"),
    "ws-managed-network": StackKey("hub.managedNetwork.isolationMode", "isolationMode"),
    "ws-private-endpoint": StackKey("network.privateEndpoints"),
    "storage-network": StackKey("hub.publicNetworkAccess"),
    "kv-network": StackKey("hub.publicNetworkAccess"),
    "acr-network": StackKey("hub.publicNetworkAccess"),
    "kv-purge-protection": StackKey("hub.keyVaultPurgeProtection"),
    "monitor-public-network": StackKey("hub.monitoring.private"),
    "monitor-private-link": StackKey("hub.monitoring.private"),
    "monitor-scope-private-only": StackKey("hub.monitoring.private"),
    "rbac-no-owner-to-humans": StackKey("projects[].members[].role"),
    "prod-protect": StackKey("hub.protect"),
    "prod-resource-locks": StackKey("hub.protect"),
}


def fix_hint(rule: str, namespace: str, stack: str, preset_path: str | None) -> str | None:
    """One line saying where to change what decides ``rule``'s finding; None when no stack key
    decides it."""
    found = STACK_KEYS.get(rule)
    if found is None:
        return None
    hint = f"set {namespace}:{found.key} in Pulumi.{stack}.yaml"
    if found.parameter is not None and preset_path is not None:
        hint += f", or the preset parameter {rule}.{found.parameter} in {preset_path}"
    return hint
