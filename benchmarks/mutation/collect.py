"""Which test runs which line: pytest under coverage, one coverage context per test, run in its
own process by ``coverage_map``. Program runs are not cached here (each test makes its own), so a
line a program run executes is credited to every test that looks at that run; a session- or
module-scoped fixture's lines are credited to every test that uses the fixture.

Usage: python -m benchmarks.mutation.collect OUT.json SOURCE_DIR... -- PYTEST_ARGS..."""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from typing import Any

import coverage
import pytest


class _NoCache(dict):  # type: ignore[type-arg]
    """tests.conftest._RUNS that never finds a run, so every test makes the runs it reads."""

    def __contains__(self, key: object) -> bool:
        return False


class _Contexts:
    def __init__(self, cov: coverage.Coverage) -> None:
        self.cov = cov
        self.fixtures: dict[str, list[str]] = {}  # test -> its higher-scoped fixtures
        self.seconds: dict[str, float] = {}

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        import tests.conftest

        tests.conftest._RUNS = _NoCache()  # type: ignore[assignment]

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(self, fixturedef: Any, request: Any) -> Any:
        shared = fixturedef.scope != "function"
        if shared:
            self.cov.switch_context(f"fixture:{fixturedef.argname}")
        yield
        if shared:
            self.cov.switch_context(request.node.nodeid)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Any:
        self.cov.switch_context(item.nodeid)
        self.fixtures[item.nodeid] = list(getattr(item, "fixturenames", ()))
        start = time.perf_counter()
        yield
        self.seconds[item.nodeid] = time.perf_counter() - start
        self.cov.switch_context("")


def lines_by_test(cov: coverage.Coverage, contexts: _Contexts) -> dict[str, dict[int, list[str]]]:
    data = cov.get_data()
    result: dict[str, dict[int, list[str]]] = {}
    for path in data.measured_files():
        by_line: dict[int, set[str]] = defaultdict(set)
        for line, names in data.contexts_by_lineno(path).items():
            for name in names:
                if name.startswith("fixture:"):
                    fixture = name.removeprefix("fixture:")
                    by_line[line].update(t for t, f in contexts.fixtures.items() if fixture in f)
                elif name:
                    by_line[line].add(name)
        result[path] = {line: sorted(tests) for line, tests in by_line.items() if tests}
    return result


def main(argv: list[str]) -> int:
    out, rest = argv[0], argv[1:]
    split = rest.index("--")
    cov = coverage.Coverage(data_file=None, source=rest[:split], branch=False)
    contexts = _Contexts(cov)
    cov.start()
    code = pytest.main(["-q", "-n0", "-p", "no:cacheprovider", *rest[split + 1 :]], [contexts])
    cov.stop()
    payload = {"lines": lines_by_test(cov, contexts), "seconds": contexts.seconds}
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(payload, handle)
    return int(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
