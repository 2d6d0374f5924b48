"""What each resource leaves to Azure after creation, and what replaces it: one place to review.

Two Pulumi options, both property paths on the resource's inputs (camelCase, as the engine gets
them; syntax: https://www.pulumi.com/docs/iac/concepts/miscellaneous/property-paths/):

* ``ignore_changes``: after creation the engine keeps the state's value at the path
  (``processIgnoreChanges`` in pulumi/pulumi pkg/resource/deploy/step_generator.go). Only where
  Azure owns a value after creation; never on a setting the policy pack reads (tests hold that:
  analyzers judge the inputs *after* ignoreChanges, so an ignore there would hide a violation).
  Why they are needed at all: on ``pulumi refresh`` azure-native diffs the old and new outputs and
  copies what changed into the state's inputs (``Read`` in pulumi-azure-native
  provider/pkg/provider/provider.go), so a value Azure changes on its own becomes a diff against
  the program on every ``preview --refresh`` (pulumi-azure-native #3220, #3225).
* ``replace_on_changes``: a change at the path turns the update into a replacement. Only for
  settings Azure fixes at creation that azure-native does not mark force-new itself (its list:
  provider/pkg/gen/replacement.go plus ``x-ms-mutability``); otherwise the preview shows an update
  that ARM rejects halfway through ``pulumi up``. With ``protect`` (prod) the engine refuses the
  replacement and says so ("unable to replace resource ... marked for protection"). Unprotected,
  the replacement is create-before-delete under the same name, which azure-native's Create refuses
  up front ("cannot create already existing resource": ``CanCreate`` in provider.go) before
  anything is deleted; ``delete_before_replace`` is left off on purpose for what keeps data,
  since a soft-deleted vault or workspace keeps its name and the re-create would fail after the
  delete. A real replacement takes new names (the name seed) or a deliberate delete and purge:
  see the README. Computes and alert rules, which keep nothing and are not soft-deleted, are
  deleted first instead (``delete_before_replace``), so their replacement goes through.

Paths into a map use the quoted key (``outboundRules["pypi"]``): a ``["*"]`` wildcard only resets
when the state and the program have the same keys (``PropertyPath.reset`` in
sdk/go/common/resource/properties_path.go), which stops holding once Azure adds its own rules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

import pulumi

if TYPE_CHECKING:
    from ..config.managed_network import ManagedNetworkSettings

# --- Azure Machine Learning workspaces ------------------------------------------------------

# Every workspace goes through blocks/ml_workspace.py, which asks ``workspace_lifecycle`` for the
# options of its kind: a hub and a Default workspace own the same things (associated resources,
# a managed network), a project owns neither.
WorkspaceKind = Literal["Hub", "Default", "Project"]

# Fixed at creation: REST "Workspaces - Update" takes none of them, and Create Or Update says of
# storageAccount and keyVault "This cannot be changed once the workspace has been created".
# Not containerRegistry or applicationInsights: Workspaces - Update accepts both.
# https://learn.microsoft.com/rest/api/azureml/workspaces/update
WORKSPACE_REPLACE_ON_CHANGES: tuple[str, ...] = (
    "kind",  # Hub / Project / Default is what the workspace is
    "storageAccount",
    "keyVault",
    "hbiWorkspace",  # HBI can only be set when the workspace is created (ws-hbi)
    # The key may move to another key or version in the same vault (the update body's encryption
    # carries keyVaultProperties.keyIdentifier only); the vault may not.
    "encryption.keyVaultProperties.keyVaultArmId",
)
PROJECT_REPLACE_ON_CHANGES: tuple[str, ...] = (
    "kind",
    "hubResourceId",  # a project belongs to one hub for life
    "hbiWorkspace",
)

# Azure moves the managed network's provisioning status (Inactive -> Active, sparkReady) itself
# once the network is provisioned; the landing zone never sets it (#3225 shows ~managedNetwork).
MANAGED_NETWORK_STATUS = "managedNetwork.status"


def outbound_rule_status_paths(rule_names: Iterable[str]) -> list[str]:
    """Each configured rule's ``status``: Azure sets it (Inactive -> Active) when it provisions
    the rule. Named per rule, not ``["*"]``: see the module docstring."""
    return [f'managedNetwork.outboundRules["{name}"].status' for name in sorted(rule_names)]


# A project sets no managed network (it inherits the hub's) but may report the hub's, status and
# rules included, which then changes with the hub. The whole key: a path below it cannot be reset
# while the program sends no managedNetwork at all (PropertyPath.reset fails on the missing parent).
PROJECT_IGNORE_CHANGES: tuple[str, ...] = ("managedNetwork",)


def workspace_lifecycle(
    kind: WorkspaceKind, network: ManagedNetworkSettings | None, extra_rules: Iterable[str] = ()
) -> tuple[list[str], list[str]]:
    """(ignoreChanges, replaceOnChanges) of a workspace of ``kind``: a project ignores the
    network it echoes from its hub; a hub or Default workspace ignores the statuses Azure gives
    its own network and each of its rules (``extra_rules``: names of rules added beside the
    configured ones)."""
    if kind == "Project":
        return list(PROJECT_IGNORE_CHANGES), list(PROJECT_REPLACE_ON_CHANGES)
    rules = [*(network.outbound_rules if network is not None else {}), *extra_rules]
    ignore = [MANAGED_NETWORK_STATUS, *outbound_rule_status_paths(rules)]
    return ignore, list(WORKSPACE_REPLACE_ON_CHANGES)


# --- Azure Machine Learning computes ---------------------------------------------------------

# Azure ML does not apply a PUT to an existing compute: a resize is its own action
# (Compute - Resize), idle shutdown too (Compute - Update Idle Shutdown Setting), clusters take
# scale settings by PATCH (Compute - Update), and a PUT of other settings returns success without
# applying them (Azure/bicep#17617; a cluster re-created under its name kept its old size,
# azure-rest-api-specs#18889), so the state would record a value Azure never took. The settings
# fixed when the VM or its nodes are made replace the compute instead. The compute keeps its
# name, so the old one is deleted first (``deleteBeforeReplace``: create-before-delete would
# fail on "already existing"); a compute is not soft-deleted, and nothing on it outlives it but
# the instance's disk (notebooks live on the workspace's file share).
# https://learn.microsoft.com/rest/api/azureml/compute
_COMPUTE_INNER = "properties.properties"
COMPUTE_INSTANCE_REPLACE_ON_CHANGES: tuple[str, ...] = (
    f"{_COMPUTE_INNER}.vmSize",
    f"{_COMPUTE_INNER}.subnet",
    f"{_COMPUTE_INNER}.enableNodePublicIp",
    f"{_COMPUTE_INNER}.personalComputeInstanceSettings",  # whose instance it is
)
# An attached cluster: another cluster or namespace is another attachment (detach, attach).
KUBERNETES_ATTACH_REPLACE_ON_CHANGES: tuple[str, ...] = (
    "properties.resourceId",
    f"{_COMPUTE_INNER}.namespace",
)
COMPUTE_CLUSTER_REPLACE_ON_CHANGES: tuple[str, ...] = (
    f"{_COMPUTE_INNER}.vmSize",
    f"{_COMPUTE_INNER}.vmPriority",
    f"{_COMPUTE_INNER}.subnet",
    f"{_COMPUTE_INNER}.enableNodePublicIp",
)

# --- Azure Monitor --------------------------------------------------------------------------

# "Scope can not be updated": ARM refuses a new scope on an existing log search alert, which
# azure-native previews as an update (pulumi-azure-native#4839; terraform-provider-azurerm made
# it force-new, PR 24327). The rule keeps its name, so it is deleted first; an alert rule holds
# no data.
SCHEDULED_QUERY_RULE_REPLACE_ON_CHANGES: tuple[str, ...] = ("scopes",)

# --- Key Vault ------------------------------------------------------------------------------

# 7-90 days, fixed when the vault is created.
# https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
VAULT_REPLACE_ON_CHANGES: tuple[str, ...] = ("properties.softDeleteRetentionInDays",)

# The attributes (expiry above all) belong to the key's current version: every rotation makes a
# new version with its own, and the ARM call behind keyvault.Key "does not create subsequent
# versions, and does not update existing keys" (Keys - Create If Not Exist), so no update could
# ever apply. https://learn.microsoft.com/rest/api/keyvault/keyvault/keys/create-if-not-exist
KEY_IGNORE_CHANGES: tuple[str, ...] = ("properties.attributes",)

# --- Container registry ---------------------------------------------------------------------

# Chosen at creation only; Azure now makes registries in zone regions zone-redundant by default
# and says the reported property may lag ("zoneRedundancy ... may still show as false"), so the
# value it reports later is its own. https://learn.microsoft.com/azure/container-registry/zone-redundancy
REGISTRY_IGNORE_CHANGES: tuple[str, ...] = ("zoneRedundancy",)

# --- Azure Machine Learning registry ------------------------------------------------------

# Azure lists the registry's private endpoint connections in this input once an endpoint (the
# hub's amlregistry endpoint, another hub's managed-network rule) connects; a refresh copies
# them into the state and the next update would send the program's (none) back. They are the
# endpoints' to manage. (REST Registry: "Private endpoint connections info used for pending
# connections in private link portal".)
# https://learn.microsoft.com/rest/api/azureml/registries/create-or-update
ML_REGISTRY_IGNORE_CHANGES: tuple[str, ...] = ("registryPrivateEndpointConnections",)

# --- Private endpoints ----------------------------------------------------------------------

# The NIC is created with the endpoint and keeps its name (azure-native marks only the subnet
# force-new: replacement.go, pulumi-azure-native #3883).
PRIVATE_ENDPOINT_REPLACE_ON_CHANGES: tuple[str, ...] = ("customNetworkInterfaceName",)

# Azure fills customDnsConfigs (FQDN -> IP) itself and clears it once a DNS zone group holds the
# records; the landing zone never sets it.
PRIVATE_ENDPOINT_IGNORE_CHANGES: tuple[str, ...] = ("customDnsConfigs",)

# --- Storage --------------------------------------------------------------------------------

# Azure Machine Learning writes the CORS rules its studio needs (ml.azure.com, ai.azure.com, ...)
# onto the default storage's blob service when it attaches the account; they are the service's.
BLOB_SERVICE_IGNORE_CHANGES: tuple[str, ...] = ("cors",)


# --- Cost budgets ---------------------------------------------------------------------------

# A budget is created starting on the first of its creation month (or a configured date) and
# Azure refuses any later change of it ("Start date of budgets cannot be updated"): the state's
# date is kept, so a preview next month, or a new configured date, changes no existing budget
# (components/budget_dates.py).
BUDGET_IGNORE_CHANGES: tuple[str, ...] = ("timePeriod.startDate",)


def lifecycle(
    opts: pulumi.ResourceOptions | None,
    *,
    ignore_changes: Sequence[str] = (),
    replace_on_changes: Sequence[str] = (),
    delete_before_replace: bool = False,
) -> pulumi.ResourceOptions:
    """``opts`` plus the options (left unset when empty, as the engine then gets nothing).
    ``delete_before_replace`` only where a replacement keeps the resource's name and nothing of
    value goes with the old one (computes, alert rules): see the module docstring."""
    return pulumi.ResourceOptions.merge(
        opts,
        pulumi.ResourceOptions(
            ignore_changes=list(ignore_changes) or None,
            replace_on_changes=list(replace_on_changes) or None,
            delete_before_replace=delete_before_replace or None,
        ),
    )
