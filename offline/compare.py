"""Compare two plan documents (``offline-preview --format json``, old and new) the way the engine
would judge each resource: created, deleted, updated or replaced.

It follows the engine and azure-native, offline and without state:

* resources are matched by the engine's URN, then aliases (a renamed resource without one is a
  delete and a create);
* the new program's ``ignoreChanges`` first reset those paths to the old value, with the engine's
  own rules (``PropertyPath.reset`` in pulumi/pulumi sdk/go/common/resource/properties_path.go;
  a path it cannot reset is reported, as ``pulumi preview`` reports it);
* the inputs are then diffed as azure-native's ``calculateDetailedDiff`` does (objects key by
  key, arrays index by index), giving property paths such as ``encryption.keyVaultProperties``;
* a change is a replacement when a ``replaceOnChanges`` path of the new program contains one of
  those paths (``applyReplaceOnChanges`` and ``PropertyPath.Contains`` in the engine);
* the engine refuses to replace or delete a protected resource ("unable to replace resource ...
  as it is currently marked for protection"): such steps are reported as blocked by protect.

Resources are matched on the engine's URNs, aliases included (``engine_urns``). It knows two of
azure-native's own force-new properties: ``resourceGroupName``, a parameter of every
resource-group-scoped ARM id, and an Azure ML resource's ``workspaceName`` (the provider replaces
a resource when a path parameter of its id changes; ARM has no in-place move). What it cannot
see: the other force-new properties (other names, a private endpoint's subnet:
provider/pkg/gen/replacement.go), which show here as updates; values only known after
deployment (``[unknown]`` in both plans compares equal); and the knock-on updates of resources
that read a replaced resource's outputs (its new id is unknown until it exists)."""

from __future__ import annotations

import copy
import dataclasses
import difflib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from aml_landing_zone.codes import REDUNDANCY_CONVERSION
from aml_landing_zone.offline.colour import PLAIN, Palette
from aml_landing_zone.offline.engine_urns import match_old
from aml_landing_zone.offline.locks import Lock, blocking_lock, plan_locks
from aml_landing_zone.offline.settings import shown
from aml_landing_zone.offline.switch_warnings import switch_warnings
from aml_landing_zone.resource_types import STORAGE_ACCOUNT, resource_type

PathElement = str | int
PropertyPath = tuple[PathElement, ...]
WILDCARD = "*"
RESOURCE_GROUP_INPUT = "resourceGroupName"
WORKSPACE_NAME_INPUT = "workspaceName"

Action = Literal["create", "delete", "update", "replace"]

# A storage account whose SKU moves between zonal and non-zonal redundancy (LRS <-> ZRS,
# GRS <-> GZRS): ARM takes no such change in an update; the account is converted first
# ("Change how a storage account is replicated", customer-initiated conversion:
# https://learn.microsoft.com/azure/storage/common/redundancy-migration).
_ZONAL_SKUS = ("ZRS", "GZRS", "RAGZRS")
ChangeKind = Literal["add", "delete", "update"]


class PropertyPathError(ValueError):
    """A property path the engine would not parse."""


# ---------------------------------------------------------------------------------------------
# Property paths (the engine's grammar)
# ---------------------------------------------------------------------------------------------


def parse_property_path(path: str) -> PropertyPath:
    """``a.b["c d"][0][*]`` -> ``("a", "b", "c d", 0, "*")``, as ``ParsePropertyPath`` reads it:
    bare names run to the next ``.`` or ``[``; ``["..."]`` is a key (``\\"`` escapes a quote);
    ``[n]`` an index; ``[*]`` and ``["*"]`` are both the wildcard."""
    if path.startswith("."):
        raise PropertyPathError(f"{path!r}: a property path starts with a name or an index")
    elements: list[PathElement] = []
    rest = path
    while rest:
        if rest[0] == ".":
            rest = rest[1:]
            if not rest:
                raise PropertyPathError(f"{path!r}: a property path ends with a name or an index")
        elif rest[0] == "[":
            if rest.startswith('["'):
                key, i = [], 2
                while True:
                    if i >= len(rest):
                        raise PropertyPathError(f"{path!r}: missing closing quote")
                    if rest[i] == '"':
                        i += 1
                        break
                    if rest[i] == "\\" and rest[i + 1 : i + 2] == '"':
                        key.append('"')
                        i += 2
                    else:
                        key.append(rest[i])
                        i += 1
                if rest[i : i + 1] != "]":
                    raise PropertyPathError(f"{path!r}: missing closing bracket")
                elements.append("".join(key))
                rest = rest[i + 1 :]
            else:
                end = rest.find("]")
                if end == -1:
                    raise PropertyPathError(f"{path!r}: missing closing bracket")
                segment = rest[1:end]
                if segment == WILDCARD:
                    elements.append(WILDCARD)
                elif segment.isdigit():
                    elements.append(int(segment))
                else:
                    raise PropertyPathError(f"{path!r}: invalid array index {segment!r}")
                rest = rest[end + 1 :]
        else:
            end = min((i for i in (rest.find("."), rest.find("[")) if i != -1), default=len(rest))
            elements.append(rest[:end])
            rest = rest[end:]
    return tuple(elements)


