"""The data-product example (examples/data-product/) runs against the installed library.

The folder is copied alone into an empty directory, its ``requirements.txt`` installed into the
shared fresh virtualenv (tests/install.py), and its own unit test run there: ``DataLandingZoneML``
with only the args the stack file requires builds a product under the library's Azure mocks
(``aml_landing_zone.testing``), user-assigned identity included."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.install import Dists, Timings, Venv, installed_alone
from tests.stack_values import ROOT

EXAMPLE = ROOT / "examples" / "data-product"


@pytest.fixture(scope="module")
def example(
    tmp_path_factory: pytest.TempPathFactory, venv: Venv, dists: Dists, timings: Timings
) -> Path:
    return installed_alone(
        EXAMPLE, tmp_path_factory.mktemp("data-product"), venv, dists.wheel, timings
    )


def test_example_builds_its_product_with_the_stack_files_required_args(
    example: Path, venv: Venv, timings: Timings
) -> None:
    # The example's own assertions run here; what it registered is printed, one per line.
    result = timings.run("run", [str(venv.python), "test_main.py"], example)
    registered = {tuple(line.split(" ", 1)) for line in result.stdout.splitlines()}
    assert ("amllz:index:DataLandingZoneML", "dlz") in registered
    assert ("azure-native:managedidentity:UserAssignedIdentity", "dlz-churn-id") in registered
    assert ("azure-native:machinelearningservices:Workspace", "dlz-churn-mlw") in registered
    assert ("azure-native:machinelearningservices:Datastore", "dlz-churn-ds-landing") in registered
    # no central Log Analytics workspace given: the product keeps one of its own
    assert ("azure-native:operationalinsights:Workspace", "dlz-churn-log") in registered
