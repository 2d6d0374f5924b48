"""A Mermaid flowchart of the components and their resources, for GitHub (pull requests, job
summaries) to draw. It stays readable on large stacks: each component is a subgraph, nested as
the components nest, and its own resources are collapsed by type ("19× RoleAssignment").

Ids are generated (``c0``, ``r0``...), never taken from names, so no name can clash with
Mermaid's keywords; labels are quoted with Mermaid's entity codes for the characters that would
end them (https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters)."""

from __future__ import annotations

from collections import Counter

from aml_landing_zone.offline.model import ProgramRun, RecordedResource

# Escaped first, so the entities added for the others are left alone.
_ENTITIES = (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("&", "#amp;"))


def escape(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    for char, entity in _ENTITIES:
        text = text.replace(char, entity)
    return text


def short_type(token: str) -> str:
    """``azure-native:authorization:RoleAssignment`` -> ``authorization:RoleAssignment``."""
    return token.split(":", 1)[1] if token.count(":") >= 2 else token


def component_label(component: RecordedResource) -> str:
    """How the diagram names a component: its name and its type's last segment."""
    return f"{component.name} ({component.type.rsplit(':', 1)[-1]})"


def components(run: ProgramRun) -> list[RecordedResource]:
    """Every ComponentResource the run registered (the stack itself is not in the run)."""
    return [resource for resource in run.resources if not resource.custom]


def render_mermaid(run: ProgramRun) -> list[str]:
    """The flowchart's lines (without the code fence)."""
    known = {resource.urn for resource in run.resources}
    children: dict[str | None, list[RecordedResource]] = {}
    for resource in run.resources:
        parent = resource.parent if resource.parent in known else None
        children.setdefault(parent, []).append(resource)

    lines = ["flowchart TB"]
    counter = Counter[str]()

    def new_id(kind: str) -> str:
        counter[kind] += 1
        return f"{kind}{counter[kind] - 1}"

    def emit(parent: str | None, indent: str) -> None:
        kids = sorted(children.get(parent, []), key=lambda r: (r.name, r.type, r.urn))
        by_type: dict[str, list[RecordedResource]] = {}
        for kid in kids:
            if kid.custom:
                by_type.setdefault(kid.type, []).append(kid)
        for token in sorted(by_type):
            group = by_type[token]
            if len(group) == 1:
                label = f"{escape(group[0].name)}<br/>{escape(short_type(token))}"
            else:
                label = f"{len(group)}× {escape(short_type(token))}"
            lines.append(f'{indent}{new_id("r")}["{label}"]')
        for kid in kids:
            if not kid.custom:
                lines.append(f'{indent}subgraph {new_id("c")}["{escape(component_label(kid))}"]')
                emit(kid.urn, indent + "  ")
                lines.append(f"{indent}end")

    emit(None, "  ")
    return lines
