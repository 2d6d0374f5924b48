"""The README's generated tables match the code, and its reuse examples run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from aml_landing_zone.config.docs import config_reference_markdown
from aml_landing_zone.offline.program import run_program
from aml_landing_zone.policies.docs import rule_table_markdown
from aml_landing_zone.policies.pack import PRESETS_DIR

from tests.conftest import of_type, one
from tests.stack_values import ROOT

README = (ROOT / "README.md").read_text()


def block(name: str) -> str:
    match = re.search(rf"<!-- BEGIN {name} [^\n]*-->\n(.*?)<!-- END {name} -->", README, re.S)
    assert match, f"README has no {name} markers"
    return match.group(1)


@pytest.mark.parametrize(
    ("name", "generate", "command"),
    [
        ("config-reference", config_reference_markdown, "python -m aml_landing_zone.config.docs"),
        (
            "policy-rules",
            lambda: rule_table_markdown(PRESETS_DIR),
            "python -m aml_landing_zone.policies.docs",
        ),
    ],
)
def test_generated_readme_sections_are_current(name: str, generate, command: str) -> None:
    assert block(name).strip() == generate().strip(), (
        f"README section {name} is stale: replace it with the output of `uv run {command}`"
    )


TOOLS = "python3 -m venv .tools && .tools/bin/python -m pip install -q uv && .tools/bin/uv run"


def test_readme_two_commands_are_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    test_command = f"{TOOLS} pytest"
    assert test_command in README
    assert f"{TOOLS} offline-preview --stack dev" in README
    assert test_command in ci


def test_readme_hub_example_runs() -> None:
    run = run_program(Path(__file__).parent / "fixtures" / "reuse_hub", "dev")
    endpoints = of_type(run, "azure-native:network:PrivateEndpoint")
    assert endpoints and all(
        e.inputs["subnet"]["id"].endswith("/subnets/snet-pe") for e in endpoints
    )
    assert of_type(run, "azure-native:network:PrivateDnsZoneGroup") == []  # dns mode none
    assert one(run, "azure-native:machinelearningservices:Workspace").inputs["identity"][
        "type"
    ] == ("UserAssigned")
