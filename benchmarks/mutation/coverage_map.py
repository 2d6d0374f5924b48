"""The coverage map of a group's test files, made once in a child process and cached under
.mutation/ by the content of the library and the tests (any edit makes a new one)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.mutation.targets import ROOT, Group

CACHE = ROOT / ".mutation"
WATCHED = ("components", "policies", "offline", "tests")


def _fingerprint(group: Group) -> str:
    digest = hashlib.sha256(repr(group).encode())
    for folder in WATCHED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".json", ".yaml"):
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class CoverageMap:
    lines: dict[str, dict[int, list[str]]]  # absolute file -> line -> tests that ran it
    seconds: dict[str, float]
    fingerprint: str
    _files: dict[str, float] = field(default_factory=dict)

    def tests_for(
        self, path: Path, first: int, last: int, *, module_level: bool = False
    ) -> list[str]:
        """Tests that ran any line of [first, last]. A line no test ran falls back to every
        test that ran a line of the file, or, run at import (a module-level table or default,
        read by tests that may run no line of its file), to every test of the group, if any
        test ran the file at all. Fastest first."""
        by_line = self.lines.get(str(path), {})
        found = {t for line in range(first, last + 1) for t in by_line.get(line, ())}
        if not found and by_line:
            found = (
                set(self.seconds) if module_level else {t for ts in by_line.values() for t in ts}
            )
        return sorted(found, key=lambda t: (self.file_seconds(t), self.seconds.get(t, 0.0), t))

    def file_seconds(self, test: str) -> float:
        """The whole test file's time: a file whose tests share a program run is cheap per test
        once the run is made, but its first test pays for the run, so cheap files go first."""
        if not self._files:
            for name, seconds in self.seconds.items():
                file = name.split("::", 1)[0]
                self._files[file] = self._files.get(file, 0.0) + seconds
        return self._files.get(test.split("::", 1)[0], 0.0)


def coverage_map(group: Group) -> CoverageMap:
    CACHE.mkdir(exist_ok=True)
    fingerprint = _fingerprint(group)
    cached = CACHE / f"coverage-{group.name}-{fingerprint}.json"
    if not cached.exists():
        sources = [str(ROOT / d) for d in ("components", "policies", "offline")]
        command = [sys.executable, "-m", "benchmarks.mutation.collect", str(cached), *sources]
        subprocess.run([*command, "--", *group.tests], cwd=ROOT, check=False)
    raw = json.loads(cached.read_text())
    lines = {f: {int(n): t for n, t in by.items()} for f, by in raw["lines"].items()}
    return CoverageMap(lines, raw["seconds"], fingerprint)
