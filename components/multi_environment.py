"""One environment of an estate, built from the organisation's definition (seed 002).

Every stack runs the same program over the same definition (``landing-zone.yaml``) and deploys
the one environment its ``environment`` key names. What differs between environments is data in
the definition, never code: the access matrix gives each group its role per environment, the
production-data environment gets production strictness by default (``hub.protect``: Pulumi
protect and a CanNotDelete lock on each stateful resource; a config default, so preflight and the
policy preset see it too), and the exploration workspace exists only in its one environment.
The hub and its projects are built by ``LandingZone``; this component only decides what goes
into it.

Promotion: the registry's owning environment creates it beside its hub; every other environment
reads it from the owner's ``promotion`` stack output, the contract between the stacks
(``PROMOTION_OUTPUT``): ``{"registryId", "registryName", "owner"}``. Each environment grants its
own workspace identities AzureML Registry User on it."""

from typing import Any

import pulumi

from .blocks.rbac import Grant, assign_roles
from .config import LandingZoneConfig
from .config.project import Member
from .data_landing_zone import DataLandingZoneML
from .enums import PrincipalType
from .landing_zone import LandingZone
from .regional_hubs import regional_zones
from .regions import normalize_region

# The stack output other environments read the registry from (a documented contract).
PROMOTION_OUTPUT = "promotion"
REGISTRY_ROLE = "AzureML Registry User"

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
    update: dict[str, Any] = {"projects": projects}
    if settings.registry is not None and settings.registry.owner == environment:
        regions = settings.regions
        replicas = [*regions.extra(config.location)]
        if regions.inference is not None:
            replicas.append(normalize_region(regions.inference))
        update["hub"] = config.hub.model_copy(
            update={"ml_registry": True, "ml_registry_regions": replicas}
        )
    return config.model_copy(update=update)


def owner_stack(config: LandingZoneConfig) -> str:
    """The fully qualified name of the stack that owns the registry."""
    assert config.environments is not None and config.environments.registry is not None
    registry = config.environments.registry
    stack = registry.stack or registry.owner
    if "/" in stack:
        return stack
    return f"{pulumi.get_organization()}/{pulumi.get_project()}/{stack}"


class MultiEnvironment(pulumi.ComponentResource):
    """This stack's environment of the estate: a LandingZone built from the shared definition."""

    zone: LandingZone

    def __init__(
        self, name: str, config: LandingZoneConfig, opts: pulumi.ResourceOptions | None = None
    ):
        super().__init__(MULTI_ENVIRONMENT_TYPE, name, None, opts)
        self.environment = config.environment
        self.promotion: dict[str, pulumi.Input[str]] | None = None
        self.zone = LandingZone(
            name,
            environment_config(config),
            pulumi.ResourceOptions(
                parent=self,
                # Stacks deployed before the estate had a definition had the zone at the root.
                aliases=[pulumi.Alias(parent=pulumi.ROOT_STACK_RESOURCE)],
            ),
        )
        # One hub per other training region, named after it ("hub-neu"); no projects there.
        self.regional = regional_zones(name, config, self.zone, self)
        if config.environments is not None and config.environments.registry is not None:
            self._use_registry(name, config)
        self.register_outputs({})

    def _use_registry(self, name: str, config: LandingZoneConfig) -> None:
        """The registry: this hub's own when this environment owns it, else the owner stack's
        ``promotion`` output; this environment's workspace identities may use it."""
        hub = self.zone.hub
        if hub.ml_registry_id is not None and hub.ml_registry_name is not None:
            registry_id: pulumi.Input[str] = hub.ml_registry_id
            self.promotion = {
                "registryId": hub.ml_registry_id,
                "registryName": hub.ml_registry_name,
                "owner": config.environment,
            }
        else:
            reference = pulumi.StackReference(
                f"{name}-promotion", owner_stack(config), pulumi.ResourceOptions(parent=self)
            )
            registry_id = reference.require_output(PROMOTION_OUTPUT).apply(
                lambda promotion: str(promotion["registryId"])
            )
        identities = [(f"{config.environment}/hub", hub.principal_id)]
        identities += [
            (f"{config.environment}/{key}", project.principal_id)
            for key, project in sorted(self.zone.projects.items())
        ]
        identities += [
            (f"{config.environment}/hub-{region}", zone.hub.principal_id)
            for region, zone in sorted(self.regional.items())
        ]
        products = self.zone.data_products
        if products is not None:  # each data product's identity (its workspace's and computes')
            identities += [
                (f"{config.environment}/product-{key}", _principal_of(products, key))
                for key in sorted(p.name for p in config.data_products)
            ]
        grants = [
            Grant(principal, REGISTRY_ROLE, PrincipalType.SERVICE_PRINCIPAL, principal_key=key)
            for key, principal in identities
        ]
        owner = config.environments.registry.owner  # type: ignore[union-attr]
        assign_roles(f"{name}-registry", registry_id, f"{owner}/ml-registry", grants, self)

    def outputs(self) -> dict[str, object]:
        outputs: dict[str, object] = {**self.zone.outputs(), "environment": self.environment}
        if self.regional:
            outputs["regions"] = {
                region: zone.hub.outputs() for region, zone in sorted(self.regional.items())
            }
        if self.promotion is not None:
            outputs[PROMOTION_OUTPUT] = self.promotion
        return outputs


def _principal_of(products: DataLandingZoneML, key: str) -> pulumi.Output[str]:
    return products.principal_ids.apply(lambda ids: ids[key])
