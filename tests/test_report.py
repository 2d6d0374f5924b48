"""The reports a reviewer reads for the shipped stacks: the Markdown report's Mermaid diagram
covers every component and resource of the prod run, identical policy findings come once with a
count and the stack key to change, and a project rename shows in the plan comparison."""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path

from aml_landing_zone.offline.compare import compare_plans, render_diff
from aml_landing_zone.offline.markdown import render_diff_markdown, render_markdown
from aml_landing_zone.offline.plan import plan_document
from aml_landing_zone.offline.policy_run import evaluate
from aml_landing_zone.offline.policy_summary import format_text, group_findings
from aml_landing_zone.offline.report import render_report
from aml_landing_zone.policies.pack import PRESETS_DIR

from tests.conftest import run_stack
from tests.offline.mermaid_parser import parse
from tests.stack_values import stack_config


def mermaid_block(markdown: str) -> str:
    blocks = re.findall(r"^```mermaid\n(.*?)^```$", markdown, re.S | re.M)
    assert len(blocks) == 1, "the report holds one Mermaid diagram"
    return blocks[0]


def _count(label: str) -> int:
    """How many resources a box stands for: "16× MetricAlert<br>4× Budget" is 20."""
    counts = re.findall(r"(?:^|<br>)(\d+)× ", label)
    return sum(map(int, counts)) if counts else 1


@functools.cache
def _prod_markdown() -> str:
    run = run_stack("prod")
    return render_markdown(run, evaluate(run, PRESETS_DIR / "prod.json"))


def test_prod_markdown_diagram_parses_and_draws_the_architecture() -> None:
    """Mermaid's own parser reads prod's diagram: a box per component, each named apart; the
    hub -> each project, the private endpoints -> what they reach, the demand product's
    datastores and the hub's connection -> the lake; every resource counted once."""
    run = run_stack("prod")
    diagram = parse(mermaid_block(_prod_markdown()))
    assert diagram["type"] == "flowchart-v2"
    assert sorted(s["title"] for s in diagram["subgraphs"]) == [
        "DataLandingZoneML hub-dlz",
        "Hub hub<br>hub-contoso-ml-prod-weu",
        "LandingZone hub",
        "MultiEnvironment hub",
        "ProjectWorkspace hub-churn<br>proj-contoso-churn-prod",
        "ProjectWorkspace hub-dlz-demand<br>proj-contoso-demand-prod",
        "ProjectWorkspace hub-fraud<br>proj-contoso-fraud-prod",
    ]
    name = {v["id"]: v["text"].split("<br>")[0] for v in diagram["vertices"]}
    edges = {(name[e["start"]], name[e["end"]], e["text"]) for e in diagram["edges"]}
    hub, pe, lake = "hub-contoso-ml-prod-weu", "7× PrivateEndpoint", "stcontosodlz01prodlake"
    assert edges == {
        *((hub, f"proj-contoso-{p}-prod", "project") for p in ("churn", "fraud", "demand")),
        *(
            (hub, dependency, "")
            for dependency in (
                "stcontosomlprodcc007",
                "kv-contoso-prod-cc007",
                "crcontosomlprodcc007",
                "appi-contoso-ml-prod-weu",
            )
        ),
        (pe, "stcontosomlprodcc007", "private endpoint blob, file"),
        (pe, "kv-contoso-prod-cc007", "private endpoint vault"),
        (pe, "crcontosomlprodcc007", "private endpoint registry"),
        (pe, hub, "private endpoint amlworkspace"),
        (pe, "mlr-contoso-ml-prod-weu-cc007", "private endpoint amlregistry"),
        (pe, "ampls-contoso-ml-prod-weu", "private endpoint azuremonitor"),
        ("ampls-contoso-ml-prod-weu", "appi-contoso-ml-prod-weu", "private link scope"),
        ("ampls-contoso-ml-prod-weu", "log-contoso-ml-prod-weu", "private link scope"),
        ("appi-contoso-ml-prod-weu", "log-contoso-ml-prod-weu", ""),
        ("proj-contoso-demand-prod", lake, "datastore curated, workspace"),
        (hub, lake, "connection lake-prod"),
    }
    # every resource is in one box, counted once; fewer boxes than resources (legible)
    custom = sum(1 for r in run.resources if r.custom)
    external = [v for v in diagram["vertices"] if "outside this stack" in v["text"]]
    assert [v["text"] for v in external] == [f"{lake}<br>storageAccounts, outside this stack"]
    inside = [v for v in diagram["vertices"] if v not in external]
    assert sum(_count(v["text"]) for v in inside) == custom
    assert len(diagram["vertices"]) <= 25 < custom


