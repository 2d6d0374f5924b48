"""Offline preview cost of a hub with N projects, against the SDK's own floor.

For each N the landing zone program runs under the offline engine with N generated projects;
then a flat program registers the very same custom resources (same types, names and inputs,
through the same azure-native classes) without components or config. The ratio of the two is
our overhead: components, config validation, naming and our own Outputs. The flat program
keeps the recorded dependency graph (dependent inputs passed as Outputs), so the floor is what a
hand-written program with the same resources would cost; the literal floor (no Outputs at all)
is printed too. Run: ``uv run python benchmarks/preview_scale.py [N ...]``."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from aml_landing_zone.offline.model import ProgramRun  # noqa: E402
from aml_landing_zone.offline.program import run_program  # noqa: E402

FLAT = ROOT / "benchmarks" / "flat_program"
REPEATS = 3


def config_with_projects(n: int) -> dict:
    """Dev with ``n`` generated projects instead of its own, plus the exploration project the
    shared definition names (``environments.exploration``), which the config requires."""
    config = yaml.safe_load((ROOT / "Pulumi.dev.yaml").read_text())["config"]
    shared = yaml.safe_load((ROOT / "landing-zone.yaml").read_text())
    exploration = (shared.get("environments") or {}).get("exploration") or {}
    kept = [p for p in shared.get("projects", []) if p["name"] == exploration.get("project")]
    config["aml-landing-zone:projects"] = kept + [
        {
            "name": f"project{i:03d}",
            "description": f"Generated project {i}",
            "members": [
                {"group": "dataScientists", "role": "AzureML Data Scientist"},
                {"group": "mlEngineers", "role": "AzureML Compute Operator"},
            ],
        }
        for i in range(n)
    ]
    return config


def flat_resources(run: ProgramRun, path: Path) -> int:
    custom = [
        {
            "urn": r.urn,
            "type": r.type,
            "name": r.name,
            "inputs": r.inputs,
            "protect": r.protect,
            "dependencies": list(r.dependencies),
            "propertyDependencies": {k: list(v) for k, v in r.property_dependencies.items()},
        }
        for r in run.resources
        if r.custom and r.type.startswith("azure-native:")
    ]
    path.write_text(json.dumps(custom))
    return len(custom)


def measure(n: int) -> tuple[ProgramRun, float, float, float]:
    """Best times of our program, the wired floor and the literal floor over the same resources.

    The three are interleaved within each repeat, so drift of a shared machine hits all of them
    alike instead of skewing the ratio."""
    config = config_with_projects(n)
    run = run_program(ROOT, "dev", config)
    repeats = REPEATS if n > 50 else 2 * REPEATS
    best = {"ours": float("inf"), "outputs": float("inf"), "literal": float("inf")}
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "resources.json"
        count = flat_resources(run, listing)
        os.environ["FLAT_RESOURCES"] = str(listing)
        for _ in range(repeats):
            for kind in best:
                start = time.perf_counter()
                if kind == "ours":
                    run_program(ROOT, "dev", config)
                else:
                    os.environ["FLAT_WIRING"] = kind
                    flat_run = run_program(FLAT, "bench")
                    assert len(flat_run.resources) == count, "the floor must register the same"
                best[kind] = min(best[kind], time.perf_counter() - start)
    return run, best["ours"], best["outputs"], best["literal"]


def main(sizes: list[int]) -> None:
    run_program(ROOT, "dev")  # warm imports once, as a long-lived process would have them
    base = run_program(ROOT, "dev", config_with_projects(0))
    print(
        f"{'N':>4} {'resources':>9} {'per project':>11} {'total s':>8} {'ms/project':>10} "
        f"{'floor s':>8} {'ratio':>6} {'literal s':>9} {'ratio':>6}"
    )
    for n in sizes:
        run, seconds, floor, literal = measure(n)
        per_project = (len(run.resources) - len(base.resources)) / n if n else 0.0
        print(
            f"{n:>4} {len(run.resources):>9} {per_project:>11.1f} {seconds:>8.2f} "
            f"{1000 * seconds / max(n, 1):>10.1f} {floor:>8.2f} {seconds / floor:>6.2f} "
            f"{literal:>9.2f} {seconds / literal:>6.2f}",
            flush=True,
        )
    print(
        f"best of {REPEATS} (N > 50) or {2 * REPEATS} interleaved runs each; 'resources' counts "
        "components too. floor = the same custom resources registered flat, dependent inputs as "
        f"Outputs; literal = the same with plain values. python {sys.version.split()[0]}"
    )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 10, 50, 200])
