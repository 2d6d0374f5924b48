"""Run __main__.py under the library's Azure mocks, with the platform stack's outputs from a file.

``platform-outputs.json`` is what ``pulumi stack output --json`` prints for the platform stack;
the mocked StackReference answers with it, so the program can read nothing else. Run it with
``python test_main.py`` (it prints what was registered) or with pytest."""

import json
import runpy
from pathlib import Path

import pulumi
import yaml
from aml_landing_zone.testing import TENANT_ID, AzureMocks
from pulumi.runtime.mocks import MockMonitor

HERE = Path(__file__).parent
STACK = "dev"
PLATFORM = json.loads((HERE / "platform-outputs.json").read_text())
CONFIG = yaml.safe_load((HERE / f"Pulumi.{STACK}.yaml").read_text())["config"]


class Monitor(MockMonitor):
    """The mock monitor, also keeping each registration's dependencies (URNs) by name."""

    def __init__(self, mocks: AzureMocks) -> None:
        super().__init__(mocks)
        self.dependencies: dict[str, set[str]] = {}

    def RegisterResource(self, request):  # the gRPC method
        self.dependencies[request.name] = set(request.dependencies)
        return super().RegisterResource(request)


# The library's Azure mocks: ARM ids, Azure names, the deploying client's tenant; the platform
# stack answered from the file, in the platform's subscription.
mocks = AzureMocks(
    subscription_id=PLATFORM["subscriptionId"],
    stack_outputs={CONFIG["ml-product-team:platformStack"]: PLATFORM},
)
monitor = Monitor(mocks)
pulumi.runtime.set_mocks(
    mocks, project="ml-product-team", stack=STACK, preview=False, monitor=monitor
)
pulumi.runtime.set_all_config(
    {k: v if isinstance(v, str) else json.dumps(v) for k, v in CONFIG.items()}
)


@pulumi.runtime.test
def _run() -> None:
    runpy.run_path(str(HERE / "__main__.py"))


def run_program() -> None:
    """Run the program once; every test reads what that run registered."""
    if not mocks.registered:
        _run()


def test_project_is_created_under_the_platform_hub() -> None:
    run_program()
    inputs = {name: args.inputs for name, args in mocks.registered.items()}
    reference = mocks.registered[CONFIG["ml-product-team:platformStack"]]
    assert reference.typ == "pulumi:pulumi:StackReference"
    workspace = inputs["fraud-ws"]
    assert workspace["kind"] == "Project"
    assert workspace["hubResourceId"] == PLATFORM["hubId"]
    assert workspace["resourceGroupName"] == PLATFORM["projectResourceGroupName"]
    assert workspace["location"] == PLATFORM["location"]
    assert workspace["hbiWorkspace"] == PLATFORM["highBusinessImpact"]
    assert workspace["tags"] == {**PLATFORM["tags"], "project": "fraud"}
    [diagnostics] = [
        args.inputs
        for args in mocks.registered.values()
        if args.typ == "azure-native:monitor:DiagnosticSetting"
    ]
    assert diagnostics["workspaceId"] == PLATFORM["logAnalyticsWorkspaceId"]
    [member] = [
        args.inputs
        for args in mocks.registered.values()
        if args.typ == "azure-native:authorization:RoleAssignment"
    ]
    assert member["principalId"] == CONFIG["ml-product-team:members"][0]["principalId"]
    assert member["scope"] == mocks.ids["fraud-ws"]


def test_each_member_gets_a_private_personal_instance_in_the_project() -> None:
    run_program()
    configured = CONFIG["ml-product-team:computeInstances"]
    computes = {
        args.inputs["computeName"]: args.inputs
        for args in mocks.registered.values()
        if args.typ == "azure-native:machinelearningservices:Compute"
    }
    assert sorted(computes) == sorted(configured)
    for name, settings in configured.items():
        compute = computes[name]
        # in the project: its workspace, resource group and region
        assert compute["workspaceName"] == CONFIG["ml-product-team:workspaceName"]
        assert compute["resourceGroupName"] == PLATFORM["projectResourceGroupName"]
        assert compute["location"] == PLATFORM["location"]
        assert compute["properties"]["computeType"] == "ComputeInstance"
        assert compute["properties"]["disableLocalAuth"] is True
        instance = compute["properties"]["properties"]
        assert instance["enableNodePublicIp"] is False
        assert instance["sshSettings"] == {"sshPublicAccess": "Disabled"}
        assert instance["personalComputeInstanceSettings"] == {
            "assignedUser": {"objectId": settings["assignedUser"], "tenantId": TENANT_ID}
        }
        assert instance["idleTimeBeforeShutdown"] == settings.get("idleTimeBeforeShutdown", "PT60M")


def test_instances_wait_for_the_project_and_the_hubs_private_endpoint() -> None:
    run_program()
    endpoint = mocks.registered["hub-private-endpoint"]
    assert endpoint.typ == "azure-native:network:PrivateEndpoint"
    assert endpoint.resource_id == PLATFORM["hubPrivateEndpointId"]  # read, never created
    for name in CONFIG["ml-product-team:computeInstances"]:
        waits_for = {urn.rsplit("::", 1)[-1] for urn in monitor.dependencies[f"{name}-ci"]}
        assert {"fraud-ws", "hub-private-endpoint"} <= waits_for  # the project's workspace


if __name__ == "__main__":
    test_project_is_created_under_the_platform_hub()
    test_each_member_gets_a_private_personal_instance_in_the_project()
    test_instances_wait_for_the_project_and_the_hubs_private_endpoint()
    for name, args in sorted(mocks.registered.items()):
        print(args.typ, f"{name} (read)" if args.resource_id else name)
