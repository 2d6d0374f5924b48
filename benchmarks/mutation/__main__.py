"""Mutation testing: ``.tools/bin/uv run python -m benchmarks.mutation [GROUP ...] [--jobs N]
[--timeout S] [--only PATH] [--sample N] [--uniform N]``. Groups: naming, rbac, comparison,
rules, blocks (default: all).
Prints each file's and group's kill rate and every surviving mutant; writes the same report to
.mutation/report-<group>.txt. Run it niced on a shared machine: ``nice -n 19 ...``."""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.mutation.coverage_map import CACHE, coverage_map
from benchmarks.mutation.mutants import mutants_of
from benchmarks.mutation.report import Tally, render
from benchmarks.mutation.runner import Job, run_jobs, warm_up
from benchmarks.mutation.targets import GROUPS, ROOT, files_of, module_name

SEED = 20261207


def at() -> str:
    """Where the sample was drawn (``, at <commit>``), so a recheck can follow moved lines."""
    command = ["git", "rev-parse", "--short", "HEAD"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    return f", at {done.stdout.strip()}" if done.returncode == 0 else ""


def jobs_of(group_name: str, only: str | None) -> tuple[list[Job], list, Path]:
    group = GROUPS[group_name]
    coverage = coverage_map(group)
    results = CACHE / f"results-{group_name}-{coverage.fingerprint}.jsonl"
    jobs, untested = [], []
    for path in files_of(group):
        if only and only not in str(path.relative_to(ROOT)):
            continue
        for mutant in mutants_of(path):
            tests = coverage.tests_for(
                path, mutant.line, mutant.last_line, module_level=mutant.module_level
            )
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


def uniform_sample(jobs: list[Job], untested: list, size: int) -> tuple[list[Job], list]:
    """A seeded uniform sample over every mutant, the untested ones included (they count as
    survivors), so its kill rate estimates the whole group's."""
    population = [(True, job) for job in jobs] + [(False, mutant) for mutant in untested]
    chosen = random.Random(SEED).sample(population, min(size, len(population)))
    return [j for tested, j in chosen if tested], [m for tested, m in chosen if not tested]


def run_group(
    name: str,
    workers: int,
    timeout: int,
    only: str | None,
    sample: int | None = None,
    *,
    uniform: int | None = None,
) -> str:
    jobs, untested, results = jobs_of(name, only)
    population = len(jobs) + len(untested)
    if sample is not None:  # a smoke run (CI): the first N mutants, nothing about the others
        jobs, untested = jobs[:sample], []
    if uniform is not None:
        jobs, untested = uniform_sample(jobs, untested, uniform)
    sampled = len(jobs) + len(untested)
    tally = Tally()
    for mutant in untested:
        tally.add(mutant, "survived")
    known = finished(results)
    known_jobs = [j for j in jobs if j.mutant.id in known]
    for job in known_jobs:
        tally.add(job.mutant, known[job.mutant.id])
    jobs = [j for j in jobs if j.mutant.id not in known]
    start, count = time.perf_counter(), len(jobs)

    def done(job: Job, status: str, seconds: float) -> None:
        tally.add(job.mutant, status)
        with results.open("a") as log:
            log.write(json.dumps({"id": job.mutant.id, "status": status, "s": seconds}) + "\n")
        finished = sum(tally.total.values()) - len(untested) - len(known_jobs)
        print(
            f"\r{name}: {finished}/{count} ({time.perf_counter() - start:.0f} s)",
            end="",
            flush=True,
        )

    warm_up()
    run_jobs(jobs, workers, timeout, done)
    text = render(name, tally)
    if uniform is not None:
        text += f"\n  (a uniform sample of {sampled} of {population} mutants, seed {SEED}{at()})"
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
    parser.add_argument(
        "--uniform",
        type=int,
        help="run a seeded uniform sample of N mutants per group (an estimate)",
    )
    args = parser.parse_args(argv)
    for name in args.groups or GROUPS:
        report = run_group(
            name, args.jobs, args.timeout, args.only, args.sample, uniform=args.uniform
        )
        print(report, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
