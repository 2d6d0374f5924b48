"""Preflight: what a valid stack config still gets wrong, as coded warnings before any deployment.

Each warning names its code (``codes.py``), the key to change and why; a stack acknowledges a code
on the key paths it names, with a reason, under ``acknowledge``. The program reports them through
``pulumi.log`` (so `pulumi preview` shows them) and ``offline-preview`` prints them and can fail
on them."""

from __future__ import annotations

import dataclasses
import ipaddress
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import policies
from ..codes import ADDRESS_OVERLAP, CODES, EXAMPLE_IDS, PRESET_FLAGS, REGION_LACKS
from ..regions import has_zones
from .examples import example_id_paths, summarize_paths
from .landing_zone import LandingZoneConfig

# The pack's presets, wherever the package lives (policies/ maps onto aml_landing_zone.policies).
PRESETS_DIR = Path(policies.__file__).resolve().parent / "config"
ZONE_REDUNDANT = ("ZRS", "GZRS", "RAGZRS")


@dataclass(frozen=True)
class Finding:
    code: str
    key: str
    message: str
    acknowledged: str | None = None  # the stack's reason, when it acknowledges the warning
    # every key the warning is about (the first is ``key``); an acknowledgement names them all
    keys: tuple[str, ...] = ()

    @property
    def level(self) -> str:
        return CODES[self.code].level

    def log_line(self, namespace: str) -> str:
        """One line for pulumi.log, parsed back by the offline engine (``parse_log_line``)."""
        seen = f"acknowledged ({self.acknowledged}): " if self.acknowledged else ""
        return f"[{self.code}] {seen}{namespace}:{self.key}: {self.message}"


def preflight(config: LandingZoneConfig, stack: str, project_dir: Path | None) -> list[Finding]:
    """Every warning for this stack, acknowledged ones marked (without ``project_dir``, no
    comparison with the other stack files)."""
    found = [
        *_region_lacks(config),
        *(_address_overlaps(config, stack, project_dir) if project_dir is not None else ()),
        *_example_ids(config),
        *_preset_flags(config),
    ]
    return [
        dataclasses.replace(f, acknowledged=config.acknowledgement(f.code, f.keys or (f.key,)))
        for f in found
    ]


def _region_lacks(config: LandingZoneConfig) -> Iterator[Finding]:
    if has_zones(config.location):
        return
    if config.hub.storage_redundancy in ZONE_REDUNDANT:
        yield Finding(
            REGION_LACKS,
            "hub.storageRedundancy",
            f"{config.hub.storage_redundancy} needs availability zones, which {config.location} "
            "does not have; choose LRS or GRS, or a region with zones",
        )
    if config.hub.container_registry and config.hub.registry_zone_redundancy:
        yield Finding(
            REGION_LACKS,
            "hub.registryZoneRedundancy",
            f"a zone-redundant registry needs availability zones, which {config.location} does "
            "not have; set it to false, or choose a region with zones",
        )


def _address_space(values: Any) -> str | None:
    network = values.get("network") if isinstance(values, dict) else None
    spoke = network.get("virtualNetwork") if isinstance(network, dict) else None
    space = spoke.get("addressSpace") if isinstance(spoke, dict) else None
    return space if isinstance(space, str) else None


def _address_overlaps(
    config: LandingZoneConfig, stack: str, project_dir: Path
) -> Iterator[Finding]:
    """Spokes of one project's stacks are peered to the same hub network, so they must not
    overlap: compare this stack's spoke with every other Pulumi.<stack>.yaml beside it."""
    if config.network.virtual_network is None:
        return
    own = ipaddress.ip_network(config.network.virtual_network.address_space)
    for path in sorted(project_dir.glob("Pulumi.*.yaml")):
        other = path.name.removeprefix("Pulumi.").removesuffix(".yaml")
        if other == stack:
            continue
        try:
            values = (yaml.safe_load(path.read_text()) or {}).get("config") or {}
        except (OSError, yaml.YAMLError):
            continue
        prefix = next((k.split(":")[0] for k in values if k.endswith(":network")), None)
        space = _address_space({"network": values.get(f"{prefix}:network")} if prefix else {})
        try:
            theirs = ipaddress.ip_network(space) if space else None
        except ValueError:
            continue
        if theirs is not None and own.overlaps(theirs):
            yield Finding(
                ADDRESS_OVERLAP,
                "network.virtualNetwork.addressSpace",
                f"{own} overlaps {theirs} of {path.name}; give each stack its own range",
            )


