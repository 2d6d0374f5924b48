"""The simulated Azure's ARM rules: for each, a compliant baseline and a refusal in Azure's words.

In-process (no Pulumi CLI, no Go): the servicer is called with the requests the engine sends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.engine.simulated_azure.errors import ArmError
from tests.engine.simulated_azure.seed import SimulatedAzure
from tests.engine.simulated_azure.testing import Builders, RpcFailure, SimClient, T

SUB = "5b1f6e2a-8c3d-4f7e-9a0b-1c2d3e4f5a6b"
OTHER_SUB = "8a3d9c2f-4b5e-4f6a-8c7d-1e2f3a4b5c6d"
RA_NAME = "671afd88-7abd-577b-bed3-9839470ac82d"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AMLLZ_SIM_NOW", "2026-12-15T10:00:00Z")
    monkeypatch.setenv("AMLLZ_SIM_TENANT_ID", "7d3e2f1a-4b5c-4d6e-8f7a-9b0c1d2e3f4a")
    return tmp_path / "azure.db"


@pytest.fixture
def azure(db: Path) -> SimClient:
    return SimClient.start(db, SUB)


@pytest.fixture
def build(azure: SimClient) -> Builders:
    return Builders(azure)


def refused(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises((RpcFailure, ArmError)) as failure:
        call(*args, **kwargs)  # type: ignore[operator]
    return str(failure.value)


# 1. A child needs its parent scope; references must exist -------------------------------------
def test_parent_scopes_and_references(azure: SimClient, build: Builders) -> None:
    storage = {
        "accountName": "stlake",
        "resourceGroupName": "rg-missing",
        "location": "x",
        "kind": "StorageV2",
        "sku": {"name": "Standard_LRS"},
    }
    message = refused(azure.create, T + "storage:StorageAccount", storage)
    assert 'Code="ResourceGroupNotFound"' in message
    assert "Resource group 'rg-missing' could not be found." in message

    build.resource_group("rg")
    compute = {
        "computeName": "ci",
        "workspaceName": "ws-missing",
        "resourceGroupName": "rg",
        "properties": {"computeType": "ComputeInstance"},
    }
    message = refused(azure.create, T + "machinelearningservices:Compute", compute)
    assert 'Code="ParentResourceNotFound"' in message and "'ws-missing' not found" in message

    account = build.storage_account("rg", "stws")
    build.workspace("rg", "ws", storageAccount=account)  # the baseline: it exists
    missing_vault = account.replace(
        "Microsoft.Storage/storageAccounts/stws", "Microsoft.KeyVault/vaults/kv-missing"
    )
    message = refused(build.workspace, "rg", "ws2", keyVault=missing_vault)
    assert 'Code="ResourceNotFound"' in message
    assert "The Resource 'Microsoft.KeyVault/vaults/kv-missing' under resource group 'rg'" in (
        message
    )


def test_extension_scope_and_network_references(azure: SimClient, build: Builders) -> None:
    rg = build.resource_group("rg")
    registry = rg + "/providers/Microsoft.ContainerRegistry/registries/crmissing"
    diag = {"name": "to-logs", "resourceUri": registry, "logs": []}
    message = refused(azure.create, T + "monitor:DiagnosticSetting", diag)
    assert 'Code="ResourceNotFound"' in message and "registries/crmissing" in message

    build.vnet("rg")
    subnet = rg + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-pe"
    account = build.storage_account("rg", "stpe")
    endpoint = {
        "privateEndpointName": "pep",
        "resourceGroupName": "rg",
        "location": "x",
        "subnet": {"id": subnet},
        "privateLinkServiceConnections": [
            {"name": "c", "groupIds": ["blob"], "privateLinkServiceId": account}
        ],
    }
    message = refused(azure.create, T + "network:PrivateEndpoint", endpoint)
    assert 'Code="InvalidResourceReference"' in message
    assert f"Resource {subnet} referenced by resource" in message
    build.subnet("rg")
    azure.create(T + "network:PrivateEndpoint", endpoint)  # with the subnet: fine


def test_reference_outside_the_simulation_is_not_checked(azure: SimClient, build: Builders) -> None:
    build.resource_group("rg")
    build.workspace("rg", "ws")
    datastore = {
        "name": "curated",
        "workspaceName": "ws",
        "resourceGroupName": "rg",
        "properties": {
            "datastoreType": "AzureDataLakeGen2",
            "accountName": "stlake",
            "resourceGroup": "rg-lake",
            "subscriptionId": OTHER_SUB,
            "filesystem": "curated",
        },
    }
    azure.create(T + "machinelearningservices:Datastore", datastore)  # OTHER_SUB: unknown
    SimulatedAzure(str(azure.provider.store.path), OTHER_SUB).add_resource(
        T + "resources:ResourceGroup", {"resourceGroupName": "rg-other", "location": "x"}
    )
    datastore["name"] = "raw"  # OTHER_SUB is simulated now: its account must exist
    message = refused(azure.create, T + "machinelearningservices:Datastore", datastore)
    assert 'Code="ResourceNotFound"' in message and "storageAccounts/stlake" in message


# 2. Role assignments ----------------------------------------------------------------------------
def test_role_assignment_principals(azure: SimClient, build: Builders, db: Path) -> None:
    rg = build.resource_group("rg")
    _, principal = build.identity("rg", "id-ws")
    build.role_assignment(rg, principal, RA_NAME)  # a simulated identity: exists
    stranger = "4f5a6b7c-8d9e-4fa0-b1c2-d3e4f5a6b7c8"
    message = refused(build.role_assignment, rg, stranger)
    assert 'Code="PrincipalNotFound"' in message
    assert "does not exist in the directory 7d3e2f1a-4b5c-4d6e-8f7a-9b0c1d2e3f4a" in message
    SimulatedAzure(str(db)).add_principals([stranger], kind="Group")
    build.role_assignment(rg, stranger)
    _, ws = build.workspace("rg", "ws")  # a system-assigned identity exists too
    build.role_assignment(rg, ws["identity"]["principalId"])


def test_role_assignment_uniqueness_and_names(azure: SimClient, build: Builders) -> None:
    rg = build.resource_group("rg")
    _, principal = build.identity("rg", "id")
    build.role_assignment(rg, principal, RA_NAME)
    other = "0f6a3c52-2b1e-4c1d-9a7e-7c4b8d9e0f11"
    assert "RoleAssignmentExists" in refused(build.role_assignment, rg, principal, other)
    assert "The role assignment already exists." in refused(
        build.role_assignment, rg, principal, other
    )
    message = refused(build.role_assignment, rg, principal, "not-a-guid")
    assert 'Code="InvalidRoleAssignmentId"' in message and "must be a GUID" in message
    account = build.storage_account("rg", "stra")
    message = refused(build.role_assignment, account, principal, RA_NAME)  # name reused
    assert 'Code="RoleAssignmentUpdateNotPermitted"' in message
    assert "principal ID, and scope are not allowed to be updated" in message


# 3. Locks -----------------------------------------------------------------------------------------
def test_can_not_delete_lock(azure: SimClient, build: Builders) -> None:
    rg = build.resource_group("rg")
    account = build.storage_account("rg", "stlocked")
    blob = azure.create(
        T + "storage:BlobServiceProperties",
        {"accountName": "stlocked", "resourceGroupName": "rg", "blobServicesName": "default"},
    )[0]
    _, principal = build.identity("rg", "id")
    assignment = build.role_assignment(account, principal, RA_NAME)
    lock = build.lock(account)
    for token, rid in (
        (T + "storage:BlobServiceProperties", blob),
        (T + "authorization:RoleAssignment", assignment),
        (T + "storage:StorageAccount", account),
        (T + "resources:ResourceGroup", rg),
    ):
        message = refused(azure.delete, token, rid)
        assert 'Code="ScopeLocked"' in message
        expected = (
            f"The scope '{rid}' cannot perform delete operation because following "
            f"scope(s) are locked: '{account}'. Please remove the lock and try again."
        )
        assert expected in message
    azure.delete(T + "authorization:ManagementLockByScope", lock)  # the lock itself: allowed
    azure.delete(T + "authorization:RoleAssignment", assignment)
    azure.delete(T + "storage:StorageAccount", account)


def test_read_only_lock_refuses_updates(azure: SimClient, build: Builders) -> None:
    build.resource_group("rg")
    account = build.storage_account("rg", "stro")
    old = {
        "accountName": "stro",
        "resourceGroupName": "rg",
        "location": "westeurope",
        "kind": "StorageV2",
        "sku": {"name": "Standard_LRS"},
    }
    azure.update(T + "storage:StorageAccount", account, old, {**old, "tags": {"a": "1"}})
    build.lock(account, level="ReadOnly")
    message = refused(
        azure.update, T + "storage:StorageAccount", account, old, {**old, "tags": {"a": "2"}}
    )
    assert 'Code="ScopeLocked"' in message and "cannot perform write operation" in message


# 4. Globally unique names and one resource per id -----------------------------------------------
def test_global_names(azure: SimClient, build: Builders, db: Path) -> None:
    build.resource_group("rg")
    build.storage_account("rg", "stshared")
    message = refused(build.storage_account, "rg", "stshared")
    assert "cannot create already existing resource '/subscriptions/" in message
    build.resource_group("rg2")
    message = refused(build.storage_account, "rg2", "stshared")
    assert 'Code="StorageAccountInAnotherResourceGroup"' in message
    other = SimClient.start(db, OTHER_SUB)
    Builders(other).resource_group("rg")
    message = refused(Builders(other).storage_account, "rg", "stshared")
    assert 'Code="StorageAccountAlreadyTaken"' in message
    assert "The storage account named stshared is already taken." in message
    build.vault("rg", "kv-shared")
    message = refused(Builders(other).vault, "rg", "kv-shared")
    assert 'Code="VaultAlreadyExists"' in message and "is already in use" in message
    registry = {
        "registryName": "crshared",
        "resourceGroupName": "rg",
        "location": "x",
        "sku": {"name": "Premium"},
    }
    azure.create(T + "containerregistry:Registry", registry)
    message = refused(other.create, T + "containerregistry:Registry", registry)
    assert 'Code="AlreadyInUse"' in message and "crshared.azurecr.io is already in use" in message
    ml_registry = {"registryName": "mlr", "resourceGroupName": "rg", "location": "x"}
    azure.create(T + "machinelearningservices:Registry", ml_registry)
    assert "RegistryNameNotAvailable" in refused(
        other.create, T + "machinelearningservices:Registry", ml_registry
    )


# 5. Key Vault soft delete and purge protection ----------------------------------------------------
def test_soft_deleted_vault_keeps_its_name(
    azure: SimClient, build: Builders, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build.resource_group("rg")
    vault = build.vault("rg", "kv-prot", enablePurgeProtection=True, softDeleteRetentionInDays=7)
    azure.delete(T + "keyvault:Vault", vault)
    assert [v["name"] for v in SimulatedAzure(str(db)).deleted_vaults()] == ["kv-prot"]
    message = refused(build.vault, "rg", "kv-prot")
    assert 'Code="ConflictError"' in message
    assert "A vault with the same name already exists in deleted state." in message
    message = refused(SimulatedAzure(str(db)).purge_vault, "kv-prot")
    assert "Operation 'DeletedVaultPurge' is not allowed." in message
    monkeypatch.setenv("AMLLZ_SIM_NOW", "2026-12-23T00:00:00Z")  # retention (7 days) passed
    build.vault("rg", "kv-prot")

    plain = build.vault("rg", "kv-plain")
    azure.delete(T + "keyvault:Vault", plain)
    SimulatedAzure(str(db)).purge_vault("kv-plain")
    build.vault("rg", "kv-plain")


def test_vault_properties_azure_refuses(azure: SimClient, build: Builders) -> None:
    build.resource_group("rg")
    message = refused(build.vault, "rg", "kv-a", enablePurgeProtection=False)
    assert 'Code="BadRequest"' in message
    assert '"enablePurgeProtection" cannot be set to false' in message
    assert "softDeleteRetentionInDays" in refused(
        build.vault, "rg", "kv-b", softDeleteRetentionInDays=5
    )
    vault = build.vault("rg", "kv-c", softDeleteRetentionInDays=90)
    old: dict[str, Any] = {
        "vaultName": "kv-c",
        "resourceGroupName": "rg",
        "location": "westeurope",
        "properties": {
            "tenantId": "t",
            "sku": {"family": "A", "name": "standard"},
            "enableRbacAuthorization": True,
            "softDeleteRetentionInDays": 90,
        },
    }
    new = {**old, "properties": {**old["properties"], "softDeleteRetentionInDays": 30}}
    message = refused(azure.update, T + "keyvault:Vault", vault, old, new)
    assert "cannot be changed once the vault is created" in message


def test_ml_workspace_soft_delete(azure: SimClient, build: Builders, db: Path) -> None:
    build.resource_group("rg")
    workspace, _ = build.workspace("rg", "proj")
    azure.delete(T + "machinelearningservices:Workspace", workspace)
    message = refused(build.workspace, "rg", "proj")
    assert 'Code="BadRequest"' in message
    assert "Soft-deleted workspace exists. Please purge or recover it." in message
    build.resource_group("rg2")
    build.workspace("rg2", "proj")  # the name is kept per resource group
    SimulatedAzure(str(db)).purge_workspace(workspace)
    build.workspace("rg", "proj")
    cmk = {
        "encryption": {
            "status": "Enabled",
            "keyVaultProperties": {"keyVaultArmId": "/x", "keyIdentifier": "https://kv/keys/k"},
        }
    }
    hub, _ = build.workspace("rg", "hub", **cmk)
    azure.delete(T + "machinelearningservices:Workspace", hub)
    build.workspace("rg", "hub", **cmk)  # CMK workspaces are hard deleted


# 6. Budgets against the frozen clock ------------------------------------------------------------
def _budget(start: str, name: str = "budget") -> dict[str, object]:
    return {
        "budgetName": name,
        "scope": f"/subscriptions/{SUB}/resourceGroups/rg",
        "amount": 2000,
        "category": "Cost",
        "timeGrain": "Monthly",
        "timePeriod": {"startDate": start},
    }


@pytest.mark.parametrize(
    ("now", "start", "accepted"),
    [
        ("2026-12-31T23:59:59Z", "2026-12-01T00:00:00Z", True),
        ("2027-01-01T00:00:00Z", "2026-12-01T00:00:00Z", False),  # the month just ended
        ("2027-01-01T00:00:00Z", "2027-01-01T00:00:00Z", True),
        ("2026-12-31T23:59:59Z", "2026-12-15T00:00:00Z", False),  # not the first of a month
        ("2026-12-31T23:59:59Z", "2027-12-01T00:00:00Z", True),  # twelve months ahead
        ("2026-12-31T23:59:59Z", "2028-01-01T00:00:00Z", False),  # thirteen
    ],
)
def test_budget_start_date(
    db: Path, monkeypatch: pytest.MonkeyPatch, now: str, start: str, accepted: bool
) -> None:
    monkeypatch.setenv("AMLLZ_SIM_NOW", now)
    azure = SimClient.start(db, SUB)
    Builders(azure).resource_group("rg")
    if accepted:
        azure.create(T + "consumption:Budget", _budget(start))
    else:
        message = refused(azure.create, T + "consumption:Budget", _budget(start))
        assert 'Code="BadRequest"' in message and "Invalid budget time period" in message


def test_budget_start_date_cannot_change(azure: SimClient, build: Builders) -> None:
    build.resource_group("rg")
    old = _budget("2026-12-01T00:00:00Z")
    rid, _ = azure.create(T + "consumption:Budget", old)
    azure.update(T + "consumption:Budget", rid, old, {**old, "amount": 3000})
    message = refused(
        azure.update, T + "consumption:Budget", rid, old, _budget("2027-01-01T00:00:00Z")
    )
    assert "Start date of budgets cannot be updated. Please delete and create a new budget." in (
        message
    )


# 7. Private DNS ---------------------------------------------------------------------------------
def test_vnet_linked_to_two_zones_of_one_name(azure: SimClient, build: Builders) -> None:
    rg = build.resource_group("rg")
    build.resource_group("rg-platform")
    vnet = build.vnet("rg")
    for group in ("rg", "rg-platform"):
        azure.create(
            T + "privatedns:PrivateZone",
            {
                "privateZoneName": "privatelink.azurecr.io",
                "resourceGroupName": group,
                "location": "global",
            },
            group,
        )
    link = {
        "privateZoneName": "privatelink.azurecr.io",
        "resourceGroupName": "rg",
        "virtualNetworkLinkName": "link",
        "location": "global",
        "registrationEnabled": False,
        "virtualNetwork": {"id": vnet},
    }
    azure.create(T + "privatedns:VirtualNetworkLink", link)
    message = refused(
        azure.create,
        T + "privatedns:VirtualNetworkLink",
        {**link, "resourceGroupName": "rg-platform"},
    )
    assert 'Code="BadRequest"' in message
    assert "A virtual network cannot be linked to multiple zones with overlapping namespaces." in (
        message
    )
    assert rg in vnet


# 8. Properties refused on update ----------------------------------------------------------------
def test_workspace_create_only_properties(azure: SimClient, build: Builders) -> None:
    build.resource_group("rg")
    first = build.storage_account("rg", "stfirst")
    second = build.storage_account("rg", "stsecond")
    old = {
        "workspaceName": "ws",
        "resourceGroupName": "rg",
        "location": "westeurope",
        "storageAccount": first,
        "hbiWorkspace": True,
    }
    rid, _ = azure.create(T + "machinelearningservices:Workspace", old)
    azure.update(
        T + "machinelearningservices:Workspace", rid, old, {**old, "description": "changed"}
    )
    message = refused(
        azure.update,
        T + "machinelearningservices:Workspace",
        rid,
        old,
        {**old, "storageAccount": second},
    )
    assert 'Code="BadRequest"' in message and "Storage Account update is not supported yet" in (
        message
    )
    assert "hbiWorkspace" in refused(
        azure.update,
        T + "machinelearningservices:Workspace",
        rid,
        old,
        {**old, "hbiWorkspace": False},
    )


def test_other_properties_refused_on_update(azure: SimClient, build: Builders) -> None:
    rg = build.resource_group("rg")
    build.vnet("rg")
    subnet = build.subnet("rg")
    account = build.storage_account("rg", "stnic")
    pe = {
        "privateEndpointName": "pep",
        "resourceGroupName": "rg",
        "location": "westeurope",
        "customNetworkInterfaceName": "pep-nic",
        "subnet": {"id": subnet},
        "privateLinkServiceConnections": [
            {"name": "c", "groupIds": ["blob"], "privateLinkServiceId": account}
        ],
    }
    pe_id, _ = azure.create(T + "network:PrivateEndpoint", pe)
    message = refused(
        azure.update,
        T + "network:PrivateEndpoint",
        pe_id,
        pe,
        {**pe, "customNetworkInterfaceName": "other-nic"},
    )
    assert 'Code="NameOfExistingPrivateEndpointNicCannotBeChanged"' in message
    rule = {
        "ruleName": "q",
        "resourceGroupName": "rg",
        "location": "westeurope",
        "scopes": [rg],
        "severity": 3,
    }
    rule_id, _ = azure.create(T + "monitor:ScheduledQueryRule", rule)
    message = refused(
        azure.update, T + "monitor:ScheduledQueryRule", rule_id, rule, {**rule, "scopes": [account]}
    )
    assert 'Code="BadRequest" Message="Scope can not be updated"' in message
    old = {
        "accountName": "stnic",
        "resourceGroupName": "rg",
        "location": "westeurope",
        "kind": "StorageV2",
        "sku": {"name": "Standard_LRS"},
    }
    azure.update(
        T + "storage:StorageAccount", account, old, {**old, "sku": {"name": "Standard_GRS"}}
    )
    message = refused(
        azure.update,
        T + "storage:StorageAccount",
        account,
        old,
        {**old, "sku": {"name": "Standard_ZRS"}},
    )
    assert 'Code="StorageAccountTypeConversionNotAllowed"' in message


def test_compute_update_is_not_applied(azure: SimClient, build: Builders) -> None:
    build.resource_group("rg")
    build.workspace("rg", "ws")
    old = {
        "computeName": "ci",
        "workspaceName": "ws",
        "resourceGroupName": "rg",
        "location": "westeurope",
        "properties": {
            "computeType": "ComputeInstance",
            "properties": {"vmSize": "Standard_DS11_v2"},
        },
    }
    rid, created = azure.create(T + "machinelearningservices:Compute", old)
    new = {
        **old,
        "properties": {
            "computeType": "ComputeInstance",
            "properties": {"vmSize": "Standard_DS12_v2"},
        },
    }
    updated = azure.update(T + "machinelearningservices:Compute", rid, old, new)
    _, live, _ = azure.read(T + "machinelearningservices:Compute", rid, new, updated)
    assert live["properties"]["properties"]["vmSize"] == "Standard_DS11_v2"
    assert created["properties"]["properties"] == live["properties"]["properties"]
