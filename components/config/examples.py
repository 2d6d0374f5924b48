"""The example Entra object ids the shipped stack files carry, so a stack that still holds one is
noticed before a real deployment grants roles to a group that does not exist in the tenant."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .base import format_path

# Every object id in Pulumi.dev.yaml, Pulumi.test.yaml and Pulumi.prod.yaml as shipped.
EXAMPLE_OBJECT_IDS: frozenset[str] = frozenset(
    {
        "0b7a3c1e-5d2f-4a8b-9c6d-1e2f3a4b5c6d",
        "1c8b4d2f-6e3a-4b9c-8d7e-2f3a4b5c6d7e",
        "2d9c5e3a-7f4b-4cad-9e8f-3a4b5c6d7e8f",
        "7a1e3c5d-2b4f-4e6a-8c9d-0e1f2a3b4c5d",
        "8b2f4d6e-3c5a-4f7b-9dae-1f2a3b4c5d6e",
        "9c3a5e7f-4d6b-4a8c-8ebf-2a3b4c5d6e7f",
        "4d7e0a2b-9c1f-4b3d-8e5a-6f7a8b9c0d1e",
        "5e8f1b3c-0d2a-4c4e-9f6b-7a8b9c0d1e2f",
        "6f9a2c4d-1e3b-4d5f-8a7c-8b9c0d1e2f3a",
        "3f4a5b6c-7d8e-4f90-a1b2-c3d4e5f6a7b8",
        "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5e",
        "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7",  # compute instance users
        "4f5a6b7c-8d9e-4fa0-b1c2-d3e4f5a6b7c8",
    }
)


def example_id_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[str]:
    """The key paths (``groups.dataScientists``,
    ``dataProducts[0].computes.instances.ci-bob.assignedUser``) of every string in ``value``, at
    any depth, through maps and lists, that is one of the shipped examples; in config order."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from example_id_paths(item, (*path, str(key)))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from example_id_paths(item, (*path, index))
    elif isinstance(value, str) and value.strip().lower() in EXAMPLE_OBJECT_IDS:
        yield format_path("", path).removeprefix(":")


def summarize_paths(paths: Sequence[str], limit: int = 6) -> str:
    """Key paths for a message: siblings share their parent (``groups.{a, b}``), and past
    ``limit`` entries the rest are counted, so a stack full of examples stays one readable
    line."""
    parents: dict[str, list[str]] = {}
    for path in paths:
        parent, dot, leaf = path.rpartition(".")
        parents.setdefault(parent if dot else path, []).append(leaf if dot else "")
    entries = [
        parent
        if leaves == [""]
        else f"{parent}.{leaves[0]}"
        if len(leaves) == 1
        else f"{parent}.{{{', '.join(leaves)}}}"
        for parent, leaves in parents.items()
    ]
    if len(entries) <= limit:
        return ", ".join(entries)
    rest = sum(len(parents[p]) for p in list(parents)[limit:])
    return f"{', '.join(entries[:limit])} and {rest} more key{'s' if rest > 1 else ''}"
