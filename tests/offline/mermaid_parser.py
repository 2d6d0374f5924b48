"""Mermaid's own parser, under Node: what GitHub draws a report's diagram with.

``mermaid`` and ``jsdom`` (pinned) are installed once with npm into
``~/.cache/aml-landing-zone/mermaid-<versions>`` (``XDG_CACHE_HOME`` moves it), never into the
repository; ``mermaid_parse.mjs`` beside this file runs there. A machine without node or npm, or
one where the install fails (no registry), skips the tests that need it, saying why."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

VERSIONS = {"mermaid": "11.17.2", "jsdom": "29.1.1"}
SCRIPT = Path(__file__).with_name("mermaid_parse.mjs")


def _cache() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    tag = "-".join(f"{name}-{version}" for name, version in sorted(VERSIONS.items()))
    return base / "aml-landing-zone" / tag


def _installed() -> Path:
    """The cached install (made on first use), or a skip naming what is missing."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not on PATH: the Mermaid parse check needs Node and npm")
    directory = _cache()
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as lock:  # one install, whatever the xdist workers
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (directory / "node_modules" / "mermaid" / "package.json").is_file():
            (directory / "package.json").write_text(
                json.dumps({"private": True, "type": "module", "dependencies": VERSIONS})
            )
            done = subprocess.run(
                ["npm", "install", "--no-audit", "--no-fund", "--silent"],
                cwd=directory,
                capture_output=True,
                text=True,
                timeout=600,
            )
            if done.returncode != 0:
                pytest.skip(f"npm install of {VERSIONS} failed: {done.stderr.strip()[-300:]}")
    shutil.copyfile(SCRIPT, directory / SCRIPT.name)
    return directory


def parse(diagram: str) -> dict[str, Any]:
    """Mermaid's reading of ``diagram``: its type, vertices, edges and subgraphs; an
    AssertionError with Mermaid's message when it refuses it."""
    directory = _installed()
    done = subprocess.run(
        ["node", str(directory / SCRIPT.name)],
        input=diagram,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"Mermaid refuses the diagram: {done.stderr}"
    return json.loads(done.stdout)
