"""Other stacks' outputs, for the offline engine: the answer to a ``pulumi.StackReference``.

With the CLI a StackReference reads the referenced stack's outputs from the backend. Offline there
is no backend, so the project commits the outputs a consuming stack reads, one file per referenced
stack: ``stack-outputs/<stack>.json``, written from that stack's own offline run (the names and ids
are deterministic, so the file only changes when the program does):

    python -m aml_landing_zone.offline.stack_outputs --stack prod

A test keeps each committed file equal to its stack's offline outputs."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pulumi

STACK_OUTPUTS_DIR = "stack-outputs"


class MissingStackOutputsError(pulumi.RunError):
    """A StackReference names a stack whose outputs the project has not committed."""


def outputs_file(project_dir: Path, stack: str) -> Path:
    """Where the outputs of ``stack`` (``org/project/stack`` or ``stack``) are committed."""
    return project_dir / STACK_OUTPUTS_DIR / f"{stack.rsplit('/', 1)[-1]}.json"


def read_stack_outputs(project_dir: Path, stack: str) -> dict[str, Any]:
    path = outputs_file(project_dir, stack)
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        name = stack.rsplit("/", 1)[-1]
        raise MissingStackOutputsError(
            f"StackReference '{stack}': {path.relative_to(project_dir)} is missing; write it "
            f"with `python -m aml_landing_zone.offline.stack_outputs --stack {name}`"
        ) from None


def stack_outputs_json(outputs: dict[str, Any]) -> str:
    return json.dumps(outputs, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    from aml_landing_zone.offline.program import run_program

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stack", required=True)
    parser.add_argument("--project-dir", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    run = run_program(args.project_dir, args.stack)
    path = outputs_file(args.project_dir, args.stack)
    path.parent.mkdir(exist_ok=True)
    path.write_text(stack_outputs_json(run.outputs), encoding="utf-8")
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
