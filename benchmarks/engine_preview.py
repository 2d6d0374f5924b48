"""``pulumi preview`` of a stack on the real engine, against a flat program that registers the
same azure-native resources through the same engine and simulated Azure.

Both run as a user runs them: the CLI built by ``.ci/build-cli``, the Python language host,
``uv sync`` before the program (``toolchain: uv``), the providers of ``tests/engine/bin``. The
stack is never deployed, so every sample previews the same creates. The flat program is
``benchmarks/flat_program`` over the resources the stack registers offline (same classes, names,
inputs and dependency wiring; no components, config model or naming), so the ratio is what our
own layers cost on top of the engine's. Samples are interleaved so drift of a shared machine
hits both alike. No policy pack in either (``benchmarks/policy_overhead.py`` measures the pack).

Run: ``uv run python benchmarks/engine_preview.py [stack] [repeats]`` (default: prod 5); needs
the CLI (``bash .ci/build-cli``)."""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from aml_landing_zone.offline.program import run_program
from preview_scale import ROOT, flat_resources

from tests.engine import tools
from tests.engine.stacks import init_stack
from tests.engine.workspace import EngineWorkspace
from tests.engine.world import config_principals, seed_principals
from tests.stack_values import stack_config


def prepare(engine: EngineWorkspace, stack: str) -> tuple[Path, Path]:
    """The project with ``stack`` initialised, and the flat program over its resources."""
    project = engine.copy_project("project")
    flat = project / "benchmarks" / "flat_program"
    count = flat_resources(run_program(ROOT, stack), flat / "resources.json")
    seed_principals(engine.azure(), config_principals(stack_config(stack)))
    init_stack(engine, project, stack)
    init_stack(engine, flat, "bench")
    engine.extra_env["FLAT_RESOURCES"] = str(flat / "resources.json")
    print(f"{stack}: {count} azure-native resources in the flat program")
    return project, flat


def timed(engine: EngineWorkspace, directory: Path, stack: str) -> float:
    start = time.perf_counter()
    engine.pulumi(directory, "preview", "--stack", stack)
    return time.perf_counter() - start


def main(stack: str = "prod", repeats: int = 5) -> None:
    missing = tools.why_not_available()
    if missing:
        raise SystemExit(f"engine_preview: {missing}")
    root = Path(tempfile.mkdtemp(prefix="engine-bench-"))
    try:
        engine = EngineWorkspace(root, tools.engine_tools(), root / "engine.log")
        engine.run(root, f"pulumi login {engine.backend_url}")
        project, flat = prepare(engine, stack)
        timed(engine, project, stack), timed(engine, flat, "bench")  # warm-up: uv sync, caches
        ours, floor = [], []
        for _ in range(repeats):
            ours.append(timed(engine, project, stack))
            floor.append(timed(engine, flat, "bench"))
        print(f"pulumi preview --stack {stack}: median {statistics.median(ours):.2f} s  {ours}")
        print(f"flat program, same resources: median {statistics.median(floor):.2f} s  {floor}")
        print(f"ratio (median): {statistics.median(ours) / statistics.median(floor):.2f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main(*(sys.argv[1:2] or ["prod"]), *[int(a) for a in sys.argv[2:3]])