def format_property_path(path: PropertyPath) -> str:
    """The display form: dotted names, ``[n]`` indexes, quoted keys where a name would not do."""
    text = ""
    for element in path:
        if isinstance(element, int):
            text += f"[{element}]"
        elif element == WILDCARD:
            text += "[*]"
        elif (
            element and all(c.isalnum() or c in "_$" for c in element) and not element[0].isdigit()
        ):
            text += f".{element}" if text else element
        else:
            text += '["' + element.replace('"', '\\"') + '"]'
    return text


def contains(prefix: PropertyPath, other: PropertyPath) -> bool:
    """Whether ``prefix`` covers ``other`` (``PropertyPath.Contains``): same elements, or the
    wildcard, for all of ``prefix``; ``other`` may go deeper."""
    if len(other) < len(prefix):
        return False
    return all(p in (WILDCARD, o) for p, o in zip(prefix, other, strict=False))


def overlaps(first: PropertyPath, second: PropertyPath) -> bool:
    """Whether either path covers the other (one is a prefix of, or equal to, the other)."""
    return contains(first, second) or contains(second, first)


# ---------------------------------------------------------------------------------------------
# ignoreChanges, as the engine applies it
# ---------------------------------------------------------------------------------------------


def _reset(path: PropertyPath, old: Any, new: Any) -> bool:
    """Set ``path`` in ``new`` (in place) to its value in ``old``; False where the engine reports
    "cannot ignore changes in added or removed elements of the path". A port of
    ``PropertyPath.reset`` (secrets are already rendered, so they need no unwrapping)."""
    key, last = path[0], len(path) == 1
    if isinstance(key, int):
        if key < 0:
            return False
        if not isinstance(old, list) or not isinstance(new, list):
            return not isinstance(old, list) and not isinstance(new, list)
        if last and key >= len(old) and key >= len(new):
            return True
        if key >= len(old) or key >= len(new):
            return False
        if last:
            new[key] = copy.deepcopy(old[key])
            return True
        return _reset(path[1:], old[key], new[key])
    if key == WILDCARD:
        if isinstance(old, dict) and isinstance(new, dict):
            if last:
                new.clear()
                new.update(copy.deepcopy(old))
                return True
            return all(k in new and _reset(path[1:], old[k], new[k]) for k in old)
        if isinstance(old, list) and isinstance(new, list):
            for index in range(min(len(old), len(new))):
                if last:
                    new[index] = copy.deepcopy(old[index])
                elif not _reset(path[1:], old[index], new[index]):
                    return False
            return len(old) == len(new)
        return last and isinstance(new, dict | list)
    if last:
        if isinstance(old, dict) and key in old:
            if not isinstance(new, dict):
                return False
            new[key] = copy.deepcopy(old[key])
        elif isinstance(new, dict):
            new.pop(key, None)
        return True
    if not isinstance(old, dict) or not isinstance(new, dict):
        return not isinstance(old, dict) and not isinstance(new, dict)
    if key not in new:
        return key not in old
    return _reset(path[1:], old.get(key), new[key])


def apply_ignore_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], paths: Sequence[str]
) -> tuple[dict[str, Any], list[str]]:
    """``new`` with each path reset to ``old`` (``processIgnoreChanges``), and the paths that
    could not be reset."""
    result = copy.deepcopy(dict(new))
    failed = []
    for text in paths:
        try:
            path = parse_property_path(text)
        except PropertyPathError:
            failed.append(text)  # the engine skips it silently; a reviewer should know
            continue
        if not _reset(path, dict(old), result):
            failed.append(text)
    return result, failed


