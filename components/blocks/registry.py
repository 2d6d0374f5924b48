"""The landing zone's hardened container registry: Premium (the tier private endpoints need), no
admin user, no anonymous pull, no export, firewall default Deny, a private endpoint and
diagnostics."""

from __future__ import annotations

from collections.abc import Sequence

from pulumi_azure_native import containerregistry

from ..resource_types import CONTAINER_REGISTRY
from .hardening import ResourceContext, harden_with_endpoint
from .lifecycle import registered_lifecycle
from .rbac import Grant


def hardened_registry(
    ctx: ResourceContext,
    *,
    key: str = "cr",
    zone_redundant: bool = True,
    role_assignments: Sequence[Grant] = (),
) -> containerregistry.Registry:
    name = ctx.naming.registry()
    rules: containerregistry.NetworkRuleSetArgsDict = {
        "default_action": "Deny",
        "ip_rules": [
            {"i_p_address_or_range": ip, "action": "Allow"} for ip in ctx.allowed_ip_rules
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
        public_network_access=ctx.public_network_access,
        network_rule_bypass_options="AzureServices",
        network_rule_set=rules,
        policies={"export_policy": {"status": "disabled"}},
        # azure-native sends Disabled when this is unset, so say what is wanted at creation;
        # afterwards the reported value is Azure's (its registered lifecycle).
        # https://learn.microsoft.com/azure/container-registry/zone-redundancy
        zone_redundancy="Enabled" if zone_redundant else "Disabled",
        tags=dict(ctx.tags),
        opts=registered_lifecycle(ctx.stateful, CONTAINER_REGISTRY),
    )
    harden_with_endpoint(
        ctx,
        key=key,
        azure_name=name,
        resource_id=registry.id,
        group="registry",
        role_assignments=role_assignments,
    )
    return registry
