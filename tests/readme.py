"""The documentation's marked blocks (README.md and docs/*.md): the generated tables and the code
the tests run.

A block sits between ``<!-- BEGIN <name> ... -->`` and ``<!-- END <name> -->``, so a test can
compare it with what the code generates, or run the code it shows. Names are unique across the
pages, so a section can move between pages without its tests changing."""

from __future__ import annotations

import re

from tests.stack_values import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Every page, the README first: what the documentation says, wherever a section lives.
README = "\n".join(page.read_text() for page in PAGES)


def block(name: str) -> str:
    """The text between the markers of ``name``."""
    match = re.search(rf"<!-- BEGIN {name} [^\n]*-->\n(.*?)<!-- END {name} -->", README, re.S)
    assert match, f"README has no {name} markers"
    return match.group(1)


def code_block(name: str) -> str:
    """The one fenced code block between the markers of ``name``, without its fences."""
    fences = re.findall(r"^```[\w-]*\n(.*?)^```$", block(name), re.S | re.M)
    assert len(fences) == 1, f"README block {name} must hold exactly one code block"
    return fences[0]