def test_prod_markdown_rows_show_each_resource_with_its_safeguards() -> None:
    markdown = _prod_markdown()
    assert "**0 mandatory**, **0 advisory**" in markdown
    assert "| `hub-st` | hub (Hub) | `storage:StorageAccount` |" in markdown
    rows = {row.split(" | ", 1)[0]: row for row in markdown.splitlines() if row.startswith("| `")}
    # the hub workspace's safeguards, as the prod stack file asks for them
    hub_row = rows["| `hub-hub`"]
    for shown in ("protect=true", "lock=CanNotDelete", "HBI=true", "CMK=Enabled"):
        assert shown in hub_row, shown
    assert "`rg-contoso-ml-prod-weu-hub`" in hub_row
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

    # one replacement per renamed resource, counted once; data-less ones re-created; the
    # workbook's serialized JSON (7,130 characters) as the paths that changed in it
    assert render_diff(diff).splitlines()[:1] + render_diff(diff).splitlines()[3:] == [
        "Project aml-landing-zone, stack dev: 8 to replace (8 renamed), 1 to update, "
        "0 to create, 0 to delete, 97 unchanged",
        "Renamed, so replaced (created under the new name, then the old one deleted with its "
        "data; an alias keeps it):",
        "  +- hub-fraud-ws => hub-frauds-ws  (azure-native:machinelearningservices:Workspace)",
        "",
        "Renamed, so replaced (created under the new name, then the old one deleted with anything "
        "still in it):",
        "  +- hub-fraud-rg => hub-frauds-rg  (azure-native:resources:ResourceGroup)",
        "",
        "Renamed, so re-created (created under the new name, then the old one deleted; it holds "
        "no data):",
        "  +- hub-fraud => hub-frauds  (amllz:index:ProjectWorkspace)",
        "  +- hub-fraud-budget => hub-frauds-budget  (azure-native:consumption:Budget)",
        "  +- hub-registry-ra-e17e64a4 => hub-registry-ra-4580f96c  "
        "(azure-native:authorization:RoleAssignment, role=AzureML Registry User)",
        "  +- hub-fraud-ra-529a4866 => hub-frauds-ra-852b5a5c  "
        "(azure-native:authorization:RoleAssignment, role=AzureML Compute Operator)",
        "  +- hub-fraud-ra-bfda24a6 => hub-frauds-ra-40407bd9  "
        "(azure-native:authorization:RoleAssignment, role=AzureML Data Scientist)",
        "  +- hub-fraud-ws-diag => hub-frauds-ws-diag  (azure-native:monitor:DiagnosticSetting)",
        "",
        "Update:",
        "  ~  hub-dashboard  (azure-native:applicationinsights:Workbook)  update",
        "      ~ serializedData: JSON of 7130 => 7139 chars, 9 changed:",
        *(
            f"          ~ items[{i}].content.{key}: ...ev{q}, {q}proj-contoso-fraud-dev{q}, "
            f"{q}proj-contoso-dem... => ...ev{q}, {q}proj-contoso-frauds-dev{q}, "
            f"{q}proj-contoso-dem..."
            for i, key, q in [(0, "json", "`"), *((i, "query", '"') for i in range(1, 5))]
        ),
        "          ... and 4 more",
    ]
    markdown = render_diff_markdown(diff).splitlines()
    assert (
        markdown[2]
        == "8 to replace (8 renamed), 1 to update, 0 to create, 0 to delete, 97 unchanged."
    )
    assert (
        "| `hub-fraud-ws` | `hub-frauds-ws` | `machinelearningservices:Workspace` |  |  |"
        in markdown
    )
    assert (
        "| `hub-fraud-ra-529a4866` | `hub-frauds-ra-852b5a5c` | `authorization:RoleAssignment` "
        "| role=AzureML Compute Operator |  |"
    ) in markdown
    assert "### Create" not in markdown and "### Delete" not in markdown


