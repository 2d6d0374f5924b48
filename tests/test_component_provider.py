"""The component package, driven the way the Pulumi engine drives it: the provider's gRPC server
gets a ``Construct`` request (what a TypeScript or YAML program's ``amllz:index:ProjectWorkspace``
becomes), and the component registers its children with a resource monitor of its own, here a
gRPC server over the offline engine's mocks and recorder. All in this process, no CLI."""

from __future__ import annotations

import asyncio
import contextvars
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import grpc
import yaml
from aml_landing_zone.component_provider import (
    PACKAGE_NAME,
    component_provider,
    package_schema,
)
from aml_landing_zone.component_types import COMPUTE_INSTANCE_TYPE, PROJECT_TYPE
from aml_landing_zone.offline.mocks import AzureMocks
from aml_landing_zone.offline.model import RecordedResource
from aml_landing_zone.offline.recorder import RecordingMonitor, struct_to_json
from aml_landing_zone.platform_outputs import PLATFORM_OUTPUT_KEYS
from google.protobuf import empty_pb2, struct_pb2
from pulumi.provider.server import ProviderServicer
from pulumi.runtime.proto import (
    provider_pb2,
    provider_pb2_grpc,
    resource_pb2_grpc,
)

from tests.stack_values import ROOT

HUB_URN = (
    "urn:pulumi:dev::platform::amllz:index:Hub$azure-native:machinelearningservices:Workspace"
    "::hub-hub"
)
HUB_ID = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/"
    "Microsoft.MachineLearningServices/workspaces/hub-contoso-ml-dev-weu"
)
DATA_SCIENTISTS = "1c8b4d2f-6e3a-4b9c-8d7e-2f3a4b5c6d7e"
LOG = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/"
    "Microsoft.OperationalInsights/workspaces/log-contoso-ml-dev-weu"
)
# What a program in another language sends: the schema's camelCase names.
PROJECT_INPUTS = {
    "hubResourceId": HUB_ID,
    "resourceGroupName": "rg-projects",
    "location": "westeurope",
    "workspaceName": "proj-contoso-fraud-dev",
    "logAnalyticsWorkspaceId": LOG,
    "members": [{"principalId": DATA_SCIENTISTS, "role": "AzureML Data Scientist"}],
}


def _delegate(name: str) -> Callable[..., Any]:
    async def handler(self: MonitorServicer, request: Any, context: Any) -> Any:
        return await asyncio.to_thread(getattr(self.monitor, name), request)

    return handler


class MonitorServicer(resource_pb2_grpc.ResourceMonitorServicer):
    """The resource monitor's gRPC face over the offline engine's recording mock monitor."""

    def __init__(self, monitor: RecordingMonitor) -> None:
        self.monitor = monitor


# The calls a component's children make; the mock monitor answers each.
for _rpc in (
    "SupportsFeature",
    "RegisterResource",
    "RegisterResourceOutputs",
    "Invoke",
    "ReadResource",
    "GetDeploymentInfo",
    "RegisterPackage",
):
    setattr(MonitorServicer, _rpc, _delegate(_rpc))


@dataclass(frozen=True)
class Constructed:
    response: provider_pb2.ConstructResponse
    registered: dict[str, RecordedResource]

    def children(self, token: str) -> list[RecordedResource]:
        return [r for r in self.registered.values() if r.type == token]


