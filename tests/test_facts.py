"""The library's tables agree with Azure's documentation (tests/facts.py): built-in role GUIDs,
private DNS zone names per cloud, and the name-length rules at both ends."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import pytest
from aml_landing_zone.dns_zones import has_group, hub_endpoint_groups, zones_for, zones_needed
from aml_landing_zone.errors import ConfigError
from aml_landing_zone.naming import RULES, Naming
from aml_landing_zone.policies.pack import ALL_POLICIES
from aml_landing_zone.roles import BUILT_IN_ROLES, role_guid, role_name

from tests.facts import CLOUD_REGIONS, DNS_ZONES, HUB_GROUPS, NAME_LENGTHS, ROLE_GUIDS


@pytest.mark.parametrize("role", sorted(BUILT_IN_ROLES))
def test_every_built_in_role_has_the_guid_azure_documents(role: str) -> None:
    assert role in ROLE_GUIDS, f"{role}: add it to tests/facts.py from the built-in roles page"
    assert BUILT_IN_ROLES[role] == ROLE_GUIDS[role]
    assert role_guid(role) == ROLE_GUIDS[role]
    assert role_name(f"/providers/Microsoft.Authorization/roleDefinitions/{ROLE_GUIDS[role]}") == (
        role
    )


def test_a_custom_role_guid_passes_through_unchanged() -> None:
    custom = "11111111-2222-4333-8444-555555555555"
    assert role_guid(custom) == custom
    assert role_name(f"/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/{custom}")
    assert role_name(custom) == custom


def test_the_privileged_role_rule_refuses_owner_and_user_access_administrator() -> None:
    (rule,) = [p for p in ALL_POLICIES if p.name == "rbac-no-owner-to-humans"]
    assert rule.config_schema is not None
    defaults = rule.config_schema.properties["roleIds"]["default"]
    assert sorted(defaults) == sorted(
        [ROLE_GUIDS["Owner"], ROLE_GUIDS["User Access Administrator"]]
    )
    assert rule.config_schema.properties["principalTypes"]["default"] == ["User", "Group"]


@pytest.mark.parametrize(
    ("cloud", "group"), [(c, g) for c, groups in DNS_ZONES.items() for g in groups]
)
def test_private_dns_zones_are_the_documented_ones_per_cloud(cloud: str, group: str) -> None:
    region = CLOUD_REGIONS[cloud]
    assert has_group(region, group)
    assert zones_for(region, group) == DNS_ZONES[cloud][group]


@pytest.mark.parametrize("region", ["chinanorth3", "chinaeast2"])
def test_china_has_no_azure_monitor_zones(region: str) -> None:
    assert not has_group(region, "azuremonitor")


@pytest.mark.parametrize("cloud", sorted(DNS_ZONES))
def test_a_hub_needs_each_zone_of_its_groups_once(cloud: str) -> None:
    region = CLOUD_REGIONS[cloud]
    assert hub_endpoint_groups(container_registry=True) == HUB_GROUPS
    assert hub_endpoint_groups(container_registry=False) == HUB_GROUPS[:-1]
    assert hub_endpoint_groups(True, monitor_scope=True) == (*HUB_GROUPS, "azuremonitor")
    expected = tuple(zone for group in HUB_GROUPS for zone in DNS_ZONES[cloud][group])
    assert zones_needed(region, HUB_GROUPS) == expected


def test_the_monitor_scope_shares_the_blob_zone_and_it_is_needed_once() -> None:
    groups = ("blob", "azuremonitor")
    assert zones_needed("westeurope", groups) == (
        "privatelink.blob.core.windows.net",
        "privatelink.monitor.azure.com",
        "privatelink.oms.opinsights.azure.com",
        "privatelink.ods.opinsights.azure.com",
        "privatelink.agentsvc.azure-automation.net",
    )


@pytest.mark.parametrize("rule", sorted(NAME_LENGTHS))
def test_name_rules_allow_exactly_the_documented_lengths(rule: str) -> None:
    low, high = NAME_LENGTHS[rule]
    assert (RULES[rule].min_len, RULES[rule].max_len) == (low, high)
    for length in (low, high):
        assert RULES[rule].check("a" * length, "test") == "a" * length
    for length in (low - 1, high + 1):
        if length == 0:
            continue
        with pytest.raises(ConfigError, match=f"has {length} characters; Azure allows"):
            RULES[rule].check("a" * length, "test")


def naming(organization: str = "contoso", subscription: str = "") -> Naming:
    return Naming(organization, "ml", "dev", "westeurope", subscription)


def test_a_key_vault_name_of_24_characters_passes_and_25_fails() -> None:
    # kv-<org>-dev-<5 hex>: 3 + len(org) + 1 + 3 + 1 + 5 characters
    assert len(naming("abcdefghijk").key_vault()) == 24
    with pytest.raises(
        ConfigError, match=r"key vault name .* has 25 characters; Azure allows 3–24"
    ):
        naming("abcdefghijkl").key_vault()


def test_a_storage_name_of_24_characters_passes_and_25_fails() -> None:
    # st<org>ml dev<5 hex>: 2 + len(org) + 2 + 3 + 5 characters
    assert len(naming("abcdefghijkl").storage()) == 24
    with pytest.raises(ConfigError, match=r"storage account name .* has 25 characters"):
        naming("abcdefghijklm").storage()


def test_the_subscription_id_is_read_case_insensitively() -> None:
    """ARM ids are case-insensitive; a subscription id written in capitals (as some tools print
    it) must not rename every globally unique resource."""
    lower = naming(subscription="5f2c7b1e-3a4d-4e8f-9b6c-0d1e2f3a4b5c")
    upper = naming(subscription="5F2C7B1E-3A4D-4E8F-9B6C-0D1E2F3A4B5C")
    for name in ("storage", "key_vault", "registry", "ml_registry", "workbook"):
        assert getattr(lower, name)() == getattr(upper, name)(), name
    assert lower.storage() != naming(subscription="00000000-0000-0000-0000-000000000000").storage()


DOTTED = (
    "letters, digits, '_', '.' or '-', starting with a letter or digit and ending with a "
    "letter, digit or '_'"
)
WORKSPACE_WORDS = "letters, digits, '_' or '-', starting with a letter or digit"

# Each rule's own name as the message says it, a name breaking the rule, and the characters Azure
# allows, from https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
PATTERN_CASES = [
    ("storage", "storage account", "St-1", "lowercase letters or digits"),
    (
        "key_vault",
        "key vault",
        "kv--x",
        "letters, digits or '-', starting with a letter, ending with a letter or digit, never '--'",
    ),
    (
        "log_analytics",
        "Log Analytics workspace",
        "-log",
        "letters, digits or '-', starting and ending with a letter or digit",
    ),
    # Network/privateEndpoints: "Alphanumerics, underscores, periods, and hyphens. Start with
    # alphanumeric. End alphanumeric or underscore."
    ("private_endpoint", "private endpoint", "pep-x.", DOTTED),
    ("workspace", "ML workspace", "_hub", WORKSPACE_WORDS),
    # ManagedIdentity/userAssignedIdentities: "Alphanumerics, hyphens, and underscores. Start
    # with letter or number."
    ("identity", "managed identity", "_id-hub", WORKSPACE_WORDS),
    # Network/virtualNetworks: as private endpoints
    ("virtual_network", "virtual network", "vnet-contoso.", DOTTED),
    (
        "compute",
        "compute",
        "ci-1",
        "letters, digits or '-', starting with a letter, never ending with '-' or '-' and a digit",
    ),
    (
        "action_group",
        "action group",
        "ag/x",
        "no : < > + / & % \\ ? | or control characters, not ending with a space or '.'",
    ),
    (
        "metric_alert",
        "metric alert",
        "alert#1",
        "no * # & + : < > ? @ % { } \\ / or control characters, not ending with a space or '.'",
    ),
    (
        "log_alert",
        "log search alert",
        "alert#1",
        "no * < > % { } & : \\ ? / # or control characters, not ending with a space or '.'",
    ),
    # Insights/components: "Can't use: %&\\?/ or control characters. Can't end with space
    # or period."
    (
        "app_insights",
        "Application Insights",
        "appi-contoso.",
        "no % & \\ ? / or control characters, not ending with a space or '.'",
    ),
    (
        "app_insights",
        "Application Insights",
        "appi/contoso",
        "no % & \\ ? / or control characters, not ending with a space or '.'",
    ),
    # ContainerRegistry/registries: "Alphanumerics"
    ("registry", "container registry", "cr-contoso", "letters or digits"),
    ("ml_registry", "ML registry", "-mlr", WORKSPACE_WORDS),
    # Network/privateDnsZones/virtualNetworkLinks: end with alphanumeric or underscore
    ("dns_link", "private DNS zone link", "link-vnet.", DOTTED),
    # Datastores are not on that page; the studio says "Datastore name should only consist of
    # lowercase letters, digits, and underscore" (Azure/MachineLearningNotebooks issue 951).
    ("datastore", "datastore", "raw-zone", "lowercase letters, digits or '_'"),
]


@pytest.mark.parametrize(("rule", "what", "name", "words"), PATTERN_CASES)
def test_a_name_breaking_the_pattern_says_which_characters_azure_allows(
    rule: str, what: str, name: str, words: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        RULES[rule].check(name, "the test")
    assert str(caught.value) == (
        f"the {what} name '{name}' (from the test) breaks Azure's rule: {words}. Change the value."
    )


def test_a_datastore_name_of_one_character_is_taken_and_an_empty_one_refused() -> None:
    """The studio's rule for datastore names sets characters only: one letter is a name."""
    assert RULES["datastore"].check("r", "the test") == "r"
    with pytest.raises(ConfigError, match=r"the datastore name '' \(from the test\) has 0 char"):
        RULES["datastore"].check("", "the test")


