"""The ``offline-preview`` command's first step: keep what it imports compiled, and say so when
that is the long part of a first run.

A fresh environment holds no bytecode: the first preview parses every module it imports (the
used parts of pulumi and azure-native, the bulk of its seconds) and Python writes the compiled
files beside them, so later runs load those. Many CI images and shells set
``PYTHONDONTWRITEBYTECODE=1``, and then every run would parse them again; the preview writes
them anyway, and only what it imports (installing does not compile the whole environment:
``pyproject.toml``'s ``[tool.uv]``). Nothing heavy is imported before the message is out."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

# The biggest package the preview imports: compiled or not, so is the rest.
_PROBE = "pulumi_azure_native"


def first_run() -> bool:
    """Whether the environment holds no compiled copy of what the preview imports yet."""
    spec = importlib.util.find_spec(_PROBE)
    cached = spec.cached if spec is not None else None
    return cached is not None and not Path(cached).is_file()


def main() -> int:
    """Entry point of ``offline-preview`` (and ``python -m aml_landing_zone.offline``)."""
    sys.dont_write_bytecode = False
    if first_run():
        print(
            "offline-preview: first run in this environment: compiling the modules it imports "
            "(once; later runs load them compiled)",
            file=sys.stderr,
            flush=True,
        )
    from aml_landing_zone.offline.cli import main as preview

    return preview()
