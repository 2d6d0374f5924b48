"""An Azure Machine Learning registry: where models, components and environments are promoted
between environments (seed 001, "Share assets: ... Azure Machine Learning registries").

Private like everything the hub owns: public network access off, reached through an
``amlregistry`` private endpoint in the hub's subnet, protected and locked where the hub is. Azure
creates the registry's storage account and container registry itself, in a managed resource
group, one per replicated region ("Manage Azure Machine Learning registries",
https://learn.microsoft.com/azure/machine-learning/how-to-manage-registries)."""

from collections.abc import Sequence
from typing import Any

import pulumi
from pulumi.output import UNKNOWN
from pulumi_azure_native import machinelearningservices

from ..blocks.hardening import Endpoint, ResourceContext, harden
from ..blocks.lifecycle import registered_lifecycle
from ..resource_types import ML_REGISTRY

# A private registry's system-created container registry needs Premium (private link);
# zone-redundant storage for the assets every environment depends on. Both are fixed when the
# registry is created. Replica regions can be added by an update, but removing one is its own
# action (REST "Registries - Remove Regions", POST .../removeRegions), never a PUT of a shorter
# regionDetails: https://learn.microsoft.com/rest/api/azureml/registries/remove-regions
_ACR_SKU = "Premium"
_STORAGE_TYPE = "Standard_ZRS"


def ml_registry(ctx: ResourceContext, regions: Sequence[str]) -> machinelearningservices.Registry:
    """The registry in ``ctx.location``, replicated to ``regions`` (the primary listed first,
    as Azure requires it among the region details)."""
    replicas = [ctx.location, *(r for r in regions if r != ctx.location)]
    name = ctx.names.ml_registry()
    registry = machinelearningservices.Registry(
        f"{ctx.prefix}-mlr",
        registry_name=name,
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        identity={"type": "SystemAssigned"},
        public_network_access="Disabled",
        region_details=[
            {
                "location": region,
                "acr_details": [{"system_created_acr_account": {"acr_account_sku": _ACR_SKU}}],
                "storage_account_details": [
                    {
                        "system_created_storage_account": {
                            "storage_account_type": _STORAGE_TYPE,
                            "storage_account_hns_enabled": False,
                            "allow_blob_public_access": False,
                        }
                    }
                ],
            }
            for region in replicas
        ],
        tags=ctx.interfaces.tags,
        opts=registered_lifecycle(
            pulumi.ResourceOptions(parent=ctx.parent, protect=ctx.protect), ML_REGISTRY
        ),
    )
    harden(
        ctx,
        key="mlr",
        azure_name=name,
        resource_id=registry.id,
        endpoints=[Endpoint("mlr", "amlregistry")],
    )
    return registry


def created_resource_ids(
    registry: machinelearningservices.Registry,
) -> tuple[pulumi.Output[str], pulumi.Output[str]]:
    """The storage account and container registry Azure created for the registry in its primary
    region (``armResourceId``, "populated once ... created"), which a workspace's network must
    reach besides the registry itself (``registry_access``)."""

    return (
        registry.region_details.apply(lambda details: created_id(details, "storage")),
        registry.region_details.apply(lambda details: created_id(details, "acr")),
    )


def created_id(details: Any, kind: str) -> Any:
    """The id of the storage account (``kind`` "storage") or registry ("acr") Azure created in
    the registry's primary region, or UNKNOWN where a preview cannot know it yet."""
    region = details[0]
    if kind == "storage":
        account = region.storage_account_details[0].system_created_storage_account
    else:
        account = region.acr_details[0].system_created_acr_account
    arm_id = account.arm_resource_id if account is not None else None
    if arm_id is None or not arm_id.resource_id:
        # A preview of a registry being created (or updated) answers the inputs' shape, which has
        # no id of what Azure creates: unknown, as the real engine showed (the offline mocks fill
        # it in). The SDK turns a value holding UNKNOWN into an unknown Output.
        return UNKNOWN
    return str(arm_id.resource_id)
