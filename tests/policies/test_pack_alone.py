"""The policy pack runs without this repository's environment: its folder, copied alone, gets
its own ``requirements.txt`` installed into the shared fresh virtualenv (tests/install.py) and
its ``__main__.py`` loads every policy there, as the Pulumi CLI would start it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aml_landing_zone.policies.pack import ALL_POLICIES, PACK_DIR, PACK_NAME, PACK_VERSION

from tests.install import (
    Dists,
    Timings,
    Venv,
    installed_alone,
    library_version,
)

# Runs __main__.py with PolicyPack replaced by a recorder: the real one would start serving
# the analyzer over gRPC and wait for the CLI.
LOADER = """
import json, runpy, sys
import pulumi_policy

loaded = {}

class RecordingPolicyPack:
    def __init__(self, name, policies, enforcement_level=None, **kwargs):
        loaded.update(name=name, policies=[(p.name, p.enforcement_level.value) for p in policies])

pulumi_policy.PolicyPack = RecordingPolicyPack
runpy.run_path("__main__.py", run_name="__main__")
import aml_landing_zone.policies.pack as pack
loaded["rules_from"] = pack.__file__
print(json.dumps(loaded))
"""


@pytest.fixture(scope="module")
def pack(
    tmp_path_factory: pytest.TempPathFactory, venv: Venv, dists: Dists, timings: Timings
) -> Path:
    return installed_alone(
        PACK_DIR, tmp_path_factory.mktemp("policy-pack"), venv, dists.wheel, timings
    )


def test_pack_version_is_the_library_release_its_requirements_pin() -> None:
    """requirements.txt pins the release tag of the library version (tests/install.py); the
    pack must be that same version, or a published pack would serve another release's rules."""
    assert library_version() == PACK_VERSION


def test_pack_loads_every_policy_from_its_own_environment(
    pack: Path, venv: Venv, timings: Timings
) -> None:
    result = timings.run("run", [str(venv.python), "-c", LOADER], pack)
    loaded = json.loads(result.stdout)
    assert loaded["name"] == PACK_NAME
    assert loaded["policies"] == [[p.name, p.enforcement_level.value] for p in ALL_POLICIES]
    assert Path(loaded["rules_from"]).is_relative_to(venv.site_packages)