def test_a_name_out_of_range_says_which_way_to_change_it() -> None:
    with pytest.raises(ConfigError, match=r"has 2 characters; Azure allows 3–24\. Lengthen"):
        RULES["storage"].check("ab", "the test")
    with pytest.raises(ConfigError, match=r"has 25 characters; Azure allows 3–24\. Shorten"):
        RULES["storage"].check("a" * 25, "the test")


def test_a_name_of_the_longest_length_that_breaks_the_pattern_is_changed_not_shortened() -> None:
    """24 characters fit a storage account; capitals do not, so shortening would not help."""
    with pytest.raises(ConfigError) as caught:
        RULES["storage"].check("STCONTOSOMLDEV0123456789", "the test")
    assert str(caught.value) == (
        "the storage account name 'STCONTOSOMLDEV0123456789' (from the test) breaks Azure's "
        "rule: lowercase letters or digits. Change the value."
    )


SOURCE = "organization '{}', workload 'ml', environment 'dev', location 'westeurope'"


def test_a_too_long_key_vault_name_names_the_configuration_it_was_built_from() -> None:
    with pytest.raises(ConfigError) as caught:
        naming("abcdefghijkl").key_vault()
    pattern = (
        re.escape("the key vault name 'kv-abcdefghijkl-dev-")
        + "[0-9a-f]{5}"
        + re.escape(
            f"' (from {SOURCE.format('abcdefghijkl')}) has 25 characters; Azure allows 3–24. "
            "Shorten the value."
        )
    )
    assert re.fullmatch(pattern, str(caught.value)), str(caught.value)


