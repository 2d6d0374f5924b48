"""Colour for the terminal, and none anywhere else: ANSI colour only when the stream is a
terminal and ``NO_COLOR`` is unset or empty (https://no-color.org), so pipes, files, CI logs
and job summaries get plain text."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any, Literal

Role = Literal[
    "error", "warning", "ok", "muted", "heading", "create", "delete", "update", "replace"
]

_CODES: dict[Role, str] = {
    "error": "1;31",
    "warning": "33",
    "ok": "32",
    "muted": "2",
    "heading": "1",
    "create": "32",
    "delete": "31",
    "update": "33",
    "replace": "35",
}


def wants_colour(stream: IO[Any], environ: Mapping[str, str] | None = None) -> bool:
    """True on a terminal unless ``NO_COLOR`` is set to a non-empty value."""
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@dataclass(frozen=True)
class Palette:
    """Paints text by its meaning; a disabled palette returns the text unchanged."""

    enabled: bool = False

    def paint(self, text: str, role: Role) -> str:
        if not self.enabled or not text:
            return text
        return f"\x1b[{_CODES[role]}m{text}\x1b[0m"


PLAIN = Palette(False)
