"""The components can be offered to other Pulumi languages: Pulumi's own schema analyzer infers
their inputs and outputs from the TypedDict args and annotated outputs."""

from __future__ import annotations

import pytest
from aml_landing_zone import DataLandingZoneML, Hub, ProjectWorkspace
from aml_landing_zone.data_landing_zone import DATA_LANDING_ZONE_TYPE
from aml_landing_zone.hub import HUB_TYPE
from aml_landing_zone.project import PROJECT_TYPE
from pulumi.provider.experimental.analyzer import Analyzer


@pytest.fixture(scope="module")
def schema():
    return Analyzer("amllz").analyze([Hub, ProjectWorkspace, DataLandingZoneML])


def test_component_tokens_match_what_the_components_register(schema) -> None:
    assert sorted(schema["component_definitions"]) == [
        "DataLandingZoneML",
        "Hub",
        "ProjectWorkspace",
    ]
    assert (HUB_TYPE, PROJECT_TYPE) == ("amllz:index:Hub", "amllz:index:ProjectWorkspace")
    assert DATA_LANDING_ZONE_TYPE == "amllz:index:DataLandingZoneML"


def test_data_landing_zone_schema_takes_the_zone_and_its_products(schema) -> None:
    dlz = schema["component_definitions"]["DataLandingZoneML"]
    assert sorted(k for k, v in dlz.inputs.items() if not v.optional) == [
        "dataLandingZone",
        "dataProducts",
        "environment",
        "location",
        "organization",
        "tags",
    ]
    assert sorted(dlz.outputs) == ["identityIds", "resourceGroupNames", "workspaceIds"]
    assert {"DataProductArgs", "DatastoreArgs", "ComputeClusterArgs", "AksAttachArgs"} <= set(
        schema["type_definitions"]
    )


def test_hub_schema_requires_only_naming_parts_and_cost_tags(schema) -> None:
    hub = schema["component_definitions"]["Hub"]
    assert sorted(k for k, v in hub.inputs.items() if not v.optional) == [
        "environment",
        "location",
        "organization",
        "tags",
    ]
    assert {"network", "managedNetwork", "encryption", "identity"} <= set(hub.inputs)
    assert {"hubId", "principalId", "projectResourceGroupName", "logAnalyticsWorkspaceId"} <= set(
        hub.outputs
    )


def test_project_schema_takes_a_hub_id_and_no_hub_owned_settings(schema) -> None:
    project = schema["component_definitions"]["ProjectWorkspace"]
    required = sorted(k for k, v in project.inputs.items() if not v.optional)
    assert required == ["hubResourceId", "location", "resourceGroupName", "workspaceName"]
    for hub_owned in ("publicNetworkAccess", "storageAccount", "keyVault", "managedNetwork"):
        assert hub_owned not in project.inputs
    assert sorted(project.outputs) == ["principalId", "workspaceId", "workspaceName"]


def test_nested_args_become_schema_types(schema) -> None:
    assert {
        "OutboundRuleArgs",
        "NetworkArgs",
        "EncryptionArgs",
        "ProjectMemberArgs",
    } <= set(schema["type_definitions"])


def test_enumerations_become_schema_enums(schema) -> None:
    types = schema["type_definitions"]
    for name, values in {
        "IdentityType": ["SystemAssigned", "UserAssigned"],
        "PublicNetworkAccess": ["Enabled", "Disabled"],
        "DnsMode": ["create", "existing", "none"],
    }.items():
        assert [member.value for member in types[name].enum] == values