def test_a_too_long_storage_name_names_the_configuration_it_was_built_from() -> None:
    with pytest.raises(ConfigError) as caught:
        naming("abcdefghijklm").storage()
    pattern = (
        re.escape("the storage account name 'stabcdefghijklmmldev")
        + "[0-9a-f]{5}"
        + re.escape(
            f"' (from {SOURCE.format('abcdefghijklm')}) has 25 characters; Azure allows 3–24. "
            "Shorten the value."
        )
    )
    assert re.fullmatch(pattern, str(caught.value)), str(caught.value)


def test_a_budget_name_breaking_the_rule_names_the_budget_and_its_scope() -> None:
    with pytest.raises(ConfigError) as caught:
        naming().budget("sales.eu")
    assert str(caught.value) == (
        "the budget name 'budget-contoso-ml-dev-sales.eu' (from organization 'contoso', "
        "workload 'ml', environment 'dev', location 'westeurope', budget 'sales.eu') breaks "
        "Azure's rule: letters, digits, '_' or '-'. Change the value."
    )


@pytest.mark.parametrize(("kind", "abbr"), [("storage", "st"), ("registry", "cr")])
def test_a_product_key_with_no_room_left_still_gets_a_24_character_name(
    kind: str, abbr: str
) -> None:
    """A 17-character environment leaves no room in 24 characters (2 + 17 + a 5-character
    suffix) for the product key: the key is dropped (its hash is still in the suffix)."""
    own = Naming("contoso", "ml", "preproductionwest", "westeurope").for_product("sales")
    name = getattr(own, kind)()
    assert re.fullmatch(abbr + "preproductionwest[0-9a-f]{5}", name), name
    assert len(name) == 24


