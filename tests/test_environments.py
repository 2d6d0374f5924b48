"""One definition, three environments: what differs between the shipped stacks is what
landing-zone.yaml's 'environments' says (access matrix, production data, protection,
exploration), and the config refuses an estate that contradicts its pattern."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aml_landing_zone.codes import PROJECT_RENAMED
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.environments.component import environment_config
from aml_landing_zone.errors import ConfigError
from aml_landing_zone.offline.compare import compare_plans, render_diff
from aml_landing_zone.offline.mocks import AzureMocks
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.plan import plan_document
from aml_landing_zone.offline.program import run_program
from aml_landing_zone.offline.stack_references import MissingStackOutputsError, outputs_file
from aml_landing_zone.shared_definition import SHARED_FILE, read_shared
from pulumi.runtime import MockResourceArgs

from tests.conftest import of_type, one, run_stack
from tests.facts import ROLE_GUIDS, STORAGE_DATA_ROLES_OF
from tests.stack_values import (
    DELETE,
    NAMESPACE,
    ROOT,
    changed,
    own_values,
    stack_config,
    stack_values,
    without_codes,
)

STACKS = ("dev", "test", "prod")
RA = "azure-native:authorization:RoleAssignment"
WS = "azure-native:machinelearningservices:Workspace"
LOCK = "azure-native:authorization:ManagementLockByScope"
PROJECT = "amllz:index:ProjectWorkspace"
UAI = "azure-native:managedidentity:UserAssignedIdentity"
SLEEP = "time:index/sleep:Sleep"


def access() -> dict[str, dict[str, str]]:
    return read_shared(ROOT)["environments"]["access"]


def column(stack: str) -> dict[str, str]:
    """The access matrix's column of one environment: group alias -> role."""
    return {alias: cells[stack] for alias, cells in access().items() if stack in cells}


def granted(run: ProgramRun, component: str) -> set[tuple[str, str]]:
    """(principal id, role guid) of the role assignments under one component."""
    parent = one(run, PROJECT, component).urn
    return {
        (r.inputs["principalId"], r.inputs["roleDefinitionId"].rsplit("/", 1)[1])
        for r in of_type(run, RA)
        if r.parent == parent
    }


def projects_of(run: ProgramRun) -> set[str]:
    """The estate's projects this stack deploys (data products' projects take their members
    from their own 'groups')."""
    return {f"hub-{key}" for key in run.outputs["projects"]}


@pytest.mark.parametrize("stack", STACKS)
def test_every_project_gets_its_environments_column_of_the_access_matrix(stack: str) -> None:
    run = run_stack(stack)
    groups = own_values(stack)["groups"]  # each environment's own Entra groups
    expected = {(groups[alias], ROLE_GUIDS[role]) for alias, role in column(stack).items()}
    assert projects_of(run)
    for project in projects_of(run):
        assert granted(run, project) == expected, project


def test_access_tightens_downstream_and_operations_act_only_in_prod() -> None:
    assert column("dev")["dataScientists"] == "AzureML Data Scientist"
    assert column("test")["dataScientists"] == column("prod")["dataScientists"] == "Reader"
    assert "operations" in column("prod") and "operations" not in column("dev") | column("test")
    operations = own_values("prod")["groups"]["operations"]
    assert any(p == operations for p, _ in granted(run_stack("prod"), "hub-fraud"))


@pytest.mark.parametrize("stack", STACKS)
def test_data_access_on_the_hub_storage_follows_the_environments_roles(stack: str) -> None:
    """Data scientists write data in dev and only read it where production data may live."""
    run = run_stack(stack)
    storage = one(run, "azure-native:storage:StorageAccount").urn
    data = {
        (a.inputs["principalId"], a.inputs["roleDefinitionId"].rsplit("/", 1)[1])
        for a in of_type(run, RA)
        if a.property_dependencies.get("scope") == (storage,)
        and a.inputs["principalType"] == "Group"
    }
    groups = own_values(stack)["groups"]
    expected = {
        (groups[alias], ROLE_GUIDS[data_role])
        for alias, role in column(stack).items()
        for data_role in STORAGE_DATA_ROLES_OF[role]
    }
    assert data == expected
    scientists = {role for principal, role in data if principal == groups["dataScientists"]}
    writes = ROLE_GUIDS["Storage Blob Data Contributor"] in scientists
    assert writes is (stack == "dev")


