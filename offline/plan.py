"""The machine-readable plan: what a reviewer diffs and what CI stores.

Values are rendered for people and diffs, not for the engine: secrets become ``[secret]``,
unknowns ``[unknown]``, resource references their URN. Everything is sorted, so two runs of the
same configuration give byte-identical JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aml_landing_zone.offline.findings import run_findings
from aml_landing_zone.offline.model import (
    SECRET_SIG_KEY,
    SECRET_SIG_VALUE,
    UNKNOWN,
    ProgramRun,
    RecordedResource,
)

SECRET_TEXT = "[secret]"
UNKNOWN_TEXT = "[unknown]"

# Other special-value signatures of Pulumi's wire format (sdk/go/common/resource/properties.go).
RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4"
ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17"
ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7"


def render_value(value: Any) -> Any:
    """Turn a wire-form value into plain JSON for plans and reports."""
    if isinstance(value, str):
        return UNKNOWN_TEXT if value == UNKNOWN else value
    if isinstance(value, list):
        return [render_value(item) for item in value]
    if not isinstance(value, Mapping):
        return value
    signature = value.get(SECRET_SIG_KEY)
    if signature == SECRET_SIG_VALUE:
        return SECRET_TEXT
    if signature == RESOURCE_REFERENCE_SIG:
        return value.get("urn", UNKNOWN_TEXT)
    if signature == OUTPUT_VALUE_SIG:
        if value.get("secret"):
            return SECRET_TEXT
        return render_value(value["value"]) if "value" in value else UNKNOWN_TEXT
    if signature in (ASSET_SIG, ARCHIVE_SIG):
        kind = "asset" if signature == ASSET_SIG else "archive"
        return {kind: {k: render_value(v) for k, v in value.items() if k != SECRET_SIG_KEY}}
    return {key: render_value(item) for key, item in value.items()}


def all_dependencies(resource: RecordedResource) -> list[str]:
    """Explicit ``depends_on`` plus every dependency implied by an Output input."""
    urns = set(resource.dependencies)
    for deps in resource.property_dependencies.values():
        urns.update(deps)
    return sorted(urns)


def resource_entry(resource: RecordedResource) -> dict[str, Any]:
    """One resource as it appears in the plan. ``ignoreChanges`` and ``replaceOnChanges`` are the
    property paths the program sent (in its order; empty lists when none), so a reviewer sees what
    is deliberately left to Azure after creation and which settings replace the resource;
    ``deleteBeforeReplace`` and ``retainOnDelete`` are the two options that change how a
    replacement or a deletion runs; ``aliases`` the program's own, which ``--compare`` matches old
    URNs through."""
    return {
        "urn": resource.urn,
        "type": resource.type,
        "name": resource.name,
        "parent": resource.parent,
        "custom": resource.custom,
        "protect": resource.protect,
        "dependencies": all_dependencies(resource),
        "ignoreChanges": list(resource.ignore_changes),
        "replaceOnChanges": list(resource.replace_on_changes),
        "deleteBeforeReplace": resource.delete_before_replace,
        "retainOnDelete": resource.retain_on_delete,
        "aliases": [dict(alias) for alias in resource.aliases],
        "inputs": render_value(resource.inputs),
    }


def plan_document(run: ProgramRun, policies: dict[str, Any] | None = None) -> dict[str, Any]:
    """The plan as a JSON-ready dict; ``policies`` (when given) is added under its own key."""
    doc: dict[str, Any] = {
        "project": run.project,
        "stack": run.stack,
        "resources": [
            resource_entry(resource) for resource in sorted(run.resources, key=lambda r: r.urn)
        ],
        "outputs": render_value(run.outputs),
        "findings": [finding.to_json() for finding in run_findings(run)],
    }
    if policies is not None:
        doc["policies"] = policies
    return doc


def dump_plan(run: ProgramRun, policies: dict[str, Any] | None = None) -> str:
    """The plan as the canonical JSON text (sorted keys, two-space indent, trailing newline)."""
    return json.dumps(plan_document(run, policies), indent=2, sort_keys=True) + "\n"