async def _construct(
    token: str,
    name: str,
    inputs: dict[str, Any],
    deps: dict[str, str],
    depends_on: tuple[str, ...] = (),
):
    monitor = RecordingMonitor(AzureMocks())
    monitor_server = grpc.aio.server()
    resource_pb2_grpc.add_ResourceMonitorServicer_to_server(
        MonitorServicer(monitor), monitor_server
    )
    monitor_port = monitor_server.add_insecure_port("127.0.0.1:0")
    # As pulumi.provider.server.main (what component_provider_host runs) serves the provider.
    provider_server = grpc.aio.server()
    servicer = ProviderServicer(component_provider(), [], engine_address="")
    provider_pb2_grpc.add_ResourceProviderServicer_to_server(servicer, provider_server)
    provider_port = provider_server.add_insecure_port("127.0.0.1:0")
    await monitor_server.start()
    await provider_server.start()
    try:
        struct = struct_pb2.Struct()
        struct.update(inputs)
        request = provider_pb2.ConstructRequest(
            project="product-team",
            stack="dev",
            organization="organization",
            type=token,
            name=name,
            inputs=struct,
            inputDependencies={
                key: provider_pb2.ConstructRequest.PropertyDependencies(urns=[urn])
                for key, urn in deps.items()
            },
            dependencies=list(depends_on),  # the program's dependsOn on the component
            monitorEndpoint=f"127.0.0.1:{monitor_port}",
            dryRun=False,
        )
        async with grpc.aio.insecure_channel(f"127.0.0.1:{provider_port}") as channel:
            stub = provider_pb2_grpc.ResourceProviderStub(channel)
            info = await stub.GetPluginInfo(empty_pb2.Empty())
            assert info.version, "the provider reports no version"
            response = await stub.Construct(request)
    finally:
        await provider_server.stop(None)
        await monitor_server.stop(None)
        monitor.close_thread_loops()
    return Constructed(response, dict(monitor.records))


def construct(
    token: str,
    name: str,
    inputs: dict[str, Any],
    deps: dict[str, str],
    depends_on: tuple[str, ...] = (),
) -> Constructed:
    """One Construct call in a fresh context: the SDK's settings stay out of other tests."""
    return contextvars.Context().run(asyncio.run, _construct(token, name, inputs, deps, depends_on))


def test_project_workspace_is_constructed_over_grpc() -> None:
    result = construct(PROJECT_TYPE, "fraud", PROJECT_INPUTS, {"hubResourceId": HUB_URN})
    response = result.response
    assert response.urn.endswith(f"::{PACKAGE_NAME}:index:ProjectWorkspace::fraud")
    [component] = result.children(PROJECT_TYPE)
    [workspace] = result.children("azure-native:machinelearningservices:Workspace")
    assert workspace.parent == component.urn
    assert workspace.inputs["kind"] == "Project"
    assert workspace.inputs["hubResourceId"] == HUB_ID
    assert workspace.inputs["workspaceName"] == "proj-contoso-fraud-dev"
    assert workspace.inputs["resourceGroupName"] == "rg-projects"
    # the engine's dependency on the hub reaches the child that reads the hub id
    assert HUB_URN in workspace.dependencies
    [member] = result.children("azure-native:authorization:RoleAssignment")
    assert member.inputs["principalId"] == DATA_SCIENTISTS
    [diagnostics] = result.children("azure-native:monitor:DiagnosticSetting")
    assert diagnostics.inputs["workspaceId"] == LOG
    # the component's outputs go back to the caller as the schema names them
    state = struct_to_json(response.state)
    assert state["workspaceName"] == "proj-contoso-fraud-dev"
    assert state["workspaceId"].endswith("/workspaces/proj-contoso-fraud-dev")


HUB_ENDPOINT_URN = (
    "urn:pulumi:dev::platform::amllz:index:Hub$azure-native:network:PrivateEndpoint::hub-pep-hub"
)


def test_compute_instance_is_constructed_over_grpc_after_the_hubs_endpoint() -> None:
    inputs = {
        "workspaceName": "proj-contoso-fraud-dev",
        "resourceGroupName": "rg-projects",
        "location": "westeurope",
        "computeName": "ci-fraud-alice",
        "assignedUser": DATA_SCIENTISTS,
        "tenantId": "72f988bf-0000-4000-8000-000000000000",
    }
    result = construct(COMPUTE_INSTANCE_TYPE, "alice", inputs, {}, (HUB_ENDPOINT_URN,))
    [component] = result.children(COMPUTE_INSTANCE_TYPE)
    [compute] = result.children("azure-native:machinelearningservices:Compute")
    assert compute.parent == component.urn
    assert compute.inputs["workspaceName"] == "proj-contoso-fraud-dev"
    assert compute.inputs["properties"]["disableLocalAuth"] is True
    instance = compute.inputs["properties"]["properties"]
    assert instance["enableNodePublicIp"] is False
    assert instance["personalComputeInstanceSettings"]["assignedUser"] == {
        "objectId": DATA_SCIENTISTS,
        "tenantId": "72f988bf-0000-4000-8000-000000000000",
    }
    # the program's dependsOn on the component holds back the instance itself
    assert HUB_ENDPOINT_URN in compute.dependencies
    assert struct_to_json(result.response.state)["computeName"] == "ci-fraud-alice"


