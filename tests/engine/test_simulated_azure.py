"""The simulated Azure as a Pulumi resource provider: protocol, diff, refresh, Azure's fills.

In-process (the servicer called with the engine's requests), plus one launcher start for the
port handshake. Rule refusals are in test_simulated_azure_rules.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import grpc
import pytest
from google.protobuf import empty_pb2
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from tests.engine.simulated_azure.__main__ import main as cli
from tests.engine.simulated_azure.seed import SimulatedAzure
from tests.engine.simulated_azure.testing import (
    Builders,
    FakeContext,
    RpcFailure,
    SimClient,
    T,
    urn,
)
from tests.engine.simulated_azure.values import UNKNOWN, to_dict, to_struct

SUB = "5b1f6e2a-8c3d-4f7e-9a0b-1c2d3e4f5a6b"
TENANT = "7d3e2f1a-4b5c-4d6e-8f7a-9b0c1d2e3f4a"
BIN = Path(__file__).parent / "bin"
Kind = provider_pb2.PropertyDiff.Kind


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AMLLZ_SIM_NOW", "2026-12-15T10:00:00Z")
    monkeypatch.setenv("AMLLZ_SIM_TENANT_ID", TENANT)
    return tmp_path / "azure.db"


@pytest.fixture
def azure(db: Path) -> SimClient:
    return SimClient.start(db, SUB)


@pytest.fixture
def build(azure: SimClient) -> Builders:
    return Builders(azure)


# Protocol ----------------------------------------------------------------------------------------
def test_plugin_info_configure_schema_and_client_config(azure: SimClient) -> None:
    provider, ctx = azure.provider, FakeContext()
    assert provider.GetPluginInfo(empty_pb2.Empty(), ctx).version == "3.29.0"
    assert azure.time.GetPluginInfo(empty_pb2.Empty(), ctx).version == "0.1.1"
    configured = provider.Configure(provider_pb2.ConfigureRequest(), ctx)
    assert not configured.acceptSecrets
    assert configured.supportsPreview  # as azure-native: previews get outputs in the response shape
    schema = json.loads(provider.GetSchema(provider_pb2.GetSchemaRequest(), ctx).schema)
    assert schema == {"name": "azure-native", "version": "3.29.0"}
    provider.Configure(
        provider_pb2.ConfigureRequest(variables={"azure-native:config:subscriptionId": SUB}), ctx
    )
    config = azure.invoke("azure-native:authorization:getClientConfig")
    assert config["subscriptionId"] == SUB and config["tenantId"] == TENANT
    assert set(config) == {"clientId", "objectId", "subscriptionId", "tenantId"}


def test_check_auto_names_like_azure_native(azure: SimClient) -> None:
    token = T + "authorization:RoleAssignment"
    news = {"scope": "/subscriptions/x", "principalId": "p", "roleDefinitionId": "r"}
    first = to_dict(azure.check(token, news).inputs)
    name = first["roleAssignmentName"]
    assert len(name) == 36 and first["azureApiVersion"] == "2022-04-01"
    again = to_dict(azure.check(token, news, olds=first).inputs)
    assert again["roleAssignmentName"] == name  # the old name is kept: a second preview agrees
    failures = azure.check(T + "storage:BlobServiceProperties", {"resourceGroupName": "rg"})
    assert [f.reason for f in failures.failures] == ["missing required property 'accountName'"]


def test_diff_replace_update_and_none(azure: SimClient) -> None:
    token = T + "storage:StorageAccount"
    old = {
        "accountName": "st",
        "resourceGroupName": "rg",
        "location": "West Europe",
        "isHnsEnabled": False,
        "tags": {"a": "1"},
        "sku": {"name": "Standard_LRS"},
    }
    same = azure.diff(token, old, {**old, "location": "westeurope"})
    assert same.changes == provider_pb2.DiffResponse.DIFF_NONE
    update = azure.diff(token, old, {**old, "tags": {"a": "2"}})
    assert update.changes == provider_pb2.DiffResponse.DIFF_SOME and not update.replaces
    assert update.detailedDiff["tags.a"].kind == Kind.UPDATE and list(update.diffs) == ["tags"]
    moved = azure.diff(token, old, {**old, "resourceGroupName": "rg2", "isHnsEnabled": True})
    assert sorted(moved.replaces) == ["isHnsEnabled", "resourceGroupName"]
    assert moved.detailedDiff["resourceGroupName"].kind == Kind.UPDATE_REPLACE
    assert moved.deleteBeforeReplace
    unknown = azure.diff(token, old, {**old, "accountName": UNKNOWN})
    assert list(unknown.replaces) == ["accountName"]
    lock = T + "authorization:ManagementLockByScope"
    lock_old = {"scope": "/subscriptions/x/resourceGroups/a", "lockName": "l", "level": "ReadOnly"}
    assert list(azure.diff(lock, lock_old, {**lock_old, "scope": "/subscriptions/x"}).replaces) == [
        "scope"
    ]
    assert not azure.diff(lock, lock_old, {**lock_old, "level": "CanNotDelete"}).replaces


# Azure's fills and refresh ----------------------------------------------------------------------
def test_outputs_azure_fills_in(azure: SimClient, build: Builders) -> None:
    build.resource_group("rg")
    _, storage = azure.create(
        T + "storage:StorageAccount",
        {
            "accountName": "stdata",
            "resourceGroupName": "rg",
            "location": "westeurope",
            "kind": "StorageV2",
            "sku": {"name": "Standard_GZRS"},
        },
    )
    assert storage["primaryEndpoints"]["dfs"] == "https://stdata.dfs.core.windows.net/"
    vault_id = build.vault("rg", "kv-data")
    _, vault = azure.read(T + "keyvault:Vault", vault_id)[:2]
    assert vault["properties"]["vaultUri"] == "https://kv-data.vault.azure.net/"
    _, key = azure.create(
        T + "keyvault:Key",
        {
            "keyName": "cmk",
            "vaultName": "kv-data",
            "resourceGroupName": "rg",
            "properties": {"kty": "RSA", "keySize": 3072},
        },
    )
    assert key["keyUri"] == "https://kv-data.vault.azure.net/keys/cmk"
    assert key["keyUriWithVersion"].startswith(key["keyUri"] + "/")
    _, insights = azure.create(
        T + "applicationinsights:Component",
        {
            "resourceName": "appi",
            "resourceGroupName": "rg",
            "location": "westeurope",
            "kind": "web",
            "applicationType": "web",
        },
    )
    assert insights["connectionString"].startswith(
        f"InstrumentationKey={insights['instrumentationKey']};"
    )
    uai_id, uai = azure.create(
        T + "managedidentity:UserAssignedIdentity",
        {"resourceName": "id", "resourceGroupName": "rg", "location": "westeurope"},
    )
    assert uai["tenantId"] == TENANT and uai["principalId"] != uai["clientId"]
    again = SimClient.start(Path(azure.provider.store.path), SUB)  # another process, same answer
    assert again.read(T + "managedidentity:UserAssignedIdentity", uai_id)[1] == uai


def _hub(azure: SimClient, build: Builders) -> tuple[str, dict, dict]:
    rg = build.resource_group("rg")
    account = build.storage_account("rg", "sthub", publicNetworkAccess="Disabled")
    inputs = {
        "workspaceName": "hub",
        "resourceGroupName": "rg",
        "location": "westeurope",
        "kind": "Hub",
        "storageAccount": account,
        "publicNetworkAccess": "Disabled",
        "identity": {"type": "SystemAssigned"},
        "managedNetwork": {
            "isolationMode": "AllowInternetOutbound",
            "outboundRules": {
                "pypi": {"type": "FQDN", "category": "UserDefined", "destination": "pypi.org"}
            },
        },
    }
    rid, outputs = azure.create(T + "machinelearningservices:Workspace", inputs)
    assert rg in rid
    return (
        rid,
        to_dict(azure.check(T + "machinelearningservices:Workspace", inputs).inputs),
        (outputs),
    )


def test_refresh_copies_what_azure_changed_into_inputs(azure: SimClient, build: Builders) -> None:
    rid, inputs, created = _hub(azure, build)
    network = created["managedNetwork"]
    assert network["status"] == {"status": "Inactive", "sparkReady": False}
    assert created["workspaceId"] and created["discoveryUrl"].startswith("https://westeurope.")
    _, live, same = azure.read(T + "machinelearningservices:Workspace", rid, inputs, created)
    assert same == inputs  # nothing changed on Azure's side yet
    azure.create(
        T + "machinelearningservices:Compute",
        {  # the first compute provisions it
            "computeName": "ci",
            "workspaceName": "hub",
            "resourceGroupName": "rg",
            "location": "westeurope",
            "properties": {"computeType": "ComputeInstance"},
        },
    )
    _, live, refreshed = azure.read(T + "machinelearningservices:Workspace", rid, inputs, created)
    rules = refreshed["managedNetwork"]["outboundRules"]
    assert live["managedNetwork"]["status"]["status"] == "Active"
    assert rules["pypi"]["status"] == "Active"
    required = [n for n in rules if n.startswith("__SYS_PE_")]
    assert {n.split("_")[5] for n in required} == {"blob", "file", "amlworkspace"}
    assert refreshed["managedNetwork"]["status"]["status"] == "Active"
    diff = azure.diff(T + "machinelearningservices:Workspace", refreshed, inputs)
    assert diff.changes == provider_pb2.DiffResponse.DIFF_SOME  # the next preview shows it


def test_blob_cors_and_registry_connections(azure: SimClient, build: Builders) -> None:
    build.resource_group("rg")
    build.storage_account("rg", "stml")
    blob_inputs = {"accountName": "stml", "resourceGroupName": "rg", "blobServicesName": "default"}
    blob_id, blob = azure.create(T + "storage:BlobServiceProperties", blob_inputs)
    assert "cors" not in blob
    account = blob_id.rsplit("/blobServices/", 1)[0]
    build.workspace("rg", "ws", storageAccount=account)
    _, _, inputs = azure.read(
        T + "storage:BlobServiceProperties",
        blob_id,
        {**blob_inputs, "azureApiVersion": "2024-01-01"},
        blob,
    )
    assert inputs["cors"]["corsRules"][0]["allowedOrigins"][1] == "https://ml.azure.com"

    registry_id, registry = azure.create(
        T + "machinelearningservices:Registry",
        {"registryName": "mlr", "resourceGroupName": "rg", "location": "westeurope"},
    )
    assert registry["registryPrivateEndpointConnections"] == []
    build.vnet("rg")
    subnet = build.subnet("rg")
    _, pe = azure.create(
        T + "network:PrivateEndpoint",
        {
            "privateEndpointName": "pep-mlr",
            "resourceGroupName": "rg",
            "location": "westeurope",
            "subnet": {"id": subnet},
            "privateLinkServiceConnections": [
                {"name": "c", "groupIds": ["amlregistry"], "privateLinkServiceId": registry_id}
            ],
        },
    )
    assert pe["networkInterfaces"][0]["id"].endswith(
        ".nic." + pe["networkInterfaces"][0]["id"].rsplit(".nic.", 1)[1]
    )
    assert pe["customDnsConfigs"][0]["ipAddresses"] == ["10.42.0.4"]
    live = azure.read(T + "machinelearningservices:Registry", registry_id)[1]
    [connection] = live["registryPrivateEndpointConnections"]
    assert connection["privateEndpoint"]["id"].endswith("/privateEndpoints/pep-mlr")


def test_read_of_a_deleted_resource_and_cascade(
    azure: SimClient, build: Builders, db: Path
) -> None:
    rg = build.resource_group("rg")
    build.storage_account("rg", "stgone")
    build.vault("rg", "kv-gone")
    azure.delete(T + "resources:ResourceGroup", rg)  # ARM deletes a group's contents
    assert azure.read(T + "resources:ResourceGroup", rg)[0] == ""
    seeded = SimulatedAzure(str(db))
    assert seeded.resources() == []
    assert [v["name"] for v in seeded.deleted_vaults()] == ["kv-gone"]


# Seeding, CLI, time provider, launcher ----------------------------------------------------------
def test_seed_api_and_cli(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    azure = SimulatedAzure(str(db), SUB)
    rg = azure.add_resource(
        T + "resources:ResourceGroup",
        {"resourceGroupName": "rg-hub-network", "location": "westeurope"},
    )
    azure.add_resource(
        T + "privatedns:PrivateZone",
        {
            "privateZoneName": "privatelink.api.azureml.ms",
            "resourceGroupName": "rg-hub-network",
            "location": "global",
        },
    )
    assert cli(["--db", str(db), "seed-principals", "--kind", "Group", "1234"]) == 0
    assert ("1234", "Group", "seed") in azure.principals()
    assert cli(["--db", str(db), "list"]) == 0
    assert rg in capsys.readouterr().out
    group = azure.get(rg)
    assert group is not None and group["properties"]["provisioningState"] == "Succeeded"


def test_time_sleep(azure: SimClient) -> None:
    ctx, token = FakeContext(), "time:index/sleep:Sleep"
    inputs = {"createDuration": "60s", "triggers": {"principalId": "p"}}
    created = azure.time.Create(
        provider_pb2.CreateRequest(urn=urn(token, "wait"), properties=to_struct(inputs)), ctx
    )
    assert created.id == "2026-12-15T10:00:00Z" and to_dict(created.properties) == inputs
    diff = azure.time.Diff(
        provider_pb2.DiffRequest(
            urn=urn(token, "wait"),
            olds=to_struct(inputs),
            old_inputs=to_struct(inputs),
            news=to_struct({**inputs, "triggers": {"principalId": "q"}}),
        ),
        ctx,
    )
    assert list(diff.replaces) == ["triggers"]


def test_errors_reach_the_engine_as_grpc_errors(azure: SimClient) -> None:
    with pytest.raises(RpcFailure) as failure:
        azure.create(
            T + "storage:StorageAccount",
            {"accountName": "st", "resourceGroupName": "nope", "location": "x"},
        )
    assert failure.value.code == grpc.StatusCode.UNKNOWN
    assert failure.value.details.startswith('Status=404 Code="ResourceGroupNotFound"')


def test_launcher_handshake(db: Path) -> None:
    env = {**os.environ, "AMLLZ_SIM_AZURE_DB": str(db)}
    process = subprocess.Popen(
        [sys.executable, str(BIN / "pulumi-resource-azure-native"), "127.0.0.1:1", "--logtostderr"],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
    )
    try:
        port = int(process.stdout.readline())  # type: ignore[union-attr]
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = provider_pb2_grpc.ResourceProviderStub(channel)
            assert stub.GetPluginInfo(empty_pb2.Empty(), timeout=10).version == "3.29.0"
    finally:
        process.kill()
        process.wait()
    env.pop("AMLLZ_SIM_AZURE_DB")
    missing = subprocess.run(
        [sys.executable, str(BIN / "pulumi-resource-azure-native")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode != 0 and "AMLLZ_SIM_AZURE_DB is not set" in missing.stderr


def test_unknown_types_and_getters(azure: SimClient, build: Builders) -> None:
    build.resource_group("rg")
    rid, outputs = azure.create(
        T + "search:Service",
        {"searchServiceName": "srch", "resourceGroupName": "rg", "location": "westeurope"},
    )
    assert rid.endswith("/resourceGroups/rg/providers/Microsoft.Search/services/srch")
    assert outputs["provisioningState"] == "Succeeded"
    group = azure.invoke(T + "resources:getResourceGroup", {"resourceGroupName": "rg"})
    assert group["location"] == "westeurope"
    with pytest.raises(RpcFailure, match="ResourceGroupNotFound"):
        azure.invoke(T + "resources:getResourceGroup", {"resourceGroupName": "nope"})


def test_preview_answers_the_response_shape_with_unknowns(azure: SimClient) -> None:
    """A user-assigned identity goes in as a list of ids and comes out as Azure's map: in a
    preview the principal and client ids are not known yet."""
    uai = (
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/"
        "userAssignedIdentities/id-hub"
    )
    token = T + "machinelearningservices:Workspace"
    inputs = {
        "resourceGroupName": "rg",
        "workspaceName": "hub",
        "identity": {"type": "UserAssigned", "userAssignedIdentities": [uai]},
    }
    request = provider_pb2.CreateRequest(
        urn=urn(token, "hub"), properties=to_struct(inputs), preview=True
    )
    answer = azure.provider.Create(request, FakeContext())
    assert answer.id == ""
    assert to_dict(answer.properties)["identity"] == {
        "type": "UserAssigned",
        "userAssignedIdentities": {uai: {"principalId": UNKNOWN, "clientId": UNKNOWN}},
    }


def test_a_registry_gets_the_storage_and_acr_azure_creates_for_it(
    azure: SimClient, build: Builders
) -> None:
    """Azure puts a storage account and a container registry per region into the registry's
    managed resource group and reports their ids; they exist (grants on them land) and go
    with the registry."""
    build.resource_group("rg-reg")
    account = {"systemCreatedStorageAccount": {"storageAccountType": "Standard_ZRS"}}
    inputs = {
        "resourceGroupName": "rg-reg",
        "registryName": "mlr-contoso",
        "location": "westeurope",
        "regionDetails": [
            {
                "location": "westeurope",
                "storageAccountDetails": [account],
                "acrDetails": [{"systemCreatedAcrAccount": {"acrAccountSku": "Premium"}}],
            }
        ],
    }
    rid, out = azure.create(T + "machinelearningservices:Registry", inputs, name="mlr")
    region = out["regionDetails"][0]
    created = region["storageAccountDetails"][0]["systemCreatedStorageAccount"]
    storage = created["armResourceId"]["resourceId"]
    acr = region["acrDetails"][0]["systemCreatedAcrAccount"]["armResourceId"]["resourceId"]
    group = out["managedResourceGroup"]["resourceId"]
    assert "/resourceGroups/azureml-rg-mlr-contoso_" in group
    assert storage.startswith(group + "/providers/Microsoft.Storage/storageAccounts/")
    assert acr.startswith(group + "/providers/Microsoft.ContainerRegistry/registries/")
    existing = {
        resource_id for resource_id, _ in SimulatedAzure(str(azure.provider.store.path)).resources()
    }
    assert {group, storage, acr} <= existing
    azure.delete(T + "machinelearningservices:Registry", rid)
    left = {
        resource_id for resource_id, _ in SimulatedAzure(str(azure.provider.store.path)).resources()
    }
    assert not {group, storage, acr} & left
