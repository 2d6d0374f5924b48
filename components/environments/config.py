"""The organisation's environments, written once in ``landing-zone.yaml``: the pattern (seed 002),
which environment holds production data, and who gets which role in each (the access matrix).

Each stack deploys one of the named environments (its ``environment`` key); the MultiEnvironment
component reads this section to build that environment. Access is data, not code: a row per group
alias, a column per environment, a workspace role per cell, applied to every funded project."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from ..codes import BAD_REFERENCE, CONTRADICTION, DUPLICATE, MISSING
from ..config.base import ConfigIssue, StrictModel, is_object_id
from ..config.network import SubnetId, VirtualNetworkSettings
from ..config.zone import NAME_PART, region_problem
from ..enums import EnvironmentPattern, WorkspaceLayout
from ..projects.config import MemberRole
from ..regions import normalize_region

EnvironmentName = Annotated[str, StringConstraints(pattern=NAME_PART)]

# pattern -> (how many environments it deploys: least, most; whether one holds production data)
PATTERN_SHAPE: dict[str, tuple[int, int | None, bool]] = {
    EnvironmentPattern.SINGLE: (1, 1, False),
    EnvironmentPattern.MULTIPLE: (2, None, True),
    EnvironmentPattern.LIMITED_AND_PRODUCTION_DATA: (2, 2, True),
}


class ExplorationSettings(StrictModel):
    """Contoso's centrally funded R&D workspace: one project, in one environment only."""

    project: str = Field(
        description="The key of the project entry that is the exploration workspace."
    )
    environment: str = Field(
        description="The one environment it is deployed in (never the production-data one)."
    )


class RegionNetworkSettings(VirtualNetworkSettings):
    """An extra training region's spoke, and the subnet its hub's serverless compute uses."""

    serverless_compute_subnet_id: SubnetId | None = Field(
        None,
        description="With hub.serverlessCompute: the subnet in this region the regional hub's "
        "serverless compute runs in (a compute joins a virtual network of its workspace's "
        "region).",
    )

    def spoke(self) -> VirtualNetworkSettings:
        return VirtualNetworkSettings(
            address_space=self.address_space, private_endpoint_subnet=self.private_endpoint_subnet
        )


class RegionsSettings(StrictModel):
    """Seed 002's regions: a hub per region where data lives (regional training) and a serving
    region close to the audience (regional serving), where the registry replicates models."""

    training: list[str] = Field(
        default_factory=list,
        description="Every region where training data lives, the stack's 'location' first; each "
        "other one gets its own hub (no projects) named with its region code.",
    )
    inference: str | None = Field(
        None,
        description="A serving region other than the training regions: the promotion registry "
        "replicates there, so models deploy close to their users.",
    )
    networks: dict[str, RegionNetworkSettings] = Field(
        default_factory=dict,
        description="The spoke of each extra training region's hub, by region (set per stack: "
        "address spaces differ per environment).",
    )

    def extra(self, location: str) -> list[str]:
        """The training regions besides the stack's own, normalised."""
        own = normalize_region(location)
        return [r for r in (normalize_region(r) for r in self.training) if r != own]

    def issues(self, location: Any) -> list[ConfigIssue]:
        at = ("environments", "regions")
        issues = []
        for index, region in enumerate(self.training):
            if (problem := region_problem(region)) is not None:
                issues.append(ConfigIssue((*at, "training", index), problem, BAD_REFERENCE))
        first = normalize_region(self.training[0]) if self.training else None
        if first is not None and isinstance(location, str) and first != location:
            issues.append(
                ConfigIssue(
                    (*at, "training", 0),
                    f"the first training region is the stack's location '{location}' (got "
                    f"'{self.training[0]}')",
                )
            )
        if self.inference is not None:
            inference = normalize_region(self.inference)
            if (problem := region_problem(self.inference)) is not None:
                issues.append(ConfigIssue((*at, "inference"), problem, BAD_REFERENCE))
            elif inference in {normalize_region(r) for r in self.training} | {location}:
                issues.append(
                    ConfigIssue(
                        (*at, "inference"),
                        f"'{self.inference}' already trains: regional serving names a region "
                        "other than the training regions",
                    )
                )
        if isinstance(location, str):
            for region in self.extra(location):
                if region not in {normalize_region(r) for r in self.networks}:
                    issues.append(
                        ConfigIssue(
                            (*at, "networks"),
                            f"the hub in '{region}' needs its spoke: set "
                            f"environments.regions.networks.{region} in this stack's file",
                        )
                    )
        return issues

    def serverless_issues(self, location: str, serverless: bool) -> list[ConfigIssue]:
        """With hub.serverlessCompute, each regional hub needs a subnet of its own region: a
        compute cannot join another region's network behind a private-endpoint workspace
        (https://learn.microsoft.com/azure/machine-learning/how-to-secure-training-vnet,
        Limitations). Without it, such a subnet is unused."""
        at = ("environments", "regions", "networks")
        issues = []
        for region, network in self.networks.items():
            key = (*at, region, "serverlessComputeSubnetId")
            extra = normalize_region(region) in self.extra(location)
            if serverless and extra and network.serverless_compute_subnet_id is None:
                issues.append(
                    ConfigIssue(
                        key,
                        "missing: hub.serverlessCompute runs serverless compute in a subnet of "
                        f"yours, and the hub in '{region}' needs one in its own region",
                        MISSING,
                    )
                )
            elif not serverless and network.serverless_compute_subnet_id is not None:
                issues.append(ConfigIssue(key, "only used with hub.serverlessCompute"))
        return issues


