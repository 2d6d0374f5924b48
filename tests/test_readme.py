"""The README's generated tables match the code and its commands are what CI runs (its reuse
example runs in tests/test_wheel_install.py, against the built wheel)."""

from __future__ import annotations

import re

import pytest
import yaml
from aml_landing_zone.api_docs import api_table
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.config.docs import config_reference_markdown
from aml_landing_zone.platform_outputs import contract_table
from aml_landing_zone.policies.docs import rule_table_markdown
from aml_landing_zone.policies.pack import PRESETS_DIR

from tests.readme import README, block, code_block
from tests.stack_values import ROOT, stack_values


@pytest.mark.parametrize(
    ("name", "generate", "command"),
    [
        ("config-reference", config_reference_markdown, "python -m aml_landing_zone.config.docs"),
        (
            "policy-rules",
            lambda: rule_table_markdown(PRESETS_DIR),
            "python -m aml_landing_zone.policies.docs",
        ),
        ("public-api", api_table, "python -m aml_landing_zone.api_docs"),
        ("platform-outputs", contract_table, "python -m aml_landing_zone.platform_outputs"),
    ],
)
def test_generated_readme_sections_are_current(name: str, generate, command: str) -> None:
    assert block(name).strip() == generate().strip(), (
        f"README section {name} is stale: replace it with the output of `uv run {command}`"
    )


TOOLS = (
    "[ -x .tools/bin/uv ] || { python3 -m venv .tools && .tools/bin/python -m pip install -q uv; }"
    " && .tools/bin/uv run"
)


def test_readme_two_commands_are_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    test_command = f"{TOOLS} --group dev pytest"
    assert test_command in README
    assert f"{TOOLS} offline-preview --stack dev" in README
    assert test_command in ci


def test_readme_minimal_stack_is_valid() -> None:
    section = README.split("### Minimal stack", 1)[1]
    text = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert text, "the Minimal stack section has no YAML block"
    config = yaml.safe_load(text.group(1))["config"]
    values = {k.split(":", 1)[1]: v for k, v in config.items()}
    parsed = parse_stack_config(values, namespace="aml-landing-zone", stack="dev")
    assert [p.name for p in parsed.projects] == ["fraud"]


def test_readme_data_product_example_is_valid() -> None:
    """The README's data product joins the dev stack's config and validates as it is."""
    example = yaml.safe_load(code_block("data-product-example"))["config"]
    values = {**stack_values("dev"), **{k.split(":", 1)[1]: v for k, v in example.items()}}
    parsed = parse_stack_config(values, namespace="aml-landing-zone", stack="dev")
    (product,) = parsed.data_products
    assert (product.name, product.kind) == ("forecast", "default")
    assert product.computes.clusters["cpu-cluster"].max_nodes == 4
    assert parsed.data_landing_zone is not None
    assert parsed.data_landing_zone.dns.mode == "existing"
