"""Built-in Azure role definitions the landing zone assigns, by the names users write in config."""

from __future__ import annotations

from .arm import resource_name

BUILT_IN_ROLES: dict[str, str] = {
    "AzureML Data Scientist": "f6c7c914-8db3-469d-8ca1-694a8f32e121",
    "AzureML Compute Operator": "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815",
    "AzureML Registry User": "1823dd4f-9b8c-4ab6-ab4e-7397a3684615",
    "Azure AI Developer": "64702f94-c441-49e6-a78b-ef80e0188fee",
    "Azure AI Administrator": "b78c5d69-af96-48a3-bf8d-a8b4d589de94",
    "Azure AI Enterprise Network Connection Approver": "b556d68e-0be0-4f35-a333-ad7ee1ce17ea",
    "Reader": "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    "Contributor": "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "Owner": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "User Access Administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    "AcrPull": "7f951dda-4ed3-4680-a7ca-43fe172d538d",
    "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    "Storage Blob Data Reader": "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    "Storage File Data Privileged Contributor": "69566ab7-960f-475b-8e7c-b3118f30c6bd",
    "Storage File Data Privileged Reader": "b8eda974-7b85-4f76-af95-65846b26df6d",
    "Key Vault Administrator": "00482a5a-887f-4fb3-b363-3b7fe8e74483",
    "Key Vault Crypto Service Encryption User": "e147488a-f6f5-4113-8e2d-b22465e65bf6",
    "Key Vault Crypto Officer": "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
    "Kubernetes Extension Contributor": "85cb6faf-e071-4c9b-8136-154b5a04f717",
    "Azure Kubernetes Service Cluster Admin Role": "0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8",
    "Azure Kubernetes Service Cluster User Role": "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
    "Azure Kubernetes Service RBAC Reader": "7f6c6a51-bcf8-42ba-9220-52d62157d7db",
    "Azure Kubernetes Service RBAC Writer": "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb",
    "Azure Kubernetes Service RBAC Cluster Admin": "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
    "Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7",
    "Private DNS Zone Contributor": "b12aa53e-6015-4669-85d0-8515ebb3ae7f",
    "Managed Identity Operator": "f1a07417-d97a-45cb-824c-7a7467783830",
}

# Roles never given to people (users or groups), each with what to give instead: standing
# privileged access bypasses PIM and lets its holder grant itself anything (CAF identity
# guidance). The policy pack's rule PRIVILEGED_ROLES_RULE refuses a role assignment that grants
# one to a user or group; the stack config refuses one for a group before anything deploys.
PRIVILEGED_ROLES_RULE = "rbac-no-owner-to-humans"
PRIVILEGED_ROLES: dict[str, str] = {
    "Owner": "use 'Contributor' instead: everything Owner may do except grant access",
    "User Access Administrator": "leave it out: the stack config grants each group its role, "
    "and PIM elevates whoever must manage access by hand",
}

# Roles a project's member may be given on the project workspace. Owner is here for a service
# principal given to the component; people never get it (PRIVILEGED_ROLES).
WORKSPACE_MEMBER_ROLES: tuple[str, ...] = (
    "AzureML Data Scientist",
    "AzureML Compute Operator",
    "Azure AI Developer",
    "Azure AI Administrator",
    "Reader",
    "Contributor",
    "Owner",
)


# With shared-key access off, people reach the workspace storage only through data-plane roles on
# the storage account (the narrowest scope the docs give): blob for data assets and datastores,
# file for notebooks and the compute instance file share. "Disable shared key authorization for
# the workspace storage": https://learn.microsoft.com/azure/machine-learning/how-to-disable-local-auth-storage
STORAGE_DATA_ROLES: dict[str, tuple[str, ...]] = {
    "read": ("Storage Blob Data Reader", "Storage File Data Privileged Reader"),
    "write": ("Storage Blob Data Contributor", "Storage File Data Privileged Contributor"),
}
# The data access a workspace role implies, so a member's access is written once (its role).
# A compute operator manages computes and reads no data.
MEMBER_DATA_ACCESS: dict[str, str | None] = {
    "AzureML Data Scientist": "write",
    "AzureML Compute Operator": None,
    "Azure AI Developer": "write",
    "Azure AI Administrator": "write",
    "Reader": "read",
    "Contributor": "write",
    "Owner": "write",
}


def storage_data_roles(workspace_roles: list[str]) -> tuple[str, ...]:
    """The storage data roles a member with these workspace roles needs (the widest wins)."""
    access = {MEMBER_DATA_ACCESS.get(role) for role in workspace_roles}
    if "write" in access:
        return STORAGE_DATA_ROLES["write"]
    return STORAGE_DATA_ROLES["read"] if "read" in access else ()


def role_guid(role: str) -> str:
    """The GUID of a built-in role, or of a custom role given as a GUID."""
    return BUILT_IN_ROLES.get(role, role)


# A data product's lake access, as a datastore's ``access`` names it: the one blob data role its
# workspace identity and member groups get on the datastore's file system. ADLS Gen2 datastores
# are blob data ("Identity-based data authentication": the identity needs at least Storage Blob
# Data Reader), https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-data-access
LAKE_DATA_ROLES: dict[str, str] = {
    "read": "Storage Blob Data Reader",
    "write": "Storage Blob Data Contributor",
}
# A data product's Entra groups by role in the team, and the workspace roles each gets: data
# scientists experiment, ML engineers also operate computes, readers only look (seed 004: "Use
# Microsoft Entra groups to manage access to machine learning resources").
DATA_PRODUCT_ROLES: dict[str, tuple[str, ...]] = {
    "data_scientist": ("AzureML Data Scientist",),
    "ml_engineer": ("AzureML Data Scientist", "AzureML Compute Operator"),
    "reader": ("Reader",),
}
_ROLE_NAMES: dict[str, str] = {guid.casefold(): name for name, guid in BUILT_IN_ROLES.items()}


def role_name(role_definition: str) -> str:
    """The built-in role's name for a role definition (its ARM id or GUID), so a reviewer reads
    "AzureML Data Scientist" rather than f6c7c914-...; the GUID itself when the role is not one
    this table knows (a custom role, or a built-in one the landing zone does not assign)."""
    guid = resource_name(role_definition)
    return _ROLE_NAMES.get(guid.casefold(), guid)
