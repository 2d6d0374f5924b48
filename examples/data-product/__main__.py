"""A data landing zone's ML data product in the team's own Pulumi program.

``DataLandingZoneML`` is given only what the stack file's ``dataLandingZone`` and
``dataProducts`` sections require, plus the naming parts every stack has (organization,
environment, location, tags): the landing zone's spoke subnet, the platform's Azure Monitor
Private Link Scope (a Default product's Application Insights is private and joins it; no
program of a landing zone creates a second scope on the same DNS) and the products. The lake
and the group make the product useful; everything else takes the secure defaults (private
endpoints, no shared keys, identity-based datastores, a Log Analytics workspace of the
product's own since no central one is given)."""

import pulumi
from aml_landing_zone import DataLandingZoneML

DLZ = "/subscriptions/5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups"
SUBNET_ID = (
    f"{DLZ}/rg-dlz-network/providers/Microsoft.Network/virtualNetworks/vnet-dlz/subnets/snet-pe"
)
LAKE_ID = f"{DLZ}/rg-dlz-storage/providers/Microsoft.Storage/storageAccounts/stdlzraw"
PLATFORM = "/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-contoso-mgmt"
SCOPE_ID = f"{PLATFORM}/providers/Microsoft.Insights/privateLinkScopes/ampls-contoso"
DATA_SCIENTISTS = "1c8b4d2f-6e3a-4b9c-8d7e-2f3a4b5c6d7e"  # an Entra group object id

products = DataLandingZoneML(
    "dlz",
    {
        "organization": "contoso",
        "environment": "dev",
        "location": "westeurope",
        "tags": {"costCenter": "CC-1234", "owner": "ml-team@contoso.com"},
        "data_landing_zone": {
            "subnet_id": SUBNET_ID,
            "monitoring": {"private_link_scope_id": SCOPE_ID},
            "lakes": {"raw": {"storage_account_id": LAKE_ID, "file_systems": ["landing"]}},
        },
        "data_products": [
            {
                "name": "churn",
                "datastores": {"landing": {"lake": "raw", "file_system": "landing"}},
                "groups": {"data_scientist": DATA_SCIENTISTS},
            }
        ],
    },
)
pulumi.export("workspaceIds", products.workspace_ids)
pulumi.export("principalIds", products.principal_ids)
