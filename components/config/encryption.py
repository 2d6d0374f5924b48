"""Customer-managed keys for the hub's service data (Azure ML "Use customer-managed keys").

Presence of ``hub.encryption`` enables CMK. The key is created in the hub's key vault unless an
existing vault and key are given. Fixed after the hub is created, like HBI mode."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field, field_validator

from ..arm import check_resource_id, resource_name
from ..codes import BAD_REFERENCE, CodedValueError
from ..dns_zones import VAULT_SUFFIXES
from ..regions import cloud_of
from .base import (
    ConfigIssue,
    KeepOutputs,
    StrictModel,
    TypedArgs,
    is_known,
    object_id_problem,
    pattern_field,
)

KEY_VAULT_TYPE = "Microsoft.KeyVault/vaults"
# The key created in the workspace's own vault when the settings name none.
DEFAULT_KEY_NAME = "cmk-aml"
# The Azure Cosmos DB first-party application the service's metadata store uses, per cloud
# (how-to-setup-customer-managed-keys: "Allow Azure Cosmos DB to access the key").
COSMOS_DB_APP_IDS = {
    "AzureCloud": "a232010e-820c-4083-83bb-3ace5fc29d0b",
    "AzureChinaCloud": "a232010e-820c-4083-83bb-3ace5fc29d0b",
    "AzureUSGovernment": "57506a73-e302-42a9-b869-6f12d9ec29e9",
}
_KEY_URI = re.compile(
    r"^https://(?P<vault>[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9])\.(?P<suffix>[a-z.]+)"
    r"/keys/(?P<key>[a-zA-Z0-9-]{1,127})(/[0-9a-fA-F]{32})?/?$"
)


def _key_uri(value: str) -> str:
    if not _KEY_URI.match(value):
        raise ValueError(
            f"'{value}' is not a key URI (https://<vault>.vault.azure.net/keys/<name>[/<version>])"
        )
    return value


def _object_id(value: str) -> str:
    problem = object_id_problem(value)
    if problem is not None:
        raise CodedValueError(BAD_REFERENCE, problem)
    return value


KeyUri = Annotated[str, AfterValidator(_key_uri), KeepOutputs]
PrincipalObjectId = Annotated[str, AfterValidator(_object_id), KeepOutputs]


class EncryptionSettings(StrictModel):
    """A customer-managed key for the workspace's service data; needs identity UserAssigned."""

    typed_args: ClassVar[TypedArgs] = TypedArgs(
        "EncryptionArgs",
        "Customer-managed key: created in the hub vault, or ``key_vault_id`` + ``key_uri``.",
        required=("cosmos_db_principal_id",),
    )

    key_name: str | None = pattern_field(
        r"^[a-zA-Z0-9-]{1,127}$",
        "1–127 letters, digits or hyphens",
        None,
        description=f"Key created in the hub key vault (default '{DEFAULT_KEY_NAME}') when "
        "keyVaultId is not given.",
    )
    key_vault_id: str | None = Field(
        None, description="An existing key vault holding the key (then keyUri is required)."
    )
    key_uri: KeyUri | None = Field(
        None, description="The key in keyVaultId: https://<vault>.vault.azure.net/keys/<name>[/<v>]"
    )
    key_expires_on: date | None = Field(
        None,
        description="Expiry date (YYYY-MM-DD) of the key's first version when it is created "
        "here; later versions come from its rotation policy (rotate after 18 months, expire "
        "after 2 years, notify 30 days before). Applies at creation only: Key Vault owns each "
        "version's attributes.",
    )
    service_side_encryption: bool = Field(
        False,
        description="enableServiceSideCMKEncryption (preview): keep encrypted metadata "
        "service-side instead of in a Microsoft-managed resource group in your subscription.",
    )
    cosmos_db_principal_id: PrincipalObjectId | None = Field(
        None,
        description="Required: object id of the 'Azure Cosmos DB' service principal in this "
        "tenant (az ad sp show --id <app id> --query id); it needs access to the key.",
    )

    @field_validator("key_vault_id")
    @classmethod
    def _vault_id(cls, value: str | None) -> str | None:
        return None if value is None else check_resource_id(value, KEY_VAULT_TYPE)

    @property
    def in_hub_vault(self) -> bool:
        return self.key_vault_id is None

    @property
    def effective_key_name(self) -> str:
        if self.key_uri is not None and is_known(self.key_uri):
            match = _KEY_URI.match(self.key_uri)
            assert match is not None
            return match.group("key")
        return self.key_name or DEFAULT_KEY_NAME

    def issues(self, location: str | None) -> list[ConfigIssue]:
        """Checks across the encryption keys; the per-cloud ones need a valid ``location``."""
        cloud = cloud_of(location) if location is not None else None
        issues: list[ConfigIssue] = []
        if self.cosmos_db_principal_id is None:
            app_id = COSMOS_DB_APP_IDS[cloud] if cloud else "<Azure Cosmos DB app id>"
            issues.append(
                ConfigIssue(
                    ("cosmosDbPrincipalId",),
                    "required with customer-managed keys: the object id of the 'Azure Cosmos DB' "
                    f"service principal in your tenant (az ad sp show --id {app_id} "
                    "--query id -o tsv)",
                )
            )
        if self.key_vault_id is not None:
            if self.key_name is not None:
                issues.append(
                    ConfigIssue(
                        ("keyName",),
                        "only used for a key created in the hub key vault; with keyVaultId the "
                        "key is given by keyUri",
                    )
                )
            if self.key_uri is None:
                issues.append(ConfigIssue(("keyUri",), "required with keyVaultId"))
        elif self.key_uri is not None:
            issues.append(
                ConfigIssue(("keyVaultId",), "required with keyUri: the ARM id of the key's vault")
            )
        if self.key_uri is not None and is_known(self.key_uri) and self.key_vault_id is not None:
            match = _KEY_URI.match(self.key_uri)
            assert match is not None
            if match.group("vault").lower() != resource_name(self.key_vault_id).lower():
                issues.append(
                    ConfigIssue(("keyUri",), f"the key is not in the vault {self.key_vault_id}")
                )
            if cloud is not None and match.group("suffix") != VAULT_SUFFIXES[cloud]:
                issues.append(
                    ConfigIssue(
                        ("keyUri",),
                        f"{location} is in {cloud}, whose vaults are *.{VAULT_SUFFIXES[cloud]}",
                    )
                )
        return issues
