"""Stack configs for tests: the shipped stack files are the compliant baselines, and each
negative case changes exactly one key path."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml
from aml_landing_zone.shared_definition import effective_stack_config

ROOT = Path(__file__).resolve().parents[1]
NAMESPACE = "aml-landing-zone"


def stack_values(stack: str = "dev") -> dict[str, Any]:
    """The project-namespace keys the program validates for ``stack``: ``landing-zone.yaml``
    with ``Pulumi.<stack>.yaml`` merged over it, without their namespace; a ``secure:`` value as
    offline-preview hands it over, undecrypted (``[secret]``)."""
    config = stack_config(stack)
    prefix = f"{NAMESPACE}:"
    return {k[len(prefix) :]: undecrypted(v) for k, v in config.items() if k.startswith(prefix)}


def own_values(stack: str = "dev") -> dict[str, Any]:
    """Only the keys ``Pulumi.<stack>.yaml`` itself sets, without their namespace."""
    config = yaml.safe_load((ROOT / f"Pulumi.{stack}.yaml").read_text())["config"]
    prefix = f"{NAMESPACE}:"
    return {k[len(prefix) :]: undecrypted(v) for k, v in config.items() if k.startswith(prefix)}


def undecrypted(value: Any) -> Any:
    """``value`` with each ``secure:`` leaf as the placeholder the program gets offline."""
    if isinstance(value, dict) and set(value) == {"secure"}:
        return "[secret]"
    if isinstance(value, dict):
        return {key: undecrypted(item) for key, item in value.items()}
    if isinstance(value, list):
        return [undecrypted(item) for item in value]
    return value


def stack_config(stack: str = "dev") -> dict[str, Any]:
    """The whole ``config:`` mapping with the shared definition merged in, as the program sees
    it; ``run_program(config=...)`` takes it (merging the shared file over it again changes
    nothing: its own keys win)."""
    own = yaml.safe_load((ROOT / f"Pulumi.{stack}.yaml").read_text())["config"]
    return effective_stack_config(NAMESPACE, ROOT, own)


def changed(values: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy of ``values`` with ``path`` (``hub.storageRedundancy``, ``projects[0].name``)
    set to ``value``; ``value=DELETE`` removes the key."""
    result = copy.deepcopy(values)
    parts = _parse(path)
    target: Any = result
    for part in parts[:-1]:
        if isinstance(part, str) and isinstance(target, dict) and part not in target:
            target[part] = {}
        target = target[part]
    if value is DELETE:
        del target[parts[-1]]
    else:
        target[parts[-1]] = value
    return result


def _parse(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in path.split("."):
        name, _, rest = piece.partition("[")
        if name:
            parts.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            parts.append(int(index))
            rest = rest.removeprefix("[")
    return parts


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


DELETE: Any = _Delete()


CODE_TAG = re.compile(r" \[(LZ-[A-Z]+-\d{3})\]$", re.MULTILINE)


def without_codes(message: str) -> str:
    """A config error as a person reads it, without the finding code at the end of each line
    (tests/test_finding_codes.py checks the codes themselves)."""
    return CODE_TAG.sub("", message)


# Two members of the first project beside the access matrix's, for cases about a member's keys.
PROJECT_MEMBERS = [
    {"group": "dataScientists", "role": "AzureML Data Scientist"},
    {"group": "mlEngineers", "role": "AzureML Compute Operator"},
]


def with_members(values: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``values`` (or a whole config with ``prefix`` ``aml-landing-zone:``) whose first project
    lists its own members (the shipped projects take theirs from the access matrix)."""
    return changed(values, f"{prefix}projects[0].members", PROJECT_MEMBERS)
