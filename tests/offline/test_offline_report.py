"""The text report: tree, Azure names, key settings, counts, outputs, placeholders."""

from __future__ import annotations

from aml_landing_zone.offline.mocks import SUBSCRIPTION_ID, TENANT_ID
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.report import render_report
from aml_landing_zone.roles import role_name

from tests.facts import ROLE_GUIDS

OWNER = ROLE_GUIDS["Owner"]


def test_tree_counts_and_outputs(tiny_run: ProgramRun) -> None:
    lines = render_report(tiny_run).splitlines()
    assert lines[4:10] == [
        "tiny-dev  (pulumi:pulumi:Stack)",
        "├─ data  (tiny:data:Data)",
        "│  └─ data-sa  (azure-native:storage:StorageAccount)  azureName=sttinydev, "
        "rg=rg-tiny-dev, protect=false, sku.name=Standard_ZRS, kind=StorageV2, "
        "allowSharedKeyAccess=false, minimumTlsVersion=TLS1_2",
        "├─ rg  (azure-native:resources:ResourceGroup)  azureName=rg-tiny-dev, location=westeurope",
        "├─ uami  (azure-native:managedidentity:UserAssignedIdentity)  azureName=id-tiny, "
        "rg=rg-tiny-dev",
        "└─ uami-blob-reader  (azure-native:authorization:RoleAssignment)  "
        "principal=identity of uami, principalType=ServicePrincipal, "
        "role=Storage Blob Data Reader, scope=storageAccounts/sttinydev",
    ]
    # resources, as the Markdown report counts them: the component is not one
    counts = lines.index("Resources by type:")
    assert lines[counts + 1 : lines.index("", counts)] == [
        "  1  azure-native:authorization:RoleAssignment",
        "  1  azure-native:managedidentity:UserAssignedIdentity",
        "  1  azure-native:resources:ResourceGroup",
        "  1  azure-native:storage:StorageAccount",
        "  4  resources in 1 components",
    ]
    access = lines.index("Access (who gets which role where):")
    assert lines[access + 1 : lines.index("", access)] == [
        "  identity of uami (ServicePrincipal): Storage Blob Data Reader on "
        "storageAccounts/sttinydev"
    ]
    assert "  apiKey: [secret]" in lines
    assert "  replicas: 3" in lines


def test_offline_placeholders_are_labelled(tiny_run: ProgramRun) -> None:
    text = render_report(tiny_run)
    assert SUBSCRIPTION_ID not in text and TENANT_ID not in text
    assert "  tenantId: {placeholder tenant}" in text
    assert (
        "  storageAccountId: /subscriptions/{placeholder subscription}/resourceGroups/rg-tiny-dev/"
        in text
    )
    assert text.splitlines()[2].startswith(
        "Offline placeholders ({placeholder subscription}, {placeholder tenant}): "
    )


def test_a_role_the_table_does_not_know_is_shown_by_its_guid() -> None:
    custom = "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/0123abcd-0000"
    assert role_name(custom) == "0123abcd-0000"
    assert role_name(f"/providers/Microsoft.Authorization/roleDefinitions/{OWNER.upper()}") == (
        "Owner"
    )


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
