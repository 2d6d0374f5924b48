"""Each rule declares the inputs it reads (``POLICY_READS``), and the declarations are checked
three ways: every rule has them, every path a rule actually reads while judging real stacks is
declared (traced through the props), and every literal path in the rule modules is declared."""

from __future__ import annotations

import ast
import functools
import importlib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from aml_landing_zone.offline.compare import (
    WILDCARD,
    PropertyPath,
    contains,
    format_property_path,
    overlaps,
    parse_property_path,
)
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.plan import render_value
from aml_landing_zone.policies.pack import ALL_POLICIES, PACK_READS
from aml_landing_zone.policies.rules.common import ANY_TYPE, POLICY_READS, Read
from pulumi_policy import (
    PolicyCustomTimeouts,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)

from tests.conftest import run_stack
from tests.policies import fixtures
from tests.stack_values import ROOT

RULES_DIR = ROOT / "policies" / "rules"


def test_every_rule_declares_what_it_reads_in_the_engines_path_syntax() -> None:
    assert set(POLICY_READS) == set(PACK_READS) == {policy.name for policy in ALL_POLICIES}
    for name, declared in PACK_READS.items():
        for read in declared:
            assert read.path == format_property_path(parse_property_path(read.path)), name


# ---------------------------------------------------------------------------------------------
# Traced: what the rules read while judging real stacks
# ---------------------------------------------------------------------------------------------


class _Log:
    """Paths read: ``hits`` a value, ``misses`` a key that is not there (the rule meant a path
    at or below it). Stepping through objects and lists reads nothing by itself: whatever a rule
    does with a whole object (iterate, compare) reads its values one by one."""

    def __init__(self) -> None:
        self.hits: set[PropertyPath] = set()
        self.misses: set[PropertyPath] = set()


class _Traced(Mapping[str, Any]):
    """A resource's inputs that log what a rule reads; stepping through an object is no read."""

    def __init__(self, value: Mapping[str, Any], path: PropertyPath, log: _Log) -> None:
        self._value, self._path, self._log = value, path, log

    def __getitem__(self, key: str) -> Any:
        if key not in self._value:
            self._log.misses.add((*self._path, key))
        return _trace(self._value[key], (*self._path, key), self._log)

    def __iter__(self) -> Iterator[str]:
        return iter(self._value)

    def __len__(self) -> int:
        return len(self._value)


class _TracedList(Sequence[Any]):
    def __init__(self, value: Sequence[Any], path: PropertyPath, log: _Log) -> None:
        self._value, self._path, self._log = value, path, log

    def __getitem__(self, index: Any) -> Any:
        return _trace(self._value[index], (*self._path, index), self._log)

    def __len__(self) -> int:
        return len(self._value)


def _trace(value: Any, path: PropertyPath, log: _Log) -> Any:
    if isinstance(value, Mapping):
        return _Traced(value, path, log)
    if isinstance(value, list):
        return _TracedList(value, path, log)
    log.hits.add(path)
    return value


def _policy_resources(run: ProgramRun) -> tuple[list[PolicyResource], dict[str, _Log]]:
    """The run's resources as policies see them, each with its own read log."""
    logs = {r.urn: _Log() for r in run.resources}
    timeouts = PolicyCustomTimeouts(0, 0, 0)
    by_urn: dict[str, PolicyResource] = {}
    for r in run.resources:
        options = PolicyResourceOptions(r.protect, list(r.ignore_changes), None, [], timeouts, [])
        inputs = render_value(r.inputs)
        by_urn[r.urn] = PolicyResource(
            r.type, _trace(inputs, (), logs[r.urn]), r.urn, r.name, options, None, None, [], {}
        )
    for r in run.resources:
        resource = by_urn[r.urn]
        resource.parent = by_urn.get(r.parent or "")
        resource.dependencies = [by_urn[u] for u in r.dependencies if u in by_urn]
        resource.property_dependencies = {
            key: [by_urn[u] for u in urns if u in by_urn]
            for key, urns in r.property_dependencies.items()
        }
    return list(by_urn.values()), logs


def _covered(path: PropertyPath, hit: bool, declared: list[Read], type_: str, inputs: Any) -> bool:
    """A value read lies under a declared path; a missing key is a step on one."""
    return any(
        read.type in (type_, ANY_TYPE)
        and (contains if hit else overlaps)(parse_property_path(read.path), path)
        and (read.unless is None or not read.unless(inputs))
        for read in declared
    )


