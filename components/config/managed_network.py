"""The hub's managed virtual network: isolation mode and typed outbound rules.

Rules live inline in the workspace's ``managedNetwork.outboundRules`` (never as separate
ManagedNetworkSettingsRule resources: mixing both replaces rules on refresh). They are a map keyed
by rule name, so renaming or reordering one never touches another."""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import Field, field_validator

from ..arm import check_resource_id
from ..codes import DUPLICATE
from ..enums import FirewallSku, IsolationMode, OutboundRuleType, Protocol
from .base import ConfigIssue, StrictModel, TypedArgs, pattern_field, report

_RULE_TYPE_HELP = "FQDN | PrivateEndpoint | ServiceTag."
RULE_NAME_PATTERN = r"^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$"
_FQDN = re.compile(r"^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$")
_PORTS = re.compile(r"^\s*(\*|\d{1,5}(-\d{1,5})?)(\s*,\s*\d{1,5}(-\d{1,5})?)*\s*$")
# Azure names its own required rules __SYS_*; a user rule with that prefix would clash.
_RESERVED_PREFIX = "__sys"


class FqdnRule(StrictModel):
    """Allow outbound HTTP(S) to one host name (deploys a managed Azure Firewall: costs money)."""

    type: Literal[OutboundRuleType.FQDN] = Field(description=_RULE_TYPE_HELP)
    destination: str = Field(description="Host name, e.g. pypi.org or *.anaconda.com.")

    @field_validator("destination")
    @classmethod
    def _fqdn(cls, value: str) -> str:
        if not _FQDN.match(value):
            raise ValueError(f"'{value}' is not a host name (e.g. pypi.org, *.anaconda.com)")
        return value


class PrivateEndpointRule(StrictModel):
    """A private endpoint from the managed network to another Azure resource."""

    type: Literal[OutboundRuleType.PRIVATE_ENDPOINT] = Field(description=_RULE_TYPE_HELP)
    service_resource_id: str = Field(description="ARM id of the target resource.")
    subresource_target: str = Field(description="Private-link group, e.g. blob, dfs, vault.")
    spark_enabled: bool = Field(False, description="Also reachable from serverless Spark.")

    @field_validator("service_resource_id")
    @classmethod
    def _target(cls, value: str) -> str:
        return check_resource_id(value)


class ServiceTagRule(StrictModel):
    """Allow outbound traffic to an Azure service tag on given ports."""

    type: Literal[OutboundRuleType.SERVICE_TAG] = Field(description=_RULE_TYPE_HELP)
    service_tag: str = pattern_field(
        r"^[A-Za-z][A-Za-z0-9.]*$",
        "letters, digits or dots, starting with a letter (e.g. Storage.WestEurope)",
        description="Azure service tag, e.g. DataFactory.",
    )
    protocol: Protocol = Field(Protocol.TCP, description="IP protocol.")
    port_ranges: str = Field("443", description="Ports or ranges, e.g. '80, 443' or '8080-8089'.")

    @field_validator("port_ranges")
    @classmethod
    def _ports(cls, value: str) -> str:
        if not _PORTS.match(value) or any(int(port) > 65535 for port in re.findall(r"\d+", value)):
            raise ValueError(f"'{value}' is not a port list (e.g. '80, 443' or '8080-8089' or '*')")
        return value


RULE_TYPES: dict[str, type[StrictModel]] = {
    OutboundRuleType.FQDN: FqdnRule,
    OutboundRuleType.PRIVATE_ENDPOINT: PrivateEndpointRule,
    OutboundRuleType.SERVICE_TAG: ServiceTagRule,
}
OutboundRule = Annotated[
    FqdnRule | PrivateEndpointRule | ServiceTagRule,
    Field(discriminator="type"),
    TypedArgs(
        "OutboundRuleArgs",
        """One managed-network outbound rule. ``type`` picks which other keys apply (one flat type,
        because Pulumi schemas have no unions of objects):

        - ``FQDN``: ``destination`` (needs isolation AllowOnlyApprovedOutbound);
        - ``PrivateEndpoint``: ``service_resource_id``, ``subresource_target``, ``spark_enabled``;
        - ``ServiceTag``: ``service_tag``, ``protocol`` (TCP), ``port_ranges`` (443) (needs
          AllowOnlyApprovedOutbound).""",
    ),
]


