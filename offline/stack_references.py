"""Other stacks' outputs, for the offline engine: the answer to a ``pulumi.StackReference``.

With the CLI a StackReference reads the referenced stack's outputs from the backend. Offline there
is no backend, so the project commits the outputs a consuming stack reads, one file per referenced
stack: ``stack-outputs/<stack>.json``, written from that stack's own offline run (the names and ids
are deterministic, so the file only changes when the program does):

    python -m aml_landing_zone.offline.stack_outputs --stack prod

A test keeps each committed file equal to its stack's offline outputs. The mocks read the files
through this module; ``stack_outputs.py`` writes them, with the digest of the config they were
written from beside them (``<stack>.config-sha256``). A run that reads a file whose stack's config
has changed since runs that stack's program and, when its outputs differ from the file, warns
(``LZ-WRN-010``) with the command that rewrites it: the reading stack would otherwise grant on
the names of a prod that no longer exists."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pulumi
from aml_landing_zone.codes import STALE_OUTPUTS

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


def regenerate_command(stack: str) -> str:
    return f"python -m aml_landing_zone.offline.stack_outputs --stack {stack}"


def digest_file(project_dir: Path, stack: str) -> Path:
    """Where the digest of the config ``stack``'s committed outputs were written from lives."""
    return outputs_file(project_dir, stack).with_suffix(".config-sha256")


def config_digest(config: Mapping[str, Any]) -> str:
    """A stack's effective config (its file with the shared definition merged in), digested."""
    text = json.dumps(config, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def stale_outputs_warning(
    project_dir: Path,
    stack: str,
    *,
    key: str,
    digest: str,
    outputs_of: Callable[[], dict[str, Any]],
    read: str = "",
) -> str | None:
    """The log line (``[LZ-WRN-010] <key>: ...``) when ``stack``'s committed outputs differ
    from its program's, the output the reader reads (``read``) first; None when they match.
    ``digest`` is the config ``stack`` has now: when it is the one the file was written from,
    the file is current without running the program."""
    try:
        written = digest_file(project_dir, stack).read_text(encoding="utf-8").strip()
    except OSError:
        written = None
    if written == digest:
        return None
    committed = read_stack_outputs(project_dir, stack)
    now = json.loads(json.dumps(outputs_of()))
    differ = sorted(
        (name for name in set(committed) | set(now) if committed.get(name) != now.get(name)),
        key=lambda name: (name != read, name),
    )
    if not differ:
        return None
    first = _first_difference(committed.get(differ[0]), now.get(differ[0]), differ[0])
    name = outputs_file(project_dir, stack).relative_to(project_dir)
    return (
        f"[{STALE_OUTPUTS}] {key}: {name} is stale: its outputs {_listed(differ)} are not "
        f"{stack}'s program's ({first}); this stack reads the file offline, so it names what "
        f"{stack} no longer creates. Rewrite it: `{regenerate_command(stack)}`"
    )


def _first_difference(committed: Any, now: Any, path: str = "") -> str | None:
    """The first output whose value differs, as ``promotion.registryName is 'b' in the program,
    'a' in the file``."""
    if isinstance(committed, dict) and isinstance(now, dict):
        for key in sorted(set(committed) | set(now)):
            found = _first_difference(committed.get(key), now.get(key), f"{path}.{key}")
            if found is not None:
                return found
        return None
    if committed == now:
        return None
    return f"{path.lstrip('.')} is {_shown(now)} in the program, {_shown(committed)} in the file"


def _shown(value: Any) -> str:
    return "absent" if value is None else json.dumps(value)


def _listed(names: list[str], limit: int = 3) -> str:
    more = len(names) - limit
    return ", ".join(names[:limit]) + (f" and {more} more" if more > 0 else "")
