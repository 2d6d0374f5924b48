"""Mock provider answers for the offline engine.

Under Pulumi's mock runtime no provider runs, so every output a component reads (an ARM id, a
managed identity's principal id, a vault URI) must come from here. The answers are realistic enough
that code consuming them behaves as against Azure (ids parse, role-assignment scopes nest) and fully
deterministic (uuid5 of the ARM id, never random, never time) so two runs give identical plans.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pulumi
from aml_landing_zone.arm_types import ARM_TYPES, RG_ID, ArmType
from aml_landing_zone.offline.model import SECRET_SIG_KEY, SECRET_SIG_VALUE, UNKNOWN
from aml_landing_zone.offline.stack_outputs import read_stack_outputs

SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000"
TENANT_ID = "11111111-1111-1111-1111-111111111111"
CLIENT_ID = "22222222-2222-2222-2222-222222222222"
OBJECT_ID = "33333333-3333-3333-3333-333333333333"

# Fixed namespace for every derived GUID: changing it would change every plan.
_UUID_NAMESPACE = uuid.UUID("6f1c9e0a-4b5d-5e8f-9a7b-0c1d2e3f4a5b")

CLIENT_CONFIG: dict[str, str] = {
    "clientId": CLIENT_ID,
    "objectId": OBJECT_ID,
    "subscriptionId": SUBSCRIPTION_ID,
    "tenantId": TENANT_ID,
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def deterministic_guid(*parts: str) -> str:
    """A GUID that depends only on ``parts``: stands in for every server-generated GUID."""
    return str(uuid.uuid5(_UUID_NAMESPACE, "\n".join(parts)))


def principal_id_for(resource_id: str) -> str:
    """The object id of the identity attached to (or being) ``resource_id``."""
    return deterministic_guid("principalId", resource_id)


def client_id_for(resource_id: str) -> str:
    """The application (client) id of the user-assigned identity ``resource_id``."""
    return deterministic_guid("clientId", resource_id)


def _plain(value: Any) -> Any:
    """Unwrap a deserialized secret so ids can be built from its value."""
    if isinstance(value, Mapping) and value.get(SECRET_SIG_KEY) == SECRET_SIG_VALUE:
        return _plain(value.get("value"))
    return value


def _text(value: Any) -> str | None:
    """A usable string input, or None when absent, unknown or not a string."""
    value = _plain(value)
    if isinstance(value, str) and value and value != UNKNOWN:
        return value
    return None


def _lower_camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _generic_arm_type(token: str, inputs: Mapping[str, Any]) -> ArmType:
    """A plausible ARM shape for an azure-native type not in the table."""
    _, module, type_name = token.split(":", 2)
    namespace = "Microsoft." + module[:1].upper() + module[1:]
    collection = _lower_camel(type_name) + "s"
    base = RG_ID if _text(inputs.get("resourceGroupName")) else "/subscriptions/{subscriptionId}"
    name_input = _lower_camel(type_name) + "Name"
    return ArmType(
        f"{namespace}/{collection}",
        f"{base}/providers/{namespace}/{collection}/{{{name_input}}}",
        name_input,
    )


def resolve_name(token: str, name: str, inputs: Mapping[str, Any]) -> str:
    """The Azure name of a resource: its name input, else what the provider would pick."""
    arm = ARM_TYPES.get(token) or _generic_arm_type(token, inputs)
    given = _text(inputs.get(arm.name_input))
    if given is not None:
        return given
    if arm.default_name is not None:
        return arm.default_name
    if token == "azure-native:authorization:RoleAssignment":
        # The provider auto-names role assignments with a fresh GUID.
        return deterministic_guid("roleAssignmentName", _text(inputs.get("scope")) or "", name)
    return name


def arm_id(
    token: str, name: str, inputs: Mapping[str, Any], subscription_id: str = SUBSCRIPTION_ID
) -> str:
    """The ARM resource id azure-native would report for these inputs."""
    arm = ARM_TYPES.get(token) or _generic_arm_type(token, inputs)
    own_name = resolve_name(token, name, inputs)

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key == "subscriptionId":
            return subscription_id
        if key == arm.name_input:
            return own_name
        value = _text(inputs.get(key))
        if value is None:
            return "" if key == "parentResourcePath" else f"unknown-{key}"
        return value.rstrip("/")

    filled = _PLACEHOLDER.sub(fill, arm.template)
    # An empty optional segment (parentResourcePath) must not leave "//" behind.
    return "/" + "/".join(segment for segment in filled.split("/") if segment)


def _set_default(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Set a nested output unless the inputs already carry it."""
    node = target
    for key in path[:-1]:
        child = _plain(node.get(key))
        if not isinstance(child, dict):
            child = {}
        node[key] = child
        node = child
    node.setdefault(path[-1], value)


def _identity_outputs(state: dict[str, Any], resource_id: str) -> None:
    """Fill the ids Azure assigns to a resource's managed identities."""
    identity = _plain(state.get("identity"))
    if not isinstance(identity, dict):
        return
    identity_type = _text(identity.get("type")) or ""
    if "systemassigned" in identity_type.lower():
        identity.setdefault("principalId", principal_id_for(resource_id))
        identity.setdefault("tenantId", TENANT_ID)
    assigned = _plain(identity.get("userAssignedIdentities"))
    if isinstance(assigned, (list, dict)):
        ids = [i for i in (_text(v) for v in assigned) if i is not None]
        identity["userAssignedIdentities"] = {
            i: {"principalId": principal_id_for(i), "clientId": client_id_for(i)} for i in ids
        }
    state["identity"] = identity