class ManagedNetworkSettings(StrictModel):
    """Outbound isolation shared by the hub and every project under it."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "ManagedNetworkArgs",
        "The hub's managed network; rule keys are stable rule names.",
    )

    isolation_mode: IsolationMode = Field(
        IsolationMode.ALLOW_ONLY_APPROVED_OUTBOUND,
        description="Can only be tightened after creation: Disabled -> AllowInternetOutbound -> "
        "AllowOnlyApprovedOutbound.",
    )
    firewall_sku: FirewallSku = Field(
        FirewallSku.STANDARD,
        description="SKU of the managed Azure Firewall that FQDN rules deploy.",
    )
    provision_network_now: bool = Field(
        False,
        description="Provision the managed network with the hub instead of with the first "
        "compute (needed before serverless Spark).",
    )
    outbound_rules: dict[str, OutboundRule] = Field(
        default_factory=dict, description="User-defined outbound rules by rule name."
    )

    @field_validator("outbound_rules")
    @classmethod
    def _rule_names(cls, rules: dict[str, OutboundRule]) -> dict[str, OutboundRule]:
        report(
            [
                ConfigIssue(
                    (name,),
                    "not a rule name: 1–63 letters, digits, '-' or '_', starting with a letter "
                    "or digit",
                )
                for name in rules
                if not re.match(RULE_NAME_PATTERN, name)
            ]
        )
        return rules

    def issues(self) -> list[ConfigIssue]:
        """Rules allowed by the isolation mode, each name and destination used once."""
        issues: list[ConfigIssue] = []
        seen_names: dict[str, str] = {}
        seen_targets: dict[tuple[str, ...], str] = {}
        for name, rule in self.outbound_rules.items():
            path = ("outboundRules", name)
            if name.lower() in seen_names:
                issues.append(
                    ConfigIssue(
                        path,
                        f"duplicate rule name: '{seen_names[name.lower()]}' already names a rule "
                        "(Azure compares rule names case-insensitively)",
                        DUPLICATE,
                    )
                )
            seen_names.setdefault(name.lower(), name)
            if name.lower().startswith(_RESERVED_PREFIX):
                issues.append(ConfigIssue(path, "names starting with __SYS are Azure's own rules"))
            if self.isolation_mode == "Disabled":
                issues.append(
                    ConfigIssue(
                        path, "outbound rules need a managed network (isolationMode is Disabled)"
                    )
                )
            elif (
                isinstance(rule, FqdnRule | ServiceTagRule)
                and self.isolation_mode != "AllowOnlyApprovedOutbound"
            ):
                issues.append(
                    ConfigIssue(
                        path,
                        f"{rule.type} rules need isolationMode 'AllowOnlyApprovedOutbound' "
                        f"(got '{self.isolation_mode}'); with internet outbound only "
                        "PrivateEndpoint rules apply",
                    )
                )
            target = _target_key(rule)
            if target in seen_targets:
                issues.append(
                    ConfigIssue(
                        path,
                        f"duplicate rule: '{seen_targets[target]}' already allows this",
                        DUPLICATE,
                    )
                )
            seen_targets.setdefault(target, name)
        return issues


def _target_key(rule: FqdnRule | PrivateEndpointRule | ServiceTagRule) -> tuple[str, ...]:
    """What a rule allows, normalised: two rules with the same key are the same rule."""
    if isinstance(rule, FqdnRule):
        return ("fqdn", rule.destination.lower())
    if isinstance(rule, PrivateEndpointRule):
        return ("pe", rule.service_resource_id.lower(), rule.subresource_target.lower())
    ports = ",".join(sorted(part.strip() for part in rule.port_ranges.split(",")))
    return ("tag", rule.service_tag.lower(), rule.protocol, ports)


# The rules the landing zone adds for the estate's promotion registry (hub/registry_access.py):
# the registry, the storage account and the container registry Azure created for it.
REGISTRY_RULE_NAMES = ("ml-registry", "ml-registry-storage", "ml-registry-acr")


def private_endpoint_rule_targets(settings: ManagedNetworkSettings) -> dict[str, str]:
    """Rule name -> target resource id of every private-endpoint rule."""
    return {
        name: rule.service_resource_id
        for name, rule in settings.outbound_rules.items()
        if isinstance(rule, PrivateEndpointRule)
    }
