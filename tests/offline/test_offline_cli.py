"""offline-preview's command line: formats, comparison, colour, exit codes, messages."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest
from aml_landing_zone.offline.cli import main
from aml_landing_zone.offline.colour import wants_colour
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.plan import dump_plan
from aml_landing_zone.offline.policy_run import evaluate


def test_text_report(tiny_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project-dir", str(tiny_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Project tiny, stack dev\n")
    assert "  4  resources in 1 components" in out


def test_json_plan_found_from_cwd(
    tiny_dir: Path,
    tiny_run: ProgramRun,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tiny_dir)
    assert main(["--format", "json", "--stack", "dev"]) == 0
    out = capsys.readouterr().out
    quiet = evaluate(tiny_run, tiny_dir / "policies" / "config" / "quiet.json")
    assert out == dump_plan(tiny_run, quiet.to_json())  # judged by the preset the stack names
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
    [(None, "error: no stack 'dev': "), ("config: [1, 2\n", "invalid YAML")],
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


def test_markdown_report(tiny_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project-dir", str(tiny_dir), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Offline preview: `tiny`, stack `dev`\n")
    assert "```mermaid\nflowchart TB\n" in out
    assert (
        '  subgraph c0["Data data"]\n    n0["sttinydev<br/>storage:StorageAccount"]\n  end' in out
    )
    assert "| `uami-blob-reader` | (stack) | `authorization:RoleAssignment` |" in out
    assert "role=Storage Blob Data Reader" in out
    assert "\x1b[" not in out


def test_compare_prints_the_changes_against_an_old_plan(
    tiny_dir: Path, tiny_run: ProgramRun, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = json.loads(dump_plan(tiny_run))
    storage = next(r for r in old["resources"] if r["name"] == "data-sa")
    storage["inputs"]["minimumTlsVersion"] = "TLS1_0"
    old["resources"] = [r for r in old["resources"] if r["name"] != "uami-blob-reader"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    args = ["--project-dir", str(tiny_dir), "--compare", str(path)]

    assert main(args) == 0
    text = capsys.readouterr().out
    assert text.startswith("Project tiny, stack dev: 0 to replace, 1 to update, 1 to create")
    assert "      ~ minimumTlsVersion: TLS1_0 => TLS1_2" in text

    assert main([*args, "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert (summary["update"], summary["create"]) == (1, 1)

    assert main([*args, "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert "### Update" in markdown and "~`minimumTlsVersion`" in markdown
    assert "### Create" in markdown and "| `uami-blob-reader` |" in markdown


@pytest.mark.parametrize("content", ["{not json", '{"resources": 3}'])
def test_compare_with_something_else_than_a_plan_exits_2(
    tiny_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    path = tmp_path / "old.json"
    path.write_text(content)
    assert main(["--project-dir", str(tiny_dir), "--compare", str(path)]) == 2
    err = capsys.readouterr().err
    assert "not a plan document" in err and "Traceback" not in err


def test_colour_on_a_terminal_only_and_never_with_no_color(
    tiny_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--project-dir", str(tiny_dir)]) == 0
    assert "\x1b[" not in capsys.readouterr().out  # piped (captured): plain

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["--project-dir", str(tiny_dir)]) == 0
    coloured = capsys.readouterr().out
    assert "\x1b[1mProject tiny, stack dev\x1b[0m" in coloured

    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["--project-dir", str(tiny_dir)]) == 0
    plain = capsys.readouterr().out
    assert "\x1b[" not in plain
    assert plain == re.sub(r"\x1b\[[0-9;]*m", "", coloured)


def test_wants_colour_follows_no_color_org() -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

    assert wants_colour(Terminal(), {}) is True
    assert wants_colour(Terminal(), {"NO_COLOR": ""}) is True  # set but empty: no effect
    assert wants_colour(Terminal(), {"NO_COLOR": "0"}) is False  # any value turns colour off
    assert wants_colour(io.StringIO(), {}) is False
