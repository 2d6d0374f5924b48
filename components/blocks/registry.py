"""The landing zone's hardened container registry: Premium (the tier private endpoints need), no
admin user, no anonymous pull, no export, firewall default Deny, a private endpoint and
diagnostics."""

from __future__ import annotations

from pulumi_azure_native import containerregistry

from ..resource_types import CONTAINER_REGISTRY
from .hardening import ResourceContext, harden_with_endpoint
from .interfaces import Interfaces
from .lifecycle import registered_lifecycle


def hardened_registry(
    ctx: ResourceContext,
    *,
    key: str = "cr",
    zone_redundant: bool = True,
    interfaces: Interfaces | None = None,
) -> containerregistry.Registry:
    """The registry and its interfaces (default: the context's)."""
    applied = interfaces if interfaces is not None else ctx.interfaces
    name = ctx.names.registry()
    rules: containerregistry.NetworkRuleSetArgsDict = {
        "default_action": "Deny",
        "ip_rules": [
            {"i_p_address_or_range": ip, "action": "Allow"}
            for ip in ctx.network_access.allowed_ip_rules
        ],
    }
    registry = containerregistry.Registry(
        f"{ctx.prefix}-{key}",
        registry_name=name,
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        sku={"name": "Premium"},
        admin_user_enabled=False,
        anonymous_pull_enabled=False,
        public_network_access=ctx.network_access.public_network_access,
        network_rule_bypass_options="AzureServices",
        network_rule_set=rules,
        policies={"export_policy": {"status": "disabled"}},
        # azure-native sends Disabled when this is unset, so say what is wanted at creation;
        # afterwards the reported value is Azure's (its registered lifecycle).
        # https://learn.microsoft.com/azure/container-registry/zone-redundancy
        zone_redundancy="Enabled" if zone_redundant else "Disabled",
        tags=dict(applied.tags),
        opts=registered_lifecycle(ctx.stateful, CONTAINER_REGISTRY),
    )
    harden_with_endpoint(
        ctx,
        key=key,
        azure_name=name,
        resource_id=registry.id,
        group="registry",
        interfaces=applied,
    )
    return registry
