"""What a reviewer needs to know about each resource besides its inputs: the name it gets in
Azure, its resource group, and the delete locks that point at it. Shared by the text and the
Markdown reports, read from the recorded registrations only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aml_landing_zone.offline.mocks import SUBSCRIPTION_ID, arm_id
from aml_landing_zone.offline.model import ProgramRun, RecordedResource
from aml_landing_zone.offline.plan import UNKNOWN_TEXT, render_value
from aml_landing_zone.resource_types import MANAGEMENT_LOCK, RESOURCE_GROUP, resource_type


def _known(value: Any) -> str | None:
    return value if isinstance(value, str) and value and value != UNKNOWN_TEXT else None


def azure_name(resource: RecordedResource) -> str | None:
    """The resource's own name in Azure, when the program sets it (or ARM fixes it); None for
    components and for names the provider picks at deployment."""
    arm = resource_type(resource.type)
    if not resource.custom or arm is None:
        return None
    given = _known(render_value(resource.inputs.get(arm.name_input)))
    return given or arm.default_name


def resource_group(resource: RecordedResource) -> str | None:
    """The resource group the resource goes into (None for groups themselves and for resources
    placed by scope, such as role assignments and locks)."""
    if resource.type == RESOURCE_GROUP:
        return None
    return _known(render_value(resource.inputs.get("resourceGroupName")))


def subscription_of(run: ProgramRun) -> str:
    """The subscription the mocks answered with (the stack's own, when it sets one)."""
    configured = run.stack_config.get("azure-native:subscriptionId")
    return configured if isinstance(configured, str) and configured else SUBSCRIPTION_ID


def resource_ids(run: ProgramRun) -> dict[str, str]:
    """URN -> the ARM id the offline engine gave each azure-native resource (lower case)."""
    subscription = subscription_of(run)
    ids = {}
    for resource in run.resources:
        if resource.custom and resource.type.startswith("azure-native:"):
            inputs = render_value(resource.inputs)
            assert isinstance(inputs, Mapping)
            ids[resource.urn] = arm_id(resource.type, resource.name, inputs, subscription).lower()
    return ids


def locks_by_target(run: ProgramRun) -> dict[str, list[str]]:
    """URN of a locked resource -> the levels of the locks whose scope is that resource."""
    by_id = {arm: urn for urn, arm in resource_ids(run).items()}
    locked: dict[str, list[str]] = {}
    for lock in run.resources:
        if lock.type != MANAGEMENT_LOCK:
            continue
        inputs = render_value(lock.inputs)
        scope, level = _known(inputs.get("scope")), _known(inputs.get("level"))
        target = by_id.get(scope.rstrip("/").lower()) if scope else None
        if target is not None:
            locked.setdefault(target, []).append(level or "?")
    return {urn: sorted(levels) for urn, levels in locked.items()}