def _registry_outputs(name: str, resource_id: str, state: dict[str, Any]) -> None:
    """What Azure reports once an ML registry exists: its managed resource group
    ``azureml-rg-<registry>_<GUID>`` ("How to find the Azure Storage Account and Azure Container
    Registry used by your registry") and, per region, the storage account and container registry
    it created there (``armResourceId``, "populated once ... created")."""
    subscription = resource_id.split("/")[2]
    group = f"azureml-rg-{name}_{deterministic_guid('managedResourceGroup', resource_id)}"
    group_id = f"/subscriptions/{subscription}/resourceGroups/{group}"
    state.setdefault("managedResourceGroup", {"resourceId": group_id})
    for region in _plain(state.get("regionDetails")) or []:
        location = _text(region.get("location")) or "unknown"
        suffix = uuid.UUID(deterministic_guid("registryRegion", resource_id, location)).hex[:10]
        for key, kind, path in (
            (
                "storageAccountDetails",
                "systemCreatedStorageAccount",
                "Microsoft.Storage/storageAccounts/st",
            ),
            ("acrDetails", "systemCreatedAcrAccount", "Microsoft.ContainerRegistry/registries/cr"),
        ):
            for detail in _plain(region.get(key)) or []:
                created = _plain(detail.get(kind))
                if isinstance(created, dict):
                    created.setdefault(
                        "armResourceId",
                        {"resourceId": f"{group_id}/providers/{path}{location[:8]}{suffix}"},
                    )


def computed_outputs(token: str, name: str, resource_id: str, state: dict[str, Any]) -> None:
    """Add the provider-computed outputs this product's components read."""
    _identity_outputs(state, resource_id)
    location = _text(state.get("location")) or "westeurope"
    if token == "azure-native:managedidentity:UserAssignedIdentity":
        state.setdefault("principalId", principal_id_for(resource_id))
        state.setdefault("clientId", client_id_for(resource_id))
        state.setdefault("tenantId", TENANT_ID)
    elif token == "azure-native:machinelearningservices:Workspace":
        state.setdefault("workspaceId", deterministic_guid("workspaceId", resource_id))
        state.setdefault("discoveryUrl", f"https://{location}.api.azureml.ms/discovery")
    elif token == "azure-native:storage:StorageAccount":
        endpoints = {
            kind: f"https://{name}.{kind}.core.windows.net/"
            for kind in ("blob", "dfs", "file", "queue", "table")
        }
        for kind, url in endpoints.items():
            _set_default(state, ("primaryEndpoints", kind), url)
    elif token == "azure-native:keyvault:Vault":
        _set_default(state, ("properties", "vaultUri"), f"https://{name}.vault.azure.net/")
    elif token == "azure-native:keyvault:Key":
        vault = _text(state.get("vaultName")) or "unknown-vaultName"
        key_uri = f"https://{vault}.vault.azure.net/keys/{name}"
        version = uuid.UUID(deterministic_guid("keyVersion", resource_id)).hex
        state.setdefault("keyUri", key_uri)
        state.setdefault("keyUriWithVersion", f"{key_uri}/{version}")
    elif token == "azure-native:containerregistry:Registry":
        state.setdefault("loginServer", f"{name.lower()}.azurecr.io")
    elif token == "azure-native:machinelearningservices:Registry":
        _registry_outputs(name, resource_id, state)
    elif token == "azure-native:operationalinsights:Workspace":
        state.setdefault("customerId", deterministic_guid("customerId", resource_id))
    elif token == "azure-native:applicationinsights:Component":
        key = deterministic_guid("instrumentationKey", resource_id)
        state.setdefault("instrumentationKey", key)
        state.setdefault("appId", deterministic_guid("appId", resource_id))
        state.setdefault(
            "connectionString",
            f"InstrumentationKey={key};"
            f"IngestionEndpoint=https://{location}-0.in.applicationinsights.azure.com/",
        )


STACK_REFERENCE = "pulumi:pulumi:StackReference"


class AzureMocks(pulumi.runtime.Mocks):
    """Deterministic stand-in for the azure-native provider (and any other package).

    ``subscription_id`` is the stack's ``azure-native:subscriptionId`` when it sets one, as the
    provider would deploy there: getClientConfig and every id answer with it. A
    ``pulumi.StackReference`` is answered from the outputs committed under ``project_dir``
    (``stack_outputs``)."""

    def __init__(self, subscription_id: str | None = None, project_dir: Path | None = None) -> None:
        self.subscription_id = subscription_id or SUBSCRIPTION_ID
        self.project_dir = project_dir

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict]:
        """Echo the inputs back, plus the ``id``, ``name`` and computed outputs Azure returns."""
        state: dict[str, Any] = copy.deepcopy(dict(args.inputs))
        token = args.typ
        if token == STACK_REFERENCE:  # a read (ReadResource), whose id is the stack's name
            stack = str(args.resource_id or state["name"])
            outputs = read_stack_outputs(self.project_dir or Path.cwd(), stack)
            return stack, {"name": stack, "outputs": outputs, "secretOutputNames": []}
        if not args.custom:
            return "", state  # component resources have no id and no provider state
        if token.startswith("azure-native:"):
            name = resolve_name(token, args.name, state)
            resource_id = args.resource_id or arm_id(token, args.name, state, self.subscription_id)
            arm = ARM_TYPES.get(token) or _generic_arm_type(token, state)
            state["name"] = name
            state.setdefault("type", arm.arm_type)
            computed_outputs(token, name, resource_id, state)
        else:
            resource_id = args.resource_id or deterministic_guid(token, args.name)
        state["id"] = resource_id
        return resource_id, state

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict, list[tuple[str, str]] | None]:
        """Answer the invokes the components make; everything else returns nothing."""
        if args.token == "azure-native:authorization:getClientConfig":
            return {**CLIENT_CONFIG, "subscriptionId": self.subscription_id}, []
        return {}, []
