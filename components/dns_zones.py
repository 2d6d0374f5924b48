"""Private DNS zone names per cloud and private-link group.

Azure names the ``privatelink`` zones differently in each cloud, so the zones a private endpoint
needs are looked up by the cloud the landing zone's region belongs to (``regions.cloud_of``).
Sources: Azure Private Endpoint DNS zone values (public, Government and China tables,
https://learn.microsoft.com/azure/private-link/private-endpoint-dns) and Azure ML "How to configure
a private endpoint" (the ``amlworkspace`` group needs BOTH its zones). An Azure ML registry's
``amlregistry`` endpoint registers in the workspace API zone ("Network isolation with
registries", https://learn.microsoft.com/azure/machine-learning/how-to-registry-network-isolation),
which every hub creates or is given already.

``azuremonitor`` is the group of an Azure Monitor Private Link Scope (AMPLS): its ONE endpoint
registers in five zones (six in US Government, which adds the ADX proxy zone), one of them the
storage ``blob`` zone the storage endpoint uses too; ``zones_needed`` creates such a zone once. The
China table lists no Azure Monitor zones, so China has no ``azuremonitor`` group and a scope
endpoint there is a config error (``config.monitoring``)."""

from __future__ import annotations

from collections.abc import Iterable

from .regions import Cloud, cloud_of

# private-link group id -> the zones its endpoint registers in, per cloud
ZONES: dict[Cloud, dict[str, tuple[str, ...]]] = {
    "AzureCloud": {
        "amlworkspace": ("privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"),
        "amlregistry": ("privatelink.api.azureml.ms",),
        "blob": ("privatelink.blob.core.windows.net",),
        "file": ("privatelink.file.core.windows.net",),
        "vault": ("privatelink.vaultcore.azure.net",),
        "registry": ("privatelink.azurecr.io",),
        "azuremonitor": (
            "privatelink.monitor.azure.com",
            "privatelink.oms.opinsights.azure.com",
            "privatelink.ods.opinsights.azure.com",
            "privatelink.agentsvc.azure-automation.net",
            "privatelink.blob.core.windows.net",
        ),
    },
    "AzureUSGovernment": {
        "amlworkspace": ("privatelink.api.ml.azure.us", "privatelink.notebooks.usgovcloudapi.net"),
        "amlregistry": ("privatelink.api.ml.azure.us",),
        "blob": ("privatelink.blob.core.usgovcloudapi.net",),
        "file": ("privatelink.file.core.usgovcloudapi.net",),
        "vault": ("privatelink.vaultcore.usgovcloudapi.net",),
        "registry": ("privatelink.azurecr.us",),
        "azuremonitor": (
            "privatelink.monitor.azure.us",
            "privatelink.adx.monitor.azure.us",
            "privatelink.oms.opinsights.azure.us",
            "privatelink.ods.opinsights.azure.us",
            "privatelink.agentsvc.azure-automation.us",
            "privatelink.blob.core.usgovcloudapi.net",
        ),
    },
    "AzureChinaCloud": {
        "amlworkspace": ("privatelink.api.ml.azure.cn", "privatelink.notebooks.chinacloudapi.cn"),
        "amlregistry": ("privatelink.api.ml.azure.cn",),
        "blob": ("privatelink.blob.core.chinacloudapi.cn",),
        "file": ("privatelink.file.core.chinacloudapi.cn",),
        "vault": ("privatelink.vaultcore.azure.cn",),
        "registry": ("privatelink.azurecr.cn",),
    },
}

# Key Vault data-plane host suffix per cloud (key URIs are https://<vault>.<suffix>/keys/...).
VAULT_SUFFIXES: dict[Cloud, str] = {
    "AzureCloud": "vault.azure.net",
    "AzureUSGovernment": "vault.usgovcloudapi.net",
    "AzureChinaCloud": "vault.azure.cn",
}


def has_group(location: str, group: str) -> bool:
    """Whether Azure names the zones of ``group`` in the cloud of ``location``."""
    return group in ZONES[cloud_of(location)]


def zones_for(location: str, group: str) -> tuple[str, ...]:
    """The zones an endpoint of ``group`` registers in, in the cloud of ``location``."""
    return ZONES[cloud_of(location)][group]


def storage_suffix(location: str) -> str:
    """``core.windows.net`` or its sovereign-cloud twin, read from the blob zone's name: the
    host suffix of the storage endpoints in the cloud of ``location``."""
    return zones_for(location, "blob")[0].removeprefix("privatelink.blob.")


def zones_needed(location: str, groups: Iterable[str]) -> tuple[str, ...]:
    """Every zone the given groups need, each once, in a stable order."""
    needed: dict[str, None] = {}
    for group in groups:
        for zone in zones_for(location, group):
            needed.setdefault(zone)
    return tuple(needed)


MONITOR_GROUP = "azuremonitor"


def hub_endpoint_groups(container_registry: bool, monitor_scope: bool = False) -> tuple[str, ...]:
    """The private-link groups the hub gets endpoints for; ``monitor_scope`` when the hub
    creates its own Azure Monitor Private Link Scope (``MonitoringSettings.creates_scope``)."""
    groups: tuple[str, ...] = ("amlworkspace", "blob", "file", "vault")
    if container_registry:
        groups = (*groups, "registry")
    return (*groups, MONITOR_GROUP) if monitor_scope else groups


def aks_private_dns_zone(region: str) -> str:
    """The regional zone of a private cluster's API server (a custom zone must be named
    ``privatelink.<region>.azmk8s.io``: https://learn.microsoft.com/azure/aks/private-clusters)."""
    return f"privatelink.{region}.azmk8s.io"