@pytest.mark.parametrize("stack", STACKS)
def test_protection_and_locks_only_in_the_production_environment(stack: str) -> None:
    run = run_stack(stack)
    assert "protect" not in own_values(stack).get("hub", {})  # a default, not a stack's choice
    workspaces = of_type(run, WS)
    locks = of_type(run, LOCK)
    if stack == "prod":
        assert all(w.protect for w in workspaces) and len(locks) >= len(workspaces)
    else:
        assert not any(w.protect for w in workspaces) and locks == []


def test_the_exploration_workspace_exists_only_in_its_environment() -> None:
    assert {stack: "hub-explore" in projects_of(run_stack(stack)) for stack in STACKS} == {
        "dev": True,
        "test": False,
        "prod": False,
    }


def test_renaming_a_projects_display_name_renames_nothing(dev_run: ProgramRun) -> None:
    """'name' is the stable key every resource name is built from; 'friendlyName' only shows."""
    config = changed(stack_config("dev"), f"{NAMESPACE}:projects[0].friendlyName", "Fraud v2")
    run = run_stack("dev", config)
    assert [r.urn for r in run.resources] == [r.urn for r in dev_run.resources]
    changed_inputs = {
        r.name for r, before in zip(run.resources, dev_run.resources, strict=True)
        if r.inputs != before.inputs
    }  # fmt: skip
    assert changed_inputs == {"hub-fraud-ws"}
    assert one(run, WS, "hub-fraud-ws").inputs["friendlyName"] == "Fraud v2"
    assert one(run, WS, "hub-fraud-ws").inputs["workspaceName"] == "proj-contoso-fraud-dev"


# ------------------------------------------------------------------- the config's refusals


def error_for(shared_change: tuple[str, Any], stack: str = "dev") -> str:
    shared = changed(read_shared(ROOT), *shared_change)
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(own_values(stack), NAMESPACE, stack, shared=shared)
    return without_codes(str(caught.value))


@pytest.mark.parametrize(
    ("path", "value", "line"),
    [
        ("environments.pattern", "single",
         "environments.names: pattern single deploys exactly 1 environment (got 3)"),
        ("environments.production", None,
         "environments.production: pattern multiple needs the production-data environment "
         "named (one of: dev, test, prod)"),
        ("environments.pattern", "limitedAndProductionData",
         "environments.names: pattern limitedAndProductionData deploys exactly 2 environments "
         "(got 3)"),
        ("environments.production", "live", "environments.production: 'live' is not one of: "
         "dev, test, prod"),
        ("environments.access.dataScientists.prod", "Owner",
         "environments.access.dataScientists.prod: 'Owner' is not given to groups"),
        ("environments.access.dataScientists.stage", "Reader",
         "environments.access.dataScientists.stage: 'stage' is not one of environments.names"),
        ("environments.exploration.environment", "prod",
         "environments.exploration.environment: exploration never works on production data"),
        ("environments.workspaces", "shared",
         "environments.workspaces: a shared workspace is one project entry; 'projects' has 3"),
    ],
)  # fmt: skip
def test_an_estate_that_contradicts_its_pattern_is_refused(
    path: str, value: Any, line: str
) -> None:
    message = error_for((path, value), "prod" if "Owner" in str(value) else "dev")
    assert f"  {SHARED_FILE}: {line}" in "\n".join(message.splitlines()), message


def test_a_stack_for_an_environment_the_estate_does_not_have_is_refused() -> None:
    own = changed(own_values("dev"), "environment", "qa")
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(own, NAMESPACE, "dev", shared=read_shared(ROOT))
    assert (
        f"  {NAMESPACE}:environment: 'qa' is not an environment of the estate "
        "(environments.names: dev, test, prod)"
    ) in without_codes(str(caught.value))


def test_a_group_with_a_role_here_must_be_defined_by_this_stack() -> None:
    own = changed(own_values("prod"), "groups.operations", DELETE)
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(own, NAMESPACE, "prod", shared=read_shared(ROOT))
    assert "environments.access.operations: group alias 'operations' has a role in prod" in str(
        caught.value
    )


