"""Which stack setting decides a rule's verdict on this landing zone, and which preset parameter.

A finding on a resource the components build is fixed in ``Pulumi.<stack>.yaml``, not in the
code: the reports name the key (under the ``aml-landing-zone:`` namespace) and, where the rule
has a parameter that decides what passes, the parameter in ``policies/config/<preset>.json``.
Rules missing here judge settings the components fix (no stack key changes them).
tests/policies/test_stack_keys.py holds each key to the config reference and each parameter to
the rule's schema."""

from __future__ import annotations

from collections.abc import Callable
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


def fix_hint(
    rule: str,
    namespace: str,
    stack: str,
    preset_path: str | None,
    *,
    file_of: Callable[[tuple[str, ...]], str] | None = None,
) -> str | None:
    """One line saying where to change what decides ``rule``'s finding; None when no stack key
    decides it. ``file_of`` says which file holds a key path (``shared_definition.Sources``):
    a key the shared definition holds is fixed there, in its own spelling (no namespace)."""
    found = STACK_KEYS.get(rule)
    if found is None:
        return None
    stack_file = f"Pulumi.{stack}.yaml"
    path = tuple(part.removesuffix("[]") for part in found.key.split("."))
    held = file_of(path) if file_of is not None else stack_file
    if held != stack_file:
        hint = (
            f"set {found.key} in {held} (every stack), or {namespace}:{found.key} in "
            f"{stack_file} for this stack alone"
        )
    else:
        hint = f"set {namespace}:{found.key} in {stack_file}"
    if found.parameter is not None and preset_path is not None:
        hint += f", or the preset parameter {rule}.{found.parameter} in {preset_path}"
    return hint