# ---------------------------------------------------------------------------------------------
# Property diff, as azure-native details it
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PropertyChange:
    """One changed input: ``old``/``new`` are ``None`` when it is added or deleted."""

    path: str
    kind: ChangeKind
    old: Any
    new: Any
    replaces: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "replaces": self.replaces,
        }


def _diff(
    old: Any, new: Any, path: PropertyPath
) -> Iterator[tuple[PropertyPath, ChangeKind, Any, Any]]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if key not in old:
                yield (*path, key), "add", None, new[key]
            elif key not in new:
                yield (*path, key), "delete", old[key], None
            elif old[key] != new[key]:
                yield from _diff(old[key], new[key], (*path, key))
    elif isinstance(old, list) and isinstance(new, list):
        for index in range(max(len(old), len(new))):
            if index >= len(old):
                yield (*path, index), "add", None, new[index]
            elif index >= len(new):
                yield (*path, index), "delete", old[index], None
            elif old[index] != new[index]:
                yield from _diff(old[index], new[index], (*path, index))
    elif old != new:
        yield path, "update", old, new


def property_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], replace_on_changes: Sequence[str] = ()
) -> list[PropertyChange]:
    """Every changed input path, each marked when a ``replaceOnChanges`` path contains it."""
    triggers = [parse_property_path(p) for p in replace_on_changes]
    return [
        PropertyChange(
            format_property_path(path),
            kind,
            before,
            after,
            any(contains(trigger, path) for trigger in triggers),
        )
        for path, kind, before, after in _diff(dict(old), dict(new), ())
    ]


# ---------------------------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourceChange:
    """The step the engine would take for one resource."""

    urn: str
    type: str
    name: str
    action: Action
    protect: bool
    changes: tuple[PropertyChange, ...] = ()
    ignored: tuple[str, ...] = ()  # paths that differ but ignoreChanges keeps as they were
    ignore_not_applied: tuple[str, ...] = ()  # ignoreChanges paths the engine could not reset
    delete_first: bool = False  # a replacement that deletes the old one first (deleteBeforeReplace)
    locked_by: str | None = None  # the delete lock over the old resource (offline/locks.py)
    # what a renamed resource keeps (its registry entry's ``rename_key``, as ``label=value``)
    kept: tuple[str, ...] = ()

    @property
    def stateful(self) -> bool:
        """Whether the resource holds data (its registry entry): deleting it loses that data;
        deleting anything else loses nothing the new one does not recreate."""
        entry = resource_type(self.type)
        return entry is not None and entry.stateful

    @property
    def container(self) -> bool:
        """Whether deleting it deletes whatever is still in it (its registry entry)."""
        entry = resource_type(self.type)
        return entry is not None and entry.container

    @property
    def blocked_by_protect(self) -> bool:
        """A protected resource is never replaced or deleted: the engine stops with an error."""
        return self.protect and self.action in ("replace", "delete")

    @property
    def blocked_by_lock(self) -> bool:
        """ARM refuses deleting a resource (or a role assignment) under a delete lock
        (ScopeLocked), so the deletion, or a replacement's deletion of the old one, fails."""
        return self.locked_by is not None and self.action in ("replace", "delete")

    def to_json(self) -> dict[str, Any]:
        return {
            "urn": self.urn,
            "type": self.type,
            "name": self.name,
            "action": self.action,
            "protect": self.protect,
            "blockedByProtect": self.blocked_by_protect,
            "blockedByLock": self.locked_by if self.blocked_by_lock else None,
            "changes": [change.to_json() for change in self.changes],
            "ignored": list(self.ignored),
            "ignoreNotApplied": list(self.ignore_not_applied),
            "deleteBeforeReplace": self.delete_first,
        }


@dataclass(frozen=True)
class Rename:
    """A deletion and a creation that look like one resource under a new name."""

    old: ResourceChange
    new: ResourceChange

    def to_json(self) -> dict[str, Any]:
        return {"type": self.new.type, "old": self.old.urn, "new": self.new.urn}


# How alike two names must be (difflib's ratio) to count as one renamed resource.
RENAME_SIMILARITY = 0.6


