"""Program runs shared between xdist workers: each worker has its own in-memory cache, so a
baseline run (the dev stack, say) would otherwise be made once per worker. The first worker to
need a run makes it under a file lock and pickles it; the others load it (~0.1 s instead of
~1.5 s). Without a shared directory (no xdist) or without ``fcntl`` (Windows) every worker simply
makes its own runs."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path

from aml_landing_zone.offline.model import ProgramRun

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no sharing
    fcntl = None  # type: ignore[assignment]

_directory: Path | None = None


def share_runs_in(directory: Path | None) -> None:
    global _directory
    _directory = directory if fcntl is not None else None


def shared_run(key: str, make: Callable[[], ProgramRun]) -> ProgramRun:
    if _directory is None:
        return make()
    stem = _directory / hashlib.sha256(key.encode()).hexdigest()
    pickled = stem.with_suffix(".pickle")
    with stem.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if pickled.exists():
            return pickle.loads(pickled.read_bytes())
        run = make()
        pickled.write_bytes(pickle.dumps(run))
        return run
