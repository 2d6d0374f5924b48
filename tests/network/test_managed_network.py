"""The hub's managed network: isolation mode and typed outbound rules inline under
managedNetwork.outboundRules (never ManagedNetworkSettingsRule resources); projects inherit."""

from __future__ import annotations

from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import of_type, one
from tests.network.scenarios import DEV_LAKE_RULES, LAKE, REGISTRY_RULES, scenario

WS = "azure-native:machinelearningservices:Workspace"


def test_rules_are_inline_and_typed() -> None:
    run = scenario("enterprise")
    hub = one(run, WS, "hub-hub").inputs
    network = hub["managedNetwork"]
    assert network["isolationMode"] == "AllowOnlyApprovedOutbound"
    assert network["outboundRules"] == {
        "pypi": {"type": "FQDN", "category": "UserDefined", "destination": "pypi.org"},
        "lake": {
            "type": "PrivateEndpoint",
            "category": "UserDefined",
            "destination": {
                "serviceResourceId": LAKE,
                "subresourceTarget": "dfs",
                "sparkEnabled": False,
            },
        },
        "aad": {
            "type": "ServiceTag",
            "category": "UserDefined",
            "destination": {
                "serviceTag": "AzureActiveDirectory",
                "protocol": "TCP",
                "portRanges": "80, 443",
                "action": "Allow",
            },
        },
        **DEV_LAKE_RULES,  # the project data product's lake, derived
        **REGISTRY_RULES,  # prod's promotion registry, its storage and container registry
    }
    assert network["firewallSku"] == "Standard"  # an FQDN rule deploys the managed firewall
    assert hub["provisionNetworkNow"] is True
    assert not [r for r in run.resources if r.type.endswith(":ManagedNetworkSettingsRule")]


def test_dev_allows_internet_outbound_without_firewall(dev_run: ProgramRun) -> None:
    hub = one(dev_run, WS, "hub-hub").inputs
    # no firewall: only private-endpoint rules, to the data product's lake and the registry
    assert hub["managedNetwork"] == {
        "isolationMode": "AllowInternetOutbound",
        "outboundRules": {**DEV_LAKE_RULES, **REGISTRY_RULES},
    }
    assert hub["provisionNetworkNow"] is False


def test_projects_set_no_network_of_their_own() -> None:
    for project in (
        w for w in of_type(scenario("enterprise"), WS) if w.inputs["kind"] == "Project"
    ):
        assert "managedNetwork" not in project.inputs
        assert "provisionNetworkNow" not in project.inputs
        assert "publicNetworkAccess" not in project.inputs
