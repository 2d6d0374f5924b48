"""Rules that hold for every resource of the landing zone: regions, tags, RBAC, protection."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from aml_landing_zone.arm import segment
from aml_landing_zone.policies.rules.common import (
    ANY_TYPE,
    MANDATORY,
    Config,
    Finding,
    Stack,
    args_policy,
    get,
    identity,
    iin,
    reads,
    resource_policy,
    show,
    stack_policy,
    string_list,
    text,
)
from aml_landing_zone.resource_types import (
    MANAGEMENT_LOCK,
    RESOURCE_GROUP,
    ROLE_ASSIGNMENT,
    stateful_types,
    taggable_types,
)
from aml_landing_zone.roles import PRIVILEGED_ROLES, PRIVILEGED_ROLES_RULE, role_guid
from pulumi_policy import PolicyResource, ResourceValidationArgs

AZURE_NATIVE = "azure-native:"

# The registry's lists (resource_types.py): a type the library creates joins them with its entry.
TAGGABLE_TYPES = taggable_types()
STATEFUL_TYPES = stateful_types()


def _region(value: str) -> str:
    """ARM accepts display names too: "West Europe" is "westeurope"."""
    return value.replace(" ", "").casefold()


def _allowed_locations(args: ResourceValidationArgs, config: Config) -> Iterator[str]:
    if not args.resource_type.startswith(AZURE_NATIVE):
        return
    location = get(args.props, "location")
    if text(location) is None:
        return  # azure-native puts the resource in its resource group's location
    allowed = {_region(r) for r in config["locations"]}
    if config["allowGlobal"]:
        allowed.add("global")
    if _region(location) not in allowed:
        yield f"location is {show(location)}; allowed: {', '.join(sorted(allowed))}."


def _required_tags(args: ResourceValidationArgs, config: Config) -> Iterator[str]:
    if not args.resource_type.startswith(AZURE_NATIVE):
        return
    tags = get(args.props, "tags")
    if tags is None and args.resource_type not in config["resourceTypes"]:
        return
    given = tags if isinstance(tags, Mapping) else {}
    present = {key.casefold() for key in given if text(given.get(key)) is not None}
    missing = [t for t in config["tags"] if t.casefold() not in present]
    if missing:
        yield f"tags {', '.join(missing)} are missing or empty."


def _privileged_role(props: Any, config: Config) -> Iterator[str]:
    role = segment(get(props, "roleDefinitionId"), -1)
    if role is None or role.casefold() not in {r.casefold() for r in config["roleIds"]}:
        return
    principal_type = get(props, "principalType")
    effective = principal_type if principal_type is not None else "User"
    if iin(effective, config["principalTypes"]):
        yield (
            f"it grants role {role} to a {effective} "
            f"(principalType {show(principal_type)}, the SDK's default is User); "
            "grant privileged roles to service principals or through PIM."
        )


def _protect_check(stack: Stack, config: Config) -> Iterable[Finding]:
    for resource in stack.of_type(*config["resourceTypes"]):
        if not resource.opts.protect:
            yield Finding(
                resource.urn,
                f"{_kind(resource)} {resource.name} is not protected; set "
                "ResourceOptions(protect=True) so `pulumi destroy` cannot delete its data.",
            )


LOCK = MANAGEMENT_LOCK


def _lock_check(stack: Stack, config: Config) -> Iterable[Finding]:
    """Each stateful resource carries its own CanNotDelete lock; no lock sits on a group."""
    locks = [
        lock
        for lock in stack.of_type(LOCK)
        if iin(get(lock.props, "level"), ["CanNotDelete", "ReadOnly"])
    ]
    for group in stack.of_type(RESOURCE_GROUP):
        for lock in locks:
            if stack.refers(lock, "scope", group):
                yield Finding(
                    lock.urn,
                    f"lock {lock.name} is on resource group {group.name}; it also blocks "
                    "deleting the role assignments, diagnostic settings and private endpoints "
                    "in it, so a later update that replaces one fails. Lock each stateful "
                    "resource instead.",
                )
    for resource in stack.of_type(*config["resourceTypes"]):
        if not any(stack.refers(lock, "scope", resource) for lock in locks):
            yield Finding(
                resource.urn,
                f"{_kind(resource)} {resource.name} has no CanNotDelete lock of its own; "
                "Pulumi protect stops `pulumi destroy`, a lock stops the portal, the CLI and "
                "other pipelines (set protect in the stack config: the components add both).",
            )


def _kind(resource: PolicyResource) -> str:
    """``storage:StorageAccount`` from the type token (Workspace alone would be ambiguous)."""
    return resource.resource_type.split(":", 1)[-1]


LANDING_ZONE_POLICIES = [
    args_policy(
        "allowed-locations",
        "Resources must be deployed to the configured regions. Data residency, the landing "
        "zone's network and its DNS exist only there (built-in 'Allowed locations'); 'global' "
        "stays allowed for global resources such as private DNS zones.",
        _allowed_locations,
        MANDATORY,
        schema={
            "locations": string_list(
                "Regions resources may be deployed to.",
                ["westeurope", "northeurope", "swedencentral"],
            ),
            "allowGlobal": {
                "type": "boolean",
                "default": True,
                "description": "Allow location 'global' (private DNS zones, for instance).",
            },
        },
        reads=reads(ANY_TYPE, "location"),
    ),
    args_policy(
        "required-tags",
        "Taggable resources must carry the configured tags. Cost reports and ownership queries "
        "group by them (built-in 'Require a tag on resources'); tag names compare "
        "case-insensitively, as Azure does.",
        _required_tags,
        MANDATORY,
        schema={
            "tags": string_list(
                "Tag keys every taggable resource needs.", ["environment", "costCenter", "owner"]
            ),
            "resourceTypes": string_list(
                "Types that must carry tags even when they set none; any other azure-native "
                "resource that sets tags is checked too.",
                TAGGABLE_TYPES,
            ),
        },
        reads=reads(ANY_TYPE, "tags"),
    ),
    resource_policy(
        PRIVILEGED_ROLES_RULE,
        f"Role assignments must not grant {' or '.join(PRIVILEGED_ROLES)} to users or groups. "
        "Standing privileged access for people bypasses PIM and lets them grant themselves "
        "anything (CAF identity guidance; Microsoft Entra groups for data roles only). The "
        "stack config refuses these roles for project members up front.",
        [ROLE_ASSIGNMENT],
        _privileged_role,
        level=MANDATORY,
        schema={
            "roleIds": string_list(
                "Role definition GUIDs that must not go to people.",
                [role_guid(role) for role in PRIVILEGED_ROLES],
            ),
            "principalTypes": string_list(
                "Principal types that count as people.", ["User", "Group"]
            ),
        },
        reads=["roleDefinitionId", "principalType"],
    ),
    stack_policy(
        "prod-protect",
        "Stateful resources (workspaces, storage, key vaults, registries, Log Analytics) must "
        "be protected in production. Deleting them loses data, models and keys that no "
        "redeploy brings back; the preset enables this rule for production stacks only.",
        _protect_check,
        MANDATORY,
        schema={"resourceTypes": string_list("Types that hold state.", STATEFUL_TYPES)},
        reads=[],
    ),
    stack_policy(
        "prod-resource-locks",
        "Each stateful resource must carry its own CanNotDelete lock in production, and no "
        "lock may sit on a resource group. A group lock also blocks deleting the role "
        "assignments, diagnostic settings and private endpoints under it, so replacing one "
        "fails mid-deployment; the preset enables this rule for production stacks only.",
        _lock_check,
        MANDATORY,
        schema={"resourceTypes": string_list("Types that hold state.", STATEFUL_TYPES)},
        reads=[
            *reads(LOCK, "level", "scope"),
            # the locked types come from config: what refers() reads on any target, and the name
            # inputs of the default ones
            *reads(ANY_TYPE, "id", "name", "resourceGroupName"),
            *identity(RESOURCE_GROUP, *STATEFUL_TYPES),
        ],
    ),
]