def test_bad_args_from_another_language_get_the_components_message() -> None:
    inputs = {**PROJECT_INPUTS, "workspaceName": "proj contoso"}
    try:
        construct(PROJECT_TYPE, "fraud", inputs, {})
    except grpc.aio.AioRpcError as error:
        assert "ProjectWorkspace 'fraud': invalid args" in (error.details() or "")
        assert "workspace_name" in (error.details() or "")
    else:
        raise AssertionError("a bad workspace name was constructed")


YAML_EXAMPLE = ROOT / "examples" / "yaml" / "Pulumi.yaml"
PLATFORM_OUTPUTS = ROOT / "examples" / "product-team" / "platform-outputs.json"
PLATFORM_OUTPUT = re.compile(r'\$\{platform\.outputs\["(\w+)"\]\}')


def yaml_properties(value: Any, platform: dict[str, Any]) -> Any:
    """The example's property values with the StackReference's outputs filled in, as Pulumi
    YAML would before sending them; any other interpolation is a mistake in the example."""
    if isinstance(value, dict):
        return {key: yaml_properties(item, platform) for key, item in value.items()}
    if isinstance(value, list):
        return [yaml_properties(item, platform) for item in value]
    if isinstance(value, str) and "${" in value:
        match = PLATFORM_OUTPUT.fullmatch(value)
        assert match, f"{value}: only the platform's outputs are interpolated"
        assert match[1] in PLATFORM_OUTPUT_KEYS, f"{match[1]} is not a contract output"
        return platform[match[1]]
    return value


def test_yaml_example_constructs_its_project_through_the_provider() -> None:
    """examples/yaml/Pulumi.yaml's ProjectWorkspace, with the dev platform's outputs, is what a
    YAML program would send: the provider accepts it and builds the project under that hub."""
    program = yaml.safe_load(YAML_EXAMPLE.read_text())
    platform = json.loads(PLATFORM_OUTPUTS.read_text())
    [(name, resource)] = [
        (key, r) for key, r in program["resources"].items() if r["type"].startswith("amllz:")
    ]
    assert resource["type"] == PROJECT_TYPE
    inputs = yaml_properties(resource["properties"], platform)
    result = construct(PROJECT_TYPE, name, inputs, {})
    [workspace] = result.children("azure-native:machinelearningservices:Workspace")
    assert workspace.inputs["hubResourceId"] == platform["hubId"]
    assert workspace.inputs["resourceGroupName"] == platform["projectResourceGroupName"]
    assert workspace.inputs["tags"] == platform["tags"]
    used = re.finditer(rf"\$\{{{name}\.(\w+)\}}", YAML_EXAMPLE.read_text())
    outputs = {match[1] for match in used}
    assert outputs == {"workspaceId", "workspaceName"}
    assert outputs <= set(struct_to_json(result.response.state))


def test_plugin_entry_point_serves_the_schema() -> None:
    """provider/__main__.py, started as the CLI starts a plugin (engine address as argument),
    prints its port and serves the same schema over gRPC."""
    with subprocess.Popen(
        [sys.executable, str(ROOT / "provider" / "__main__.py"), "127.0.0.1:1"],
        cwd=ROOT / "provider",
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as plugin:
        try:
            assert plugin.stdout is not None
            port = plugin.stdout.readline().strip()
            assert port.isdigit(), f"the plugin printed no port: {port!r}"

            async def schema() -> str:
                async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
                    stub = provider_pb2_grpc.ResourceProviderStub(channel)
                    response = await stub.GetSchema(provider_pb2.GetSchemaRequest())
                    return str(response.schema)

            served = json.loads(contextvars.Context().run(asyncio.run, schema()))
        finally:
            plugin.terminate()
    assert served == package_schema()
