"""Azure regions the landing zone may deploy to, with the short codes CAF names use and the
sovereign cloud each belongs to (private DNS zone names differ per cloud)."""

from __future__ import annotations

from typing import Literal

Cloud = Literal["AzureCloud", "AzureUSGovernment", "AzureChinaCloud"]

# region name (as ARM spells it) -> CAF short code
REGION_CODES: dict[str, str] = {
    "australiaeast": "ae",
    "australiasoutheast": "ase",
    "brazilsouth": "brs",
    "canadacentral": "cac",
    "canadaeast": "cae",
    "centralindia": "inc",
    "centralus": "cus",
    "eastasia": "ea",
    "eastus": "eus",
    "eastus2": "eus2",
    "francecentral": "frc",
    "germanywestcentral": "gwc",
    "israelcentral": "ilc",
    "italynorth": "itn",
    "japaneast": "jpe",
    "japanwest": "jpw",
    "koreacentral": "krc",
    "mexicocentral": "mxc",
    "northcentralus": "ncus",
    "northeurope": "neu",
    "norwayeast": "nwe",
    "polandcentral": "plc",
    "qatarcentral": "qac",
    "southafricanorth": "san",
    "southcentralus": "scus",
    "southeastasia": "sea",
    "southindia": "ins",
    "spaincentral": "spc",
    "swedencentral": "sdc",
    "switzerlandnorth": "szn",
    "uaenorth": "uan",
    "uksouth": "uks",
    "ukwest": "ukw",
    "westcentralus": "wcus",
    "westeurope": "weu",
    "westus": "wus",
    "westus2": "wus2",
    "westus3": "wus3",
    "usgovarizona": "usga",
    "usgovvirginia": "usgv",
    "chinaeast2": "cne2",
    "chinanorth3": "cnn3",
}


def normalize_region(value: str) -> str:
    """Accept the display form too ("West Europe" -> "westeurope")."""
    return value.replace(" ", "").lower()


def region_code(region: str) -> str:
    return REGION_CODES[normalize_region(region)]


def cloud_of(region: str) -> Cloud:
    name = normalize_region(region)
    if name.startswith("usgov"):
        return "AzureUSGovernment"
    if name.startswith("china"):
        return "AzureChinaCloud"
    return "AzureCloud"
