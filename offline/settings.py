"""How a registered setting (``resource_types.KeySetting``) is read from a resource's rendered
inputs and shown: shared by the reports (key settings) and ``--compare`` (what a renamed pair
keeps)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from aml_landing_zone.arm import type_path
from aml_landing_zone.offline.placeholders import label_placeholders
from aml_landing_zone.resource_types import KeySetting
from aml_landing_zone.roles import role_name

MISSING = object()


def _role(value: Any) -> Any:
    """A role definition id as the role's name (the GUID when the role is not a known one)."""
    return role_name(value) if isinstance(value, str) else value


def _arm_path(value: Any) -> Any:
    """An ARM id from the type on: ``storageAccounts/st/blobServices/default``."""
    return type_path(value) if isinstance(value, str) else value


def _keys(value: Any) -> Any:
    """A map as its keys, sorted (a budget's notifications: ``actual-80,forecasted-100``)."""
    return sorted(value) if isinstance(value, dict) else value


# How a key setting's value is shown (``resource_types.KeySetting.display``).
DISPLAY: dict[str, Callable[[Any], Any]] = {"arm_path": _arm_path, "role": _role, "keys": _keys}


def lookup(value: Any, path: str) -> Any:
    """Follow a dotted path; ``[]`` collects over a list. ``MISSING`` when nothing is there."""
    values = [value]
    for part in path.split("."):
        walk_list = part.endswith("[]")
        key = part[:-2] if walk_list else part
        found: list[Any] = []
        for current in values:
            if isinstance(current, dict) and key in current:
                item = current[key]
                if walk_list and isinstance(item, list):
                    found.extend(item)
                else:
                    found.append(item)
        values = found
    if not values:
        return MISSING
    return values if "[]" in path else values[0]


def text(value: Any) -> str:
    """A setting or output as one ASCII line, offline placeholders labelled: a list of scalars
    comma-separated, anything else as compact JSON."""
    if isinstance(value, str):
        shown = value
    elif isinstance(value, list) and all(
        isinstance(item, str | int | float | bool) for item in value
    ):
        shown = ",".join(item if isinstance(item, str) else json.dumps(item) for item in value)
    else:
        shown = json.dumps(value, sort_keys=True, separators=(",", ":"))
    return label_placeholders(shown.encode("ascii", "backslashreplace").decode("ascii"))


def shown(
    setting: KeySetting, inputs: Any, principals: Mapping[str, str] | None = None
) -> str | None:
    """``label=value`` for ``setting`` in rendered ``inputs``; None when the inputs lack it. A
    ``principal`` setting is named by ``principals`` (``offline/access.py``) where it knows it."""
    value = lookup(inputs, setting.path)
    if value is MISSING:
        return None
    if setting.display == "principal":
        value = (principals or {}).get(value, value) if isinstance(value, str) else value
    elif setting.display is not None:
        show = DISPLAY[setting.display]
        value = [show(v) for v in value] if isinstance(value, list) else show(value)
    return f"{setting.label or setting.path}={text(value)}"
