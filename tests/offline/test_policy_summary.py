"""Policy findings as the reports group them: one entry per rule and finding, counting the
resources, with the resource's own name left out of the text, mandatory first."""

from __future__ import annotations

from aml_landing_zone.offline.policy_run import PolicyResult, Violation
from aml_landing_zone.offline.policy_summary import format_text, group_findings

STACK = "urn:pulumi:test::aml-landing-zone::pulumi:pulumi:Stack"
DESCRIPTION = "Stateful resources must be protected.\n"


def urn(token: str, name: str) -> str:
    return f"urn:pulumi:test::aml-landing-zone::pulumi:pulumi:Stack${token}::{name}"


def unprotected(token: str, name: str) -> Violation:
    kind = token.split(":", 1)[1]
    return Violation(
        "prod-protect",
        urn(token, name),
        "advisory",
        f"{DESCRIPTION}{kind} {name} is not protected; set protect.",
    )


RESULT = PolicyResult(
    "aml-landing-zone",
    "policies/config/test.json",
    [
        Violation(
            "storage-tls",
            urn("azure-native:storage:StorageAccount", "st-tls"),
            "mandatory",
            "TLS.\nminimumTlsVersion is 'TLS1_0'.",
        ),
        unprotected("azure-native:keyvault:Vault", "hub-kv"),
        unprotected("azure-native:storage:StorageAccount", "hub-st"),
        unprotected("azure-native:machinelearningservices:Workspace", "hub"),
    ],
)


def test_the_same_finding_on_several_resources_is_one_group() -> None:
    groups = group_findings(RESULT, "aml-landing-zone", "test")
    assert [(g.enforcement, g.policy, g.count) for g in groups] == [
        ("mandatory", "storage-tls", 1),
        ("advisory", "prod-protect", 3),
    ]
    assert groups[1].message == "This resource is not protected; set protect."
    assert groups[1].resources == (
        "hub-kv (azure-native:keyvault:Vault)",
        "hub-st (azure-native:storage:StorageAccount)",
        "hub (azure-native:machinelearningservices:Workspace)",
    )
    assert groups[1].fix == "set aml-landing-zone:hub.protect in Pulumi.test.yaml"
    assert groups[0].fix is None  # the components fix TLS; no stack key decides it


def test_text_names_the_count_resources_and_fix() -> None:
    text = format_text(RESULT, "aml-landing-zone", "test")
    assert text.splitlines()[0] == (
        "Policy pack aml-landing-zone with policies/config/test.json: 1 mandatory, 3 advisory"
    )
    assert "  [prod-protect] 3 resources: hub-kv, hub-st, hub\n" in text
    assert "      fix: set aml-landing-zone:hub.protect in Pulumi.test.yaml\n" in text
    assert text.index("MANDATORY") < text.index("ADVISORY")
    assert "fix:" not in format_text(RESULT)  # without the stack, no key to name


def test_only_the_resource_s_own_name_becomes_generic() -> None:
    result = PolicyResult(
        "p",
        "c.json",
        [
            Violation(
                "r",
                urn("azure-native:resources:ResourceGroup", "hub"),
                "advisory",
                "hub and hub-kv.",
            )
        ],
    )
    (group,) = group_findings(result, "ns", "dev")
    assert group.message == "This resource and hub-kv."
