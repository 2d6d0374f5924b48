"""The Mermaid diagram stays valid whatever the names (generated ids, escaped labels) and draws
the architecture: a box per component nested as the components nest, the registry's
architecture resources as boxes, the rest counted per component, and the registry's links as
edges (to a dashed box for what lies outside the stack)."""

from __future__ import annotations

from typing import Any

from aml_landing_zone.offline.mermaid import escape, render_mermaid
from aml_landing_zone.offline.model import ProgramRun, RecordedResource

STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev"
RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
VAULT_ID = f"{RG}/providers/Microsoft.KeyVault/vaults/kv-x"
LAKE_ID = f"{RG}-lake/providers/Microsoft.Storage/storageAccounts/stlake"


def resource(
    name: str, token: str, parent: str | None, inputs: dict[str, Any] | None = None
) -> RecordedResource:
    urn = f"urn:pulumi:dev::p::{token}::{name}"
    custom = not token.startswith("my:")
    return RecordedResource(urn, token, name, parent, custom, False, (), {}, inputs or {})


def _endpoint(name: str, target: str, group: str, parent: str) -> RecordedResource:
    connection = {"privateLinkServiceId": target, "groupIds": [group]}
    inputs = {
        "resourceGroupName": "rg",
        "privateEndpointName": name,
        "privateLinkServiceConnections": [connection],
    }
    return resource(name, "azure-native:network:PrivateEndpoint", parent, inputs)


def test_labels_escape_what_would_end_them() -> None:
    assert escape('a "b" #1 <c> & d') == "a #quot;b#quot; #35;1 #lt;c#gt; #amp; d"


def test_components_nest_resources_are_boxed_or_counted_and_links_are_edges() -> None:
    outer = resource('end "x"', "my:index:Outer", STACK)
    inner = resource("inner#1", "my:index:Inner", outer.urn)
    roles = [
        resource(
            f"ra-{i}",
            "azure-native:authorization:RoleAssignment",
            inner.urn,
            {"scope": VAULT_ID, "roleAssignmentName": f"0000000{i}"},
        )
        for i in range(3)
    ]
    vault = resource(
        "kv",
        "azure-native:keyvault:Vault",
        outer.urn,
        {"resourceGroupName": "rg", "vaultName": "kv-x"},
    )
    endpoints = [
        _endpoint("pep-kv", VAULT_ID, "vault", inner.urn),
        _endpoint("pep-lake", LAKE_ID, "dfs", inner.urn),
    ]
    run = ProgramRun("p", "dev", (outer, inner, *roles, vault, *endpoints))
    assert render_mermaid(run) == [
        "flowchart TB",
        '  x0["stlake<br/>storageAccounts, outside this stack"]',
        '  subgraph c0["Outer end #quot;x#quot;"]',
        '    n0["kv-x<br/>keyvault:Vault"]',
        '    subgraph c1["Inner inner#35;1"]',
        '      n1["2× PrivateEndpoint"]',
        '      s0["3× RoleAssignment"]',
        "    end",
        "  end",
        '  n1 -->|"private endpoint vault"| n0',
        '  n1 -->|"private endpoint dfs"| x0',
        "  classDef external stroke-dasharray: 5 5",
        "  class x0 external",
    ]
