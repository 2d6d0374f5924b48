"""The README's CLI commands, read verbatim: a fenced ``bash`` block right after an HTML comment
``<!-- engine-tier: NAME -->`` is a list of commands the engine tier runs as they are written.

Placeholders in angle brackets (``<subscription id>``) are the only thing a test substitutes,
because the reader substitutes them too."""

from __future__ import annotations

import re
from collections.abc import Mapping

from tests.stack_values import ROOT

_BLOCK = re.compile(r"<!-- engine-tier: (?P<name>[\w-]+) -->\s*```bash\n(?P<body>.*?)```", re.S)
_PLACEHOLDER = re.compile(r"<[a-z][a-z -]*>")


def readme_blocks(text: str | None = None) -> dict[str, list[str]]:
    """Every marked block's commands, continuation lines joined, comment lines dropped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8") if text is None else text
    blocks: dict[str, list[str]] = {}
    for match in _BLOCK.finditer(text):
        commands: list[str] = []
        pending = ""
        for raw in match.group("body").splitlines():
            line = raw.strip()
            if not pending and (not line or line.startswith("#")):
                continue
            if line.endswith("\\"):
                pending += line[:-1] + " "
                continue
            commands.append(pending + line)
            pending = ""
        blocks[match.group("name")] = commands
    return blocks


def substitute(command: str, values: Mapping[str, str]) -> str:
    """Fill the block's placeholders; one the test does not know is an error, not a guess."""

    def fill(match: re.Match[str]) -> str:
        if match.group(0) not in values:
            raise KeyError(f"no value for README placeholder {match.group(0)} in `{command}`")
        return values[match.group(0)]

    return _PLACEHOLDER.sub(fill, command)
