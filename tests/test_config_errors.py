"""Mistakes users make in Pulumi.<stack>.yaml: each gets a message naming the stack file and the
key path, and the shipped stacks themselves validate."""

from __future__ import annotations

from typing import Any

import pytest
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.errors import ConfigError
from aml_landing_zone.offline.program import run_program
from aml_landing_zone.policies.pack import ALL_POLICIES

from tests.facts import ROLE_GUIDS
from tests.stack_values import (
    DELETE,
    NAMESPACE,
    ROOT,
    changed,
    stack_config,
    stack_values,
    with_members,
    without_codes,
)


def error_for(values: dict[str, Any], stack: str = "dev") -> str:
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(values, namespace=NAMESPACE, stack=stack)
    return without_codes(str(caught.value))


@pytest.mark.parametrize("stack", ["dev", "test", "prod"])
def test_shipped_stacks_are_valid(stack: str) -> None:
    config = parse_stack_config(stack_values(stack), namespace=NAMESPACE, stack=stack)
    assert config.environment == stack
    assert config.policy_preset == stack


HEADER = "Pulumi.dev.yaml: invalid configuration (1 problem):"
GUID = "a GUID like 00000000-0000-0000-0000-000000000000"

# case, changed key path, its new value, the whole line the user sees
CASES = [
    ("typo at top level", "hubb", {}, "aml-landing-zone:hubb: unknown key; did you mean 'hub'?"),
    (
        "typo in a nested key",
        "hub.storageRedundancey",
        "LRS",
        "aml-landing-zone:hub.storageRedundancey: unknown key; did you mean 'storageRedundancy'?",
    ),
    (
        "project name makes the workspace name too long",
        "projects[0].name",
        "customer-lifetime-vl",
        "aml-landing-zone:projects[0].name: the ML workspace name "
        "'proj-contoso-customer-lifetime-vl-dev' (from organization 'contoso', workload 'ml', "
        "environment 'dev', location 'westeurope', project 'customer-lifetime-vl') has 37 "
        "characters; Azure allows 3–33. Shorten the value.",
    ),
    (
        "organisation prefix too long",
        "organization",
        "contosoglobalbank",
        "aml-landing-zone:organization: must be 2–10 lowercase letters or digits, starting with "
        "a letter (got 'contosoglobalbank')",
    ),
    (
        "workload with a hyphen",
        "workload",
        "ml-ops",
        "aml-landing-zone:workload: must be 2–8 lowercase letters or digits, starting with a "
        "letter (got 'ml-ops')",
    ),
    (
        "project key with capitals",
        "projects[0].name",
        "Fraud_Detection",
        "aml-landing-zone:projects[0].name: must be 3–20 lowercase letters, digits or hyphens, "
        "starting with a letter and not ending with a hyphen (got 'Fraud_Detection')",
    ),
    (
        "unknown role",
        "projects[0].members[0].role",
        "Data Scientist",
        "aml-landing-zone:projects[0].members[0].role: unknown role 'Data Scientist'; use one "
        "of: AzureML Data Scientist, AzureML Compute Operator, Azure AI Developer, Azure AI "
        "Administrator, Reader, Contributor",
    ),
    (
        "misspelt location",
        "location",
        "westeurop",
        "aml-landing-zone:location: 'westeurop' is not an Azure region this landing zone "
        "supports; did you mean 'westeurope'?",
    ),
    (
        "location that is no region",
        "location",
        "mars",
        "aml-landing-zone:location: 'mars' is not an Azure region this landing zone supports "
        "(e.g. westeurope, eastus2, swedencentral)",
    ),
    (
        "project sets a hub-owned option",
        "projects[1].publicNetworkAccess",
        "Enabled",
        "aml-landing-zone:projects[1].publicNetworkAccess: a hub setting, which project "
        "workspaces inherit from the hub; set it under 'hub' instead",
    ),
    (
        "duplicate project names",
        "projects[1].name",
        "fraud",
        "aml-landing-zone:projects[1].name: project name 'fraud' is already used by projects[0]",
    ),
    (
        "member group alias not defined",
        "projects[0].members[0].group",
        "dataScientist",
        "aml-landing-zone:projects[0].members[0].group: unknown group alias 'dataScientist' "
        "(groups: dataScientists, mlEngineers, platformAdmins); define it under 'groups'",
    ),
    (
        "project creators name an unknown group",
        "hub.projectCreators",
        ["everyone"],
        "aml-landing-zone:hub.projectCreators[0]: unknown group alias 'everyone' (groups: "
        "dataScientists, mlEngineers, platformAdmins); define it under 'groups'",
    ),
    (
        "group object id is not a GUID",
        "groups.dataScientists",
        "data-scientists",
        "aml-landing-zone:groups.dataScientists: 'data-scientists' is not an Entra object id "
        f"({GUID})",
    ),
    (
        "required tag missing",
        "tags.owner",
        DELETE,
        "aml-landing-zone:tags: missing required tag: owner",
    ),
    (
        "tag name Azure refuses",
        "tags.cost/center",
        "CC-1",
        "aml-landing-zone:tags.cost/center: Azure refuses tag names containing < > % & \\ ? or /",
    ),
    (
        "required key missing",
        "organization",
        DELETE,
        "aml-landing-zone:organization: required key is missing",
    ),
    (
        "yes/no key given a word",
        "hub.containerRegistry",
        "maybe",
        "aml-landing-zone:hub.containerRegistry: expected true or false (got 'maybe')",
    ),
    (
        "number given a word",
        "hub.logRetentionDays",
        "thirty",
        "aml-landing-zone:hub.logRetentionDays: expected a whole number (got 'thirty')",
    ),
    (
        "number below its minimum",
        "hub.logRetentionDays",
        7,
        "aml-landing-zone:hub.logRetentionDays: must be at least 30 (got 7)",
    ),
    (
        "text given a list",
        "organization",
        ["contoso"],
        "aml-landing-zone:organization: expected text (got a list)",
    ),
    (
        "section given a list",
        "hub",
        [],
        "aml-landing-zone:hub: expected a mapping of key: value (got a list)",
    ),
    (
        "list given a mapping",
        "projects",
        {"fraud": {}},
        "aml-landing-zone:projects: expected a list (got a mapping)",
    ),
    (
        "list entry given text",
        "projects[1]",
        "churn",
        "aml-landing-zone:projects[1]: expected a mapping of key: value (got 'churn')",
    ),
    (
        "text too long",
        "projects[0].description",
        "x" * 300,
        "aml-landing-zone:projects[0].description: must be at most 256 characters long (got 300 "
        "characters)",
    ),
    (
        "value outside the allowed set",
        "hub.storageRedundancy",
        "XRS",
        "aml-landing-zone:hub.storageRedundancy: must be one of LRS, ZRS, GRS, GZRS, RAGRS or "
        "RAGZRS (got 'XRS'); did you mean 'ZRS'?",
    ),
    (
        "value of a two-way choice in the wrong case",
        "hub.identity",
        "userAssigned",
        "aml-landing-zone:hub.identity: must be SystemAssigned or UserAssigned (got "
        "'userAssigned'); did you mean 'UserAssigned'?",
    ),
    (
        "unknown policy preset",
        "policyPreset",
        "stage",
        "aml-landing-zone:policyPreset: must be one of dev, test or prod (got 'stage')",
    ),
    (
        "stack names no policy preset",
        "policyPreset",
        DELETE,
        "aml-landing-zone:policyPreset: required key is missing; one of: dev, test, prod",
    ),
]


