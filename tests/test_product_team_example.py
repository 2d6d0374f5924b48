"""The product-team example (examples/product-team/) runs against the installed library.

The example folder is copied alone into an empty directory, its ``requirements.txt`` installed
into the shared fresh virtualenv the way its README says (the library's git URL pointed at the
wheel, tests/install.py), and its own unit test run there with that virtualenv's Python: the
platform stack is a mocked StackReference answering with ``platform-outputs.json``, which holds
exactly the contract's outputs (tests/test_platform_outputs.py), so the program can read no
others."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aml_landing_zone.platform_outputs import PLATFORM_OUTPUT_KEYS

from tests.install import Dists, Timings, Venv, installed_alone
from tests.stack_values import ROOT

EXAMPLE = ROOT / "examples" / "product-team"
# What a product team's stack may create: its project and its members' compute instances,
# never hub-owned resources.
PROJECT_TYPES = {
    "amllz:index:ProjectWorkspace",
    "azure-native:machinelearningservices:Workspace",
    "azure-native:authorization:RoleAssignment",
    "azure-native:monitor:DiagnosticSetting",
    "amllz:index:PersonalComputeInstance",
    "azure-native:machinelearningservices:Compute",
}
# What it only reads: the platform stack, and the hub's private endpoint its instances wait for.
READS = {
    ("pulumi:pulumi:StackReference", "contoso/aml-landing-zone/dev"),
    ("azure-native:network:PrivateEndpoint", "hub-private-endpoint"),
}


@pytest.fixture(scope="module")
def example(
    tmp_path_factory: pytest.TempPathFactory, venv: Venv, dists: Dists, timings: Timings
) -> Path:
    return installed_alone(
        EXAMPLE, tmp_path_factory.mktemp("product-team"), venv, dists.wheel, timings
    )


def test_platform_outputs_file_holds_only_the_contract() -> None:
    assert list(json.loads((EXAMPLE / "platform-outputs.json").read_text())) == list(
        PLATFORM_OUTPUT_KEYS
    )


def test_example_creates_its_project_and_computes_under_the_referenced_hub(
    example: Path, venv: Venv, timings: Timings
) -> None:
    # The example's own assertions run here (the project under the hub; each member's private,
    # keyless instance in it, after the hub's private endpoint); what it registered is printed,
    # one per line, reads marked.
    result = timings.run("run", [str(venv.python), "test_main.py"], example)
    registered = [tuple(line.split(" ", 1)) for line in result.stdout.splitlines()]
    reads = {(typ, name.removesuffix(" (read)")) for typ, name in registered if "(read)" in name}
    created = [(typ, name) for typ, name in registered if "(read)" not in name]
    assert reads == READS
    assert ("amllz:index:ProjectWorkspace", "fraud") in created
    assert ("azure-native:machinelearningservices:Workspace", "fraud-ws") in created
    computes = [name for typ, name in created if typ.endswith(":Compute")]
    assert computes == ["ci-fraud-alice-ci", "ci-fraud-bob-ci"]
    assert {typ for typ, _ in created} == PROJECT_TYPES


def test_example_imports_the_library_from_the_venv(
    example: Path, venv: Venv, timings: Timings
) -> None:
    script = "import aml_landing_zone; print(aml_landing_zone.__file__)"
    result = timings.run("run", [str(venv.python), "-c", script], example)
    assert Path(result.stdout.strip()).is_relative_to(venv.site_packages)
