"""The building blocks' own guards, for callers that build component args without the config
model (another stack, another language): no program run needed."""

from __future__ import annotations

from typing import Any

import pytest
from aml_landing_zone import ComponentArgsError, Hub
from aml_landing_zone.blocks.managed_network import managed_network_settings
from aml_landing_zone.blocks.network import check_spoke
from aml_landing_zone.blocks.private_endpoint import private_dns_zones
from aml_landing_zone.dns_zones import zones_for
from aml_landing_zone.ipranges import parse_allowed_ip

HUB: dict[str, Any] = {"organization": "contoso", "environment": "dev", "location": "westeurope"}


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
    ],
)
def test_zone_names_follow_the_cloud_of_the_region(
    location: str, group: str, zones: tuple[str, ...]
) -> None:
    assert zones_for(location, group) == zones


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


@pytest.mark.parametrize(
    ("space", "subnet", "problem"),
    [
        ("10.40.0.0/24", "10.40.1.0/26", "is not inside the address space"),
        ("10.40.0.0/24", "10.40.0.0/29", "too small"),
        ("169.254.0.0/24", "169.254.0.0/26", "which Azure reserves"),
        ("10.40.0.0/33", "10.40.0.0/26", "not a CIDR range"),
    ],
)
def test_spoke_refuses_ranges_azure_cannot_use(space: str, subnet: str, problem: str) -> None:
    with pytest.raises(ComponentArgsError, match=problem):
        check_spoke(space, subnet)


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ({"encryption": {"cosmos_db_principal_id": "x"}}, "encryption needs identity"),
        (
            {
                "identity": "UserAssigned",
                "key_vault_purge_protection": False,
                "encryption": {"cosmos_db_principal_id": "x"},
            },
            "needs purge protection",
        ),
        ({"allowed_ip_ranges": ["52.178.17.0/24"]}, "needs public_network_access 'Enabled'"),
        ({"private_endpoints": {}}, "exactly one of subnet_id, virtual_network"),
    ],
)
def test_hub_refuses_unsafe_args_before_registering_anything(
    extra: dict[str, Any], problem: str
) -> None:
    with pytest.raises(ComponentArgsError, match=problem):
        Hub("hub", {**HUB, **extra})  # type: ignore[typeddict-item]


def test_managed_network_refuses_fqdn_rules_with_internet_outbound() -> None:
    with pytest.raises(ComponentArgsError, match="needs isolation AllowOnlyApprovedOutbound"):
        managed_network_settings(
            {
                "isolation_mode": "AllowInternetOutbound",
                "outbound_rules": {"pypi": {"type": "FQDN", "destination": "pypi.org"}},
            }
        )


def test_existing_dns_refuses_a_missing_zone_id() -> None:
    with pytest.raises(ComponentArgsError, match=r"privatelink\.notebooks\.azure\.net"):
        private_dns_zones(
            "dns",
            "existing",
            zones_for("westeurope", "amlworkspace"),
            "rg",
            parent=None,  # type: ignore[arg-type]
            existing_ids={"privatelink.api.azureml.ms": "/subscriptions/x"},
        )
