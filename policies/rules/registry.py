"""Container registry rules (``containerregistry:Registry``, flattened inputs)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aml_landing_zone.policies.rules.common import (
    ADVISORY,
    MANDATORY,
    Config,
    get,
    ieq,
    is_true,
    resource_policy,
    show,
)
from aml_landing_zone.resource_types import (
    CONTAINER_REGISTRY,
)


def _admin_user(props: Any, _: Config) -> Iterator[str]:
    if is_true(get(props, "adminUserEnabled")):
        yield "adminUserEnabled is true; use Entra ID identities (AcrPull) instead."


def _anonymous_pull(props: Any, _: Config) -> Iterator[str]:
    if is_true(get(props, "anonymousPullEnabled")):
        yield "anonymousPullEnabled is true; images would be readable by anyone."


def _sku(props: Any, _: Config) -> Iterator[str]:
    value = get(props, "sku.name")
    if not ieq(value, "Premium"):
        yield f"sku.name is {show(value)}; private endpoints need 'Premium'."


def _network(props: Any, _: Config) -> Iterator[str]:
    value = get(props, "publicNetworkAccess")
    if not ieq(value, "Disabled"):
        yield f"publicNetworkAccess is {show(value)} (Azure's default is Enabled); disable it."


def _export(props: Any, _: Config) -> Iterator[str]:
    value = get(props, "policies.exportPolicy.status")
    if not ieq(value, "disabled"):
        yield f"policies.exportPolicy.status is {show(value)}; set it to 'disabled'."


REGISTRY_POLICIES = [
    resource_policy(
        "acr-admin-user",
        "Container registries must not enable the admin user. Its shared password cannot be "
        "attributed to a person and grants push and pull (built-in policy, CKV_AZURE_137).",
        [CONTAINER_REGISTRY],
        _admin_user,
        level=MANDATORY,
        reads=["adminUserEnabled"],
    ),
    resource_policy(
        "acr-anonymous-pull",
        "Container registries must not allow anonymous pull. Environment images carry code "
        "and dependencies that should not be public (built-in policy).",
        [CONTAINER_REGISTRY],
        _anonymous_pull,
        level=MANDATORY,
        reads=["anonymousPullEnabled"],
    ),
    resource_policy(
        "acr-sku",
        "Container registries must use the Premium SKU. Only Premium supports private "
        "endpoints, network rules and export policies (PSRule Azure.ACR.MinSku).",
        [CONTAINER_REGISTRY],
        _sku,
        level=MANDATORY,
        reads=["sku.name"],
    ),
    resource_policy(
        "acr-network",
        "Container registries must disable public network access. Workspaces pull images "
        "through a private endpoint (built-in policy).",
        [CONTAINER_REGISTRY],
        _network,
        level=MANDATORY,
        reads=["publicNetworkAccess"],
    ),
    resource_policy(
        "acr-export",
        "Container registries must disable artifact export. Export copies images and models "
        "out of the network boundary (built-in policy); it needs Premium and public access off.",
        [CONTAINER_REGISTRY],
        _export,
        level=ADVISORY,
        reads=["policies.exportPolicy.status"],
    ),
]
