"""A Mermaid flowchart of the architecture, for GitHub (pull requests, job summaries) to draw.

Each component is a box (a subgraph, nested as the components nest) named by its type and name,
and by its workspace's Azure name where it has one. The resources that make the architecture
(``Diagram.node`` in the registry: workspaces, storage, vaults, registries, networks,
identities, monitoring) are boxes of their own; the rest of a component's resources are
counted in one box per component ("15× RoleAssignment"), so prod stays legible. Edges are the
dependencies the registry names (``Diagram.links``): a hub's dependent resources, the hub to
each project, private endpoints to their targets, a product's datastores to its lake. What an
edge reaches outside the stack (a lake, another stack's registry) is a dashed box of its own.

Ids are generated (``c0``, ``n0``, ``x0``...), never taken from names, so no name can clash with
Mermaid's keywords; labels are quoted with Mermaid's entity codes for the characters that would
end them (https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from aml_landing_zone.offline.facts import azure_name, resource_ids
from aml_landing_zone.offline.model import ProgramRun, RecordedResource
from aml_landing_zone.offline.plan import UNKNOWN_TEXT, render_value
from aml_landing_zone.offline.settings import MISSING, lookup
from aml_landing_zone.resource_types import (
    ML_WORKSPACE,
    NOT_DRAWN,
    Diagram,
    Link,
    resource_type,
)

# Escaped first, so the entities added for the others are left alone.
_ENTITIES = (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("&", "#amp;"))
_PLACEHOLDER = re.compile(r"\{([^}]+)\}")
# An ARM id down to its resource: /subscriptions/s/resourceGroups/g/providers/NS/type/name
_RESOURCE_ID = re.compile(
    r"^(/subscriptions/[^/]+/resourcegroups/[^/]+/providers/[^/]+/[^/]+/[^/]+)"
)


def escape(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    for char, entity in _ENTITIES:
        text = text.replace(char, entity)
    return text


def short_type(token: str) -> str:
    """``azure-native:authorization:RoleAssignment`` -> ``authorization:RoleAssignment``."""
    return token.split(":", 1)[1] if token.count(":") >= 2 else token


def component_label(component: RecordedResource) -> str:
    """How the reports name a component: its name and its type's last segment."""
    return f"{component.name} ({component.type.rsplit(':', 1)[-1]})"


def components(run: ProgramRun) -> list[RecordedResource]:
    """Every ComponentResource the run registered (the stack itself is not in the run)."""
    return [resource for resource in run.resources if not resource.custom]


def _diagram(resource: RecordedResource) -> Diagram:
    entry = resource_type(resource.type)
    return entry.diagram if entry is not None else NOT_DRAWN


def _targets(template: str, inputs: Any) -> list[str]:
    """The ARM ids a link's template gives (one per item of a ``[]`` path); none unknown."""
    filled = [template]
    for path in _PLACEHOLDER.findall(template):
        value = lookup(inputs, path)
        values = value if isinstance(value, list) else [value]
        if value is MISSING or not values:
            return []
        filled = [t.replace(f"{{{path}}}", str(v)) for t in filled for v in values]
    return [t for t in filled if UNKNOWN_TEXT not in t and t.startswith("/")]


def _labels(link: Link, inputs: Any) -> list[str]:
    if link.label is None:
        return []
    value = lookup(inputs, link.label)
    values = value if isinstance(value, list) else [value]
    return [str(v) for v in values if v is not MISSING]


@dataclass
class _Picture:
    """The boxes and edges being built: ids, labels, where each box goes, the edges' texts."""

    labels: dict[str, str] = field(default_factory=dict)
    place: dict[str, str | None] = field(default_factory=dict)  # box id -> component urn
    box_of: dict[str, str] = field(default_factory=dict)  # resource urn -> its own box
    box_by_id: dict[str, str] = field(default_factory=dict)  # lower ARM id -> box
    summary: dict[str | None, Counter[str]] = field(default_factory=dict)
    edges: dict[tuple[str, str], dict[str, set[str]]] = field(default_factory=dict)
    counter: Counter[str] = field(default_factory=Counter)

    def new(self, kind: str, label: str, component: str | None) -> str:
        box = f"{kind}{self.counter[kind]}"
        self.counter[kind] += 1
        self.labels[box], self.place[box] = label, component
        return box


def _node_label(resource: RecordedResource) -> str:
    name = azure_name(resource) or resource.name
    return f"{escape(name)}<br/>{escape(short_type(resource.type))}"


def _boxes(run: ProgramRun, picture: _Picture, arm: dict[str, str]) -> None:
    """A box for each architecture resource; the others counted in their component's box."""
    known = {r.urn for r in run.resources}
    for resource in sorted(run.resources, key=lambda r: (r.name, r.type, r.urn)):
        if not resource.custom:
            continue
        component = resource.parent if resource.parent in known else None
        if _diagram(resource).node:
            box = picture.new("n", _node_label(resource), component)
            picture.box_of[resource.urn] = box
            if resource.urn in arm:
                picture.box_by_id[arm[resource.urn]] = box
        else:
            kind = resource.type.rsplit(":", 1)[-1]
            picture.summary.setdefault(component, Counter())[kind] += 1


