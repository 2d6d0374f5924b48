"""Upgrades never rename a role assignment: the shipped stacks' assignments keep exactly the
names (and URNs) in tests/golden/role_assignments.json. A changed name is a new assignment next
to the old one, which ARM refuses (RoleAssignmentExists: one assignment per principal, role and
scope), or a delete-and-create that leaves the principal without access in between.

A deliberate change of who gets what (a new grant, a grant moved to another scope) changes this
file: regenerate it with ``.tools/bin/uv run python -m tests.test_role_assignment_names`` and
review the diff, which must show only the assignments the change meant to add or remove."""

from __future__ import annotations

import json
import uuid

import pytest
from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import of_type, run_stack
from tests.stack_values import ROOT

GOLDEN = ROOT / "tests" / "golden" / "role_assignments.json"
STACKS = ("dev", "test", "prod")
RA = "azure-native:authorization:RoleAssignment"
REGENERATE = ".tools/bin/uv run python -m tests.test_role_assignment_names"


def urn_key(urn: str, project: str) -> str:
    """The URN without its stack and project: the parent types and the resource's name."""
    return urn.split(f"::{project}::", 1)[1]


def assignment_names(run: ProgramRun) -> dict[str, str]:
    """Each role assignment's URN key -> its Azure name (roleAssignmentName)."""
    return {urn_key(r.urn, run.project): r.inputs["roleAssignmentName"] for r in of_type(run, RA)}


@pytest.mark.parametrize("stack", STACKS)
def test_role_assignments_keep_their_names(stack: str) -> None:
    golden = json.loads(GOLDEN.read_text())[stack]
    current = assignment_names(run_stack(stack))
    missing = sorted(set(golden) - set(current))
    added = sorted(set(current) - set(golden))
    renamed = sorted(k for k in set(golden) & set(current) if golden[k] != current[k])
    assert not (missing or added or renamed), (
        f"role assignments of Pulumi.{stack}.yaml differ from tests/golden/role_assignments.json"
        f"\n  gone: {missing}\n  new: {added}\n  renamed: {renamed}\nAn upgrade must not rename "
        "an assignment (ARM refuses a second one for the same principal, role and scope). If "
        f"the grants changed on purpose, regenerate with `{REGENERATE}` and review the diff."
    )


@pytest.mark.parametrize("stack", STACKS)
def test_assignment_names_are_unique_version_5_guids(stack: str) -> None:
    names = list(assignment_names(run_stack(stack)).values())
    assert len(set(names)) == len(names)
    assert all(uuid.UUID(name).version == 5 for name in names)


def current() -> dict[str, dict[str, str]]:
    from aml_landing_zone.offline.program import run_program

    return {stack: assignment_names(run_program(ROOT, stack)) for stack in STACKS}


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(current(), indent=2, sort_keys=True) + "\n")
