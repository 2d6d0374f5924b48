"""The hub: one secured, shared environment that project workspaces are created under (seed 000).

The hub owns everything projects inherit: network isolation (private endpoints, managed network,
public access), identity, customer-managed keys and the associated resources (storage, key vault,
registry, Application Insights). Each is hardened here once; projects get the same settings by
construction, and their diagnostics go to the same Log Analytics workspace."""

from typing import cast

import pulumi
from pulumi_azure_native import (
    applicationinsights,
    authorization,
    containerregistry,
    keyvault,
    machinelearningservices,
    managedidentity,
    operationalinsights,
    resources,
    storage,
)

from .arm import resource_name
from .blocks.diagnostics import DiagnosticTarget, send_diagnostics
from .blocks.encryption import (
    DEFAULT_KEY_NAME,
    CustomerManagedKey,
    KeyVaultRef,
    customer_managed_key,
    workspace_encryption,
)
from .blocks.identity import (
    WORKSPACE_IDENTITY_ROLES,
    RoleScope,
    grant_identity,
    user_assigned_identity,
)
from .blocks.locks import lock_against_delete
from .blocks.managed_network import managed_network_settings, private_endpoint_targets
from .blocks.network import SpokeNetwork, spoke_network
from .blocks.private_endpoint import (
    DnsMode,
    EndpointTarget,
    NetworkLink,
    private_dns_zones,
    private_endpoint,
)
from .blocks.rbac import Grant, assign_roles
from .blocks.tags import landing_zone_tags
from .dns_zones import zones_for
from .errors import ComponentArgsError
from .hub_args import EncryptionArgs, HubArgs, PrivateDnsArgs
from .ipranges import parse_allowed_ip
from .naming import Naming

__all__ = ["Hub", "HubArgs"]

HUB_TYPE = "amllz:index:Hub"
SOFT_DELETE_DAYS = 14