@pytest.mark.parametrize(("case", "path", "value", "expected"), CASES, ids=[c[0] for c in CASES])
def test_config_mistake_is_reported_with_file_and_key(
    case: str, path: str, value: Any, expected: str
) -> None:
    message = error_for(changed(with_members(stack_values("dev")), path, value))
    assert message == f"{HEADER}\n  {expected}"


def problems(message: str) -> list[str]:
    """The problem lines of a message, without their indent, after checking the count."""
    header, *lines = message.splitlines()
    assert header == f"Pulumi.dev.yaml: invalid configuration ({len(lines)} problems):"
    return [line.removeprefix("  ") for line in lines]


def default_product(name: str) -> dict[str, Any]:
    """The dev stack with its data product of kind Default (its own workspace), named ``name``."""
    values = changed(with_members(stack_values("dev")), "dataProducts[0].kind", "default")
    values = changed(values, "dataLandingZone.monitoring", {"private": False})
    return changed(values, "dataProducts[0].name", name)


def test_a_default_products_workspace_name_of_33_characters_passes_and_34_fails() -> None:
    """ML workspace names have 3-33 characters (resource-name-rules, MachineLearningServices/
    workspaces); a Default product's is mlw-<organization>-<product>-<environment>."""
    parse_stack_config(default_product("customer-lifetime"), namespace=NAMESPACE, stack="dev")
    assert error_for(default_product("customer-lifetimes")) == (
        f"{HEADER}\n  aml-landing-zone:dataProducts[0].name: the ML workspace name "
        "'mlw-contoso-customer-lifetimes-dev' (from organization 'contoso', workload 'ml', "
        "environment 'dev', location 'westeurope', data product 'customer-lifetimes') has 34 "
        "characters; Azure allows 3–33. Shorten the value."
    )


