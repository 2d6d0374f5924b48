"""The human-readable preview: the component tree with each resource's Azure name, resource group
and the settings a reviewer checks first, counts per resource type and the stack outputs.
Deterministic, so it can be diffed between commits."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from aml_landing_zone.offline.access import access_rows, principal_names
from aml_landing_zone.offline.colour import PLAIN, Palette
from aml_landing_zone.offline.facts import azure_name, locks_by_target, resource_group
from aml_landing_zone.offline.findings import RunFinding, other_warnings, run_findings
from aml_landing_zone.offline.model import ProgramRun, RecordedResource
from aml_landing_zone.offline.placeholders import legend
from aml_landing_zone.offline.plan import render_value
from aml_landing_zone.offline.recorder import STACK_TYPE
from aml_landing_zone.offline.settings import shown as show_setting
from aml_landing_zone.offline.settings import text as _text
from aml_landing_zone.resource_types import resource_type


def key_settings(
    resource: RecordedResource, principals: Mapping[str, str] | None = None
) -> list[str]:
    """``label=value`` for each key setting (its registry entry's) the resource sets; principal
    ids named by ``principals`` (``access.principal_names``)."""
    inputs = render_value(resource.inputs)
    entry = resource_type(resource.type)
    settings = entry.key_settings if entry else ()
    found = (show_setting(setting, inputs, principals) for setting in settings)
    return [item for item in found if item is not None]


def placement(resource: RecordedResource) -> list[str]:
    """Where the resource goes, as ``label=value``: its Azure name and resource group."""
    shown = []
    name = azure_name(resource)
    if name is not None:
        shown.append(f"azureName={_text(name)}")
    group = resource_group(resource)
    if group is not None:
        shown.append(f"rg={_text(group)}")
    return shown


def safeguards(
    resource: RecordedResource,
    locks: list[str] | None = None,
    principals: Mapping[str, str] | None = None,
) -> list[str]:
    """Its protection (``protect``, always for stateful types; the delete locks pointing at it)
    and its key settings, as ``label=value``."""
    shown = []
    entry = resource_type(resource.type)
    if resource.protect or (entry is not None and entry.stateful):
        shown.append(f"protect={str(resource.protect).lower()}")
    if locks:
        shown.append(f"lock={','.join(locks)}")
    return shown + key_settings(resource, principals)


def describe(
    resource: RecordedResource,
    locks: list[str] | None = None,
    principals: Mapping[str, str] | None = None,
) -> list[str]:
    """Everything the text report shows after a resource."""
    return placement(resource) + safeguards(resource, locks, principals)


def _line(
    resource: RecordedResource, locks: list[str] | None, principals: Mapping[str, str]
) -> str:
    settings = describe(resource, locks, principals)
    head = f"{resource.name}  ({resource.type})"
    return f"{head}  {', '.join(settings)}" if settings else head


def stack_urn(run: ProgramRun) -> str:
    """The root stack's URN, as the engine builds it."""
    name = f"{run.project}-{run.stack}"
    return f"urn:pulumi:{run.stack}::{run.project}::{STACK_TYPE}::{name}"


def render_tree(run: ProgramRun, ascii_only: bool = False) -> list[str]:
    """The resource tree following ``parent``, children sorted by name (then type)."""
    root = stack_urn(run)
    known = {resource.urn for resource in run.resources}
    locks = locks_by_target(run)
    principals = principal_names(run)
    children: dict[str, list[RecordedResource]] = {}
    for resource in run.resources:
        parent = resource.parent if resource.parent in known else root
        children.setdefault(parent, []).append(resource)

    tee, elbow, pipe, blank = (
        ("|- ", "`- ", "|  ", "   ") if ascii_only else ("├─ ", "└─ ", "│  ", "   ")
    )
    lines = [f"{run.project}-{run.stack}  ({STACK_TYPE})"]

    def walk(urn: str, prefix: str) -> None:
        kids = sorted(children.get(urn, []), key=lambda r: (r.name, r.type, r.urn))
        for index, kid in enumerate(kids):
            last = index == len(kids) - 1
            lines.append(
                prefix + (elbow if last else tee) + _line(kid, locks.get(kid.urn), principals)
            )
            walk(kid.urn, prefix + (blank if last else pipe))

    walk(root, "")
    return lines


def render_counts(run: ProgramRun) -> list[str]:
    """How many resources of each type, and in total: the resources Azure (or a provider) gets,
    not the components that group them, counted as the Markdown report counts them."""
    resources = [resource for resource in run.resources if resource.custom]
    components = len(run.resources) - len(resources)
    counts = Counter(resource.type for resource in resources)
    width = len(str(max([len(resources), *counts.values()], default=0)))
    lines = [f"  {count:>{width}}  {type_}" for type_, count in sorted(counts.items())]
    lines.append(f"  {len(resources):>{width}}  resources in {components} components")
    return lines


def render_access(run: ProgramRun) -> list[str]:
    """Who gets which role where: one line per role assignment, by principal."""
    rows = access_rows(run)
    if not rows:
        return ["  (none)"]
    return [
        f"  {_text(row.principal)} ({row.principal_type}): {_text(row.role)} on {_text(row.scope)}"
        for row in rows
    ]


def render_lifecycle(run: ProgramRun) -> list[str]:
    """What the program deliberately leaves to Azure after creation (``ignoreChanges``) and which
    settings replace a resource when they change (``replaceOnChanges``), one line per resource."""
    lines: list[str] = []
    for title, paths_of in (
        ("Left to Azure after creation (ignoreChanges):", lambda r: r.ignore_changes),
        ("Replaced when changed (replaceOnChanges):", lambda r: r.replace_on_changes),
    ):
        lines.append(title)
        shown = [
            f"  {r.name}  ({r.type}): {_text(', '.join(paths_of(r)))}"
            for r in sorted(run.resources, key=lambda r: (r.name, r.type, r.urn))
            if paths_of(r)
        ]
        lines.extend(shown or ["  (none)"])
    return lines


def _repeats(name: str, item: Any, top: Mapping[str, Any]) -> str | None:
    """The top-level output a nested one repeats: the same id or name (not a short word such as
    an environment's) under a top-level name ending in the nested one's (``hubPrivateEndpointId``
    for ``hub.privateEndpointId``)."""
    if not isinstance(item, str) or len(item) < 8:
        return None
    same = [k for k in sorted(top) if top[k] == item and k.lower().endswith(name.lower())]
    return same[0] if same else None


def _output_lines(value: Any, indent: str, top: Mapping[str, Any]) -> list[str]:
    """A map of outputs one key a line, nested maps indented; a nested value repeating a
    top-level output named by that output instead of shown twice."""
    lines = []
    for name in sorted(value):
        item = value[name]
        same = _repeats(name, item, top) if value is not top else None
        if same:
            lines.append(f"{indent}{name}: (= {same})")
        elif isinstance(item, dict) and item:
            lines.append(f"{indent}{name}:")
            lines += _output_lines(item, indent + "  ", top)
        else:
            lines.append(f"{indent}{name}: {_text(item)}")
    return lines


def render_outputs(run: ProgramRun) -> list[str]:
    """The stack outputs, secrets masked. The program exports the hub's outputs both at the top
    level (the platform contract) and under ``hub`` (StackReference consumers read both), so a
    nested value equal to a top-level output is shown once, by that output's name."""
    outputs = render_value(run.outputs)
    if not outputs:
        return ["  (none)"]
    return _output_lines(outputs, "  ", outputs)


def render_report(run: ProgramRun, ascii_only: bool = False, palette: Palette = PLAIN) -> str:
    """The whole text report, ending with a newline."""
    body = [
        *render_tree(run, ascii_only),
        "",
        "Resources by type:",
        *render_counts(run),
        "",
        "Access (who gets which role where):",
        *render_access(run),
        "",
        *render_lifecycle(run),
        "",
        "Outputs:",
        *render_outputs(run),
    ]
    placeholders = legend(body)
    sections = [
        palette.paint(f"Project {run.project}, stack {run.stack}", "heading"),
        "",
        *[_finding_line(finding, palette) for finding in run_findings(run)],
        *[palette.paint(f"warning: {line}", "warning") for line in other_warnings(run)],
        *([""] if run.warnings else []),
        *([palette.paint(placeholders, "muted"), ""] if placeholders else []),
        *body,
    ]
    return "\n".join(sections) + "\n"


def _finding_line(finding: RunFinding, palette: Palette) -> str:
    if finding.acknowledged:
        return palette.paint(finding.text(), "muted")
    return palette.paint(finding.text(), "error" if finding.level == "error" else "warning")
