"""The human-readable preview: the component tree with each resource's Azure name, resource group
and the settings a reviewer checks first, counts per resource type and the stack outputs.
Deterministic, so it can be diffed between commits."""

from __future__ import annotations

from collections import Counter

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


def key_settings(resource: RecordedResource) -> list[str]:
    """``label=value`` for each key setting (its registry entry's) the resource sets."""
    inputs = render_value(resource.inputs)
    entry = resource_type(resource.type)
    found = (show_setting(setting, inputs) for setting in (entry.key_settings if entry else ()))
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


def safeguards(resource: RecordedResource, locks: list[str] | None = None) -> list[str]:
    """Its protection (``protect``, always for stateful types; the delete locks pointing at it)
    and its key settings, as ``label=value``."""
    shown = []
    entry = resource_type(resource.type)
    if resource.protect or (entry is not None and entry.stateful):
        shown.append(f"protect={str(resource.protect).lower()}")
    if locks:
        shown.append(f"lock={','.join(locks)}")
    return shown + key_settings(resource)


def describe(resource: RecordedResource, locks: list[str] | None = None) -> list[str]:
    """Everything the text report shows after a resource."""
    return placement(resource) + safeguards(resource, locks)


def _line(resource: RecordedResource, locks: list[str] | None) -> str:
    settings = describe(resource, locks)
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
            lines.append(prefix + (elbow if last else tee) + _line(kid, locks.get(kid.urn)))
            walk(kid.urn, prefix + (blank if last else pipe))

    walk(root, "")
    return lines


def render_counts(run: ProgramRun) -> list[str]:
    """How many resources of each type, and in total."""
    counts = Counter(resource.type for resource in run.resources)
    width = len(str(max([len(run.resources), *counts.values()], default=0)))
    lines = [f"  {count:>{width}}  {type_}" for type_, count in sorted(counts.items())]
    lines.append(f"  {len(run.resources):>{width}}  total")
    return lines


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


def render_outputs(run: ProgramRun) -> list[str]:
    """The stack outputs, secrets masked."""
    outputs = render_value(run.outputs)
    if not outputs:
        return ["  (none)"]
    return [f"  {name}: {_text(outputs[name])}" for name in sorted(outputs)]


def render_report(run: ProgramRun, ascii_only: bool = False, palette: Palette = PLAIN) -> str:
    """The whole text report, ending with a newline."""
    body = [
        *render_tree(run, ascii_only),
        "",
        "Resources by type:",
        *render_counts(run),
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
