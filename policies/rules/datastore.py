"""Azure ML datastore rules (``machinelearningservices:Datastore``; settings under
``properties``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aml_landing_zone.policies.rules.common import (
    MANDATORY,
    Config,
    get,
    ieq,
    iin,
    resource_policy,
    show,
)
from aml_landing_zone.resource_types import (
    ML_DATASTORE,
)

# The datastore types whose data Azure ML reads with the caller's (or the compute's) Entra
# identity when no credential is stored ("Identity-based data authentication": Blob and Data Lake
# Gen1/Gen2), https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-data-access
IDENTITY_CAPABLE = ("AzureBlob", "AzureDataLakeGen1", "AzureDataLakeGen2")


def _identity_based(props: Any, _: Config) -> Iterator[str]:
    if not iin(get(props, "properties.datastoreType"), IDENTITY_CAPABLE):
        return
    kind = get(props, "properties.credentials.credentialsType")
    if not ieq(kind, "None"):
        yield (
            f"properties.credentials.credentialsType is {show(kind)}; set it to 'None' so the "
            "datastore stores no key, SAS or secret and data access follows each identity's "
            "roles on the storage."
        )


DATASTORE_POLICIES = [
    resource_policy(
        "datastore-identity-based",
        "Blob and Data Lake datastores must store no credential (credentialsType None). A "
        "stored account key, SAS or service principal secret lets everyone in the workspace "
        "reach the data with it; identity-based access keeps each user's own storage roles "
        "(CAF data landing zones, seed 004: identity passthrough is the default).",
        [ML_DATASTORE],
        _identity_based,
        level=MANDATORY,
        reads=["properties.datastoreType", "properties.credentials.credentialsType"],
    ),
]
