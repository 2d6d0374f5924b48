"""Assembles a landing zone from a validated stack config: the hub, then its projects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .blocks.tags import landing_zone_tags, with_tags
from .config import LandingZoneConfig
from .hub import Hub
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
    hub_settings = config.hub
    hub = Hub(
        name,
        {
            "organization": config.organization,
            "workload": config.workload,
            "environment": config.environment,
            "location": config.location,
            "tags": config.tags,
            "public_network_access": hub_settings.public_network_access,
            "isolation_mode": hub_settings.isolation_mode,
            "container_registry": hub_settings.container_registry,
            "storage_sku": f"Standard_{hub_settings.storage_redundancy}",
            "high_business_impact": hub_settings.high_business_impact,
            "project_creator_group_ids": [
                config.group_id(g) for g in hub_settings.project_creators
            ],
            "log_retention_days": hub_settings.log_retention_days,
            "protect": hub_settings.protect,
        },
    )
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
            },
        )
    return zone