def test_a_role_change_is_a_new_grant_not_a_renamed_one() -> None:
    """mlEngineers move from Compute Operator to Data Scientist in dev: each project's
    Compute Operator grant goes and a Data Scientist grant comes, never paired as a rename
    (their names are alike: the same project prefix)."""
    config = copy.deepcopy(stack_config("dev"))
    config["aml-landing-zone:environments"]["access"]["mlEngineers"]["dev"] = (
        "AzureML Data Scientist"
    )
    diff = compare_plans(plan_document(run_stack("dev")), plan_document(run_stack("dev", config)))
    assert diff.renamed == ()
    ra = "azure-native:authorization:RoleAssignment"
    assert render_diff(diff).splitlines() == [
        "Project aml-landing-zone, stack dev: 0 to replace, 0 to update, 5 to create, "
        "3 to delete, 103 unchanged",
        "",
        "Create:",
        f"  +  hub-data-ra-55d1ff00  ({ra}, role=Storage Blob Data Contributor)  create",
        f"  +  hub-data-ra-da4475a3  ({ra}, role=Storage File Data Privileged Contributor)  create",
        f"  +  hub-churn-ra-23ec5c1c  ({ra}, role=AzureML Data Scientist)  create",
        f"  +  hub-explore-ra-6f07896b  ({ra}, role=AzureML Data Scientist)  create",
        f"  +  hub-fraud-ra-e60309b9  ({ra}, role=AzureML Data Scientist)  create",
        "",
        "Delete:",
        f"  -  hub-churn-ra-adcccf4e  ({ra}, role=AzureML Compute Operator)  delete",
        f"  -  hub-explore-ra-1169154b  ({ra}, role=AzureML Compute Operator)  delete",
        f"  -  hub-fraud-ra-529a4866  ({ra}, role=AzureML Compute Operator)  delete",
    ]
    markdown = render_diff_markdown(diff).splitlines()
    assert markdown[2] == "0 to replace, 0 to update, 5 to create, 3 to delete, 103 unchanged."
    assert (
        "| `hub-fraud-ra-529a4866` | `authorization:RoleAssignment` | "
        "role=AzureML Compute Operator |"
    ) in markdown


def _access_table(markdown: str) -> list[tuple[str, str, str, str]]:
    lines = markdown.splitlines()
    start = lines.index("| principal | type | role | scope |") + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("| "):
            break
        principal, kind, role, scope = (c.strip() for c in line.strip("| ").split(" | "))
        rows.append((principal, kind, role, scope.strip("`")))
    return rows


def test_the_report_says_which_group_gets_which_role_where() -> None:
    """prod's access matrix (landing-zone.yaml: dataScientists Reader, mlEngineers AzureML Data
    Scientist, operations AzureML Compute Operator on every project), the demand product's
    groups (mlEngineer: mlEngineers, reader: dataScientists) and the data roles on the hub
    storage and the lake's containers, each group by its key in Pulumi.prod.yaml."""
    run = run_stack("prod")
    rows = _access_table(render_markdown(run, None))
    ws, hub_st = "workspaces/proj-contoso-{}-prod", "storageAccounts/stcontosomlprodcc007"
    lake = "storageAccounts/stcontosodlz01prodlake/blobServices/default/containers/{}"
    scientists, engineers, operations = (
        "groups.dataScientists",
        "groups.mlEngineers",
        "groups.operations",
    )
    assert sorted((p, r, s) for p, kind, r, s in rows if kind == "Group") == sorted(
        [
            *((scientists, "Reader", ws.format(p)) for p in ("churn", "fraud", "demand")),
            *((engineers, "AzureML Data Scientist", ws.format(p)) for p in ("churn", "fraud")),
            *((operations, "AzureML Compute Operator", ws.format(p)) for p in ("churn", "fraud")),
            (engineers, "AzureML Data Scientist", ws.format("demand")),
            (engineers, "AzureML Compute Operator", ws.format("demand")),
            (scientists, "Storage Blob Data Reader", hub_st),
            (scientists, "Storage File Data Privileged Reader", hub_st),
            (engineers, "Storage Blob Data Contributor", hub_st),
            (engineers, "Storage File Data Privileged Contributor", hub_st),
            (scientists, "Storage Blob Data Reader", lake.format("curated")),
            (scientists, "Storage Blob Data Reader", lake.format("workspace")),
            (engineers, "Storage Blob Data Reader", lake.format("curated")),
            (engineers, "Storage Blob Data Contributor", lake.format("workspace")),
        ]
    )
    # every role assignment is in the table once, each principal named
    assert len(rows) == sum(r.type.endswith(":RoleAssignment") for r in run.resources)
    assert {(p, kind) for p, kind, _, _ in rows if kind != "Group"} == {
        ("hub.encryption.cosmosDbPrincipalId", "ServicePrincipal"),
        *(
            (f"identity of {name}", "ServicePrincipal")
            for name in ("hub-id", "hub-dlz-demand-id", "hub-churn-ws", "hub-fraud-ws")
        ),
    }
    text = render_report(run)
    assert (
        "principal=groups.operations, principalType=Group, role=AzureML Compute Operator, "
        "scope=workspaces/proj-contoso-churn-prod" in text
    )


