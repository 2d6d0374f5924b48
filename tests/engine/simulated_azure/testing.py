"""An in-process client for the simulated providers, as the engine would drive them.

    client = SimClient.start(tmp_path / "azure.db")
    rid, outputs = client.create("azure-native:resources:ResourceGroup",
                                 {"resourceGroupName": "rg", "location": "westeurope"})

Errors come back as ``RpcFailure`` (status code and the message the CLI would print).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import struct_pb2
from pulumi.runtime.proto import provider_pb2

from .azure_provider import AzureNativeProvider
from .state import Store
from .time_provider import TimeProvider
from .values import to_dict, to_struct


class RpcFailure(Exception):
    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        super().__init__(details)
        self.code = code
        self.details = details


class FakeContext:
    def abort(self, code: grpc.StatusCode, details: str) -> None:
        raise RpcFailure(code, details)


def urn(token: str, name: str) -> str:
    return f"urn:pulumi:test::project::{token}::{name}"


@dataclass
class SimClient:
    provider: AzureNativeProvider
    time: TimeProvider

    @classmethod
    def start(cls, db: Path, subscription: str | None = None) -> SimClient:
        provider = AzureNativeProvider(Store(str(db)))
        variables = {"azure-native:config:subscriptionId": subscription} if subscription else {}
        provider.Configure(provider_pb2.ConfigureRequest(variables=variables), FakeContext())
        return cls(provider, TimeProvider())

    def check(
        self, token: str, news: dict[str, Any], olds: dict[str, Any] | None = None, name: str = "r"
    ) -> provider_pb2.CheckResponse:
        request = provider_pb2.CheckRequest(
            urn=urn(token, name), news=to_struct(news), olds=to_struct(olds or {})
        )
        return self.provider.Check(request, FakeContext())

    def create(self, token: str, inputs: dict[str, Any], name: str = "r") -> tuple[str, dict]:
        checked = to_dict(self.check(token, inputs, name=name).inputs)
        response = self.provider.Create(
            provider_pb2.CreateRequest(urn=urn(token, name), properties=to_struct(checked)),
            FakeContext(),
        )
        return response.id, to_dict(response.properties)

    def diff(
        self, token: str, olds: dict[str, Any], news: dict[str, Any]
    ) -> provider_pb2.DiffResponse:
        request = provider_pb2.DiffRequest(
            urn=urn(token, "r"),
            id="x",
            olds=to_struct(olds),
            old_inputs=to_struct(olds),
            news=to_struct(news),
        )
        return self.provider.Diff(request, FakeContext())

    def read(
        self,
        token: str,
        rid: str,
        inputs: dict[str, Any] | None = None,
        outputs: dict[str, Any] | None = None,
    ) -> tuple[str, dict, dict]:
        request = provider_pb2.ReadRequest(
            urn=urn(token, "r"),
            id=rid,
            properties=to_struct(outputs or {}),
            inputs=to_struct(inputs or {}),
        )
        response = self.provider.Read(request, FakeContext())
        return response.id, to_dict(response.properties), to_dict(response.inputs)

    def update(self, token: str, rid: str, olds: dict[str, Any], news: dict[str, Any]) -> dict:
        request = provider_pb2.UpdateRequest(
            urn=urn(token, "r"),
            id=rid,
            olds=to_struct(olds),
            old_inputs=to_struct(olds),
            news=to_struct(news),
        )
        return to_dict(self.provider.Update(request, FakeContext()).properties)

    def delete(self, token: str, rid: str) -> None:
        request = provider_pb2.DeleteRequest(urn=urn(token, "r"), id=rid)
        self.provider.Delete(request, FakeContext())

    def invoke(self, tok: str, args: dict[str, Any] | None = None) -> dict[str, Any]:
        request = provider_pb2.InvokeRequest(tok=tok, args=to_struct(args or {}))
        response = self.provider.Invoke(request, FakeContext())
        return to_dict(getattr(response, "return"))


def empty() -> struct_pb2.Struct:
    return struct_pb2.Struct()


T = "azure-native:"
LOCATION = "westeurope"


@dataclass
class Builders:
    """Typical inputs (shaped like azure-native's) for tests that need a few resources."""

    client: SimClient

    def resource_group(self, name: str = "rg") -> str:
        return self.client.create(
            T + "resources:ResourceGroup", {"resourceGroupName": name, "location": LOCATION}, name
        )[0]

    def storage_account(self, rg: str, name: str, sku: str = "Standard_LRS", **extra: Any) -> str:
        inputs = {
            "accountName": name,
            "resourceGroupName": rg,
            "location": LOCATION,
            "kind": "StorageV2",
            "sku": {"name": sku},
            **extra,
        }
        return self.client.create(T + "storage:StorageAccount", inputs, name)[0]

    def vault(self, rg: str, name: str, **props: Any) -> str:
        properties = {
            "tenantId": "t",
            "sku": {"family": "A", "name": "standard"},
            "enableRbacAuthorization": True,
            **props,
        }
        inputs = {
            "vaultName": name,
            "resourceGroupName": rg,
            "location": LOCATION,
            "properties": properties,
        }
        return self.client.create(T + "keyvault:Vault", inputs, name)[0]

    def identity(self, rg: str, name: str) -> tuple[str, str]:
        rid, out = self.client.create(
            T + "managedidentity:UserAssignedIdentity",
            {"resourceName": name, "resourceGroupName": rg, "location": LOCATION},
            name,
        )
        return rid, out["principalId"]

    def workspace(self, rg: str, name: str, **extra: Any) -> tuple[str, dict[str, Any]]:
        inputs = {
            "workspaceName": name,
            "resourceGroupName": rg,
            "location": LOCATION,
            "identity": {"type": "SystemAssigned"},
            **extra,
        }
        return self.client.create(T + "machinelearningservices:Workspace", inputs, name)

    def lock(self, scope: str, level: str = "CanNotDelete", name: str = "do-not-delete") -> str:
        return self.client.create(
            T + "authorization:ManagementLockByScope",
            {"scope": scope, "lockName": name, "level": level},
            name,
        )[0]

    def role_assignment(
        self,
        scope: str,
        principal: str,
        name: str | None = None,
        role: str = "b24988ac-6180-42a0-ab88-20f7382dd24c",
    ) -> str:
        inputs = {
            "scope": scope,
            "principalId": principal,
            "principalType": "ServicePrincipal",
            "roleDefinitionId": f"/providers/Microsoft.Authorization/roleDefinitions/{role}",
        }
        if name:
            inputs["roleAssignmentName"] = name
        return self.client.create(
            T + "authorization:RoleAssignment", inputs, name or f"ra-{principal}-{role}"
        )[0]

    def vnet(self, rg: str, name: str = "vnet") -> str:
        return self.client.create(
            T + "network:VirtualNetwork",
            {
                "virtualNetworkName": name,
                "resourceGroupName": rg,
                "location": LOCATION,
                "addressSpace": {"addressPrefixes": ["10.42.0.0/24"]},
            },
            name,
        )[0]

    def subnet(self, rg: str, vnet: str = "vnet", name: str = "snet-pe") -> str:
        return self.client.create(
            T + "network:Subnet",
            {
                "subnetName": name,
                "virtualNetworkName": vnet,
                "resourceGroupName": rg,
                "addressPrefix": "10.42.0.0/26",
            },
            name,
        )[0]
