"""Engine URNs and alias matching as pkg/resource/deploy/step_generator.go does them: the whole
parent chain in the type, aliases defaulting to the resource's own name, type and parent, and a
child inheriting an alias only when its parent matched through one."""

from __future__ import annotations

from typing import Any

from aml_landing_zone.offline.engine_urns import engine_urns, match_old

STACK = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev"


def _resource(urn: str, parent: str | None, *aliases: dict[str, Any]) -> dict[str, Any]:
    """A plan entry; the mock runtime's URN keeps only the parent's last type."""
    type_, name = urn.split("::")[2].rsplit("$", 1)[-1], urn.split("::")[3]
    return {"urn": urn, "type": type_, "name": name, "parent": parent, "aliases": list(aliases)}


def test_the_engine_urn_carries_every_parent_type() -> None:
    zone = _resource(
        "urn:pulumi:dev::proj::x:index:Env$x:index:Zone::z", "urn:pulumi:dev::proj::x:index:Env::e"
    )
    env = _resource("urn:pulumi:dev::proj::x:index:Env::e", STACK)
    ws = _resource("urn:pulumi:dev::proj::x:index:Zone$az:ml:Workspace::z-ws", zone["urn"])
    assert engine_urns([env, zone, ws]) == {
        env["urn"]: "urn:pulumi:dev::proj::x:index:Env::e",
        zone["urn"]: "urn:pulumi:dev::proj::x:index:Env$x:index:Zone::z",
        ws["urn"]: "urn:pulumi:dev::proj::x:index:Env$x:index:Zone$az:ml:Workspace::z-ws",
    }


def test_a_child_follows_its_renamed_parent_through_the_inherited_alias() -> None:
    """``churn`` at the root became ``hub-churn`` with an alias to its old name: its child
    ``hub-churn-ws`` is taken for ``churn-ws`` (the parent's old name replaces the prefix)."""
    old = [
        _resource("urn:pulumi:dev::proj::x:index:Project::churn", STACK),
        _resource(
            "urn:pulumi:dev::proj::x:index:Project$az:ml:Workspace::churn-ws",
            "urn:pulumi:dev::proj::x:index:Project::churn",
        ),
    ]
    zone = "urn:pulumi:dev::proj::x:index:Zone::hub"
    project = "urn:pulumi:dev::proj::x:index:Zone$x:index:Project::hub-churn"
    new = [
        _resource(zone, STACK),
        _resource(project, zone, {"name": "churn", "noParent": True}),
        _resource("urn:pulumi:dev::proj::x:index:Project$az:ml:Workspace::hub-churn-ws", project),
    ]
    assert match_old(old, new) == {
        project: old[0]["urn"],
        "urn:pulumi:dev::proj::x:index:Project$az:ml:Workspace::hub-churn-ws": old[1]["urn"],
    }


def test_a_child_inherits_nothing_from_a_parent_matched_by_its_own_urn() -> None:
    """The parent kept its URN, the child changed its name without an alias: a new resource."""
    parent = "urn:pulumi:dev::proj::x:index:Project::churn"
    old = [
        _resource(parent, STACK),
        _resource("urn:pulumi:dev::proj::x:index:Project$az:ml:Workspace::churn-ws", parent),
    ]
    new = [
        _resource(parent, STACK),
        _resource("urn:pulumi:dev::proj::x:index:Project$az:ml:Workspace::churn-workspace", parent),
    ]
    assert match_old(old, new) == {parent: parent}
