"""The comparison's less travelled paths: ignoreChanges through list indexes, wildcards over maps
and lists, and paths that run into a scalar (the engine's ``PropertyPath.reset``); the JSON a
pipeline reads; and how deleted properties, long values and colour are shown."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aml_landing_zone.offline.colour import Palette
from aml_landing_zone.offline.compare import apply_ignore_changes, compare_plans, render_diff

URN = "urn:pulumi:dev::p::azure-native:applicationinsights:Workbook::wb"
TYPE = "azure-native:applicationinsights:Workbook"


@pytest.mark.parametrize(
    ("old", "new", "path", "effective", "failed"),
    [
        # an index into lists both sides have
        ({"a": [1, 2]}, {"a": [3, 2]}, "a[0]", {"a": [1, 2]}, []),
        # a name under an index: only that name goes back, its sibling keeps the change
        (
            {"a": [{"b": 1, "c": 1}]},
            {"a": [{"b": 2, "c": 2}]},
            "a[0].b",
            {"a": [{"b": 1, "c": 2}]},
            [],
        ),
        # an index past the end of both lists: nothing to reset, nothing refused
        ({"a": [1]}, {"a": [2]}, "a[5]", {"a": [2]}, []),
        # an index only one side has: an added or removed element
        ({"a": [1]}, {"a": [2, 3]}, "a[1]", {"a": [2, 3]}, ["a[1]"]),
        # an index into something that is not a list on either side
        ({"a": "x"}, {"a": "y"}, "a[0]", {"a": "y"}, []),
        # the wildcard as the last element of a map: the whole map goes back
        ({"m": {"x": 1}}, {"m": {"x": 2, "y": 3}}, "m[*]", {"m": {"x": 1}}, []),
        # the wildcard inside a map: each key's value resets, the rest keeps the change
        (
            {"m": {"x": {"s": 1, "v": 1}}},
            {"m": {"x": {"s": 2, "v": 2}}},
            "m[*].s",
            {"m": {"x": {"s": 1, "v": 2}}},
            [],
        ),
        # the wildcard inside lists of the same length
        (
            {"a": [{"s": 1}, {"s": 1}]},
            {"a": [{"s": 2}, {"s": 3}]},
            "a[*].s",
            {"a": [{"s": 1}, {"s": 1}]},
            [],
        ),
        # the wildcard over lists of different lengths: reset where both have an element,
        # refused for the element one side lacks
        ({"a": [1]}, {"a": [2, 3]}, "a[*]", {"a": [1, 3]}, ["a[*]"]),
        # a name under a value that is a map in state but a scalar in the program
        ({"a": {"b": 1}}, {"a": "x"}, "a.b", {"a": "x"}, ["a.b"]),
        # a name under a name whose value is a map in state but a scalar in the program
        ({"a": {"b": {"c": 1}}}, {"a": "x"}, "a.b.c", {"a": "x"}, ["a.b.c"]),
        # a name under scalars on both sides: nothing to reset
        ({"a": "y"}, {"a": "x"}, "a.b", {"a": "x"}, []),
    ],
)
def test_ignore_changes_resets_as_the_engine_does(
    old: dict[str, Any], new: dict[str, Any], path: str, effective: Any, failed: list[str]
) -> None:
    assert apply_ignore_changes(old, new, [path]) == (effective, failed)


def _plan(inputs: dict[str, Any]) -> dict[str, Any]:
    resource = {"urn": URN, "type": TYPE, "name": "wb", "parent": None, "inputs": inputs}
    return {"project": "p", "stack": "dev", "resources": [resource]}


def test_the_json_of_an_update_names_each_field() -> None:
    diff = compare_plans(_plan({"kind": "shared", "x": 1}), _plan({"kind": "user", "x": 1}))
    assert diff.to_json()["changed"] == [
        {
            "urn": URN,
            "type": TYPE,
            "name": "wb",
            "action": "update",
            "protect": False,
            "blockedByProtect": False,
            "blockedByLock": None,
            "changes": [
                {
                    "path": "kind",
                    "kind": "update",
                    "old": "shared",
                    "new": "user",
                    "replaces": False,
                }
            ],
            "ignored": [],
            "ignoreNotApplied": [],
            "deleteBeforeReplace": False,
        }
    ]


def test_a_removed_property_shows_the_value_it_had() -> None:
    text = render_diff(compare_plans(_plan({"kind": "shared", "x": 1}), _plan({"x": 1})))
    assert text.splitlines()[2:] == [
        "Update:",
        f"  ~  wb  ({TYPE})  update",
        "      - kind: shared",
    ]


def test_a_long_value_that_differs_at_its_start_has_no_leading_ellipsis() -> None:
    old, new = "x" + "a" * 200, "y" + "a" * 200
    lines = render_diff(compare_plans(_plan({"d": old}), _plan({"d": new}))).splitlines()
    assert lines[-1] == f"      ~ d: x{'a' * 24}... => y{'a' * 24}..."


def test_a_long_json_value_lists_the_keys_added_and_removed_with_their_values() -> None:
    base = {f"k{i:02}": "v" * 10 for i in range(8)}
    old = json.dumps({**base, "gone": "old-value"})
    new = json.dumps({**base, "added": "new-value"})
    lines = render_diff(compare_plans(_plan({"d": old}), _plan({"d": new}))).splitlines()
    assert lines[-3:] == [
        f"      ~ d: JSON of {len(old)} => {len(new)} chars, 2 changed:",
        "          + added: new-value",
        "          - gone: old-value",
    ]


def test_the_heading_is_bold_on_a_terminal() -> None:
    diff = compare_plans(_plan({"x": 1}), _plan({"x": 2}))
    first = render_diff(diff, Palette(True)).splitlines()[0]
    assert first == (
        "\x1b[1mProject p, stack dev: 0 to replace, 1 to update, 0 to create, 0 to delete, "
        "0 unchanged\x1b[0m"
    )


def test_values_that_are_not_text_are_shown_as_sorted_json() -> None:
    diff = compare_plans(_plan({"n": 1}), _plan({"n": 2, "tags": {"b": "2", "a": "1"}}))
    assert render_diff(diff).splitlines()[-2:] == [
        "      ~ n: 1 => 2",
        '      + tags: {"a": "1", "b": "2"}',
    ]
