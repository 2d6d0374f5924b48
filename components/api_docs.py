"""The README's public API table, generated from the package's ``__all__`` so it cannot drift:
``python -m aml_landing_zone.api_docs`` prints it; tests/test_readme.py checks it is current."""

from __future__ import annotations

import inspect
import re
from typing import Any, is_typeddict

import aml_landing_zone
import pulumi
from pydantic import BaseModel

# The package root is components/; users import everything from `aml_landing_zone`.
_SOURCE_DIR = "components"


def kind(value: Any) -> str:
    """What a public name is, in the words a user looks for."""
    if inspect.isclass(value) and issubclass(value, pulumi.ComponentResource):
        return "component"
    if is_typeddict(value):
        return "TypedDict"
    if inspect.isclass(value) and issubclass(value, BaseModel):
        return "config model (pydantic)"
    if inspect.isclass(value) and issubclass(value, Exception):
        return "error"
    return "function"


def summary(value: Any) -> str:
    """The first sentence of the docstring's first paragraph, on one line."""
    paragraph = (inspect.getdoc(value) or "").split("\n\n")[0]
    text = " ".join(paragraph.split()).replace("``", "`")
    match = re.match(r"(.+?(?<!e\.g)(?<!i\.e)\.)\s+(?=[A-Z`])", text)
    return (match.group(1) if match else text).replace("|", "\\|")


def api_table() -> str:
    rows = ["| Name | Kind | Defined in | What it is |", "| --- | --- | --- | --- |"]
    for name in sorted(aml_landing_zone.__all__, key=str.casefold):
        value = getattr(aml_landing_zone, name)
        module = value.__module__.replace("aml_landing_zone", _SOURCE_DIR, 1).replace(".", "/")
        path = f"{module}/__init__.py" if module.endswith("/config") else f"{module}.py"
        rows.append(f"| `{name}` | {kind(value)} | `{path}` | {summary(value)} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(api_table(), end="")
