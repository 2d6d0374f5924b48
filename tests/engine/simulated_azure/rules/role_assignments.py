"""Role assignments (learn.microsoft.com/azure/role-based-access-control/troubleshooting).

- The principal must exist in the directory: ``PrincipalNotFound: Principal <id> does not exist in
  the directory <tenant>. Check that you have the correct principal ID. ...``. (Azure skips the
  lookup's replication wait when ``principalType`` is set, but a principal that never existed
  still fails; the simulator always checks.)
- One assignment per (principal, role, scope): ``RoleAssignmentExists: The role assignment
  already exists.`` (Azure-Samples/azure-search-openai-demo#1091, Azure/bicep#11367).
- Names are GUIDs: ``InvalidRoleAssignmentId: The role assignment ID '<name>' is not valid. The
  role assignment ID must be a GUID.`` (Azure/azure-rest-api-specs#1684, Azure/bicep#8737).
- Names are unique in the tenant ("You can't create two role assignments with the same name,
  even in different Azure subscriptions. You also can't change the properties of an existing
  role assignment."): reusing one at another scope, or changing principal, role or scope, is
  ``RoleAssignmentUpdateNotPermitted: Tenant ID, application ID, principal ID, and scope are not
  allowed to be updated.``
"""

from __future__ import annotations

import uuid

from ..arm_ids import resource_name
from ..errors import ArmError
from ..values import known_text
from .base import Op

_TOKEN = "azure-native:authorization:RoleAssignment"
_NOT_PERMITTED = ArmError(
    "RoleAssignmentUpdateNotPermitted",
    "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.",
    400,
)


def _norm(text: object) -> str:
    return str(text or "").lower().rstrip("/")


def _is_guid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return len(text) == 36


def before_create(op: Op) -> None:
    if op.token != _TOKEN:
        return
    name = resource_name(op.id)
    if not _is_guid(name):
        raise ArmError(
            "InvalidRoleAssignmentId",
            f"The role assignment ID '{name}' is not valid. The role assignment ID must be a GUID.",
            400,
        )
    principal = known_text(op.inputs.get("principalId")) or ""
    if not op.tx.principal_exists(principal):
        raise ArmError(
            "PrincipalNotFound",
            f"Principal {principal.replace('-', '')} does not exist in the directory {op.tenant}. "
            "Check that you have the correct principal ID. If you are creating this principal "
            "and then immediately assigning a role, this error might be related to a replication "
            "delay. In this case, set the role assignment principalType property to a value, "
            "such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype",
            400,
        )
    triple = (
        _norm(principal),
        _norm(op.inputs.get("roleDefinitionId")),
        _norm(op.inputs.get("scope")),
    )
    for other in op.tx.all(_TOKEN):
        if resource_name(other.id).lower() == name.lower():
            raise _NOT_PERMITTED  # the same name at another scope (same id: CanCreate)
        theirs = (
            _norm(other.inputs.get("principalId")),
            _norm(other.inputs.get("roleDefinitionId")),
            _norm(other.inputs.get("scope")),
        )
        if theirs == triple:
            raise ArmError("RoleAssignmentExists", "The role assignment already exists.", 409)


def before_update(op: Op) -> None:
    if op.token != _TOKEN or op.old is None:
        return
    for key in ("principalId", "roleDefinitionId", "scope"):
        if _norm(op.old.inputs.get(key)) != _norm(op.inputs.get(key)):
            raise _NOT_PERMITTED
