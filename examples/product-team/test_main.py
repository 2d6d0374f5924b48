"""Run __main__.py under Pulumi's mocks, with the platform stack's outputs from a file.

``platform-outputs.json`` is what ``pulumi stack output --json`` prints for the platform stack;
the mocked StackReference answers with it, so the program can read nothing else. Run it with
``python test_main.py`` (it prints what was registered) or with pytest."""

import json
import runpy
from pathlib import Path

import pulumi
import yaml

HERE = Path(__file__).parent
STACK = "dev"
PLATFORM = json.loads((HERE / "platform-outputs.json").read_text())
CONFIG = yaml.safe_load((HERE / f"Pulumi.{STACK}.yaml").read_text())["config"]


class Mocks(pulumi.runtime.Mocks):
    """Stands in for every provider and the platform stack; records what is registered."""

    def __init__(self) -> None:
        self.registered: dict[str, pulumi.runtime.MockResourceArgs] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        self.registered[args.name] = args
        if args.typ == "pulumi:pulumi:StackReference":
            outputs = {"name": args.name, "outputs": PLATFORM, "secretOutputNames": []}
            return args.name, outputs
        # Echo the inputs, plus the `name` output every azure-native resource has.
        return f"{args.name}_id", {**args.inputs, "name": args.name}

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}


mocks = Mocks()
pulumi.runtime.set_mocks(mocks, project="ml-product-team", stack=STACK, preview=False)
pulumi.runtime.set_all_config(
    {k: v if isinstance(v, str) else json.dumps(v) for k, v in CONFIG.items()}
)


@pulumi.runtime.test
def run_program() -> None:
    runpy.run_path(str(HERE / "__main__.py"))


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
    assert member["scope"] == "fraud-ws_id"


if __name__ == "__main__":
    test_project_is_created_under_the_platform_hub()
    for name, args in sorted(mocks.registered.items()):
        print(args.typ, name)