def test_the_workbook_name_is_pinned_and_ignores_the_subscription_ids_case() -> None:
    """Azure compares subscription ids case-insensitively, so the workbook's GUID must not change
    with the case a tool prints the id in. The naming parts are the shipped dev stack's; the
    literal (computed once) pins the name across upgrades: a change here renames (replaces)
    every stack's workbook."""
    lower = naming(subscription="5f2c7b1e-3a4d-4e8f-9b6c-0d1e2f3a4b5c").workbook()
    upper = naming(subscription="5F2C7B1E-3A4D-4E8F-9B6C-0D1E2F3A4B5C").workbook()
    assert lower == upper == "104e3aee-7988-596c-8f62-717e1aa59660"


def test_a_network_linked_by_id_gets_a_pinned_six_character_suffix() -> None:
    """Two linked networks in different groups may share a name, so a link to a network given
    by id ends in a hash of the id (read case-insensitively, as ARM ids are). The literal pins
    the name: a change here renames (replaces) every such link."""
    vnet_id = (
        "/subscriptions/5f2c7b1e-3a4d-4e8f-9b6c-0d1e2f3a4b5c/resourceGroups/rg-connectivity/"
        "providers/Microsoft.Network/virtualNetworks/vnet-hub-weu"
    )
    assert naming().dns_link("vnet-hub-weu", vnet_id) == "link-vnet-hub-weu-779d55"
    assert naming().dns_link("vnet-hub-weu", vnet_id.upper()) == "link-vnet-hub-weu-779d55"
    assert naming().dns_link("vnet-contoso-ml-dev-weu") == "link-vnet-contoso-ml-dev-weu"


def test_a_link_to_the_longest_network_name_fits() -> None:
    """A virtual network name has at most 64 characters and a link's at most 80: 'link-', the
    name, '-' and six hex digits make 76."""
    longest = "v" * 64
    name = naming().dns_link(longest, f"/subscriptions/x/virtualNetworks/{longest}")
    assert re.fullmatch("link-" + longest + "-[0-9a-f]{6}", name), name


def test_observability_names_are_pinned() -> None:
    """The environment's action group (its short name is what e-mails and SMS show), alerts and
    budgets: no region, no suffix."""
    names = naming()
    assert names.action_group() == "ag-contoso-ml-dev"
    assert names.action_group_short_name() == "contoso-dev"
    assert names.metric_alert("proj-contoso-fraud-dev", "failed-runs") == (
        "alert-proj-contoso-fraud-dev-failed-runs"
    )
    assert names.log_alert("proj-contoso-fraud-dev-scoring", "errors") == (
        "alert-proj-contoso-fraud-dev-scoring-errors"
    )
    assert names.budget("fraud") == "budget-contoso-ml-dev-fraud"


CONTOSO = SOURCE.format("contoso")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda n: n.private_endpoint("st" + "a" * 56, "blob"),
            f"the private endpoint name 'pep-st{'a' * 56}-blob' (from {CONTOSO}) has 67 "
            "characters; Azure allows 2–64. Shorten the value.",
        ),
        (
            lambda n: n.log_alert("x" * 250, "errors"),
            f"the log search alert name 'alert-{'x' * 250}-errors' (from {CONTOSO}, 'errors') "
            "has 263 characters; Azure allows 1–260. Shorten the value.",
        ),
        (
            # the config allows only letters and digits in an environment: a direct caller's
            # underscore is the way to reach this rule
            lambda n: replace(n, environment="dev_1").action_group_short_name(),
            "the action group short name 'contoso-dev_' (from organization 'contoso', workload "
            "'ml', environment 'dev_1', location 'westeurope') breaks Azure's rule: letters, "
            "digits or '-'. Change the value.",
        ),
    ],
    ids=["private endpoint", "log search alert", "action group short name"],
)
def test_a_name_that_cannot_fit_names_the_values_it_was_built_from(
    build: Callable[[Naming], str], message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        build(naming())
    assert str(caught.value) == message
