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

from aml_landing_zone.component_types import DATA_LANDING_ZONE_TYPE


@dataclass(frozen=True)
class StackKey:
    """``key``: the config key path (as the config reference spells it); ``parameter``: the
    rule's preset parameter that decides what passes, when one does; ``product_key``: the key
    that decides it instead on a data product's own resources (under ``DataLandingZoneML``),
    when theirs differs from the hub's."""

    key: str
    parameter: str | None = None
    product_key: str | None = None


# A Default data product's Application Insights is the data landing zone's concern, not the hub's.
PRODUCT_MONITORING = "dataLandingZone.monitoring.private"

STACK_KEYS: dict[str, StackKey] = {
    "allowed-locations": StackKey("location", "locations"),
    "required-tags": StackKey("tags", "tags"),
    "ws-public-network": StackKey("hub.publicNetworkAccess"),
    "ws-public-behind-vnet": StackKey("hub.publicNetworkAccess"),
    "ws-hbi": StackKey("hub.highBusinessImpact"),
    # the storage's public access decides it (HBI itself is fixed at creation)
    "ws-hbi-storage-private": StackKey("hub.publicNetworkAccess"),
    "ws-user-assigned-identity": StackKey("hub.identity"),
    "ws-cmk": StackKey("hub.encryption"),
    "ws-managed-network": StackKey("hub.managedNetwork.isolationMode", "isolationMode"),
    "ws-private-endpoint": StackKey("network.privateEndpoints"),
    "storage-network": StackKey("hub.publicNetworkAccess"),
    "kv-network": StackKey("hub.publicNetworkAccess"),
    "acr-network": StackKey("hub.publicNetworkAccess"),
    "kv-purge-protection": StackKey("hub.keyVaultPurgeProtection"),
    "monitor-public-network": StackKey("hub.monitoring.private", product_key=PRODUCT_MONITORING),
    "monitor-private-link": StackKey("hub.monitoring.private", product_key=PRODUCT_MONITORING),
    "monitor-scope-private-only": StackKey(
        "hub.monitoring.private", product_key=PRODUCT_MONITORING
    ),
    "rbac-no-owner-to-humans": StackKey("projects[].members[].role"),
    "prod-protect": StackKey("hub.protect"),
    "prod-resource-locks": StackKey("hub.protect"),
}


def deciding_key(rule: str, urn: str = "") -> str | None:
    """The config key that decides ``rule``'s finding on the resource ``urn`` (its data
    product's key when it has one of its own); None when no stack key decides it."""
    found = STACK_KEYS.get(rule)
    if found is None:
        return None
    parts = urn.split("::")
    in_product = len(parts) > 2 and DATA_LANDING_ZONE_TYPE in parts[2].split("$")
    return found.product_key if in_product and found.product_key else found.key


def fix_hint(
    rule: str,
    namespace: str,
    stack: str,
    preset_path: str | None,
    *,
    file_of: Callable[[tuple[str, ...]], str] | None = None,
    urn: str = "",
) -> str | None:
    """One line saying where to change what decides ``rule``'s finding on ``urn``; None when no
    stack key decides it. ``file_of`` says which file holds a key path
    (``shared_definition.Sources``): a key the shared definition holds is fixed there, in its own
    spelling (no namespace)."""
    key = deciding_key(rule, urn)
    if key is None:
        return None
    found = STACK_KEYS[rule]
    stack_file = f"Pulumi.{stack}.yaml"
    path = tuple(part.removesuffix("[]") for part in key.split("."))
    held = file_of(path) if file_of is not None else stack_file
    if held != stack_file:
        hint = (
            f"set {key} in {held} (every stack), or {namespace}:{key} in {stack_file} for "
            "this stack alone"
        )
    else:
        hint = f"set {namespace}:{key} in {stack_file}"
    if found.parameter is not None and preset_path is not None:
        hint += f", or the preset parameter {rule}.{found.parameter} in {preset_path}"
    return hint
