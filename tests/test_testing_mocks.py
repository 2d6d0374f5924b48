"""What ``aml_landing_zone.testing.AzureMocks`` answers, as Azure does: the programs using it run
in tests/test_wheel_install.py (the docs' reuse example, a user-assigned hub) and
tests/test_data_product_example.py (a data product); here each answer is checked alone."""

from __future__ import annotations

import re

import pulumi
import pytest
from aml_landing_zone.testing import TENANT_ID, AzureMocks

SUBSCRIPTION = "5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
RG = f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg-ml"
IDENTITY = f"{RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml"
GUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def register(mocks: AzureMocks, typ: str, name: str, inputs: dict, **more: object) -> tuple:
    return mocks.new_resource(
        pulumi.runtime.MockResourceArgs(typ, name, inputs, custom=True, **more)  # type: ignore[arg-type]
    )


def workspace(identity: dict) -> dict:
    return {
        "workspaceName": "hub-contoso-ml-dev",
        "resourceGroupName": "rg-ml",
        "identity": identity,
    }


def test_user_assigned_identities_come_back_as_a_map_by_id() -> None:
    mocks = AzureMocks(SUBSCRIPTION)
    token = "azure-native:machinelearningservices:Workspace"
    inputs = workspace({"type": "UserAssigned", "userAssignedIdentities": [IDENTITY]})
    resource_id, outputs = register(mocks, token, "hub", inputs)
    assert resource_id == (
        f"{RG}/providers/Microsoft.MachineLearningServices/workspaces/hub-contoso-ml-dev"
    )
    assert outputs["name"] == "hub-contoso-ml-dev"
    [(key, answer)] = outputs["identity"]["userAssignedIdentities"].items()
    assert key == IDENTITY
    assert set(answer) == {"principalId", "clientId"}
    assert all(re.fullmatch(GUID, value) for value in answer.values())
    assert answer["principalId"] != answer["clientId"]
    # the same principal and client id as the identity resource itself reports
    _, identity = register(
        mocks,
        "azure-native:managedidentity:UserAssignedIdentity",
        "id",
        {"resourceName": "id-ml", "resourceGroupName": "rg-ml"},
    )
    assert answer == {"principalId": identity["principalId"], "clientId": identity["clientId"]}
    # the program's own inputs stay as given; the answer is recorded apart
    assert mocks.registered["hub"].inputs["identity"]["userAssignedIdentities"] == [IDENTITY]
    assert mocks.ids["hub"] == resource_id
    assert mocks.outputs["hub"] is outputs


def test_system_assigned_identity_gets_a_principal_and_the_tenant() -> None:
    mocks = AzureMocks(SUBSCRIPTION)
    token = "azure-native:machinelearningservices:Workspace"
    _, outputs = register(mocks, token, "hub", workspace({"type": "SystemAssigned"}))
    identity = outputs["identity"]
    assert identity["tenantId"] == TENANT_ID
    assert re.fullmatch(GUID, identity["principalId"])
    assert identity["principalId"] != TENANT_ID


def test_identity_resource_has_its_principal_and_client_id() -> None:
    mocks = AzureMocks(SUBSCRIPTION)
    token = "azure-native:managedidentity:UserAssignedIdentity"
    inputs = {"resourceName": "id-ml", "resourceGroupName": "rg-ml"}
    resource_id, outputs = register(mocks, token, "id", inputs)
    assert resource_id == IDENTITY
    assert re.fullmatch(GUID, outputs["principalId"])
    assert outputs["principalId"] != outputs["clientId"]
    assert outputs["tenantId"] == TENANT_ID


def test_a_read_keeps_its_id_and_a_stack_reference_answers_from_the_given_outputs() -> None:
    endpoint = f"{RG}/providers/Microsoft.Network/privateEndpoints/pep-hub"
    mocks = AzureMocks(stack_outputs={"org/platform/dev": {"hubId": "x"}})
    token = "azure-native:network:PrivateEndpoint"
    assert register(mocks, token, "pe", {}, resource_id=endpoint) == (
        endpoint,
        {"id": endpoint, "name": "pep-hub"},
    )
    stack, outputs = register(
        mocks, "pulumi:pulumi:StackReference", "ref", {"name": "org/platform/dev"}
    )
    assert (stack, outputs["outputs"]) == ("org/platform/dev", {"hubId": "x"})
    with pytest.raises(KeyError, match="org/platform/prod"):
        register(mocks, "pulumi:pulumi:StackReference", "r2", {"name": "org/platform/prod"})
