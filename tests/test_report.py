"""The reports a reviewer reads for the shipped stacks: the Markdown report's Mermaid diagram
covers every component and resource of the prod run, identical policy findings come once with a
count and the stack key to change, and a project rename shows in the plan comparison."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from aml_landing_zone.offline.compare import compare_plans, render_diff
from aml_landing_zone.offline.markdown import render_diff_markdown, render_markdown
from aml_landing_zone.offline.plan import plan_document
from aml_landing_zone.offline.policy_run import evaluate
from aml_landing_zone.offline.policy_summary import format_text, group_findings
from aml_landing_zone.policies.pack import PRESETS_DIR

from tests.conftest import run_stack
from tests.stack_values import stack_config

NODE = re.compile(r'^ *(?P<id>r\d+)\["(?P<label>[^"]*)"\]$')
SUBGRAPH = re.compile(r'^ *subgraph (?P<id>c\d+)\["(?P<label>[^"]*)"\]$')


def mermaid_block(markdown: str) -> list[str]:
    blocks = re.findall(r"^```mermaid\n(.*?)^```$", markdown, re.S | re.M)
    assert len(blocks) == 1, "the report holds one Mermaid diagram"
    return blocks[0].splitlines()


def test_prod_markdown_diagram_names_every_component_and_counts_every_resource() -> None:
    run = run_stack("prod")
    markdown = render_markdown(run, evaluate(run, PRESETS_DIR / "prod.json"))
    lines = mermaid_block(markdown)
    assert lines[0] == "flowchart TB"

    subgraphs = [m for line in lines if (m := SUBGRAPH.match(line))]
    nodes = [m for line in lines if (m := NODE.match(line))]
    ends = [line for line in lines if line.strip() == "end"]
    # every line is a subgraph, a node or an end: nothing Mermaid would not parse
    assert len(subgraphs) + len(nodes) + len(ends) == len(lines) - 1
    assert len(ends) == len(subgraphs)
    ids = [m["id"] for m in subgraphs + nodes]
    assert len(ids) == len(set(ids))

    registered = [r for r in run.resources if not r.custom]
    assert registered, "the prod run registers components"
    expected = sorted(f"{r.name} ({r.type.rsplit(':', 1)[-1]})" for r in registered)
    assert sorted(m["label"] for m in subgraphs) == expected

    # collapsed groups ("19× authorization:RoleAssignment") and single resources add up
    def count(label: str) -> int:
        repeat = re.match(r"^(\d+)× ", label)
        return int(repeat.group(1)) if repeat else 1

    assert sum(count(m["label"]) for m in nodes) == sum(1 for r in run.resources if r.custom)
    assert len(nodes) < sum(1 for r in run.resources if r.custom)  # repeats are collapsed

    assert "**0 mandatory**, **0 advisory**" in markdown
    assert "| `hub-st` | hub (Hub) | `storage:StorageAccount` |" in markdown
    rows = {row.split(" | ", 1)[0]: row for row in markdown.splitlines() if row.startswith("| `")}
    # the hub workspace's safeguards, as the prod stack file asks for them
    hub = rows["| `hub-hub`"]
    for shown in ("protect=true", "lock=CanNotDelete", "HBI=true", "CMK=Enabled"):
        assert shown in hub, shown
    assert "`rg-contoso-ml-prod-weu-hub`" in hub
    assert "networkDefaultAction=Deny" in rows["| `hub-st`"]
    assert "networkDefaultAction=Deny" in rows["| `hub-kv`"]
    role_rows = [row for row in markdown.splitlines() if "`authorization:RoleAssignment`" in row]
    assert role_rows and not any(re.search(r"role=[0-9a-f]{8}-", row) for row in role_rows)
    assert any("role=AzureML Data Scientist" in row for row in role_rows)


def test_identical_findings_come_once_with_a_count_and_the_setting_to_change(
    tmp_path: Path,
) -> None:
    """A region the preset does not allow: one finding per resource, shown once."""
    preset = json.loads((PRESETS_DIR / "dev.json").read_text())
    preset["allowed-locations"]["locations"] = ["northeurope"]
    config = tmp_path / "north-only.json"
    config.write_text(json.dumps(preset))
    run = run_stack("dev")
    result = evaluate(run, config)

    located = [v for v in result.violations if v.policy == "allowed-locations"]
    assert len(located) > 5
    groups = [
        g for g in group_findings(result, run.project, run.stack) if g.policy == "allowed-locations"
    ]
    assert len(groups) == 1 and groups[0].count == len(located)

    text = format_text(result, run.project, run.stack)
    assert text.count("[allowed-locations]") == 1
    assert f"[allowed-locations] {len(located)} resources: " in text
    assert (
        "fix: set location in landing-zone.yaml (every stack), or aml-landing-zone:location in "
        "Pulumi.dev.yaml for this stack alone, or the preset parameter "
        f"allowed-locations.locations in {result.config}" in text
    )
    # a finding a stack key decides without a preset parameter names the key alone
    assert "fix: set aml-landing-zone:hub.identity in Pulumi.dev.yaml\n" in text
    assert (
        "[monitor-public-network] 2 resources: hub-appi, hub-log\n" in text
    )  # the same finding on two resources
    markdown = render_markdown(run, result)
    assert markdown.count("`allowed-locations`") == 1
    assert "set location in landing-zone.yaml (every stack)" in markdown


def test_renaming_a_project_shows_as_a_replacement() -> None:
    config = copy.deepcopy(stack_config("dev"))
    projects = config["aml-landing-zone:projects"]
    next(p for p in projects if p["name"] == "fraud")["name"] = "frauds"
    old, renamed = run_stack("dev"), run_stack("dev", config)
    diff = compare_plans(plan_document(old), plan_document(renamed))

    gone = {r.urn for r in old.resources} - {r.urn for r in renamed.resources}
    new = {r.urn for r in renamed.resources} - {r.urn for r in old.resources}
    assert gone and new
    assert {r.urn for r in diff.removed} == gone
    assert {r.urn for r in diff.added} == new
    assert any(r.name == "hub-fraud-ws" for r in diff.removed)
    assert any(r.name == "hub-frauds-ws" for r in diff.added)

    # each resource of the project pairs with its new-named self: a replacement
    pairs = {(pair.old.urn, pair.new.urn) for pair in diff.renamed}
    assert {old for old, _ in pairs} == gone and {new for _, new in pairs} == new
    assert all(pair.old.type == pair.new.type for pair in diff.renamed)
    assert any(
        (pair.old.name, pair.new.name) == ("hub-fraud-ws", "hub-frauds-ws") for pair in diff.renamed
    )

    text = render_diff(diff)
    assert (
        "  +- hub-fraud-ws => hub-frauds-ws  (azure-native:machinelearningservices:Workspace)"
        in (text)
    )
    assert "  -  hub-fraud-ws  (azure-native:machinelearningservices:Workspace)  delete" in text
    assert "  +  hub-frauds-ws  (azure-native:machinelearningservices:Workspace)  create" in text
    markdown = render_diff_markdown(diff)
    assert "| `hub-fraud-ws` | `hub-frauds-ws` | `machinelearningservices:Workspace` |" in markdown
    assert "### Delete" in markdown and "| `hub-fraud-ws` |" in markdown
    assert "### Create" in markdown and "| `hub-frauds-ws` |" in markdown
