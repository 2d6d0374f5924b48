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
from aml_landing_zone.arm import subscription_of
from aml_landing_zone.offline.model import SECRET_SIG_KEY, SECRET_SIG_VALUE, UNKNOWN
from aml_landing_zone.offline.stack_references import read_stack_outputs
from aml_landing_zone.resource_types import (
    RESOURCE_TYPES,
    RG_ID,
    ResourceType,
)

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


def _generic_type(token: str, inputs: Mapping[str, Any]) -> ResourceType:
    """A plausible ARM shape for an azure-native type the registry does not know."""
    _, module, type_name = token.split(":", 2)
    namespace = "Microsoft." + module[:1].upper() + module[1:]
    collection = _lower_camel(type_name) + "s"
    base = RG_ID if _text(inputs.get("resourceGroupName")) else "/subscriptions/{subscriptionId}"
    name_input = _lower_camel(type_name) + "Name"
    return ResourceType(
        token,
        f"{namespace}/{collection}",
        f"{base}/providers/{namespace}/{collection}/{{{name_input}}}",
        name_input,
    )


def _type_of(token: str, inputs: Mapping[str, Any]) -> ResourceType:
    return RESOURCE_TYPES.get(token) or _generic_type(token, inputs)


def resolve_name(token: str, name: str, inputs: Mapping[str, Any]) -> str:
    """The Azure name of a resource: its name input, else what the provider would pick."""
    arm = _type_of(token, inputs)
    given = _text(inputs.get(arm.name_input))
    if given is not None:
        return given
    if arm.default_name is not None:
        return arm.default_name
    if arm.generated_name:  # the provider picks a fresh GUID; here one of the scope and name
        return deterministic_guid("roleAssignmentName", _text(inputs.get("scope")) or "", name)
    return name


def arm_id(
    token: str, name: str, inputs: Mapping[str, Any], subscription_id: str = SUBSCRIPTION_ID
) -> str:
    """The ARM resource id azure-native would report for these inputs."""
    arm = _type_of(token, inputs)
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


def _registry_regions(name: str, resource_id: str, state: dict[str, Any]) -> None:
    """What Azure reports per region once an ML registry exists: the storage account and
    container registry it created there (``armResourceId``, "populated once ... created"), in
    the managed resource group the registry's computed outputs name."""
    group_id = state["managedResourceGroup"]["resourceId"]
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


# What the registry's ``computed_by`` names: computations its templates cannot say.
COMPUTED_BY = {"registry_regions": _registry_regions}

_TEMPLATE_FIELD = re.compile(r"\{(\w+)(?::(\w+))?\}")


def _fill(template: str, key: str, context: Mapping[str, Any]) -> str:
    """A registry template (``resource_types.ResourceType.computed``) for the output ``key``."""

    def value(match: re.Match[str]) -> str:
        kind, label = match.group(1), match.group(2)
        resource_id = context["id"]
        if kind == "guid":
            return deterministic_guid(label or key, resource_id)
        if kind == "hex":
            return uuid.UUID(deterministic_guid(label or key, resource_id)).hex
        if kind == "input":
            return _text(context["state"].get(label)) or f"unknown-{label}"
        if kind == "output":
            return str(_plain(_get(context["state"], label)))
        return str(context[kind])

    return _TEMPLATE_FIELD.sub(value, template)


def _get(state: Mapping[str, Any], path: str) -> Any:
    node: Any = state
    for part in path.split("."):
        node = _plain(node).get(part) if isinstance(_plain(node), Mapping) else None
    return node


def computed_outputs(token: str, name: str, resource_id: str, state: dict[str, Any]) -> None:
    """Add the outputs Azure computes for this resource (its registry entry's ``computed``) and
    the ids of its managed identities; outputs the inputs already carry are kept."""
    _identity_outputs(state, resource_id)
    entry = RESOURCE_TYPES.get(token)
    if entry is None:
        return
    context = {
        "id": resource_id,
        "state": state,
        "name": name,
        "name_lower": name.lower(),
        "location": _text(state.get("location")) or "westeurope",
        "subscription": subscription_of(resource_id),
        "tenant": TENANT_ID,
    }
    for path, template in entry.computed.items():
        _set_default(state, tuple(path.split(".")), _fill(template, path, context))
    if entry.computed_by is not None:
        COMPUTED_BY[entry.computed_by](name, resource_id, state)


STACK_REFERENCE = "pulumi:pulumi:StackReference"

# Whether an azure-native type the registry does not know fails the run. Off for users (a
# program may create any type; its id is then a plausible guess), on in the test suite
# (tests/conftest.py), so that a resource type the library starts to create cannot go
# unregistered: the policy pack, the reports and these mocks all read the registry.
REQUIRE_REGISTERED_TYPES = False


class UnregisteredTypeError(pulumi.RunError):
    """The program registered an azure-native type without an entry in the registry."""


def check_registered(token: str, name: str) -> None:
    """Refuse ``token`` unless the registry has it (only with ``REQUIRE_REGISTERED_TYPES``)."""
    if REQUIRE_REGISTERED_TYPES and token not in RESOURCE_TYPES:
        raise UnregisteredTypeError(
            f"{token} (resource '{name}') has no entry in the resource-type registry "
            "(components/resource_types.py): register it, as CONTRIBUTING.md shows"
        )


class AzureMocks(pulumi.runtime.Mocks):
    """Deterministic stand-in for the azure-native provider (and any other package).

    ``subscription_id`` is the stack's ``azure-native:subscriptionId`` when it sets one, as the
    provider would deploy there: getClientConfig and every id answer with it. A
    ``pulumi.StackReference`` is answered from the outputs committed under ``project_dir``
    (``stack_references``)."""

    def __init__(self, subscription_id: str | None = None, project_dir: Path | None = None) -> None:
        self.subscription_id = subscription_id or SUBSCRIPTION_ID
        self.project_dir = project_dir
        self.references: set[str] = set()  # the stacks whose committed outputs were read

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict]:
        """Echo the inputs back, plus the ``id``, ``name`` and computed outputs Azure returns."""
        state: dict[str, Any] = copy.deepcopy(dict(args.inputs))
        token = args.typ
        if token == STACK_REFERENCE:  # a read (ReadResource), whose id is the stack's name
            stack = str(args.resource_id or state["name"])
            outputs = read_stack_outputs(self.project_dir or Path.cwd(), stack)
            self.references.add(stack.rsplit("/", 1)[-1])
            return stack, {"name": stack, "outputs": outputs, "secretOutputNames": []}
        if not args.custom:
            return "", state  # component resources have no id and no provider state
        if token.startswith("azure-native:"):
            check_registered(token, args.name)
            name = resolve_name(token, args.name, state)
            resource_id = args.resource_id or arm_id(token, args.name, state, self.subscription_id)
            arm = _type_of(token, state)
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
