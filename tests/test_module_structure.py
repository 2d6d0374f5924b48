"""The library's shape, checked from its source: no import cycle among its modules, no
function over sixty lines, keyword-only parameters past the fourth.

Every import counts: at module level, inside a function (a deferred import is still a
dependency) and under ``TYPE_CHECKING`` (the type checker follows it, and a cycle there is a
cycle of the design). A module depends on the modules it names: ``from a import b`` on ``a.b``
when that is a module, else on ``a``."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import aml_landing_zone
import aml_landing_zone.offline
import aml_landing_zone.policies

PACKAGES = (aml_landing_zone, aml_landing_zone.policies, aml_landing_zone.offline)


@cache
def library_modules() -> dict[str, Path]:
    """Module name -> source file, for every module of the library."""
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        root = Path(package.__path__[0])
        for path in sorted(root.rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            name = ".".join([package.__name__, *parts])
            modules.setdefault(name, path)
    return modules


def _imported(module: str, path: Path) -> Iterator[str]:
    """The library modules ``module`` imports, anywhere in its source."""
    modules = library_modules()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            for alias in node.names:
                child = f"{base}.{alias.name}"
                yield child if child in modules else base


def import_graph() -> dict[str, set[str]]:
    modules = library_modules()
    return {
        name: {target for target in _imported(name, path) if target in modules and target != name}
        for name, path in modules.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_library_is_found() -> None:
    modules = library_modules()
    assert {"aml_landing_zone.resource_types", "aml_landing_zone.policies.pack"} <= set(modules)
    assert "aml_landing_zone.offline.program" in modules


def test_no_import_cycle_among_the_library_modules() -> None:
    graph = import_graph()
    found = cycles(graph)
    assert not found, "import cycles (each: the modules that import each other):\n" + "\n".join(
        " <-> ".join(component) for component in found
    )


def test_the_cycle_check_finds_a_cycle() -> None:
    """Proof that the check bites: a cycle added to the real graph is reported."""
    graph = import_graph()
    graph["aml_landing_zone.resource_types"].add("aml_landing_zone.offline.mocks")
    assert any("aml_landing_zone.resource_types" in component for component in cycles(graph))


# A function longer than this is split; a data literal (a table) is module-level data instead.
MAX_FUNCTION_LINES = 60


def functions() -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """(``module:function``, node) for every function and method of the library."""
    for module, path in library_modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield f"{module}:{node.name} (line {node.lineno})", node


def length(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the first decorator to the last line of the body."""
    start = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
    return (node.end_lineno or node.lineno) - start + 1


def test_no_function_is_longer_than_sixty_lines() -> None:
    long = {name: length(node) for name, node in functions() if length(node) > MAX_FUNCTION_LINES}
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


# A function with more parameters than this takes the rest by keyword only: a call then says
# what each argument is (``self`` and ``cls`` do not count).
MAX_POSITIONAL = 4


def test_functions_take_parameters_past_the_fourth_by_keyword() -> None:
    crowded = {}
    for name, node in functions():
        positional = [a.arg for a in node.args.posonlyargs + node.args.args]
        positional = [a for a in positional if a not in ("self", "cls")]
        if len(positional) > MAX_POSITIONAL:
            crowded[name] = positional
    assert not crowded, f"more than {MAX_POSITIONAL} positional parameters: {crowded}"
