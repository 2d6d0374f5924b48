"""Private monitoring: Application Insights and Log Analytics behind an Azure Monitor Private Link
Scope (AMPLS), with public ingestion and query off.

Azure Monitor is reached through ONE scope per DNS: a second scope on networks that share DNS
overwrites the first one's records, and a virtual network connects to one scope only
(https://learn.microsoft.com/azure/azure-monitor/logs/private-link-design). So the hub creates its
own scope, with its endpoint in the hub's endpoint subnet, only when nothing suggests a platform
scope already exists; with a central Log Analytics workspace, or private endpoints left to the
platform, it joins the platform's scope (``privateLinkScopeId``) instead."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field

from ..arm import resource_id_check
from ..dns_zones import MONITOR_GROUP, has_group
from ..regions import cloud_of
from .base import ConfigIssue, DumpOutputs, KeepOutputs, StrictModel, TypedArgs

PRIVATE_LINK_SCOPE_TYPE = "Microsoft.Insights/privateLinkScopes"
# The scoped resources are created in the scope's resource group under its name, both read from
# the id; an Output (a regional hub joining its primary hub's scope) is read when it resolves.
PrivateLinkScopeId = Annotated[
    str, AfterValidator(resource_id_check(PRIVATE_LINK_SCOPE_TYPE)), KeepOutputs, DumpOutputs
]
# "The smallest supported IPv4 subnet is /27 ... the Azure Monitor Private Link setup requires at
# least 11 additional IP addresses" (private-link-design, Requirements).
MIN_SCOPE_SUBNET_PREFIX = 27


class MonitoringSettings(StrictModel):
    """Whether the hub's Application Insights and Log Analytics are private, and through which
    Azure Monitor Private Link Scope."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "MonitoringArgs",
        """Application Insights and Log Analytics behind an Azure Monitor Private Link Scope (on by
        default). ``private_link_scope_id`` joins the platform's scope instead of creating one;
        it is required with ``log_analytics_workspace_id`` or
        ``network.private_endpoints: False``.""",
    )

    private: bool = Field(
        True,
        description="Application Insights and the hub's Log Analytics workspace accept ingestion "
        "and queries only through an Azure Monitor Private Link Scope (access modes "
        "PrivateOnly); public ingestion and query are disabled. false is an explicit opt-out "
        "the policy pack flags: both stay public.",
    )
    private_link_scope_id: PrivateLinkScopeId | None = Field(
        None,
        description="The platform's existing Azure Monitor Private Link Scope to link the hub's "
        "monitoring to, instead of creating a scope and its endpoint here (one scope per DNS). "
        "Required with diagnostics.logAnalyticsWorkspaceId or network.privateEndpoints false. "
        "The links are created in the scope's resource group, so it must be in the "
        "subscription this stack deploys to.",
    )

    @property
    def creates_scope(self) -> bool:
        """The hub creates its own scope, with an ``azuremonitor`` endpoint."""
        return self.private and self.private_link_scope_id is None

    def issues(
        self,
        location: str | None,
        *,
        private_endpoints: bool | None,
        central_workspace: bool | None,
    ) -> list[ConfigIssue]:
        """Checks across keys; a None argument is a key that did not validate, so not compared.
        Paths are relative to the ``monitoring`` key."""
        if not self.private:
            if self.private_link_scope_id is not None:
                return [
                    ConfigIssue(
                        ("privateLinkScopeId",),
                        "only used with private true; with private false nothing is linked to "
                        "a scope",
                    )
                ]
            return []
        if self.private_link_scope_id is not None:
            return []
        issues: list[ConfigIssue] = []
        if central_workspace:
            issues.append(
                ConfigIssue(
                    ("privateLinkScopeId",),
                    "missing: a central Log Analytics workspace (diagnostics."
                    "logAnalyticsWorkspaceId) is reached through the platform's Azure Monitor "
                    "Private Link Scope, and a second scope on the same DNS would overwrite its "
                    "records; give that scope's id, or set private: false",
                )
            )
        if private_endpoints is False:
            issues.append(
                ConfigIssue(
                    ("privateLinkScopeId",),
                    "missing: with network.privateEndpoints false the hub creates no private "
                    "endpoints, so an Azure Monitor Private Link Scope created here would reach "
                    "no network; give the id of the platform's scope, or set private: false",
                )
            )
        if location is not None and not has_group(location, MONITOR_GROUP):
            issues.append(
                ConfigIssue(
                    ("private",),
                    "the Azure Private Endpoint DNS zone table lists no Azure Monitor zones "
                    f"for {cloud_of(location)} ({location}), so no scope endpoint can be "
                    "created here; give privateLinkScopeId of an existing scope, or set "
                    "private: false",
                )
            )
        return issues


def scope_subnet_problem(prefix_length: int) -> str | None:
    """Why a private-endpoint subnet of ``/prefix_length`` cannot also hold the scope's
    endpoint."""
    if prefix_length <= MIN_SCOPE_SUBNET_PREFIX:
        return None
    return (
        f"/{prefix_length} is too small once the Azure Monitor Private Link Scope's endpoint "
        f"joins the others (it takes at least 11 addresses): use /{MIN_SCOPE_SUBNET_PREFIX} or "
        "larger, or set hub.monitoring.private: false"
    )
