"""Whole-process cost of ``offline-preview --stack <stack>``, imports included, against the SDK's
floor for the same resources.

``preview_scale.py`` compares programs inside one warm process. A user runs a fresh process, so
here each sample is one: ``offline-preview --stack prod`` exactly as installed (config
validation, components, the policy pack and the printed report included), against a process
that only imports the offline engine and runs ``flat_program`` over the very custom resources the
prod stack registers (same azure-native classes, names, inputs and dependency wiring). The ratio
is what everything of ours costs a user per preview; ``python -c pass`` and ``import pulumi`` are
printed for scale. Samples are interleaved so drift of a shared machine hits all kinds alike.
Run: ``uv run python benchmarks/preview_process.py [stack] [repeats]`` (default: prod 7)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aml_landing_zone.offline.program import run_program
from preview_scale import FLAT, ROOT, flat_resources

FLAT_PROCESS = (
    "import sys\n"
    "from aml_landing_zone.offline.program import run_program\n"
    "run = run_program(sys.argv[1], 'bench')\n"
    "sys.stdout.write(f'{len(run.resources)}\\n')\n"
)


def commands(stack: str) -> dict[str, list[str]]:
    """The processes to time, by name; each runs with ROOT as its working directory."""
    python = sys.executable
    preview = Path(python).with_name("offline-preview")
    return {
        "python": [python, "-c", "pass"],
        "import pulumi": [python, "-c", "import pulumi"],
        "flat": [python, "-c", FLAT_PROCESS, str(FLAT)],
        "offline-preview": [str(preview), "--stack", stack],
    }


def sample(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU (user + system) seconds of one run of ``command``, and its output."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode not in (0, 3):  # 3: mandatory violations, still a full preview
        raise SystemExit(f"{command} failed ({done.returncode}):\n{done.stderr}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu, done.stdout


def main(stack: str, repeats: int) -> None:
    run = run_program(ROOT, stack)
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "resources.json"
        count = flat_resources(run, listing)
        env = {**os.environ, "FLAT_RESOURCES": str(listing), "FLAT_WIRING": "outputs"}
        runs = commands(stack)
        walls: dict[str, list[float]] = {name: [] for name in runs}
        cpus: dict[str, list[float]] = {name: [] for name in runs}
        for command in runs.values():  # once untimed: page cache, .pyc files
            sample(command, env)
        registered = int(sample(runs["flat"], env)[2])
        assert registered == count, "the floor must register the same resources"
        for _ in range(repeats):
            for name, command in runs.items():
                wall, cpu, _ = sample(command, env)
                walls[name].append(wall)
                cpus[name].append(cpu)

    print(
        f"stack {stack}: {len(run.resources)} resources, {count} of them custom; "
        f"{repeats} interleaved repeats, seconds"
    )
    print(f"{'process':>16} {'wall min':>9} {'median':>7} {'cpu min':>8} {'median':>7}")
    for name in runs:
        print(
            f"{name:>16} {min(walls[name]):>9.2f} {statistics.median(walls[name]):>7.2f} "
            f"{min(cpus[name]):>8.2f} {statistics.median(cpus[name]):>7.2f}"
        )
    ours, flat = "offline-preview", "flat"
    pairs = [a / b for a, b in zip(walls[ours], walls[flat], strict=True)]
    print(
        f"ratio {ours} / {flat}: wall min {min(walls[ours]) / min(walls[flat]):.2f}, "
        f"median of pairs {statistics.median(pairs):.2f}; cpu min "
        f"{min(cpus[ours]) / min(cpus[flat]):.2f}, "
        f"median {statistics.median(cpus[ours]) / statistics.median(cpus[flat]):.2f}"
    )
    print(
        f"python {sys.version.split()[0]}, "
        f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')}"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "prod", int(sys.argv[2]) if len(sys.argv) > 2 else 7)
