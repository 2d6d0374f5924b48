"""Private DNS zone links: "Creating multiple zones with the same name for a single virtual
network is not supported" (learn.microsoft.com/azure/private-link/private-link-faq; PR
MicrosoftDocs/azure-docs#122956). Linking a virtual network to a second zone of the same name
(the same namespace in another resource group) fails with ``BadRequest: A virtual network cannot
be linked to multiple zones with overlapping namespaces. You tried to link virtual network with
'<zone>' and '<zone>' zones.`` (Azure/ARO-RP#796, MicrosoftDocs/azure-aks-docs#212).
"""

from __future__ import annotations

from ..errors import ArmError
from ..values import get_path, known_text
from .base import Op

LINK = "azure-native:privatedns:VirtualNetworkLink"


def _zone_id(link_id: str) -> str:
    return link_id.lower().split("/virtualnetworklinks/", 1)[0]


def before_create(op: Op) -> None:
    if op.token != LINK:
        return
    vnet = (known_text(get_path(op.inputs, "virtualNetwork.id")) or "").lower().rstrip("/")
    zone = str(op.inputs.get("privateZoneName", "")).lower().rstrip(".")
    if not vnet:
        return
    for other in op.tx.all(LINK):
        theirs = (known_text(get_path(other.inputs, "virtualNetwork.id")) or "").lower()
        other_zone = str(other.inputs.get("privateZoneName", "")).lower().rstrip(".")
        if (
            theirs.rstrip("/") == vnet
            and other_zone == zone
            and (_zone_id(other.id) != _zone_id(op.id))
        ):
            raise ArmError(
                "BadRequest",
                "A virtual network cannot be linked to multiple zones with overlapping "
                f"namespaces. You tried to link virtual network with '{other_zone}' and "
                f"'{zone}' zones.",
                400,
            )
