"""offline-preview's command line: formats, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aml_landing_zone.offline.cli import main
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.plan import dump_plan


def test_text_report(tiny_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project-dir", str(tiny_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Project tiny, stack dev\n")
    assert "  5  total" in out


def test_json_plan_found_from_cwd(
    tiny_dir: Path,
    tiny_run: ProgramRun,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tiny_dir)
    assert main(["--format", "json", "--stack", "dev"]) == 0
    out = capsys.readouterr().out
    assert out == dump_plan(tiny_run)
    assert json.loads(out)["project"] == "tiny"


def test_run_error_exits_2_with_one_message(
    make_project, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(
        "config:\n  location: x\n  resourceGroupName: a\n  accountName: b\n  fail: true\n",
        stack="broken",
    )
    assert main(["--project-dir", str(project), "--stack", "broken"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "error: Pulumi.dev.yaml: config key 'tiny:fail' asks this program to fail\n"
    )


@pytest.mark.parametrize(
    ("stack_yaml", "message"),
    [(None, "Pulumi.dev.yaml: file not found"), ("config: [1, 2\n", "invalid YAML")],
)
def test_stack_file_problems_exit_2(
    make_project, capsys: pytest.CaptureFixture[str], stack_yaml: str | None, message: str
) -> None:
    project = make_project(stack_yaml)
    assert main(["--project-dir", str(project)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_unexpected_failure_exits_1_with_traceback(
    make_project, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(
        "config:\n  location: x\n  resourceGroupName: a\n  accountName: b\n  failInApply: true\n"
    )
    assert main(["--project-dir", str(project)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "boom in apply" in err


def test_no_project_found_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (tmp_path / "a" / "Pulumi.yaml").write_text("name: [broken\n")
    monkeypatch.chdir(nested)
    assert main([]) == 2  # found a/Pulumi.yaml (nearest ancestor), which does not parse
    assert "a/Pulumi.yaml: invalid YAML" in capsys.readouterr().err
    assert main(["--project-dir", str(nested)]) == 2
    assert "no Pulumi.yaml here" in capsys.readouterr().err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "yaml"]) == 2
    assert main(["--help"]) == 0
    capsys.readouterr()
