"""Quiet second runs: the ignoreChanges and replaceOnChanges each resource type sends the engine
(components/blocks/lifecycle.py says why), recorded from the real RegisterResource requests; no
ignore covers a setting the policy pack judges; and comparing plans shows a create-only change
as a replacement (blocked by protect in prod) and an updatable one as an update."""

from __future__ import annotations

import copy
import dataclasses
import re

import pulumi_azure_native as azure_native
import pytest
from aml_landing_zone.blocks import lifecycle
from aml_landing_zone.offline.compare import (
    compare_plans,
    overlaps,
    parse_property_path,
    render_diff,
)
from aml_landing_zone.offline.model import ProgramRun, RecordedResource
from aml_landing_zone.offline.plan import plan_document, render_value
from aml_landing_zone.policies.pack import PACK_READS
from aml_landing_zone.policies.rules.common import ANY_TYPE
from pulumi import _types

from tests.conftest import run_stack
from tests.stack_values import NAMESPACE as NS
from tests.stack_values import changed, stack_config

WORKSPACE = "azure-native:machinelearningservices:Workspace"
HUB_REPLACE = (
    "kind",
    "storageAccount",
    "keyVault",
    "hbiWorkspace",
    "encryption.keyVaultProperties.keyVaultArmId",
)
# type -> (ignoreChanges, replaceOnChanges) for every resource of the type but workspaces
BY_TYPE = {
    "azure-native:keyvault:Vault": ((), ("properties.softDeleteRetentionInDays",)),
    "azure-native:keyvault:Key": (("properties.attributes",), ()),
    "azure-native:containerregistry:Registry": (("zoneRedundancy",), ()),
    "azure-native:network:PrivateEndpoint": (
        ("customDnsConfigs",),
        ("customNetworkInterfaceName",),
    ),
    "azure-native:storage:BlobServiceProperties": (("cors",), ()),
    "azure-native:consumption:Budget": (("timePeriod.startDate",), ()),
}


def options(resource: RecordedResource) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return resource.ignore_changes, resource.replace_on_changes


def workspaces(run: ProgramRun, kind: str) -> list[RecordedResource]:
    return [r for r in run.resources if r.type == WORKSPACE and r.inputs.get("kind") == kind]


@pytest.mark.parametrize("stack", ["dev", "test", "prod"])
def test_each_type_sends_its_options_and_nothing_else_sends_any(stack: str) -> None:
    run = run_stack(stack)
    for resource in run.resources:
        if resource.type == WORKSPACE:
            continue
        assert options(resource) == BY_TYPE.get(resource.type, ((), ())), resource.urn
    present = {r.type for r in run.resources}
    assert set(BY_TYPE) - present <= {"azure-native:keyvault:Key"}  # the key: CMK stacks only
    (project_options,) = {options(p) for p in workspaces(run, "Project")}
    assert project_options == (("managedNetwork",), ("kind", "hubResourceId", "hbiWorkspace"))


def test_prod_hub_ignores_the_network_status_and_each_configured_rule_status() -> None:
    (hub,) = workspaces(run_stack("prod"), "Hub")
    assert options(hub) == (
        (
            "managedNetwork.status",
            'managedNetwork.outboundRules["pypi"].status',
            'managedNetwork.outboundRules["pypi-files"].status',
        ),
        HUB_REPLACE,
    )
    assert any(r.type == "azure-native:keyvault:Key" for r in run_stack("prod").resources)


def test_dev_hub_without_rules_ignores_the_network_status_only() -> None:
    (hub,) = workspaces(run_stack("dev"), "Hub")
    assert options(hub) == (("managedNetwork.status",), HUB_REPLACE)


def test_every_path_starts_at_an_input_of_its_resource() -> None:
    """A misspelt top-level name would make the option a silent no-op in the engine."""
    modules = {
        "machinelearningservices": azure_native.machinelearningservices,
        "keyvault": azure_native.keyvault,
        "containerregistry": azure_native.containerregistry,
        "network": azure_native.network,
        "storage": azure_native.storage,
        "consumption": azure_native.consumption,
    }
    for resource in run_stack("prod").resources:
        paths = resource.ignore_changes + resource.replace_on_changes
        if not paths:
            continue
        _, module, name = resource.type.split(":")
        args_type = getattr(modules[module], f"{name}Args")
        inputs = set(_types.input_type_py_to_pulumi_names(args_type).values())
        for path in paths:
            assert path.split(".")[0].split("[")[0] in inputs, (resource.type, path)


def test_outbound_rule_paths_quote_each_name_sorted() -> None:
    assert lifecycle.outbound_rule_status_paths(["b-rule", "a_rule"]) == [
        'managedNetwork.outboundRules["a_rule"].status',
        'managedNetwork.outboundRules["b-rule"].status',
    ]


def plan_with(stack: str, path: str | None = None, value: object = None) -> dict:
    """The plan of a shipped stack, or of it with one ``aml-landing-zone:`` key path changed."""
    config = None if path is None else changed(stack_config(stack), f"{NS}:{path}", value)
    return plan_document(run_stack(stack, config))