def _source(resource: RecordedResource, picture: _Picture, arm: dict[str, str]) -> str:
    """Where a resource's edges start: its own box, the box its ARM id sits under, or one box
    for its type in its component (its count moves there from the component's summary)."""
    if resource.urn in picture.box_of:
        return picture.box_of[resource.urn]
    own = arm.get(resource.urn, "")
    for cut in range(len(own) - 1, 0, -1):
        if own[cut] == "/" and own[:cut] in picture.box_by_id:
            return picture.box_by_id[own[:cut]]
    key = f"{resource.parent}|{resource.type}"
    if key not in picture.box_of:
        component = resource.parent
        counts = picture.summary.get(component, Counter())
        kind = resource.type.rsplit(":", 1)[-1]
        count = counts.pop(kind, 1)
        picture.box_of[key] = picture.new("n", f"{count}× {escape(kind)}", component)
    return picture.box_of[key]


def _external(target: str, picture: _Picture) -> str:
    """The box of an ARM id outside the stack (shared by every edge to it)."""
    match = _RESOURCE_ID.match(target.lower())
    key = match.group(1) if match else target.lower()
    if key not in picture.box_by_id:
        parts = target[: len(key)].split("/")
        label = f"{escape(parts[-1])}<br/>{escape(parts[-2])}, outside this stack"
        picture.box_by_id[key] = picture.new("x", label, None)
    return picture.box_by_id[key]


def _edges(run: ProgramRun, picture: _Picture, arm: dict[str, str]) -> None:
    for resource in sorted(run.resources, key=lambda r: (r.name, r.type, r.urn)):
        links = _diagram(resource).links
        if not links:
            continue
        inputs = render_value(resource.inputs)
        source = _source(resource, picture, arm)
        for link in links:
            for target in _targets(link.target, inputs):
                end = picture.box_by_id.get(target.lower().rstrip("/"))
                if end is None and target.lower() not in arm.values():
                    end = _external(target, picture)
                if end is None or end == source:
                    continue
                pair = (end, source) if link.reverse else (source, end)
                texts = picture.edges.setdefault(pair, {})
                texts.setdefault(link.text, set()).update(_labels(link, inputs))


def _edge_text(texts: dict[str, set[str]]) -> str:
    parts = [
        f"{text} {', '.join(sorted(labels))}".strip() for text, labels in sorted(texts.items())
    ]
    return escape("; ".join(part for part in parts if part))


def _component_label(component: RecordedResource, run: ProgramRun) -> str:
    """Type and name, and the Azure name of the component's own workspace where it has one."""
    label = f"{component.type.rsplit(':', 1)[-1]} {component.name}"
    for resource in run.resources:
        if resource.parent == component.urn and resource.type == ML_WORKSPACE:
            label += f"<br/>{azure_name(resource) or resource.name}"
            break
    return escape(label).replace("#lt;br/#gt;", "<br/>")


def _summaries(picture: _Picture) -> None:
    for component, counts in picture.summary.items():
        if counts:
            shown = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            label = "<br/>".join(f"{n}× {escape(kind)}" for kind, n in shown)
            picture.new("s", label, component)


def _lines(run: ProgramRun, picture: _Picture) -> Iterator[str]:
    known = {r.urn for r in run.resources}
    nested: dict[str | None, list[RecordedResource]] = {}
    for component in components(run):
        parent = component.parent if component.parent in known else None
        nested.setdefault(parent, []).append(component)
    ids = Counter[str]()

    def emit(parent: str | None, indent: str) -> Iterator[str]:
        for box, label in picture.labels.items():
            if picture.place[box] == parent:
                yield f'{indent}{box}["{label}"]'
        for component in sorted(nested.get(parent, []), key=lambda c: (c.name, c.type, c.urn)):
            ids["c"] += 1
            yield f'{indent}subgraph c{ids["c"] - 1}["{_component_label(component, run)}"]'
            yield from emit(component.urn, indent + "  ")
            yield f"{indent}end"

    yield from emit(None, "  ")
    for (start, end), texts in picture.edges.items():
        text = _edge_text(texts)
        yield f'  {start} -->|"{text}"| {end}' if text else f"  {start} --> {end}"
    externals = [box for box in picture.labels if box.startswith("x")]
    if externals:
        yield "  classDef external stroke-dasharray: 5 5"
        yield f"  class {','.join(externals)} external"


def render_mermaid(run: ProgramRun) -> list[str]:
    """The flowchart's lines (without the code fence)."""
    arm = resource_ids(run)
    picture = _Picture()
    _boxes(run, picture, arm)
    _edges(run, picture, arm)
    _summaries(picture)
    return ["flowchart TB", *_lines(run, picture)]
