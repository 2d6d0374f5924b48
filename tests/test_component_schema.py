"""The components are offered to other Pulumi languages: Pulumi's own schema analyzer infers
their inputs and outputs from the TypedDict args and annotated outputs, and the package schema
the component provider serves is pinned by a golden file, so changing a component's args is a
deliberate act that regenerates it:

    uv run python -m tests.test_component_schema
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from aml_landing_zone.component_provider import COMPONENTS, PACKAGE_NAME, package_schema
from aml_landing_zone.component_types import (
    COMPUTE_INSTANCE_TYPE,
    DATA_LANDING_ZONE_TYPE,
    HUB_TYPE,
    PROJECT_TYPE,
)
from pulumi.provider.experimental.analyzer import Analyzer

from tests.stack_values import ROOT

GOLDEN = ROOT / "tests" / "golden" / "schema.json"
REGENERATE = "uv run python -m tests.test_component_schema"


def pinned_schema() -> dict[str, Any]:
    """The served schema without its version, which changes with every release, not with args."""
    return {key: value for key, value in package_schema().items() if key != "version"}


def differences(old: Any, new: Any, path: str = "") -> Iterator[str]:
    """Where two JSON documents differ, as readable paths."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            where = f"{path}.{key}" if path else key
            if key not in new:
                yield f"{where}: removed"
            elif key not in old:
                yield f"{where}: added"
            else:
                yield from differences(old[key], new[key], where)
    elif old != new:
        yield f"{path}: {json.dumps(old)} -> {json.dumps(new)}"


@pytest.fixture(scope="module")
def schema():
    return Analyzer(PACKAGE_NAME).analyze(COMPONENTS)


def test_served_schema_matches_the_golden_file() -> None:
    golden = json.loads(GOLDEN.read_text())
    changed = list(differences(golden, pinned_schema()))
    assert not changed, (
        "the component package schema differs from tests/golden/schema.json: a component's "
        "args or outputs changed, and programs in other languages would see the change. If it "
        f"is intended, regenerate the golden file with `{REGENERATE}` and commit it.\n  "
        + "\n  ".join(changed[:20])
    )


def test_component_tokens_match_what_the_components_register(schema) -> None:
    assert sorted(schema["component_definitions"]) == [
        "DataLandingZoneML",
        "Hub",
        "PersonalComputeInstance",
        "ProjectWorkspace",
    ]
    assert COMPUTE_INSTANCE_TYPE == "amllz:index:PersonalComputeInstance"
    assert (HUB_TYPE, PROJECT_TYPE) == ("amllz:index:Hub", "amllz:index:ProjectWorkspace")
    assert DATA_LANDING_ZONE_TYPE == "amllz:index:DataLandingZoneML"


def test_data_landing_zone_schema_takes_the_zone_and_its_products(schema) -> None:
    dlz = schema["component_definitions"]["DataLandingZoneML"]
    assert sorted(k for k, v in dlz.inputs.items() if not v.optional) == [
        "dataLandingZone",
        "dataProducts",
        "environment",
        "location",
        "organization",
        "tags",
    ]
    assert sorted(dlz.outputs) == [
        "identityIds",
        "principalIds",
        "resourceGroupIds",
        "resourceGroupNames",
        "workspaceIds",
    ]
    assert {"DataProductArgs", "DatastoreArgs", "ComputeClusterArgs", "AksAttachArgs"} <= set(
        schema["type_definitions"]
    )


def test_hub_schema_requires_only_naming_parts_and_cost_tags(schema) -> None:
    hub = schema["component_definitions"]["Hub"]
    assert sorted(k for k, v in hub.inputs.items() if not v.optional) == [
        "environment",
        "location",
        "organization",
        "tags",
    ]
    assert {"network", "managedNetwork", "encryption", "identity"} <= set(hub.inputs)
    assert {"hubId", "principalId", "projectResourceGroupName", "logAnalyticsWorkspaceId"} <= set(
        hub.outputs
    )


def test_project_schema_takes_a_hub_id_and_no_hub_owned_settings(schema) -> None:
    project = schema["component_definitions"]["ProjectWorkspace"]
    required = sorted(k for k, v in project.inputs.items() if not v.optional)
    assert required == ["hubResourceId", "location", "resourceGroupName", "workspaceName"]
    for hub_owned in ("publicNetworkAccess", "storageAccount", "keyVault", "managedNetwork"):
        assert hub_owned not in project.inputs
    assert sorted(project.outputs) == ["principalId", "workspaceId", "workspaceName"]


def test_nested_args_become_schema_types(schema) -> None:
    assert {
        "OutboundRuleArgs",
        "NetworkArgs",
        "EncryptionArgs",
        "ProjectMemberArgs",
    } <= set(schema["type_definitions"])


def test_enumerations_become_schema_enums(schema) -> None:
    types = schema["type_definitions"]
    for name, values in {
        "IdentityType": ["SystemAssigned", "UserAssigned"],
        "PublicNetworkAccess": ["Enabled", "Disabled"],
        "DnsMode": ["create", "existing", "none"],
    }.items():
        assert [member.value for member in types[name].enum] == values


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(pinned_schema(), indent=2, sort_keys=True) + "\n")
    print(f"wrote {GOLDEN.relative_to(ROOT)}", file=sys.stderr)
