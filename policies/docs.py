"""The pack's rule table, generated from the pack itself so the README cannot drift from it.

``python -m aml_landing_zone.policies.docs`` prints the Markdown to paste into the top-level README.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from aml_landing_zone.policies import presets
from aml_landing_zone.policies.pack import (
    ALL_POLICIES,
    PACK_ENFORCEMENT_LEVEL,
    PACK_NAME,
    PACK_VERSION,
    PRESETS_DIR,
)
from pulumi_policy import StackValidationPolicy

ENVIRONMENTS = ("dev", "test", "prod")

PRESETS_NOTE = """\
Run a preset with `pulumi preview --policy-pack policies --policy-pack-config \
policies/config/<env>.json`. **dev** follows the catalogue's dev column: guardrails that only \
cost convenience are advisory, and `compute-local-auth` remediates instead of blocking. \
**prod** follows the production column. **test** sits between: production levels, except for \
rules whose production level is about cost or teardown rather than security. `acr-sku` \
(Premium costs more) and `prod-protect` (test stacks get torn down) are advisory, and \
`compute-cluster-scale` stays mandatory as in dev: production relaxes it so it can scale, \
test has no such need. Each preset also sets its environment's VM sizes, scale and idle \
limits, managed-network isolation, regions and tags."""


def _first_sentence(description: str) -> str:
    match = re.match(r"(.+?\.)(\s|$)", description)
    return match.group(1) if match else description


def preset_levels(presets_dir: Path) -> dict[str, dict[str, str]]:
    """Environment -> policy -> the level the preset gives it (read as the CLI reads it)."""
    infos = presets.policy_infos(ALL_POLICIES, PACK_ENFORCEMENT_LEVEL)
    levels = {}
    for env in ENVIRONMENTS:
        raw = json.loads((presets_dir / f"{env}.json").read_text())
        config = presets.reconcile(raw, infos)
        levels[env] = {name: level for name, (level, _) in config.items()}
    return levels


def rule_table_markdown(presets_dir: Path = PRESETS_DIR) -> str:
    """Markdown: one row per rule (id, what it checks, dev / test / prod level)."""
    levels = preset_levels(presets_dir)
    rows = [
        f"Policy pack `{PACK_NAME}` v{PACK_VERSION}: {len(ALL_POLICIES)} rules.",
        "",
        "| rule | checks | " + " | ".join(ENVIRONMENTS) + " |",
        "|---|---|" + "---|" * len(ENVIRONMENTS),
    ]
    for policy in ALL_POLICIES:
        scope = " (stack)" if isinstance(policy, StackValidationPolicy) else ""
        cells = " | ".join(levels[env][policy.name] for env in ENVIRONMENTS)
        rows.append(f"| `{policy.name}`{scope} | {_first_sentence(policy.description)} | {cells} |")
    return "\n".join([*rows, "", PRESETS_NOTE, ""])


if __name__ == "__main__":
    print(rule_table_markdown(), end="")
