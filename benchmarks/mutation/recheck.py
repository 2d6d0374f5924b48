"""Run again only the mutants a recorded sample left alive: ``.tools/bin/uv run --group dev
python -m benchmarks.mutation.recheck benchmarks/mutation/reports/<group>.txt [--tests T ...]``.

A whole sample takes up to an hour per group on 2 cores, mostly in survivors; after tests are
added for them, rerunning the survivors alone says which are now killed. Added tests only kill
more mutants, so the sample's killed ones stay killed; a survivor is found again by its file and
change on the nearest line, and one whose change is gone from the file is reported as gone
(rerun the sample). Prints the sample's new kill rate, equivalents (``equivalent.json``) apart."""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
from pathlib import Path

from benchmarks.mutation.mutants import Mutant, mutants_of
from benchmarks.mutation.report import equivalents
from benchmarks.mutation.runner import Job, run_jobs, warm_up
from benchmarks.mutation.targets import GROUPS, ROOT, module_name

_TOTAL = re.compile(r"^\s+(\S+) \(all\)\s+(\d+)/(\d+)")
_AT = re.compile(r", at ([0-9a-f]+)\)$")
_SURVIVOR = re.compile(r"^\s+survived: (.+?)(?:  \[equivalent: .*\])?$")


def read_report(text: str) -> tuple[str, int, int, list[str], str | None]:
    """(group, killed, sampled, survivor labels, commit sampled at) of a report that ``python
    -m benchmarks.mutation`` wrote."""
    group, killed, total, labels, commit = "", 0, 0, [], None
    for line in text.splitlines():
        if match := _TOTAL.match(line):
            group, killed, total = match[1], int(match[2]), int(match[3])
        elif match := _SURVIVOR.match(line):
            labels.append(match[1])
        elif match := _AT.search(line):
            commit = match[1]
    if not group:
        raise SystemExit("not a mutation report: no '<group> (all)' line")
    return group, killed, total, labels, commit


def line_now(file: str, line: int, commit: str | None) -> int:
    """Where a line of ``file`` at ``commit`` is now (lines added or removed above it move it);
    the same number where the commit or git is not at hand."""
    if commit is None:
        return line
    command = ["git", "show", f"{commit}:{file}"]
    old = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if old.returncode != 0:
        return line
    new = (ROOT / file).read_text().splitlines()
    matcher = difflib.SequenceMatcher(None, old.stdout.splitlines(), new, autojunk=False)
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        if i1 < line <= i2:
            return j1 + (line - i1) if tag == "equal" else j1 + 1
    return line


def _parts(label: str) -> tuple[str, int, str]:
    file, line, change = label.split(":", 2)
    return file, int(line), change.strip()


def find(labels: list[str], commit: str | None) -> tuple[dict[str, list[Mutant]], list[str]]:
    """The current mutants for each label: the same file and change, on the line nearest to
    where the sampled line is now (several where a shortened label fits more than one: all are
    run, and the survivor counts as killed only if every one is); the labels with no such
    change left are returned."""
    by_change: dict[tuple[str, str], list[Mutant]] = {}
    for file in sorted({_parts(label)[0] for label in labels}):
        path = ROOT / file
        for mutant in mutants_of(path) if path.exists() else ():
            _, _, change = _parts(mutant.label)
            by_change.setdefault((file, change), []).append(mutant)
            if mutant.legacy_change != change:
                by_change.setdefault((file, mutant.legacy_change), []).append(mutant)
    found, gone = {}, []
    for label in labels:
        file, line, change = _parts(label)
        line = line_now(file, line, commit)
        candidates = by_change.get((file, change), [])
        if candidates:
            nearest = min(abs(m.line - line) for m in candidates)
            found[label] = [m for m in candidates if abs(m.line - line) == nearest]
        else:
            gone.append(label)
    return found, gone


def difference(mutant: Mutant) -> str:
    """The mutated lines, where a shortened label does not show them."""
    before = mutant.file.read_text(encoding="utf-8").splitlines()
    lines = difflib.unified_diff(before, mutant.source.splitlines(), lineterm="", n=0)
    changed = [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    return " | ".join(" ".join(line.split()) for line in changed)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.mutation.recheck")
    parser.add_argument("report", type=Path)
    parser.add_argument("--tests", nargs="+", help="tests to run (default: the group's)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args(argv)
    group, killed, total, labels, commit = read_report(args.report.read_text())
    tests = tuple(args.tests or GROUPS[group].tests)
    found, gone = find(labels, commit)
    known = equivalents()
    status: dict[str, str] = {label: "gone" for label in gone}
    # an equivalent is listed under its label as recorded or as it reads now
    reasons = {label: known.get(label) or known.get(ms[0].label) for label, ms in found.items()}
    jobs = [
        Job(m, module_name(m.file), tests)
        for label, ms in found.items()
        if not reasons[label]
        for m in ms
    ]
    status |= {label: "equivalent" for label in found if reasons[label]}
    recorded = {id(m): label for label, ms in found.items() for m in ms}

    def done(job: Job, result: str, seconds: float) -> None:
        label = recorded[id(job.mutant)]
        if status.get(label) != "survived":  # one survivor of several keeps the label alive
            status[label] = result
        print(f"  {result:9} {seconds:6.1f} s  {job.mutant.label}", flush=True)
        if result == "survived":
            print(f"            {difference(job.mutant)}", flush=True)

    warm_up()
    run_jobs(jobs, args.jobs, args.timeout, done)
    now_killed = killed + sum(s == "killed" for s in status.values())
    equivalent = sum(s == "equivalent" for s in status.values())
    print(f"== {group}: recorded {killed}/{total}; of {len(labels)} survivors now")
    for label in labels:
        reason = reasons.get(label)
        print(f"    {status[label]:9}  {label}" + (f"  [{reason}]" if reason else ""))
    print(
        f"  {group} (all) {now_killed}/{total} ({100 * now_killed / total:.1f} %), excluding "
        f"{equivalent} equivalent: {now_killed}/{total - equivalent} "
        f"({100 * now_killed / max(1, total - equivalent):.1f} %)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