class Hub(pulumi.ComponentResource):
    """Hub workspace with its hardened associated resources and a self-serve project group."""

    hub_id: pulumi.Output[str]
    hub_name: pulumi.Output[str]
    principal_id: pulumi.Output[str]
    identity_id: pulumi.Output[str] | None
    resource_group_name: pulumi.Output[str]
    project_resource_group_name: pulumi.Output[str]
    project_resource_group_id: pulumi.Output[str]
    storage_account_id: pulumi.Output[str]
    key_vault_id: pulumi.Output[str]
    container_registry_id: pulumi.Output[str] | None
    application_insights_id: pulumi.Output[str]
    log_analytics_workspace_id: pulumi.Output[str]
    private_endpoint_subnet_id: pulumi.Output[str] | None

    def __init__(self, name: str, args: HubArgs, opts: pulumi.ResourceOptions | None = None):
        _check_args(name, args)
        super().__init__(HUB_TYPE, name, None, opts)
        naming = Naming(
            args["organization"], args.get("workload", "ml"), args["environment"], args["location"]
        )
        self._name, self._naming = name, naming
        location = args["location"]
        tags = landing_zone_tags(args["environment"], naming.workload, args.get("tags", {}))
        public_access = args.get("public_network_access", "Disabled")
        ip_rules = [parse_allowed_ip(ip) for ip in args.get("allowed_ip_ranges", [])]
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
        logs_id = self._log_analytics(args, rg.name, tags, stateful)
        insights = applicationinsights.Component(
            f"{name}-appi",
            resource_name_=naming.app_insights(),
            resource_group_name=rg.name,
            location=location,
            kind="web",
            application_type="web",
            ingestion_mode="LogAnalytics",
            workspace_resource_id=logs_id,
            disable_local_auth=True,
            tags=tags,
            opts=child,
        )
        storage_sku: storage.SkuArgsDict = {"name": args.get("storage_sku", "Standard_ZRS")}
        storage_rules: storage.NetworkRuleSetArgsDict = {
            "default_action": storage.DefaultAction.DENY,
            "bypass": "AzureServices",
            "ip_rules": [
                {"i_p_address_or_range": ip, "action": storage.Action.ALLOW} for ip in ip_rules
            ],
        }
        account = storage.StorageAccount(
            f"{name}-st",
            account_name=naming.storage(),
            resource_group_name=rg.name,
            location=location,
            kind="StorageV2",
            sku=storage_sku,
            is_hns_enabled=False,
            minimum_tls_version="TLS1_2",
            enable_https_traffic_only=True,
            allow_blob_public_access=False,
            allow_shared_key_access=False,
            allow_cross_tenant_replication=False,
            default_to_o_auth_authentication=True,
            public_network_access=public_access,
            network_rule_set=storage_rules,
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
        file_service = storage.FileServiceProperties(
            f"{name}-st-file",
            account_name=account.name,
            resource_group_name=rg.name,
            file_services_name="default",
            share_delete_retention_policy={"enabled": True, "days": SOFT_DELETE_DAYS},
            opts=child,
        )
        client = authorization.get_client_config_output(
            opts=pulumi.InvokeOutputOptions(parent=self)
        )
        vault_properties: keyvault.VaultPropertiesArgsDict = {
            "tenant_id": client.tenant_id,
            "sku": {"family": keyvault.SkuFamily.A, "name": keyvault.SkuName.STANDARD},
            "enable_rbac_authorization": True,
            "enable_soft_delete": True,
            "soft_delete_retention_in_days": 90,
            "public_network_access": public_access,
            "network_acls": {
                "default_action": "Deny",
                "bypass": "AzureServices",
                "ip_rules": [{"value": ip} for ip in ip_rules],
            },
        }
        if args.get("key_vault_purge_protection", True):
            # ARM refuses an explicit false: purge protection can only ever be switched on.
            vault_properties["enable_purge_protection"] = True
        vault = keyvault.Vault(
            f"{name}-kv",
            vault_name=naming.key_vault(),
            resource_group_name=rg.name,
            location=location,
            properties=vault_properties,
            tags=tags,
            opts=stateful,
        )
        registry = None
        registry_rules: containerregistry.NetworkRuleSetArgsDict = {
            "default_action": "Deny",
            "ip_rules": [{"i_p_address_or_range": ip, "action": "Allow"} for ip in ip_rules],
        }
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
                network_rule_set=registry_rules,
                policies={"export_policy": {"status": "disabled"}},
                tags=tags,
                opts=stateful,
            )

        managed_network = args.get("managed_network", {})
        identity = None
        before_workspace: list[pulumi.Resource] = []
        if args.get("identity", "SystemAssigned") == "UserAssigned":
            identity = user_assigned_identity(
                name,
                naming.identity("hub"),
                rg.name,
                location,
                parent=self,
                tags=tags,
                protect=protect,  # the workspace, and its key, are unusable without it
            )
            scopes = [
                RoleScope(naming.storage(), account.id, WORKSPACE_IDENTITY_ROLES["storage"]),
                RoleScope(naming.key_vault(), vault.id, WORKSPACE_IDENTITY_ROLES["key_vault"]),
                RoleScope(
                    naming.app_insights(), insights.id, WORKSPACE_IDENTITY_ROLES["app_insights"]
                ),
            ]
            if registry is not None:
                scopes.append(
                    RoleScope(naming.registry(), registry.id, WORKSPACE_IDENTITY_ROLES["registry"])
                )
            scopes += [
                RoleScope(target, target, WORKSPACE_IDENTITY_ROLES["outbound_rule_target"])
                for target in sorted(set(private_endpoint_targets(managed_network).values()))
            ]
            before_workspace += grant_identity(
                f"{name}-id", identity, naming.identity("hub"), scopes, parent=self
            )

        encryption_args = args.get("encryption")
        encryption = None
        if encryption_args is not None and identity is not None:
            cmk = self._customer_managed_key(encryption_args, identity, vault, rg.name, protect)
            before_workspace += cmk.assignments
            encryption = workspace_encryption(cmk, identity.id)

        workspace_identity: machinelearningservices.ManagedServiceIdentityArgsDict = (
            {"type": "UserAssigned", "user_assigned_identities": [identity.id]}
            if identity is not None
            else {"type": "SystemAssigned"}
        )
        workspace_sku: machinelearningservices.SkuArgsDict = {
            "name": "Basic",
            "tier": machinelearningservices.SkuTier.BASIC,
        }
        hub_config: machinelearningservices.WorkspaceHubConfigArgsDict = {
            "default_workspace_resource_group": projects_rg.id
        }
        workspace = machinelearningservices.Workspace(
            f"{name}-hub",
            workspace_name=naming.hub(),
            resource_group_name=rg.name,
            location=location,
            kind="Hub",
            sku=workspace_sku,
            friendly_name=f"{naming.organization} {naming.workload} hub ({naming.environment})",
            description="Shared hub: network, identity and associated resources for projects.",
            identity=workspace_identity,
            primary_user_assigned_identity=identity.id if identity is not None else None,
            storage_account=account.id,
            key_vault=vault.id,
            application_insights=insights.id,
            container_registry=registry.id if registry else None,
            public_network_access=public_access,
            allow_public_access_when_behind_vnet=False,
            hbi_workspace=args.get("high_business_impact", False),
            encryption=encryption,
            enable_service_side_cmk_encryption=(
                encryption_args.get("service_side_encryption", False)
                if encryption_args is not None
                else None
            ),
            managed_network=managed_network_settings(managed_network),
            provision_network_now=managed_network.get("provision_network_now", False),
            system_datastores_auth_mode="Identity",
            workspace_hub_config=hub_config,
            tags=tags,
            opts=pulumi.ResourceOptions(parent=self, protect=protect, depends_on=before_workspace),
        )
        if identity is not None:
            # The one documented role that can only follow the workspace: on the workspace itself.
            grant_identity(
                f"{name}-id",
                identity,
                naming.identity("hub"),
                [RoleScope(naming.hub(), workspace.id, WORKSPACE_IDENTITY_ROLES["workspace"])],
                parent=self,
            )

        creators = [
            Grant(group, "Azure AI Developer")
            for group in args.get("project_creator_group_ids", [])
        ]
        assign_roles(name, workspace.id, naming.hub(), creators, parent=self)

        endpoints = [
            ("hub", naming.hub(), workspace.id, "amlworkspace"),
            ("st-blob", naming.storage(), account.id, "blob"),
            ("st-file", naming.storage(), account.id, "file"),
            ("kv", naming.key_vault(), vault.id, "vault"),
        ]
        if registry is not None:
            endpoints.append(("cr", naming.registry(), registry.id, "registry"))
        targets = [
            EndpointTarget(key, target, target_id, group, zones_for(location, group))
            for key, target, target_id, group in endpoints
        ]
        subnet_id, vnet = self._private_endpoints(args, targets, rg.name, tags)

        diagnostics = [
            DiagnosticTarget("hub", workspace.id),
            DiagnosticTarget("st", account.id, logs=False),
            DiagnosticTarget("st-blob", blob_service.id),
            DiagnosticTarget("st-file", file_service.id),
            DiagnosticTarget("kv", vault.id),
        ]
        if registry is not None:
            diagnostics.append(DiagnosticTarget("cr", registry.id))
        if vnet is not None:
            diagnostics += [
                DiagnosticTarget("vnet", vnet.virtual_network.id),
                DiagnosticTarget("nsg-pe", vnet.security_group.id, metrics=False),
            ]
        send_diagnostics(name, diagnostics, logs_id, parent=self)

        if protect:
            lock_against_delete(f"{name}-rg", rg.id, parent=self)

        self.hub_id = workspace.id
        self.hub_name = workspace.name
        self.principal_id = (
            identity.principal_id
            if identity is not None
            else workspace.identity.apply(lambda i: i.principal_id if i else "")
        )
        self.identity_id = identity.id if identity is not None else None
        self.resource_group_name = rg.name
        self.project_resource_group_name = projects_rg.name
        self.project_resource_group_id = projects_rg.id
        self.storage_account_id = account.id
        self.key_vault_id = vault.id
        self.container_registry_id = registry.id if registry else None
        self.application_insights_id = insights.id
        self.log_analytics_workspace_id = pulumi.Output.from_input(logs_id)
        self.private_endpoint_subnet_id = (
            pulumi.Output.from_input(subnet_id) if subnet_id is not None else None
        )
        self.register_outputs(self.outputs())

    def _log_analytics(
        self,
        args: HubArgs,
        resource_group_name: pulumi.Input[str],
        tags: dict[str, str],
        opts: pulumi.ResourceOptions,
    ) -> pulumi.Input[str]:
        """The one workspace every diagnostic setting and Application Insights report to.

        A central workspace (seed 004) replaces the hub's own entirely: a second one would split
        the logs of one landing zone across two places, so none is created then."""
        central = args.get("log_analytics_workspace_id")
        if central is not None:
            return central
        logs = operationalinsights.Workspace(
            f"{self._name}-log",
            workspace_name=self._naming.log_analytics(),
            resource_group_name=resource_group_name,
            location=args["location"],
            sku={"name": "PerGB2018"},
            retention_in_days=args.get("log_retention_days", 30),
            tags=tags,
            opts=opts,
        )
        return logs.id

    def _customer_managed_key(
        self,
        args: EncryptionArgs,
        identity: managedidentity.UserAssignedIdentity,
        vault: keyvault.Vault,
        resource_group_name: pulumi.Input[str],
        protect: bool,
    ) -> CustomerManagedKey:
        external = args.get("key_vault_id")
        if external is not None:
            ref = KeyVaultRef(external, external)
        else:
            ref = KeyVaultRef(vault.id, self._naming.key_vault(), vault.name, resource_group_name)
        return customer_managed_key(
            self._name,
            ref,
            identity_principal_id=identity.principal_id,
            identity_key=self._naming.identity("hub"),
            cosmos_db_principal_id=args["cosmos_db_principal_id"],
            parent=self,
            key_name=args.get("key_name", DEFAULT_KEY_NAME) if external is None else None,
            key_uri=args.get("key_uri") if external is not None else None,
            protect=protect,
        )

    def _private_endpoints(
        self,
        args: HubArgs,
        targets: list[EndpointTarget],
        resource_group_name: pulumi.Input[str],
        tags: dict[str, str],
    ) -> tuple[pulumi.Input[str] | None, SpokeNetwork | None]:
        """One endpoint per private-link group, in a given subnet or a spoke created here."""
        settings = args.get("private_endpoints")
        if settings is None:
            return None, None
        location = args["location"]
        spoke = None
        links: list[NetworkLink] = []
        if "virtual_network" in settings:
            spoke = spoke_network(
                self._name,
                self._naming,
                resource_group_name,
                location,
                settings["virtual_network"]["address_space"],
                settings["virtual_network"]["private_endpoint_subnet"],
                parent=self,
                tags=tags,
            )
            subnet_id: pulumi.Input[str] = spoke.subnet.id
            vnet_name = self._naming.virtual_network()
            links.append(
                NetworkLink("spoke", self._naming.dns_link(vnet_name), spoke.virtual_network.id)
            )
        else:
            subnet_id = settings["subnet_id"]
        dns: PrivateDnsArgs = settings.get("dns") or {"mode": "create"}
        for vnet_id in dns.get("link_virtual_network_ids", []):
            vnet_name = resource_name(vnet_id)
            link_name = self._naming.dns_link(vnet_name, vnet_id)
            links.append(NetworkLink(link_name.removeprefix("link-"), link_name, vnet_id))
        zone_ids = private_dns_zones(
            f"{self._name}-dns",
            cast(DnsMode, dns["mode"]),  # checked against _DNS_MODES in _check_args
            [zone for target in targets for zone in target.zones],
            resource_group_name,
            parent=self,
            existing_ids=dns.get("zone_ids"),
            links=links,
            tags=tags,
        )
        for target in targets:
            private_endpoint(
                self._name,
                target,
                self._naming,
                subnet_id,
                resource_group_name,
                location,
                zone_ids,
                parent=self,
                tags=tags,
            )
        return subnet_id, spoke

    def outputs(self) -> dict[str, pulumi.Input[str] | None]:
        return {
            "hubId": self.hub_id,
            "hubName": self.hub_name,
            "principalId": self.principal_id,
            "identityId": self.identity_id,
            "resourceGroupName": self.resource_group_name,
            "projectResourceGroupName": self.project_resource_group_name,
            "storageAccountId": self.storage_account_id,
            "keyVaultId": self.key_vault_id,
            "containerRegistryId": self.container_registry_id,
            "applicationInsightsId": self.application_insights_id,
            "logAnalyticsWorkspaceId": self.log_analytics_workspace_id,
            "privateEndpointSubnetId": self.private_endpoint_subnet_id,
        }


