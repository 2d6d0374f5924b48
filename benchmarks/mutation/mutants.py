"""The mutants of one file: mutmut's operators applied to every node of the module (module-level
tables included), one change per mutant, each rendered as the whole mutated module.

Two of mutmut's operators are narrowed, to keep mutants that change behaviour: a string becomes
``"XX...XX"`` only (its upper/lower-case twins are equivalent wherever Azure compares
case-insensitively), and strings with a space are left alone (messages and descriptions: their
wording is pinned by the message tests and the README sync test, and mutating prose measures
wording); a call loses a keyword argument or gets None for a positional one (for a keyword
argument the two are the same to Pulumi, which drops None inputs)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider
from mutmut.mutation import mutators as mm

from benchmarks.mutation.targets import ROOT


def strings(node: cst.SimpleString) -> Iterator[cst.SimpleString]:
    prefix = node.prefix
    quote = node.value[len(prefix)]
    body = node.value[len(prefix) + 1 : -1]
    if node.value[len(prefix) :].startswith(quote * 3) or any(c.isspace() for c in body):
        return
    yield node.with_changes(value=f"{prefix}{quote}XX{body}XX{quote}")


def arguments(node: cst.Call) -> Iterator[cst.Call]:
    for index, arg in enumerate(node.args):
        if arg.star:
            continue
        if arg.keyword is not None:
            yield node.with_changes(args=[*node.args[:index], *node.args[index + 1 :]])
        elif not (isinstance(arg.value, cst.Name) and arg.value.value == "None"):
            changed = arg.with_changes(value=cst.Name("None"))
            yield node.with_changes(args=[*node.args[:index], changed, *node.args[index + 1 :]])


OPERATORS: list[tuple[type, object]] = [
    (cst.BaseNumber, mm.operator_number),
    (cst.SimpleString, strings),
    (cst.Name, mm.operator_name),
    (cst.Assign, mm.operator_assignment),
    (cst.AnnAssign, mm.operator_assignment),
    (cst.AugAssign, mm.operator_augmented_assignment),
    (cst.UnaryOperation, mm.operator_remove_unary_ops),
    (cst.Call, mm.operator_dict_arguments),
    (cst.Call, arguments),
    (cst.Call, mm.operator_symmetric_string_methods_swap),
    (cst.Call, mm.operator_unsymmetrical_string_methods_swap),
    (cst.Lambda, mm.operator_lambda),
    (cst.CSTNode, mm.operator_keywords),
    (cst.CSTNode, mm.operator_swap_op),
    (cst.IfExp, mm.operator_if_exp),
]
SKIPPED = (cst.Annotation, cst.Decorator, cst.Import, cst.ImportFrom)


@dataclass(frozen=True)
class Mutant:
    file: Path
    line: int
    last_line: int
    before: str
    after: str
    source: str
    # the change as earlier reports wrote it (each side cut at 70 characters), which
    # recheck still reads
    legacy_change: str = ""
    # run at import (a table, a default): any test of the group may read it
    module_level: bool = False

    @property
    def id(self) -> str:
        where = f"{self.file.relative_to(ROOT)}:{self.line}:{self.before}->{self.after}"
        digest = hashlib.sha1(self.source.encode()).hexdigest()
        return hashlib.sha1(f"{where}\n{digest}".encode()).hexdigest()[:12]

    @property
    def label(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}: {self.before} -> {self.after}"


class _Finder(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        self.found: list[tuple[cst.CSTNode, cst.CSTNode, int, int, bool]] = []
        self.functions = 0  # how deep in function bodies the visit is

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if isinstance(original_node, cst.FunctionDef | cst.Lambda):
            self.functions -= 1

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, SKIPPED) or _is_docstring(node) or _is_dunder_all(node):
            return False
        if isinstance(node, cst.FunctionDef | cst.Lambda):
            self.functions += 1
        position = self.get_metadata(PositionProvider, node, None)
        if position is None:
            return True
        start, end, module_level = position.start.line, position.end.line, self.functions == 0
        for kind, operator in OPERATORS:
            if isinstance(node, kind):
                for mutated in operator(node):  # type: ignore[operator]
                    self.found.append((node, mutated, start, end, module_level))
        return True


def _is_docstring(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Expr) and isinstance(
        node.value, cst.SimpleString | cst.ConcatenatedString
    )


def _is_dunder_all(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Assign) and any(
        isinstance(t.target, cst.Name) and t.target.value == "__all__" for t in node.targets
    )


def _snippet(module: cst.Module, node: cst.CSTNode) -> str:
    text = " ".join(module.code_for_node(node).split())
    return text if len(text) <= 70 else text[:67] + "..."


def _snippets(module: cst.Module, original: cst.CSTNode, mutated: cst.CSTNode) -> tuple[str, str]:
    """Both sides as short as a label needs, each showing where they differ: a long node is cut
    to the stretch that changed, with a little context (cutting its end instead would give
    two mutants of one call the same label)."""
    before = " ".join(module.code_for_node(original).split())
    after = " ".join(module.code_for_node(mutated).split())
    if len(before) <= 70 and len(after) <= 70:
        return before, after
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < min(len(before), len(after)) - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    start = max(0, head - 24)

    def cut(text: str) -> str:
        middle = text[start : len(text) - tail]
        middle = middle if len(middle) <= 64 else middle[:61] + "..."
        return ("..." if start else "") + middle + ("..." if tail else "")

    return cut(before), cut(after)


def mutants_of(path: Path) -> Iterable[Mutant]:
    module = cst.parse_module(path.read_text(encoding="utf-8"))
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    finder = _Finder()
    wrapper.visit(finder)
    for original, mutated, line, last, module_level in finder.found:
        source = module.deep_replace(original, mutated)
        assert isinstance(source, cst.Module)
        before, after = _snippets(module, original, mutated)
        legacy = f"{_snippet(module, original)} -> {_snippet(module, mutated)}"
        yield Mutant(path, line, last, before, after, source.code, legacy, module_level)
