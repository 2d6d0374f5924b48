"""Every numeric or length bound of the stack config, on both sides of its edge: the last value
accepted and the first refused. The bounds are Azure's where Azure has one (Key Vault's 7–90 days
of soft delete, Log Analytics' 30–730 days of retention, a compute instance's idle shutdown of
15 minutes to 3 days, five budget notifications) and the landing zone's own otherwise."""

from __future__ import annotations

from typing import Any

import pytest
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.errors import ConfigError

from tests.facts import KEY_VAULT_RETENTION_DAYS
from tests.stack_values import DELETE, NAMESPACE, changed, stack_values

LOW_KV, HIGH_KV = KEY_VAULT_RETENTION_DAYS
INSTANCE = "dataProducts[0].computes.instances.ci-demand-alice.idleTimeBeforeShutdown"
BUDGETS = "observability.budgets"
NOTIFY = {"threshold": 80, "type": "Actual"}

# key path, the edge value accepted, the value just past it refused
EDGES: list[tuple[str, Any, Any]] = [
    ("hub.keyVaultSoftDeleteRetentionDays", LOW_KV, LOW_KV - 1),
    ("hub.keyVaultSoftDeleteRetentionDays", HIGH_KV, HIGH_KV + 1),
    ("hub.logRetentionDays", 30, 29),
    ("hub.logRetentionDays", 730, 731),
    (INSTANCE, "PT15M", "PT14M59S"),
    (INSTANCE, "P3D", "P3DT1S"),
    (f"{BUDGETS}.hubAmount", 0.01, 0),
    (f"{BUDGETS}.projectAmount", 0.01, -1),
    (f"{BUDGETS}.dataProductAmount", 0.01, 0),
    (f"{BUDGETS}.notifications", [NOTIFY], []),
    (
        f"{BUDGETS}.notifications",
        [{"threshold": t, "type": "Actual"} for t in (50, 60, 70, 80, 90)],
        [{"threshold": t, "type": "Actual"} for t in (50, 60, 70, 80, 90, 100)],
    ),
    (f"{BUDGETS}.notifications[0].threshold", 1000, 1000.5),
    (f"{BUDGETS}.notifications[0].threshold", 0.5, 0),
    ("projects[0].description", "d" * 256, "d" * 257),
    ("projects[0].friendlyName", "f" * 64, "f" * 65),
    ("dataProducts[0].description", "d" * 256, "d" * 257),
    ("hub.rbacPropagationWait", "999s", "1000s"),
]


def parses(values: dict[str, Any]) -> None:
    parse_stack_config(values, namespace=NAMESPACE, stack="dev")


@pytest.mark.parametrize(("path", "accepted", "refused"), EDGES)
def test_the_edge_is_accepted_and_one_past_it_refused(
    path: str, accepted: Any, refused: Any
) -> None:
    values = stack_values("dev")
    if path.startswith(f"{BUDGETS}.notifications["):
        values = changed(values, f"{BUDGETS}.notifications", [dict(NOTIFY)])
    parses(changed(values, path, accepted))
    with pytest.raises(ConfigError, match=path.split("[")[0].split(".")[-1]):
        parses(changed(values, path, refused))


def default_product(**cluster: Any) -> dict[str, Any]:
    values = changed(stack_values("dev"), "dataProducts[0].kind", "default")
    values = changed(values, "dataLandingZone.monitoring", {"private": False})
    return changed(values, "dataProducts[0].computes.clusters", {"cpu": cluster})


@pytest.mark.parametrize(
    ("cluster", "valid"),
    [
        ({"maxNodes": 1}, True),
        ({"maxNodes": 0}, False),
        ({"maxNodes": 1000}, True),
        ({"maxNodes": 1001}, False),
        ({"maxNodes": 2, "minNodes": 0}, True),
        ({"maxNodes": 2, "minNodes": -1}, False),
        ({"maxNodes": 2, "minNodes": 2}, True),
        ({"maxNodes": 2, "minNodes": 3}, False),  # above maxNodes
    ],
)
def test_cluster_node_counts_at_their_edges(cluster: dict[str, Any], valid: bool) -> None:
    if valid:
        parses(default_product(**cluster))
    else:
        with pytest.raises(ConfigError, match="Nodes"):
            parses(default_product(**cluster))


def test_a_budget_section_without_any_amount_is_refused() -> None:
    values = stack_values("dev")
    for key in ("hubAmount", "projectAmount"):
        values = changed(values, f"{BUDGETS}.{key}", DELETE)
    with pytest.raises(ConfigError, match="give hubAmount, projectAmount, dataProductAmount"):
        parses(values)
    parses(changed(values, f"{BUDGETS}.dataProductAmount", 100))  # one amount is enough
