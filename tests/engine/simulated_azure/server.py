"""gRPC plumbing: the parts of the Pulumi resource-provider protocol both plugins share, and the
process entry point (serve on 127.0.0.1:0, print the port as the first line of stdout, block).

Configure answers acceptSecrets/acceptResources/acceptOutputs False (the engine then strips
secrets and sends plain values) and supportsPreview True, as azure-native does: during a preview
the engine calls Create and Update with ``preview`` set and takes the provider's answer as the
resource's outputs. Without it the engine would echo the inputs, in the inputs' shape, which is
not the outputs' (a user-assigned identity is a list of ids going in and a map coming out), and
the program's SDK types would refuse them.
"""

from __future__ import annotations

import concurrent.futures
import functools
import json
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import grpc
from google.protobuf import empty_pb2
from pulumi.runtime.proto import plugin_pb2, provider_pb2, provider_pb2_grpc

from .errors import ArmError
from .values import to_dict

T = TypeVar("T")


def rpc(method: Callable[..., T]) -> Callable[..., T]:
    """Turn ArmError (and crashes) into gRPC errors the CLI prints."""

    @functools.wraps(method)
    def wrapper(self: Any, request: Any, context: grpc.ServicerContext) -> T:
        try:
            return method(self, request, context)
        except ArmError as error:
            context.abort(error.grpc_code(), str(error))
            raise  # unreachable: abort raises
        except grpc.RpcError:
            raise
        except Exception as error:  # a simulator bug: say so plainly
            detail = "".join(traceback.format_exception(error))
            context.abort(grpc.StatusCode.INTERNAL, f"simulated Azure failed: {detail}")
            raise

    return wrapper


def type_of(request: Any) -> str:
    """The resource type token, from the request or its URN (``...::parent$type::name``)."""
    if getattr(request, "type", ""):
        return str(request.type)
    return str(request.urn).split("::")[2].split("$")[-1]


class BaseProvider(provider_pb2_grpc.ResourceProviderServicer):
    """Configuration RPCs common to both plugins."""

    name = ""
    version = ""

    def __init__(self) -> None:
        self.variables: dict[str, str] = {}
        self.args: dict[str, Any] = {}

    def GetPluginInfo(self, request: empty_pb2.Empty, context: Any) -> plugin_pb2.PluginInfo:
        return plugin_pb2.PluginInfo(version=self.version)

    def GetSchema(self, request: Any, context: Any) -> provider_pb2.GetSchemaResponse:
        return provider_pb2.GetSchemaResponse(
            schema=json.dumps({"name": self.name, "version": self.version})
        )

    @rpc
    def CheckConfig(self, request: Any, context: Any) -> provider_pb2.CheckResponse:
        return provider_pb2.CheckResponse(inputs=request.news)

    @rpc
    def DiffConfig(self, request: Any, context: Any) -> provider_pb2.DiffResponse:
        same = to_dict(request.olds) == to_dict(request.news)
        return provider_pb2.DiffResponse(
            changes=provider_pb2.DiffResponse.DIFF_NONE
            if same
            else provider_pb2.DiffResponse.DIFF_SOME
        )

    @rpc
    def Configure(self, request: Any, context: Any) -> provider_pb2.ConfigureResponse:
        self.variables = dict(request.variables)
        self.args = to_dict(request.args)
        self.configured()
        return provider_pb2.ConfigureResponse(
            acceptSecrets=False, supportsPreview=True, acceptResources=False, acceptOutputs=False
        )

    def configured(self) -> None:
        """Hook: the provider configuration is known."""

    def Cancel(self, request: Any, context: Any) -> empty_pb2.Empty:
        return empty_pb2.Empty()


def serve(provider: provider_pb2_grpc.ResourceProviderServicer) -> None:
    server = grpc.server(concurrent.futures.ThreadPoolExecutor(max_workers=16))
    provider_pb2_grpc.add_ResourceProviderServicer_to_server(provider, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    server.wait_for_termination()


def main(package: str) -> None:
    """Entry point of the launchers (``bin/pulumi-resource-<package>``); arguments ignored."""
    if package == "time":
        from .time_provider import TimeProvider

        serve(TimeProvider())
        return
    from .azure_provider import AzureNativeProvider
    from .config import ConfigError

    try:
        provider = AzureNativeProvider()
    except ConfigError as error:
        sys.exit(f"pulumi-resource-azure-native (simulated): {error}")
    serve(provider)
