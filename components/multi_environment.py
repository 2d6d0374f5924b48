"""One environment of an estate, built from the organisation's definition (seed 002).

Every stack runs the same program over the same definition (``landing-zone.yaml``) and deploys
the one environment its ``environment`` key names. What differs between environments is data in
the definition, never code: the access matrix gives each group its role per environment, the
production-data environment gets production strictness by default (``hub.protect``: Pulumi
protect and a CanNotDelete lock on each stateful resource), and the exploration workspace exists
only in its one environment. The hub and its projects are built by ``LandingZone``; this
component only decides what goes into it."""

import pulumi

from .config import LandingZoneConfig
from .config.project import Member
from .landing_zone import LandingZone

MULTI_ENVIRONMENT_TYPE = "amllz:index:MultiEnvironment"


def environment_config(config: LandingZoneConfig) -> LandingZoneConfig:
    """The landing zone of ``config.environment``: each project's members are its own plus the
    access matrix's groups for this environment; the exploration project only where it lives."""
    settings = config.environments
    if settings is None:
        return config
    environment = config.environment
    grants = [Member(group=alias, role=role) for alias, role in settings.grants(environment)]
    exploration = settings.exploration
    projects = []
    for project in config.projects:
        if (
            exploration is not None
            and project.name == exploration.project
            and environment != exploration.environment
        ):
            continue
        members = list(dict.fromkeys([*project.members, *grants]))  # one per (group, role)
        projects.append(project.model_copy(update={"members": members}))
    return config.model_copy(update={"projects": projects})


class MultiEnvironment(pulumi.ComponentResource):
    """This stack's environment of the estate: a LandingZone built from the shared definition."""

    zone: LandingZone

    def __init__(
        self, name: str, config: LandingZoneConfig, opts: pulumi.ResourceOptions | None = None
    ):
        super().__init__(MULTI_ENVIRONMENT_TYPE, name, None, opts)
        self.environment = config.environment
        self.zone = LandingZone(
            name,
            environment_config(config),
            pulumi.ResourceOptions(
                parent=self,
                # Stacks deployed before the estate had a definition had the zone at the root.
                aliases=[pulumi.Alias(parent=pulumi.ROOT_STACK_RESOURCE)],
            ),
        )
        self.register_outputs({})

    def outputs(self) -> dict[str, object]:
        return {**self.zone.outputs(), "environment": self.environment}
