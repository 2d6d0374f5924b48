"""Run mutants, several at a time, each in a child forked from this process: the child swaps in
the mutated module (hook.py) and runs the mutant's tests with pytest, stopping at the first
failure. Exit code 0 is a surviving mutant; a failure, an error or the time limit kills it."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from benchmarks.mutation.mutants import Mutant

WARM = (
    "pulumi",
    "pulumi.runtime",
    "pulumi_policy",
    "pydantic",
    "jsonschema",
    "yaml",
    "grpc",
    "xdist",
    "libcst",
)


@dataclass(frozen=True)
class Job:
    mutant: Mutant
    module: str
    tests: tuple[str, ...]


def warm_up() -> None:
    """Import what every child needs, then the library and the tests once (their third-party
    imports stay; the children forget the library and tests themselves)."""
    import importlib

    for name in WARM:
        importlib.import_module(name)
    import aml_landing_zone.offline.program
    import aml_landing_zone.policies.pack  # noqa: F401


def _child(job: Job, timeout: int) -> None:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    signal.alarm(timeout)
    from benchmarks.mutation import hook

    hook.install(job.module, job.mutant.source)
    import pytest

    code = pytest.main(["-x", "-q", "-n0", "-p", "no:cacheprovider", *job.tests])
    os._exit(0 if int(code) == 0 else 1)


def run_jobs(
    jobs: Iterable[Job], workers: int, timeout: int, done: Callable[[Job, str, float], None]
) -> None:
    """``done(job, "killed" | "survived", seconds)`` as each finishes."""
    running: dict[int, tuple[Job, float]] = {}
    pending = iter(jobs)
    exhausted = False
    while running or not exhausted:
        while not exhausted and len(running) < workers:
            job = next(pending, None)
            if job is None:
                exhausted = True
                break
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                try:
                    _child(job, timeout)
                finally:
                    os._exit(3)
            running[pid] = (job, time.perf_counter())
        if running:
            pid, status = os.wait()
            job, start = running.pop(pid)
            survived = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
            done(job, "survived" if survived else "killed", time.perf_counter() - start)
