"""The policy pack's contents, importable without starting the analyzer server.

``__main__.py`` serves these to the Pulumi CLI; ``offline/policy_run.py`` drives the very same
objects in-process; ``policies/docs.py`` renders the rule table from them.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from aml_landing_zone.policies.rules.common import POLICY_READS, Read
from aml_landing_zone.policies.rules.compute import COMPUTE_POLICIES
from aml_landing_zone.policies.rules.datastore import DATASTORE_POLICIES
from aml_landing_zone.policies.rules.keyvault import KEYVAULT_POLICIES
from aml_landing_zone.policies.rules.kubernetes import KUBERNETES_POLICIES
from aml_landing_zone.policies.rules.landing_zone import LANDING_ZONE_POLICIES
from aml_landing_zone.policies.rules.monitoring import MONITORING_POLICIES
from aml_landing_zone.policies.rules.registry import REGISTRY_POLICIES
from aml_landing_zone.policies.rules.storage import STORAGE_POLICIES
from aml_landing_zone.policies.rules.workspace import WORKSPACE_POLICIES
from pulumi_policy import EnforcementLevel, Policy

PACK_DIR = Path(__file__).resolve().parent
PACK_NAME = "aml-landing-zone"
# The CLI takes a Python pack's version from PulumiPolicy.yaml, so that file is the one source.
PACK_VERSION: str = str(yaml.safe_load((PACK_DIR / "PulumiPolicy.yaml").read_text())["version"])
# Every policy sets its own level (its production level); this only covers a policy that doesn't.
PACK_ENFORCEMENT_LEVEL = EnforcementLevel.ADVISORY
PRESETS_DIR = PACK_DIR / "config"

ALL_POLICIES: list[Policy] = [
    *WORKSPACE_POLICIES,
    *COMPUTE_POLICIES,
    *KUBERNETES_POLICIES,
    *DATASTORE_POLICIES,
    *STORAGE_POLICIES,
    *KEYVAULT_POLICIES,
    *REGISTRY_POLICIES,
    *MONITORING_POLICIES,
    *LANDING_ZONE_POLICIES,
]

# What each policy reads on which resources (declared with each rule; a KeyError here means a
# rule was built without the builders that record it).
PACK_READS: dict[str, tuple[Read, ...]] = {p.name: POLICY_READS[p.name] for p in ALL_POLICIES}
