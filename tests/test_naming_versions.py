"""Upgrades never rename: every shipped naming scheme gives the shipped stacks exactly the names in
tests/golden/names.json. A change to how names are built fails here unless it is a new scheme.

To add a scheme: add it to ``NAMING_SCHEMES`` (never change an existing one), then regenerate the
golden file with ``python -m tests.test_naming_versions`` and review the diff: only the new
scheme's entries may appear."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.data_products.product import product_workspace_name
from aml_landing_zone.environments.component import environment_config
from aml_landing_zone.errors import ConfigError
from aml_landing_zone.naming import DEFAULT_NAMING_VERSION, NAMING_SCHEMES, Naming
from aml_landing_zone.offline.mocks import SUBSCRIPTION_ID

from tests.conftest import one, run_stack
from tests.stack_values import NAMESPACE, ROOT, stack_config, stack_values

GOLDEN = ROOT / "tests" / "golden" / "names.json"
STACKS = ("dev", "test", "prod")


def names_of(stack: str, version: int) -> dict[str, str]:
    """Every Azure name the stack's config yields under one scheme (the offline subscription)."""
    config = parse_stack_config(stack_values(stack), namespace=NAMESPACE, stack=stack)
    naming = Naming(
        config.organization,
        config.workload,
        config.environment,
        config.location,
        SUBSCRIPTION_ID,
        config.name_seed if version >= 2 else "",
        version,
    )
    names: dict[str, Any] = {
        "resourceGroup.hub": naming.resource_group("hub"),
        "resourceGroup.projects": naming.resource_group("projects"),
        "hub": naming.hub(),
        "storage": naming.storage(),
        "keyVault": naming.key_vault(),
        "registry": naming.registry(),
        "mlRegistry": naming.ml_registry(),
        "logAnalytics": naming.log_analytics(),
        "appInsights": naming.app_insights(),
        "identity": naming.identity("hub"),
        "virtualNetwork": naming.virtual_network(),
        "networkSecurityGroup": naming.network_security_group("pe"),
        "privateEndpoint.storageBlob": naming.private_endpoint(naming.storage(), "blob"),
    }
    for project in environment_config(config).projects:  # the projects this stack deploys
        names[f"project.{project.name}"] = naming.project(project.name)
        # its own group with hub.projectResourceGroups perProject (the shipped stacks' choice)
        names[f"resourceGroup.project.{project.name}"] = naming.project_resource_group(project.name)
        names[f"budget.{project.name}"] = naming.budget(project.name)
        names[f"alert.{project.name}.failed-runs"] = naming.metric_alert(
            naming.project(project.name), "failed-runs"
        )
    names |= {
        "actionGroup": naming.action_group(),
        "actionGroup.shortName": naming.action_group_short_name(),
        "alert.hub.failed-runs": naming.metric_alert(naming.hub(), "failed-runs"),
        "budget.hub": naming.budget("hub"),
        "workbook": naming.workbook(),
    }
    for product in config.data_products:
        own, key = naming.for_product(product.name), f"dataProduct.{product.name}"
        names[f"{key}.resourceGroup"] = own.resource_group("dp")
        names[f"{key}.identity"] = own.identity("ws")
        names[f"{key}.budget"] = naming.budget(product.name)
        names[f"{key}.alert.failed-runs"] = naming.metric_alert(
            product_workspace_name(naming, product.name, product.kind), "failed-runs"
        )
        if product.kind == "project":
            names[f"{key}.workspace"] = naming.project(product.name)
        else:
            names[f"{key}.workspace"] = own.data_product_workspace()
            names[f"{key}.storage"] = own.storage()
            names[f"{key}.keyVault"] = own.key_vault()
            names[f"{key}.registry"] = own.registry()
    return names


def current() -> dict[str, dict[str, dict[str, str]]]:
    return {
        stack: {str(version): names_of(stack, version) for version in NAMING_SCHEMES}
        for stack in STACKS
    }


@pytest.mark.parametrize("stack", STACKS)
def test_every_scheme_still_gives_the_shipped_names(stack: str) -> None:
    golden = json.loads(GOLDEN.read_text())
    for version in NAMING_SCHEMES:
        assert names_of(stack, version) == golden[stack][str(version)], (
            f"naming scheme {version} would rename resources of Pulumi.{stack}.yaml: "
            "add a new scheme instead of changing this one"
        )


def test_no_shipped_scheme_disappears() -> None:
    golden = json.loads(GOLDEN.read_text())
    assert all(set(golden[stack]) <= {str(v) for v in NAMING_SCHEMES} for stack in STACKS)
    assert all(set(golden[stack]) == {str(v) for v in NAMING_SCHEMES} for stack in STACKS)


def test_the_default_scheme_is_frozen_and_globally_unique_names_differ_between_schemes() -> None:
    assert DEFAULT_NAMING_VERSION == 2
    golden = json.loads(GOLDEN.read_text())["prod"]
    assert golden["1"]["storage"] != golden["2"]["storage"]
    assert golden["1"]["hub"] == golden["2"]["hub"]  # no seed: workspace names agree


def test_an_unknown_scheme_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ConfigError) as caught:
        Naming("contoso", "ml", "dev", "westeurope", version=3)
    assert str(caught.value) == "naming version 3 does not exist; known: 1, 2"


def test_a_seed_suffixes_every_workspace_name() -> None:
    """A workspace is soft-deleted for 14 days and holds its name: the seed is the way to a new
    one (scheme 2). The shipped stacks set no seed, so the golden names never show it."""
    seeded = Naming("contoso", "ml", "dev", "westeurope", seed="r2")
    assert seeded.hub() == "hub-contoso-ml-dev-weu-r2"
    assert seeded.project("fraud") == "proj-contoso-fraud-dev-r2"
    assert seeded.for_product("sales").data_product_workspace() == "mlw-contoso-sales-dev-r2"
    unseeded = Naming("contoso", "ml", "dev", "westeurope")
    assert unseeded.hub() == "hub-contoso-ml-dev-weu"
    assert unseeded.project("fraud") == "proj-contoso-fraud-dev"


def test_a_seed_under_the_first_scheme_is_refused() -> None:
    with pytest.raises(ConfigError) as caught:
        Naming("contoso", "ml", "dev", "westeurope", seed="r2", version=1)
    assert str(caught.value) == "nameSeed needs naming version 2 or later"


def test_a_stack_can_pin_the_old_scheme() -> None:
    values = {**stack_values("prod"), "namingVersion": 1}
    config = parse_stack_config(values, namespace=NAMESPACE, stack="prod")
    assert config.naming_version == 1


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(current(), indent=2, sort_keys=True) + "\n")


def test_the_program_builds_the_pinned_schemes_names() -> None:
    config = {**stack_config("dev"), "aml-landing-zone:namingVersion": 1}
    run = run_stack("dev", config)
    golden = json.loads(GOLDEN.read_text())["dev"]["1"]
    assert (
        one(run, "azure-native:storage:StorageAccount").inputs["accountName"] == golden["storage"]
    )
    assert one(run, "azure-native:keyvault:Vault").inputs["vaultName"] == golden["keyVault"]
