"""``offline-preview``: run the landing zone program under mocks and print what it would deploy:
a text report (colour on a terminal only), the plan document (``--format json``), a Markdown
report for pull requests (``--format markdown``), or with ``--compare OLD.json`` the changes
against a previous plan document in any of the three.

Exit codes: 0 success; 2 the user must fix something (a ``pulumi.RunError`` from the program, a
missing or unparseable project/stack or plan file, a bad policy preset) - one message on stderr, no
traceback; 3 a mandatory policy violation (as ``pulumi preview`` would stop); 4 with ``--fail-on
warning``, an unacknowledged warning; 5 with ``--compare``, a replacement or deletion ``protect``
blocks (as ``pulumi up`` would stop); 1 anything unexpected, with the traceback. What fails a run
is listed on stderr (``verdict.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pulumi
from aml_landing_zone.offline import policy_run
from aml_landing_zone.offline.colour import Palette, wants_colour
from aml_landing_zone.offline.compare import PlanDiff, compare_plans, render_diff
from aml_landing_zone.offline.markdown import render_diff_markdown, render_markdown
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.plan import dump_plan, plan_document
from aml_landing_zone.offline.policy_run import PolicyResult
from aml_landing_zone.offline.policy_summary import format_text, stack_file_namespace
from aml_landing_zone.offline.program import collect_less_often, run_program
from aml_landing_zone.offline.report import render_report
from aml_landing_zone.offline.verdict import (
    EXIT_BLOCKED_BY_PROTECT,
    EXIT_OK,
    EXIT_POLICY_VIOLATION,
    EXIT_WARNINGS,
    verdict,
)
from aml_landing_zone.policies.pack import PRESETS_DIR

EXIT_UNEXPECTED = 1
EXIT_CONFIG_ERROR = 2
# The preset a stack naming none, and no preset of its own name, is judged by.
DEFAULT_PRESET = "prod"
__all__ = [
    "EXIT_BLOCKED_BY_PROTECT",
    "EXIT_CONFIG_ERROR",
    "EXIT_OK",
    "EXIT_POLICY_VIOLATION",
    "EXIT_UNEXPECTED",
    "EXIT_WARNINGS",
    "main",
]


class UsageError(Exception):
    """Bad command line or no project found: reported like a config error."""


def find_project_dir(start: Path) -> Path:
    """The nearest directory at or above ``start`` that holds ``Pulumi.yaml``."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if (candidate / "Pulumi.yaml").is_file():
            return candidate
    raise UsageError(f"no Pulumi.yaml in {start} or any parent directory; use --project-dir")


@dataclass(frozen=True)
class PresetChoice:
    """The policy preset a run is judged by; ``note`` says why when the stack did not name it."""

    path: Path
    note: str | None = None


