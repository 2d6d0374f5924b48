"""Whether a preview fails, and what fails it, the way the engine would judge the same run.

* A mandatory policy violation stops ``pulumi preview`` and ``pulumi up`` (exit 3).
* A replacement or deletion of a protected resource stops them too: the engine refuses it ("unable
  to replace resource ... as it is currently marked for protection"). Only a comparison with the
  plan of what is deployed (``--compare``) can see one (exit 5).
* ``--fail-on warning`` adds what the engine lets through: unacknowledged config warnings, the
  comparison's warnings, and advisory policy findings, except those on a setting the stack
  acknowledges (its LZ-WRN-004 finding for the key that decides the rule is acknowledged) (exit 4).

Each failure is listed, one line per finding, so the reader knows what to fix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aml_landing_zone.codes import PRESET_FLAGS
from aml_landing_zone.offline.compare import PlanDiff
from aml_landing_zone.offline.findings import run_findings
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.policy_run import PolicyResult, Violation
from aml_landing_zone.policies.stack_keys import STACK_KEYS

EXIT_OK = 0
EXIT_POLICY_VIOLATION = 3
EXIT_WARNINGS = 4
EXIT_BLOCKED_BY_PROTECT = 5


@dataclass(frozen=True)
class Verdict:
    """The exit code (the first failure's, by severity) and every failure, as stderr says it."""

    code: int
    lines: tuple[str, ...] = ()


def verdict(
    run: ProgramRun, result: PolicyResult | None, diff: PlanDiff | None, fail_on: str
) -> Verdict:
    """The run's exit code and the lines listing what fails it."""
    failures: list[tuple[int, list[str]]] = []
    mandatory = [v for v in (result.violations if result else []) if v.enforcement == "mandatory"]
    if mandatory:
        head = f"error: {len(mandatory)} mandatory policy violation(s); pulumi preview would stop"
        failures.append((EXIT_POLICY_VIOLATION, [f"{head} here:", *_violations(mandatory)]))
    blocked = diff.blocked if diff is not None else ()
    if blocked:
        head = f"error: {len(blocked)} step(s) blocked by protect; pulumi up would stop here:"
        steps = [f"  {r.name} ({r.type}): {_verb(r.action)} blocked by protect" for r in blocked]
        failures.append((EXIT_BLOCKED_BY_PROTECT, [head, *steps]))
    if fail_on == "warning":
        warned = _warnings(run, result, diff)
        if warned:
            head = f"error: {len(warned)} unacknowledged warning(s) with --fail-on warning:"
            failures.append((EXIT_WARNINGS, [head, *warned]))
    if not failures:
        return Verdict(EXIT_OK)
    return Verdict(failures[0][0], tuple(line for _, lines in failures for line in lines))


def _verb(action: str) -> str:
    return "replacement" if action == "replace" else "deletion"


def _violations(violations: Sequence[Violation]) -> list[str]:
    """One line each: the rule, the resource and what is wrong with it (the message's last line;
    pulumi-policy puts the rule's description before it)."""
    return [
        f"  [{v.policy}] {v.urn.rsplit('::', 1)[-1]}: {v.message.splitlines()[-1]}"
        for v in violations
    ]


def _warnings(run: ProgramRun, result: PolicyResult | None, diff: PlanDiff | None) -> list[str]:
    """Unacknowledged config warnings, the comparison's warnings, and advisory findings whose
    deciding setting the stack does not acknowledge."""
    findings = run_findings(run)
    lines = [f"  {f.text()}" for f in findings if f.level == "warning" and not f.acknowledged]
    lines += [f"  warning: {warning}" for warning in (diff.warnings if diff else ())]
    accepted = {
        f.key.split(":", 1)[-1] for f in findings if f.code == PRESET_FLAGS and f.acknowledged
    }
    advisory = [
        v
        for v in (result.violations if result else [])
        if v.enforcement == "advisory"
        and not (v.policy in STACK_KEYS and STACK_KEYS[v.policy].key in accepted)
    ]
    return lines + _violations(advisory)
