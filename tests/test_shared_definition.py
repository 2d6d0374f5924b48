"""The organisation's definition lives once, in landing-zone.yaml: every stack reads it, its own
keys merge over it, and a mistake is reported under the file it was made in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from aml_landing_zone.config import parse_stack_config
from aml_landing_zone.errors import ConfigError
from aml_landing_zone.offline.program import run_program
from aml_landing_zone.shared_definition import SHARED_FILE, deep_merge, read_shared

from tests.conftest import of_type
from tests.stack_values import NAMESPACE, ROOT, changed, own_values, without_codes

STACKS = ("dev", "test", "prod")


def shared() -> dict[str, Any]:
    return read_shared(ROOT)


def error_for(own: dict[str, Any], shared_values: dict[str, Any], stack: str = "dev") -> str:
    with pytest.raises(ConfigError) as caught:
        parse_stack_config(own, namespace=NAMESPACE, stack=stack, shared=shared_values)
    return without_codes(str(caught.value))


def test_stack_keys_merge_over_the_shared_ones() -> None:
    base = {"tags": {"owner": "a", "costCenter": "1"}, "projects": [{"name": "x"}], "seed": "s"}
    own = {"tags": {"owner": "b"}, "projects": [{"name": "y"}], "seed": None}
    assert deep_merge(base, own) == {
        "tags": {"owner": "b", "costCenter": "1"},  # mappings merge key by key
        "projects": [{"name": "y"}],  # lists are replaced whole
    }  # null removes the shared key


def test_stack_files_hold_only_their_own_values() -> None:
    for stack in STACKS:
        own = own_values(stack)
        assert not set(own) & {"organization", "location"}
        assert "costCenter" not in own.get("tags", {})


@pytest.mark.parametrize("stack", STACKS)
def test_a_shared_setting_reaches_every_stacks_config(stack: str) -> None:
    """What the program validates for each stack (its file merged over landing-zone.yaml)."""
    edited = changed(shared(), "tags.owner", "ml-estate@contoso.com")
    config = parse_stack_config(own_values(stack), NAMESPACE, stack, shared=edited)
    assert config.tags["owner"] == "ml-estate@contoso.com"
    assert config.tags["costCenter"] == shared()["tags"]["costCenter"]


def test_the_program_reads_the_shared_file_beside_pulumi_yaml(tmp_path: Path) -> None:
    """Change the owner tag once in landing-zone.yaml: the program tags the stack's resources
    with it, and prod keeps its own extra tag beside it (one run; the config test above covers
    every stack)."""
    project_files = ("Pulumi.yaml", "Pulumi.prod.yaml", "stack-outputs", "__main__.py")
    for name in (*project_files, "components", "policies"):
        (tmp_path / name).symlink_to(ROOT / name)
    edited = changed(shared(), "tags.owner", "ml-estate@contoso.com")
    (tmp_path / SHARED_FILE).write_text(yaml.safe_dump(edited))
    run = run_program(tmp_path, "prod")
    groups = of_type(run, "azure-native:resources:ResourceGroup")
    assert groups and {g.inputs["tags"]["owner"] for g in groups} == {"ml-estate@contoso.com"}
    assert {g.inputs["tags"]["dataClassification"] for g in groups} == {"confidential"}
    assert run.stack_config[f"{NAMESPACE}:tags"]["owner"] == "ml-estate@contoso.com"


def test_a_mistake_in_the_shared_file_is_reported_under_its_name() -> None:
    message = error_for(own_values("dev"), changed(shared(), "organization", "Contoso Ltd"))
    assert message.splitlines() == [
        f"Pulumi.dev.yaml with {SHARED_FILE}: invalid configuration (1 problem):",
        f"  {SHARED_FILE}: organization: must be 2–10 lowercase letters or digits, starting "
        "with a letter (got 'Contoso Ltd')",
    ]


def test_a_mistake_in_the_stack_file_is_reported_under_its_name() -> None:
    message = error_for(changed(own_values("prod"), "tags.costCenter", "x" * 300), shared(), "prod")
    assert message.splitlines()[0] == "Pulumi.prod.yaml: invalid configuration (1 problem):"
    assert message.splitlines()[1].startswith(f"  {NAMESPACE}:tags.costCenter: Azure allows")


def test_a_stack_value_that_replaces_a_list_owns_its_entries() -> None:
    own = changed(own_values("dev"), "projects", [{"name": "Bad Key"}])
    message = error_for(own, shared())
    assert f"  {NAMESPACE}:projects[0].name: must be" in message


def test_a_key_given_twice_in_the_shared_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / SHARED_FILE).write_text("organization: contoso\norganization: fabrikam\n")
    with pytest.raises(ConfigError, match=rf"^{SHARED_FILE}: line 2: key 'organization' is given"):
        read_shared(tmp_path)


def test_provider_keys_are_refused_in_the_shared_file(tmp_path: Path) -> None:
    (tmp_path / SHARED_FILE).write_text("azure-native:location: westeurope\n")
    with pytest.raises(ConfigError, match="azure-native:location: write keys without a namespace"):
        read_shared(tmp_path)


def test_a_project_without_a_shared_file_reads_only_its_stack_file(tmp_path: Path) -> None:
    assert read_shared(tmp_path) == {}