def _example_ids(config: LandingZoneConfig) -> Iterator[Finding]:
    """One finding at the first key (in config order) that holds a shipped example id, naming
    every such key: groups, member groups, product groups, compute users, principal ids."""
    keys = list(example_id_paths(config.model_dump(by_alias=True, mode="json")))
    if keys:
        held = "holds" if len(keys) == 1 else "hold"
        yield Finding(
            EXAMPLE_IDS,
            keys[0],
            f"{summarize_paths(keys)} {held} the example object ids this repository ships; "
            "replace them with your tenant's before a real deployment",
            keys=tuple(keys),
        )


# setting -> (the key that decides it, the policy rule that flags it)
PRESET_CHECKS: list[tuple[Callable[[LandingZoneConfig], bool], str, str]] = [
    (lambda c: c.hub.identity == "SystemAssigned", "hub.identity", "ws-user-assigned-identity"),
    (
        lambda c: c.hub.managed_network.isolation_mode != "AllowOnlyApprovedOutbound",
        "hub.managedNetwork.isolationMode",
        "ws-managed-network",
    ),
    (
        lambda c: c.hub.public_network_access == "Enabled",
        "hub.publicNetworkAccess",
        "ws-public-network",
    ),
    (lambda c: not c.hub.monitoring.private, "hub.monitoring.private", "monitor-public-network"),
    (lambda c: not c.hub.protect, "hub.protect", "prod-protect"),
    (lambda c: c.hub.encryption is None, "hub.encryption", "ws-cmk"),
    (lambda c: not c.hub.high_business_impact, "hub.highBusinessImpact", "ws-hbi"),
]  # fmt: skip


def _preset_level(preset: dict[str, Any], rule: str) -> str:
    """The rule's level in the preset; a rule the preset does not name is not counted."""
    setting = preset.get(rule, "disabled")
    level = setting.get("enforcementLevel") if isinstance(setting, dict) else setting
    return str(level or "disabled")


def _preset_flags(config: LandingZoneConfig) -> Iterator[Finding]:
    path = PRESETS_DIR / f"{config.policy_preset}.json"
    try:
        preset = json.loads(path.read_text())
    except (OSError, ValueError):
        return
    for applies, key, rule in PRESET_CHECKS:
        level = _preset_level(preset, rule)
        if level != "disabled" and applies(config):
            yield Finding(
                PRESET_FLAGS,
                key,
                f"policy rule {rule} ({level} in preset {config.policy_preset}) will flag this "
                "setting",
            )


def acknowledgement_yaml(
    namespace: str, config: LandingZoneConfig, stack: str, reasons: Mapping[str, str]
) -> str:
    """The ``acknowledge`` list that accepts what ``reasons`` (the v0.1 per-code form) accepted
    today, with the keys each code's warnings name now: what an upgraded stack file says."""
    keys: dict[str, list[str]] = {code: [] for code in reasons}
    for finding in preflight(config, stack, None):
        if finding.code in keys:
            keys[finding.code] += [
                k for k in finding.keys or (finding.key,) if k not in keys[finding.code]
            ]
    lines = [f"{namespace}:acknowledge:"]
    for code, reason in reasons.items():
        accepted = ", ".join(json.dumps(k) if "[" in k else k for k in keys[code])
        lines += [f"  - code: {code}", f"    keys: [{accepted}]", f"    reason: {reason}"]
    return "\n".join(lines)


def warnings_of_partial(config: Any, stack: str, namespace: str) -> list[str]:
    """The unacknowledged warnings a config that failed validation will also get, as far as
    its valid keys tell (``config/partial.py``): a check that reads an invalid value says
    nothing. For the error report, so one run shows everything there is to fix."""
    from .partial import UnknownValue

    checks = (_region_lacks, _example_ids, _preset_flags)
    found: list[Finding] = []
    for check in checks:
        try:
            found += list(check(config))
        except (UnknownValue, TypeError, AttributeError, ValueError):
            continue
    lines = []
    for finding in found:
        try:
            accepted = config.acknowledgement(finding.code, finding.keys or (finding.key,))
        except (UnknownValue, TypeError, AttributeError):
            accepted = None
        if accepted is None:
            lines.append(finding.log_line(namespace))
    return lines
