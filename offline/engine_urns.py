"""How the engine names resources, and which old resource each new one is, aliases included.

The mock runtime's URNs keep only the parent's last type (pulumi/pulumi#8637); the engine builds
``urn:pulumi:<stack>::<project>::<parent types joined by $>$<type>::<name>`` from the whole parent
chain (``generateURN`` in pkg/resource/deploy/step_generator.go). Two plan documents are therefore
matched on engine URNs computed from their ``parent`` links, then through each new resource's
aliases exactly as the engine resolves them (``generateAliases``, ``collapseAliasToUrn`` and
``inheritedChildAlias`` there):

* an alias spec defaults its name and type to the resource's own, and its parent to the
  resource's new parent (``noParent``: the root; a ``parentUrn`` is used as given, or as that
  parent's old URN when the parent itself matched through an alias);
* a child inherits an alias only when its parent matched its old resource through an alias:
  the parent's old URN becomes the child's parent, and a child name that starts with the parent's
  name gets the parent's old name as that prefix (``hub-churn-ws`` under ``churn`` -> ``churn-ws``);
* the URN is looked up first, then each alias in order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

STACK_TYPE = "pulumi:pulumi:Stack"
Resource = Mapping[str, Any]


def _parts(urn: str) -> tuple[str, str, str, str]:
    """(stack, project, qualified type, name) of a URN."""
    head, project, qualified, name = urn.split("::", 3)
    return head.split(":", 2)[2], project, qualified, name


def create_urn(name: str, type_: str, *, parent: str, project: str, stack: str) -> str:
    """``resource.CreateURN``: the parent's qualified type prefixes the type."""
    qualified = f"{_parts(parent)[2]}${type_}" if parent else type_
    return f"urn:pulumi:{stack}::{project}::{qualified}::{name}"


def engine_urns(resources: Sequence[Resource]) -> dict[str, str]:
    """Each resource's plan URN -> the URN the engine gives it (whole parent chain)."""
    by_urn = {r["urn"]: r for r in resources}
    found: dict[str, str] = {}

    def urn_of(resource: Resource) -> str:
        known = found.get(resource["urn"])
        if known is not None:
            return known
        stack, project, _, _ = _parts(resource["urn"])
        parent = by_urn.get(resource.get("parent") or "")
        parent_urn = urn_of(parent) if parent is not None else resource.get("parent") or ""
        if parent_urn and _parts(parent_urn)[2].endswith(STACK_TYPE):
            parent_urn = ""
        found[resource["urn"]] = create_urn(
            resource["name"], resource["type"], parent=parent_urn, project=project, stack=stack
        )
        return found[resource["urn"]]

    for resource in resources:
        urn_of(resource)
    return found


def match_old(old: Sequence[Resource], new: Sequence[Resource]) -> dict[str, str]:
    """New plan URN -> the old plan URN the engine would take it for (by URN, then aliases)."""
    old_urns = {urn: plan_urn for plan_urn, urn in engine_urns(old).items()}
    new_urns = engine_urns(new)
    by_urn = {r["urn"]: r for r in new}
    via_alias: dict[str, str] = {}  # the engine's sg.aliases: new URN -> old URN it matched
    matched: dict[str, str] = {}
    claimed: set[str] = set()
    depth = {urn: engine.count("$") for urn, engine in new_urns.items()}
    for resource in sorted(new, key=lambda r: (depth[r["urn"]], r["urn"])):  # parents first
        urn = new_urns[resource["urn"]]
        parent = by_urn.get(resource.get("parent") or "")
        for candidate in (urn, *_aliases(resource, parent, new_urns, via_alias)):
            if candidate in old_urns and old_urns[candidate] not in claimed:
                if candidate != urn:
                    via_alias[urn] = candidate
                matched[resource["urn"]] = old_urns[candidate]
                claimed.add(old_urns[candidate])
                break
    return matched


def _aliases(
    resource: Resource,
    parent: Resource | None,
    new_urns: Mapping[str, str],
    via_alias: Mapping[str, str],
) -> list[str]:
    """``generateAliases``: the resource's own aliases, then those inherited from a parent that
    matched through an alias."""
    stack, project, _, _ = _parts(new_urns[resource["urn"]])
    parent_urn = new_urns[parent["urn"]] if parent is not None else ""

    def collapse(spec: Mapping[str, Any]) -> str:
        if spec.get("urn"):
            return str(spec["urn"])
        given = spec.get("parentUrn")
        alias_parent = new_urns.get(given, given) if given else parent_urn
        if given:
            alias_parent = via_alias.get(alias_parent, alias_parent)
        if spec.get("noParent") or (alias_parent and _parts(alias_parent)[2] == STACK_TYPE):
            alias_parent = ""
        return create_urn(
            spec.get("name") or resource["name"],
            spec.get("type") or resource["type"],
            parent=alias_parent,
            project=spec.get("project") or project,
            stack=spec.get("stack") or stack,
        )

    own = [collapse(spec) for spec in resource.get("aliases") or ()]
    parent_old = via_alias.get(parent_urn) if parent is not None else None
    if parent is None or parent_old is None:
        return own
    inherited = [_inherited(resource["type"], resource["name"], parent["name"], parent_old)]
    for alias in own:
        _, _, qualified, name = _parts(alias)
        inherited.append(_inherited(qualified.rsplit("$", 1)[-1], name, parent["name"], parent_old))
    return own + inherited


def _inherited(child_type: str, child_name: str, parent_name: str, parent_old: str) -> str:
    """``inheritedChildAlias``: under the parent's old URN, the parent's old name as prefix."""
    stack, project, _, old_name = _parts(parent_old)
    name = child_name
    if child_name.startswith(parent_name):
        name = old_name + child_name[len(parent_name) :]
    return create_urn(name, child_type, parent=parent_old, project=project, stack=stack)
