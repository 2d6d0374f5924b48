"""Run __main__.py under the library's Azure mocks and check what it registers.

``aml_landing_zone.testing.AzureMocks`` answers as Azure does: ARM ids, Azure names, and the
ids of managed identities (``userAssignedIdentities`` comes back as a map by identity id, which
a mock echoing its inputs cannot give). Run it with ``python test_main.py`` (it prints what was
registered) or with pytest."""

import runpy
from pathlib import Path

import pulumi
from aml_landing_zone.testing import AzureMocks

HERE = Path(__file__).parent
# Built-in roles, from "Azure built-in roles"
DATA_SCIENTIST = "f6c7c914-8db3-469d-8ca1-694a8f32e121"  # AzureML Data Scientist
BLOB_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"  # Storage Blob Data Reader

mocks = AzureMocks()
pulumi.runtime.set_mocks(mocks, preview=False)
program: dict = {}


@pulumi.runtime.test
def _run() -> None:
    program.update(runpy.run_path(str(HERE / "__main__.py")))


def run_program() -> None:
    """Run the program once; every test reads what that run registered."""
    if not mocks.registered:
        _run()


def roles_on(scope: str) -> set[tuple[str, str]]:
    """(principal, role GUID) of every role assignment on ``scope``."""
    return {
        (ra["principalId"], ra["roleDefinitionId"].rsplit("/", 1)[-1])
        for ra in mocks.of_type("azure-native:authorization:RoleAssignment").values()
        if ra["scope"] == scope
    }


def test_private_workspace_runs_as_the_products_identity() -> None:
    run_program()
    identity_id = mocks.ids["dlz-churn-id"]
    workspace = mocks.registered["dlz-churn-mlw"].inputs
    assert workspace["kind"] == "Default"
    assert workspace["publicNetworkAccess"] == "Disabled"
    assert workspace["identity"] == {
        "type": "UserAssigned",
        "userAssignedIdentities": [identity_id],
    }
    assert workspace["primaryUserAssignedIdentity"] == identity_id
    # Azure answers with the identity's principal, by identity id
    answered = mocks.outputs["dlz-churn-mlw"]["identity"]["userAssignedIdentities"]
    assert set(answered) == {identity_id}
    endpoint = mocks.registered["dlz-churn-pep-mlw"].inputs
    assert endpoint["subnet"] == {"id": program["SUBNET_ID"]}
    assert endpoint["privateLinkServiceConnections"][0]["groupIds"] == ["amlworkspace"]


def test_identity_based_datastore_and_read_access_on_its_file_system() -> None:
    run_program()
    store = mocks.registered["dlz-churn-ds-landing"].inputs["properties"]
    assert store["accountName"] == "stdlzraw"
    assert store["filesystem"] == "landing"
    assert store["credentials"] == {"credentialsType": "None"}  # no stored key
    principal = mocks.outputs["dlz-churn-id"]["principalId"]
    file_system = f"{program['LAKE_ID']}/blobServices/default/containers/landing"
    assert roles_on(file_system) == {
        (principal, BLOB_READER),
        (program["DATA_SCIENTISTS"], BLOB_READER),
    }
    assert (program["DATA_SCIENTISTS"], DATA_SCIENTIST) in roles_on(mocks.ids["dlz-churn-mlw"])


if __name__ == "__main__":
    test_private_workspace_runs_as_the_products_identity()
    test_identity_based_datastore_and_read_access_on_its_file_system()
    for name, args in sorted(mocks.registered.items()):
        print(args.typ, name)
