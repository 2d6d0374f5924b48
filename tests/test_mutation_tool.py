"""The mutation script's bookkeeping: each mutant has its own label and id (two mutants sharing
one would share a result), module-level mutants are known as such (any test may read a table),
and a recorded report is read back for the recheck."""

from __future__ import annotations

import re

import pytest

from benchmarks.mutation.mutants import mutants_of
from benchmarks.mutation.recheck import read_report
from benchmarks.mutation.targets import GROUPS, ROOT, files_of, module_name

SOURCE = (
    'LIMIT = 90\n\n\ndef build(name):\n    return make_resource(f"{name}-vnet", '
    "resource_group_name=group_of(name), location=where(name), tags=tags_of(name))\n"
)


def test_every_mutant_of_a_long_call_has_its_own_label_and_id() -> None:
    path = ROOT / ".mutation" / "labels_probe.py"  # a file under the root, as mutants' are
    path.parent.mkdir(exist_ok=True)
    path.write_text(SOURCE)
    try:
        mutants = list(mutants_of(path))
    finally:
        path.unlink()
    # each dropped keyword argument shows in its label: in the before side, not the after side
    for keyword in ("resource_group_name=", "location=", "tags="):
        shown = [m for m in mutants if keyword in m.before and keyword not in m.after]
        assert len(shown) == 1, keyword
    assert len({m.label for m in mutants}) == len(mutants)
    assert len({m.id for m in mutants}) == len(mutants)
    assert {m.line for m in mutants if m.module_level} == {1}
    assert all(not m.module_level for m in mutants if m.line == 5)


REPORT = """== rbac
  components/roles.py                                 36/40     90.0 %
  rbac (all)                                          71/80     88.8 %   excluding 0 equivalent: 8
    survived: components/roles.py:36: "Owner" -> "XXOwnerXX"
    survived: components/naming.py:345: "-" -> "XX-XX"  [equivalent: the cut never ends in '-']
  (a uniform sample of 80 of 141 mutants, seed 20261207, at 08ad299)
"""


def test_a_recorded_report_is_read_back() -> None:
    assert read_report(REPORT) == (
        "rbac",
        71,
        80,
        [
            'components/roles.py:36: "Owner" -> "XXOwnerXX"',
            'components/naming.py:345: "-" -> "XX-XX"',
        ],
        "08ad299",
    )


def _covered(test_file: str, listed: tuple[str, ...]) -> bool:
    return any(
        test_file == entry or test_file.startswith(entry.rstrip("/") + "/") for entry in listed
    )


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_every_test_file_that_imports_a_group_may_kill_its_mutants(group: str) -> None:
    """A test file importing a mutated module is in its group's test list, so a new test can
    kill the group's mutants without anyone remembering to list it."""
    modules = {module_name(path) for path in files_of(GROUPS[group])}
    importing = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "tests").rglob("test_*.py")
        if "engine" not in path.parts
        and any(re.search(rf"\b{re.escape(m)}\b", path.read_text()) for m in modules)
    )
    assert [f for f in importing if not _covered(f, GROUPS[group].tests)] == []
