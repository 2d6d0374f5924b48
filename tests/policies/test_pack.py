"""The pack as the Pulumi CLI sees it: its rules match the catalogue, it boots the way the CLI
starts a Python pack, and its generated documentation comes from the pack itself."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import grpc
import pytest
import yaml
from aml_landing_zone.durations import parse_duration
from aml_landing_zone.policies.docs import rule_table_markdown
from aml_landing_zone.policies.pack import (
    ALL_POLICIES,
    PACK_DIR,
    PACK_NAME,
    PACK_VERSION,
    PRESETS_DIR,
)
from aml_landing_zone.resource_types import ML_WORKSPACE
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime import proto
from pulumi.runtime.proto import analyzer_pb2_grpc
from pulumi_policy import StackValidationPolicy

from tests.policies.fixtures import workspace
from tests.stack_values import changed

# The landing-zone rule catalogue the pack implements (the CAF / Azure Landing Zones rules for
# Azure ML), as policy ids in sorted order. "(stack)" marks the rules that look at several
# resources at once and so must be stack policies.
CATALOGUE = (
    "acr-admin-user",
    "acr-anonymous-pull",
    "acr-export",
    "acr-network",
    "acr-sku",
    "allowed-locations",
    "appi-local-auth",
    "appi-workspace-based",
    "compute-aks-attach-only",
    "compute-cluster-scale",
    "compute-idle-shutdown",
    "compute-local-auth",
    "compute-public-ip",
    "compute-setup-script",
    "compute-ssh-public",
    "compute-subnet",
    "compute-vm-size",
    "kv-network",
    "kv-purge-protection",
    "kv-rbac",
    "kv-soft-delete",
    "pe-same-subscription",
    "prod-protect (stack)",
    "rbac-no-owner-to-humans",
    "required-tags",
    "storage-blob-public",
    "storage-cross-tenant",
    "storage-https",
    "storage-network",
    "storage-shared-key",
    "storage-soft-delete",
    "storage-tls",
    "storage-workspace-default (stack)",
    "ws-cmk",
    "ws-diagnostics (stack)",
    "ws-hbi",
    "ws-hbi-storage-private (stack)",
    "ws-managed-network",
    "ws-private-endpoint (stack)",
    "ws-public-behind-vnet",
    "ws-public-network",
    "ws-user-assigned-identity",
    "ws-v1-legacy",
)
STACK = " (stack)"
CATALOGUE_IDS = [entry.removesuffix(STACK) for entry in CATALOGUE]


# Catalogue rows the pack leaves out on purpose; the README's policy section says why.
LEFT_OUT = {"ws-v1-legacy"}
# Rules beyond the catalogue, for what the components add (stack rules).
# The serving cluster's hardening (issue 23), beyond the catalogue: the catalogue has no AKS
# rows because the landing zone created no cluster before.
AKS = {"aks-private-cluster", "aks-entra-rbac", "aks-local-accounts", "aks-autoscale",
       "aks-diagnostics"}  # fmt: skip
ADDED = {"prod-resource-locks", "monitor-private-link", "monitor-public-network",
         "monitor-scope-private-only", "datastore-identity-based", *AKS}  # fmt: skip
ADDED_STACK = {"prod-resource-locks", "monitor-private-link", "aks-diagnostics"}


def test_every_catalogue_row_is_a_policy_of_the_same_name() -> None:
    assert len(CATALOGUE_IDS) == 43
    assert set(CATALOGUE_IDS).issuperset(LEFT_OUT)
    kept = sorted([name for name in CATALOGUE_IDS if name not in LEFT_OUT] + list(ADDED))
    assert kept == sorted(p.name for p in ALL_POLICIES)
    assert len(ALL_POLICIES) == 43 - len(LEFT_OUT) + len(ADDED)


def test_stack_rows_are_stack_policies() -> None:
    stack_policies = {p.name for p in ALL_POLICIES if isinstance(p, StackValidationPolicy)}
    stack_rows = {entry.removesuffix(STACK) for entry in CATALOGUE if entry.endswith(STACK)}
    # compute-subnet joins them: its managed-network exemption needs the workspace
    assert stack_policies == stack_rows | {"compute-subnet"} | ADDED_STACK


def test_descriptions_say_what_and_why() -> None:
    for policy in ALL_POLICIES:
        sentences = [s for s in re.split(r"(?<=\.)\s+", policy.description) if s]
        assert len(sentences) >= 2, policy.name


def test_every_parameter_has_a_default_and_a_description() -> None:
    for policy in ALL_POLICIES:
        for name, schema in (
            policy.config_schema.properties if policy.config_schema else {}
        ).items():
            assert {"default", "description", "type"} <= set(schema), f"{policy.name}.{name}"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("PT15M", 900), ("PT900S", 900), ("PT0.5H", 1800), ("P1DT1S", 86401), ("p1w", 604800)],
)
def test_durations(text: str, seconds: float) -> None:
    parsed = parse_duration(text)
    assert parsed is not None and parsed.total_seconds() == seconds


@pytest.mark.parametrize("text", ["15m", "PT", "P", "PT15", "", "P1H"])
def test_not_durations(text: str) -> None:
    assert parse_duration(text) is None


def test_pack_boots_as_the_cli_starts_it() -> None:
    """`pulumi-analyzer-policy-python` runs `<virtualenv>/bin/python -u -m pulumi.policy
    <engine> .` in the pack folder; the pack then serves the analyzer over gRPC."""
    options = yaml.safe_load((PACK_DIR / "PulumiPolicy.yaml").read_text())["runtime"]["options"]
    # not resolve(): the venv's python is a symlink, and only its own path activates the venv
    python = os.path.normpath(PACK_DIR / options["virtualenv"] / "bin" / "python")
    server = subprocess.Popen(
        [python, "-u", "-m", "pulumi.policy", "127.0.0.1:1", "."],
        cwd=PACK_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = server.stdout.readline().strip()
        assert port.isdigit(), server.stderr.read() if server.stderr else port
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            analyzer = analyzer_pb2_grpc.AnalyzerStub(channel)
            info = analyzer.GetAnalyzerInfo(empty_pb2.Empty(), timeout=10)
            assert info.name == PACK_NAME
            assert len(info.policies) == len(ALL_POLICIES)
            properties = struct_pb2.Struct()
            properties.update(changed(workspace(), "publicNetworkAccess", "Enabled"))
            response = analyzer.Analyze(
                proto.AnalyzeRequest(type=ML_WORKSPACE, properties=properties, urn="u", name="w"),
                timeout=10,
            )
            assert [d.policyName for d in response.diagnostics] == ["ws-public-network"]
    finally:
        server.terminate()
        deadline = time.monotonic() + 10
        while server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if server.poll() is None:
            server.kill()
        server.communicate()


def test_rule_table_comes_from_the_pack_and_presets() -> None:
    table = rule_table_markdown(PRESETS_DIR)
    assert f"`{PACK_NAME}` v{PACK_VERSION}" in table
    assert (
        "| `ws-public-network` | ML workspaces must disable public network access. "
        "| advisory | mandatory | mandatory |"
    ) in table
    assert "| `prod-protect` (stack) |" in table
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == [p.name for p in ALL_POLICIES]


def test_rule_table_follows_the_presets(tmp_path: Path) -> None:
    for env in ("dev", "test", "prod"):
        (tmp_path / f"{env}.json").write_text('{"all": "disabled", "storage-tls": "advisory"}')
    table = rule_table_markdown(tmp_path)
    assert (
        "| `storage-tls` | Storage accounts must require TLS 1.2. | advisory | advisory |" in table
    )
    assert (
        "| `kv-rbac` | Key vaults must authorise data access with Azure RBAC. | disabled |" in table
    )
