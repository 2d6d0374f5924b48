"""Preflight: coded warnings a valid stack still deserves, each firing on one changed key of a
shipped stack and silent on the stack as shipped; acknowledgements; --fail-on warning; codes that
are unique and documented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from aml_landing_zone.codes import CODES, codes_markdown
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.config.preflight import preflight
from aml_landing_zone.errors import ConfigError
from aml_landing_zone.offline.cli import main
from aml_landing_zone.offline.findings import run_findings
from aml_landing_zone.offline.report import render_report

from tests.readme import block
from tests.stack_values import DELETE, NAMESPACE, ROOT, changed, stack_values

OWN_GROUPS = {
    "platformAdmins": "aaaaaaaa-0000-4000-8000-00000000000a",
    "dataScientists": "aaaaaaaa-0000-4000-8000-00000000000b",
    "mlEngineers": "aaaaaaaa-0000-4000-8000-00000000000c",
    "operations": "aaaaaaaa-0000-4000-8000-00000000000d",
}


def warnings(values: dict[str, Any], stack: str) -> dict[str, list[str]]:
    """Unacknowledged warning code -> the keys it names."""
    config = parse_stack_config(values, namespace=NAMESPACE, stack=stack)
    found: dict[str, list[str]] = {}
    for finding in preflight(config, stack, ROOT):
        if not finding.acknowledged:
            found.setdefault(finding.code, []).append(finding.key)
    return found


def bare(stack: str) -> dict[str, Any]:
    """The shipped stack without its acknowledgements."""
    return changed(stack_values(stack), "acknowledge", DELETE)


@pytest.mark.parametrize("stack", ["dev", "test", "prod"])
def test_shipped_stacks_have_no_unacknowledged_warning(stack: str) -> None:
    assert warnings(stack_values(stack), stack) == {}


@pytest.mark.parametrize(
    ("stack", "path", "value", "code", "key"),
    [
        ("prod", "location", "northcentralus", "LZ-WRN-001", "hub.storageRedundancy"),
        ("test", "network.virtualNetwork.addressSpace", "10.0.0.0/8", "LZ-WRN-002",
         "network.virtualNetwork.addressSpace"),
        ("prod", "hub.identity", "SystemAssigned", "LZ-WRN-004", "hub.identity"),
    ],
)  # fmt: skip
def test_each_warning_fires_on_one_changed_key(
    stack: str, path: str, value: Any, code: str, key: str
) -> None:
    baseline = changed(bare(stack), "groups", OWN_GROUPS)
    baseline = changed(baseline, "hub.encryption.cosmosDbPrincipalId", OWN_GROUPS["mlEngineers"])
    if stack == "test":
        baseline = changed(bare(stack), "groups", OWN_GROUPS)
    before = warnings(baseline, stack)
    assert code not in before
    values = changed(baseline, path, value)
    if path == "hub.identity":  # a system-assigned hub carries no customer-managed key
        values = changed(values, "hub.encryption", DELETE)
        # nor approves its lake rules before the network is provisioned (it exists after the hub)
        values = changed(values, "hub.managedNetwork.provisionNetworkNow", False)
    after = warnings(values, stack)
    assert key in after.get(code, [])


INSTANCE_USER = "dataProducts[0].computes.instances.ci-demand-alice.assignedUser"


def example_id_finding(values: dict[str, Any], stack: str = "dev") -> Any:
    config = parse_stack_config(values, namespace=NAMESPACE, stack=stack)
    found = [f for f in preflight(config, stack, ROOT) if f.code == "LZ-WRN-003"]
    return found[0] if found else None


def test_example_ids_warn_until_replaced_at_any_depth() -> None:
    """Groups, and ids deep in lists and maps (a data product's compute instance user), until
    every one is replaced."""
    finding = example_id_finding(bare("dev"))
    assert finding.key == "groups.platformAdmins"  # the first in config order
    assert finding.message.startswith(
        f"groups.{{platformAdmins, dataScientists, mlEngineers}}, {INSTANCE_USER} hold the "
        "example object ids"
    )
    own_groups = changed(bare("dev"), "groups", OWN_GROUPS)
    finding = example_id_finding(own_groups)
    assert (finding.key, finding.message.split(" holds ")[0]) == (INSTANCE_USER, INSTANCE_USER)
    replaced = changed(own_groups, INSTANCE_USER, OWN_GROUPS["dataScientists"])
    assert example_id_finding(replaced) is None


EXAMPLE = "9C3A5E7F-4D6B-4A8C-8EBF-2A3B4C5D6E7F"  # shipped, whatever its case


@pytest.mark.parametrize(
    ("path", "value", "key"),
    [
        ("dataProducts[0].groups.reader", EXAMPLE, "dataProducts[0].groups.reader"),
        (
            "projects[0].members",
            [{"group": EXAMPLE, "role": "Reader"}],
            "projects[0].members[0].group",
        ),
        ("hub.projectCreators", [EXAMPLE], "hub.projectCreators[0]"),
    ],
)
def test_an_example_id_written_in_place_of_an_alias_is_noticed(
    path: str, value: Any, key: str
) -> None:
    """Lists and maps of aliases may hold object ids directly: an example there warns too."""
    values = changed(bare("dev"), "groups", OWN_GROUPS)
    values = changed(values, INSTANCE_USER, OWN_GROUPS["mlEngineers"])
    assert example_id_finding(values) is None
    assert example_id_finding(changed(values, path, value)).key == key


def test_many_example_ids_make_one_readable_line() -> None:
    from aml_landing_zone.config.examples import summarize_paths

    paths = [f"groups.g{i}" for i in range(3)] + [
        f"dataProducts[{i}].computes.instances.ci-{i}.assignedUser" for i in range(8)
    ]
    assert summarize_paths(paths) == (
        "groups.{g0, g1, g2}, "
        + ", ".join(f"dataProducts[{i}].computes.instances.ci-{i}.assignedUser" for i in range(5))
        + " and 3 more keys"
    )


def test_an_acknowledged_warning_is_reported_as_acknowledged(dev_run: Any) -> None:
    findings = {f.code: f for f in run_findings(dev_run)}
    reason = stack_values("dev")["acknowledge"][0]["reason"]
    assert findings["LZ-WRN-003"].acknowledged == reason
    report = render_report(dev_run)
    assert "acknowledged: [LZ-WRN-003] aml-landing-zone:groups.platformAdmins: " in report


def test_acknowledging_an_error_code_or_without_reason_is_refused() -> None:
    for acknowledge, problem in (
        ([{"code": "LZ-CFG-001", "keys": ["hubb"], "reason": "x"}], "not a warning code"),
        ([{"code": "LZ-WRN-003", "keys": ["groups.*"], "reason": " "}], "give the reason"),
        ([{"code": "LZ-WRN-003", "keys": [], "reason": "ids"}], "name the key paths"),
    ):
        values = changed(stack_values("dev"), "acknowledge", acknowledge)
        with pytest.raises(ConfigError) as caught:
            parse_stack_config(values, namespace=NAMESPACE, stack="dev")
        assert problem in str(caught.value) and "[LZ-CFG-014]" in str(caught.value)


def _project_with(tmp_path: Path, stack: str, text: str) -> Path:
    for name in (
        "Pulumi.yaml",
        "landing-zone.yaml",
        "stack-outputs",
        "__main__.py",
        "components",
        "policies",
    ):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / f"Pulumi.{stack}.yaml").write_text(text)
    return tmp_path


def test_fail_on_warning_changes_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "Pulumi.prod.yaml").read_text()
    unacknowledged = re.sub(r"  aml-landing-zone:acknowledge:\n(    .*\n)+", "", text)
    project = _project_with(tmp_path, "prod", unacknowledged)
    args = ["--stack", "prod", "--project-dir", str(project)]
    # Without the flag warnings never fail a run (the dev preview in test_preview exits 0).
    assert main([*args, "--fail-on", "warning"]) == 4
    assert "1 unacknowledged warning(s)" in capsys.readouterr().err


def test_config_errors_carry_their_codes() -> None:
    cases = [
        ("hubb", {}, "LZ-CFG-001"),
        ("policyPreset", "stage", "LZ-CFG-003"),
        ("organization", "Contoso!", "LZ-CFG-004"),
        ("hub.logRetentionDays", 5, "LZ-CFG-005"),
        ("location", "westeurop", "LZ-CFG-006"),
        ("hub.projectCreators", ["nobody"], "LZ-CFG-006"),
        ("projects[0].members", [{"group": "dataScientists", "role": "Owner"}], "LZ-CFG-012"),
        ("environments.access.dataScientists.prod", "Owner", "LZ-CFG-012"),
    ]
    for path, value, code in cases:
        with pytest.raises(ConfigError) as caught:
            parse_stack_config(changed(stack_values("dev"), path, value), NAMESPACE, "dev")
        assert str(caught.value).splitlines()[1].endswith(f"[{code}]"), (path, str(caught.value))


def test_codes_are_unique_documented_and_the_only_ones_used() -> None:
    assert len(CODES) == len({c.code for c in CODES.values()})
    assert block("finding-codes").strip() == codes_markdown().strip()
    used = set()
    for path in (ROOT / "components").rglob("*.py"):
        used |= set(re.findall(r"LZ-(?:CFG|WRN)-\d{3}", path.read_text()))
    assert used <= set(CODES)
