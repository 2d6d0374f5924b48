"""Other stacks' outputs, for the offline engine: the answer to a ``pulumi.StackReference``.

With the CLI a StackReference reads the referenced stack's outputs from the backend. Offline there
is no backend, so the project commits the outputs a consuming stack reads, one file per referenced
stack: ``stack-outputs/<stack>.json``, written from that stack's own offline run (the names and ids
are deterministic, so the file only changes when the program does):

    python -m aml_landing_zone.offline.stack_outputs --stack prod

A test keeps each committed file equal to its stack's offline outputs. The mocks read the files
through this module; ``stack_outputs.py`` writes them."""

from __future__ import annotations

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
