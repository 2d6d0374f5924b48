"""Pulumi mocks for unit-testing a program that uses the landing-zone components.

Pulumi's mock runtime asks ``new_resource`` for each resource's outputs. A mock that echoes the
inputs breaks where Azure answers differently from what it was given: a managed identity's
``userAssignedIdentities`` is a list of ids going in and a map by id coming out (an echoing mock
fails inside the SDK with ``Unexpected type. Expected 'list' got 'typing.Mapping[...]'``), a
system-assigned identity gets a principal and tenant, and ids are ARM ids that the components
parse (role-assignment scopes, private-endpoint targets, subscriptions). :class:`AzureMocks`
answers as the offline preview does, from the resource-type registry (``resource_types``):
ARM ids of each type's shape, Azure names, identities' principal and client ids and the other
outputs Azure computes, all deterministic; it records what the program registered.

    import pulumi
    from aml_landing_zone.testing import AzureMocks

    mocks = AzureMocks()
    pulumi.runtime.set_mocks(mocks, preview=False)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from .offline.mocks import (
    CLIENT_ID,
    OBJECT_ID,
    STACK_REFERENCE,
    SUBSCRIPTION_ID,
    TENANT_ID,
)
from .offline.mocks import AzureMocks as _OfflineMocks

__all__ = ["CLIENT_ID", "OBJECT_ID", "SUBSCRIPTION_ID", "TENANT_ID", "AzureMocks"]


class AzureMocks(_OfflineMocks):
    """What azure-native answers, offline. ``registered`` holds each resource's registration
    by its Pulumi name, ``ids`` the id it got and ``outputs`` what Azure answered.
    ``subscription_id`` is the deploying subscription (``getClientConfig`` and every id the
    mocks make carry it); ``stack_outputs`` answers a ``pulumi.StackReference`` by the
    referenced stack's name (``org/project/stack``), with what ``pulumi stack output --json``
    prints for it. A read (``Resource.get``) answers with the id it was given and that id's
    last segment as name."""

    def __init__(
        self,
        subscription_id: str | None = None,
        stack_outputs: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        super().__init__(subscription_id)
        self.stack_outputs = {
            name: dict(outputs) for name, outputs in (stack_outputs or {}).items()
        }
        self.registered: dict[str, pulumi.runtime.MockResourceArgs] = {}
        self.ids: dict[str, str] = {}
        self.outputs: dict[str, dict[str, Any]] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict]:
        self.registered[args.name] = args
        if args.typ == STACK_REFERENCE:
            stack = str(args.resource_id or args.inputs.get("name") or args.name)
            if stack not in self.stack_outputs:
                known = ", ".join(sorted(self.stack_outputs)) or "none"
                raise KeyError(
                    f"StackReference '{stack}': no outputs given (stack_outputs: {known})"
                )
            outputs = {"name": stack, "outputs": self.stack_outputs[stack], "secretOutputNames": []}
            return stack, outputs
        if args.resource_id and args.custom:  # a read: Azure answers for the existing resource
            name = args.resource_id.rstrip("/").rsplit("/", 1)[-1]
            state = {**args.inputs, "id": args.resource_id, "name": name}
            resource_id: str | None = args.resource_id
        else:
            resource_id, state = super().new_resource(args)
        if resource_id:
            self.ids[args.name] = resource_id
        self.outputs[args.name] = state
        return resource_id, state

    def of_type(self, token: str) -> dict[str, dict[str, Any]]:
        """The inputs of every registered resource of ``token``, by Pulumi name."""
        return {name: a.inputs for name, a in self.registered.items() if a.typ == token}
