"""Kill rates per file and per group, and the surviving mutants, each with the reason it is
equivalent where benchmarks/mutation/equivalent.json gives one."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.mutation.mutants import Mutant
from benchmarks.mutation.targets import ROOT

EQUIVALENT = Path(__file__).with_name("equivalent.json")


def equivalents() -> dict[str, str]:
    """Mutant label (``file:line: before -> after``) -> why no test can tell it apart."""
    return json.loads(EQUIVALENT.read_text()) if EQUIVALENT.exists() else {}


@dataclass
class Tally:
    killed: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    survivors: list[Mutant] = field(default_factory=list)

    def add(self, mutant: Mutant, status: str) -> None:
        name = str(mutant.file.relative_to(ROOT))
        self.total[name] += 1
        if status == "killed":
            self.killed[name] += 1
        else:
            self.survivors.append(mutant)


def _rate(killed: int, total: int) -> str:
    return f"{100 * killed / total:5.1f} %" if total else "    - "


def render(group: str, tally: Tally) -> str:
    known = equivalents()
    lines = [f"== {group}"]
    for name in sorted(tally.total):
        killed, total = tally.killed[name], tally.total[name]
        lines.append(f"  {name:48} {killed:5}/{total:<5} {_rate(killed, total)}")
    killed, total = sum(tally.killed.values()), sum(tally.total.values())
    equivalent = [m for m in tally.survivors if m.label in known]
    scored = total - len(equivalent)
    lines.append(
        f"  {group + ' (all)':48} {killed:5}/{total:<5} {_rate(killed, total)}"
        f"   excluding {len(equivalent)} equivalent: {_rate(killed, scored)}"
    )
    for mutant in sorted(tally.survivors, key=lambda m: (str(m.file), m.line)):
        reason = known.get(mutant.label)
        lines.append(
            f"    survived: {mutant.label}" + (f"  [equivalent: {reason}]" if reason else "")
        )
    return "\n".join(lines)
