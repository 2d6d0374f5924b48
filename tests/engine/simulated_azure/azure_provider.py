"""The ``azure-native`` plugin: Pulumi's resource RPCs on top of the simulated ARM."""

from __future__ import annotations

from typing import Any

from google.protobuf import empty_pb2
from pulumi.runtime.proto import provider_pb2

from . import arm_ids, config
from .azure_fills import preview_state
from .diffing import diff_response
from .errors import ArmError
from .operations import Simulator
from .server import BaseProvider, rpc, type_of
from .state import Store
from .values import has_unknown, to_dict, to_struct

VERSION = "3.29.0"


def client_config(subscription: str) -> dict[str, str]:
    """``azure-native:authorization:getClientConfig`` (provider/pkg/provider/
    auth_getclientconfig.go): the deploying principal and where it deploys."""
    return {
        "clientId": config.client_id(),
        "objectId": config.client_object_id(),
        "subscriptionId": subscription,
        "tenantId": config.tenant_id(),
    }


class AzureNativeProvider(BaseProvider):
    name = "azure-native"
    version = VERSION

    def __init__(self, store: Store | None = None) -> None:
        super().__init__()
        self.store = store or Store(config.db_path())
        self.sim = Simulator(self.store)

    def configured(self) -> None:
        cfg = config.ProviderConfig.from_configure(self.variables, self.args)
        self.sim.subscription = cfg.subscription_id

    @rpc
    def Check(self, request: Any, context: Any) -> provider_pb2.CheckResponse:
        news, failures = self.sim.check(
            type_of(request), request.urn, to_dict(request.olds), to_dict(request.news)
        )
        return provider_pb2.CheckResponse(
            inputs=to_struct(news), failures=[provider_pb2.CheckFailure(reason=r) for r in failures]
        )

    @rpc
    def Diff(self, request: Any, context: Any) -> provider_pb2.DiffResponse:
        olds = (
            to_dict(request.old_inputs) if request.HasField("old_inputs") else to_dict(request.olds)
        )
        news = to_dict(request.news)
        arm = arm_ids.lookup(type_of(request), news)
        return diff_response(olds, news, arm.replace_keys)

    @rpc
    def Create(self, request: Any, context: Any) -> provider_pb2.CreateResponse:
        inputs = to_dict(request.properties)
        if request.preview or has_unknown(inputs):
            return provider_pb2.CreateResponse(
                properties=to_struct(preview_state(type_of(request), inputs))
            )
        rid, outputs = self.sim.create(type_of(request), inputs)
        return provider_pb2.CreateResponse(id=rid, properties=to_struct(outputs))

    @rpc
    def Read(self, request: Any, context: Any) -> provider_pb2.ReadResponse:
        found = self.sim.read(request.id, to_dict(request.inputs), to_dict(request.properties))
        if found is None:
            return provider_pb2.ReadResponse(id="")
        rid, outputs, inputs = found
        return provider_pb2.ReadResponse(
            id=rid, properties=to_struct(outputs), inputs=to_struct(inputs)
        )

    @rpc
    def Update(self, request: Any, context: Any) -> provider_pb2.UpdateResponse:
        news = to_dict(request.news)
        if request.preview or has_unknown(news):
            # azure-native's Update preview: the inputs in the response's shape plus the two
            # outputs it calls universally immutable, name and location, from the old state;
            # everything else Azure computes is unknown (provider/pkg/provider/provider.go).
            outputs = preview_state(type_of(request), news)
            olds = to_dict(request.olds)
            outputs.update({k: olds[k] for k in ("name", "location") if k in olds})
            return provider_pb2.UpdateResponse(properties=to_struct(outputs))
        outputs = self.sim.update(type_of(request), request.id, news)
        return provider_pb2.UpdateResponse(properties=to_struct(outputs))

    @rpc
    def Delete(self, request: Any, context: Any) -> empty_pb2.Empty:
        self.sim.delete(type_of(request), request.id)
        return empty_pb2.Empty()

    @rpc
    def Invoke(self, request: Any, context: Any) -> provider_pb2.InvokeResponse:
        args = to_dict(request.args)
        if request.tok == "azure-native:authorization:getClientConfig":
            result = client_config(self.sim.subscription)
        elif request.tok.split(":")[-1].startswith("get"):
            result = self.sim.invoke_get(request.tok, args)
        else:
            raise ArmError(
                "NotImplemented",
                f"the simulated Azure does not implement the function {request.tok}",
            )
        return provider_pb2.InvokeResponse(**{"return": to_struct(result)})
