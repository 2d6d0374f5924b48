"""A personal compute instance in a workspace: what a product team adds to its own project.

The same block as a data product's instances (``blocks/compute.py``): no public IP, local auth
off, SSH off, one assigned user, idle shutdown. A project under a hub gets compute instances
(and serverless compute for jobs, set on the hub); clusters belong to Default workspaces. Pass
``opts.depends_on`` the hub's private endpoint (or the hub): the instance waits for it, as an
instance with no public IP fails before the workspace is reachable privately."""

from collections.abc import Mapping
from typing import NotRequired, TypedDict

import pulumi
from pulumi_azure_native import authorization, machinelearningservices

from .blocks.compute import compute_instance, depends_on_of
from .component_types import COMPUTE_INSTANCE_TYPE
from .config.args import validate_args
from .config.compute_instance import PersonalComputeInstanceSpec


class PersonalComputeInstanceArgs(TypedDict):
    """``workspace_name`` and ``resource_group_name``: the workspace's (a ProjectWorkspace's
    outputs); ``compute_name``: 3–24 characters, unique in the region. ``assigned_user``: the
    Entra object id of the one user who may use it; ``tenant_id`` defaults to the deploying
    client's. ``vm_size`` (default Standard_DS11_v2) and ``idle_time_before_shutdown`` (default
    PT60M, PT15M to P3D) as a data product's instances. ``user_assigned_identity_id``: an identity
    for the instance (none by default)."""

    workspace_name: pulumi.Input[str]
    resource_group_name: pulumi.Input[str]
    location: pulumi.Input[str]
    compute_name: str
    assigned_user: str
    vm_size: NotRequired[str]
    idle_time_before_shutdown: NotRequired[str]
    tenant_id: NotRequired[pulumi.Input[str]]
    user_assigned_identity_id: NotRequired[pulumi.Input[str]]
    tags: NotRequired[pulumi.Input[Mapping[str, pulumi.Input[str]]]]


class PersonalComputeInstance(pulumi.ComponentResource):
    """One personal compute instance (no public IP, local auth and SSH off, idle shutdown) that
    waits for what the component depends on (the hub's private endpoint)."""

    compute_id: pulumi.Output[str]
    compute_name: pulumi.Output[str]

    def __init__(
        self,
        name: str,
        args: PersonalComputeInstanceArgs,
        opts: pulumi.ResourceOptions | None = None,
    ):
        spec = validate_args(PersonalComputeInstanceSpec, args, f"PersonalComputeInstance '{name}'")
        super().__init__(COMPUTE_INSTANCE_TYPE, name, None, opts)
        tenant_id = (
            spec.tenant_id
            if spec.tenant_id is not None
            else authorization.get_client_config_output(
                opts=pulumi.InvokeOutputOptions(parent=self)
            ).tenant_id
        )
        identity: machinelearningservices.ManagedServiceIdentityArgsDict | None = (
            {"type": "UserAssigned", "user_assigned_identities": [spec.user_assigned_identity_id]}
            if spec.user_assigned_identity_id is not None
            else None
        )
        compute = compute_instance(
            f"{name}-ci",
            spec.compute_name,
            spec,
            tenant_id=tenant_id,
            resource_group_name=spec.resource_group_name,
            workspace_name=spec.workspace_name,
            location=spec.location,
            identity=identity,
            tags=spec.tags or None,
            opts=pulumi.ResourceOptions(parent=self, depends_on=depends_on_of(opts)),
        )
        self.compute_id = compute.id
        self.compute_name = compute.name
        self.register_outputs(self.outputs())

    def outputs(self) -> dict[str, pulumi.Input[str]]:
        return {"computeId": self.compute_id, "computeName": self.compute_name}
