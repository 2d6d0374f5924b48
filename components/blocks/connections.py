"""Workspace connections with Microsoft Entra ID (AAD) authentication: the caller's identity
reaches the target, no secret is stored in the workspace.

azure-native 3.29 sends the keys of some union types (connection properties among them) in
snake_case whether given as a dict or an Args class, which ARM would not read; the value of an
Output is sent untranslated, so the properties go through one (``_as_sent``, wire names)."""

from __future__ import annotations

from typing import Any

import pulumi
from pulumi_azure_native import machinelearningservices


def aad_connection(
    resource_name: str,
    *,
    connection_name: str,
    workspace: tuple[pulumi.Input[str], pulumi.Input[str]],
    category: str,
    target: str,
    resource_id: str,
    shared: bool = False,
    parent: pulumi.Resource,
) -> machinelearningservices.WorkspaceConnection:
    """A connection of ``category`` to ``target`` (its ARM id in the metadata) in the workspace
    ``(resource group, name)``; ``shared``: a hub's connection, usable by all its projects."""
    properties: dict[str, object] = {
        "authType": "AAD",
        "category": category,
        "target": target,
        "metadata": {"ResourceId": resource_id},
    }
    if shared:
        properties["isSharedToAll"] = True
    resource_group_name, workspace_name = workspace
    return machinelearningservices.WorkspaceConnection(
        resource_name,
        connection_name=connection_name,
        resource_group_name=resource_group_name,
        workspace_name=workspace_name,
        properties=_as_sent(properties),
        opts=pulumi.ResourceOptions(parent=parent),
    )


def _as_sent(properties: dict[str, object]) -> Any:
    """``properties`` in wire names, sent as they are (module docstring)."""
    return pulumi.Output.from_input("").apply(lambda _: properties)
