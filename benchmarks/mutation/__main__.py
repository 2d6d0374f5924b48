"""Mutation testing: ``.tools/bin/uv run python -m benchmarks.mutation [GROUP ...] [--jobs N]
[--timeout S] [--only PATH] [--sample N]``. Groups: naming, rbac, comparison, rules, blocks
(default: all).
Prints each file's and group's kill rate and every surviving mutant; writes the same report to
.mutation/report-<group>.txt. Run it niced on a shared machine: ``nice -n 19 ...``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchmarks.mutation.coverage_map import CACHE, coverage_map
from benchmarks.mutation.mutants import mutants_of
from benchmarks.mutation.report import Tally, render
from benchmarks.mutation.runner import Job, run_jobs, warm_up
from benchmarks.mutation.targets import GROUPS, ROOT, files_of, module_name


def jobs_of(group_name: str, only: str | None) -> tuple[list[Job], list, Path]:
    group = GROUPS[group_name]
    coverage = coverage_map(group)
    results = CACHE / f"results-{group_name}-{coverage.fingerprint}.jsonl"
    jobs, untested = [], []
    for path in files_of(group):
        if only and only not in str(path.relative_to(ROOT)):
            continue
        for mutant in mutants_of(path):
            tests = coverage.tests_for(path, mutant.line, mutant.last_line)
            if tests:
                jobs.append(Job(mutant, module_name(path), tuple(tests)))
            else:
                untested.append(mutant)
    return jobs, untested, results


def finished(results: Path) -> dict[str, str]:
    """Mutant id -> status of the mutants an interrupted run already did (same code, tests)."""
    if not results.exists():
        return {}
    rows = [json.loads(line) for line in results.read_text().splitlines() if line]
    return {row["id"]: row["status"] for row in rows}


def run_group(
    name: str, workers: int, timeout: int, only: str | None, sample: int | None = None
) -> str:
    jobs, untested, results = jobs_of(name, only)
    if sample is not None:  # a smoke run (CI): the first N mutants, nothing about the others
        jobs, untested = jobs[:sample], []
    tally = Tally()
    for mutant in untested:
        tally.add(mutant, "survived")
    known = finished(results)
    for job in [j for j in jobs if j.mutant.id in known]:
        tally.add(job.mutant, known[job.mutant.id])
    jobs = [j for j in jobs if j.mutant.id not in known]
    start, count = time.perf_counter(), len(jobs)

    def done(job: Job, status: str, seconds: float) -> None:
        tally.add(job.mutant, status)
        with results.open("a") as log:
            log.write(json.dumps({"id": job.mutant.id, "status": status, "s": seconds}) + "\n")
        finished = sum(tally.total.values()) - len(untested)
        print(
            f"\r{name}: {finished}/{count} ({time.perf_counter() - start:.0f} s)",
            end="",
            flush=True,
        )

    warm_up()
    run_jobs(jobs, workers, timeout, done)
    text = render(name, tally)
    CACHE.mkdir(exist_ok=True)
    (CACHE / f"report-{name}.txt").write_text(text + "\n")
    return f"\n{text}\n({time.perf_counter() - start:.0f} s)"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.mutation")
    parser.add_argument("groups", nargs="*", choices=[[], *GROUPS], default=list(GROUPS))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=300, help="seconds per mutant")
    parser.add_argument("--only", help="mutate only files whose path contains this")
    parser.add_argument("--sample", type=int, help="run only the first N mutants (a smoke run)")
    args = parser.parse_args(argv)
    for name in args.groups or GROUPS:
        print(run_group(name, args.jobs, args.timeout, args.only, args.sample), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
