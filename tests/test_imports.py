"""The package's public names resolve on first use, and the subpackages the policy pack server and
the offline engine start from do not load the component library (pydantic, azure-native)."""

from __future__ import annotations

import subprocess
import sys

import aml_landing_zone
import pytest


def test_every_public_name_resolves() -> None:
    for name in aml_landing_zone.__all__:
        assert getattr(aml_landing_zone, name).__name__ == name
    assert set(aml_landing_zone.__all__) <= set(dir(aml_landing_zone))


@pytest.mark.parametrize(
    "module", ["aml_landing_zone.policies.pack", "aml_landing_zone.offline.program"]
)
def test_subpackage_starts_without_the_component_library(module: str) -> None:
    heavy = ("pydantic", "aml_landing_zone.hub", "aml_landing_zone.config")
    code = f"import sys, {module}; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_each_public_names_module_imports_first() -> None:
    """``from aml_landing_zone import X`` works as a program's first import of the library,
    whichever X (a capability's config once imported the whole stack model, which imports that
    capability back: an import cycle for ``DataLandingZoneML`` alone)."""
    code = """
import importlib, sys
import aml_landing_zone
failed = []
for home in sorted(set(aml_landing_zone._HOME.values())):
    for loaded in [m for m in sys.modules if m.split(".")[0] == "aml_landing_zone"]:
        del sys.modules[loaded]
    try:
        importlib.import_module(f"aml_landing_zone.{home}")
    except ImportError as error:
        failed.append(f"{home}: {error}")
print(failed)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
