"""The built wheel installs into a fresh virtualenv and works next to a team's own Pulumi program.

The program is the README's reuse example: its three code blocks are written into an empty
project directory that has a ``components/`` package of its own, and its unit test runs there
with the fresh virtualenv's Python, under the library's Azure mocks (``aml_landing_zone.testing``).
The wheel and the virtualenv are the suite's shared ones (tests/install.py).
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.install import Dists, Timings, Venv
from tests.readme import code_block
from tests.stack_values import ROOT

# Project file -> the README block that holds its code.
PROJECT_FILES = {
    "components/__init__.py": "reuse-components",
    "__main__.py": "reuse-program",
    "test_main.py": "reuse-test",
}
# Files that are not Python modules but must ship: (path in the sdist, path in the wheel).
PACKAGE_DATA = [
    ("components/py.typed", "aml_landing_zone/py.typed"),
    ("policies/PulumiPolicy.yaml", "aml_landing_zone/policies/PulumiPolicy.yaml"),
    *(
        (f"policies/config/{preset.name}", f"aml_landing_zone/policies/config/{preset.name}")
        for preset in sorted((ROOT / "policies" / "config").glob("*.json"))
    ),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty directory with the README example: a program, its test, its own components/."""
    project = tmp_path_factory.mktemp("team-stack")
    for relative, block_name in PROJECT_FILES.items():
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code_block(block_name))
    return project


def test_sdist_and_wheel_carry_the_package_data(dists: Dists) -> None:
    with tarfile.open(dists.sdist) as sdist:
        top = sdist.getnames()[0].split("/")[0]
        in_sdist = {name.removeprefix(f"{top}/") for name in sdist.getnames()}
    with zipfile.ZipFile(dists.wheel) as wheel:
        in_wheel = set(wheel.namelist())
        entry_points = next(n for n in in_wheel if n.endswith(".dist-info/entry_points.txt"))
        assert (
            "offline-preview = aml_landing_zone.offline.start:main"
            in wheel.read(entry_points).decode()
        )
    assert len(PACKAGE_DATA) >= 5  # py.typed, PulumiPolicy.yaml and the three presets
    for sdist_path, wheel_path in PACKAGE_DATA:
        assert sdist_path in in_sdist, f"the sdist lacks {sdist_path}"
        assert wheel_path in in_wheel, f"the wheel lacks {wheel_path}"
    # One import name: nothing the wheel installs may shadow a user's own top-level package.
    assert {
        name.split("/")[0] for name in in_wheel if not name.startswith("aml_landing_zone-")
    } == {"aml_landing_zone"}


def test_readme_example_runs_against_the_installed_wheel(
    venv: Venv, project: Path, timings: Timings
) -> None:
    # The README's own assertions run here; what it registered is printed, one per line.
    result = timings.run("run", [str(venv.python), "test_main.py"], project)
    registered = [tuple(line.split(" ", 1)) for line in result.stdout.splitlines()]
    types = [typ for typ, _ in registered]
    assert ("amllz:index:Hub", "hub") in registered
    assert ("amllz:index:ProjectWorkspace", "fraud") in registered
    assert ("azure-native:machinelearningservices:Workspace", "hub-hub") in registered
    assert ("azure-native:machinelearningservices:Workspace", "fraud-ws") in registered
    # hub, storage blob and file, key vault, registry and the monitoring scope: one endpoint
    # each, and DNS mode none.
    assert types.count("azure-native:network:PrivateEndpoint") == 6
    assert types.count("azure-native:monitor:PrivateLinkScope") == 1
    assert "azure-native:network:PrivateDnsZoneGroup" not in types
    # The hub runs as a user-assigned identity, which the mocks answer for as Azure does (an
    # echoing mock fails in the SDK on its identity map): the identity, the roles Azure
    # documents for a workspace identity (on the workspace, storage twice, key vault twice,
    # registry and Application Insights), Reader on the blob and file endpoints for it, and
    # the member's role.
    assert types.count("azure-native:managedidentity:UserAssignedIdentity") == 1
    assert types.count("azure-native:authorization:RoleAssignment") == 7 + 2 + 1


def test_library_comes_from_the_venv_and_components_from_the_project(
    venv: Venv, project: Path, timings: Timings
) -> None:
    script = "import aml_landing_zone, components; print(aml_landing_zone.__file__)"
    script += "; print(components.__file__)"
    result = timings.run("run", [str(venv.python), "-c", script], project)
    library, components = (Path(line) for line in result.stdout.splitlines())
    assert library.is_relative_to(venv.site_packages), library
    assert components == project / "components" / "__init__.py"
    assert (venv.python.parent / "offline-preview").exists()


def test_readme_example_is_clean_under_default_ruff_settings(project: Path) -> None:
    """What users copy passes a new project's ruff (88 columns), with this repository's rules."""
    ruff = [sys.executable, "-m", "ruff"]
    check = subprocess.run(
        [*ruff, "check", "--isolated", "--select", "E,F,W,I,UP,B,SIM,RUF", "."],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout
    formatted = subprocess.run(
        [*ruff, "format", "--isolated", "--diff", "."],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert formatted.returncode == 0, formatted.stdout