def pair_renames(
    removed: Sequence[ResourceChange], added: Sequence[ResourceChange]
) -> tuple[Rename, ...]:
    """Deleted and created resources of the same type, keeping what a rename keeps (a role
    assignment its role: ``ResourceType.rename_key``), with the most alike names, each used once.

    The engine knows a resource by its URN, so a new name (a renamed project, say) is a new
    resource: without an alias it creates the new one and deletes the old, a replacement whose
    old data goes with the old resource. Pairing them says so instead of listing a creation here
    and a deletion there."""
    candidates = sorted(
        (
            (-difflib.SequenceMatcher(None, old.name, new.name).ratio(), old.urn, new.urn)
            for old in removed
            for new in added
            if old.type == new.type and old.kept == new.kept
        ),
    )
    by_urn = {r.urn: r for r in (*removed, *added)}
    used: set[str] = set()
    pairs = []
    for negative_ratio, old_urn, new_urn in candidates:
        if -negative_ratio < RENAME_SIMILARITY or old_urn in used or new_urn in used:
            continue
        used.update((old_urn, new_urn))
        pairs.append(Rename(by_urn[old_urn], by_urn[new_urn]))
    return tuple(sorted(pairs, key=lambda pair: pair.old.urn))


@dataclass(frozen=True)
class PlanDiff:
    """What changes from the old plan to the new one, by kind of step (each sorted by URN)."""

    project: str
    stack: str
    added: tuple[ResourceChange, ...] = ()
    removed: tuple[ResourceChange, ...] = ()
    changed: tuple[ResourceChange, ...] = ()
    replaced: tuple[ResourceChange, ...] = ()
    unchanged: int = 0
    ignored: tuple[ResourceChange, ...] = ()  # no step, but differences ignoreChanges keeps
    # switches that delete workspaces without an error (``switch_warnings``)
    warnings: tuple[str, ...] = ()

    @property
    def renamed(self) -> tuple[Rename, ...]:
        """Deletions and creations that look like renames (see :func:`pair_renames`)."""
        return pair_renames(self.removed, self.added)

    @property
    def created(self) -> tuple[ResourceChange, ...]:
        """The creations no deletion pairs with as a rename."""
        paired = {pair.new.urn for pair in self.renamed}
        return tuple(r for r in self.added if r.urn not in paired)

    @property
    def deleted(self) -> tuple[ResourceChange, ...]:
        """The deletions no creation pairs with as a rename."""
        paired = {pair.old.urn for pair in self.renamed}
        return tuple(r for r in self.removed if r.urn not in paired)

    def summary(self) -> str:
        """The counts of the lists the reports show: a renamed resource is one replacement (not
        a creation and a deletion besides)."""
        renamed = len(self.renamed)
        replaced = f"{len(self.replaced) + renamed} to replace"
        if renamed:
            replaced += f" ({renamed} renamed)"
        return (
            f"{replaced}, {len(self.changed)} to update, {len(self.created)} to create, "
            f"{len(self.deleted)} to delete, {self.unchanged} unchanged"
        )

    @property
    def blocked(self) -> tuple[ResourceChange, ...]:
        """Replacements and deletions that would fail: refused by the engine because of
        ``protect``, or by ARM because a delete lock covers them."""
        return tuple(
            r for r in (*self.replaced, *self.removed) if r.blocked_by_protect or r.blocked_by_lock
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "stack": self.stack,
            "summary": {
                "create": len(self.added),
                "delete": len(self.removed),
                "update": len(self.changed),
                "replace": len(self.replaced),
                "unchanged": self.unchanged,
                "blockedByProtect": sum(r.blocked_by_protect for r in self.blocked),
                "blockedByLock": sum(r.blocked_by_lock for r in self.blocked),
                "renamed": len(self.renamed),
            },
            "warnings": list(self.warnings),
            "renamed": [pair.to_json() for pair in self.renamed],
            "added": [r.to_json() for r in self.added],
            "removed": [r.to_json() for r in self.removed],
            "changed": [r.to_json() for r in self.changed],
            "replaced": [r.to_json() for r in self.replaced],
            "ignored": [r.to_json() for r in self.ignored],
        }


def _locked(step: ResourceChange, old: Mapping[str, Any], locks: list[Lock]) -> ResourceChange:
    """``step`` marked with the delete lock that covers the resource it deletes, if any."""
    lock = blocking_lock(old, locks)
    if lock is None:
        return step
    return dataclasses.replace(step, locked_by=f"{lock.name} on {lock.scope.rsplit('/', 1)[-1]}")


