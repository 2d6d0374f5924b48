"""Where the tiny test program lives and the URNs it registers (shared by the offline tests)."""

from __future__ import annotations

from pathlib import Path

TINY = Path(__file__).parent / "fixtures" / "tiny"
STORAGE_URN = "urn:pulumi:dev::tiny::tiny:data:Data$azure-native:storage:StorageAccount::data-sa"
RG_URN = "urn:pulumi:dev::tiny::pulumi:pulumi:Stack$azure-native:resources:ResourceGroup::rg"
UAMI_URN = (
    "urn:pulumi:dev::tiny::pulumi:pulumi:Stack"
    "$azure-native:managedidentity:UserAssignedIdentity::uami"
)
ROLE_URN = (
    "urn:pulumi:dev::tiny::pulumi:pulumi:Stack"
    "$azure-native:authorization:RoleAssignment::uami-blob-reader"
)
BASE_CONFIG = {"location": "westeurope", "resourceGroupName": "rg-t", "accountName": "stt"}
