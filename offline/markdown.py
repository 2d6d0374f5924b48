"""The Markdown report, for pull requests and GitHub job summaries: a summary (resources per
component and per type), the policy results by enforcement level with the setting to change, a
Mermaid diagram of the components, and every resource with its Azure name, resource group and
key settings. With ``--compare``, the changes against a previous plan instead."""

from __future__ import annotations

from collections import Counter
from typing import Any

from aml_landing_zone.offline.access import access_rows, principal_names
from aml_landing_zone.offline.compare import (
    PlanDiff,
    PropertyChange,
    ResourceChange,
    blocked_note,
    renamed_groups,
)
from aml_landing_zone.offline.facts import azure_name, locks_by_target, resource_group
from aml_landing_zone.offline.findings import other_warnings, run_findings
from aml_landing_zone.offline.mermaid import component_label, components, render_mermaid
from aml_landing_zone.offline.mermaid import short_type as _short_type
from aml_landing_zone.offline.model import ProgramRun, RecordedResource
from aml_landing_zone.offline.placeholders import label_placeholders, legend
from aml_landing_zone.offline.policy_run import PolicyResult
from aml_landing_zone.offline.policy_summary import LEVELS, group_findings, stack_file_namespace
from aml_landing_zone.offline.report import describe, safeguards


def cell(text: Any) -> str:
    """Text safe in a Markdown table cell: pipes escaped, line breaks as <br>."""
    value = label_placeholders(str(text))
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def code(text: Any) -> str:
    """Inline code in a table cell (a backtick in the text ends it, so it becomes a quote)."""
    quoted = cell(text).replace("`", "'")
    return f"`{quoted}`"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _owner(run: ProgramRun) -> dict[str, str]:
    """URN -> the label of the component a resource belongs to (``(stack)`` at the top)."""
    labels = {c.urn: component_label(c) for c in components(run)}
    return {r.urn: labels.get(r.parent or "", "(stack)") for r in run.resources}


def _summary(run: ProgramRun, result: PolicyResult | None) -> list[str]:
    custom = [r for r in run.resources if r.custom]
    line = f"**{len(custom)} resources** in **{len(components(run))} components**"
    if result is not None:
        line += (
            f"; policy pack `{result.pack}` with `{result.config}`: "
            f"**{result.mandatory} mandatory**, **{result.advisory} advisory**"
        )
    return [line + "."]


def _preflight(run: ProgramRun) -> list[str]:
    findings = run_findings(run)
    others = other_warnings(run)
    if not findings and not others:
        return []
    rows = [
        [
            "acknowledged" if f.acknowledged else f.level,
            code(f.code),
            code(f.key),
            cell(f.message + (f" (acknowledged: {f.acknowledged})" if f.acknowledged else "")),
        ]
        for f in findings
    ]
    rows += [["warning", "", "", cell(line)] for line in others]
    return ["### Preflight findings", "", *_table(["level", "code", "key", "message"], rows), ""]


def _policies(run: ProgramRun, result: PolicyResult | None) -> list[str]:
    if result is None:
        return ["### Policy results", "", "No policy preset: the stack names none.", ""]
    groups = group_findings(result, stack_file_namespace(run), run.stack)
    lines = ["### Policy results", ""]
    lines += _table(
        ["enforcement", "findings"],
        [[level, str(sum(g.count for g in groups if g.enforcement == level))] for level in LEVELS],
    )
    lines.append("")
    for level in LEVELS:
        in_level = [g for g in groups if g.enforcement == level]
        if not in_level:
            continue
        rows = [
            [
                code(g.policy),
                str(g.count),
                cell(", ".join(g.resources)),
                cell(g.message),
                cell(g.fix or ""),
            ]
            for g in in_level
        ]
        lines += [f"#### {level.capitalize()}", ""]
        lines += _table(["rule", "count", "resources", "finding", "setting to change"], rows)
        lines.append("")
    return lines


def _per_component(run: ProgramRun) -> list[str]:
    owner = _owner(run)
    by_component: dict[str, Counter[str]] = {}
    for resource in run.resources:
        if resource.custom:
            by_component.setdefault(owner[resource.urn], Counter())[resource.type] += 1
    rows = [
        [
            cell(label),
            str(sum(counts.values())),
            cell(", ".join(f"{n}× {_short_type(t)}" for t, n in sorted(counts.items()))),
        ]
        for label, counts in sorted(by_component.items())
    ]
    return ["### Resources per component", "", *_table(["component", "resources", "by type"], rows)]


