"""The preflight findings of a run, read back from the program's log lines.

The program reports each coded finding through ``pulumi.log`` in one line (``Finding.log_line``):
``[LZ-WRN-003] acknowledged (<reason>): <namespace>:<key>: <message>``. Reading them back here
keeps the program the one source of findings for `pulumi preview` and ``offline-preview`` alike."""

from __future__ import annotations

import re
from dataclasses import dataclass

from aml_landing_zone.codes import CODES
from aml_landing_zone.offline.model import ProgramRun

_LINE = re.compile(
    r"^\[(?P<code>LZ-[A-Z]+-\d{3})\] (?:acknowledged \((?P<reason>.*?)\): )?"
    r"(?P<key>[^\s:]+:[^\s:]+): (?P<message>.*)$",
    re.S,
)


@dataclass(frozen=True)
class RunFinding:
    code: str
    level: str
    key: str
    message: str
    acknowledged: str | None

    def to_json(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "level": self.level,
            "key": self.key,
            "message": self.message,
            "acknowledged": self.acknowledged,
        }

    def text(self) -> str:
        head = "acknowledged" if self.acknowledged else self.level
        reason = f" (acknowledged: {self.acknowledged})" if self.acknowledged else ""
        return f"{head}: [{self.code}] {self.key}: {self.message}{reason}"


def run_findings(run: ProgramRun) -> list[RunFinding]:
    """The coded findings the program logged, in order."""
    findings = []
    for line in run.warnings:
        match = _LINE.match(line)
        if match and match["code"] in CODES:
            findings.append(
                RunFinding(
                    match["code"],
                    CODES[match["code"]].level,
                    match["key"],
                    match["message"],
                    match["reason"],
                )
            )
    return findings


def other_warnings(run: ProgramRun) -> list[str]:
    """What the program logged that is not a coded finding."""
    return [line for line in run.warnings if not (_LINE.match(line))]
