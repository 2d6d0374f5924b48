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

    @property
    def id(self) -> str:
        where = f"{self.file.relative_to(ROOT)}:{self.line}:{self.before}->{self.after}"
        return hashlib.sha1(where.encode()).hexdigest()[:12]

    @property
    def label(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}: {self.before} -> {self.after}"


class _Finder(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        self.found: list[tuple[cst.CSTNode, cst.CSTNode, int, int]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, SKIPPED) or _is_docstring(node) or _is_dunder_all(node):
            return False
        position = self.get_metadata(PositionProvider, node, None)
        if position is None:
            return True
        for kind, operator in OPERATORS:
            if isinstance(node, kind):
                for mutated in operator(node):  # type: ignore[operator]
                    self.found.append((node, mutated, position.start.line, position.end.line))
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


def mutants_of(path: Path) -> Iterable[Mutant]:
    module = cst.parse_module(path.read_text(encoding="utf-8"))
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    finder = _Finder()
    wrapper.visit(finder)
    for original, mutated, line, last in finder.found:
        source = module.deep_replace(original, mutated)
        assert isinstance(source, cst.Module)
        yield Mutant(
            path, line, last, _snippet(module, original), _snippet(module, mutated), source.code
        )
