"""compare_plans: property paths as the engine parses them, ignoreChanges as the engine resets
them, replacements from replaceOnChanges, and protect blocking replacements and deletions."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from aml_landing_zone.offline.compare import (
    PropertyPathError,
    apply_ignore_changes,
    compare_plans,
    contains,
    format_property_path,
    overlaps,
    parse_property_path,
    property_changes,
    render_diff,
)
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.plan import plan_document

from tests.offline.offline_tiny import RG_URN, STORAGE_URN, UAMI_URN


@pytest.mark.parametrize(
    ("path", "elements"),
    [
        # the examples of https://www.pulumi.com/docs/iac/concepts/miscellaneous/property-paths/
        ("root", ("root",)),
        ("root.nested", ("root", "nested")),
        ('root["nested"]', ("root", "nested")),
        ('root["double"]["nest"]', ("root", "double", "nest")),
        ("root.array[0][1].nested", ("root", "array", 0, 1, "nested")),
        ('root["key with \\"escaped\\" quotes"]', ("root", 'key with "escaped" quotes')),
        ('root["key with a ."]', ("root", "key with a .")),
        ('["root key with a ."][100]', ("root key with a .", 100)),
        ("root.array[*].field", ("root", "array", "*", "field")),
        ('root.array["*"].field', ("root", "array", "*", "field")),
        # bare names run to the next '.' or '[' (rule names have dashes)
        ('managedNetwork.outboundRules["pypi-files"].status', None),
        ("tags.cost-center", ("tags", "cost-center")),
    ],
)
def test_paths_parse_as_the_engine_parses_them(path: str, elements: tuple | None) -> None:
    parsed = parse_property_path(path)
    if elements is not None:
        assert parsed == elements
    assert parse_property_path(format_property_path(parsed)) == parsed


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (".a", "starts with a name or an index"),
        ("a.", "ends with a name or an index"),
        ("a[x]", "invalid array index 'x'"),
        ("a[]", "invalid array index ''"),
        ('a["b', "missing closing quote"),
        ('a["b"', "missing closing bracket"),
        ("a[0", "missing closing bracket"),
    ],
)
def test_malformed_paths_are_refused_saying_why(path: str, reason: str) -> None:
    with pytest.raises(
        PropertyPathError, match=re.escape(f"{path!r}: ") + ".*" + re.escape(reason)
    ):
        parse_property_path(path)


def test_contains_is_prefix_with_wildcards() -> None:
    p = parse_property_path
    assert contains(p("encryption"), p("encryption.keyVaultProperties.keyVaultArmId"))
    assert contains(p("a[*].b"), p("a[3].b.c"))
    assert contains(p('m["*"].status'), p('m["x"].status'))
    assert not contains(p("encryption.keyVaultProperties"), p("encryption"))
    assert not contains(p("a[0]"), p("a[1]"))
    assert overlaps(p("encryption.keyVaultProperties"), p("encryption"))
    assert not overlaps(p("managedNetwork.status"), p("managedNetwork.isolationMode"))


STATE = {
    "managedNetwork": {
        "isolationMode": "AllowOnlyApprovedOutbound",
        "status": {"status": "Active", "sparkReady": False},
        "outboundRules": {
            "pypi": {"type": "FQDN", "destination": "pypi.org", "status": "Active"},
            "__SYS_ST_AzureMachineLearning": {"type": "ServiceTag", "category": "Required"},
        },
    }
}
PROGRAM = {
    "managedNetwork": {
        "isolationMode": "AllowOnlyApprovedOutbound",
        "outboundRules": {"pypi": {"type": "FQDN", "destination": "pypi.org"}},
    }
}


def test_a_map_wildcard_cannot_reset_once_azure_added_a_rule() -> None:
    """Why the hub names each rule: ``["*"]`` needs the same keys in state and program."""
    _, failed = apply_ignore_changes(STATE, PROGRAM, ['managedNetwork.outboundRules["*"].status'])
    assert failed == ['managedNetwork.outboundRules["*"].status']
    ignores = ["managedNetwork.status", 'managedNetwork.outboundRules["pypi"].status']
    effective, failed = apply_ignore_changes(STATE, PROGRAM, ignores)
    assert failed == []
    assert effective["managedNetwork"]["status"] == {"status": "Active", "sparkReady": False}
    assert effective["managedNetwork"]["outboundRules"]["pypi"]["status"] == "Active"
    # the rule Azure added is still a difference: no path can name a key it does not know
    assert [(c.path, c.kind) for c in property_changes(STATE, effective)] == [
        ("managedNetwork.outboundRules.__SYS_ST_AzureMachineLearning", "delete")
    ]


def test_ignoring_a_path_under_a_key_the_program_leaves_out_fails_like_the_engine() -> None:
    _, failed = apply_ignore_changes(STATE, {}, ["managedNetwork.status"])
    assert failed == ["managedNetwork.status"]
    effective, failed = apply_ignore_changes(STATE, {}, ["managedNetwork"])
    assert (effective, failed) == (STATE, [])
    assert apply_ignore_changes({}, {"a": {"b": 1}}, ["a.c", "a[", "x.y"])[1] == ["a["]


def test_changes_are_detailed_per_key_and_index() -> None:
    old = {"a": {"b": 1, "c": [1, 2]}, "gone": True, "tags": {"x": "1"}}
    new = {"a": {"b": 2, "c": [1, 3, 4]}, "tags": {"x": "1", "y": "2"}}
    changes = property_changes(old, new, ["a.b"])
    assert [(c.path, c.kind, c.old, c.new, c.replaces) for c in changes] == [
        ("a.b", "update", 1, 2, True),
        ("a.c[1]", "update", 2, 3, False),
        ("a.c[2]", "add", None, 4, False),
        ("gone", "delete", True, None, False),
        ("tags.y", "add", None, "2", False),
    ]


def plan(tiny_run: ProgramRun) -> dict[str, Any]:
    return copy.deepcopy(plan_document(tiny_run))


def entry(doc: dict[str, Any], urn: str) -> dict[str, Any]:
    return next(r for r in doc["resources"] if r["urn"] == urn)


def test_identical_plans_have_no_steps(tiny_run: ProgramRun) -> None:
    diff = compare_plans(plan(tiny_run), plan(tiny_run))
    assert (diff.added, diff.removed, diff.changed, diff.replaced) == ((), (), (), ())
    assert diff.unchanged == 5
    assert render_diff(diff).startswith("Project tiny, stack dev: 0 to replace, 0 to update")


def test_update_replace_ignore_create_delete(tiny_run: ProgramRun) -> None:
    old, new = plan(tiny_run), plan(tiny_run)
    entry(new, STORAGE_URN)["inputs"]["minimumTlsVersion"] = "TLS1_3"  # updatable
    uami = entry(new, UAMI_URN)
    uami["inputs"]["location"] = "northeurope"  # replaceOnChanges: location
    uami["inputs"]["tags"] = {"owner": "someone-else"}  # ignoreChanges: tags
    new["resources"].remove(entry(new, RG_URN))
    added = copy.deepcopy(entry(old, RG_URN))
    added["urn"] = added["urn"].replace("::rg", "::rg2")
    added["name"] = "rg2"
    new["resources"].append(added)

    diff = compare_plans(old, new)
    assert [r.name for r in diff.changed] == ["data-sa"]
    assert [(c.path, c.old, c.new) for c in diff.changed[0].changes] == [
        ("minimumTlsVersion", "TLS1_2", "TLS1_3")
    ]
    (replaced,) = diff.replaced
    assert (replaced.name, replaced.blocked_by_protect) == ("uami", False)
    assert [(c.path, c.replaces) for c in replaced.changes] == [("location", True)]
    assert replaced.ignored == ("tags",)
    assert [r.urn for r in diff.added] == [added["urn"]]
    assert [r.urn for r in diff.removed] == [RG_URN]
    assert diff.to_json()["summary"] == {
        "create": 1,
        "delete": 1,
        "update": 1,
        "replace": 1,
        "unchanged": 2,
        "blockedByProtect": 0,
        "blockedByLock": 0,
        "renamed": 1,  # rg deleted and rg2 created: one resource under a new name
    }
    assert diff.to_json()["renamed"] == [
        {"type": "azure-native:resources:ResourceGroup", "old": RG_URN, "new": added["urn"]}
    ]
    text = render_diff(diff)
    assert "  +- uami  (azure-native:managedidentity:UserAssignedIdentity)  replace\n" in text
    assert "      ~ location: westeurope => northeurope  (replaceOnChanges)" in text
    assert "      ignored (ignoreChanges): tags" in text
    assert "      ~ minimumTlsVersion: TLS1_2 => TLS1_3\n" in text
    assert "  +- rg => rg2  (azure-native:resources:ResourceGroup)\n" in text


def test_moving_a_resource_to_another_group_is_a_replacement(tiny_run: ProgramRun) -> None:
    """azure-native replaces a resource whose resource group changes (part of its ARM id),
    though the program declares no replaceOnChanges for it."""
    old, new = plan(tiny_run), plan(tiny_run)
    storage = entry(new, STORAGE_URN)
    assert "resourceGroupName" not in (storage.get("replaceOnChanges") or ())
    storage["inputs"]["resourceGroupName"] = "rg-elsewhere"

    (replaced,) = compare_plans(old, new).replaced
    assert replaced.name == "data-sa"
    assert [(c.path, c.new, c.replaces) for c in replaced.changes] == [
        ("resourceGroupName", "rg-elsewhere", True)
    ]


def test_protect_blocks_replacement_and_deletion(tiny_run: ProgramRun) -> None:
    old, new = plan(tiny_run), plan(tiny_run)
    for doc in (old, new):
        entry(doc, UAMI_URN)["protect"] = True
        entry(doc, RG_URN)["protect"] = True
    entry(new, UAMI_URN)["inputs"]["location"] = "northeurope"
    new["resources"].remove(entry(new, RG_URN))
    diff = compare_plans(old, new)
    assert [r.name for r in diff.blocked] == ["uami", "rg"]
    text = render_diff(diff)
    assert "error: 2 step(s) blocked by protect" in text
    assert (
        "uami  (azure-native:managedidentity:UserAssignedIdentity)  replace: replacement " in text
    )
    assert "replacement blocked by protect" in text
    assert "rg  (azure-native:resources:ResourceGroup)  delete: deletion blocked by protect" in text
    # unprotecting in the same program lets the replacement through, as the engine allows
    entry(new, UAMI_URN)["protect"] = False
    assert [r.name for r in compare_plans(old, new).blocked] == ["rg"]


def test_a_difference_only_under_ignore_changes_is_no_step(tiny_run: ProgramRun) -> None:
    old, new = plan(tiny_run), plan(tiny_run)
    entry(new, UAMI_URN)["inputs"]["tags"] = {"owner": "someone-else"}
    diff = compare_plans(old, new)
    assert (diff.changed, diff.replaced, diff.unchanged) == ((), (), 5)
    assert [(r.name, r.ignored) for r in diff.ignored] == [("uami", ("tags",))]
    assert "No step, differences kept by ignoreChanges:\n  uami  " in render_diff(diff)


def test_a_replacement_with_an_ordinary_change_beside_it_is_a_replacement(
    tiny_run: ProgramRun,
) -> None:
    """One replacing path makes the whole step a replacement, whatever else changes with it."""
    old, new = plan(tiny_run), plan(tiny_run)
    uami = entry(new, UAMI_URN)
    uami["inputs"]["location"] = "northeurope"  # replaceOnChanges: location
    uami["inputs"]["resourceName"] = "uami-renamed"  # an ordinary update beside it
    diff = compare_plans(old, new)
    assert diff.changed == ()
    (replaced,) = diff.replaced
    assert [(c.path, c.replaces) for c in replaced.changes] == [
        ("location", True),
        ("resourceName", False),
    ]
    assert replaced.action == "replace"
    assert diff.to_json()["summary"]["replace"] == 1
    assert diff.to_json()["summary"]["update"] == 0


def test_a_replace_path_only_the_new_plan_declares_still_replaces(tiny_run: ProgramRun) -> None:
    """The engine applies the new program's replaceOnChanges: an option added in the same
    change that triggers it replaces, though the old plan had no such option."""
    old, new = plan(tiny_run), plan(tiny_run)
    entry(old, STORAGE_URN).pop("replaceOnChanges", None)
    storage = entry(new, STORAGE_URN)
    storage["replaceOnChanges"] = ["minimumTlsVersion"]
    storage["inputs"]["minimumTlsVersion"] = "TLS1_3"
    (replaced,) = compare_plans(old, new).replaced
    assert (replaced.name, [c.path for c in replaced.changes]) == ("data-sa", ["minimumTlsVersion"])
    # and the old plan's own replace paths do not count once the program dropped them
    old, new = plan(tiny_run), plan(tiny_run)
    entry(old, STORAGE_URN)["replaceOnChanges"] = ["minimumTlsVersion"]
    entry(new, STORAGE_URN).pop("replaceOnChanges", None)
    entry(new, STORAGE_URN)["inputs"]["minimumTlsVersion"] = "TLS1_3"
    diff = compare_plans(old, new)
    assert [r.name for r in diff.changed] == ["data-sa"] and diff.replaced == ()


def test_protect_blocks_only_when_state_and_program_both_protect(tiny_run: ProgramRun) -> None:
    old, new = plan(tiny_run), plan(tiny_run)
    entry(old, UAMI_URN)["protect"] = False
    entry(new, UAMI_URN)["protect"] = True
    entry(new, UAMI_URN)["inputs"]["location"] = "northeurope"
    diff = compare_plans(old, new)
    assert [r.name for r in diff.replaced] == ["uami"] and diff.blocked == ()


def _workbook_plan(data: str) -> dict[str, Any]:
    urn = "urn:pulumi:dev::p::azure-native:applicationinsights:Workbook::wb"
    resource = {"urn": urn, "type": urn.split("::")[2], "name": "wb", "parent": None}
    return {"project": "p", "stack": "dev", "resources": [{**resource, "inputs": data}]}


def test_a_long_text_value_is_shown_as_the_stretch_that_changed() -> None:
    old = "a" * 200 + "threshold 90" + "b" * 200
    new = "a" * 200 + "threshold 95" + "b" * 200
    old_plan, new_plan = _workbook_plan(old), _workbook_plan(new)
    old_plan["resources"][0]["inputs"] = {"description": old}
    new_plan["resources"][0]["inputs"] = {"description": new}
    lines = render_diff(compare_plans(old_plan, new_plan)).splitlines()
    assert lines[2:] == [
        "Update:",
        "  ~  wb  (azure-native:applicationinsights:Workbook)  update",
        # 24 characters of context either side of the one that differs
        f"      ~ description: ...{'a' * 13}threshold 90{'b' * 24}... => "
        f"...{'a' * 13}threshold 95{'b' * 24}...",
    ]
