"""The Mermaid diagram stays valid whatever the names: generated ids, escaped labels, one subgraph
per component nested as the components nest, repeats of a type collapsed."""

from __future__ import annotations

import re

from aml_landing_zone.offline.mermaid import escape, render_mermaid
from aml_landing_zone.offline.model import ProgramRun, RecordedResource

STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev"


def resource(name: str, token: str, parent: str | None, custom: bool = True) -> RecordedResource:
    urn = f"urn:pulumi:dev::p::{token}::{name}"
    return RecordedResource(urn, token, name, parent, custom, False, (), {}, {})


def test_labels_escape_what_would_end_them() -> None:
    assert escape('a "b" #1 <c> & d') == "a #quot;b#quot; #35;1 #lt;c#gt; #amp; d"


def test_components_nest_and_repeats_collapse() -> None:
    outer = resource('end "x"', "my:index:Outer", STACK, custom=False)
    inner = resource("inner#1", "my:index:Inner", outer.urn, custom=False)
    roles = [
        resource(f"ra-{i}", "azure-native:authorization:RoleAssignment", inner.urn)
        for i in range(3)
    ]
    vault = resource("kv", "azure-native:keyvault:Vault", outer.urn)
    run = ProgramRun("p", "dev", (outer, inner, *roles, vault))
    assert render_mermaid(run) == [
        "flowchart TB",
        '  subgraph c0["end #quot;x#quot; (Outer)"]',
        '    r0["kv<br/>keyvault:Vault"]',
        '    subgraph c1["inner#35;1 (Inner)"]',
        '      r1["3× authorization:RoleAssignment"]',
        "    end",
        "  end",
    ]
    for line in render_mermaid(run)[1:]:
        assert re.fullmatch(r' *(?:(?:subgraph )?[cr]\d+\["[^"]*"\]|end)', line), line
