"""Two rules no shipped stack breaks, so the program runs never exercise them: identity-based
datastores (a Blob datastore with an account key, say) and per-resource delete locks (a lock on a
resource group, a stateful resource without its own lock)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from aml_landing_zone.offline.policy_run import evaluate
from aml_landing_zone.resource_types import ML_DATASTORE

from tests.policies.fixtures import (
    LOCK,
    RG,
    RG_ID,
    evaluate_one,
    landing_zone,
    lock,
    messages,
    preset,
    resource,
    run_of,
    verdicts,
)

RULE = "datastore-identity-based"


def datastore(kind: str, credentials: str | None) -> dict[str, Any]:
    properties: dict[str, Any] = {"datastoreType": kind, "accountName": "lake"}
    if credentials is not None:
        properties["credentials"] = {"credentialsType": credentials}
    return {"resourceGroupName": RG, "workspaceName": "hub-aml", "properties": properties}


@pytest.mark.parametrize(
    ("kind", "credentials"),
    [
        ("AzureBlob", "AccountKey"),
        ("AzureBlob", "Sas"),
        ("AzureDataLakeGen2", "ServicePrincipal"),
        ("AzureDataLakeGen1", "ServicePrincipal"),
        ("azureblob", "accountkey"),  # ARM compares case-insensitively
        ("AzureBlob", None),  # no credentials at all is not "None"
    ],
)
def test_a_datastore_that_stores_a_credential_is_refused(
    kind: str, credentials: str | None, all_mandatory: Path
) -> None:
    result = evaluate_one(ML_DATASTORE, datastore(kind, credentials), all_mandatory)
    assert verdicts(result, RULE) == [(RULE, "subject", "mandatory")]
    shown = f"'{credentials}'" if credentials is not None else "not set"
    assert messages(result, RULE) == [
        f"properties.credentials.credentialsType is {shown}; set it to 'None' so the datastore "
        "stores no key, SAS or secret and data access follows each identity's roles on the "
        "storage."
    ]


@pytest.mark.parametrize(
    ("kind", "credentials"),
    [
        ("AzureBlob", "None"),
        ("AzureDataLakeGen2", "None"),
        ("AzureDataLakeGen1", "none"),
        ("AzureFile", "AccountKey"),  # Azure Files has no identity-based access to demand
        ("OneLake", "ServicePrincipal"),
    ],
)
def test_identity_based_or_not_identity_capable_datastores_pass(
    kind: str, credentials: str, all_mandatory: Path
) -> None:
    result = evaluate_one(ML_DATASTORE, datastore(kind, credentials), all_mandatory)
    assert verdicts(result, RULE) == []


def test_the_datastore_rule_follows_the_presets() -> None:
    key = datastore("AzureBlob", "AccountKey")
    levels = [
        verdicts(evaluate_one(ML_DATASTORE, key, preset(name)), RULE)
        for name in ("dev", "test", "prod")
    ]
    assert levels == [
        [(RULE, "subject", "advisory")],
        [(RULE, "subject", "mandatory")],
        [(RULE, "subject", "mandatory")],
    ]


LOCKS = "prod-resource-locks"
GROUP = "azure-native:resources:ResourceGroup"


def test_the_compliant_landing_zone_has_a_lock_on_each_stateful_resource() -> None:
    run, _ = landing_zone()
    assert verdicts(evaluate(run, preset("prod")), LOCKS) == []


def test_a_lock_on_a_resource_group_is_refused() -> None:
    _, parts = landing_zone()
    group = resource(GROUP, RG, {"resourceGroupName": RG, "location": "westeurope"})
    on_group = resource(
        LOCK,
        "rg-lock",
        {**lock(), "scope": RG_ID},
        property_dependencies={"scope": [group.urn]},
    )
    result = evaluate(run_of(*parts.values(), group, on_group), preset("prod"))
    assert verdicts(result, LOCKS) == [(LOCKS, "rg-lock", "mandatory")]
    assert messages(result, LOCKS) == [
        f"lock rg-lock is on resource group {RG}; it also blocks deleting the role "
        "assignments, diagnostic settings and private endpoints in it, so a later update that "
        "replaces one fails. Lock each stateful resource instead."
    ]


def test_a_lock_on_a_group_found_by_its_id_when_the_engine_records_no_link() -> None:
    _, parts = landing_zone()
    group = resource(GROUP, RG, {"resourceGroupName": RG, "id": RG_ID})
    on_group = resource(LOCK, "rg-lock", {**lock(), "scope": RG_ID})
    result = evaluate(run_of(*parts.values(), group, on_group), preset("prod"))
    assert verdicts(result, LOCKS) == [(LOCKS, "rg-lock", "mandatory")]


@pytest.mark.parametrize("part", ["storage", "vault", "registry", "logs", "workspace", "project"])
def test_each_stateful_resource_needs_its_own_lock(part: str) -> None:
    _, parts = landing_zone()
    others = [p for key, p in parts.items() if key != f"{part}-lock"]
    result = evaluate(run_of(*others), preset("prod"))
    name = parts[part].name
    assert verdicts(result, LOCKS) == [(LOCKS, name, "mandatory")]
    (message,) = messages(result, LOCKS)
    assert message.startswith(f"{parts[part].type.split(':', 1)[1]} {name} has no CanNotDelete")


@pytest.mark.parametrize(("level", "counts"), [("ReadOnly", True), ("NotSpecified", False)])
def test_only_a_delete_blocking_lock_counts(level: str, counts: bool) -> None:
    _, parts = landing_zone()
    weak = replace(parts["storage-lock"], inputs={**lock(), "level": level})
    others = [p for key, p in parts.items() if key != "storage-lock"]
    found = verdicts(evaluate(run_of(*others, weak), preset("prod")), LOCKS)
    assert found == ([] if counts else [(LOCKS, "staml", "mandatory")])


def test_locks_are_checked_in_prod_only() -> None:
    _, parts = landing_zone()
    others = [p for key, p in parts.items() if key != "storage-lock"]
    run = run_of(*others)
    assert verdicts(evaluate(run, preset("test")), LOCKS) == []
    assert verdicts(evaluate(run, preset("dev")), LOCKS) == []