def test_the_production_environment_may_opt_out_of_protection_only_explicitly() -> None:
    def protect(stack: str, **hub: Any) -> bool:
        values = changed(stack_values(stack), "hub", {**stack_values(stack)["hub"], **hub})
        return parse_stack_config(values, NAMESPACE, stack).hub.protect

    assert protect("prod") is True and protect("dev") is False and protect("test") is False
    assert protect("prod", protect=False) is False


def test_renaming_a_project_key_is_flagged_when_plans_are_compared(dev_run: ProgramRun) -> None:
    renamed = changed(stack_config("dev"), f"{NAMESPACE}:projects[0].name", "cardfraud")
    diff = compare_plans(plan_document(dev_run), plan_document(run_stack("dev", renamed)))
    assert diff.warnings == (
        f"[{PROJECT_RENAMED}] project hub-fraud disappears and hub-cardfraud appears: if a "
        "project's 'name' (its stable key) was renamed, its workspace is deleted with everything "
        "in it; change 'friendlyName' to rename what people see",
    )
    assert f"warning: [{PROJECT_RENAMED}]" in render_diff(diff)
    display = changed(stack_config("dev"), f"{NAMESPACE}:projects[0].friendlyName", "Fraud v2")
    same = compare_plans(plan_document(dev_run), plan_document(run_stack("dev", display)))
    assert same.warnings == () and [r.name for r in same.changed] == ["hub-fraud-ws"]


# ------------------------------------------------------------------- promotion: the registry

REGISTRY = "azure-native:machinelearningservices:Registry"


def registry_users(run: ProgramRun) -> dict[str, str]:
    """AzureML Registry User assignments: principal id -> scope."""
    return {
        r.inputs["principalId"]: r.inputs["scope"]
        for r in of_type(run, RA)
        if r.inputs["roleDefinitionId"].endswith(ROLE_GUIDS["AzureML Registry User"])
    }


def test_the_owning_environment_creates_one_private_protected_registry() -> None:
    assert [len(of_type(run_stack(stack), REGISTRY)) for stack in STACKS] == [0, 0, 1]
    run = run_stack("prod")
    registry = one(run, REGISTRY)
    assert registry.protect and registry.inputs["publicNetworkAccess"] == "Disabled"
    assert [d["location"] for d in registry.inputs["regionDetails"]] == ["westeurope"]
    endpoint = one(run, "azure-native:network:PrivateEndpoint", "hub-pep-mlr").inputs
    assert endpoint["privateLinkServiceConnections"][0]["groupIds"] == ["amlregistry"]
    locks = [lock.property_dependencies["scope"] for lock in of_type(run, LOCK)]
    assert (registry.urn,) in locks


@pytest.mark.parametrize("stack", STACKS)
def test_every_environments_workspace_identities_may_use_the_registry(stack: str) -> None:
    """The owner's own identities and, through the StackReference, every other environment's:
    the hub identity, each project's and each data product's, all on the one registry id prod
    exports."""
    run = run_stack(stack)
    registry_id = run_stack("prod").outputs["promotion"]["registryId"]
    users = registry_users(run)
    # prod grants on its registry; dev and test read its id from prod's 'promotion' output (the
    # StackReference) and grant on the group that holds it, where prod's lock on the registry
    # cannot refuse their teardown (the role acts on registries only)
    expected_scope = registry_id if stack == "prod" else registry_id.split("/providers/")[0]
    assert set(users.values()) == {expected_scope}
    outputs = run.outputs
    assert set(users) == {outputs["hub"]["principalId"]} | {
        project["principalId"] for project in outputs["projects"].values()
    } | set(outputs["dataProducts"]["principalIds"].values())
    # the hub's identity, each project's and each data product's
    assert outputs["dataProducts"]["principalIds"]  # every shipped stack has a data product
    assert len(outputs["projects"]) == len(projects_of(run))
    assert all(a.inputs["principalType"] == "ServicePrincipal" for a in of_type(run, RA)
               if a.inputs["principalId"] in users)  # fmt: skip


def test_the_committed_registry_contract_is_the_owner_stacks_offline_output() -> None:
    committed = json.loads(outputs_file(ROOT, "prod").read_text())
    assert committed == json.loads(json.dumps(run_stack("prod").outputs))
    assert set(committed["promotion"]) == {
        "registryId",
        "registryName",
        "owner",
        # what the other environments' managed networks reach besides the registry
        "storageAccountId",
        "containerRegistryId",
    }


