"""Assembles a landing zone from a validated stack config: the hub, then its projects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .blocks.tags import landing_zone_tags, with_tags
from .config import LandingZoneConfig
from .config.managed_network import FqdnRule, PrivateEndpointRule
from .hub import Hub
from .hub_args import (
    EncryptionArgs,
    HubArgs,
    ManagedNetworkArgs,
    OutboundRuleArgs,
    PrivateEndpointsArgs,
)
from .naming import Naming
from .project import ProjectWorkspace


@dataclass
class LandingZone:
    hub: Hub
    projects: dict[str, ProjectWorkspace] = field(default_factory=dict)

    def outputs(self) -> dict[str, Any]:
        return {
            "hub": self.hub.outputs(),
            "projects": {key: project.outputs() for key, project in sorted(self.projects.items())},
        }


def deploy_landing_zone(config: LandingZoneConfig, name: str = "hub") -> LandingZone:
    """Pulumi names derive from config keys, so reordering projects never replaces one."""
    naming = Naming(config.organization, config.workload, config.environment, config.location)
    tags = landing_zone_tags(config.environment, config.workload, config.tags)
    hub = Hub(name, hub_args(config))
    zone = LandingZone(hub)
    for project in config.projects:
        zone.projects[project.name] = ProjectWorkspace(
            project.name,
            {
                "hub_resource_id": hub.hub_id,
                "resource_group_name": hub.project_resource_group_name,
                "location": config.location,
                "workspace_name": naming.project(project.name),
                "friendly_name": project.friendly_name or project.name,
                "description": project.description,
                "tags": with_tags(tags, project=project.name),
                "members": [
                    {
                        "principal_id": config.group_id(m.group),
                        "role": m.role,
                        "principal_type": "Group",
                    }
                    for m in project.members
                ],
                "log_analytics_workspace_id": hub.log_analytics_workspace_id,
                "high_business_impact": config.hub.high_business_impact,
                "protect": config.hub.protect,
            },
        )
    return zone


def hub_args(config: LandingZoneConfig) -> HubArgs:
    """The validated config, translated into the Hub component's plain arguments."""
    settings = config.hub
    args: HubArgs = {
        "organization": config.organization,
        "workload": config.workload,
        "environment": config.environment,
        "location": config.location,
        "tags": config.tags,
        "public_network_access": settings.public_network_access,
        "allowed_ip_ranges": list(settings.allowed_ip_ranges),
        "managed_network": _managed_network(config),
        "identity": settings.identity,
        "key_vault_purge_protection": settings.key_vault_purge_protection,
        "container_registry": settings.container_registry,
        "storage_sku": f"Standard_{settings.storage_redundancy}",
        "high_business_impact": settings.high_business_impact,
        "project_creator_group_ids": [config.group_id(g) for g in settings.project_creators],
        "log_retention_days": settings.log_retention_days,
        "protect": settings.protect,
    }
    if config.network.private_endpoints:
        args["private_endpoints"] = _private_endpoints(config)
    if settings.encryption is not None:
        args["encryption"] = _encryption(config)
    if config.diagnostics.log_analytics_workspace_id is not None:
        args["log_analytics_workspace_id"] = config.diagnostics.log_analytics_workspace_id
    return args


def _managed_network(config: LandingZoneConfig) -> ManagedNetworkArgs:
    network = config.hub.managed_network
    rules: dict[str, OutboundRuleArgs] = {}
    for rule_name, rule in network.outbound_rules.items():
        if isinstance(rule, FqdnRule):
            rules[rule_name] = {"type": "FQDN", "destination": rule.destination}
        elif isinstance(rule, PrivateEndpointRule):
            rules[rule_name] = {
                "type": "PrivateEndpoint",
                "service_resource_id": rule.service_resource_id,
                "subresource_target": rule.subresource_target,
                "spark_enabled": rule.spark_enabled,
            }
        else:
            rules[rule_name] = {
                "type": "ServiceTag",
                "service_tag": rule.service_tag,
                "protocol": rule.protocol,
                "port_ranges": rule.port_ranges,
            }
    return {
        "isolation_mode": network.isolation_mode,
        "firewall_sku": network.firewall_sku,
        "provision_network_now": network.provision_network_now,
        "outbound_rules": rules,
    }


def _private_endpoints(config: LandingZoneConfig) -> PrivateEndpointsArgs:
    network = config.network
    args: PrivateEndpointsArgs = {
        "dns": {
            "mode": network.dns.mode,
            "zone_ids": dict(network.dns.zone_ids),
            "link_virtual_network_ids": list(network.dns.link_virtual_network_ids),
        }
    }
    if network.subnet_id is not None:
        args["subnet_id"] = network.subnet_id
    if network.virtual_network is not None:
        args["virtual_network"] = {
            "address_space": network.virtual_network.address_space,
            "private_endpoint_subnet": network.virtual_network.private_endpoint_subnet,
        }
    return args


def _encryption(config: LandingZoneConfig) -> EncryptionArgs:
    settings = config.hub.encryption
    assert settings is not None and settings.cosmos_db_principal_id is not None
    args: EncryptionArgs = {
        "cosmos_db_principal_id": settings.cosmos_db_principal_id,
        "service_side_encryption": settings.service_side_encryption,
    }
    if settings.key_vault_id is not None and settings.key_uri is not None:
        args["key_vault_id"] = settings.key_vault_id
        args["key_uri"] = settings.key_uri
    else:
        args["key_name"] = settings.effective_key_name
    return args
