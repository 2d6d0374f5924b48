"""Policy findings as a reviewer reads them: identical findings once with a count, each with the
stack setting that decides it. Shared by the text and the Markdown reports."""

from __future__ import annotations

import re
from dataclasses import dataclass

from aml_landing_zone.component_types import LANDING_ZONE_TYPE, MULTI_ENVIRONMENT_TYPE
from aml_landing_zone.offline.colour import PLAIN, Palette
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.policy_run import PolicyResult
from aml_landing_zone.policies.stack_keys import fix_hint

LEVELS = ("mandatory", "advisory")


def resource_label(urn: str) -> str:
    """``name (type)`` from a URN; ``(stack)`` for the stack itself."""
    if not urn:
        return "(stack)"
    parts = urn.split("::")
    return f"{parts[-1]} ({parts[-2].split('$')[-1]})"


@dataclass(frozen=True)
class FindingGroup:
    """One rule's identical finding (same level, same text) on one or more resources."""

    policy: str
    enforcement: str
    message: str
    resources: tuple[str, ...]  # resource labels, in the pack's report order
    fix: str | None

    @property
    def count(self) -> int:
        return len(self.resources)


def _detail(message: str) -> str:
    """The finding itself: the pack's message is the rule's description, then the detail."""
    description, _, detail = message.partition("\n")
    return (detail or description).strip()


THIS_RESOURCE = "this resource"


def _without_own_name(message: str, urn: str) -> str:
    """The message with the resource naming itself (``storage:StorageAccount hub-st``, or its
    name alone) said as "this resource": the same finding on several resources then reads
    the same, and the group lists the resources once."""
    if not urn:
        return message
    parts = urn.split("::")
    name, token = parts[-1], parts[-2].split("$")[-1]
    kind = token.split(":", 1)[1] if token.count(":") >= 2 else token
    # the type as a message says it: "workspace", "storage account" (StorageAccount), any case
    noun = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", token.rsplit(":", 1)[-1])
    said = rf"(?:{re.escape(kind)}|(?i:{re.escape(noun)}))"
    own = rf"(?<![\w-])(?:{said} )?{re.escape(name)}(?![\w-])"
    generic = re.sub(own, THIS_RESOURCE, message)
    return generic[:1].upper() + generic[1:] if generic.startswith(THIS_RESOURCE) else generic


def stack_file_namespace(run: ProgramRun) -> str | None:
    """The namespace of the stack file keys that decide the findings: the project's, when the
    program builds its landing zone from the stack file (a ``LandingZone``); None for a
    program that gives the components args of its own, whose stack file has no such keys."""
    built = {resource.type for resource in run.resources}
    from_stack_file = bool(built & {LANDING_ZONE_TYPE, MULTI_ENVIRONMENT_TYPE})
    return run.project if from_stack_file else None


def group_findings(result: PolicyResult, namespace: str | None, stack: str) -> list[FindingGroup]:
    """The violations grouped by (level, rule, text, fix), mandatory first, in the pack's order;
    the text leaves out the resource's own name (see :func:`_without_own_name`), the fix names
    the key that decides the finding on that resource (a data product's own, or the hub's).
    Without a ``namespace`` (see :func:`stack_file_namespace`) no stack key is named as the fix."""
    file_of = result.sources.file_of if result.sources is not None else None
    groups: dict[tuple[str, str, str, str | None], list[str]] = {}
    for violation in result.violations:
        detail = _without_own_name(_detail(violation.message), violation.urn)
        fix = (
            fix_hint(
                violation.policy,
                namespace,
                stack,
                result.config,
                file_of=file_of,
                urn=violation.urn,
            )
            if namespace
            else None
        )
        key = (violation.enforcement, violation.policy, detail, fix)
        groups.setdefault(key, []).append(resource_label(violation.urn))
    order = {level: index for index, level in enumerate(LEVELS)}
    return [
        FindingGroup(policy, level, message, tuple(resources), fix)
        for (level, policy, message, fix), resources in sorted(
            groups.items(), key=lambda item: (order.get(item[0][0], len(LEVELS)), item[0][1])
        )
    ]


SHOWN_RESOURCES = 8  # a group names this many resources, then says how many more


def resources_text(group: FindingGroup) -> str:
    """The resources of a group: the one resource, or a count and the first names."""
    if group.count == 1:
        return group.resources[0]
    names = [label.split(" (", 1)[0] for label in group.resources]
    shown = ", ".join(names[:SHOWN_RESOURCES])
    more = group.count - SHOWN_RESOURCES
    return f"{group.count} resources: {shown}" + (f" and {more} more" if more > 0 else "")


def format_text(
    result: PolicyResult,
    namespace: str | None = None,
    stack: str | None = None,
    palette: Palette = PLAIN,
) -> str:
    """The findings by enforcement level, mandatory first: each rule's identical findings once,
    with its resources and, given the stack, the setting to change."""
    counts = {level: 0 for level in LEVELS}
    for v in result.violations:
        counts[v.enforcement] = counts.get(v.enforcement, 0) + 1
    lines = [
        f"Policy pack {result.pack} with {result.config}: "
        + palette.paint(
            f"{counts['mandatory']} mandatory", "error" if counts["mandatory"] else "ok"
        )
        + ", "
        + palette.paint(f"{counts['advisory']} advisory", "warning" if counts["advisory"] else "ok")
        + (f", {len(result.remediations)} remediated" if result.remediations else "")
    ]
    groups = group_findings(result, namespace, stack or "")
    for level in LEVELS:
        in_level = [g for g in groups if g.enforcement == level]
        if not in_level:
            continue
        lines.append(
            "\n" + palette.paint(level.upper(), "error" if level == "mandatory" else "warning")
        )
        for group in in_level:
            lines.append(f"  [{group.policy}] {resources_text(group)}")
            lines.append(f"      {group.message}")
            if group.fix and namespace and stack:
                lines.append("      " + palette.paint(f"fix: {group.fix}", "muted"))
    if result.remediations:
        lines.append("\nREMEDIATED")
        lines.extend(f"  [{r.policy}] {resource_label(r.urn)}" for r in result.remediations)
    return "\n".join(lines) + "\n"
