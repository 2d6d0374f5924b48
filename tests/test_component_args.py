"""A library user who never writes YAML gets the stack config's rules and messages: component
args are validated by the same models, and every problem names its arg path."""

from __future__ import annotations

import asyncio
from typing import Any

import pulumi
import pytest
from aml_landing_zone import ComponentArgsError, Hub, PersonalComputeInstance, ProjectWorkspace
from aml_landing_zone.computes.config import PersonalComputeInstanceSpec
from aml_landing_zone.config.args import validate_args
from aml_landing_zone.hub.config import HubSpec

SUBNET = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/"
    "Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe"
)
AMPLS = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mgmt/providers/"
    "Microsoft.Insights/privateLinkScopes/ampls-platform"
)
HUB: dict[str, Any] = {
    "organization": "contoso",
    "environment": "dev",
    "location": "westeurope",
    "tags": {"costCenter": "cc-1", "owner": "platform"},
    "network": {"subnet_id": SUBNET, "dns": {"mode": "none"}},
}
PROJECT: dict[str, Any] = {
    "hub_resource_id": "hub-id",
    "resource_group_name": "rg-projects",
    "location": "westeurope",
    "workspace_name": "proj-contoso-fraud-dev",
}


def hub_error(**changes: Any) -> str:
    with pytest.raises(ComponentArgsError) as error:
        Hub("hub", {**HUB, **changes})  # type: ignore[typeddict-item]
    return str(error.value)


def project_error(**changes: Any) -> str:
    with pytest.raises(ComponentArgsError) as error:
        ProjectWorkspace("p", {**PROJECT, **changes})  # type: ignore[typeddict-item]
    return str(error.value)


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        (
            {"storage_redundncy": "ZRS"},
            "storage_redundncy: unknown key; did you mean 'storage_redundancy'?",
        ),
        ({"identity": "Managed"}, "identity: "),
        ({"public_network_access": "On"}, "public_network_access: "),
        ({"location": "westeurop"}, "location: 'westeurop' is not an Azure region"),
        ({"storage_redundancy": "Premium_LRS"}, "storage_redundancy: "),
        ({"tags": {"owner": "platform"}}, "tags: missing required tag: costCenter"),
        (
            {"encryption": {"cosmos_db_principal_id": "6a5c6f84-8f6f-4fa4-9f27-4f6c2a3b1d7e"}},
            "identity: customer-managed keys (hub.encryption) need identity 'UserAssigned'",
        ),
        (
            {"allowed_ip_ranges": ["52.178.17.0/24"]},
            "allowed_ip_ranges: only used with publicNetworkAccess 'Enabled'",
        ),
        (
            {
                "network": {
                    "virtual_network": {
                        "address_space": "10.40.0.0/24",
                        "private_endpoint_subnet": "10.40.1.0/26",
                    }
                }
            },
            "network.virtual_network.private_endpoint_subnet: ",
        ),
        (
            {"network": {"subnet_id": SUBNET, "dns": {"mode": "existing"}}},
            "network.dns.zone_ids.privatelink.api.azureml.ms: missing",
        ),
        (
            {
                "managed_network": {
                    "isolation_mode": "AllowInternetOutbound",
                    "outbound_rules": {"pypi": {"type": "FQDN", "destination": "pypi.org"}},
                }
            },
            "managed_network.outbound_rules.pypi: FQDN rules need isolationMode",
        ),
        (
            {"managed_network": {"outbound_rules": {"x": {"type": "Http"}}}},
            "managed_network.outbound_rules.x.type: must be one of FQDN, PrivateEndpoint or "
            "ServiceTag (got 'Http')",
        ),
        ({"network": {}}, "network: privateEndpoints is true but no subnet is given"),
        (
            {
                "log_analytics_workspace_id": AMPLS.replace(
                    "Microsoft.Insights/privateLinkScopes/ampls-platform",
                    "Microsoft.OperationalInsights/workspaces/log-central",
                )
            },
            "monitoring.private_link_scope_id: missing: a central Log Analytics workspace",
        ),
    ],
)
def test_hub_args_errors_name_the_arg_path(changes: dict[str, Any], line: str) -> None:
    message = hub_error(**changes)
    assert message.startswith("Hub 'hub': invalid args (")
    assert f"\n  {line}" in message


