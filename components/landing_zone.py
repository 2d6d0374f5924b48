"""A whole landing zone from a validated stack config: the hub, then its projects.

``LandingZone`` is a component like its children: it takes ``opts`` (a provider for another
subscription or region reaches every child through it) and its name prefixes its children's
names, so two landing zones can live in one program without URN clashes."""

from __future__ import annotations

from typing import Any

import pulumi

from .blocks.tags import landing_zone_tags, with_tags
from .config import LandingZoneConfig
from .hub import Hub
from .naming import Naming
from .project import ProjectWorkspace

LANDING_ZONE_TYPE = "amllz:index:LandingZone"


class LandingZone(pulumi.ComponentResource):
    """The hub is named after the zone; each project ``<zone>-<project key>``, so keys (never
    positions) name resources and reordering projects never replaces one."""

    hub: Hub
    projects: dict[str, ProjectWorkspace]

    def __init__(
        self, name: str, config: LandingZoneConfig, opts: pulumi.ResourceOptions | None = None
    ):
        super().__init__(LANDING_ZONE_TYPE, name, None, opts)
        naming = Naming(config.organization, config.workload, config.environment, config.location)
        tags = landing_zone_tags(config.environment, config.workload, config.tags)
        self.hub = Hub(
            name,
            config.hub_args(),  # type: ignore[arg-type]  # validated by HubSpec in Hub
            pulumi.ResourceOptions(
                parent=self,
                # Stacks created before LandingZone was a component had the hub at the root.
                aliases=[pulumi.Alias(parent=pulumi.ROOT_STACK_RESOURCE)],
            ),
        )
        self.projects = {}
        for project in config.projects:
            self.projects[project.name] = ProjectWorkspace(
                f"{name}-{project.name}",
                {
                    "hub_resource_id": self.hub.hub_id,
                    "resource_group_name": self.hub.project_resource_group_name,
                    "location": config.location,
                    "workspace_name": naming.project(project.name),
                    "friendly_name": project.friendly_name or project.name,
                    "description": project.description,
                    "tags": with_tags(tags, project=project.name),
                    "members": [
                        {"principal_id": config.group_id(m.group), "role": m.role}
                        for m in project.members
                    ],
                    "log_analytics_workspace_id": self.hub.log_analytics_workspace_id,
                    "high_business_impact": config.hub.high_business_impact,
                    "protect": config.hub.protect,
                },
                pulumi.ResourceOptions(parent=self),
            )
        self.register_outputs({})

    def outputs(self) -> dict[str, Any]:
        return {
            "hub": self.hub.outputs(),
            "projects": {key: project.outputs() for key, project in sorted(self.projects.items())},
        }
