"""The workspace's inline ``managedNetwork``: isolation mode and typed outbound rules.

Rules stay inline (never ManagedNetworkSettingsRule resources: mixing both replaces rules on
refresh) and are marked ``UserDefined`` as Azure reports them, so a refresh shows no diff. The
firewall SKU is only sent when an FQDN rule needs the firewall."""

from __future__ import annotations

from pulumi_azure_native import machinelearningservices as ml

from ..errors import ComponentArgsError
from ..hub_args import ManagedNetworkArgs, OutboundRuleArgs

APPROVED_ONLY = "AllowOnlyApprovedOutbound"
DEFAULT_ISOLATION = APPROVED_ONLY


def managed_network_settings(args: ManagedNetworkArgs) -> ml.ManagedNetworkSettingsArgsDict:
    mode = args.get("isolation_mode", DEFAULT_ISOLATION)
    rules = args.get("outbound_rules", {})
    settings: ml.ManagedNetworkSettingsArgsDict = {"isolation_mode": mode}
    if not rules:
        return settings
    if mode == "Disabled":
        raise ComponentArgsError("managed network: outbound rules need an isolation mode")
    outbound: dict[
        str,
        ml.FqdnOutboundRuleArgsDict
        | ml.PrivateEndpointOutboundRuleArgsDict
        | ml.ServiceTagOutboundRuleArgsDict,
    ] = {}
    for name, rule in rules.items():
        if rule["type"] != "PrivateEndpoint" and mode != APPROVED_ONLY:
            raise ComponentArgsError(
                f"managed network: rule '{name}' ({rule['type']}) needs isolation {APPROVED_ONLY}"
            )
        outbound[name] = _rule(rule)
    settings["outbound_rules"] = outbound
    if any(rule["type"] == "FQDN" for rule in rules.values()):
        settings["firewall_sku"] = args.get("firewall_sku", "Standard")
    return settings


def private_endpoint_targets(args: ManagedNetworkArgs) -> dict[str, str]:
    """Rule name -> target resource id of every private-endpoint rule."""
    return {
        name: rule["service_resource_id"]
        for name, rule in args.get("outbound_rules", {}).items()
        if rule["type"] == "PrivateEndpoint"
    }


def _rule(
    rule: OutboundRuleArgs,
) -> (
    ml.FqdnOutboundRuleArgsDict
    | ml.PrivateEndpointOutboundRuleArgsDict
    | ml.ServiceTagOutboundRuleArgsDict
):
    if rule["type"] == "FQDN":
        return {"type": "FQDN", "category": "UserDefined", "destination": rule["destination"]}
    if rule["type"] == "PrivateEndpoint":
        return {
            "type": "PrivateEndpoint",
            "category": "UserDefined",
            "destination": {
                "service_resource_id": rule["service_resource_id"],
                "subresource_target": rule["subresource_target"],
                "spark_enabled": rule.get("spark_enabled", False),
            },
        }
    return {
        "type": "ServiceTag",
        "category": "UserDefined",
        "destination": {
            "service_tag": rule["service_tag"],
            "protocol": rule.get("protocol", "TCP"),
            "port_ranges": rule.get("port_ranges", "443"),
            "action": "Allow",
        },
    }
