"""What a user reads when a config is wrong (issue 22): every problem in one report, each at the
file its key lives in (the stack file or landing-zone.yaml) with the fix in that file's terms, and
"did you mean" for a misspelt namespace and stack. Each case is the exact bad input a user tried."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.config.preflight import preflight
from aml_landing_zone.errors import ConfigError
from aml_landing_zone.offline.cli import main
from aml_landing_zone.offline.policy_run import evaluate
from aml_landing_zone.offline.policy_summary import group_findings, resources_text
from aml_landing_zone.offline.program import effective_config_digest, run_program
from aml_landing_zone.offline.stack_references import digest_file

from tests.conftest import run_stack
from tests.stack_values import DELETE, NAMESPACE, ROOT, changed, stack_config, stack_values

EXAMPLE_GROUP_ID = "1c8b4d2f-6e3a-4b9c-8d7e-2f3a4b5c6d7e"  # dev's example dataScientists group
PROJECT_FILES = ("Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.test.yaml", "Pulumi.prod.yaml")
PROJECT_FILES += ("landing-zone.yaml", "__main__.py")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the shipped project (its stack files, landing-zone.yaml and program)."""
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "stack-outputs", tmp_path / "stack-outputs")
    return tmp_path


def edit(path: Path, key_path: str, value: Any, *, under_config: bool = False) -> None:
    """Set (or with DELETE remove) ``key_path`` in a YAML file of the project."""
    doc = yaml.safe_load(path.read_text())
    if under_config:
        doc["config"] = changed(doc["config"], key_path, value)
    else:
        doc = changed(doc, key_path, value)
    path.write_text(yaml.safe_dump(doc, sort_keys=False))


