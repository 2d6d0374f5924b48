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
from tests.stack_values import DELETE, changed, stack_config
from tests.stack_values import NAMESPACE as NS

WORKSPACE = "azure-native:machinelearningservices:Workspace"
LOCK = "azure-native:authorization:ManagementLockByScope"
RA = "azure-native:authorization:RoleAssignment"
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
    # the shipped stacks' computes are personal instances
    "azure-native:machinelearningservices:Compute": (
        (),
        (
            "properties.properties.vmSize",
            "properties.properties.subnet",
            "properties.properties.enableNodePublicIp",
            "properties.properties.personalComputeInstanceSettings",
        ),
    ),
    "azure-native:monitor:ScheduledQueryRule": ((), ("scopes",)),
    "azure-native:machinelearningservices:Registry": (("registryPrivateEndpointConnections",), ()),
    "azure-native:consumption:Budget": (("timePeriod.startDate",), ()),
}
# the types whose replacement deletes the old resource first (it keeps its name, holds no data)
DELETE_FIRST = {
    "azure-native:machinelearningservices:Compute",
    "azure-native:monitor:ScheduledQueryRule",
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
        assert resource.delete_before_replace is (resource.type in DELETE_FIRST), resource.urn
    present = {r.type for r in run.resources}
    # the key: CMK stacks only; log alerts: endpoints only; the ML registry: its owner only
    assert set(BY_TYPE) - present <= {
        "azure-native:keyvault:Key",
        "azure-native:monitor:ScheduledQueryRule",
        "azure-native:machinelearningservices:Registry",
    }
    (project_options,) = {options(p) for p in workspaces(run, "Project")}
    assert project_options == (("managedNetwork",), ("kind", "hubResourceId", "hbiWorkspace"))


def test_prod_hub_ignores_the_network_status_and_each_configured_rule_status() -> None:
    (hub,) = workspaces(run_stack("prod"), "Hub")
    assert options(hub) == (
        (
            "managedNetwork.status",
            # the rules to the lake the project data product reads (derived, sorted)
            'managedNetwork.outboundRules["lake-prod-blob"].status',
            'managedNetwork.outboundRules["lake-prod-dfs"].status',
            # the promotion registry's, beside the configured rules
            'managedNetwork.outboundRules["ml-registry"].status',
            'managedNetwork.outboundRules["ml-registry-acr"].status',
            'managedNetwork.outboundRules["ml-registry-storage"].status',
            'managedNetwork.outboundRules["pypi"].status',
            'managedNetwork.outboundRules["pypi-files"].status',
        ),
        HUB_REPLACE,
    )
    assert any(r.type == "azure-native:keyvault:Key" for r in run_stack("prod").resources)


def test_dev_hub_ignores_the_network_status_and_its_lake_rules_statuses() -> None:
    (hub,) = workspaces(run_stack("dev"), "Hub")
    assert options(hub) == (
        (
            "managedNetwork.status",
            'managedNetwork.outboundRules["lake-dev-blob"].status',
            'managedNetwork.outboundRules["lake-dev-dfs"].status',
            'managedNetwork.outboundRules["ml-registry"].status',
            'managedNetwork.outboundRules["ml-registry-acr"].status',
            'managedNetwork.outboundRules["ml-registry-storage"].status',
        ),
        HUB_REPLACE,
    )


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


# -- a data product's Default workspace: the same builder, the same options -------------------


def default_products() -> ProgramRun:
    from tests.test_data_landing_zone import default_products_config

    return run_stack("dev", default_products_config())


def test_a_default_product_workspace_takes_the_options_of_a_workspace_that_owns_its_network() -> (
    None
):
    """Every workspace goes through blocks/ml_workspace.py: a Default product ignores its
    network's and each lake rule's status and replaces on the create-only settings, as the hub."""
    by_name = {w.name: options(w) for w in workspaces(default_products(), "Default")}
    assert by_name == {
        "hub-dlz-demand-mlw": (
            (
                "managedNetwork.status",
                'managedNetwork.outboundRules["lake-dev-blob"].status',
                'managedNetwork.outboundRules["lake-dev-dfs"].status',
            ),
            HUB_REPLACE,
        ),
        "hub-dlz-churnlab-mlw": (("managedNetwork.status",), HUB_REPLACE),  # isolation Disabled
    }


def test_a_create_only_change_of_a_default_product_is_a_replacement() -> None:
    from tests.test_data_landing_zone import default_products_config

    config = default_products_config()
    config[f"{NS}:dataProducts"][0]["highBusinessImpact"] = True
    diff = compare_plans(plan_document(default_products()), plan_document(run_stack("dev", config)))
    assert [(r.name, r.action) for r in diff.replaced] == [("hub-dlz-demand-mlw", "replace")]
    (workspace,) = diff.replaced
    assert [(c.path, c.old, c.new, c.replaces) for c in workspace.changes] == [
        ("hbiWorkspace", False, True, True)
    ]


# -- computes and log alerts: what Azure does not apply in place ------------------------------


def with_new_input(plan: dict, name: str, path: str, value: object) -> dict:
    """A copy of ``plan`` in which one resource's input at ``path`` has another value."""
    result = copy.deepcopy(plan)
    (resource,) = [r for r in result["resources"] if r["name"] == name]
    resource["inputs"] = changed(resource["inputs"], path, value)
    return result


@pytest.mark.parametrize(
    ("path", "value", "action"),
    [
        ("properties.properties.vmSize", "Standard_E4ds_v4", "replace"),
        ("properties.properties.enableNodePublicIp", True, "replace"),
        (
            "properties.properties.personalComputeInstanceSettings.assignedUser.objectId",
            "u",
            "replace",
        ),
        # idle shutdown is its own action on Azure's side, but replacing a user's instance for it
        # would be out of proportion: an update (README, Second runs)
        ("properties.properties.idleTimeBeforeShutdown", "PT2H", "update"),
    ],
)
def test_a_create_only_instance_setting_replaces_the_instance_deleting_it_first(
    path: str, value: object, action: str
) -> None:
    old = plan_with("dev")
    name = "hub-dlz-demand-ci-ci-demand-alice"
    diff = compare_plans(old, with_new_input(old, name, path, value))
    (step,) = (*diff.replaced, *diff.changed)
    assert (step.name, step.action, step.delete_first) == (name, action, action == "replace")
    if action == "replace":
        assert (
            f"{name}  (azure-native:machinelearningservices:Compute)  replace (delete first)"
            in (render_diff(diff))
        )


def test_a_clusters_vm_priority_replaces_it_and_its_scale_settings_update_it() -> None:
    old = plan_document(default_products())
    name = "hub-dlz-demand-cc-cpu-cluster"
    inner = "properties.properties"
    priority = compare_plans(old, with_new_input(old, name, f"{inner}.vmPriority", "Dedicated"))
    assert [(r.name, r.delete_first) for r in priority.replaced] == [(name, True)]
    scale = compare_plans(old, with_new_input(old, name, f"{inner}.scaleSettings.maxNodeCount", 8))
    assert ([r.name for r in scale.changed], scale.replaced) == ([name], ())


def test_a_log_alert_on_another_scope_is_re_created() -> None:
    """ARM refuses a new scope on a scheduled query rule ("Scope can not be updated")."""
    from tests.test_observability import ENDPOINTS

    config = changed(stack_config("prod"), f"{NS}:observability.endpoints", ENDPOINTS)
    old = plan_document(run_stack("prod", config))
    name = "hub-fraud-endpoint-scoring-errors"
    other = (
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/"
        "Microsoft.OperationalInsights/workspaces/other"
    )
    diff = compare_plans(old, with_new_input(old, name, "scopes", [other]))
    assert [(r.name, r.action, r.delete_first) for r in diff.replaced] == [(name, "replace", True)]


def test_moving_storage_into_zones_warns_that_azure_needs_a_conversion_first() -> None:
    """dev's hub storage is LRS; ZRS previews as an update, which ARM refuses without a
    conversion (Azure Storage "Change how a storage account is replicated")."""
    old = plan_with("dev")
    diff = compare_plans(old, plan_with("dev", "hub.storageRedundancy", "ZRS"))
    assert [(r.name, [(c.path, c.old, c.new) for c in r.changes]) for r in diff.changed] == [
        ("hub-st", [("sku.name", "Standard_LRS", "Standard_ZRS")])
    ]
    assert diff.warnings == (
        "[LZ-WRN-009] storage account hub-st: Standard_LRS => Standard_ZRS moves it into "
        "availability zones, which ARM refuses as an update; convert it first (az storage "
        "account migration start --sku Standard_ZRS, "
        "https://learn.microsoft.com/azure/storage/common/redundancy-migration), then pulumi "
        "refresh, then pulumi up (README: Second runs)",
    )
    assert "warning: [LZ-WRN-009] storage account hub-st" in render_diff(diff)
    # LRS -> GRS adds a geo replica: a plain update, no warning
    geo = compare_plans(old, with_new_input(old, "hub-st", "sku.name", "Standard_GRS"))
    assert [r.name for r in geo.changed] == ["hub-st"] and geo.warnings == ()


# -- what Azure fills in, or leaves out, after creation ---------------------------------------


def refreshed(plan: dict, name: str, path: str, value: object) -> dict:
    """``plan`` as the state reads after a refresh that copied Azure's ``value`` into one
    resource's inputs (``DELETE``: Azure returned nothing there)."""
    return with_new_input(plan, name, path, value)


def test_the_registrys_endpoint_connections_filled_in_by_azure_are_kept() -> None:
    """Once the hub's amlregistry endpoint connects, Azure lists the connection in the
    registry's registryPrivateEndpointConnections; a refresh copies it into the state, and the
    next update must not send the program's (none) over it."""
    new = plan_with("prod")
    connection = [
        {
            "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/"
            "privateEndpoints/pe",
            "registryPrivateLinkServiceConnectionState": {"status": "Approved"},
            "groupIds": ["amlregistry"],
        }
    ]
    old = refreshed(new, "hub-mlr", "registryPrivateEndpointConnections", connection)
    diff = compare_plans(old, new)
    assert (diff.changed, diff.replaced) == ((), ())
    assert [(r.name, r.ignored) for r in diff.ignored] == [
        ("hub-mlr", ("registryPrivateEndpointConnections",))
    ]


def test_a_workbook_read_back_without_its_content_is_sent_again_never_ignored() -> None:
    """Workbooks - Get omits serializedData unless asked (canFetchContent): after such a refresh
    the preview updates the dashboard with the same content, and content the program changes
    (a new workspace) still reaches Azure."""
    new = plan_with("dev")
    old = refreshed(new, "hub-dashboard", "serializedData", DELETE)
    diff = compare_plans(old, new)
    (workbook,) = diff.changed
    assert (workbook.name, [(c.path, c.kind) for c in workbook.changes]) == (
        "hub-dashboard",
        [("serializedData", "add")],
    )
    assert diff.replaced == () and diff.ignored == ()


def test_a_protected_stacks_user_assigned_identities_are_locked_as_what_they_unwrap() -> None:
    """prod: the hub's identity (it unwraps the customer-managed key) and the data product's
    carry their own CanNotDelete lock, as the workspaces and keys they serve; test (not
    protected) locks nothing."""
    rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups"
    uai = "providers/Microsoft.ManagedIdentity/userAssignedIdentities"
    locks = [r for r in run_stack("prod").resources if r.type == LOCK]
    assert {
        lock.inputs["scope"] for lock in locks if "/userAssignedIdentities/" in lock.inputs["scope"]
    } == {
        f"{rg}/rg-contoso-ml-prod-weu-hub/{uai}/id-contoso-ml-prod-weu-hub",
        f"{rg}/rg-contoso-demand-prod-weu-dp/{uai}/id-contoso-demand-prod-weu-ws",
    }
    # each lock sits beside what it locks (``<name>-lock`` under the same component), so it
    # goes with that component; none is left at the stack's root
    by_name = {r.name: r for r in run_stack("prod").resources if r.type != LOCK}
    assert {lock.name: lock.parent for lock in locks} == {
        lock.name: by_name[lock.name.removesuffix("-lock")].parent for lock in locks
    }
    assert [r for r in run_stack("test").resources if r.type == LOCK] == []


# -- delete locks: what ARM refuses to delete, shown before `pulumi up` -----------------------


def test_changing_a_groups_role_in_prod_is_blocked_by_the_workspace_lock() -> None:
    """prod locks each project workspace; an access-matrix change deletes the old role
    assignment on it, which ARM refuses while the lock stands (ScopeLocked)."""
    old = plan_with("prod")
    config = changed(stack_config("prod"), f"{NS}:environments.access.operations.prod", "Reader")
    diff = compare_plans(old, plan_document(run_stack("prod", config)))
    blocked = {(r.name, r.action, r.locked_by) for r in diff.blocked}
    workspace_locks = {
        "churn": "hub-churn-ws-lock on proj-contoso-churn-prod",
        "explore": None,  # dev only
        "fraud": "hub-fraud-ws-lock on proj-contoso-fraud-prod",
    }
    removed = {r.name for r in diff.removed}
    assert len(removed) == 2 and {r.type for r in diff.removed} == {RA}
    assert blocked == {
        (name, "delete", lock)
        for name in removed
        for project, lock in workspace_locks.items()
        if lock is not None and name.startswith(f"hub-{project}-ra-")
    }
    assert all(not r.blocked_by_protect for r in diff.blocked)
    text = render_diff(diff)
    assert "error: 2 step(s) blocked by a delete lock" in text
    assert ": deletion blocked by lock hub-fraud-ws-lock on proj-contoso-fraud-prod" in text
    assert diff.to_json()["summary"]["blockedByLock"] == 2


def test_replacing_a_compute_under_a_locked_workspace_is_blocked_unless_the_lock_goes() -> None:
    old = plan_with("prod")
    name = "hub-dlz-demand-ci-ci-demand-oncall"
    new = with_new_input(old, name, "properties.properties.vmSize", "Standard_E4ds_v4")
    (step,) = compare_plans(old, new).replaced
    assert (step.name, step.delete_first, step.locked_by) == (
        name,
        True,
        "hub-dlz-demand-ws-lock on proj-contoso-demand-prod",
    )
    # with the lock dropped in the same update (protect: false) the lock goes first
    unlocked = copy.deepcopy(new)
    unlocked["resources"] = [r for r in new["resources"] if r["type"] != LOCK]
    (step,) = compare_plans(old, unlocked).replaced
    assert (step.locked_by, step.blocked_by_lock) == (None, False)


def test_nothing_is_blocked_by_locks_where_nothing_is_locked() -> None:
    old = plan_with("dev")
    name = "hub-dlz-demand-ci-ci-demand-alice"
    new = with_new_input(old, name, "properties.properties.vmSize", "Standard_E4ds_v4")
    assert compare_plans(old, new).blocked == ()


def test_a_retained_grant_on_a_locked_registry_is_not_blocked_when_it_goes() -> None:
    """A grant kept in Azure on deletion (retainOnDelete) only leaves the state: no lock
    refuses that, unlike the same grant deleted for real."""
    old = plan_with("prod")
    (grant,) = [
        r
        for r in old["resources"]
        if r["type"] == RA
        and r["inputs"]["scope"].endswith("/registries/mlr-contoso-ml-prod-weu-cc007")
        and r["inputs"]["roleDefinitionId"].endswith("b556d68e-0be0-4f35-a333-ad7ee1ce17ea")
    ]
    new = copy.deepcopy(old)
    new["resources"] = [r for r in new["resources"] if r["urn"] != grant["urn"]]
    (deleted,) = compare_plans(old, new).removed
    assert deleted.locked_by == "hub-mlr-lock on mlr-contoso-ml-prod-weu-cc007"
    retained = copy.deepcopy(old)
    (entry,) = [r for r in retained["resources"] if r["urn"] == grant["urn"]]
    entry["retainOnDelete"] = True
    (deleted,) = compare_plans(retained, new).removed
    assert (deleted.locked_by, deleted.blocked_by_lock) == (None, False)


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_only_computes_are_deleted_before_they_are_replaced(stack: str) -> None:
    """A compute keeps its name and holds nothing a replacement loses; every other resource is
    created anew before the old one goes (its data and its grants stay until then)."""
    run = run_stack(stack)
    assert {r.type for r in run.resources if r.delete_before_replace} == {
        "azure-native:machinelearningservices:Compute"
    }
