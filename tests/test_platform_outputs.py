"""The platform stack exports the contract product-team stacks read (platform_outputs.py)."""

from __future__ import annotations

import json

import pytest
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.platform_outputs import (
    PLATFORM_OUTPUT_KEYS,
    REQUIRED_KEYS,
    read_platform_outputs,
)

from tests.conftest import of_type, one, run_stack
from tests.stack_values import ROOT, stack_config, stack_values

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
    endpoint = one(run, "azure-native:network:PrivateEndpoint", "hub-pep-hub")
    assert outputs["hubPrivateEndpointId"].endswith(
        f"/privateEndpoints/{endpoint.inputs['privateEndpointName']}"
    )
    assert outputs["hubPrivateEndpointId"] == outputs["hub"]["privateEndpointId"]


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


def test_network_outputs_are_absent_when_the_hub_has_no_private_endpoints() -> None:
    """Endpoints left to Azure Policy: no endpoint, subnet or zones to share, the rest stays."""
    config = {**stack_config("dev"), "aml-landing-zone:network": {"privateEndpoints": False}}
    run = run_stack("dev", config)
    assert not of_type(run, "azure-native:network:PrivateEndpoint")
    assert set(run.outputs) >= REQUIRED_KEYS
    optional = {"hubPrivateEndpointId", "privateEndpointSubnetId", "privateDnsZoneIds"}
    assert not optional & set(run.outputs)


def test_only_the_network_placement_is_optional() -> None:
    optional = set(PLATFORM_OUTPUT_KEYS) - REQUIRED_KEYS
    assert optional == {"privateEndpointSubnetId", "privateDnsZoneIds", "hubPrivateEndpointId"}


def test_example_platform_outputs_are_the_dev_stacks_contract() -> None:
    """The product-team example's recorded `pulumi stack output --json` holds exactly the
    contract's keys with the dev platform stack's values, so the example's test reads nothing
    the platform does not promise."""
    recorded = json.loads(EXAMPLE_OUTPUTS.read_text())
    assert recorded == contract_outputs(run_stack("dev"))


def test_reader_requires_the_required_keys_and_only_reads_the_contract() -> None:
    """Required keys go through ``require_output``, which fails the preview with a KeyError
    naming the key when the referenced stack lacks it (an older or foreign stack); optional ones
    through ``get_output`` (None when absent). Nothing else is read."""

    class Reference:
        def __init__(self) -> None:
            self.required: list[str] = []
            self.optional: list[str] = []

        def require_output(self, key: str) -> str:
            self.required.append(key)
            return f"required {key}"

        def get_output(self, key: str) -> str:
            self.optional.append(key)
            return f"optional {key}"

    reference = Reference()
    outputs = read_platform_outputs(reference)  # type: ignore[arg-type]
    assert sorted(reference.required) == sorted(REQUIRED_KEYS)
    assert sorted(reference.optional) == [
        "hubPrivateEndpointId",
        "privateDnsZoneIds",
        "privateEndpointSubnetId",
    ]
    assert list(outputs) == list(PLATFORM_OUTPUT_KEYS)
    assert outputs["hubId"] == "required hubId"
