# ruff: noqa: E501  (one finding per line reads best as a table)
"""Every finding the landing zone reports, with a stable code and a level.

Config errors (``LZ-CFG-*``) stop a stack before any resource exists; config warnings
(``LZ-WRN-*``) are reported and may be acknowledged per stack with a reason; policy findings carry
their rule id as code. Teams wire these codes into review rules and runbooks, so a code never
changes meaning: a new kind of finding gets a new code. The README's table is generated from here
(``python -m aml_landing_zone.codes``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Code:
    code: str
    level: Level
    meaning: str


_ALL = [
    Code("LZ-CFG-001", "error", "Unknown key (a typo is never ignored); the message suggests the key meant."),
    Code("LZ-CFG-002", "error", "A required key is missing; the message lists the allowed values where they are fixed."),
    Code("LZ-CFG-003", "error", "A value that is not one of the allowed choices."),
    Code("LZ-CFG-004", "error", "A value of the wrong type or format."),
    Code("LZ-CFG-005", "error", "A number or length outside its range."),
    Code("LZ-CFG-006", "error", "A reference that cannot be right: an ARM resource id, Entra object id, region or group alias."),
    Code("LZ-CFG-007", "error", "Keys that contradict each other, or a setting that needs another."),
    Code("LZ-CFG-008", "error", "A name Azure would refuse (length or characters), built from the naming keys."),
    Code("LZ-CFG-009", "error", "A key that moved; the message says where its value goes now."),
    Code("LZ-CFG-010", "error", "An entry given twice (a key, a project, a rule, a member, a range)."),
    Code("LZ-CFG-011", "error", "A hub setting on a project: projects inherit it from the hub."),
    Code("LZ-CFG-012", "error", "A role the policy pack forbids for people (Owner, User Access Administrator)."),
    Code("LZ-CFG-013", "error", "Network ranges Azure or the endpoints cannot use."),
    Code("LZ-CFG-014", "error", "An acknowledgement of a code that is not a warning, without the keys it accepts or a reason, or in the earlier per-code form (code: reason)."),
    Code("LZ-CFG-015", "error", "Production data writable from a non-production stack: a datastore with write access on a lake that holds production data (seed 002)."),
    Code("LZ-CFG-016", "error", "A compute the landing zone refuses: AKS created through Azure ML (the 'inference' section creates and attaches one; or attach an existing cluster), or a compute cluster on a hub or project workspace (use serverless compute)."),
    Code("LZ-WRN-001", "warning", "A service or feature the chosen region does not offer (e.g. availability zones for zone-redundant storage or registry)."),
    Code("LZ-WRN-002", "warning", "The spoke's address space overlaps another stack's of the same project: the two cannot be peered or routed together."),
    Code("LZ-WRN-003", "warning", "The stack still holds the example Entra object ids this repository ships."),
    Code("LZ-WRN-004", "warning", "A setting the stack's policy preset will flag; the message names the rule and its level."),
    Code("LZ-WRN-005", "warning", "Comparing two plans, a project or data product workspace disappears and another appears: a renamed key deletes the workspace and its contents."),
    Code("LZ-WRN-006", "warning", "Comparing two plans, a workspace moves to another resource group (hub.projectResourceGroups): azure-native replaces it, deleting its contents."),
    Code("LZ-WRN-007", "warning", "Comparing two plans, a data product's workspace changes kind (dataProducts[].kind): the workspace and its computes, datastores and connections are replaced."),
    Code("LZ-WRN-008", "warning", "Comparing two plans, the stack no longer has 'environments': every resource under the MultiEnvironment component gets a new URN and is deleted and re-created."),
    Code("LZ-WRN-009", "warning", "Comparing two plans, a storage account's redundancy moves into or out of availability zones (LRS <-> ZRS, GRS <-> GZRS): Azure needs a conversion first, a plain update is refused."),
    Code("LZ-WRN-010", "warning", "The committed outputs of a stack this stack reads offline (stack-outputs/<stack>.json, e.g. the registry owner's) differ from that stack's program: regenerate them with the command the warning names."),
]  # fmt: skip
CODES: dict[str, Code] = {code.code: code for code in _ALL}

UNKNOWN_KEY, MISSING, NOT_ALLOWED, BAD_FORMAT, OUT_OF_RANGE = (
    "LZ-CFG-001",
    "LZ-CFG-002",
    "LZ-CFG-003",
    "LZ-CFG-004",
    "LZ-CFG-005",
)
BAD_REFERENCE, CONTRADICTION, BAD_NAME, MOVED, DUPLICATE = (
    "LZ-CFG-006",
    "LZ-CFG-007",
    "LZ-CFG-008",
    "LZ-CFG-009",
    "LZ-CFG-010",
)
HUB_OWNED, PRIVILEGED_ROLE, BAD_NETWORK, BAD_ACKNOWLEDGEMENT = (
    "LZ-CFG-011",
    "LZ-CFG-012",
    "LZ-CFG-013",
    "LZ-CFG-014",
)
PROD_DATA_WRITABLE, COMPUTE_REFUSED = "LZ-CFG-015", "LZ-CFG-016"
REGION_LACKS, ADDRESS_OVERLAP, EXAMPLE_IDS, PRESET_FLAGS, PROJECT_RENAMED = (
    "LZ-WRN-001",
    "LZ-WRN-002",
    "LZ-WRN-003",
    "LZ-WRN-004",
    "LZ-WRN-005",
)
GROUP_MOVED, KIND_SWITCHED, ENVIRONMENTS_LEFT = "LZ-WRN-006", "LZ-WRN-007", "LZ-WRN-008"
REDUNDANCY_CONVERSION, STALE_OUTPUTS = "LZ-WRN-009", "LZ-WRN-010"


class CodedValueError(ValueError):
    """A validator's refusal that names its finding code (pydantic keeps it in the error)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def codes_markdown() -> str:
    lines = ["| code | level | meaning |", "|---|---|---|"]
    lines += [f"| `{c.code}` | {c.level} | {c.meaning} |" for c in _ALL]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(codes_markdown(), end="")
