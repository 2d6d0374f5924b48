"""What the policy pack adds to an offline preview of a stack: the program run (under mocks)
against the pack's evaluation of what it registered, with the stack's preset.
Run: ``uv run python benchmarks/policy_overhead.py [stack ...]`` (default: prod)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aml_landing_zone.offline.policy_run import evaluate  # noqa: E402
from aml_landing_zone.offline.program import run_program  # noqa: E402

REPEATS = 5


def best_of(fn, repeats: int = REPEATS) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(stacks: list[str]) -> None:
    run_program(ROOT, "dev")  # warm imports
    print(f"{'stack':>6} {'resources':>9} {'preview s':>9} {'policies s':>10} {'overhead':>8}")
    for stack in stacks:
        preview_s, run = best_of(lambda stack=stack: run_program(ROOT, stack))
        preset = (
            ROOT / "policies" / "config" / f"{run.stack_config[f'{run.project}:policyPreset']}.json"
        )
        policy_s, result = best_of(lambda run=run, preset=preset: evaluate(run, preset))
        print(
            f"{stack:>6} {len(run.resources):>9} {preview_s:>9.3f} {policy_s:>10.3f} "
            f"{100 * policy_s / preview_s:>7.1f}%   ({len(result.violations)} violations)"  # type: ignore[attr-defined]
        )
    print(f"best of {REPEATS} runs each; python {sys.version.split()[0]}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["prod"])
