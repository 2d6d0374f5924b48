"""The text report: tree, key settings, counts, outputs."""

from __future__ import annotations

from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.report import render_report


def test_tree_counts_and_outputs(tiny_run: ProgramRun) -> None:
    lines = render_report(tiny_run).splitlines()
    assert lines[:8] == [
        "Project tiny, stack dev",
        "",
        "tiny-dev  (pulumi:pulumi:Stack)",
        "├─ data  (tiny:data:Data)",
        "│  └─ data-sa  (azure-native:storage:StorageAccount)  sku.name=Standard_ZRS, "
        "kind=StorageV2, allowSharedKeyAccess=false, minimumTlsVersion=TLS1_2",
        "├─ rg  (azure-native:resources:ResourceGroup)  location=westeurope",
        "├─ uami  (azure-native:managedidentity:UserAssignedIdentity)",
        "└─ uami-blob-reader  (azure-native:authorization:RoleAssignment)  "
        "role=2a2b9908-6ea1-4ae2-8e65-a410df84e7d1, principalType=ServicePrincipal",
    ]
    assert "  1  tiny:data:Data" in lines
    assert "  5  total" in lines
    assert "  apiKey: [secret]" in lines
    assert "  replicas: 3" in lines


def test_ascii_mode_is_pure_ascii(tiny_run: ProgramRun) -> None:
    text = render_report(tiny_run, ascii_only=True)
    assert text.isascii()
    assert "|  `- data-sa  (azure-native:storage:StorageAccount)" in text
    assert render_report(tiny_run) == render_report(tiny_run)


def test_lifecycle_options_are_listed_per_resource(tiny_run: ProgramRun) -> None:
    lines = render_report(tiny_run).splitlines()
    ignored = lines.index("Left to Azure after creation (ignoreChanges):")
    replaced = lines.index("Replaced when changed (replaceOnChanges):")
    assert lines[ignored + 1 : replaced] == [
        "  uami  (azure-native:managedidentity:UserAssignedIdentity): tags, resourceGroupName"
    ]
    assert lines[replaced + 1] == (
        '  uami  (azure-native:managedidentity:UserAssignedIdentity): location, tags["owner"]'
    )
