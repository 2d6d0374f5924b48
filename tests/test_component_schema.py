"""The components can be offered to other Pulumi languages: Pulumi's own schema analyzer infers
their inputs and outputs from the TypedDict args and annotated outputs."""

from __future__ import annotations

import pytest
from aml_landing_zone import ComponentArgsError, Hub, ProjectWorkspace
from aml_landing_zone.hub import HUB_TYPE
from aml_landing_zone.project import PROJECT_TYPE
from pulumi.provider.experimental.analyzer import Analyzer


@pytest.fixture(scope="module")
def schema():
    return Analyzer("amllz").analyze([Hub, ProjectWorkspace])


def test_component_tokens_match_what_the_components_register(schema) -> None:
    assert sorted(schema["component_definitions"]) == ["Hub", "ProjectWorkspace"]
    assert (HUB_TYPE, PROJECT_TYPE) == ("amllz:index:Hub", "amllz:index:ProjectWorkspace")


def test_hub_schema_requires_only_naming_parts(schema) -> None:
    hub = schema["component_definitions"]["Hub"]
    assert sorted(k for k, v in hub.inputs.items() if not v.optional) == [
        "environment",
        "location",
        "organization",
    ]
    assert {"privateEndpoints", "managedNetwork", "encryption", "identity"} <= set(hub.inputs)
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
        "PrivateEndpointsArgs",
        "EncryptionArgs",
        "ProjectMemberArgs",
    } <= set(schema["type_definitions"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"identity": "Managed"}, "identity must be one of SystemAssigned, UserAssigned"),
        ({"public_network_access": "On"}, "public_network_access must be one of Enabled, Disabled"),
        (
            {"managed_network": {"outbound_rules": {"x": {"type": "Http"}}}},
            "outbound rule 'x': type must be one of",
        ),
    ],
)
def test_values_a_schema_cannot_enumerate_are_checked_at_construction(args, message) -> None:
    base = {"organization": "contoso", "environment": "dev", "location": "westeurope"}
    with pytest.raises(ComponentArgsError, match=message):
        Hub("hub", {**base, **args})  # type: ignore[typeddict-item]