class RegistrySettings(StrictModel):
    """The Azure ML registry assets are promoted through: one environment's stack owns it, the
    others reference that stack's ``promotion`` output (a ``pulumi.StackReference``)."""

    owner: str = Field(description="The environment whose stack creates the registry.")
    stack: str | None = Field(
        None,
        description="The owning stack as the other stacks reference it: 'stack' (same "
        "project and organisation) or 'organisation/project/stack' (default: the owner "
        "environment's name).",
    )


class EnvironmentsSettings(StrictModel):
    """Seed 002's environment patterns and the per-environment access matrix."""

    pattern: EnvironmentPattern = Field(
        description="single (one research environment), multiple (one per lifecycle stage, "
        "e.g. dev, test, prod) or limitedAndProductionData (one environment with limited "
        "data, one with production data)."
    )
    names: list[EnvironmentName] = Field(
        description="Every environment of the estate, in promotion order; each stack's "
        "'environment' must be one of them."
    )
    production: str | None = Field(
        None,
        description="The environment that holds production data and gets production "
        "strictness by default (hub.protect, with per-resource locks). Required by multiple "
        "and limitedAndProductionData; with single, set it only when the one environment "
        "works on production data.",
    )
    production_data_readers: list[str] = Field(
        default_factory=list,
        description="Environments besides the production one whose data products may read "
        "(never write) lakes that hold production data, e.g. training on production data in "
        "test; every other environment sees limited data only.",
    )
    workspaces: WorkspaceLayout = Field(
        WorkspaceLayout.PER_PROJECT,
        description="How 'projects' follow the team structure: perProject (one workspace per "
        "funded project), perTeam (one per team) or shared (a single workspace for everyone).",
    )
    access: dict[str, dict[str, MemberRole]] = Field(
        default_factory=dict,
        description="Group alias -> environment -> the workspace role the group gets on every "
        "project in that environment (Owner and User Access Administrator are refused). Each "
        "stack defines the aliases of its own environment under 'groups'.",
    )
    exploration: ExplorationSettings | None = Field(
        None, description="The exploration workspace (a project key) and its one environment."
    )
    regions: RegionsSettings = Field(
        default_factory=RegionsSettings,  # type: ignore[arg-type]
        description="Regional training (a hub per data region) and regional serving.",
    )
    registry: RegistrySettings | None = Field(
        None,
        description="The Azure ML registry for promotion: which environment owns it. Every "
        "environment's workspace identities get AzureML Registry User on it.",
    )

    def may_read_production_data(self, environment: str) -> bool:
        """The pattern's data rule: production data lives in the production environment; other
        environments read it only where the estate says so (seed 002)."""
        return environment == self.production or environment in self.production_data_readers

    def data_issues(
        self, environment: Any, products: Sequence[Any], lakes: Mapping[str, Any]
    ) -> list[ConfigIssue]:
        """A non-production environment's datastores on production lakes, unless it is one
        of ``productionDataReaders``. ``products`` and ``lakes`` are the validated models."""
        if not isinstance(environment, str) or self.may_read_production_data(environment):
            return []
        issues = []
        for index, product in enumerate(products):
            for key, store in sorted(product.datastores.items()):
                lake = lakes.get(store.lake)
                if lake is not None and lake.production:
                    issues.append(
                        ConfigIssue(
                            ("dataProducts", index, "datastores", key, "lake"),
                            f"lake '{store.lake}' holds production data, which this estate "
                            f"keeps in '{self.production}' (environments.production); "
                            f"'{environment}' sees limited data only unless listed in "
                            "environments.productionDataReaders",
                        )
                    )
        return issues

    def grants(self, environment: str) -> list[tuple[str, str]]:
        """(group alias, role) for every row with a cell in ``environment``."""
        return [
            (alias, cells[environment])
            for alias, cells in sorted(self.access.items())
            if environment in cells
        ]

    def issues(
        self,
        environment: Any,
        groups: Mapping[str, Any] | None,
        projects: Sequence[str] | None,
        location: Any = None,
    ) -> list[ConfigIssue]:
        """Paths are from the root of the config: the stack's own 'environment' is checked too.
        ``projects`` are the project keys as written (None: 'projects' is itself invalid)."""
        issues = [*self.regions.issues(location), *self._name_issues()]
        issues += self._production_issues()
        if isinstance(environment, str) and environment not in self.names:
            issues.append(
                ConfigIssue(
                    ("environment",),
                    f"'{environment}' is not an environment of the estate (environments.names: "
                    f"{', '.join(self.names)})",
                    BAD_REFERENCE,
                )
            )
        issues += self._access_issues(environment, set(groups or {}))
        if projects is None:
            return issues
        if self.workspaces == WorkspaceLayout.SHARED and len(projects) != 1:
            issues.append(
                ConfigIssue(
                    ("environments", "workspaces"),
                    f"a shared workspace is one project entry; 'projects' has {len(projects)}",
                )
            )
        issues += self._exploration_issues(set(self.names), projects)
        named: list[tuple[tuple[str | int, ...], str | None]] = [
            *(
                (("environments", "productionDataReaders", index), name)
                for index, name in enumerate(self.production_data_readers)
            ),
            (("environments", "registry", "owner"), self.registry.owner if self.registry else None),
        ]
        return issues + [
            ConfigIssue(path, f"'{name}' {self._not_known}", BAD_REFERENCE)
            for path, name in named
            if name is not None and name not in self.names
        ]

    @property
    def _not_known(self) -> str:
        return f"is not one of environments.names: {', '.join(self.names)}"

    def _name_issues(self) -> list[ConfigIssue]:
        """As many environments as the pattern deploys, each named once."""
        least, most, _ = PATTERN_SHAPE[self.pattern]
        count, issues = len(self.names), []
        if count < least or (most is not None and count > most):
            wanted = f"exactly {least}" if least == most else f"at least {least}"
            issues.append(
                ConfigIssue(
                    ("environments", "names"),
                    f"pattern {self.pattern} deploys {wanted} environment"
                    f"{'' if least == 1 else 's'} (got {count})",
                )
            )
        seen: set[str] = set()
        for index, name in enumerate(self.names):
            if name in seen:
                issues.append(
                    ConfigIssue(
                        ("environments", "names", index), f"'{name}' is listed twice", DUPLICATE
                    )
                )
            seen.add(name)
        return issues

    def _production_issues(self) -> list[ConfigIssue]:
        """The pattern's production-data environment is named, and is one of ``names``."""
        known, at = ", ".join(self.names), ("environments", "production")
        if self.production is None and PATTERN_SHAPE[self.pattern][2]:
            return [
                ConfigIssue(
                    at,
                    f"pattern {self.pattern} needs the production-data environment named (one "
                    f"of: {known})",
                )
            ]
        if self.production is not None and self.production not in self.names:
            return [ConfigIssue(at, f"'{self.production}' is not one of: {known}", BAD_REFERENCE)]
        return []

    def _access_issues(self, environment: Any, aliases: set[Any]) -> list[ConfigIssue]:
        """The access matrix names known environments, and the groups of this stack's."""
        issues = []
        for alias, cells in self.access.items():
            issues += [
                ConfigIssue(
                    ("environments", "access", alias, name),
                    f"'{name}' {self._not_known}",
                    BAD_REFERENCE,
                )
                for name in cells
                if name not in self.names
            ]
            if environment in cells and alias not in aliases and not is_object_id(alias):
                issues.append(
                    ConfigIssue(
                        ("environments", "access", alias),
                        f"group alias '{alias}' has a role in {environment} but this stack "
                        "defines no such group; add it under 'groups' with the environment's "
                        "object id",
                        BAD_REFERENCE,
                    )
                )
        return issues

    def _exploration_issues(self, names: set[str], projects: Sequence[str]) -> list[ConfigIssue]:
        if self.exploration is None:
            return []
        at = ("environments", "exploration")
        issues = []
        if self.exploration.project not in projects:
            issues.append(
                ConfigIssue(
                    (*at, "project"),
                    f"no project '{self.exploration.project}' (projects: "
                    f"{', '.join(projects) or 'none'})",
                    BAD_REFERENCE,
                )
            )
        if self.exploration.environment not in names:
            issues.append(
                ConfigIssue(
                    (*at, "environment"),
                    f"'{self.exploration.environment}' is not one of environments.names",
                    BAD_REFERENCE,
                )
            )
        elif self.exploration.environment == self.production:
            issues.append(
                ConfigIssue(
                    (*at, "environment"),
                    "exploration never works on production data: pick a limited-data environment",
                    CONTRADICTION,
                )
            )
        return issues