def test_every_problem_is_reported_at_once() -> None:
    values = changed(with_members(stack_values("dev")), "hub.storageRedundancy", "XRS")
    values = changed(values, "location", "mars")
    assert [line.split(": ")[0] for line in problems(error_for(values))] == [
        "aml-landing-zone:location",
        "aml-landing-zone:hub.storageRedundancy",
    ]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("hub.storageRedundancy", "XRS"),  # in the same section as the alias
        ("projects[0].members[1].role", "Data Scientist"),  # in the same project as the alias
        ("groups.platformAdmins", "admins"),  # among the groups the alias is looked up in
    ],
)
def test_a_field_error_does_not_hide_an_unknown_group_alias(path: str, value: Any) -> None:
    values = changed(with_members(stack_values("dev")), path, value)
    values = changed(values, "hub.projectCreators", ["everyone"])
    values = changed(values, "projects[0].members[0].group", "dataScientist")
    lines = problems(error_for(values))
    assert len(lines) == 3
    assert lines[0].startswith(f"aml-landing-zone:{path}: ")
    assert lines[1:] == [
        "aml-landing-zone:hub.projectCreators[0]: unknown group alias 'everyone' (groups: "
        "dataScientists, mlEngineers, platformAdmins); define it under 'groups'",
        "aml-landing-zone:projects[0].members[0].group: unknown group alias 'dataScientist' "
        "(groups: dataScientists, mlEngineers, platformAdmins); define it under 'groups'",
    ]


def test_a_bad_location_does_not_hide_a_network_problem() -> None:
    values = changed(with_members(stack_values("dev")), "location", "westeurop")
    values = changed(values, "network.virtualNetwork", DELETE)
    assert problems(error_for(values)) == [
        "aml-landing-zone:location: 'westeurop' is not an Azure region this landing zone "
        "supports; did you mean 'westeurope'?",
        "aml-landing-zone:network: privateEndpoints is true but no subnet is given: set subnetId "
        "(bring your own subnet) or virtualNetwork (create a spoke), or set privateEndpoints: "
        "false if Azure Policy deploys the endpoints",
    ]


def test_every_bad_member_is_reported() -> None:
    values = changed(
        with_members(stack_values("dev")), "projects[0].members[0].role", "Data Scientist"
    )
    values = changed(values, "projects[0].members[1].role", "Owner")
    lines = problems(error_for(values))
    assert [line.split(": ")[0] for line in lines] == [
        "aml-landing-zone:projects[0].members[0].role",
        "aml-landing-zone:projects[0].members[1].role",
    ]


def test_every_bad_tag_is_reported() -> None:
    values = changed(
        with_members(stack_values("dev")), "tags", {"cost/center": "CC-1", "owner<": "me"}
    )
    assert problems(error_for(values)) == [
        "aml-landing-zone:tags: missing required tags: costCenter, owner",
        "aml-landing-zone:tags.cost/center: Azure refuses tag names containing < > % & \\ ? or /",
        "aml-landing-zone:tags.owner<: Azure refuses tag names containing < > % & \\ ? or /",
    ]


