"""The README's marked blocks: the generated tables and the code the tests run.

A block sits between ``<!-- BEGIN <name> ... -->`` and ``<!-- END <name> -->``, so a test can
compare it with what the code generates, or run the code it shows."""

from __future__ import annotations

import re

from tests.stack_values import ROOT

README = (ROOT / "README.md").read_text()


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
