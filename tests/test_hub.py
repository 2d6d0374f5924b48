"""The hub registers each associated resource hardened, and the workspace wired to them."""

from __future__ import annotations

from aml_landing_zone.offline.model import ProgramRun

from tests.conftest import approved_outbound_only_dev, of_type, one, run_stack
from tests.network.scenarios import scenario
from tests.stack_values import stack_config

WS = "azure-native:machinelearningservices:Workspace"
ST = "azure-native:storage:StorageAccount"
KV = "azure-native:keyvault:Vault"
CR = "azure-native:containerregistry:Registry"
APPI = "azure-native:applicationinsights:Component"
LOG = "azure-native:operationalinsights:Workspace"
RG = "azure-native:resources:ResourceGroup"
RA = "azure-native:authorization:RoleAssignment"
AI_DEVELOPER = "64702f94-c441-49e6-a78b-ef80e0188fee"
DATA_SCIENTISTS = "1c8b4d2f-6e3a-4b9c-8d7e-2f3a4b5c6d7e"


def hub_workspace(run: ProgramRun):
    return one(run, WS, "hub-hub")


def test_storage_account_is_hardened(dev_run: ProgramRun) -> None:
    inputs = one(dev_run, ST).inputs
    assert inputs["kind"] == "StorageV2"
    assert inputs["sku"] == {"name": "Standard_LRS"}  # dev config: storageRedundancy LRS
    assert inputs["isHnsEnabled"] is False
    assert inputs["minimumTlsVersion"] == "TLS1_2"
    assert inputs["enableHttpsTrafficOnly"] is True
    assert inputs["allowBlobPublicAccess"] is False
    assert inputs["allowSharedKeyAccess"] is False
    assert inputs["allowCrossTenantReplication"] is False
    assert inputs["publicNetworkAccess"] == "Disabled"
    assert inputs["networkRuleSet"]["defaultAction"] == "Deny"


def test_blob_and_container_soft_delete(dev_run: ProgramRun) -> None:
    inputs = one(dev_run, "azure-native:storage:BlobServiceProperties").inputs
    assert inputs["deleteRetentionPolicy"] == {"enabled": True, "days": 14}
    assert inputs["containerDeleteRetentionPolicy"] == {"enabled": True, "days": 14}


def test_key_vault_uses_rbac_and_cannot_be_purged(dev_run: ProgramRun) -> None:
    properties = one(dev_run, KV).inputs["properties"]
    assert properties["enableRbacAuthorization"] is True
    assert properties["enableSoftDelete"] is True
    assert properties["enablePurgeProtection"] is True
    assert properties["publicNetworkAccess"] == "Disabled"
    assert properties["tenantId"]  # from the caller's client config, never hard-coded


def test_registry_is_premium_without_admin_or_anonymous_pull(dev_run: ProgramRun) -> None:
    inputs = one(dev_run, CR).inputs
    assert inputs["sku"] == {"name": "Premium"}
    assert inputs["adminUserEnabled"] is False
    assert inputs["anonymousPullEnabled"] is False
    assert inputs["publicNetworkAccess"] == "Disabled"


def test_app_insights_is_workspace_based(dev_run: ProgramRun) -> None:
    """Workspace-based (ingestionMode LogAnalytics, telemetry in the hub's Log Analytics
    workspace) and Entra-only (disableLocalAuth): "Create and configure Application Insights
    resources", https://learn.microsoft.com/azure/azure-monitor/app/create-workspace-resource;
    dev opts out of private monitoring, so its endpoints stay public."""
    inputs = {k: v for k, v in one(dev_run, APPI).inputs.items() if k != "tags"}
    assert inputs == {
        "resourceName": "appi-contoso-ml-dev-weu",
        "resourceGroupName": "rg-contoso-ml-dev-weu-hub",
        "location": "westeurope",
        "kind": "web",
        "applicationType": "web",
        "ingestionMode": "LogAnalytics",
        "workspaceResourceId": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups"
        "/rg-contoso-ml-dev-weu-hub/providers/Microsoft.OperationalInsights/workspaces"
        "/log-contoso-ml-dev-weu",
        "disableLocalAuth": True,
        "publicNetworkAccessForIngestion": "Enabled",
        "publicNetworkAccessForQuery": "Enabled",
        # azure-native's own defaults for a component (ingestionMode is one too)
        "flowType": "Bluefield",
        "requestSource": "rest",
    }


