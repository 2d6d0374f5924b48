"""The role-assignment block's own edges: the role definition id ARM reports back for a scope,
a grant whose principal is not known yet, a pause of zero, and the storage data roles a
workspace role implies."""

from __future__ import annotations

import asyncio

import pulumi
import pytest
from aml_landing_zone.blocks.rbac import Grant, role_definition_id, wait_for_propagation
from aml_landing_zone.roles import storage_data_roles

from tests.facts import ROLE_GUIDS, STORAGE_DATA_ROLES_OF, STORAGE_READ, STORAGE_WRITE

READER = ROLE_GUIDS["Reader"]


async def _resolved(scope: str, role: str) -> str:
    return await role_definition_id(scope, role).future()


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        # ARM reports an assignment's role under the scope's subscription
        (
            "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml",
            "/subscriptions/00000000-0000-0000-0000-000000000001"
            f"/providers/Microsoft.Authorization/roleDefinitions/{READER}",
        ),
        (
            "/SUBSCRIPTIONS/abc",
            f"/subscriptions/abc/providers/Microsoft.Authorization/roleDefinitions/{READER}",
        ),
        # a management group is in no subscription: the tenant-level id of the built-in role
        (
            "/providers/Microsoft.Management/managementGroups/mg-ml",
            f"/providers/Microsoft.Authorization/roleDefinitions/{READER}",
        ),
    ],
)
def test_the_role_definition_id_is_the_one_arm_reports_for_the_scope(
    scope: str, expected: str
) -> None:
    assert asyncio.run(_resolved(scope, "Reader")) == expected


async def _grant_key(principal_key: str | None) -> str:
    """The key of a grant whose principal id is an Output (an identity created in the run)."""
    return Grant(pulumi.Output.from_input("id"), "Reader", principal_key=principal_key).key


def test_a_grant_to_a_principal_not_known_yet_needs_a_stable_key() -> None:
    with pytest.raises(
        ValueError, match=r"^Grant needs principal_key when principal_id is not a plain string$"
    ):
        asyncio.run(_grant_key(None))
    assert asyncio.run(_grant_key("hub-id")) == "hub-id"


@pytest.mark.parametrize("duration", ["0s", "0m"])
def test_a_zero_pause_in_seconds_or_minutes_adds_no_resource(duration: str) -> None:
    grants = [object(), object()]  # no Sleep is registered, so none runs under an engine here
    assert wait_for_propagation("hub", grants, duration, parent=None) == grants  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("workspace_roles", "expected"),
    [
        *(([role], roles) for role, roles in STORAGE_DATA_ROLES_OF.items()),
        (["Reader", "AzureML Compute Operator"], STORAGE_READ),
        (["Reader", "AzureML Data Scientist"], STORAGE_WRITE),  # the widest wins
    ],
)
def test_the_storage_data_roles_a_member_gets(
    workspace_roles: list[str], expected: tuple[str, ...]
) -> None:
    assert storage_data_roles(workspace_roles) == expected