_ALLOWED_VALUES = {
    "public_network_access": ("Enabled", "Disabled"),
    "identity": ("SystemAssigned", "UserAssigned"),
}
_DNS_MODES = ("create", "existing", "none")
_RULE_TYPES = ("FQDN", "PrivateEndpoint", "ServiceTag")


def _check_args(name: str, args: HubArgs) -> None:
    """What the config model checks, repeated for callers that build HubArgs themselves."""
    problems: list[str] = []
    for key, allowed in _ALLOWED_VALUES.items():
        if key in args and args[key] not in allowed:  # type: ignore[literal-required]
            problems.append(f"{key} must be one of {', '.join(allowed)}")
    dns_mode = args.get("private_endpoints", {}).get("dns", {}).get("mode", "create")
    if dns_mode not in _DNS_MODES:
        problems.append(f"private_endpoints.dns.mode must be one of {', '.join(_DNS_MODES)}")
    for rule_name, rule in args.get("managed_network", {}).get("outbound_rules", {}).items():
        if rule["type"] not in _RULE_TYPES:
            problems.append(
                f"outbound rule '{rule_name}': type must be one of {', '.join(_RULE_TYPES)}"
            )
    encryption = args.get("encryption")
    if encryption is not None:
        if args.get("identity", "SystemAssigned") != "UserAssigned":
            problems.append("encryption needs identity 'UserAssigned'")
        if "key_vault_id" not in encryption and not args.get("key_vault_purge_protection", True):
            problems.append("a customer-managed key in the hub key vault needs purge protection")
        if ("key_vault_id" in encryption) != ("key_uri" in encryption):
            problems.append("encryption: key_vault_id and key_uri go together")
    if args.get("allowed_ip_ranges") and args.get("public_network_access") != "Enabled":
        problems.append("allowed_ip_ranges needs public_network_access 'Enabled'")
    endpoints = args.get("private_endpoints")
    if endpoints is not None and ("subnet_id" in endpoints) == ("virtual_network" in endpoints):
        problems.append("private_endpoints needs exactly one of subnet_id, virtual_network")
    for ip in args.get("allowed_ip_ranges", []):
        try:
            parse_allowed_ip(ip)
        except ValueError as error:
            problems.append(str(error))
    if problems:
        raise ComponentArgsError(f"Hub '{name}': " + "; ".join(problems))