def _tree_line(text: str, name: str) -> str:
    found = [line for line in text.splitlines() if f"─ {name}  (" in line]
    assert len(found) == 1, name
    return found[0].split(")  ", 1)[1]


def test_the_tree_shows_the_settings_a_reviewer_checks() -> None:
    """prod's values: the default alert rules (cpu: severity 3, above 90 % over an hour), its
    budgets (hubAmount 5000, projectAmount 2000, alerts at 80 % actual and 100 % forecast),
    the on-call instance's hardening, the registry's public access and the datastores'
    identity-based access (credentials None)."""
    text = render_report(run_stack("prod"))
    assert _tree_line(text, "hub-alert-cpu").endswith(
        "severity=3, metric=CpuUtilization, operator=GreaterThan, threshold=90, windowSize=PT1H"
    )
    assert _tree_line(text, "hub-hub-budget").endswith(
        "amount=5000, timeGrain=Monthly, alerts=actual-80,forecasted-100"
    )
    assert _tree_line(text, "hub-churn-budget").endswith(
        "amount=2000, timeGrain=Monthly, alerts=actual-80,forecasted-100"
    )
    assert _tree_line(text, "hub-dlz-demand-ci-ci-demand-oncall").endswith(
        "disableLocalAuth=true, nodePublicIp=false, sshPublicAccess=Disabled"
    )
    assert _tree_line(text, "hub-mlr").endswith("publicNetworkAccess=Disabled")
    assert _tree_line(text, "hub-dlz-demand-ds-curated").endswith(
        "datastoreType=AzureDataLakeGen2, account=stcontosodlz01prodlake, filesystem=curated, "
        "credentials=None, serviceIdentity=WorkspaceUserAssignedIdentity"
    )


def test_text_and_markdown_count_alike_and_outputs_come_once() -> None:
    run = run_stack("prod")
    text = render_report(run).splitlines()
    assert "  121  resources in 7 components" in text
    assert render_markdown(run, None).splitlines()[2] == "**121 resources** in **7 components**."
    # the program exports the hub's ids at the top level and under `hub` (StackReference
    # consumers read both): the report shows each value once
    hub = text.index("  hub:")
    assert text[hub + 1 : hub + 5] == [
        "    applicationInsightsId: /subscriptions/{placeholder subscription}/resourceGroups/"
        "rg-contoso-ml-prod-weu-hub/providers/Microsoft.Insights/components/appi-contoso-ml-prod-weu",
        "    containerRegistryId: /subscriptions/{placeholder subscription}/resourceGroups/"
        "rg-contoso-ml-prod-weu-hub/providers/Microsoft.ContainerRegistry/registries/"
        "crcontosomlprodcc007",
        "    hubId: (= hubId)",
        "    hubName: (= hubName)",
    ]
    assert "    privateEndpointId: (= hubPrivateEndpointId)" in text
    assert "    environment: prod" in text  # a tag, not a repeat of the output


def test_a_renamed_protected_resource_says_its_deletion_is_blocked() -> None:
    """prod protects and locks: renaming a project there is refused where the old workspace is
    protected, and where a lock covers the old grant on the registry."""
    config = copy.deepcopy(stack_config("prod"))
    next(p for p in config["aml-landing-zone:projects"] if p["name"] == "fraud")["name"] = "frauds"
    diff = compare_plans(plan_document(run_stack("prod")), plan_document(run_stack("prod", config)))
    lines = render_diff(diff).splitlines()
    assert lines[0] == (
        "Project aml-landing-zone, stack prod: 14 to replace (14 renamed), 1 to update, "
        "0 to create, 0 to delete, 113 unchanged"
    )
    blocked = [line for line in lines if "blocked by" in line and line.startswith("  +- ")]
    assert blocked == [
        "  +- hub-fraud-ws => hub-frauds-ws  (azure-native:machinelearningservices:Workspace): "
        "deletion blocked by protect",
        "  +- hub-fraud-rg => hub-frauds-rg  (azure-native:resources:ResourceGroup): "
        "deletion blocked by protect",
        "  +- hub-registry-ra-89ac94e1 => hub-registry-ra-a54532be  "
        "(azure-native:authorization:RoleAssignment, role=AzureML Registry User): "
        "deletion blocked by lock hub-mlr-lock on mlr-contoso-ml-prod-weu-cc007",
    ]
    assert (
        "| `hub-fraud-ws` | `hub-frauds-ws` | `machinelearningservices:Workspace` |  | "
        "**deletion blocked by protect** |"
    ) in render_diff_markdown(diff).splitlines()
