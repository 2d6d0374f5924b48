"""The workspace's inline ``managedNetwork``: isolation mode and typed outbound rules.

Rules stay inline, never ManagedNetworkSettingsRule resources, though Azure documents both. With
separate rule resources a refresh copied the rules into the workspace's inputs and the next
update deleted them (pulumi-azure-native #3225; after its fix the workspace still previews
``~managedNetwork``), and merging inline and standalone rules is still an open provider issue
(#2794). azure-native updates a workspace with a PUT of the program's ``managedNetwork``, so the
program had better state the whole rule map itself. Rules are marked ``UserDefined`` as Azure
reports them; the status Azure gives each rule is ignored per rule
(``lifecycle.outbound_rule_status_paths``). The firewall SKU is only sent when an FQDN rule
needs the firewall. Which rules a mode allows is checked by ``ManagedNetworkSettings.issues``
before anything is built."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_azure_native import machinelearningservices as ml

from ..config.managed_network import (
    FqdnRule,
    ManagedNetworkSettings,
    PrivateEndpointRule,
    ServiceTagRule,
)


def managed_network_settings(
    settings: ManagedNetworkSettings, extra_rules: Mapping[str, Any] | None = None
) -> ml.ManagedNetworkSettingsArgsDict:
    """``settings`` as the workspace takes it, with ``extra_rules`` (rules whose targets are
    only known as outputs, such as the promotion registry's resources) beside its own."""
    result: ml.ManagedNetworkSettingsArgsDict = {"isolation_mode": settings.isolation_mode}
    rules = {name: _rule(rule) for name, rule in settings.outbound_rules.items()}
    rules.update(extra_rules or {})
    if not rules:
        return result
    result["outbound_rules"] = rules
    if any(isinstance(rule, FqdnRule) for rule in settings.outbound_rules.values()):
        result["firewall_sku"] = settings.firewall_sku
    return result


def _rule(
    rule: FqdnRule | PrivateEndpointRule | ServiceTagRule,
) -> (
    ml.FqdnOutboundRuleArgsDict
    | ml.PrivateEndpointOutboundRuleArgsDict
    | ml.ServiceTagOutboundRuleArgsDict
):
    if isinstance(rule, FqdnRule):
        return {"type": "FQDN", "category": "UserDefined", "destination": rule.destination}
    if isinstance(rule, PrivateEndpointRule):
        return {
            "type": "PrivateEndpoint",
            "category": "UserDefined",
            "destination": {
                "service_resource_id": rule.service_resource_id,
                "subresource_target": rule.subresource_target,
                "spark_enabled": rule.spark_enabled,
            },
        }
    return {
        "type": "ServiceTag",
        "category": "UserDefined",
        "destination": {
            "service_tag": rule.service_tag,
            "protocol": rule.protocol,
            "port_ranges": rule.port_ranges,
            "action": "Allow",
        },
    }
