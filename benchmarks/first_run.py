"""The README's main command on a fresh clone: its first run and its later runs, in seconds.

A new user clones the repository and runs ``TOOLS && PREVIEW`` (below, as the README says).
The first run creates both environments (uv's from its package cache, warm here: the packages
are not downloaded again) and starts the preview with nothing compiled; later runs reuse
them. Each clone is a ``git clone`` of this repository's current commit into a temporary
directory, run with ``PYTHONDONTWRITEBYTECODE=1`` (as many CI images set it), and timed per
step: the first run's own steps (tools, uv environment plus the preview), then the whole
command again ``repeats`` times. Wall seconds and the process's CPU (user + system) seconds are
printed; a shared machine's load shows in the gap between them.
Run: ``uv run python benchmarks/first_run.py [repeats] [clones]`` (default: 3 later runs, 1 clone).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = (
    "[ -x .tools/bin/uv ] || { python3 -m venv .tools && .tools/bin/python -m pip install -q uv; }"
)
PREVIEW = ".tools/bin/uv run offline-preview --stack dev"
COMMAND = f"{TOOLS} && {PREVIEW}"


def timed(command: str, cwd: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of one shell command, and its stderr; exits on a failure."""
    before, start = os.times(), time.perf_counter()
    done = subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True)
    wall, after = time.perf_counter() - start, os.times()
    if done.returncode != 0:
        raise SystemExit(f"`{command}` failed ({done.returncode}):\n{done.stderr}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu, done.stderr


def fresh_clone(parent: Path) -> Path:
    """This repository's current commit, cloned as a user would get it."""
    clone = parent / "clone"
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "--quiet", commit], check=True)
    return clone


def environment() -> dict[str, str]:
    """The caller's environment without this run's virtualenv, bytecode writing off."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def one_clone(repeats: int) -> dict[str, list[tuple[float, float]]]:
    """Time the first run's steps and ``repeats`` later runs in one fresh clone."""
    env = environment()
    times: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="amllz-first-run-") as work:
        clone = fresh_clone(Path(work))
        tools = timed(TOOLS, clone, env)
        preview = timed(PREVIEW, clone, env)
        times["first: tools (venv + pip install uv)"] = [tools[:2]]
        times["first: uv environment + preview"] = [preview[:2]]
        times["first: whole command"] = [(tools[0] + preview[0], tools[1] + preview[1])]
        print("first run's stderr:", *preview[2].splitlines()[:10], sep="\n  ", file=sys.stderr)
        for _ in range(repeats):
            wall, cpu, _ = timed(COMMAND, clone, env)
            times.setdefault("later: whole command", []).append((wall, cpu))
            wall, cpu, _ = timed(PREVIEW, clone, env)
            times.setdefault("later: uv run offline-preview", []).append((wall, cpu))
        shutil.rmtree(clone, ignore_errors=True)
    return times


def main(argv: list[str]) -> None:
    repeats = int(argv[0]) if argv else 3
    clones = int(argv[1]) if len(argv) > 1 else 1
    merged: dict[str, list[tuple[float, float]]] = {}
    for _ in range(clones):
        for step, samples in one_clone(repeats).items():
            merged.setdefault(step, []).extend(samples)
    load = os.getloadavg()[0]
    print(f"README main command on a fresh clone, {clones} clone(s), load {load:.1f}, ")
    print(f"{os.cpu_count()} CPUs; seconds, median (min) of wall and CPU:")
    for step, samples in merged.items():
        walls, cpus = [s[0] for s in samples], [s[1] for s in samples]
        print(
            f"  {step:40s} wall {statistics.median(walls):6.2f} ({min(walls):6.2f})"
            f"   cpu {statistics.median(cpus):6.2f} ({min(cpus):6.2f})"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
