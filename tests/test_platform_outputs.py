"""The platform stack exports the contract product-team stacks read (platform_outputs.py)."""

from __future__ import annotations

import asyncio
import contextvars
import json
from typing import Any

import pulumi
import pytest
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.recorder import RecordingMonitor
from aml_landing_zone.platform_outputs import (
    PLATFORM_OUTPUT_KEYS,
    REQUIRED_KEYS,
    read_platform_outputs,
)

from tests.conftest import of_type, one, run_stack
from tests.stack_values import ROOT, stack_values

WS = "azure-native:machinelearningservices:Workspace"
RG = "azure-native:resources:ResourceGroup"
EXAMPLE_OUTPUTS = ROOT / "examples" / "product-team" / "platform-outputs.json"


def contract_outputs(run: ProgramRun) -> dict[str, object]:
    return {key: run.outputs[key] for key in PLATFORM_OUTPUT_KEYS if key in run.outputs}


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_platform_stack_exports_every_contract_key(stack: str) -> None:
    run = run_stack(stack)
    assert set(run.outputs) >= REQUIRED_KEYS, "a required contract output is not exported"
    hub = one(run, WS, "hub-hub")
    projects_rg = one(run, RG, "hub-projects-rg")
    outputs = run.outputs
    assert outputs["hubName"] == hub.inputs["workspaceName"]
    assert outputs["hubId"].endswith(f"/workspaces/{hub.inputs['workspaceName']}")
    assert outputs["resourceGroupName"] == hub.inputs["resourceGroupName"]
    assert outputs["projectResourceGroupName"] == projects_rg.inputs["resourceGroupName"]
    assert outputs["location"] == hub.inputs["location"]
    assert outputs["highBusinessImpact"] is hub.inputs["hbiWorkspace"]
    assert outputs["tags"] == hub.inputs["tags"]
    assert outputs["environment"] == stack
    assert outputs["hubId"].startswith(f"/subscriptions/{outputs['subscriptionId']}/")
    for key in ("logAnalyticsWorkspaceId", "privateEndpointSubnetId"):
        assert outputs[key] == outputs["hub"][key]


def test_dns_zone_ids_are_the_zones_the_hub_created() -> None:
    zones = of_type(run_stack("dev"), "azure-native:privatedns:PrivateZone")
    exported = run_stack("dev").outputs["privateDnsZoneIds"]
    assert sorted(exported) == sorted(z.inputs["privateZoneName"] for z in zones)
    for name, zone_id in exported.items():
        assert zone_id.endswith(f"/privateDnsZones/{name}")


def test_dns_zone_ids_are_absent_when_dns_is_left_to_policy() -> None:
    """prod's endpoints leave DNS records to Azure Policy (dns mode none): no zones to share."""
    assert stack_values("prod")["network"]["dns"]["mode"] == "none"
    assert "privateDnsZoneIds" not in run_stack("prod").outputs


def test_only_the_network_placement_is_optional() -> None:
    optional = set(PLATFORM_OUTPUT_KEYS) - REQUIRED_KEYS
    assert optional == {"privateEndpointSubnetId", "privateDnsZoneIds"}


def test_example_platform_outputs_are_the_dev_stacks_contract() -> None:
    """The product-team example's recorded `pulumi stack output --json` holds exactly the
    contract's keys with the dev platform stack's values, so the example's test reads nothing
    the platform does not promise."""
    recorded = json.loads(EXAMPLE_OUTPUTS.read_text())
    assert recorded == contract_outputs(run_stack("dev"))


def test_reading_from_a_stack_without_a_required_output_names_it() -> None:
    """A product-team stack pointed at a stack that is not a platform stack (or an older one)
    fails on the missing key by name, not later on a None."""

    class Mocks(pulumi.runtime.Mocks):
        def new_resource(self, args: pulumi.runtime.MockResourceArgs):
            outputs = {key: "x" for key in PLATFORM_OUTPUT_KEYS if key != "hubId"}
            return args.name, {"name": args.name, "outputs": outputs, "secretOutputNames": []}

        def call(self, args: pulumi.runtime.MockCallArgs):
            return {}

    mocks = Mocks()
    monitor = RecordingMonitor(mocks)  # closes the loops its worker threads get

    async def read() -> Any:
        pulumi.runtime.set_mocks(mocks, project="team", stack="dev", preview=False, monitor=monitor)
        platform = read_platform_outputs(pulumi.StackReference("contoso/platform/dev"))
        others = [output for key, output in platform.items() if key != "hubId"]
        # every other key resolves (and nothing is left unawaited when the loop closes)
        assert await asyncio.gather(*(o.future() for o in others)) == ["x"] * len(others)  # type: ignore[union-attr]
        await asyncio.gather(*(o.is_known() for o in others))  # type: ignore[union-attr]
        return await platform["hubId"].future()  # type: ignore[union-attr]

    try:
        with pytest.raises(KeyError, match="hubId"):
            contextvars.Context().run(asyncio.run, read())
    finally:
        monitor.close_thread_loops()