def _zonal(sku: Any) -> bool:
    return isinstance(sku, str) and sku.rsplit("_", 1)[-1].upper() in _ZONAL_SKUS


def _redundancy_warnings(changed: Sequence[ResourceChange]) -> Iterator[str]:
    """Each storage account update that moves its SKU between zonal and non-zonal redundancy:
    previewed as an update, refused by ARM, done by a conversion instead."""
    for resource in changed:
        if resource.type != STORAGE_ACCOUNT:
            continue
        for change in resource.changes:
            if change.path == "sku.name" and _zonal(change.old) != _zonal(change.new):
                yield (
                    f"[{REDUNDANCY_CONVERSION}] storage account {resource.name}: {change.old} => "
                    f"{change.new} moves it {'into' if _zonal(change.new) else 'out of'} "
                    "availability zones, which ARM refuses as an update; convert it first "
                    f"(az storage account migration start --sku {change.new}, "
                    "https://learn.microsoft.com/azure/storage/common/redundancy-migration), "
                    "then pulumi refresh, then pulumi up (README: Second runs)"
                )


def _kept(resource: Mapping[str, Any]) -> tuple[str, ...]:
    """What the resource would keep under another name (``ResourceType.rename_key``)."""
    entry = resource_type(resource["type"])
    found = (shown(s, resource.get("inputs") or {}) for s in (entry.rename_key if entry else ()))
    return tuple(item for item in found if item is not None)


def _entry(resource: Mapping[str, Any], action: Action) -> ResourceChange:
    return ResourceChange(
        urn=resource["urn"],
        type=resource["type"],
        name=resource["name"],
        action=action,
        protect=bool(resource.get("protect")),
        kept=_kept(resource),
    )


def _force_new(resource_type: str) -> tuple[str, ...]:
    """The inputs azure-native replaces a resource for, whatever the program's options say: the
    path parameters of its ARM id it is known to have (the resource group; for Azure ML, the
    workspace: its own name, or the one a compute, datastore or connection belongs to)."""
    if resource_type.startswith("azure-native:machinelearningservices:"):
        return (RESOURCE_GROUP_INPUT, WORKSPACE_NAME_INPUT)
    return (RESOURCE_GROUP_INPUT,) if resource_type.startswith("azure-native:") else ()


def _step(old: Mapping[str, Any], new: Mapping[str, Any]) -> ResourceChange | None:
    """The step for a resource in both plans; None when nothing changes at all."""
    old_inputs, new_inputs = old.get("inputs") or {}, new.get("inputs") or {}
    effective, not_applied = apply_ignore_changes(
        old_inputs, new_inputs, new.get("ignoreChanges") or ()
    )
    triggers = [*(new.get("replaceOnChanges") or ()), *_force_new(new["type"])]
    changes = tuple(property_changes(old_inputs, effective, triggers))
    seen = {change.path for change in changes}
    ignored = tuple(c.path for c in property_changes(old_inputs, new_inputs) if c.path not in seen)
    if not changes and not ignored:
        return None
    action: Action = "replace" if any(c.replaces for c in changes) else "update"
    # The engine blocks a replacement only when both the state and the program protect it.
    protect = bool(old.get("protect")) and bool(new.get("protect"))
    return ResourceChange(
        urn=new["urn"],
        type=new["type"],
        name=new["name"],
        action=action,
        protect=protect,
        changes=changes,
        ignored=ignored,
        ignore_not_applied=tuple(not_applied),
        delete_first=action == "replace" and bool(new.get("deleteBeforeReplace")),
    )


