"""The hub: one secured, shared environment that project workspaces are created under (seed 000).

The hub owns everything projects inherit: network isolation, identity-based data access and the
associated resources (storage, key vault, registry, Application Insights). Each is hardened here
once; projects get the same settings by construction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NotRequired, TypedDict

import pulumi
from pulumi_azure_native import (
    applicationinsights,
    authorization,
    containerregistry,
    keyvault,
    machinelearningservices,
    operationalinsights,
    resources,
    storage,
)

from .blocks.diagnostics import DiagnosticTarget, send_diagnostics
from .blocks.locks import lock_against_delete
from .blocks.rbac import Grant, assign_roles
from .blocks.tags import landing_zone_tags
from .naming import Naming

HUB_TYPE = "amllz:index:Hub"
SOFT_DELETE_DAYS = 14


class HubArgs(TypedDict):
    """Inputs of a Hub. Naming parts are plain strings: names must be known at preview time."""

    organization: str
    environment: str
    location: str
    workload: NotRequired[str]
    tags: NotRequired[Mapping[str, str]]
    public_network_access: NotRequired[pulumi.Input[str]]
    isolation_mode: NotRequired[pulumi.Input[str]]
    container_registry: NotRequired[bool]
    storage_sku: NotRequired[pulumi.Input[str]]
    high_business_impact: NotRequired[bool]
    project_creator_group_ids: NotRequired[Sequence[str]]
    log_retention_days: NotRequired[pulumi.Input[int]]
    protect: NotRequired[bool]


class Hub(pulumi.ComponentResource):
    """Hub workspace with its hardened associated resources and a self-serve project group."""

    hub_id: pulumi.Output[str]
    hub_name: pulumi.Output[str]
    principal_id: pulumi.Output[str]
    resource_group_name: pulumi.Output[str]
    project_resource_group_name: pulumi.Output[str]
    project_resource_group_id: pulumi.Output[str]
    storage_account_id: pulumi.Output[str]
    key_vault_id: pulumi.Output[str]
    container_registry_id: pulumi.Output[str] | None
    application_insights_id: pulumi.Output[str]
    log_analytics_workspace_id: pulumi.Output[str]

    def __init__(self, name: str, args: HubArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__(HUB_TYPE, name, None, opts)
        naming = Naming(
            args["organization"], args.get("workload", "ml"), args["environment"], args["location"]
        )
        location = args["location"]
        tags = landing_zone_tags(args["environment"], naming.workload, args.get("tags", {}))
        public_access = args.get("public_network_access", "Disabled")
        protect = args.get("protect", False)
        child = pulumi.ResourceOptions(parent=self)
        stateful = pulumi.ResourceOptions(parent=self, protect=protect)

        rg = resources.ResourceGroup(
            f"{name}-rg",
            resource_group_name=naming.resource_group("hub"),
            location=location,
            tags=tags,
            opts=child,
        )
        projects_rg = resources.ResourceGroup(
            f"{name}-projects-rg",
            resource_group_name=naming.resource_group("projects"),
            location=location,
            tags=tags,
            opts=child,
        )
        logs = operationalinsights.Workspace(
            f"{name}-log",
            workspace_name=naming.log_analytics(),
            resource_group_name=rg.name,
            location=location,
            sku={"name": "PerGB2018"},
            retention_in_days=args.get("log_retention_days", 30),
            tags=tags,
            opts=stateful,
        )
        insights = applicationinsights.Component(
            f"{name}-appi",
            resource_name_=naming.app_insights(),
            resource_group_name=rg.name,
            location=location,
            kind="web",
            application_type="web",
            ingestion_mode="LogAnalytics",
            workspace_resource_id=logs.id,
            disable_local_auth=True,
            tags=tags,
            opts=child,
        )
        account = storage.StorageAccount(
            f"{name}-st",
            account_name=naming.storage(),
            resource_group_name=rg.name,
            location=location,
            kind="StorageV2",
            sku={"name": args.get("storage_sku", "Standard_ZRS")},
            is_hns_enabled=False,
            minimum_tls_version="TLS1_2",
            enable_https_traffic_only=True,
            allow_blob_public_access=False,
            allow_shared_key_access=False,
            allow_cross_tenant_replication=False,
            default_to_o_auth_authentication=True,
            public_network_access=public_access,
            network_rule_set={"default_action": "Deny", "bypass": "AzureServices"},
            tags=tags,
            opts=stateful,
        )
        blob_service = storage.BlobServiceProperties(
            f"{name}-st-blob",
            account_name=account.name,
            resource_group_name=rg.name,
            blob_services_name="default",
            delete_retention_policy={"enabled": True, "days": SOFT_DELETE_DAYS},
            container_delete_retention_policy={"enabled": True, "days": SOFT_DELETE_DAYS},
            opts=child,
        )
        client = authorization.get_client_config_output(
            opts=pulumi.InvokeOutputOptions(parent=self)
        )
        vault = keyvault.Vault(
            f"{name}-kv",
            vault_name=naming.key_vault(),
            resource_group_name=rg.name,
            location=location,
            properties={
                "tenant_id": client.tenant_id,
                "sku": {"family": "A", "name": "standard"},
                "enable_rbac_authorization": True,
                "enable_soft_delete": True,
                "soft_delete_retention_in_days": 90,
                "enable_purge_protection": True,
                "public_network_access": public_access,
                "network_acls": {"default_action": "Deny", "bypass": "AzureServices"},
            },
            tags=tags,
            opts=stateful,
        )
        registry = None
        if args.get("container_registry", True):
            registry = containerregistry.Registry(
                f"{name}-cr",
                registry_name=naming.registry(),
                resource_group_name=rg.name,
                location=location,
                sku={"name": "Premium"},
                admin_user_enabled=False,
                anonymous_pull_enabled=False,
                public_network_access=public_access,
                network_rule_bypass_options="AzureServices",
                policies={"export_policy": {"status": "disabled"}},
                tags=tags,
                opts=stateful,
            )
        workspace = machinelearningservices.Workspace(
            f"{name}-hub",
            workspace_name=naming.hub(),
            resource_group_name=rg.name,
            location=location,
            kind="Hub",
            sku={"name": "Basic", "tier": "Basic"},
            friendly_name=f"{naming.organization} {naming.workload} hub ({naming.environment})",
            description="Shared hub: network, identity and associated resources for projects.",
            identity={"type": "SystemAssigned"},
            storage_account=account.id,
            key_vault=vault.id,
            application_insights=insights.id,
            container_registry=registry.id if registry else None,
            public_network_access=public_access,
            allow_public_access_when_behind_vnet=False,
            hbi_workspace=args.get("high_business_impact", False),
            managed_network={
                "isolation_mode": args.get("isolation_mode", "AllowOnlyApprovedOutbound")
            },
            system_datastores_auth_mode="Identity",
            workspace_hub_config={"default_workspace_resource_group": projects_rg.id},
            tags=tags,
            opts=stateful,
        )

        creators = [
            Grant(group, "Azure AI Developer")
            for group in args.get("project_creator_group_ids", [])
        ]
        assign_roles(name, workspace.id, naming.hub(), creators, parent=self)

        targets = [
            DiagnosticTarget("hub", workspace.id),
            DiagnosticTarget("st", account.id, logs=False),
            DiagnosticTarget("st-blob", blob_service.id),
            DiagnosticTarget("kv", vault.id),
        ]
        if registry is not None:
            targets.append(DiagnosticTarget("cr", registry.id))
        send_diagnostics(name, targets, logs.id, parent=self)

        if protect:
            lock_against_delete(f"{name}-rg", rg.id, parent=self)

        self.hub_id = workspace.id
        self.hub_name = workspace.name
        self.principal_id = workspace.identity.apply(lambda i: i.principal_id if i else "")
        self.resource_group_name = rg.name
        self.project_resource_group_name = projects_rg.name
        self.project_resource_group_id = projects_rg.id
        self.storage_account_id = account.id
        self.key_vault_id = vault.id
        self.container_registry_id = registry.id if registry else None
        self.application_insights_id = insights.id
        self.log_analytics_workspace_id = logs.id
        self.register_outputs(self.outputs())

    def outputs(self) -> dict[str, pulumi.Input[str] | None]:
        return {
            "hubId": self.hub_id,
            "hubName": self.hub_name,
            "principalId": self.principal_id,
            "resourceGroupName": self.resource_group_name,
            "projectResourceGroupName": self.project_resource_group_name,
            "storageAccountId": self.storage_account_id,
            "keyVaultId": self.key_vault_id,
            "containerRegistryId": self.container_registry_id,
            "applicationInsightsId": self.application_insights_id,
            "logAnalyticsWorkspaceId": self.log_analytics_workspace_id,
        }