def test_a_create_only_change_in_prod_is_a_replacement_that_protect_blocks() -> None:
    diff = compare_plans(
        plan_with("prod"), plan_with("prod", "hub.keyVaultSoftDeleteRetentionDays", 30)
    )
    assert (diff.added, diff.removed, diff.changed) == ((), (), ())
    (vault,) = diff.replaced
    assert (vault.name, vault.type, vault.blocked_by_protect) == (
        "hub-kv",
        "azure-native:keyvault:Vault",
        True,
    )
    assert [(c.path, c.old, c.new, c.replaces) for c in vault.changes] == [
        ("properties.softDeleteRetentionInDays", 90, 30, True)
    ]
    text = render_diff(diff)
    assert "hub-kv  (azure-native:keyvault:Vault)  replace: replacement blocked by protect" in text
    assert "error: 1 step(s) blocked by protect" in text


def test_an_updatable_change_is_an_update() -> None:
    diff = compare_plans(plan_with("prod"), plan_with("prod", "hub.logRetentionDays", 60))
    assert (diff.replaced, diff.added, diff.removed) == ((), (), ())
    (logs,) = diff.changed
    assert logs.name == "hub-log"
    assert [(c.path, c.old, c.new) for c in logs.changes] == [("retentionInDays", 90, 60)]


def pack_conflicts(resource: RecordedResource) -> list[tuple[str, str, str]]:
    """(ignoreChanges path, policy, path it reads) wherever one covers the other on this
    resource: analyzers judge inputs after ignoreChanges, so the rule would see the state."""
    inputs = render_value(resource.inputs)
    return [
        (ignored, policy, read.path)
        for ignored in resource.ignore_changes
        for policy, declared in PACK_READS.items()
        for read in declared
        if read.type in (resource.type, ANY_TYPE)
        and (read.unless is None or not read.unless(inputs))
        and overlaps(parse_property_path(ignored), parse_property_path(read.path))
    ]


@pytest.mark.parametrize("stack", ["dev", "test", "prod"])
def test_no_ignore_covers_a_setting_the_policy_pack_reads(stack: str) -> None:
    for resource in run_stack(stack).resources:
        assert pack_conflicts(resource) == [], resource.urn


def test_the_conflict_check_sees_an_ignore_on_a_judged_setting() -> None:
    (hub,) = workspaces(run_stack("prod"), "Hub")
    (project, *_) = workspaces(run_stack("prod"), "Project")
    assert ("managedNetwork", "ws-managed-network", "managedNetwork.isolationMode") in (
        pack_conflicts(dataclasses.replace(hub, ignore_changes=("managedNetwork",)))
    )
    assert pack_conflicts(dataclasses.replace(hub, ignore_changes=("tags.owner",))) == [
        ("tags.owner", "required-tags", "tags")
    ]
    # projects are exempt from the network rules, which is why they may ignore the echo
    assert pack_conflicts(project) == []


def test_the_workspace_follows_a_key_rotation_with_an_update_but_never_changes_vault() -> None:
    """The CMK decision: the workspace pins the key's current version (keyUriWithVersion of the
    key it depends on); a rotation read back by refresh is an in-place update of the hub, while
    another vault would be a replacement, which protect blocks."""
    old = plan_with("prod")
    (hub,) = [r for r in old["resources"] if r["type"] == WORKSPACE and r["name"] == "hub-hub"]
    (key,) = [r for r in old["resources"] if r["type"] == "azure-native:keyvault:Key"]
    vault_props = hub["inputs"]["encryption"]["keyVaultProperties"]
    assert re.fullmatch(
        r"https://kv-[a-z0-9-]+\.vault\.azure\.net/keys/cmk-aml/[0-9a-f]{32}",
        vault_props["keyIdentifier"],
    )
    assert key["urn"] in hub["dependencies"]

    rotated = copy.deepcopy(old)
    (new_hub,) = [r for r in rotated["resources"] if r["urn"] == hub["urn"]]
    identifier = new_hub["inputs"]["encryption"]["keyVaultProperties"]["keyIdentifier"]
    new_hub["inputs"]["encryption"]["keyVaultProperties"]["keyIdentifier"] = (
        identifier.rsplit("/", 1)[0] + "/" + "f" * 32
    )
    diff = compare_plans(old, rotated)
    assert [(r.name, r.action) for r in diff.changed] == [("hub-hub", "update")]
    assert diff.replaced == ()

    moved = copy.deepcopy(old)
    (new_hub,) = [r for r in moved["resources"] if r["urn"] == hub["urn"]]
    new_hub["inputs"]["encryption"]["keyVaultProperties"]["keyVaultArmId"] += "-other"
    assert [(r.name, r.blocked_by_protect) for r in compare_plans(old, moved).replaced] == [
        ("hub-hub", True)
    ]