def test_a_reference_to_a_stack_without_committed_outputs_says_what_to_write(
    tmp_path: Path,
) -> None:
    mocks = AzureMocks(project_dir=tmp_path)
    args = MockResourceArgs(
        typ="pulumi:pulumi:StackReference",
        name="ref",
        inputs={"name": "org/proj/prod"},
        provider="",
        resource_id="org/proj/prod",
    )
    with pytest.raises(MissingStackOutputsError, match=r"stack-outputs/prod.json is missing"):
        mocks.new_resource(args)


def test_the_registry_name_is_checked_in_the_owning_stack_only() -> None:
    """13 characters of organisation and workload fit every name but the registry's (32)."""

    def values(stack: str) -> dict[str, Any]:
        return changed(
            changed(stack_values(stack), "organization", "contosoabc"), "workload", "mlx"
        )

    parse_stack_config(values("dev"), NAMESPACE, "dev")
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(values("prod"), NAMESPACE, "prod")
    assert without_codes(str(caught.value)).splitlines()[1:] == [
        f"  {NAMESPACE}:organization: the ML registry name 'mlr-contosoabc-mlx-prod-weu-"
        f"{caught.value.args[0].split('mlr-contosoabc-mlx-prod-weu-')[1][:5]}' (from "
        "organization 'contosoabc', workload 'mlx', environment 'prod', location 'westeurope') "
        "has 33 characters; Azure allows 2–32. Shorten the value."
    ]


# ------------------------------------------------------------------- regions

NORTH_SPOKE = {"addressSpace": "10.50.0.0/24", "privateEndpointSubnet": "10.50.0.0/26"}
REGIONS = {
    "training": ["westeurope", "northeurope"],
    "inference": "australiaeast",
    "networks": {"northeurope": NORTH_SPOKE},
}


def test_one_hub_per_training_region_and_projects_only_in_the_first() -> None:
    run = run_stack(
        "dev", changed(stack_config("dev"), f"{NAMESPACE}:environments.regions", REGIONS)
    )
    hubs = {r.inputs["workspaceName"]: r.inputs["location"] for r in of_type(run, WS)
            if r.inputs["kind"] == "Hub"}  # fmt: skip
    assert hubs == {"hub-contoso-ml-dev-weu": "westeurope", "hub-contoso-ml-dev-neu": "northeurope"}
    assert {r.inputs["location"] for r in of_type(run, WS) if r.inputs["kind"] == "Project"} == {
        "westeurope"
    }
    regional = one(run, "amllz:index:LandingZone", "hub-neu").urn
    located = [r for r in run.resources if regional.split("::")[-1] in r.urn.split("::")[-1]
               and "location" in r.inputs and r.inputs["location"] != "global"]  # fmt: skip
    assert located and {r.inputs["location"] for r in located} == {"northeurope"}
    assert run.outputs["regions"]["northeurope"]["hubName"] == "hub-contoso-ml-dev-neu"
    # the regional hub's identity may use the promotion registry too
    assert run.outputs["regions"]["northeurope"]["principalId"] in registry_users(run)


def test_the_registry_replicates_to_the_training_and_inference_regions() -> None:
    values = changed(stack_values("prod"), "environments.regions", REGIONS)
    values = changed(
        values, "environments.regions.networks", {"northeurope": REGIONS["networks"]["northeurope"]}
    )
    config = environment_config(parse_stack_config(values, NAMESPACE, "prod"))
    assert config.hub.ml_registry and config.hub.ml_registry_regions == [
        "northeurope",
        "australiaeast",
    ]


@pytest.mark.parametrize(
    ("path", "value", "line"),
    [
        ("environments.regions.training", ["westeurope", "westeurop"],
         "environments.regions.training[1]: 'westeurop' is not an Azure region"),
        ("environments.regions.training", ["northeurope"],
         "environments.regions.training[0]: the first training region is the stack's location "
         "'westeurope' (got 'northeurope')"),
        ("environments.regions.inference", "westeurope",
         "environments.regions.inference: 'westeurope' already trains"),
        ("environments.regions.training", ["westeurope", "swedencentral"],
         "environments.regions.networks: the hub in 'swedencentral' needs its spoke"),
    ],
)  # fmt: skip
def test_region_mistakes_name_the_key(path: str, value: Any, line: str) -> None:
    assert f"  {SHARED_FILE}: {line}" in error_for((path, value))


