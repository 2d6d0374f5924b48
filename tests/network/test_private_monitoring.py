"""Monitoring is private by default: Application Insights and Log Analytics refuse public ingestion
and queries and sit in an Azure Monitor Private Link Scope (PrivateOnly), reached through ONE
``azuremonitor`` endpoint in the hub's endpoint subnet. Dev opts out explicitly; a landing zone
with a central workspace joins the platform's scope instead of creating a second one."""

from __future__ import annotations

import pytest
from aml_landing_zone.offline.model import ProgramRun, RecordedResource

from tests.conftest import of_type, one, run_stack
from tests.network.scenarios import PLATFORM_AMPLS, scenario
from tests.network.test_private_endpoints import (
    GROUP,
    PE,
    ZONE,
    group_id,
    zone_group_of,
    zone_names,
)

SCOPE = "azure-native:monitor:PrivateLinkScope"
LINK = "azure-native:monitor:PrivateLinkScopedResource"
LOG = "azure-native:operationalinsights:Workspace"
APPI = "azure-native:applicationinsights:Component"
SUBNET = "azure-native:network:Subnet"
MONITOR_ZONES = [
    "privatelink.monitor.azure.com",
    "privatelink.oms.opinsights.azure.com",
    "privatelink.ods.opinsights.azure.com",
    "privatelink.agentsvc.azure-automation.net",
    "privatelink.blob.core.windows.net",
]
PUBLIC_ACCESS = ("publicNetworkAccessForIngestion", "publicNetworkAccessForQuery")


@pytest.fixture(scope="module")
def prod() -> ProgramRun:
    return run_stack("prod")


@pytest.fixture(scope="module")
def created_dns() -> ProgramRun:
    """The test stack: private monitoring like prod, with the DNS zones created here (prod
    leaves DNS to Azure Policy, so its endpoints have no zone group)."""
    return run_stack("test")


def public_access(resource: RecordedResource) -> list[str]:
    return [resource.inputs[key] for key in PUBLIC_ACCESS]


def monitor_endpoints(run: ProgramRun) -> list[RecordedResource]:
    return [e for e in of_type(run, PE) if group_id(e) == "azuremonitor"]


def test_prod_scope_is_global_and_private_only(prod: ProgramRun) -> None:
    scope = one(prod, SCOPE)
    assert scope.inputs["location"] == "global"
    assert scope.inputs["scopeName"] == "ampls-contoso-ml-prod-weu"
    assert scope.inputs["resourceGroupName"] == "rg-contoso-ml-prod-weu-hub"
    assert scope.inputs["accessModeSettings"] == {
        "ingestionAccessMode": "PrivateOnly",
        "queryAccessMode": "PrivateOnly",
        "exclusions": [],
    }
    assert scope.inputs["tags"]["environment"] == "prod"


def test_prod_scope_links_the_workspace_and_app_insights(prod: ProgramRun) -> None:
    scope = one(prod, SCOPE)
    linked = {}
    for link in of_type(prod, LINK):
        assert link.inputs["resourceGroupName"] == scope.inputs["resourceGroupName"]
        assert link.inputs["scopeName"] == scope.inputs["scopeName"]
        assert link.property_dependencies["scopeName"] == (scope.urn,)
        (target,) = link.property_dependencies["linkedResourceId"]
        linked[target] = link.inputs["linkedResourceId"]
    log, appi = one(prod, LOG), one(prod, APPI)
    assert set(linked) == {log.urn, appi.urn}
    assert linked[log.urn].endswith("/workspaces/" + log.inputs["workspaceName"])
    assert linked[appi.urn].endswith("/components/" + appi.inputs["resourceName"])
    # a link's Pulumi name and Azure name are kept across runs (a new one replaces the link)
    assert {(link.name, link.inputs["name"]) for link in of_type(prod, LINK)} == {
        ("hub-ampls-appi", "appi-contoso-ml-prod-weu"),
        ("hub-ampls-log", "log-contoso-ml-prod-weu"),
    }


def test_scope_has_one_endpoint_in_the_hub_subnet_after_its_links(created_dns: ProgramRun) -> None:
    (endpoint,) = monitor_endpoints(created_dns)
    assert endpoint.inputs["subnet"]["id"].endswith("/subnets/snet-pe")
    assert endpoint.property_dependencies["subnet"] == (one(created_dns, SUBNET).urn,)
    (connection,) = endpoint.inputs["privateLinkServiceConnections"]
    assert connection["privateLinkServiceId"].endswith(
        "/Microsoft.Insights/privateLinkScopes/ampls-contoso-ml-test-weu"
    )
    assert endpoint.inputs["privateEndpointName"] == "pep-ampls-contoso-ml-test-weu-azuremonitor"
    assert {link.urn for link in of_type(created_dns, LINK)} <= set(endpoint.dependencies)
    assert zone_names(zone_group_of(created_dns, endpoint)) == MONITOR_ZONES


def test_the_blob_zone_the_scope_shares_with_storage_is_created_once(
    created_dns: ProgramRun,
) -> None:
    zones = [z.inputs["privateZoneName"] for z in of_type(created_dns, ZONE)]
    assert sorted(zones) == sorted(set(zones))
    assert set(MONITOR_ZONES) <= set(zones)
    (blob_zone,) = [
        z for z in of_type(created_dns, ZONE) if z.inputs["privateZoneName"] == MONITOR_ZONES[4]
    ]
    using_blob = [
        g
        for g in of_type(created_dns, GROUP)
        if blob_zone.urn in g.property_dependencies["privateDnsZoneConfigs"]
    ]
    assert sorted(g.name for g in using_blob) == ["hub-pep-ampls-dns", "hub-pep-st-blob-dns"]


def test_prod_workspace_and_app_insights_refuse_public_ingestion_and_query(
    prod: ProgramRun,
) -> None:
    assert public_access(one(prod, LOG)) == ["Disabled", "Disabled"]
    assert public_access(one(prod, APPI)) == ["Disabled", "Disabled"]


def test_dev_opts_out_explicitly(dev_run: ProgramRun) -> None:
    assert of_type(dev_run, SCOPE) == []
    assert of_type(dev_run, LINK) == []
    assert monitor_endpoints(dev_run) == []
    assert public_access(one(dev_run, LOG)) == ["Enabled", "Enabled"]
    assert public_access(one(dev_run, APPI)) == ["Enabled", "Enabled"]


def test_central_workspace_joins_the_platform_scope() -> None:
    run = scenario("enterprise")
    assert of_type(run, SCOPE) == []
    assert monitor_endpoints(run) == []
    (link,) = of_type(run, LINK)  # the central workspace is the platform's to link
    assert (link.inputs["resourceGroupName"], link.inputs["scopeName"]) == (
        "rg-management",
        "ampls-platform",
    )
    assert PLATFORM_AMPLS.endswith("/" + link.inputs["scopeName"])
    appi = one(run, APPI)
    assert link.property_dependencies["linkedResourceId"] == (appi.urn,)
    assert public_access(appi) == ["Disabled", "Disabled"]
