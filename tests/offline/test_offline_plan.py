"""plan_document: exact shape, rendering of special values, byte-identical output."""

from __future__ import annotations

import json
from pathlib import Path

from aml_landing_zone.offline.model import SECRET_SIG_KEY, SECRET_SIG_VALUE, UNKNOWN, ProgramRun
from aml_landing_zone.offline.plan import dump_plan, plan_document, render_value
from aml_landing_zone.offline.program import run_program

from tests.offline.offline_tiny import RG_URN, ROLE_URN, STORAGE_URN, UAMI_URN

# The keys of every resource entry in a plan document (the documented contract).
RESOURCE_KEYS = {
    "urn",
    "type",
    "name",
    "parent",
    "custom",
    "protect",
    "dependencies",
    "ignoreChanges",
    "replaceOnChanges",
    "deleteBeforeReplace",
    "retainOnDelete",
    "aliases",
    "inputs",
}


def test_document_shape(tiny_run: ProgramRun) -> None:
    doc = plan_document(tiny_run)
    assert set(doc) == {"project", "stack", "resources", "outputs", "findings"}
    assert (doc["project"], doc["stack"]) == ("tiny", "dev")
    for entry in doc["resources"]:
        assert set(entry) == RESOURCE_KEYS
    assert [e["urn"] for e in doc["resources"]] == sorted(e["urn"] for e in doc["resources"])
    assert "policies" not in doc
    assert plan_document(tiny_run, {"violations": []})["policies"] == {"violations": []}


def test_ignore_and_replace_paths_as_the_engine_gets_them(tiny_run: ProgramRun) -> None:
    """Python names are translated by the SDK, property paths arrive as written; resources
    without the options carry empty lists so every entry has the same keys."""
    entries = {e["urn"]: e for e in plan_document(tiny_run)["resources"]}
    assert entries[UAMI_URN]["ignoreChanges"] == ["tags", "resourceGroupName"]
    assert entries[UAMI_URN]["replaceOnChanges"] == ["location", 'tags["owner"]']
    assert entries[RG_URN]["ignoreChanges"] == entries[RG_URN]["replaceOnChanges"] == []


def test_dependencies_union_explicit_and_implicit(tiny_run: ProgramRun) -> None:
    entries = {e["urn"]: e for e in plan_document(tiny_run)["resources"]}
    assert entries[ROLE_URN]["dependencies"] == sorted([STORAGE_URN, UAMI_URN])
    assert entries[UAMI_URN]["dependencies"] == [RG_URN]
    assert entries[STORAGE_URN]["dependencies"] == [RG_URN]


def test_secrets_masked(tiny_run: ProgramRun) -> None:
    doc = plan_document(tiny_run)
    account = next(e for e in doc["resources"] if e["urn"] == STORAGE_URN)
    assert account["inputs"]["tags"]["secretTag"] == "[secret]"
    assert account["inputs"]["allowSharedKeyAccess"] is False
    assert doc["outputs"]["apiKey"] == "[secret]"
    assert "hush" not in dump_plan(tiny_run)


def test_render_value_special_forms() -> None:
    ref = {SECRET_SIG_KEY: "5cf8f73096256a8f31e491e813e4eb8e", "urn": "urn:x", "id": "i"}
    out_unknown = {SECRET_SIG_KEY: "d0e6a833031e9bbcd3f4e8bde6ca49a4"}
    out_known = {SECRET_SIG_KEY: "d0e6a833031e9bbcd3f4e8bde6ca49a4", "value": [UNKNOWN]}
    assert render_value(
        {
            "a": UNKNOWN,
            "b": {SECRET_SIG_KEY: SECRET_SIG_VALUE, "value": 1},
            "c": ref,
            "d": out_unknown,
            "e": out_known,
            "f": [1, "x"],
        }
    ) == {
        "a": "[unknown]",
        "b": "[secret]",
        "c": "urn:x",
        "d": "[unknown]",
        "e": ["[unknown]"],
        "f": [1, "x"],
    }


def test_two_runs_are_byte_identical(tiny_dir: Path, tiny_run: ProgramRun) -> None:
    again = dump_plan(run_program(tiny_dir, "dev"))
    assert again == dump_plan(tiny_run)
    assert again == json.dumps(plan_document(tiny_run), indent=2, sort_keys=True) + "\n"
