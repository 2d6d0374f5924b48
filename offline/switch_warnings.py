"""What a comparison of two plans warns about: changes that delete workspaces, and what is in
them, with no error anywhere. Each warning names the switch and the way through (README,
"Upgrading").

They can only be seen by comparing with the plan of what is deployed (``--compare``, as the pull
request workflow does with the base branch): the program alone cannot tell a renamed key from a
new one, nor a stack that left ``environments`` from one that never had it.

* LZ-WRN-005: a project or data product workspace disappears and another appears (a renamed
  key: the old workspace is deleted with its experiments, models and data assets).
* LZ-WRN-006: a workspace moves to another resource group (``hub.projectResourceGroups``):
  azure-native replaces a resource whose group changes.
* LZ-WRN-007: a data product's workspace changes kind (``dataProducts[].kind``): a new workspace,
  and its computes, datastores and connections replaced with it.
* LZ-WRN-008: the stack no longer builds the MultiEnvironment component (``environments``
  removed): the engine's URNs carry every parent, no alias leads back, so everything under it is
  deleted and created again."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from aml_landing_zone.codes import ENVIRONMENTS_LEFT, GROUP_MOVED, KIND_SWITCHED, PROJECT_RENAMED
from aml_landing_zone.component_types import (
    DATA_LANDING_ZONE_TYPE,
    MULTI_ENVIRONMENT_TYPE,
    PROJECT_TYPE,
)
from aml_landing_zone.offline.engine_urns import engine_urns
from aml_landing_zone.resource_types import ML_WORKSPACE as WORKSPACE

RUNBOOK = "see the README's upgrade notes"
Resource = Mapping[str, Any]


def switch_warnings(
    old: Mapping[str, Resource], new: Mapping[str, Resource], matches: Mapping[str, str]
) -> tuple[str, ...]:
    """The warnings for two plans' resources by URN, ``matches`` the new URN -> old URN of each
    resource the engine would keep."""
    kept = set(matches.values())
    old_names = {r["name"] for r in old.values() if _is_project(r)}
    new_names = {r["name"] for r in new.values() if _is_project(r)}
    gone = sorted(
        {r["name"] for u, r in old.items() if u not in kept and _is_project(r)} - new_names
    )
    came = sorted(
        {r["name"] for u, r in new.items() if u not in matches and _is_project(r)} - old_names
    )
    before, after = _product_kinds(old.values()), _product_kinds(new.values())
    switched = {k: (before[k], kind) for k, kind in after.items() if before.get(k, kind) != kind}
    return (
        *_rename("project", gone, came, "'friendlyName'"),
        *_rename(
            "data product",
            sorted(before.keys() - after),
            sorted(after.keys() - before),
            "'description'",
        ),
        *_group_moves(old, new, matches),
        *(_kind_warning(key, kinds) for key, kinds in sorted(switched.items())),
        *_environments_left(old, new),
    )


def _is_project(resource: Resource) -> bool:
    """A landing zone project's component (a data product's project is the product's). One the
    engine keeps (an alias) or whose name stays (a new parent) is no renamed key."""
    return resource["type"] == PROJECT_TYPE and f"{DATA_LANDING_ZONE_TYPE}$" not in resource["urn"]


def _product_kinds(resources: Iterable[Resource]) -> dict[str, str]:
    """Each data product's workspace kind, by the product key its workspace is tagged with."""
    kinds = {}
    for resource in resources:
        tags = (resource.get("inputs") or {}).get("tags")
        if resource["type"] == WORKSPACE and isinstance(tags, Mapping) and "dataProduct" in tags:
            kinds[str(tags["dataProduct"])] = str(resource["inputs"].get("kind"))
    return kinds


def _rename(what: str, gone: list[str], came: list[str], display: str) -> Iterator[str]:
    """A workspace of a key gone while one of a new key appears: a renamed key, most likely."""
    if gone and came:
        yield (
            f"[{PROJECT_RENAMED}] {what} {', '.join(gone)} disappears and {', '.join(came)} "
            f"appears: if a {what}'s 'name' (its stable key) was renamed, its workspace is "
            f"deleted with everything in it; change {display} to rename what people see"
        )


def _kind_warning(key: str, kinds: tuple[str, str]) -> str:
    return (
        f"[{KIND_SWITCHED}] data product {key} changes kind ({kinds[0]} -> {kinds[1]}; "
        "dataProducts[].kind): its workspace is deleted and another created, and its computes, "
        "datastores and connections are replaced with it; keep the kind, or add a product "
        f"under a new name and move the work first ({RUNBOOK})"
    )


def _group_moves(
    old: Mapping[str, Resource], new: Mapping[str, Resource], matches: Mapping[str, str]
) -> Iterator[str]:
    """Workspaces the engine keeps but whose resource group changes: a replacement."""
    moves = []
    for urn, old_urn in sorted(matches.items()):
        before, after = old[old_urn], new[urn]
        if after["type"] != WORKSPACE:
            continue
        groups = (
            (before.get("inputs") or {}).get("resourceGroupName"),
            (after.get("inputs") or {}).get("resourceGroupName"),
        )
        if groups[0] != groups[1]:
            name = after["inputs"].get("workspaceName", after["name"])
            moves.append(f"{name} ({groups[0]} -> {groups[1]})")
    if moves:
        yield (
            f"[{GROUP_MOVED}] workspace {', '.join(moves)} moves to another resource group "
            "(hub.projectResourceGroups): azure-native replaces it, deleting what is in it; set "
            f"the stack's previous hub.projectResourceGroups to keep it ({RUNBOOK})"
        )


def _environments_left(old: Mapping[str, Resource], new: Mapping[str, Resource]) -> Iterator[str]:
    """The old plan was built by MultiEnvironment, the new one is not: every resource below it
    gets a new engine URN, and no alias points back."""
    if not any(r["type"] == MULTI_ENVIRONMENT_TYPE for r in old.values()) or any(
        r["type"] == MULTI_ENVIRONMENT_TYPE for r in new.values()
    ):
        return
    chains = engine_urns(list(old.values())).values()
    below = sum(1 for urn in chains if f"::{MULTI_ENVIRONMENT_TYPE}" in urn)
    yield (
        f"[{ENVIRONMENTS_LEFT}] the stack no longer has 'environments' (the MultiEnvironment "
        f"component): {below} of {len(old)} deployed resources (it and all under it) lose their "
        "URN and no alias leads back, so each is deleted and created again (protected ones "
        "stop pulumi up); keep "
        f"'environments' (pattern single for one environment) ({RUNBOOK})"
    )
