"""The whole stack configuration: one validated model per ``Pulumi.<stack>.yaml``."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import Field, field_validator, model_validator

from ..codes import (
    BAD_ACKNOWLEDGEMENT,
    BAD_REFERENCE,
    CODES,
    DUPLICATE,
    MISSING,
    CodedValueError,
)
from ..data_products.config import (
    DataLandingZoneSettings,
    DataProductSettings,
    product_endpoint_groups,
    project_lake_rules,
)
from ..dns_zones import aks_private_dns_zone
from ..enums import IsolationMode, PolicyPreset
from ..environments.config import EnvironmentsSettings
from ..hub.config import HubSettings
from ..inference.config import InferenceSettings
from ..observability.config import ObservabilitySettings
from ..projects.config import ProjectSettings
from .base import (
    ConfigIssue,
    StrictModel,
    is_object_id,
    object_id_problem,
    report,
    under,
)
from .diagnostics import DiagnosticsSettings
from .managed_network import REGISTRY_RULE_NAMES, PrivateEndpointRule
from .network import NetworkSettings
from .partial import known_issues
from .zone import ZoneSettings

__all__ = ["ConfigIssue", "LandingZoneConfig", "cross_key_issues_of"]


def governed_as_production(policy_preset: Any) -> bool:
    """The one rule for "is production": the stack is checked with the ``prod`` policy preset.
    Only then may a data product write to a lake that holds production data (LZ-CFG-015), and
    alerts get production thresholds and severities, whatever the environment is called. (The
    estate's production-data environment, ``environments.production``, is protected by default
    besides: ``_production_is_protected``.)"""
    return policy_preset == PolicyPreset.PROD


def _key_pattern(glob: str) -> re.Pattern[str]:
    """A key path glob as a pattern: ``*`` stands for one key or index (no dot)."""
    return re.compile("[^.]*".join(re.escape(part) for part in glob.split("*")))


class Acknowledgement(StrictModel):
    """A warning the stack accepts: its code, the key paths it accepts and why."""

    code: str = Field(description="The warning code (LZ-WRN-...).")
    keys: list[str] = Field(
        description="The key paths it accepts, as the warning names them "
        "(hub.monitoring.private, groups.*, dataProducts[*].computes.instances.*.assignedUser); "
        "'*' stands for one key or index.",
    )
    reason: str = Field(description="Why the stack accepts it.")

    @field_validator("keys")
    @classmethod
    def _some_keys(cls, keys: list[str]) -> list[str]:
        if not keys or not all(key.strip() for key in keys):
            raise CodedValueError(
                BAD_ACKNOWLEDGEMENT, "name the key paths it accepts ('*' for one key or index)"
            )
        return keys

    @field_validator("reason")
    @classmethod
    def _a_reason(cls, reason: str) -> str:
        if not reason.strip():
            raise CodedValueError(BAD_ACKNOWLEDGEMENT, "give the reason")
        return reason

    def accepts(self, key: str) -> bool:
        return any(_key_pattern(glob).fullmatch(key) for glob in self.keys)


class LandingZoneConfig(ZoneSettings):
    """Every key of the project namespace in ``Pulumi.<stack>.yaml``."""

    policy_preset: PolicyPreset = Field(
        description="The CrossGuard preset this stack is checked with: "
        "policies/config/<preset>.json, for pulumi preview --policy-pack-config and "
        "offline-preview.",
    )
    groups: dict[str, str] = Field(
        default_factory=dict, description="Entra group object ids by alias (role in the team)."
    )
    network: NetworkSettings = Field(
        default_factory=NetworkSettings,  # type: ignore[arg-type]
        description="Private endpoints for the hub and its resources, and their DNS.",
    )
    diagnostics: DiagnosticsSettings = Field(
        default_factory=DiagnosticsSettings,  # type: ignore[arg-type]
        description="The one Log Analytics workspace every diagnostic setting sends to.",
    )
    hub: HubSettings = Field(
        default_factory=HubSettings,  # type: ignore[arg-type]
        description="The hub workspace and everything its projects inherit.",
    )
    projects: list[ProjectSettings] = Field(
        default_factory=list,
        description="Project workspaces under the hub, keyed by name (order does not matter).",
    )
    data_landing_zone: DataLandingZoneSettings | None = Field(
        None,
        description="The cloud-scale analytics data landing zone the data products live in: "
        "its spoke subnet, central DNS zones and Log Analytics, data lakes, Synapse and "
        "Databricks.",
    )
    data_products: list[DataProductSettings] = Field(
        default_factory=list,
        description="ML data products in the data landing zone, keyed by name (order does not "
        "matter).",
    )
    observability: ObservabilitySettings = Field(
        default_factory=ObservabilitySettings,  # type: ignore[arg-type]
        description="The environment's action group, alerts on every workspace and on named "
        "online endpoints, the dashboard, and monthly cost budgets.",
    )
    inference: InferenceSettings | None = Field(
        None,
        description="Real-time serving: a private AKS cluster in the serving region "
        "(environments.regions.inference, else the stack's location), the Azure ML extension "
        "on it, its attach to a data product's workspace as a Kubernetes compute, and online "
        "endpoints created as shells. Off without it.",
    )
    environments: EnvironmentsSettings | None = Field(
        None,
        description="The estate's environment pattern, its production-data environment and the "
        "access matrix (group x environment -> role); usually in landing-zone.yaml. With it the "
        "program builds this stack's environment with the MultiEnvironment component.",
    )
    acknowledge: list[Acknowledgement] = Field(
        default_factory=list,
        description="Warnings this stack accepts: each a warning code (LZ-WRN-...), the key "
        "paths it accepts (keys; '*' stands for one key or index) and the reason. A warning on "
        "a key no entry names is not acknowledged; an acknowledged one is still reported, "
        "marked acknowledged, and never fails --fail-on warning.",
    )

    @model_validator(mode="before")
    @classmethod
    def _production_is_protected(cls, data: Any) -> Any:
        """The production-data environment is protected unless its stack sets hub.protect
        itself: a default in the config, so preflight and the policy preset see it too."""
        if not isinstance(data, Mapping):
            return data
        environments, hub = data.get("environments"), data.get("hub", {})
        if (
            not isinstance(environments, Mapping)
            or not isinstance(hub, Mapping)
            or "protect" in hub
            or environments.get("production") is None
            or data.get("environment") != environments.get("production")
        ):
            return data
        return {**data, "hub": {**hub, "protect": True}}

    @field_validator("acknowledge", mode="before")
    @classmethod
    def _per_code_form(cls, value: Any) -> Any:
        """The v0.1 form (``code: reason``) accepted every setting a code would ever flag, so
        a new relaxation was acknowledged silently: refuse it and show the new form."""
        if not isinstance(value, Mapping):
            return value
        report(
            [
                ConfigIssue(
                    (),
                    "the per-code form (code: reason) accepted every setting a code would ever "
                    "flag; write a list of entries, each with its code, the key paths it "
                    "accepts and the reason (docs/upgrading.md)",
                    BAD_ACKNOWLEDGEMENT,
                )
            ]
        )
        return value

    @field_validator("acknowledge")
    @classmethod
    def _acknowledged_warnings(cls, acknowledged: list[Acknowledgement]) -> list[Acknowledgement]:
        issues = []
        for index, entry in enumerate(acknowledged):
            if entry.code not in CODES or CODES[entry.code].level != "warning":
                warnings = ", ".join(c for c, v in CODES.items() if v.level == "warning")
                issues.append(
                    ConfigIssue(
                        (index, "code"),
                        f"'{entry.code}' is not a warning code (warnings: {warnings})",
                        BAD_ACKNOWLEDGEMENT,
                    )
                )
        report(issues)
        return acknowledged

    def acknowledgement(self, code: str, keys: Sequence[str]) -> str | None:
        """The reason of the entry that accepts warning ``code`` on every one of ``keys``;
        None when no entry does."""
        for entry in self.acknowledge:
            if entry.code == code and all(entry.accepts(key) for key in keys):
                return entry.reason
        return None

    @field_validator("groups")
    @classmethod
    def _group_ids(cls, groups: dict[str, str]) -> dict[str, str]:
        report(
            [
                ConfigIssue((alias,), problem, BAD_REFERENCE)
                for alias, object_id in groups.items()
                if (problem := object_id_problem(object_id)) is not None
            ]
        )
        return groups

    def group_id(self, alias_or_id: str) -> str:
        return self.groups.get(alias_or_id, alias_or_id)

    @property
    def production(self) -> bool:
        """Whether the stack is governed as production (``governed_as_production``)."""
        return governed_as_production(self.policy_preset)

    def log_analytics_for_products(self) -> str | None:
        """The central Log Analytics workspace of the data products, if config names one."""
        zone = self.data_landing_zone
        if zone is not None and zone.log_analytics_workspace_id is not None:
            return zone.log_analytics_workspace_id
        return self.diagnostics.log_analytics_workspace_id

    def cross_key_issues(self) -> list[ConfigIssue]:
        """Checks that span keys: network and hub options, group aliases, project names."""
        return cross_key_issues_of(dict(self), self.model_dump(by_alias=True))


def cross_key_issues_of(sections: Mapping[str, Any], data: Mapping[str, Any]) -> list[ConfigIssue]:
    """The checks that span keys, over whatever validated.

    ``sections`` holds the validated value of each top-level field (by field name) that is valid
    on its own; a check that reads a missing one is skipped. ``data`` is the keys as written:
    group aliases and project names are read from it, so a field error elsewhere in a project or
    in 'groups' does not hide an unknown alias."""
    location, network, hub = (sections.get(key) for key in ("location", "network", "hub"))
    checks: list[Callable[[], list[ConfigIssue]]] = []
    if network is not None:
        checks.append(
            lambda: under(
                ("network",),
                network.issues(
                    location,
                    hub.endpoint_groups if hub is not None else None,
                    _inference_zones(sections),
                ),
            )
        )
    if hub is not None:
        checks.append(lambda: under(("hub",), hub.issues(location)))
        checks.append(lambda: under(("hub", "monitoring"), _hub_monitoring(hub, sections)))
    observability = sections.get("observability")
    if observability is not None:
        deployed = _workspace_names(data) - _elsewhere(sections)
        checks.append(lambda: under(("observability",), observability.issues()))
        checks.append(lambda: under(("observability",), observability.workspace_issues(deployed)))
    checks += [
        lambda: _environment_issues(sections, data),
        lambda: _inference_issues(sections),
        lambda: _data_product_issues(sections, data),
        lambda: _derived_rule_issues(sections),
        lambda: _reference_issues(data),
    ]
    # a check that reads a value which failed its own validation says nothing (config/partial.py)
    return [issue for check in checks for issue in known_issues(check)]


def _hub_monitoring(hub: HubSettings, sections: Mapping[str, Any]) -> list[ConfigIssue]:
    network, diagnostics = sections.get("network"), sections.get("diagnostics")
    return hub.monitoring.issues(
        sections.get("location"),
        private_endpoints=network.private_endpoints if network is not None else None,
        central_workspace=(
            diagnostics.log_analytics_workspace_id is not None if diagnostics is not None else None
        ),
    )


def _serving_region(sections: Mapping[str, Any]) -> str | None:
    """The serving region of a stack with an inference section (None without one)."""
    location, environments = sections.get("location"), sections.get("environments")
    if sections.get("inference") is None or not isinstance(location, str):
        return None
    if environments is not None and environments.regions.inference is not None:
        return str(environments.regions.inference).replace(" ", "").lower()
    return location


def _inference_zones(sections: Mapping[str, Any]) -> tuple[str, ...]:
    """The inference cluster's private DNS zone (https://learn.microsoft.com/azure/aks/
    private-clusters: privatelink.<region>.azmk8s.io), which DNS mode existing gives too."""
    region = _serving_region(sections)
    return () if region is None else (aks_private_dns_zone(region),)


def _inference_issues(sections: Mapping[str, Any]) -> list[ConfigIssue]:
    """The serving cluster's checks: its region's network and pool bounds, a Default data
    product of this stack to attach to, and its DNS zone where DNS zones are given."""
    inference, region = sections.get("inference"), _serving_region(sections)
    if inference is None or region is None:
        return []
    production = governed_as_production(sections.get("policy_preset"))
    issues = under(("inference",), inference.serving_issues(region, production))
    environments, groups = sections.get("environments"), sections.get("groups") or {}
    names = list(environments.names) if environments is not None else None
    issues += under(
        ("inference",), inference.access_issues(sections.get("environment"), set(groups), names)
    )
    products = {p.name: p for p in sections.get("data_products") or []}
    kinds = {name: product.kind for name, product in products.items()}
    served = products.get(inference.workspace)
    if served is not None and inference.compute_name.lower() in {
        name.lower() for names in (served.computes.instances, served.computes.clusters,
                                   served.computes.aks_attach) for name in names
    }:  # fmt: skip
        issues.append(
            ConfigIssue(
                ("inference", "computeName"),
                f"the workspace of '{inference.workspace}' already has a compute named "
                f"'{inference.compute_name}' (dataProducts computes)",
                DUPLICATE,
            )
        )
    if kinds.get(inference.workspace) != "default":
        issues.append(
            ConfigIssue(
                ("inference", "workspace"),
                f"'{inference.workspace}' is not a data product of kind default in this stack "
                f"(those: {', '.join(sorted(k for k, v in kinds.items() if v == 'default'))})",
                BAD_REFERENCE,
            )
        )
    network = sections.get("network")
    (zone,) = _inference_zones(sections)
    if (
        network is not None
        and network.dns.mode == "existing"
        and zone not in {name.lower() for name in network.dns.zone_ids}
    ):
        issues.append(
            ConfigIssue(
                ("network", "dns", "zoneIds"),
                f"missing: mode 'existing' needs the id of the private DNS zone '{zone}' "
                "(the inference cluster's API server)",
                MISSING,
            )
        )
    return issues


def _environment_issues(sections: Mapping[str, Any], data: Mapping[str, Any]) -> list[ConfigIssue]:
    """The estate definition's checks (``environments``) against this stack's keys."""
    environments = sections.get("environments")
    if environments is None:
        return []
    issues: list[ConfigIssue] = []
    location, hub = sections.get("location"), sections.get("hub")
    groups = data.get("groups")
    # project keys as written; None when 'projects' is not a list (reported on its own)
    projects = (
        [
            name
            for project in _entries(data.get("projects"))
            if isinstance(project, Mapping) and (name := _text(project.get("name")))
        ]
        if isinstance(data.get("projects", []), list)
        else None
    )
    issues += environments.issues(
        sections.get("environment"),
        groups if isinstance(groups, Mapping) else {},
        projects,
        location,
    )
    if isinstance(location, str) and hub is not None:
        serverless = hub.serverless_compute is not None
        issues += environments.regions.serverless_issues(location, serverless)
    if environments.registry is not None and hub is not None and hub.ml_registry:
        issues.append(
            ConfigIssue(
                ("hub", "mlRegistry"),
                "the estate's registry is environments.registry's: its owner environment "
                f"('{environments.registry.owner}') creates it; remove hub.mlRegistry",
            )
        )
    zone = sections.get("data_landing_zone")
    issues += environments.data_issues(
        sections.get("environment"),
        sections.get("data_products") or [],
        zone.lakes if zone is not None else {},
    )
    return issues


def _data_product_issues(sections: Mapping[str, Any], data: Mapping[str, Any]) -> list[ConfigIssue]:
    """The data landing zone's checks, each product's against it, and names used once."""
    zone, products = sections.get("data_landing_zone"), sections.get("data_products")
    issues: list[ConfigIssue] = []
    if zone is None and data.get("dataProducts") and data.get("dataLandingZone") is None:
        issues.append(
            ConfigIssue(
                ("dataLandingZone",),
                "required key is missing: dataProducts need the data landing zone they live in",
                MISSING,
            )
        )
    if zone is not None:
        groups = product_endpoint_groups(products or [])
        issues += under(("dataLandingZone",), zone.issues(sections.get("location"), groups))
    production = governed_as_production(sections.get("policy_preset"))
    for index, product in enumerate(products or []):
        issues += under(
            ("dataProducts", index), product.issues(zone, production, sections.get("location"))
        )
    return issues


def hub_lake_rules(
    hub: HubSettings,
    zone: DataLandingZoneSettings | None,
    products: Sequence[DataProductSettings],
) -> dict[str, Any]:
    """The outbound rules the hub's managed network gets for its project products' lakes
    (``project_lake_rules``), but for a target one of its own rules already reaches; none
    without a managed network. The hub's identity approves their endpoints as its own rules'."""
    if hub.managed_network.isolation_mode == IsolationMode.DISABLED:
        return {}
    reached = {
        (rule.service_resource_id.lower(), rule.subresource_target.lower())
        for rule in hub.managed_network.outbound_rules.values()
        if isinstance(rule, PrivateEndpointRule)
    }
    return {
        name: rule
        for name, rule in project_lake_rules(zone, products).items()
        if (rule["service_resource_id"].lower(), rule["subresource_target"]) not in reached
    }


def _lake_of(rule_name: str, subresource: str) -> str:
    """What a derived lake rule reaches, for people: ``lake 'dev' (dfs)``."""
    return f"lake '{rule_name.removeprefix('lake-').rsplit('-', 1)[0]}' ({subresource})"


def _derived_rules(sections: Mapping[str, Any]) -> dict[str, str]:
    """Name -> what it reaches, of each rule the landing zone adds to the hub's managed network:
    the lakes of its project products, and the estate's promotion registry (its storage and
    container registry too; ``hub/registry_access.py``)."""
    hub, environments = sections.get("hub"), sections.get("environments")
    if hub is None or hub.managed_network.isolation_mode == IsolationMode.DISABLED:
        return {}
    lakes = hub_lake_rules(
        hub, sections.get("data_landing_zone"), sections.get("data_products") or []
    )
    derived = {name: _lake_of(name, rule["subresource_target"]) for name, rule in lakes.items()}
    if hub.ml_registry or (environments is not None and environments.registry is not None):
        derived.update(dict.fromkeys(REGISTRY_RULE_NAMES, "the promotion registry"))
    return derived


def _derived_rule_issues(sections: Mapping[str, Any]) -> list[ConfigIssue]:
    """A hub rule named like a rule the landing zone derives, and the derived rules' approval
    with a network provisioned before a system-assigned identity exists."""
    hub = sections.get("hub")
    derived = _derived_rules(sections)
    if hub is None or not derived:
        return []
    own = {name.lower(): name for name in hub.managed_network.outbound_rules}
    issues = [
        ConfigIssue(
            ("hub", "managedNetwork", "outboundRules", own[name.lower()]),
            f"the landing zone names the rule to {reached} '{name}'; rename this rule",
            DUPLICATE,
        )
        for name, reached in derived.items()
        if name.lower() in own
    ]
    if hub.identity == "SystemAssigned" and hub.managed_network.provision_network_now:
        issues.append(
            ConfigIssue(
                ("hub", "identity"),
                "the hub's network gets private-endpoint outbound rules (to its project data "
                "products' lakes, to the promotion registry), and with provisionNetworkNow the "
                "identity must hold 'Azure AI Enterprise Network Connection Approver' on their "
                "targets before the network is provisioned: use identity 'UserAssigned' (a "
                "system-assigned identity exists only after the hub)",
            )
        )
    return issues


def _elsewhere(sections: Mapping[str, Any]) -> set[str]:
    """Projects of the estate this stack does not deploy: the exploration workspace outside
    its one environment (so observability cannot name it there)."""
    environments = sections.get("environments")
    exploration = environments.exploration if environments is not None else None
    if exploration is None or exploration.environment == sections.get("environment"):
        return set()
    return {exploration.project}


def _workspace_names(data: Mapping[str, Any]) -> set[str]:
    """The project and data product names as written (an invalid entry still names a
    workspace): what observability may name besides the hub."""
    return {
        name
        for key in ("projects", "dataProducts")
        for entry in _entries(data.get(key))
        if isinstance(entry, Mapping) and (name := _text(entry.get("name"))) is not None
    }


def _reference_issues(data: Mapping[str, Any]) -> list[ConfigIssue]:
    """Group aliases must be defined and project names unique, read from the keys as written."""
    groups = data.get("groups")
    aliases = {_text(alias) for alias in groups} if isinstance(groups, Mapping) else set()
    issues: list[ConfigIssue] = []

    def check(path: tuple[str | int, ...], value: Any) -> None:
        alias = _text(value)
        if alias is not None and alias not in aliases and not is_object_id(alias):
            known = ", ".join(sorted(a for a in aliases if a)) or "none defined"
            issues.append(
                ConfigIssue(
                    path,
                    f"unknown group alias '{alias}' (groups: {known}); define it under 'groups'",
                    BAD_REFERENCE,
                )
            )

    hub = data.get("hub")
    if isinstance(hub, Mapping):
        for index, alias in enumerate(_entries(hub.get("projectCreators"))):
            check(("hub", "projectCreators", index), alias)
    products = [p for p in _entries(data.get("dataProducts")) if isinstance(p, Mapping)]
    for d_index, product in enumerate(products):
        roles = product.get("groups")
        for role, alias in roles.items() if isinstance(roles, Mapping) else ():
            check(("dataProducts", d_index, "groups", role), alias)
    issues += _unique_names(data, "dataProducts", "data product")
    seen: dict[str, int] = {}
    for p_index, project in enumerate(_entries(data.get("projects"))):
        if not isinstance(project, Mapping):
            continue
        name = _text(project.get("name"))
        if name is not None and name in seen:
            issues.append(
                ConfigIssue(
                    ("projects", p_index, "name"),
                    f"project name '{name}' is already used by projects[{seen[name]}]",
                    DUPLICATE,
                )
            )
        if name is not None:
            seen.setdefault(name, p_index)
        for m_index, member in enumerate(_entries(project.get("members"))):
            if isinstance(member, Mapping):
                check(("projects", p_index, "members", m_index, "group"), member.get("group"))
    return issues


def _unique_names(data: Mapping[str, Any], key: str, what: str) -> list[ConfigIssue]:
    """Names used once in the list under ``key``; a product also never shares a project's name:
    observability names both by it, and a project-kind product's workspace is a project under
    the hub too."""
    projects = {
        _text(p.get("name")): i
        for i, p in enumerate(_entries(data.get("projects")))
        if isinstance(p, Mapping)
    }
    issues: list[ConfigIssue] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(_entries(data.get(key))):
        name = _text(entry.get("name")) if isinstance(entry, Mapping) else None
        if name is None:
            continue
        if name in seen:
            issues.append(
                ConfigIssue(
                    (key, index, "name"),
                    f"{what} name '{name}' is already used by {key}[{seen[name]}]",
                    DUPLICATE,
                )
            )
        elif name in projects:
            why = (
                "both name a project workspace under the hub"
                if entry.get("kind") == "project"
                else "observability names both workspaces by it"
            )
            issues.append(
                ConfigIssue(
                    (key, index, "name"),
                    f"{what} name '{name}' is already used by projects[{projects[name]}] ({why})",
                    DUPLICATE,
                )
            )
        seen.setdefault(name, index)
    return issues


def _entries(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    """A string key as the models read it (stripped, numbers as text), else None."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None
