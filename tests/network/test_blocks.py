"""Tables the building blocks read: private DNS zones per cloud, firewall IP rules."""

from __future__ import annotations

import pytest
from aml_landing_zone.dns_zones import has_group, zones_for
from aml_landing_zone.ipranges import parse_allowed_ip


@pytest.mark.parametrize(
    ("location", "group", "zones"),
    [
        (
            "westeurope",
            "amlworkspace",
            ("privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"),
        ),
        (
            "usgovvirginia",
            "amlworkspace",
            ("privatelink.api.ml.azure.us", "privatelink.notebooks.usgovcloudapi.net"),
        ),
        (
            "chinaeast2",
            "amlworkspace",
            ("privatelink.api.ml.azure.cn", "privatelink.notebooks.chinacloudapi.cn"),
        ),
        ("chinaeast2", "blob", ("privatelink.blob.core.chinacloudapi.cn",)),
        ("chinaeast2", "file", ("privatelink.file.core.chinacloudapi.cn",)),
        ("chinaeast2", "vault", ("privatelink.vaultcore.azure.cn",)),
        ("chinaeast2", "registry", ("privatelink.azurecr.cn",)),
        ("usgovarizona", "vault", ("privatelink.vaultcore.usgovcloudapi.net",)),
        ("usgovarizona", "registry", ("privatelink.azurecr.us",)),
        (
            "westeurope",
            "azuremonitor",
            (
                "privatelink.monitor.azure.com",
                "privatelink.oms.opinsights.azure.com",
                "privatelink.ods.opinsights.azure.com",
                "privatelink.agentsvc.azure-automation.net",
                "privatelink.blob.core.windows.net",
            ),
        ),
        (
            "usgovvirginia",
            "azuremonitor",
            (
                "privatelink.monitor.azure.us",
                "privatelink.adx.monitor.azure.us",
                "privatelink.oms.opinsights.azure.us",
                "privatelink.ods.opinsights.azure.us",
                "privatelink.agentsvc.azure-automation.us",
                "privatelink.blob.core.usgovcloudapi.net",
            ),
        ),
    ],
)
def test_zone_names_follow_the_cloud_of_the_region(
    location: str, group: str, zones: tuple[str, ...]
) -> None:
    assert zones_for(location, group) == zones


def test_azure_monitor_shares_the_blob_zone_and_has_no_china_zones() -> None:
    assert zones_for("westeurope", "blob")[0] in zones_for("westeurope", "azuremonitor")
    assert has_group("westeurope", "azuremonitor")
    assert not has_group("chinaeast2", "azuremonitor")  # the China table lists none


@pytest.mark.parametrize(
    ("value", "rule"), [("40.74.28.1/32", "40.74.28.1"), ("52.178.17.0/24", "52.178.17.0/24")]
)
def test_allowed_ip_is_written_as_every_firewall_accepts_it(value: str, rule: str) -> None:
    assert parse_allowed_ip(value) == rule


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("40.74.28.0/31", "reject /31"),
        ("192.168.0.0/16", "not a public range"),
        ("2001:db8::/32", "IPv6"),
        ("52.178.17.1/24", "host bits must be zero"),
        ("office", "not an IPv4 address"),
    ],
)
def test_allowed_ip_refuses_what_a_firewall_would(value: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_allowed_ip(value)
