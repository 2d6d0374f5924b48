"""DataLandingZoneML takes what the stack file requires of its sections, nothing more: the
landing zone fills the central Log Analytics workspace from the hub, a program using the
component alone gives each Default product a workspace of its own (examples/data-product/
builds one), and only project products, whose diagnostics the hub's workspace takes, need it."""

from __future__ import annotations

from typing import Any

import pytest
from aml_landing_zone import DataLandingZoneArgs, DataLandingZoneMLArgs
from aml_landing_zone.config.args import validate_args
from aml_landing_zone.data_products.config import DataLandingZoneMLSpec, DataLandingZoneSettings
from aml_landing_zone.errors import ComponentArgsError

RG = "/subscriptions/5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-dlz"
SUBNET = f"{RG}/providers/Microsoft.Network/virtualNetworks/vnet-dlz/subnets/snet-pe"
HUB = f"{RG}/providers/Microsoft.MachineLearningServices/workspaces/hub-contoso-ml-dev"
# the platform's scope, which a Default product's private Application Insights joins
SCOPE = f"{RG}/providers/Microsoft.Insights/privateLinkScopes/ampls-contoso"
MINIMAL: dict[str, Any] = {
    "organization": "contoso",
    "environment": "dev",
    "location": "westeurope",
    "tags": {"costCenter": "CC-1234", "owner": "ml-team@contoso.com"},
    "data_landing_zone": {"subnet_id": SUBNET, "monitoring": {"private_link_scope_id": SCOPE}},
    "data_products": [{"name": "churn"}],
}


def test_required_args_are_the_stack_files_required_keys() -> None:
    # dataLandingZone needs subnetId alone in Pulumi.<stack>.yaml (docs/data-products.md);
    # the naming parts come from the shared definition there.
    assert DataLandingZoneArgs.__required_keys__ == {"subnet_id"}
    assert {
        name for name, field in DataLandingZoneSettings.model_fields.items() if field.is_required()
    } == {"subnet_id"}
    assert DataLandingZoneMLArgs.__required_keys__ == {
        "organization",
        "environment",
        "location",
        "tags",
        "data_landing_zone",
        "data_products",
    }


def test_a_default_product_needs_no_central_log_analytics_workspace() -> None:
    spec = validate_args(DataLandingZoneMLSpec, MINIMAL, "DataLandingZoneML 'dlz'")
    assert spec.data_landing_zone.log_analytics_workspace_id is None


def test_a_project_product_needs_the_hubs_log_analytics_workspace() -> None:
    args = {
        **MINIMAL,
        "hub_resource_id": HUB,
        "data_products": [{"name": "churn", "kind": "project"}],
    }
    with pytest.raises(ComponentArgsError) as caught:
        validate_args(DataLandingZoneMLSpec, args, "DataLandingZoneML 'dlz'")
    assert str(caught.value).splitlines()[1:] == [
        "  data_landing_zone.log_analytics_workspace_id: required with kind project products: "
        "the Log Analytics workspace their diagnostics go to, the hub's "
        "(Hub.log_analytics_workspace_id) or a central one (a Default product without it keeps "
        "a workspace of its own) [LZ-CFG-002]"
    ]
