"""hub.encryption: a customer-managed key, in the hub key vault or an existing one, that the
workspace's UAI and the Azure Cosmos DB service principal can use before the workspace exists."""

from __future__ import annotations

from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import of_type, one
from tests.network.scenarios import CMK_URI, CMK_VAULT, COSMOS_DB_SP, scenario

KEY = "azure-native:keyvault:Key"
KV = "azure-native:keyvault:Vault"
RA = "azure-native:authorization:RoleAssignment"
WS = "azure-native:machinelearningservices:Workspace"
UAI = "azure-native:managedidentity:UserAssignedIdentity"
CRYPTO_SERVICE_ENCRYPTION_USER = "e147488a-f6f5-4113-8e2d-b22465e65bf6"


def encryption_assignments(run: ProgramRun) -> list:
    return [
        r
        for r in of_type(run, RA)
        if r.inputs["roleDefinitionId"].endswith(CRYPTO_SERVICE_ENCRYPTION_USER)
    ]


def test_key_is_rsa_3072_in_the_hub_vault() -> None:
    run = scenario("regulated")
    key = one(run, KEY)
    assert key.inputs["keyName"] == "cmk-aml"
    assert key.inputs["vaultName"] == one(run, KV).inputs["vaultName"]
    assert key.inputs["properties"]["kty"] == "RSA"
    assert key.inputs["properties"]["keySize"] == 3072
    assert {"wrapKey", "unwrapKey"} <= set(key.inputs["properties"]["keyOps"])


def test_hub_workspace_is_encrypted_with_the_key_through_its_uai() -> None:
    run = scenario("regulated")
    hub = one(run, WS, "hub-hub")
    vault_name = one(run, KV).inputs["vaultName"]
    encryption = hub.inputs["encryption"]
    assert encryption["status"] == "Enabled"
    assert encryption["keyVaultProperties"]["keyVaultArmId"] == run.outputs["hub"]["keyVaultId"]
    assert encryption["keyVaultProperties"]["keyIdentifier"].startswith(
        f"https://{vault_name}.vault.azure.net/keys/cmk-aml/"
    )
    assert encryption["identity"] == {"userAssignedIdentity": run.outputs["hub"]["identityId"]}
    assert hub.inputs["enableServiceSideCMKEncryption"] is False
    assert hub.inputs["hbiWorkspace"] is True
    assert one(run, KEY).urn in hub.dependencies


def test_uai_and_cosmos_db_can_use_the_key_before_the_workspace() -> None:
    run = scenario("regulated")
    hub = one(run, WS, "hub-hub")
    identity = one(run, UAI, "hub-id")
    assignments = encryption_assignments(run)
    cosmos = [a for a in assignments if a.inputs["principalId"] == COSMOS_DB_SP]
    uai = [a for a in assignments if a.property_dependencies["principalId"] == (identity.urn,)]
    assert len(assignments) == len(cosmos) + len(uai) == 2
    for assignment in assignments:
        assert assignment.inputs["scope"] == run.outputs["hub"]["keyVaultId"]
        assert assignment.inputs["principalType"] == "ServicePrincipal"
        wait = one(run, "time:index/sleep:Sleep")
        assert assignment.urn in wait.dependencies
        assert wait.urn in hub.dependencies


def test_existing_vault_and_key_are_used_as_given() -> None:
    run = scenario("enterprise")
    assert of_type(run, KEY) == []
    encryption = one(run, WS, "hub-hub").inputs["encryption"]
    assert encryption["keyVaultProperties"] == {
        "keyVaultArmId": CMK_VAULT,
        "keyIdentifier": CMK_URI,
    }
    assert [a.inputs["scope"] for a in encryption_assignments(run)] == [CMK_VAULT, CMK_VAULT]


def test_projects_inherit_encryption_and_follow_the_hubs_hbi(dev_run: ProgramRun) -> None:
    run = scenario("regulated")
    projects = [w for w in of_type(run, WS) if w.inputs["kind"] == "Project"]
    assert projects
    for project in projects:
        assert "encryption" not in project.inputs
        assert project.inputs["hbiWorkspace"] is True  # fixed at creation: same as the hub
    assert "encryption" not in one(dev_run, WS, "hub-hub").inputs
