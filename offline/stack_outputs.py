"""Write a stack's outputs for the StackReferences of other stacks, offline:

    python -m aml_landing_zone.offline.stack_outputs --stack prod

runs the stack's program under the mocks and commits what it exports to
``stack-outputs/<stack>.json`` (``stack_references`` says why and how the mocks read it)."""

from __future__ import annotations

import argparse
from pathlib import Path

from aml_landing_zone.offline.program import effective_config_digest, run_program
from aml_landing_zone.offline.stack_references import (
    digest_file,
    outputs_file,
    stack_outputs_json,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stack", required=True)
    parser.add_argument("--project-dir", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    run = run_program(args.project_dir, args.stack)
    path = outputs_file(args.project_dir, args.stack)
    path.parent.mkdir(exist_ok=True)
    path.write_text(stack_outputs_json(run.outputs), encoding="utf-8")
    # what the file was written from: a stack reading it warns once this config changes
    digest = effective_config_digest(args.project_dir.resolve(), run.project, args.stack)
    digest_file(args.project_dir, args.stack).write_text(digest + "\n", encoding="utf-8")
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