def compare_plans(old: Mapping[str, Any], new: Mapping[str, Any]) -> PlanDiff:
    """The structured difference between two plan documents (old first). Resources are matched
    as the engine matches them: by engine URN, then through the new program's aliases
    (``engine_urns.match_old``)."""
    old_by_urn = {r["urn"]: r for r in old.get("resources", [])}
    new_by_urn = {r["urn"]: r for r in new.get("resources", [])}
    matches = match_old(list(old_by_urn.values()), list(new_by_urn.values()))
    kept = set(matches.values())
    locks = plan_locks(new)
    added = [_entry(new_by_urn[u], "create") for u in sorted(new_by_urn.keys() - matches.keys())]
    removed = [
        _locked(_entry(old_by_urn[u], "delete"), old_by_urn[u], locks)
        for u in sorted(old_by_urn.keys() - kept)
    ]
    changed: list[ResourceChange] = []
    replaced: list[ResourceChange] = []
    ignored_only: list[ResourceChange] = []
    unchanged = 0
    for urn in sorted(matches):
        step = _step(old_by_urn[matches[urn]], new_by_urn[urn])
        if step is None:
            unchanged += 1
        elif not step.changes:
            unchanged += 1
            ignored_only.append(step)
        elif step.action == "replace":
            replaced.append(_locked(step, old_by_urn[matches[urn]], locks))
        else:
            changed.append(step)
    return PlanDiff(
        project=new.get("project", old.get("project", "")),
        stack=new.get("stack", old.get("stack", "")),
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        replaced=tuple(replaced),
        unchanged=unchanged,
        ignored=tuple(ignored_only),
        warnings=(
            *switch_warnings(old_by_urn, new_by_urn, matches),
            *_redundancy_warnings(changed),
        ),
    )


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------

_MARK = {"create": "+ ", "delete": "- ", "update": "~ ", "replace": "+-"}
RENAMED_TITLE = (
    "Renamed, so replaced (created under the new name, then the old one deleted with its data; "
    "an alias keeps it)"
)
EMPTIED_TITLE = (
    "Renamed, so replaced (created under the new name, then the old one deleted with anything "
    "still in it)"
)
RECREATED_TITLE = (
    "Renamed, so re-created (created under the new name, then the old one deleted; "
    "it holds no data)"
)
_CHANGE_MARK = {"add": "+", "delete": "-", "update": "~"}


def renamed_groups(diff: PlanDiff) -> list[tuple[str, tuple[Rename, ...]]]:
    """The renamed pairs under their titles: those holding data, the containers (a group's
    deletion takes what is left in it), then the data-less ones."""
    groups = [
        (RENAMED_TITLE, tuple(p for p in diff.renamed if p.old.stateful)),
        (EMPTIED_TITLE, tuple(p for p in diff.renamed if p.old.container)),
        (
            RECREATED_TITLE,
            tuple(p for p in diff.renamed if not (p.old.stateful or p.old.container)),
        ),
    ]
    return [(title, pairs) for title, pairs in groups if pairs]


def blocked_note(resource: ResourceChange) -> str:
    """Why the engine or ARM would refuse the step, empty when nothing refuses it."""
    verb = "replacement" if resource.action == "replace" else "deletion"
    notes = []
    if resource.blocked_by_protect:
        notes.append(f"{verb} blocked by protect")
    if resource.blocked_by_lock:
        notes.append(f"{verb} blocked by lock {resource.locked_by}")
    return "; ".join(notes)


# A value longer than this is shown as a short diff (a workbook's serialized JSON runs to
# thousands of characters on one line).
LONG_VALUE = 120
_CONTEXT = 24
_MAX_SUB_CHANGES = 5