def _without_urn_links(run: ProgramRun) -> ProgramRun:
    """The stack with no URN links, as hand-written ids give: the rules read the ids instead."""
    unlinked = (replace(r, dependencies=(), property_dependencies={}) for r in run.resources)
    return replace(run, resources=tuple(unlinked))


@functools.cache
def _runs() -> tuple[ProgramRun, ...]:
    zone, _ = fixtures.landing_zone()
    aks = fixtures.run_of(fixtures.resource(fixtures.ML_COMPUTE, "aks", fixtures.aks_compute()))
    return (
        run_stack("dev"),
        run_stack("test"),
        run_stack("prod"),
        zone,
        _without_urn_links(zone),
        aks,
    )


@pytest.mark.parametrize("policy", ALL_POLICIES, ids=lambda p: p.name)
def test_every_path_a_rule_reads_is_declared(policy: Any) -> None:
    declared = list(POLICY_READS[policy.name])
    for run in _runs():
        resources, logs = _policy_resources(run)
        if isinstance(policy, StackValidationPolicy):
            policy.validate(StackValidationArgs(resources, {}), lambda *_: None)
        else:
            assert isinstance(policy, ResourceValidationPolicy)
            for resource in resources:
                args = ResourceValidationArgs(
                    resource.resource_type,
                    resource.props,
                    resource.urn,
                    resource.name,
                    resource.opts,
                    None,
                    {},
                )
                policy.validate(args, lambda *_: None)
        for r in run.resources:
            inputs, log = render_value(r.inputs), logs[r.urn]
            missing = [
                format_property_path(path)
                for hit, paths in ((True, log.hits), (False, log.misses))
                for path in paths
                if not _covered(path, hit, declared, r.type, inputs)
            ]
            assert not missing, (policy.name, r.type, sorted(missing))


# ---------------------------------------------------------------------------------------------
# Literal: every path written in a rule module (get/peek/put) is declared in that module
# ---------------------------------------------------------------------------------------------


def _literal_paths(path: Path) -> Iterator[tuple[int, str]]:
    """Path arguments of get/peek/put written as a string or an f-string; a placeholder is the
    module constant it names, else ``*`` (any path)."""
    module = importlib.import_module(f"aml_landing_zone.policies.rules.{path.stem}")
    for node in ast.walk(ast.parse(path.read_text())):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("get", "peek", "put")
            and len(node.args) >= 2
        ):
            continue
        arg = node.args[1]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            yield node.lineno, arg.value
        elif isinstance(arg, ast.JoinedStr):
            parts = []
            for value in arg.values:
                if isinstance(value, ast.Constant):
                    parts.append(str(value.value))
                else:
                    expr = value.value if isinstance(value, ast.FormattedValue) else None
                    constant = (
                        getattr(module, expr.id, None) if isinstance(expr, ast.Name) else None
                    )
                    parts.append(constant if isinstance(constant, str) else WILDCARD)
            yield node.lineno, "".join(parts)


def _matches(literal: str, declared: str) -> bool:
    """The literal (a path, or one relative to a list element) names the declared path or an
    object on the way to it."""
    pattern = re.escape(literal).replace(re.escape(WILDCARD), ".+")
    normal = declared.replace("[*]", ".*")
    return re.fullmatch(rf"(?:.+\.)?{pattern}(?:\..+)?", normal) is not None


@pytest.mark.parametrize("module", sorted(p.stem for p in RULES_DIR.glob("*.py")))
def test_every_literal_path_in_a_rule_module_is_declared(module: str) -> None:
    path = RULES_DIR / f"{module}.py"
    rules = importlib.import_module(f"aml_landing_zone.policies.rules.{module}")
    names = {
        policy.name
        for value in vars(rules).values()
        if isinstance(value, list)
        for policy in value
        if isinstance(policy, ResourceValidationPolicy | StackValidationPolicy)
    }
    declared = [read.path for name in names for read in POLICY_READS[name]]
    for line, literal in _literal_paths(path):
        if module == "common":
            continue  # helpers: what they read is declared by the rules that call them
        assert any(_matches(literal, d) for d in declared), f"{path.name}:{line}: {literal!r}"