# ------------------------------------------------------------------- production data per pattern

PROD_STORE = {"lake": "prod", "fileSystem": "curated"}


def test_production_data_stays_out_of_environments_the_pattern_keeps_it_from() -> None:
    """Test reads production data (environments.productionDataReaders); dev may not, even to
    read it: Contoso keeps live production data out of development (seed 002)."""
    test = stack_values("test")
    assert test["dataProducts"][0]["datastores"]["prod_curated"]["lake"] == "prod"
    parse_stack_config(test, NAMESPACE, "test")
    dev = changed(
        stack_values("dev"), "dataLandingZone.lakes.prod", test["dataLandingZone"]["lakes"]["prod"]
    )
    dev = changed(dev, "dataProducts[0].datastores.prod_curated", PROD_STORE)
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(dev, NAMESPACE, "dev")
    assert without_codes(str(caught.value)).splitlines()[1:] == [
        f"  {NAMESPACE}:dataProducts[0].datastores.prod_curated.lake: lake 'prod' holds "
        "production data, which this estate keeps in 'prod' (environments.production); 'dev' "
        "sees limited data only unless listed in environments.productionDataReaders"
    ]
    allowed = changed(dev, "environments.productionDataReaders", ["dev", "test"])
    assert parse_stack_config(allowed, NAMESPACE, "dev").data_products


def test_observability_cannot_name_the_exploration_workspace_where_it_does_not_exist() -> None:
    alert = {"gpu": {"metric": "GpuUtilization", "threshold": 5, "workspaces": ["explore"]}}
    dev = changed(stack_values("dev"), "observability.alerts", alert)
    dev = changed(dev, "observability.actionGroup", {"emails": {"team": "ml@contoso.com"}})
    parse_stack_config(dev, NAMESPACE, "dev")
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(
            changed(stack_values("prod"), "observability.alerts", alert), NAMESPACE, "prod"
        )
    assert (
        f"{NAMESPACE}:observability.alerts.gpu.workspaces[0]: no workspace 'explore' in this "
        "stack (workspaces: hub, churn, demand, fraud)"
    ) in str(caught.value)


def test_a_hub_registry_of_its_own_contradicts_the_estates() -> None:
    values = changed(stack_values("dev"), "hub.mlRegistry", True)
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(values, NAMESPACE, "dev")
    assert (
        f"{NAMESPACE}:hub.mlRegistry: the estate's registry is environments.registry's: its "
        "owner environment ('prod') creates it; remove hub.mlRegistry [LZ-CFG-007]"
    ) in str(caught.value)


# ------------------------------------------- the registry from every hub's managed network

APPROVER = "b556d68e-0be0-4f35-a333-ad7ee1ce17ea"
PROD_REGISTRY = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-ml-prod-weu-hub/"
    "providers/Microsoft.MachineLearningServices/registries/mlr-contoso-ml-prod-weu-cc007"
)


def registry_targets() -> dict[str, tuple[str, str]]:
    """Rule name -> (target, subresource): the registry, and the storage account and container
    registry Azure created for it (prod's committed 'promotion' output)."""
    promotion = json.loads(outputs_file(ROOT, "prod").read_text())["promotion"]
    assert promotion["registryId"] == PROD_REGISTRY
    return {
        "ml-registry": (PROD_REGISTRY, "amlregistry"),
        "ml-registry-storage": (promotion["storageAccountId"], "blob"),
        "ml-registry-acr": (promotion["containerRegistryId"], "registry"),
    }


@pytest.mark.parametrize("stack", STACKS)
def test_every_hub_reaches_the_registry_its_storage_and_its_container_registry(
    stack: str,
) -> None:
    """how-to-registry-network-isolation: a secure workspace reaches a private registry through
    private endpoints to it, its storage and its ACR; in a managed network, outbound rules."""
    run = run_stack(stack)
    hub = one(run, WS, "hub-hub")
    rules = hub.inputs["managedNetwork"]["outboundRules"]
    found = {
        name: (rule["destination"]["serviceResourceId"], rule["destination"]["subresourceTarget"])
        for name, rule in rules.items()
        if name.startswith("ml-registry")
    }
    assert found == registry_targets()
    assert all(rules[name]["type"] == "PrivateEndpoint" for name in found)


