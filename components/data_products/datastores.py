"""A data product's identity-based ADLS Gen2 datastores (no stored credential: the caller's or
the compute's identity reads the data), and the blob data role each needs on its file system for
the workspace identity and the product's groups (readers read), granted once per zone."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import machinelearningservices

from ..arm import resource_group_of, resource_name, subscription_of
from ..blocks.rbac import Grant, assign_roles, resource_name_of, unique_grants
from ..dns_zones import storage_suffix
from ..enums import PrincipalType
from ..roles import LAKE_DATA_ROLES, role_guid
from .config import DatastoreSettings, LakeSettings
from .product import Product, ProductWorkspace


@dataclass(frozen=True)
class LakeGrant:
    """A role a product needs on a lake's file system (``scope_key`` names it stably)."""

    scope_id: str
    scope_key: str
    grant: Grant


def datastores(product: Product, workspace: ProductWorkspace) -> list[LakeGrant]:
    """One datastore per configured key, and the lake roles they need (granted zone-wide by
    ``grant_lake_access``)."""
    lakes = product.spec.data_landing_zone.lakes
    access: dict[tuple[str, str], str] = {}
    for key, store in sorted(product.settings.datastores.items()):
        lake = lakes[store.lake]
        machinelearningservices.Datastore(
            f"{product.prefix}-ds-{key}",
            name=key,
            resource_group_name=workspace.resource_group_name,
            workspace_name=workspace.name,
            properties={
                "datastore_type": "AzureDataLakeGen2",
                "account_name": resource_name(lake.storage_account_id),
                "filesystem": store.file_system,
                "endpoint": storage_suffix(product.spec.location),
                "protocol": "https",
                "subscription_id": subscription_of(lake.storage_account_id),
                "resource_group": resource_group_of(lake.storage_account_id),
                # "Identity-based data access": credentialsType None stores nothing
                # https://learn.microsoft.com/azure/machine-learning/how-to-datastore
                "credentials": {"credentials_type": "None"},
                # the studio previews data with the workspace's user-assigned identity
                "service_data_access_auth_identity": "WorkspaceUserAssignedIdentity",
                "description": _description(store, lake, product.spec.location),
            },
            opts=pulumi.ResourceOptions(parent=product.component),
        )
        place = (store.lake, store.file_system)
        if access.get(place) != "write":  # two datastores on one file system: the wider
            access[place] = store.access
    return _lake_needs(product, access)


def _lake_needs(product: Product, access: dict[tuple[str, str], str]) -> list[LakeGrant]:
    """The role on each file system (lake, file system) -> access level asks for."""
    lakes = product.spec.data_landing_zone.lakes
    needs = []
    for (lake_key, file_system), level in sorted(access.items()):
        grants = [
            Grant(
                product.identity.principal_id,
                LAKE_DATA_ROLES[level],
                PrincipalType.SERVICE_PRINCIPAL,
                principal_key=product.identity_key,
            )
        ]
        grants += [
            Grant(group, LAKE_DATA_ROLES["read" if team_role == "reader" else level])
            for team_role, group in product.settings.groups
            if group is not None
        ]
        scope_id = _file_system_id(lakes[lake_key], file_system)
        needs += [
            LakeGrant(scope_id, f"{lake_key}/{file_system}", grant)
            for grant in unique_grants(grants)
        ]
    return needs


def grant_lake_access(parent: pulumi.Resource, needs: list[tuple[str, list[LakeGrant]]]) -> None:
    """Each (file system, principal, role) granted once across the zone, whatever number of
    products share a group and a file system: ARM refuses a second assignment of a role to a
    principal on a scope under another name (RoleAssignmentExists;
    https://learn.microsoft.com/azure/role-based-access-control/troubleshooting,
    github.com/Azure/bicep/discussions/19690), and one name on one scope is one assignment.
    ``needs``: (product prefix, its grants) in key order. The first product holds a grant under
    its own name; the others' names are aliases, so it outlives the removal of its holder."""
    holders: dict[tuple[str, str, str], list[tuple[str, LakeGrant]]] = {}
    for prefix, grants in needs:
        for need in grants:
            key = (need.scope_id.lower(), need.grant.key, role_guid(need.grant.role))
            holders.setdefault(key, []).append((f"{prefix}-lake", need))
    for (prefix, need), *others in holders.values():
        assign_roles(
            prefix,
            need.scope_id,
            need.scope_key,
            [need.grant],
            parent=parent,
            former_names=[resource_name_of(p, o.scope_key, o.grant) for p, o in others],
        )


def _description(store: DatastoreSettings, lake: LakeSettings, location: str) -> str:
    """What the studio shows: the lake, file system and access, and the lake's region when the
    storage is attached from another region than the workspace's."""
    away = f", in {lake.location}" if lake.location not in (None, location) else ""
    return f"{store.lake}/{store.file_system} ({store.access}{away})"


def _file_system_id(lake: LakeSettings, file_system: str) -> str:
    """The narrowest scope of a datastore's role: its file system (blob container)."""
    return f"{lake.storage_account_id}/blobServices/default/containers/{file_system}"
