"""identity: UserAssigned creates a UAI, makes it the hub workspace's primary identity and grants
it exactly the roles Azure documents for a workspace identity, before the workspace exists."""

from __future__ import annotations

from aml_landing_zone.naming import Naming
from aml_landing_zone.offline.mocks import SUBSCRIPTION_ID
from aml_landing_zone.offline.model import ProgramRun, RecordedResource

from tests.conftest import of_type, one
from tests.network.scenarios import CMK_VAULT, DATA_SUB, LAKE, PROMOTION, scenario

UAI = "azure-native:managedidentity:UserAssignedIdentity"
RA = "azure-native:authorization:RoleAssignment"
WS = "azure-native:machinelearningservices:Workspace"
READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c"
BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe"
KEY_VAULT_ADMINISTRATOR = "00482a5a-887f-4fb3-b363-3b7fe8e74483"
CONNECTION_APPROVER = "b556d68e-0be0-4f35-a333-ad7ee1ce17ea"
CRYPTO_SERVICE_ENCRYPTION_USER = "e147488a-f6f5-4113-8e2d-b22465e65bf6"
SLEEP = "time:index/sleep:Sleep"
REGISTRY_TARGETS = ("registryId", "storageAccountId", "containerRegistryId")
NAMES = Naming("contoso", "ml", "dev", "westeurope", SUBSCRIPTION_ID)
# the dev stack's data lake, which its project data product reads through the hub's network
DEV_LAKE = (
    "/subscriptions/5f2c7b1e-3a4d-4e8f-9b6c-0d1e2f3a4b5c/resourceGroups/"
    "rg-contoso-dlz01-dev-weu-storage/providers/Microsoft.Storage/storageAccounts/"
    "stcontosodlz01devlake"
)
# how-to-identity-based-service-authentication, "User-assigned managed identity > Workspace",
# the approver role on private-endpoint rule targets (how-to-managed-network) and the key role
# for customer-managed keys (how-to-setup-customer-managed-keys), as (scope, role definition).
DOCUMENTED = {
    (NAMES.hub(), CONTRIBUTOR),
    (NAMES.storage(), CONTRIBUTOR),
    (NAMES.storage(), BLOB_DATA_CONTRIBUTOR),
    (NAMES.key_vault(), CONTRIBUTOR),
    (NAMES.key_vault(), KEY_VAULT_ADMINISTRATOR),
    (NAMES.registry(), CONTRIBUTOR),
    (NAMES.app_insights(), CONTRIBUTOR),
    (LAKE.rsplit("/", 1)[1], CONNECTION_APPROVER),
    (DEV_LAKE.rsplit("/", 1)[1], CONNECTION_APPROVER),  # the hub's rules to it (data products)
    # the promotion registry prod owns, its storage and its container registry
    *((PROMOTION[key].rsplit("/", 1)[1], CONNECTION_APPROVER) for key in REGISTRY_TARGETS),
    (CMK_VAULT.rsplit("/", 1)[1], CRYPTO_SERVICE_ENCRYPTION_USER),
    # how-to-enable-studio-virtual-network: Reader on the storage private endpoints
    (NAMES.private_endpoint(NAMES.storage(), "blob"), READER),
    (NAMES.private_endpoint(NAMES.storage(), "file"), READER),
}


def identity_assignments(run: ProgramRun) -> list[RecordedResource]:
    """The hub's grants to its identity (the promotion registry's, made by the environment
    around the hub, are tested in tests/test_environments.py)."""
    identity, hub = one(run, UAI, "hub-id"), one(run, "amllz:index:Hub")
    return [
        r
        for r in of_type(run, RA)
        if r.property_dependencies["principalId"] == (identity.urn,) and r.parent == hub.urn
    ]


def test_hub_uses_the_identity_as_its_primary_identity() -> None:
    run = scenario("enterprise")
    assert one(run, UAI, "hub-id").inputs["resourceName"] == "id-contoso-ml-dev-weu-hub"
    hub = one(run, WS, "hub-hub").inputs
    uai_id = run.outputs["hub"]["identityId"]
    assert uai_id.endswith("/userAssignedIdentities/id-contoso-ml-dev-weu-hub")
    assert hub["identity"] == {"type": "UserAssigned", "userAssignedIdentities": [uai_id]}
    assert hub["primaryUserAssignedIdentity"] == uai_id


def test_identity_gets_exactly_the_documented_roles() -> None:
    run = scenario("enterprise")
    assignments = identity_assignments(run)
    granted = [
        (r.inputs["scope"].rsplit("/", 1)[1], r.inputs["roleDefinitionId"].rsplit("/", 1)[1])
        for r in assignments
    ]
    assert sorted(granted) == sorted(DOCUMENTED)
    for assignment in assignments:
        assert assignment.inputs["principalType"] == "ServicePrincipal"
        # Qualified with the scope's own subscription, as ARM reports it back (the lake is in
        # another subscription than the hub).
        scope_subscription = assignment.inputs["scope"].split("/")[2]
        assert assignment.inputs["roleDefinitionId"].startswith(
            f"/subscriptions/{scope_subscription}/providers/Microsoft.Authorization/roleDefinitions/"
        )
    lake_grant = next(r for r in assignments if r.inputs["scope"] == LAKE)
    assert lake_grant.inputs["roleDefinitionId"].startswith(f"/subscriptions/{DATA_SUB}/")
    scopes = {r.inputs["roleDefinitionId"].rsplit("/", 1)[1]: [] for r in assignments}
    for r in assignments:
        scopes[r.inputs["roleDefinitionId"].rsplit("/", 1)[1]].append(r.inputs["scope"])
    assert sorted(scopes[CONNECTION_APPROVER]) == sorted(
        [LAKE, DEV_LAKE, *(PROMOTION[key] for key in REGISTRY_TARGETS)]
    )
    assert scopes[CRYPTO_SERVICE_ENCRYPTION_USER] == [CMK_VAULT]


def test_roles_exist_before_the_workspace_except_the_one_on_it() -> None:
    run = scenario("enterprise")
    hub = one(run, WS, "hub-hub")
    on_workspace = [r for r in identity_assignments(run) if "/workspaces/" in r.inputs["scope"]]
    assert len(on_workspace) == 1
    assert hub.urn in on_workspace[0].dependencies
    wait = one(run, SLEEP)  # the RBAC propagation wait sits between the grants and the hub
    assert wait.urn in hub.dependencies
    assert wait.inputs["createDuration"] == "60s"
    for assignment in identity_assignments(run):
        scope = assignment.inputs["scope"]
        if assignment is not on_workspace[0] and "/privateEndpoints/" not in scope:
            assert assignment.urn in wait.dependencies, scope
            assert assignment.urn not in hub.dependencies


def test_projects_keep_system_assigned_identities() -> None:
    run = scenario("enterprise")
    # the hub's own projects (a data product's project has the product's identity)
    projects = [w for w in of_type(run, WS) if w.name in ("hub-fraud-ws", "hub-churn-ws")]
    assert len(projects) == 2
    assert all(p.inputs["identity"] == {"type": "SystemAssigned"} for p in projects)


def test_system_assigned_is_the_default_and_creates_no_identity(dev_run: ProgramRun) -> None:
    assert [u.name for u in of_type(dev_run, UAI)] == ["hub-dlz-demand-id"]  # the product's
    hub = one(dev_run, WS, "hub-hub").inputs
    assert hub["identity"] == {"type": "SystemAssigned"}
    assert "primaryUserAssignedIdentity" not in hub