def policy_config_path(run: ProgramRun, project_dir: Path, override: Path | None) -> PresetChoice:
    """The preset the stack file names (``<project>:policyPreset``), as ``pulumi preview
    --policy-pack-config policies/config/<preset>.json`` would use it: the project's own
    ``policies/config`` (this repository, or a copy of it), else the one the library ships (a
    team's own program). A stack naming none is judged by the preset of its name, else by
    ``prod``, the strictest (what passes it passes every preset), and the choice is said."""
    if override is not None:
        return PresetChoice(override)
    preset = run.stack_config.get(
        f"{run.project}:policyPreset", run.stack_config.get("policyPreset")
    )
    note = None
    if preset is None:
        named = (PRESETS_DIR / f"{run.stack}.json").is_file()
        preset = run.stack if named else DEFAULT_PRESET
        why = "the preset named like the stack" if named else "the strictest preset"
        note = (
            f"policy preset: {preset} ({why}; Pulumi.{run.stack}.yaml names no policyPreset): "
            "--policy-pack-config <file> judges by another"
        )
    own = project_dir / "policies" / "config" / f"{preset}.json"
    return PresetChoice(own if own.is_file() else PRESETS_DIR / f"{preset}.json", note)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="offline-preview",
        description="Run the Pulumi program under mocks (no Pulumi CLI, no Azure) and print "
        "the resources it would register.",
    )
    parser.add_argument("--stack", default="dev", help="stack name (default: dev)")
    parser.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="output format (default: text; markdown: a report for pull requests and job "
        "summaries, with a Mermaid diagram)",
    )
    parser.add_argument(
        "--compare",
        type=Path,
        default=None,
        metavar="OLD_PLAN",
        help="print what changes against a previous plan document (--format json output): "
        "created, deleted, updated and replaced resources",
    )
    parser.add_argument(
        "--project-dir",
        type=Path,
        default=None,
        help="directory holding Pulumi.yaml (default: nearest ancestor of the current directory)",
    )
    parser.add_argument(
        "--policy-pack-config",
        type=Path,
        default=None,
        help="policy preset JSON (default: policies/config/<policyPreset>.json of the stack; "
        "without policyPreset the preset named like the stack, else prod)",
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="exit non-zero on errors only (default), or also on unacknowledged warnings: "
        "config warnings (LZ-WRN-...), the comparison's warnings, and advisory policy findings "
        "on settings the stack does not acknowledge (exit 4)",
    )
    return parser


def read_plan(path: Path) -> dict:
    """A previous plan document for ``--compare``; a UsageError when it is not one."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not a plan document (invalid JSON: {exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("resources"), list):
        raise UsageError(f"{path}: not a plan document (offline-preview --format json)")
    return doc


def render(
    run: ProgramRun,
    result: PolicyResult | None,
    output_format: str,
    diff: PlanDiff | None,
    *,
    palette: Palette,
) -> str:
    """The output for one format: the report, or with ``diff`` the changes against the old plan."""
    policies = result.to_json() if result else None
    if diff is not None:
        if output_format == "json":
            return json.dumps(diff.to_json(), indent=2, sort_keys=True) + "\n"
        if output_format == "markdown":
            return render_diff_markdown(diff)
        return render_diff(diff, palette)
    if output_format == "json":
        return dump_plan(run, policies)
    if output_format == "markdown":
        return render_markdown(run, result)
    output = render_report(run, ascii_only=not _stdout_takes_box_drawing(), palette=palette)
    if result is not None:
        output += "\n" + format_text(result, stack_file_namespace(run), run.stack, palette)
    return output


def _stdout_takes_box_drawing() -> bool:
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "├─└│".encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``offline-preview``; returns the process exit code."""
    with collect_less_often():
        return _preview(argv)


def _preview(argv: Sequence[str] | None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_CONFIG_ERROR
    try:
        if args.policy_pack_config is not None:
            policy_run.read_config(args.policy_pack_config)  # before the program's seconds
        old_plan = read_plan(args.compare) if args.compare is not None else None
        project_dir = args.project_dir or find_project_dir(Path.cwd())
        if not (project_dir / "Pulumi.yaml").is_file():
            raise UsageError(f"{project_dir}: no Pulumi.yaml here")
        run = run_program(project_dir, args.stack)
        preset = policy_config_path(run, project_dir, args.policy_pack_config)
        if preset.note is not None:
            print(preset.note, file=sys.stderr)
        result = policy_run.evaluate(run, preset.path)
        diff = (
            compare_plans(old_plan, plan_document(run, result.to_json() if result else None))
            if old_plan is not None
            else None
        )
        output = render(run, result, args.format, diff, palette=Palette(wants_colour(sys.stdout)))
    except (pulumi.RunError, UsageError, policy_run.PolicyConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    except Exception:
        traceback.print_exc()
        return EXIT_UNEXPECTED
    sys.stdout.write(output)
    sys.stdout.flush()
    judged = verdict(run, result, diff, args.fail_on)
    for line in judged.lines:
        print(line, file=sys.stderr)
    return judged.code


if __name__ == "__main__":
    raise SystemExit(main())
