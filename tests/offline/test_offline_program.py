"""run_program: what the engine records, config handling, errors and isolation between runs."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pulumi
import pytest
from aml_landing_zone.offline.model import SECRET_SIG_KEY, SECRET_SIG_VALUE, ProgramRun
from aml_landing_zone.offline.program import (
    ProgramTimeoutError,
    ProjectFileError,
    flatten_config,
    run_program,
)
from aml_landing_zone.offline.recorder import DuplicateResourceError
from pulumi.runtime import settings as pulumi_settings

from tests.offline.offline_tiny import BASE_CONFIG, RG_URN, ROLE_URN, STORAGE_URN, UAMI_URN

ARM_STORAGE_ID = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-tiny-dev"
    "/providers/Microsoft.Storage/storageAccounts/sttinydev"
)


def by_urn(run: ProgramRun) -> dict:
    return {resource.urn: resource for resource in run.resources}


def test_resources_sorted_and_stack_left_out(tiny_run: ProgramRun) -> None:
    urns = [resource.urn for resource in tiny_run.resources]
    assert urns == sorted(urns)
    assert len(urns) == 5
    assert all(resource.type != "pulumi:pulumi:Stack" for resource in tiny_run.resources)
    assert (
        by_urn(tiny_run)["urn:pulumi:dev::tiny::pulumi:pulumi:Stack$tiny:data:Data::data"].custom
        is False
    )


def test_inputs_are_camel_case_as_registered(tiny_run: ProgramRun) -> None:
    account = by_urn(tiny_run)[STORAGE_URN]
    assert account.inputs["allowSharedKeyAccess"] is False
    assert account.inputs["resourceGroupName"] == "rg-tiny-dev"
    assert account.inputs["minimumTlsVersion"] == "TLS1_2"
    assert account.inputs["sku"] == {"name": "Standard_ZRS"}
    assert account.inputs["tags"]["costCenter"] == 42  # integral numbers stay ints
    for resource in tiny_run.resources:
        assert not [key for key in resource.inputs if "_" in key], resource.urn


def test_parent_follows_component(tiny_run: ProgramRun) -> None:
    account = by_urn(tiny_run)[STORAGE_URN]
    assert account.parent == "urn:pulumi:dev::tiny::pulumi:pulumi:Stack$tiny:data:Data::data"
    assert by_urn(tiny_run)[RG_URN].parent == "urn:pulumi:dev::tiny::pulumi:pulumi:Stack::tiny-dev"


def test_ids_are_arm_style(tiny_run: ProgramRun) -> None:
    assert tiny_run.outputs["storageAccountId"] == ARM_STORAGE_ID
    role = by_urn(tiny_run)[ROLE_URN]
    assert role.inputs["scope"] == ARM_STORAGE_ID
    assert re.fullmatch(r"[0-9a-f-]{36}", role.inputs["principalId"])


def test_implicit_and_explicit_dependencies(tiny_run: ProgramRun) -> None:
    resources = by_urn(tiny_run)
    role = resources[ROLE_URN]
    assert set(role.dependencies) == {UAMI_URN, STORAGE_URN}
    assert role.property_dependencies["scope"] == (STORAGE_URN,)
    assert role.property_dependencies["principalId"] == (UAMI_URN,)
    # uami gets the resource group name as a plain string: the dependency is explicit only.
    uami = resources[UAMI_URN]
    assert uami.dependencies == (RG_URN,)
    assert all(not deps for deps in uami.property_dependencies.values())


def test_secret_input_keeps_wire_form(tiny_run: ProgramRun) -> None:
    secret = by_urn(tiny_run)[STORAGE_URN].inputs["tags"]["secretTag"]
    assert secret == {SECRET_SIG_KEY: SECRET_SIG_VALUE, "value": "hush"}


def test_stack_outputs_captured(tiny_run: ProgramRun) -> None:
    outputs = tiny_run.outputs
    assert outputs["resourceGroupName"] == "rg-tiny-dev"
    assert outputs["blobEndpoint"] == "https://sttinydev.blob.core.windows.net/"
    assert outputs["replicas"] == 3
    assert outputs["tenantId"] == "11111111-1111-1111-1111-111111111111"
    assert outputs["apiKey"][SECRET_SIG_KEY] == SECRET_SIG_VALUE
    assert outputs["apiKey"]["value"] == "[secret]"  # secure: values cannot be decrypted offline


def test_stack_config_is_recorded_with_secrets_hidden(tiny_run: ProgramRun) -> None:
    assert tiny_run.stack_config["apiKey"] == "[secret]"
    assert tiny_run.stack_config["accountName"] == "sttinydev"


def test_flatten_config_like_the_cli() -> None:
    flat, secret_keys = flatten_config(
        "proj",
        {
            "name": "x",
            "aws:region": "eu",
            "enabled": True,
            "count": 3,
            "ratio": 1.5,
            "tags": {"b": 1, "a": [True, None]},
            "password": {"secure": "v1:abc"},
            "nested": {"inner": {"secure": "v1:def"}},
        },
    )
    assert flat == {
        "proj:name": "x",
        "aws:region": "eu",
        "proj:enabled": "true",
        "proj:count": "3",
        "proj:ratio": "1.5",
        "proj:tags": '{"b":1,"a":[true,null]}',
        "proj:password": "[secret]",
        "proj:nested": '{"inner":"[secret]"}',
    }
    assert secret_keys == ["proj:nested", "proj:password"]


def test_project_config_defaults_apply_unless_overridden() -> None:
    flat, _ = flatten_config("p", {"a": "stack"}, {"a": "default", "b": 2})
    assert flat == {"p:a": "stack", "p:b": "2"}


def test_config_argument_replaces_stack_file(tiny_dir: Path) -> None:
    run = run_program(tiny_dir, "dev", {**BASE_CONFIG, "accountName": "streplaced"})
    assert run.stack == "dev"
    assert run.outputs["storageAccountId"].endswith("/storageAccounts/streplaced")
    assert "apiKey" not in run.stack_config
    assert "apiKey" not in run.outputs  # a None export is dropped, as by the engine


def test_run_error_propagates_unchanged(tiny_dir: Path) -> None:
    with pytest.raises(pulumi.RunError) as caught:
        run_program(tiny_dir, "dev", {**BASE_CONFIG, "fail": True})
    assert type(caught.value) is pulumi.RunError
    assert str(caught.value) == "Pulumi.dev.yaml: config key 'tiny:fail' asks this program to fail"


def test_error_inside_apply_surfaces(tiny_dir: Path) -> None:
    with pytest.raises(ValueError, match="boom in apply"):
        run_program(tiny_dir, "dev", {**BASE_CONFIG, "failInApply": True})


def test_missing_stack_file_is_a_run_error(tiny_dir: Path) -> None:
    with pytest.raises(
        ProjectFileError, match=r"no stack 'nope': there is no Pulumi\.nope\.yaml in "
    ):
        run_program(tiny_dir, "nope")


def test_unparseable_stack_file_is_a_run_error(make_project) -> None:
    project = make_project("config:\n  a: [unclosed\n")
    with pytest.raises(ProjectFileError, match="invalid YAML"):
        run_program(project, "dev")


def test_duplicate_urn_is_rejected_like_the_engine(make_project) -> None:
    main = (
        "from pulumi_azure_native import resources\n"
        "resources.ResourceGroup('rg')\n"
        "resources.ResourceGroup('rg')\n"
    )
    project = make_project("config: {}\n", main=main)
    with pytest.raises(DuplicateResourceError, match="Duplicate resource URN"):
        run_program(project, "dev")


def test_output_that_never_resolves_times_out_instead_of_hanging(make_project) -> None:
    main = (
        "import asyncio, pulumi\n"
        "never = asyncio.get_event_loop().create_future()\n"
        "pulumi.export('never', pulumi.Output.from_input(never))\n"
    )
    project = make_project("config: {}\n", main=main)
    with pytest.raises(ProgramTimeoutError):
        run_program(project, "dev", timeout=0.3)


def test_sequential_runs_do_not_leak(tiny_dir: Path, make_project) -> None:
    cwd, path0 = os.getcwd(), sys.path[0]
    helper_main = (
        "import pulumi, helper\nhelper.SEEN.append(1)\npulumi.export('seen', len(helper.SEEN))\n"
    )
    project = make_project("config: {}\n", main=helper_main)
    (project / "helper.py").write_text("SEEN: list = []\n")
    for index in range(4):
        with pytest.raises(pulumi.RunError):
            run_program(tiny_dir, "dev", {**BASE_CONFIG, "fail": True})
        run = run_program(tiny_dir, "dev", {**BASE_CONFIG, "accountName": f"st{index}"})
        assert len(run.resources) == 5
        assert run.outputs["storageAccountId"].endswith(f"/storageAccounts/st{index}")
        assert sorted(r.name for r in run.resources) == [
            "data",
            "data-sa",
            "rg",
            "uami",
            "uami-blob-reader",
        ]
        # The program's own modules are fresh on every run, as in a new process.
        assert run_program(project, "dev").outputs == {"seen": 1}
        assert run_program(project, "other", {}).resources == ()
    assert os.getcwd() == cwd
    assert sys.path[0] == path0
    assert "helper" not in sys.modules
    assert pulumi_settings.get_root_resource() is None


def test_a_key_written_twice_in_the_stack_file_is_an_error(make_project) -> None:
    project = make_project("config:\n  app:location: westeurope\n  app:location: eastus\n")
    with pytest.raises(ProjectFileError, match="duplicate key 'app:location'"):
        run_program(project, "dev")


def test_the_sdks_stack_trace_hook_is_restored_after_a_run(tiny_dir: Path) -> None:
    """The run skips the SDK's per-resource stack walk (nothing offline reads source positions)
    and gives the hook back, so a Pulumi program run later in the process is untouched."""
    from pulumi.runtime import resource

    before = resource._get_stack_trace
    run = run_program(tiny_dir, "dev")
    assert run.resources  # the run registered its resources without the hook
    assert resource._get_stack_trace is before


def test_the_sdks_unknowns_scan_is_restored_and_still_finds_unknowns(tiny_dir: Path) -> None:
    """During a run a scalar skips the SDK's recursive unknowns scan; a nested Unknown is still
    found, and both functions are the SDK's own again after the run."""
    from aml_landing_zone.offline.program import scalars_skip_the_unknowns_scan
    from pulumi import output
    from pulumi.runtime import rpc

    before = (rpc.contains_unknowns, output.contains_unknowns)
    with scalars_skip_the_unknowns_scan():
        assert output.contains_unknowns("a string") is False
        assert output.contains_unknowns({"a": [1, output.UNKNOWN]}) is True
        assert rpc.contains_unknowns([output.UNKNOWN]) is True
    run = run_program(tiny_dir, "dev")
    assert run.resources
    assert (rpc.contains_unknowns, output.contains_unknowns) == before