def test_every_hub_setting_in_a_project_is_reported() -> None:
    values = changed(with_members(stack_values("dev")), "projects[0].storageAccount", "st")
    values = changed(values, "projects[0].diagnostics", {})
    assert problems(error_for(values)) == [
        "aml-landing-zone:projects[0].diagnostics: a hub setting, which project workspaces "
        "inherit from the hub; set it under 'diagnostics' instead",
        "aml-landing-zone:projects[0].storageAccount: a hub setting, which project workspaces "
        "inherit from the hub; set it under 'hub' instead",
    ]


def test_every_repeated_member_is_reported() -> None:
    member = {"group": "dataScientists", "role": "AzureML Data Scientist"}
    values = changed(
        with_members(stack_values("dev")), "projects[1].members", [member, member, member]
    )
    assert problems(error_for(values)) == [
        f"aml-landing-zone:projects[1].members[{index}]: group 'dataScientists' already has role "
        "'AzureML Data Scientist' (members[0])"
        for index in (1, 2)
    ]


def test_provider_region_must_agree_with_the_landing_zone_region() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(
            stack_values("dev"), NAMESPACE, "dev", provider={"location": "North Europe"}
        )
    assert without_codes(str(caught.value)) == (
        f"{HEADER}\n  aml-landing-zone:location: 'westeurope', but azure-native:location is "
        "'North Europe' (the provider's region for resources that name none); set both to the "
        "same region"
    )


@pytest.mark.parametrize("provider", [{}, {"location": "West Europe"}, {"location": "westeurope"}])
def test_provider_region_may_be_absent_or_written_differently(provider: dict[str, Any]) -> None:
    parse_stack_config(stack_values("dev"), NAMESPACE, "dev", provider=provider)


def test_stack_file_with_two_regions_stops_the_program() -> None:
    """The program reads azure-native:location from the same stack file."""
    config = changed(stack_config("dev"), "azure-native:location", "northeurope")
    with pytest.raises(ConfigError, match="but azure-native:location is 'northeurope'"):
        run_program(ROOT, "dev", config)


def test_error_names_the_stack_file_of_the_running_stack() -> None:
    assert error_for(
        changed(with_members(stack_values("dev")), "hubb", {}), stack="prod"
    ).startswith("Pulumi.prod.yaml:")


def test_display_form_of_a_region_is_accepted() -> None:
    config = parse_stack_config(
        changed(with_members(stack_values("dev")), "location", "West Europe"),
        namespace=NAMESPACE,
        stack="dev",
    )
    assert config.location == "westeurope"


def test_numbers_in_tags_are_read_as_text() -> None:
    config = parse_stack_config(
        changed(with_members(stack_values("dev")), "tags.costCenter", 4711),
        namespace=NAMESPACE,
        stack="dev",
    )
    assert config.tags["costCenter"] == "4711"


ADVICE = {
    "Owner": "use 'Contributor' instead: everything Owner may do except grant access",
    "User Access Administrator": "leave it out: the stack config grants each group its role, "
    "and PIM elevates whoever must manage access by hand",
}


@pytest.mark.parametrize("role", ["Owner", "User Access Administrator"])
def test_config_refuses_the_roles_the_pack_forbids_for_people(role: str) -> None:
    """One list (roles.PRIVILEGED_ROLES) feeds the rule's default and the config's refusal, so a
    member group with a privileged role fails at config time, not as a violation later."""
    (rule,) = [p for p in ALL_POLICIES if p.name == "rbac-no-owner-to-humans"]
    assert rule.config_schema is not None
    defaults = rule.config_schema.properties["roleIds"]["default"]
    assert defaults == [ROLE_GUIDS["Owner"], ROLE_GUIDS["User Access Administrator"]]
    message = error_for(
        changed(with_members(stack_values("dev")), "projects[0].members[0].role", role)
    )
    assert (
        f"  aml-landing-zone:projects[0].members[0].role: '{role}' is not given to groups: "
        "policy rule rbac-no-owner-to-humans forbids standing Owner or User Access "
        f"Administrator for people; {ADVICE[role]}"
    ) in message.splitlines()