def test_hub_workspace_is_wired_to_its_associated_resources(dev_run: ProgramRun) -> None:
    inputs = hub_workspace(dev_run).inputs
    assert inputs["kind"] == "Hub"
    assert inputs["storageAccount"].endswith(
        "/storageAccounts/" + one(dev_run, ST).inputs["accountName"]
    )
    assert inputs["keyVault"].endswith("/vaults/" + one(dev_run, KV).inputs["vaultName"])
    assert inputs["containerRegistry"].endswith(
        "/registries/" + one(dev_run, CR).inputs["registryName"]
    )
    assert inputs["applicationInsights"].endswith(
        "/components/" + one(dev_run, APPI).inputs["resourceName"]
    )


def test_hub_workspace_is_private_and_identity_based(dev_run: ProgramRun) -> None:
    inputs = hub_workspace(dev_run).inputs
    assert inputs["publicNetworkAccess"] == "Disabled"
    assert inputs["allowPublicAccessWhenBehindVnet"] is False
    assert inputs["systemDatastoresAuthMode"] == "Identity"
    assert inputs["identity"] == {"type": "SystemAssigned"}  # dev config keeps the default
    assert inputs["managedNetwork"]["isolationMode"] == "AllowInternetOutbound"  # dev config


def test_isolation_defaults_to_approved_outbound_only() -> None:
    run = run_stack("dev", approved_outbound_only_dev())
    assert (
        hub_workspace(run).inputs["managedNetwork"]["isolationMode"] == "AllowOnlyApprovedOutbound"
    )


def test_default_project_resource_group_is_created_for_self_service(dev_run: ProgramRun) -> None:
    projects_rg = one(dev_run, RG, "hub-projects-rg")
    default_rg = hub_workspace(dev_run).inputs["workspaceHubConfig"][
        "defaultWorkspaceResourceGroup"
    ]
    assert default_rg.endswith("/resourceGroups/" + projects_rg.inputs["resourceGroupName"])


def test_project_creators_get_azure_ai_developer_on_the_hub(dev_run: ProgramRun) -> None:
    hub_id_suffix = "/workspaces/" + hub_workspace(dev_run).inputs["workspaceName"]
    on_hub = [r for r in of_type(dev_run, RA) if r.inputs["scope"].endswith(hub_id_suffix)]
    creators = [r for r in on_hub if r.inputs["roleDefinitionId"].endswith(AI_DEVELOPER)]
    assert [r.inputs["principalId"] for r in creators] == [DATA_SCIENTISTS]
    assert creators[0].inputs["principalType"] == "Group"
    assert creators[0].inputs["roleDefinitionId"].startswith("/subscriptions/")


def test_every_taggable_resource_carries_cost_tags(dev_run: ProgramRun) -> None:
    taggable = [r for r in dev_run.resources if r.custom and "location" in r.inputs]
    assert taggable
    for resource in taggable:
        tags = resource.inputs.get("tags", {})
        assert tags.get("environment") == "dev", resource.urn
        assert tags.get("costCenter") == "CC-1234", resource.urn
        assert tags.get("owner") == "ml-platform@contoso.com", resource.urn


def test_children_are_parented_to_the_hub_component(dev_run: ProgramRun) -> None:
    hub = one(dev_run, "amllz:index:Hub")
    for token in (ST, KV, CR, APPI, LOG, RG):
        for resource in of_type(dev_run, token):
            # a data product's own group, and each project's (perProject), are not the hub's
            own_groups = {f"hub-{key}-rg" for key in dev_run.outputs["projects"]}
            if "DataLandingZoneML" not in resource.urn and resource.name not in own_groups:
                assert resource.parent == hub.urn, resource.urn


def test_hub_outputs_are_exported(dev_run: ProgramRun) -> None:
    outputs = dev_run.outputs["hub"]
    assert outputs["hubName"] == hub_workspace(dev_run).inputs["workspaceName"]
    assert outputs["hubId"].startswith("/subscriptions/")
    assert outputs["principalId"]
    for key in ("storageAccountId", "keyVaultId", "containerRegistryId", "applicationInsightsId"):
        assert outputs[key].startswith("/subscriptions/"), key


def test_registry_can_be_left_out() -> None:
    config = stack_config("dev")
    hub = {**config["aml-landing-zone:hub"], "containerRegistry": False}
    run = run_stack("dev", {**config, "aml-landing-zone:hub": hub})
    assert of_type(run, CR) == []
    assert "containerRegistry" not in hub_workspace(run).inputs


def test_public_access_is_an_explicit_opt_in() -> None:
    run = scenario("us-gov")  # opts into public access (and moves to US Gov, irrelevant here)
    assert hub_workspace(run).inputs["publicNetworkAccess"] == "Enabled"
    assert one(run, ST).inputs["publicNetworkAccess"] == "Enabled"
    assert one(run, KV).inputs["properties"]["publicNetworkAccess"] == "Enabled"
    assert one(run, CR).inputs["publicNetworkAccess"] == "Enabled"