def registry_approvals(run: ProgramRun) -> dict[str, Any]:
    targets = {target for target, _ in registry_targets().values()}
    return {
        r.inputs["scope"]: r
        for r in of_type(run, RA)
        if r.inputs["roleDefinitionId"].endswith(APPROVER) and r.inputs["scope"] in targets
    }


@pytest.mark.parametrize("stack", ["test", "prod"])
def test_a_user_assigned_hub_identity_approves_the_registry_endpoints_before_the_hub(
    stack: str,
) -> None:
    run = run_stack(stack)
    identity, wait = one(run, UAI, "hub-id"), one(run, SLEEP, "hub-rbac-wait")
    assert wait.parent == identity.parent  # under the hub, so it goes with it
    approvals = registry_approvals(run)
    assert set(approvals) == {target for target, _ in registry_targets().values()}
    for approval in approvals.values():
        assert approval.property_dependencies["principalId"] == (identity.urn,)
        assert approval.urn in wait.dependencies
    assert wait.urn in one(run, WS, "hub-hub").dependencies
    # prod's own registry: an ordinary grant; test's grant on prod's locked registry is kept in
    # Azure when test is torn down (a lock refuses deleting it) and named after the principal
    registry_grant = approvals[PROD_REGISTRY]
    assert registry_grant.retain_on_delete is (stack == "test")
    others = [a for scope, a in approvals.items() if scope != PROD_REGISTRY]
    assert not any(a.retain_on_delete for a in others)


def test_a_system_assigned_hub_approves_the_registry_endpoints_after_the_hub() -> None:
    run = run_stack("dev")
    hub = one(run, WS, "hub-hub")
    approvals = registry_approvals(run)
    assert set(approvals) == {target for target, _ in registry_targets().values()}
    assert all(a.property_dependencies["principalId"] == (hub.urn,) for a in approvals.values())
    assert approvals[PROD_REGISTRY].retain_on_delete


def test_a_consumer_stack_says_which_stack_to_deploy_first_when_its_output_is_older(
    tmp_path: Path,
) -> None:
    for name in ("Pulumi.yaml", "Pulumi.dev.yaml", "__main__.py", SHARED_FILE):
        (tmp_path / name).write_text((ROOT / name).read_text())
    promotion = json.loads(outputs_file(ROOT, "prod").read_text())
    del promotion["promotion"]["storageAccountId"]  # an owner deployed before this version
    (tmp_path / "stack-outputs").mkdir()
    (tmp_path / "stack-outputs" / "prod.json").write_text(json.dumps(promotion))
    with pytest.raises(Exception) as caught:
        run_program(tmp_path, "dev")
    assert "Traceback" not in str(caught.value)
    assert str(caught.value).endswith(
        "stack organization/aml-landing-zone/prod's 'promotion' output has no storageAccountId: "
        "deploy the registry's owner (prod) with this version first"
    )


def test_the_registrys_created_resources_are_unknown_until_azure_creates_them() -> None:
    """A preview answers the registry's inputs, which hold no id of the storage account and ACR
    Azure creates: the hub's rules to them wait (unknown) instead of failing the program, as
    the real engine showed; once created, their ids are read."""
    from types import SimpleNamespace as Obj

    from aml_landing_zone.hub.ml_registry import created_id
    from pulumi.output import UNKNOWN

    def region(storage_id: str | None, acr_id: str | None) -> list[Obj]:
        def account(arm_id: str | None) -> Obj:
            return Obj(arm_resource_id=Obj(resource_id=arm_id) if arm_id else None)

        return [
            Obj(
                storage_account_details=[Obj(system_created_storage_account=account(storage_id))],
                acr_details=[Obj(system_created_acr_account=account(acr_id))],
            )
        ]

    preview = region(None, None)
    assert created_id(preview, "storage") is UNKNOWN and created_id(preview, "acr") is UNKNOWN
    created = region(
        "/subscriptions/s/resourceGroups/m/providers/Microsoft.Storage/storageAccounts/st1",
        "/acr/1",
    )
    assert created_id(created, "storage").endswith("/storageAccounts/st1")
    assert created_id(created, "acr") == "/acr/1"