def _per_type(run: ProgramRun) -> list[str]:
    counts = Counter(r.type for r in run.resources if r.custom)
    rows = [[code(t), str(n)] for t, n in sorted(counts.items())]
    return ["### Resources per type", "", *_table(["type", "count"], rows)]


def _access(run: ProgramRun) -> list[str]:
    rows = [
        [cell(r.principal), cell(r.principal_type), cell(r.role), code(r.scope)]
        for r in access_rows(run)
    ]
    if not rows:
        return []
    return [
        "### Access",
        "",
        "Who gets which role where: each principal by its key in the stack file, or the "
        "resource whose identity it is.",
        "",
        *_table(["principal", "type", "role", "scope"], rows),
        "",
    ]


def _resources(run: ProgramRun) -> list[str]:
    owner = _owner(run)
    locks = locks_by_target(run)
    principals = principal_names(run)

    def row(resource: RecordedResource) -> list[str]:
        settings = safeguards(resource, locks.get(resource.urn), principals)
        return [
            code(resource.name),
            cell(owner[resource.urn]),
            code(_short_type(resource.type)),
            code(azure_name(resource) or ""),
            code(resource_group(resource) or ""),
            cell(", ".join(settings)),
        ]

    custom = sorted((r for r in run.resources if r.custom), key=lambda r: (owner[r.urn], r.name))
    return [
        "<details><summary>Every resource: Azure name, resource group, key settings</summary>",
        "",
        *_table(
            ["resource", "component", "type", "Azure name", "resource group", "settings"],
            [row(r) for r in custom],
        ),
        "",
        "</details>",
    ]


def render_markdown(run: ProgramRun, result: PolicyResult | None) -> str:
    """The whole Markdown report, ending with a newline."""
    body = [
        *_policies(run, result),
        "### Architecture",
        "",
        "```mermaid",
        *render_mermaid(run),
        "```",
        "",
        *_per_component(run),
        "",
        *_per_type(run),
        "",
        *_access(run),
        *_resources(run),
    ]
    details = [" ".join(describe(r)) for r in run.resources]
    placeholders = legend([label_placeholders(text) for text in details])
    lines = [
        f"## Offline preview: `{run.project}`, stack `{run.stack}`",
        "",
        *_summary(run, result),
        "",
        *([f"> {placeholders}", ""] if placeholders else []),
        *_preflight(run),
        *body,
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Changes against a previous plan
# ---------------------------------------------------------------------------------------------


def _change(change: PropertyChange) -> str:
    mark = {"add": "+", "delete": "-", "update": "~"}[change.kind]
    return f"{mark}`{cell(change.path)}`" + (" (replaceOnChanges)" if change.replaces else "")


def _step_rows(group: tuple[ResourceChange, ...]) -> list[list[str]]:
    rows = []
    for step in group:
        note = ", ".join([*(cell(item) for item in step.kept), *map(_change, step.changes)])
        blocked = blocked_note(step)
        if blocked:
            note = f"**{cell(blocked)}**" + (f"; {note}" if note else "")
        rows.append([code(step.name), code(_short_type(step.type)), note])
    return rows


def render_diff_markdown(diff: PlanDiff) -> str:
    """The changes against a previous plan: a summary line, then each kind of step."""
    lines = [
        f"## Changes: `{diff.project}`, stack `{diff.stack}`",
        "",
        f"{diff.summary()}.",
        "",
    ]
    protected = sum(r.blocked_by_protect for r in diff.blocked)
    locked = sum(r.blocked_by_lock for r in diff.blocked)
    if protected:
        lines += [
            f"> **{protected} step(s) blocked by protect**: the engine refuses to replace "
            "or delete a protected resource.",
            "",
        ]
    if locked:
        lines += [
            f"> **{locked} step(s) blocked by a delete lock**: ARM refuses deleting a locked "
            "resource, what is under it and the role assignments on it (ScopeLocked).",
            "",
        ]
    for title, pairs in renamed_groups(diff):
        rows = [
            [
                code(pair.old.name),
                code(pair.new.name),
                code(_short_type(pair.new.type)),
                cell(", ".join(pair.new.kept)),
                f"**{cell(blocked_note(pair.old))}**" if blocked_note(pair.old) else "",
            ]
            for pair in pairs
        ]
        lines += [f"### {title}", ""]
        lines += _table(["old name", "new name", "type", "keeps", "blocked"], rows)
        lines.append("")
    for title, group in (
        ("Replace", diff.replaced),
        ("Update", diff.changed),
        ("Create", diff.created),
        ("Delete", diff.deleted),
    ):
        if group:
            lines += [f"### {title}", ""]
            lines += _table(["resource", "type", "changed inputs"], _step_rows(group))
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
