"""Azure regions the landing zone may deploy to, with the short codes CAF names use and the
sovereign cloud each belongs to (private DNS zone names differ per cloud)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Cloud = Literal["AzureCloud", "AzureUSGovernment", "AzureChinaCloud"]


@dataclass(frozen=True)
class Region:
    """A region's CAF short code (names) and whether it has availability zones (zone-redundant
    storage and registries need them). Zones: "Azure regions list",
    https://learn.microsoft.com/azure/reliability/regions-list (checked 2026-12)."""

    code: str
    zones: bool


# region name (as ARM spells it) -> what the landing zone needs to know about it
REGIONS: dict[str, Region] = {
    "australiaeast": Region("ae", zones=True),
    "australiasoutheast": Region("ase", zones=False),
    "brazilsouth": Region("brs", zones=True),
    "canadacentral": Region("cac", zones=True),
    "canadaeast": Region("cae", zones=False),
    "centralindia": Region("inc", zones=True),
    "centralus": Region("cus", zones=True),
    "eastasia": Region("ea", zones=True),
    "eastus": Region("eus", zones=True),
    "eastus2": Region("eus2", zones=True),
    "francecentral": Region("frc", zones=True),
    "germanywestcentral": Region("gwc", zones=True),
    "israelcentral": Region("ilc", zones=True),
    "italynorth": Region("itn", zones=True),
    "japaneast": Region("jpe", zones=True),
    "japanwest": Region("jpw", zones=True),
    "koreacentral": Region("krc", zones=True),
    "mexicocentral": Region("mxc", zones=True),
    "northcentralus": Region("ncus", zones=False),
    "northeurope": Region("neu", zones=True),
    "norwayeast": Region("nwe", zones=True),
    "polandcentral": Region("plc", zones=True),
    "qatarcentral": Region("qac", zones=True),
    "southafricanorth": Region("san", zones=True),
    "southcentralus": Region("scus", zones=True),
    "southeastasia": Region("sea", zones=True),
    "southindia": Region("ins", zones=False),
    "spaincentral": Region("spc", zones=True),
    "swedencentral": Region("sdc", zones=True),
    "switzerlandnorth": Region("szn", zones=True),
    "uaenorth": Region("uan", zones=True),
    "uksouth": Region("uks", zones=True),
    "ukwest": Region("ukw", zones=False),
    "westcentralus": Region("wcus", zones=False),
    "westeurope": Region("weu", zones=True),
    "westus": Region("wus", zones=False),
    "westus2": Region("wus2", zones=True),
    "westus3": Region("wus3", zones=True),
    "usgovarizona": Region("usga", zones=False),
    "usgovvirginia": Region("usgv", zones=True),
    "chinaeast2": Region("cne2", zones=False),
    "chinanorth3": Region("cnn3", zones=True),
}
REGION_CODES: dict[str, str] = {name: region.code for name, region in REGIONS.items()}


def normalize_region(value: str) -> str:
    """Accept the display form too ("West Europe" -> "westeurope")."""
    return value.replace(" ", "").lower()


def region_code(region: str) -> str:
    return REGION_CODES[normalize_region(region)]


def has_zones(region: str) -> bool:
    return REGIONS[normalize_region(region)].zones


def cloud_of(region: str) -> Cloud:
    name = normalize_region(region)
    if name.startswith("usgov"):
        return "AzureUSGovernment"
    if name.startswith("china"):
        return "AzureChinaCloud"
    return "AzureCloud"
