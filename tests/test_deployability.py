"""What the first real `pulumi up` needs, asserted on the registered inputs and dependencies:
names unique per subscription and per seed, the RBAC wait before the workspace, locks per
stateful resource, the roles people and the workspace need to work."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.config.examples import EXAMPLE_OBJECT_IDS
from aml_landing_zone.errors import ConfigError
from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import of_type, one, run_stack
from tests.stack_values import DELETE, NAMESPACE, ROOT, changed, stack_config, stack_values

LAKE = (
    "/subscriptions/cccccccc-0000-4000-8000-000000000003/resourceGroups/rg-data/providers/"
    "Microsoft.Storage/storageAccounts/stlake"
)
LAKE_SUB = "cccccccc-0000-4000-8000-000000000003"
SUB_A = "aaaaaaaa-0000-4000-8000-000000000001"
SUB_B = "bbbbbbbb-0000-4000-8000-000000000002"
WS = "azure-native:machinelearningservices:Workspace"
RA = "azure-native:authorization:RoleAssignment"
PE = "azure-native:network:PrivateEndpoint"
LOCK = "azure-native:authorization:ManagementLockByScope"
READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
BLOB_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe"
FILE_CONTRIBUTOR = "69566ab7-960f-475b-8e7c-b3118f30c6bd"
BLOB_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
FILE_READER = "b8eda974-7b85-4f76-af95-65846b26df6d"
GLOBAL = {
    "azure-native:storage:StorageAccount": "accountName",
    "azure-native:keyvault:Vault": "vaultName",
    "azure-native:containerregistry:Registry": "registryName",
}


def with_config(stack: str, **changes: Any) -> dict[str, Any]:
    return {**stack_config(stack), **changes}


def names(run: ProgramRun, tokens: dict[str, str]) -> dict[str, str]:
    return {r.name: r.inputs[tokens[r.type]] for r in run.resources if r.type in tokens}


def workspace_names(run: ProgramRun) -> set[str]:
    return {r.inputs["workspaceName"] for r in of_type(run, WS)}


def test_globally_unique_names_differ_per_subscription(dev_run: ProgramRun) -> None:
    other = run_stack("dev", with_config("dev", **{"azure-native:subscriptionId": SUB_A}))
    names_a, names_b = names(dev_run, GLOBAL), names(other, GLOBAL)
    assert names_a.keys() == names_b.keys() == {"hub-st", "hub-kv", "hub-cr"}
    assert all(names_a[key] != names_b[key] for key in names_a)
    # ...and the resources land in that subscription, as getClientConfig says
    assert one(other, WS, "hub-hub").inputs["storageAccount"].startswith(f"/subscriptions/{SUB_A}/")


def test_name_seed_changes_every_global_and_soft_deletable_name(dev_run: ProgramRun) -> None:
    seeded = run_stack("dev", with_config("dev", **{"aml-landing-zone:nameSeed": "r2"}))
    before, after = names(dev_run, GLOBAL), names(seeded, GLOBAL)
    assert all(before[key] != after[key] for key in before)
    assert workspace_names(seeded) == {f"{name}-r2" for name in workspace_names(dev_run)}


def test_wait_sits_between_the_identity_grants_and_the_workspace() -> None:
    run = run_stack("prod")
    hub, wait = one(run, WS, "hub-hub"), one(run, "time:index/sleep:Sleep")
    grants = [a for a in of_type(run, RA) if a.urn in wait.dependencies]
    assert wait.urn in hub.dependencies and grants
    assert not any(a.urn in hub.dependencies for a in grants)
    assert wait.inputs["createDuration"] == "60s"
    shorter = run_stack(
        "prod",
        with_config(
            "prod",
            **{
                "aml-landing-zone:hub": {
                    **stack_config("prod")["aml-landing-zone:hub"],
                    "rbacPropagationWait": "0s",
                }
            },
        ),
    )
    assert of_type(shorter, "time:index/sleep:Sleep") == []
    assert all(a.urn in one(shorter, WS, "hub-hub").dependencies for a in grants)


def test_no_wait_where_no_grant_precedes_the_workspace(dev_run: ProgramRun) -> None:
    assert of_type(dev_run, "time:index/sleep:Sleep") == []  # system-assigned identity


def test_prod_locks_each_stateful_resource_and_no_resource_group() -> None:
    run = run_stack("prod")
    locks = of_type(run, LOCK)
    locked = {lock.property_dependencies["scope"][0].rsplit("::", 1)[1] for lock in locks}
    stateful = {"hub-hub", "hub-st", "hub-kv", "hub-cr", "hub-log", "hub-fraud-ws", "hub-churn-ws"}
    stateful.add("hub-mlr")  # prod owns the promotion registry (environments.registry)
    stateful.add("hub-id")  # the identity the hub's workspace and key depend on
    # the data product's project and its identity
    assert locked == stateful | {"hub-dlz-demand-ws", "hub-dlz-demand-id"}
    assert all(lock.inputs["level"] == "CanNotDelete" for lock in locks)
    assert not any("ResourceGroup" in r.type for r in run.resources if r.name in locked)


def test_no_locks_without_protection(dev_run: ProgramRun) -> None:
    assert of_type(dev_run, LOCK) == []


def test_workspace_identity_reads_the_storage_private_endpoints(dev_run: ProgramRun) -> None:
    endpoints = {
        r.urn: r for r in of_type(dev_run, PE) if r.name in ("hub-pep-st-blob", "hub-pep-st-file")
    }
    readers = [a for a in of_type(dev_run, RA) if a.name.startswith("hub-studio-")]
    assert len(endpoints) == len(readers) == 2
    hub = one(dev_run, WS, "hub-hub")
    for reader in readers:
        assert reader.inputs["roleDefinitionId"].endswith(READER)
        assert reader.inputs["principalType"] == "ServicePrincipal"
        assert reader.property_dependencies["scope"][0] in endpoints
        assert reader.property_dependencies["principalId"] == (hub.urn,)  # its system identity


def test_member_groups_get_storage_data_roles_from_their_workspace_roles() -> None:
    run = run_stack("prod")
    storage = one(run, "azure-native:storage:StorageAccount")
    data = [a for a in of_type(run, RA) if a.name.startswith("hub-data-")]
    assert all(a.property_dependencies["scope"] == (storage.urn,) for a in data)
    values = stack_config("prod")["aml-landing-zone:groups"]
    granted = {(a.inputs["principalId"], a.inputs["roleDefinitionId"].rsplit("/", 1)[1])
               for a in data}  # fmt: skip
    # prod: ML engineers are data scientists (write), data scientists only read
    assert granted == {
        (values["mlEngineers"], BLOB_CONTRIBUTOR),
        (values["mlEngineers"], FILE_CONTRIBUTOR),
        (values["dataScientists"], BLOB_READER),
        (values["dataScientists"], FILE_READER),
    }


def test_soft_delete_retention_is_short_where_stacks_are_recreated(dev_run: ProgramRun) -> None:
    def retention(run: ProgramRun) -> int:
        vault = one(run, "azure-native:keyvault:Vault").inputs["properties"]
        assert vault["enablePurgeProtection"] is True  # every shipped stack keeps it
        return vault["softDeleteRetentionInDays"]

    assert retention(dev_run) == retention(run_stack("test")) == 7
    assert retention(run_stack("prod")) == 90


def test_prod_storage_is_geo_zone_redundant_and_the_registry_zone_redundant() -> None:
    run = run_stack("prod")
    assert one(run, "azure-native:storage:StorageAccount").inputs["sku"] == {
        "name": "Standard_GZRS"
    }
    registry = one(run, "azure-native:containerregistry:Registry").inputs
    assert registry["zoneRedundancy"] == "Enabled"


def test_prod_key_rotates_and_expires() -> None:
    key = one(run_stack("prod"), "azure-native:keyvault:Key").inputs["properties"]
    assert key["attributes"] == {"expires": 1859155200}  # 2028-11-30T00:00:00Z, from config
    policy = key["rotationPolicy"]
    assert policy["attributes"] == {"expiryTime": "P2Y"}
    assert {(a["action"]["type"], *a["trigger"].items()) for a in policy["lifetimeActions"]} == {
        ("rotate", ("timeAfterCreate", "P18M")),
        ("notify", ("timeBeforeExpiry", "P30D")),
    }


def test_the_keys_expiry_is_midnight_utc_whatever_the_machines_time_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A deployment agent in New York and one in Amsterdam send the same expiry."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        run = run_stack("prod", stack_config("prod"))  # its own run, not the cached UTC one
    finally:
        monkeypatch.undo()
        time.tzset()
    key = one(run, "azure-native:keyvault:Key").inputs["properties"]
    assert key["attributes"] == {"expires": 1859155200}  # 2028-11-30T00:00:00Z


def test_prod_leaves_private_dns_to_the_platform() -> None:
    run = run_stack("prod")
    assert of_type(run, "azure-native:privatedns:PrivateZone") == []
    assert of_type(run, "azure-native:network:PrivateDnsZoneGroup") == []
    assert of_type(run, PE)  # the endpoints themselves are still there


def test_system_assigned_hub_approves_its_outbound_endpoint_targets_after_creation() -> None:
    hub = {**stack_config("test")["aml-landing-zone:hub"], "identity": "SystemAssigned"}
    rule = {"type": "PrivateEndpoint", "serviceResourceId": LAKE, "subresourceTarget": "dfs"}
    hub["managedNetwork"] = {
        "isolationMode": "AllowOnlyApprovedOutbound",
        "outboundRules": {"lake": rule},
    }
    run = run_stack("test", with_config("test", **{"aml-landing-zone:hub": hub}))
    workspace = one(run, WS, "hub-hub")
    approvers = [a for a in of_type(run, RA) if a.name.startswith("hub-approver-")]
    # the configured rule's target, and the lakes the project data product reads (derived rules)
    assert sorted(a.inputs["scope"].rsplit("/", 1)[1] for a in approvers) == [
        "stcontosodlz01prodlake",
        "stcontosodlz01testlake",
        "stlake",
    ]
    for approver in approvers:
        assert approver.inputs["roleDefinitionId"].endswith("b556d68e-0be0-4f35-a333-ad7ee1ce17ea")
        assert approver.property_dependencies["principalId"] == (workspace.urn,)


@pytest.mark.parametrize(
    ("path", "value", "line"),
    [
        (
            "hub.keyVaultSoftDeleteRetentionDays",
            3,
            "aml-landing-zone:hub.keyVaultSoftDeleteRetentionDays: ",
        ),
        ("nameSeed", "Blue-1", "aml-landing-zone:nameSeed: must be up to 4 lowercase letters or "),
        ("hub.rbacPropagationWait", "1 minute", "aml-landing-zone:hub.rbacPropagationWait: must "),
    ],
)
def test_deployability_settings_are_checked(path: str, value: Any, line: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(changed(stack_values("dev"), path, value), NAMESPACE, "dev")
    assert f"\n  {line}" in str(caught.value)


def test_provisioning_now_with_endpoint_rules_needs_a_user_assigned_identity() -> None:
    values = changed(stack_values("prod"), "hub.identity", "SystemAssigned")
    values = changed(values, "hub.encryption", DELETE)
    rule = {"type": "PrivateEndpoint", "serviceResourceId": LAKE, "subresourceTarget": "dfs"}
    values = changed(values, "hub.managedNetwork.outboundRules.lake", rule)
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(values, NAMESPACE, "prod")
    assert "aml-landing-zone:hub.identity: private-endpoint outbound rules with " in str(
        caught.value
    )


def test_every_object_id_in_the_shipped_stacks_is_a_known_example() -> None:
    shipped = set()
    for stack in ("dev", "test", "prod"):
        text = (ROOT / f"Pulumi.{stack}.yaml").read_text()
        shipped |= set(
            # subscriptions inside example ARM ids are not object ids
            re.findall(
                r"(?<!/subscriptions/)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                text,
            )
        )
    assert shipped == EXAMPLE_OBJECT_IDS


def test_image_build_compute_is_set_on_the_hub_when_configured(dev_run: ProgramRun) -> None:
    assert "imageBuildCompute" not in one(dev_run, WS, "hub-hub").inputs
    hub = {**stack_config("dev")["aml-landing-zone:hub"], "imageBuildCompute": "ci-builder"}
    run = run_stack("dev", with_config("dev", **{"aml-landing-zone:hub": hub}))
    assert one(run, WS, "hub-hub").inputs["imageBuildCompute"] == "ci-builder"