def _value(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return text.encode("ascii", "backslashreplace").decode("ascii")


def _clip(text: str) -> str:
    """At most ``LONG_VALUE`` characters, saying how long the whole is."""
    if len(text) <= LONG_VALUE:
        return text
    return f"{text[: LONG_VALUE - 20]}... ({len(text)} chars)"


def _middle(old: str, new: str) -> tuple[str, str]:
    """Both texts cut to what differs, with a little context either side."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    begin = max(0, start - _CONTEXT)

    def cut(text: str) -> str:
        stop = min(len(text), len(text) - end + _CONTEXT)
        head = "..." if begin else ""
        tail = "..." if stop < len(text) else ""
        return _clip(f"{head}{text[begin:stop]}{tail}")

    return cut(old), cut(new)


def _json(text: Any) -> Any:
    if not isinstance(text, str) or text[:1] not in "[{":
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _short_diff(change: PropertyChange) -> list[str]:
    """A long update as its differences: inside serialized JSON the changed paths (at most
    ``_MAX_SUB_CHANGES``), else the changed stretch of the text with some context."""
    old_text, new_text = _value(change.old), _value(change.new)
    old_json, new_json = _json(change.old), _json(change.new)
    if old_json is not None and new_json is not None:
        inner = list(_diff(old_json, new_json, ()))
        lines = [
            f"{change.path}: JSON of {len(old_text)} => {len(new_text)} chars, "
            f"{len(inner)} changed:"
        ]
        for path, kind, before, after in inner[:_MAX_SUB_CHANGES]:
            shown = _value(after if kind == "add" else before)
            if kind == "update":
                shown = " => ".join(_middle(_value(before), _value(after)))
            lines.append(f"    {_CHANGE_MARK[kind]} {format_property_path(path)}: {_clip(shown)}")
        if len(inner) > _MAX_SUB_CHANGES:
            lines.append(f"    ... and {len(inner) - _MAX_SUB_CHANGES} more")
        return lines
    old_cut, new_cut = _middle(old_text, new_text)
    return [f"{change.path}: {old_cut} => {new_cut}"]


def _change_lines(change: PropertyChange) -> list[str]:
    if change.kind == "update":
        old_text, new_text = _value(change.old), _value(change.new)
        if max(len(old_text), len(new_text)) > LONG_VALUE:
            texts = _short_diff(change)
        else:
            texts = [f"{change.path}: {old_text} => {new_text}"]
    else:
        texts = [
            f"{change.path}: {_clip(_value(change.new if change.kind == 'add' else change.old))}"
        ]
    suffix = "  (replaceOnChanges)" if change.replaces else ""
    head = f"      {_CHANGE_MARK[change.kind]} {texts[0]}{suffix}"
    return [head, *(f"      {line}" for line in texts[1:])]


def _resource_lines(resource: ResourceChange, palette: Palette = PLAIN) -> list[str]:
    action = f"{resource.action} (delete first)" if resource.delete_first else resource.action
    kept = "".join(f", {item}" for item in resource.kept)
    head = palette.paint(
        f"  {_MARK[resource.action]} {resource.name}  ({resource.type}{kept})  {action}",
        resource.action,
    )
    note = blocked_note(resource)
    if note:
        head += palette.paint(f": {note}", "error")
    lines = [head, *(line for change in resource.changes for line in _change_lines(change))]
    if resource.ignored:
        lines.append(f"      ignored (ignoreChanges): {', '.join(resource.ignored)}")
    if resource.ignore_not_applied:
        lines.append(
            "      cannot ignore changes in added or removed elements of: "
            + ", ".join(resource.ignore_not_applied)
        )
    return lines


def _renamed_line(pair: Rename, palette: Palette) -> str:
    kept = "".join(f", {item}" for item in pair.new.kept)
    line = palette.paint(
        f"  {_MARK['replace']} {pair.old.name} => {pair.new.name}  ({pair.new.type}{kept})",
        "replace",
    )
    note = blocked_note(pair.old)
    return line + (palette.paint(f": {note}", "error") if note else "")


def render_diff(diff: PlanDiff, palette: Palette = PLAIN) -> str:
    """The comparison as text: a summary line, then each step with its changed paths."""
    blocked = sum(r.blocked_by_protect for r in diff.blocked)
    locked = sum(r.blocked_by_lock for r in diff.blocked)
    lines = [
        palette.paint(f"Project {diff.project}, stack {diff.stack}: {diff.summary()}", "heading")
    ]
    if blocked:
        lines.append(
            palette.paint(
                f"error: {blocked} step(s) blocked by protect; the engine refuses to replace or "
                "delete a protected resource (remove `protect` first, deliberately)",
                "error",
            )
        )
    if locked:
        lines.append(
            palette.paint(
                f"error: {locked} step(s) blocked by a delete lock; ARM refuses deleting a locked "
                "resource, what is under it and the role assignments on it (ScopeLocked): lift "
                "the lock first (protect: false, pulumi up), then apply, then protect again",
                "error",
            )
        )
    lines += [f"warning: {warning}" for warning in diff.warnings]
    for title, pairs in renamed_groups(diff):
        lines += ["", title + ":"]
        lines += [_renamed_line(pair, palette) for pair in pairs]
    for title, group in (
        ("Replace", diff.replaced),
        ("Update", diff.changed),
        ("Create", diff.created),
        ("Delete", diff.deleted),
    ):
        if group:
            lines += ["", f"{title}:"]
            for resource in group:
                lines += _resource_lines(resource, palette)
    if diff.ignored:
        lines += ["", "No step, differences kept by ignoreChanges:"]
        for resource in diff.ignored:
            lines.append(f"  {resource.name}  ({resource.type}): {', '.join(resource.ignored)}")
    return "\n".join(lines) + "\n"
