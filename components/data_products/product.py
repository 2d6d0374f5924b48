"""What every piece of one data product is built from: the product and its identity, and the
workspace its datastores, connections and computes attach to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import managedidentity, resources

from ..blocks.rbac import Grant, unique_grants
from ..naming import Naming
from ..roles import DATA_PRODUCT_ROLES
from .config import DataLandingZoneMLSpec, DataProductSettings


@dataclass(frozen=True)
class Product:
    """One product of a DataLandingZoneML (``component``): its settings and the component's,
    the Pulumi name prefix of its resources, its own names (``Naming.for_product``) and the
    zone's, its tags, its resource group and the identity its workspace and computes run as."""

    component: pulumi.Resource
    spec: DataLandingZoneMLSpec
    settings: DataProductSettings
    prefix: str
    naming: Naming
    zone_naming: Naming
    tags: dict[str, str]
    tenant_id: pulumi.Input[str]
    resource_group: resources.ResourceGroup
    identity: managedidentity.UserAssignedIdentity

    @property
    def identity_key(self) -> str:
        """A stable stand-in for the identity's principal id (role assignment names)."""
        return self.naming.identity("ws")

    @property
    def workspace_name(self) -> str:
        return product_workspace_name(self.zone_naming, self.settings.name, self.settings.kind)

    def member_grants(self) -> list[Grant]:
        """Each group's workspace roles (``roles.DATA_PRODUCT_ROLES``)."""
        return unique_grants(
            [
                Grant(group, role)
                for team_role, group in self.settings.groups
                if group is not None
                for role in DATA_PRODUCT_ROLES[team_role]
            ]
        )


@dataclass(frozen=True)
class ProductWorkspace:
    """What a product's datastores, connections and computes attach to."""

    name: pulumi.Input[str]
    id: pulumi.Input[str]
    resource_group_name: pulumi.Input[str]
    # what computes must wait for: the workspace's private endpoint (or the hub's, for a
    # project), without which a compute with no public IP fails
    endpoints: Sequence[pulumi.Resource]
    # a Default workspace's own container registry (a project uses the hub's: None), which
    # the inference cluster's kubelet identity pulls from
    registry_id: pulumi.Input[str] | None = None


def product_workspace_name(naming: Naming, key: str, kind: str) -> str:
    """A product's workspace: its own Default workspace, or a project under the hub (named
    as the hub's projects are)."""
    if kind == "project":
        return naming.project(key)
    return naming.for_product(key).data_product_workspace()
