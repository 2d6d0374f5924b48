"""Monitoring rules: Application Insights behind the workspaces, and Application Insights and Log
Analytics reachable only through an Azure Monitor Private Link Scope (AMPLS)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from aml_landing_zone.policies.rules.common import (
    MANDATORY,
    Config,
    Finding,
    Stack,
    get,
    identity,
    ieq,
    is_true,
    items,
    reads,
    resource_policy,
    show,
    stack_policy,
    text,
)
from aml_landing_zone.resource_types import (
    APP_INSIGHTS,
    LOG_ANALYTICS,
    PRIVATE_LINK_SCOPE,
    PRIVATE_LINK_SCOPED_RESOURCE,
)

_PUBLIC_ACCESS = ("publicNetworkAccessForIngestion", "publicNetworkAccessForQuery")


def _workspace_based(props: Any, _: Config) -> Iterator[str]:
    if text(get(props, "workspaceResourceId")) is None:
        yield "workspaceResourceId is not set; point it at the central Log Analytics workspace."


def _local_auth(props: Any, _: Config) -> Iterator[str]:
    value = get(props, "disableLocalAuth")
    if not is_true(value):
        yield f"disableLocalAuth is {show(value)}; set it to true."


def _public_network(props: Any, _: Config) -> Iterator[str]:
    # Not set is public: Application Insights and Log Analytics default to Enabled.
    for key in _PUBLIC_ACCESS:
        value = get(props, key)
        if not ieq(value, "Disabled"):
            yield (
                f"{key} is {show(value)}; set it to 'Disabled' and reach the resource through "
                "an Azure Monitor Private Link Scope."
            )


def _private_only(props: Any, _: Config) -> Iterator[str]:
    for mode in ("ingestionAccessMode", "queryAccessMode"):
        value = get(props, f"accessModeSettings.{mode}")
        if not ieq(value, "PrivateOnly"):
            yield f"accessModeSettings.{mode} is {show(value)}; set it to 'PrivateOnly'."
    for index, exclusion in enumerate(items(get(props, "accessModeSettings.exclusions"))):
        for mode in ("ingestionAccessMode", "queryAccessMode"):
            value = get(exclusion, mode)
            if value is not None and not ieq(value, "PrivateOnly"):
                yield (
                    f"accessModeSettings.exclusions[{index}].{mode} is {show(value)}; remove "
                    "the exclusion or set it to 'PrivateOnly'."
                )


def _private_link_check(stack: Stack, _: Config) -> Iterable[Finding]:
    links = stack.of_type(PRIVATE_LINK_SCOPED_RESOURCE)
    for resource in stack.of_type(APP_INSIGHTS, LOG_ANALYTICS):
        if not any(stack.refers(link, "linkedResourceId", resource) for link in links):
            yield Finding(
                resource.urn,
                f"{resource.name} is in no Azure Monitor Private Link Scope of this stack "
                "(no PrivateLinkScopedResource links it); private networks cannot reach it.",
            )


MONITORING_POLICIES = [
    resource_policy(
        "appi-workspace-based",
        "Application Insights components must be workspace-based (workspaceResourceId set). "
        "Classic components are retired, and telemetry belongs in the central Log Analytics "
        "workspace (built-in policy).",
        [APP_INSIGHTS],
        _workspace_based,
        level=MANDATORY,
        reads=["workspaceResourceId"],
    ),
    resource_policy(
        "appi-local-auth",
        "Application Insights components must disable local authentication. Instrumentation "
        "keys alone let anyone send telemetry; Entra ID authentication ties ingestion to an "
        "identity (built-in policy).",
        [APP_INSIGHTS],
        _local_auth,
        level=MANDATORY,
        reads=["disableLocalAuth"],
    ),
    resource_policy(
        "monitor-public-network",
        "Application Insights components and Log Analytics workspaces must disable public "
        "ingestion and query. Both default to public, so anyone with the connection string or "
        "workspace id can send or read telemetry from the internet; through an Azure Monitor "
        "Private Link Scope only connected networks can (built-in policies).",
        [APP_INSIGHTS, LOG_ANALYTICS],
        _public_network,
        level=MANDATORY,
        reads=_PUBLIC_ACCESS,
    ),
    resource_policy(
        "monitor-scope-private-only",
        "Azure Monitor Private Link Scopes must use the PrivateOnly access mode for ingestion "
        "and queries, without exclusions that reopen it. Open lets the connected networks reach "
        "monitoring resources outside the scope, a data exfiltration path (built-in policy).",
        [PRIVATE_LINK_SCOPE],
        _private_only,
        level=MANDATORY,
        reads=[
            "accessModeSettings.ingestionAccessMode",
            "accessModeSettings.queryAccessMode",
            "accessModeSettings.exclusions",
        ],
    ),
    stack_policy(
        "monitor-private-link",
        "Application Insights components and Log Analytics workspaces in the stack must be "
        "linked to an Azure Monitor Private Link Scope. Closed to public networks and in no "
        "scope, a resource is unreachable; a scope is how private networks reach it.",
        _private_link_check,
        MANDATORY,
        reads=[
            *reads(PRIVATE_LINK_SCOPED_RESOURCE, "linkedResourceId"),
            *identity(APP_INSIGHTS, LOG_ANALYTICS),
        ],
    ),
]
