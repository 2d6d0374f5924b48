"""The documentation's CLI commands, read verbatim (README.md and docs/*.md): a fenced ``bash``
block right after an HTML comment ``<!-- engine-tier: NAME -->`` is a list of commands the engine
tier runs as they are written.

Placeholders in angle brackets (``<subscription id>``) are the only thing a test substitutes,
because the reader substitutes them too."""

from __future__ import annotations

import re
from collections.abc import Mapping

from tests.readme import README

_BLOCK = re.compile(r"<!-- engine-tier: (?P<name>[\w-]+) -->\s*```bash\n(?P<body>.*?)```", re.S)
_FILE = re.compile(r"<!-- engine-tier: (?P<name>[\w-]+) -->\s*```\w+\n(?P<body>.*?)```", re.S)
_PLACEHOLDER = re.compile(r"<[a-z][a-z -]*>")


def readme_blocks(text: str | None = None) -> dict[str, list[str]]:
    """Every marked block's commands, continuation lines joined, comment lines dropped."""
    text = README if text is None else text
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


def readme_file(name: str, text: str | None = None) -> str:
    """A fenced block the README shows as a file (a stack file, say), verbatim."""
    text = README if text is None else text
    for match in _FILE.finditer(text):
        if match.group("name") == name:
            return match.group("body")
    raise KeyError(f"README.md has no block marked <!-- engine-tier: {name} -->")


def substitute(command: str, values: Mapping[str, str]) -> str:
    """Fill the block's placeholders; one the test does not know is an error, not a guess."""

    def fill(match: re.Match[str]) -> str:
        if match.group(0) not in values:
            raise KeyError(f"no value for README placeholder {match.group(0)} in `{command}`")
        return values[match.group(0)]

    return _PLACEHOLDER.sub(fill, command)


_TABLE = re.compile(r"<!-- engine-tier: (?P<name>[\w-]+) -->\s*(?P<table>(?:\|.*\|\n)+)")


def readme_table(name: str, text: str | None = None) -> list[dict[str, str]]:
    """The rows of the Markdown table right after ``<!-- engine-tier: NAME -->``, keyed by the
    header's cells; cell text without backticks. A missing table is an error."""
    text = README if text is None else text
    for match in _TABLE.finditer(text):
        if match.group("name") != name:
            continue
        lines = match.group("table").strip().splitlines()
        header = _cells(lines[0])
        return [dict(zip(header, _cells(line), strict=True)) for line in lines[2:]]
    raise KeyError(f"README.md has no table marked <!-- engine-tier: {name} -->")


def _cells(line: str) -> list[str]:
    return [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