def preview_error(project: Path, capsys: pytest.CaptureFixture[str], stack: str = "dev") -> str:
    """What offline-preview says on stderr for a config it refuses (exit 2, nothing on stdout)."""
    assert main(["--project-dir", str(project), "--stack", stack]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def test_field_and_cross_key_problems_of_one_alert_come_at_once(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        project / "Pulumi.dev.yaml",
        "aml-landing-zone:observability.alerts",
        {"cpu": {"metric": "CpuUtilization", "threshold": 150, "severity": 7}},
        under_config=True,
    )
    assert preview_error(project, capsys) == (
        "error: Pulumi.dev.yaml: invalid configuration (3 problems):\n"
        "  aml-landing-zone:observability.alerts.cpu.severity: must be at most 4 (got 7) "
        "[LZ-CFG-005]\n"
        "  aml-landing-zone:observability.alerts: alerts notify the action group: add "
        "'actionGroup' [LZ-CFG-007]\n"
        "  aml-landing-zone:observability.alerts.cpu.threshold: 'CpuUtilization' is a "
        "percentage: 0–100 [LZ-CFG-005]\n"
    )


def test_preflight_warnings_come_with_the_errors(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A public dev hub with a bad range: the error, and the warning the fixed config gets."""
    edit(
        project / "Pulumi.dev.yaml",
        "aml-landing-zone:hub.publicNetworkAccess",
        "Enabled",
        under_config=True,
    )
    edit(
        project / "Pulumi.dev.yaml", "aml-landing-zone:hub.allowedIpRanges", [10], under_config=True
    )
    assert preview_error(project, capsys) == (
        "error: Pulumi.dev.yaml: invalid configuration (1 problem):\n"
        "  aml-landing-zone:hub.allowedIpRanges[0]: '10' is not an IPv4 address or CIDR range "
        "(host bits must be zero) [LZ-CFG-007]\n"
        "  and once these are fixed, warnings:\n"
        "    [LZ-WRN-004] aml-landing-zone:hub.publicNetworkAccess: policy rule ws-public-network "
        "(advisory in preset dev) will flag this setting\n"
    )


def test_a_bad_ip_range_and_what_it_contradicts_come_at_once(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        project / "Pulumi.dev.yaml", "aml-landing-zone:hub.allowedIpRanges", [10], under_config=True
    )
    assert preview_error(project, capsys) == (
        "error: Pulumi.dev.yaml: invalid configuration (2 problems):\n"
        "  aml-landing-zone:hub.allowedIpRanges[0]: '10' is not an IPv4 address or CIDR range "
        "(host bits must be zero) [LZ-CFG-007]\n"
        "  aml-landing-zone:hub.allowedIpRanges: only used with publicNetworkAccess 'Enabled' "
        "(an explicit opt-in); with 'Disabled' nothing is reachable publicly [LZ-CFG-007]\n"
    )


@pytest.mark.parametrize("key", ["tags", "organization"])
def test_a_key_removed_from_the_shared_definition_is_blamed_on_it(
    project: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    edit(project / "landing-zone.yaml", key, DELETE)
    assert preview_error(project, capsys) == (
        "error: Pulumi.dev.yaml with landing-zone.yaml: invalid configuration (1 problem):\n"
        f"  landing-zone.yaml: {key}: required key is missing [LZ-CFG-002]\n"
    )


def test_a_per_stack_key_removed_is_blamed_on_the_stack_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every other stack sets 'environment' in its own file: it belongs in the stack file."""
    edit(project / "Pulumi.dev.yaml", "aml-landing-zone:environment", DELETE, under_config=True)
    assert preview_error(project, capsys) == (
        "error: Pulumi.dev.yaml: invalid configuration (1 problem):\n"
        "  aml-landing-zone:environment: required key is missing [LZ-CFG-002]\n"
    )


def test_a_misspelt_namespace_is_not_ignored(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project / "Pulumi.dev.yaml", "aml-landingzone:hub", {"protect": True}, under_config=True)
    assert preview_error(project, capsys) == (
        "error: Pulumi.dev.yaml: invalid configuration (1 problem):\n"
        "  aml-landingzone:hub: unknown namespace 'aml-landingzone', so the program never reads "
        "this key; did you mean 'aml-landing-zone:hub'? [LZ-CFG-001]\n"
    )


def test_an_unknown_stack_lists_the_stacks_there_are(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert preview_error(project, capsys, stack="staging") == (
        f"error: no stack 'staging': there is no Pulumi.staging.yaml in {project} "
        "(stacks: dev, prod, test)\n"
    )
    assert preview_error(project, capsys, stack="prd") == (
        f"error: no stack 'prd': there is no Pulumi.prd.yaml in {project} "
        "(stacks: dev, prod, test); did you mean 'prod'?\n"
    )


def _dev_with_a_default_product(**monitoring: Any) -> dict[str, Any]:
    config = changed(stack_config("dev"), f"{NAMESPACE}:dataProducts[0].kind", "default")
    if monitoring:
        config = changed(config, f"{NAMESPACE}:dataLandingZone.monitoring", monitoring)
    return config


def test_a_default_product_in_dev_is_told_of_its_own_monitoring_keys() -> None:
    """Dev sets no diagnostics.logAnalyticsWorkspaceId: the message speaks of the data landing
    zone's scope, which the product's private Application Insights joins."""
    values = changed(stack_values("dev"), "dataProducts[0].kind", "default")
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(values, namespace=NAMESPACE, stack="dev")
    assert str(caught.value) == (
        "Pulumi.dev.yaml: invalid configuration (1 problem):\n"
        "  aml-landing-zone:dataLandingZone.monitoring.privateLinkScopeId: missing: a Default "
        "data product's Application Insights is private (dataLandingZone.monitoring.private, true "
        "by default) and joins the data landing zone's Azure Monitor Private Link Scope, which "
        "this program never creates (a second scope on the same DNS would overwrite the "
        "platform's records); give that scope's id, or set dataLandingZone.monitoring.private: "
        "false [LZ-CFG-007]"
    )


def _groups(run: Any, rule: str) -> list[tuple[str, str, str | None]]:
    result = evaluate(run, ROOT / "policies" / "config" / f"{run.stack}.json")
    return [
        (resources_text(g), g.message, g.fix)
        for g in group_findings(result, run.project, run.stack)
        if g.policy == rule
    ]


def test_a_products_public_app_insights_is_fixed_with_its_own_key() -> None:
    run = run_stack("dev", _dev_with_a_default_product(private=False))
    public = (
        "publicNetworkAccessForIngestion is 'Enabled'; set it to 'Disabled' and reach the "
        "resource through an Azure Monitor Private Link Scope. publicNetworkAccessForQuery is "
        "'Enabled'; set it to 'Disabled' and reach the resource through an Azure Monitor "
        "Private Link Scope."
    )
    assert _groups(run, "monitor-public-network") == [
        (
            "hub-dlz-demand-appi (azure-native:applicationinsights:Component)",
            public,
            "set aml-landing-zone:dataLandingZone.monitoring.private in Pulumi.dev.yaml",
        ),
        (
            "2 resources: hub-appi, hub-log",
            public,
            "set aml-landing-zone:hub.monitoring.private in Pulumi.dev.yaml",
        ),
    ]


def test_a_public_hub_in_prod_reads_whole_and_is_fixed_by_public_access() -> None:
    run = run_stack(
        "prod", changed(stack_config("prod"), f"{NAMESPACE}:hub.publicNetworkAccess", "Enabled")
    )
    assert _groups(run, "ws-hbi-storage-private") == [
        (
            "4 resources: hub-hub, hub-churn-ws, hub-dlz-demand-ws, hub-fraud-ws",
            "An HBI workspace keeps its data in storage account hub-st, whose "
            "publicNetworkAccess is 'Enabled'; that storage must be private.",
            "set aml-landing-zone:hub.publicNetworkAccess in Pulumi.prod.yaml",
        )
    ]


def _warnings(values: dict[str, Any]) -> list[str]:
    config = parse_stack_config(values, namespace=NAMESPACE, stack="dev")
    return [finding.log_line(NAMESPACE) for finding in preflight(config, "dev", ROOT)]


DEV_RELAXES = (
    "dev relaxes identity, outbound and monitoring on purpose; the dev preset reports them"
)


def test_a_new_relaxation_is_not_acknowledged_by_a_reason_written_for_others() -> None:
    public = changed(stack_values("dev"), "hub.publicNetworkAccess", "Enabled")
    public = changed(public, "hub.allowedIpRanges", ["20.1.2.0/24"])
    assert [line for line in _warnings(public) if line.startswith("[LZ-WRN-004]")] == [
        f"[LZ-WRN-004] acknowledged ({DEV_RELAXES}): aml-landing-zone:hub.identity: policy rule "
        "ws-user-assigned-identity (advisory in preset dev) will flag this setting",
        f"[LZ-WRN-004] acknowledged ({DEV_RELAXES}): aml-landing-zone:hub.managedNetwork."
        "isolationMode: policy rule ws-managed-network (advisory in preset dev) will flag this "
        "setting",
        "[LZ-WRN-004] aml-landing-zone:hub.publicNetworkAccess: policy rule ws-public-network "
        "(advisory in preset dev) will flag this setting",
        f"[LZ-WRN-004] acknowledged ({DEV_RELAXES}): aml-landing-zone:hub.monitoring.private: "
        "policy rule monitor-public-network (advisory in preset dev) will flag this setting",
    ]


def test_example_ids_at_a_new_key_are_not_acknowledged() -> None:
    """Dev accepts its example ids under groups and compute users; one more elsewhere is news."""
    values = changed(
        stack_values("dev"),
        "projects[0].members",
        [{"group": EXAMPLE_GROUP_ID, "role": "AzureML Data Scientist"}],
    )
    [line] = [line for line in _warnings(values) if line.startswith("[LZ-WRN-003]")]
    assert line.startswith("[LZ-WRN-003] aml-landing-zone:groups.platformAdmins: ")


def test_the_v01_per_code_form_is_refused_with_the_list_to_write() -> None:
    values = changed(
        stack_values("dev"), "acknowledge", {"LZ-WRN-004": "dev relaxes identity on purpose"}
    )
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(values, namespace=NAMESPACE, stack="dev")
    assert str(caught.value) == (
        "Pulumi.dev.yaml: invalid configuration (1 problem):\n"
        "  aml-landing-zone:acknowledge: the per-code form (code: reason) accepted every setting "
        "a code would ever flag; write a list of entries, each with its code, the key paths it "
        "accepts and the reason (docs/upgrading.md) [LZ-CFG-014]\n"
        "  write instead (the keys its warnings name today):\n"
        "    aml-landing-zone:acknowledge:\n"
        "      - code: LZ-WRN-004\n"
        "        keys: [hub.identity, hub.managedNetwork.isolationMode, hub.monitoring.private]\n"
        "        reason: dev relaxes identity on purpose"
    )


def test_a_stale_committed_prod_output_is_a_warning_with_the_command(project: Path) -> None:
    """Dev grants on prod's registry by the name in stack-outputs/prod.json: renaming the
    organisation renames prod's registry, and dev is told the file no longer says so."""
    edit(project / "landing-zone.yaml", "organization", "fabrikam")
    [line] = [w for w in run_program(project, "dev").warnings if w.startswith("[LZ-WRN-010]")]
    assert line.startswith(
        "[LZ-WRN-010] aml-landing-zone:environments.registry.owner: stack-outputs/prod.json is "
        "stale: its outputs promotion, dataProducts, hub and 8 more are not prod's program's "
        '(promotion.containerRegistryId is "/subscriptions/00000000-0000-0000-0000-000000000000/'
        "resourceGroups/azureml-rg-mlr-fabrikam-ml-prod-weu-"
    )
    assert line.endswith(
        "; this stack reads the file offline, so it names what prod no longer creates. Rewrite "
        "it: `python -m aml_landing_zone.offline.stack_outputs --stack prod`"
    )


@pytest.mark.parametrize("stack", ["dev", "test"])
def test_the_committed_prod_outputs_are_current(stack: str) -> None:
    """The shipped files: prod's outputs were written from prod's config as it is (else each
    dev and test preview runs prod's program to check), and no stack warns of them."""
    assert digest_file(ROOT, "prod").read_text().strip() == effective_config_digest(
        ROOT, NAMESPACE, "prod"
    ), "rewrite it: python -m aml_landing_zone.offline.stack_outputs --stack prod"
    assert not [w for w in run_stack(stack).warnings if w.startswith("[LZ-WRN-010]")]
