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
(``PROMOTION_OUTPUT``): ``{"registryId", "registryName", "owner", "storageAccountId",
"containerRegistryId"}`` (what Azure created for the registry, which every hub's managed network
reaches too: ``hub/registry_access.py``). Each environment grants its own workspace
identities AzureML Registry User on it (``_use_registry`` says where)."""

from typing import Any

import pulumi

from ..arm import resource_group_id
from ..blocks.rbac import Grant, assign_roles
from ..component_types import MULTI_ENVIRONMENT_TYPE
from ..config import LandingZoneConfig
from ..data_products.component import DataLandingZoneML
from ..enums import PrincipalType
from ..hub.args import MlRegistryAccessArgs
from ..landing_zone import LandingZone
from ..projects.config import Member
from ..regions import normalize_region
from .regional_hubs import regional_zones

# The stack output other environments read the registry from (a documented contract).
PROMOTION_OUTPUT = "promotion"
REGISTRY_ROLE = "AzureML Registry User"


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
        registry = config.environments.registry if config.environments is not None else None
        # the owner stack's registry, read before the hubs: their managed networks reach it
        access = (
            self._owner_registry(name, config)
            if registry is not None and registry.owner != config.environment
            else None
        )
        self.zone = LandingZone(
            name,
            environment_config(config),
            pulumi.ResourceOptions(
                parent=self,
                # Stacks deployed before the estate had a definition had the zone at the root.
                aliases=[pulumi.Alias(parent=pulumi.ROOT_STACK_RESOURCE)],
            ),
            ml_registry_access=access,
        )
        if registry is not None and access is None:  # this environment owns it
            access = self._own_registry(config)
        # One hub per other training region, named after it ("hub-neu"); no projects there.
        self.regional = regional_zones(name, config, self.zone, self, ml_registry_access=access)
        if registry is not None:
            assert access is not None
            self._use_registry(name, config, access)
        self.register_outputs({})

    def _owner_registry(self, name: str, config: LandingZoneConfig) -> MlRegistryAccessArgs:
        """The registry another environment owns, from its stack's ``promotion`` output."""
        stack = owner_stack(config)
        reference = pulumi.StackReference(
            f"{name}-promotion", stack, pulumi.ResourceOptions(parent=self)
        )
        promotion = reference.require_output(PROMOTION_OUTPUT)
        owner = config.environments.registry.owner  # type: ignore[union-attr]

        def read(key: str) -> pulumi.Output[str]:
            def value(outputs: Any) -> str:
                if not isinstance(outputs, dict) or not outputs.get(key):
                    raise pulumi.RunError(
                        f"stack {stack}'s '{PROMOTION_OUTPUT}' output has no {key}: deploy "
                        f"the registry's owner ({owner}) with this version first"
                    )
                return str(outputs[key])

            return promotion.apply(value)

        return {
            "registry_id": read("registryId"),
            "storage_account_id": read("storageAccountId"),
            "container_registry_id": read("containerRegistryId"),
            "owner": owner,
        }

    def _own_registry(self, config: LandingZoneConfig) -> MlRegistryAccessArgs:
        """The registry this environment's hub created, published as the ``promotion`` output
        (the contract ``PROMOTION_OUTPUT`` names) for the other environments."""
        hub = self.zone.hub
        assert hub.ml_registry_id is not None and hub.ml_registry_name is not None
        assert hub.ml_registry_resources is not None
        storage, acr = hub.ml_registry_resources
        self.promotion = {
            "registryId": hub.ml_registry_id,
            "registryName": hub.ml_registry_name,
            "owner": config.environment,
            "storageAccountId": storage,
            "containerRegistryId": acr,
        }
        return {
            "registry_id": hub.ml_registry_id,
            "storage_account_id": storage,
            "container_registry_id": acr,
            "owner": config.environment,
        }

    def _use_registry(
        self, name: str, config: LandingZoneConfig, access: MlRegistryAccessArgs
    ) -> None:
        """This environment's workspace identities may use the registry (AzureML Registry User):
        on the registry itself where this environment owns it, on the resource group that holds
        it elsewhere, where the owner's delete lock cannot refuse this environment's teardown
        (a lock refuses deleting role assignments on its scope, not above it). The role acts on
        registries only (registries/read, registries/assets/*: "AzureML Registry User" in the
        built-in roles) and the landing zone puts one registry in that group, so the grant reaches
        no more than the registry."""
        owned = access["owner"] == config.environment
        registry_id = access["registry_id"]
        scope: pulumi.Input[str] = (
            registry_id if owned else pulumi.Output.from_input(registry_id).apply(resource_group_id)
        )
        scope_key = f"{access['owner']}/ml-registry" + ("" if owned else "-group")
        grants = [
            Grant(principal, REGISTRY_ROLE, PrincipalType.SERVICE_PRINCIPAL, principal_key=key)
            for key, principal in self._registry_users(config)
        ]
        assign_roles(f"{name}-registry", scope, scope_key, grants, parent=self)

    def _registry_users(self, config: LandingZoneConfig) -> list[tuple[str, pulumi.Input[str]]]:
        """(stable key, principal id) of each identity of this environment that uses the
        registry: its hubs', its projects' and its data products'."""
        identities: list[tuple[str, pulumi.Input[str]]] = [
            (f"{config.environment}/hub", self.zone.hub.principal_id)
        ]
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
        return identities

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