def test_every_hub_args_problem_is_reported_at_once() -> None:
    message = hub_error(identity="Managed", location="westeurop", storage_redundancy="Premium_LRS")
    assert message.startswith("Hub 'hub': invalid args (3 problems):")
    for path in ("identity", "location", "storage_redundancy"):
        assert f"\n  {path}: " in message


def test_missing_required_hub_args_are_listed() -> None:
    with pytest.raises(ComponentArgsError) as error:
        Hub("hub", {"organization": "contoso"})  # type: ignore[typeddict-item]
    for path in ("environment", "location", "tags"):
        assert f"\n  {path}: required key is missing" in str(error.value)


def test_outputs_pass_where_an_id_may_come_from_another_resource() -> None:
    asyncio.set_event_loop(asyncio.new_event_loop())  # Outputs need one, as in a program
    subnet = pulumi.Output.from_input(SUBNET)
    logs = pulumi.Output.from_input("not-known-until-deployed")
    args = {**HUB, "network": {"subnet_id": subnet, "dns": {"mode": "none"}}}
    central = {"log_analytics_workspace_id": logs, "monitoring": {"private_link_scope_id": AMPLS}}
    spec = validate_args(HubSpec, {**args, **central}, "Hub 'hub'")
    assert spec.network.subnet_id is subnet
    assert spec.log_analytics_workspace_id is logs


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        ({"storage_account": "x"}, "storage_account: a hub setting"),
        ({"members": [{"principal_id": "g", "role": "Chief"}]}, "members[0].role: unknown role"),
        (
            {"members": [{"principal_id": "g", "role": "Reader", "principal_type": "Robot"}]},
            "members[0].principal_type: ",
        ),
        ({"workspace_name": "p"}, "workspace_name: 'p' is not a workspace name"),
        ({"hub_id": "x"}, "hub_id: unknown key; did you mean 'hub_resource_id'?"),
    ],
)
def test_project_args_errors_name_the_arg_path(changes: dict[str, Any], line: str) -> None:
    message = project_error(**changes)
    assert message.startswith("ProjectWorkspace 'p': invalid args (1 problem):\n")
    assert line.replace("(args): Value error, ", "") in message


INSTANCE: dict[str, Any] = {
    "workspace_name": "proj-contoso-fraud-dev",
    "resource_group_name": "rg-projects",
    "location": "westeurope",
    "compute_name": "ci-fraud-alice",
    "assigned_user": "1c8b4d2f-6e3a-4b9c-8d7e-2f3a4b5c6d7e",
}


def test_compute_instance_args_pass_with_the_data_products_defaults() -> None:
    spec = validate_args(PersonalComputeInstanceSpec, INSTANCE, "PersonalComputeInstance 'ci'")
    assert (spec.vm_size, spec.idle_time_before_shutdown) == ("Standard_DS11_v2", "PT60M")


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        ({"compute_name": "ci"}, "compute_name: the compute instance name 'ci' has 2 characters"),
        ({"assigned_user": "alice"}, "assigned_user: "),
        ({"idle_time_before_shutdown": "PT5M"}, "outside Azure's range of PT15M to P3D"),
        ({"enable_node_public_ip": True}, "enable_node_public_ip: unknown key"),
    ],
)
def test_compute_instance_args_errors_name_the_arg_path(changes: dict[str, Any], line: str) -> None:
    with pytest.raises(ComponentArgsError) as error:
        PersonalComputeInstance("ci", {**INSTANCE, **changes})  # type: ignore[typeddict-item]
    message = str(error.value)
    assert message.startswith("PersonalComputeInstance 'ci': invalid args (1 problem):\n")
    assert line in message
