"""A personal compute instance in a workspace: what a product team adds to its own project.

The same block as a data product's instances (``computes/blocks.py``): no public IP, local auth
off, SSH off, one assigned user, idle shutdown. A project under a hub gets compute instances
(and serverless compute for jobs, set on the hub); clusters belong to Default workspaces. Pass
``opts.depends_on`` the hub's private endpoint (or the hub): the instance waits for it, as an
instance with no public IP fails before the workspace is reachable privately."""

import pulumi
from pulumi_azure_native import authorization, machinelearningservices

from ..component_types import COMPUTE_INSTANCE_TYPE
from ..config.args import validate_args
from .args import PersonalComputeInstanceArgs
from .blocks import ComputePlacement, compute_instance, depends_on_of
from .config import PersonalComputeInstanceSpec


class PersonalComputeInstance(pulumi.ComponentResource):
    """One personal compute instance (no public IP, local auth and SSH off, idle shutdown) that
    waits for what the component depends on (the hub's private endpoint)."""

    compute_id: pulumi.Output[str]
    compute_name: pulumi.Output[str]

    SPEC = PersonalComputeInstanceSpec  # what validates the args, and what they are generated from

    def __init__(
        self,
        name: str,
        args: PersonalComputeInstanceArgs,
        opts: pulumi.ResourceOptions | None = None,
    ):
        spec = validate_args(self.SPEC, args, f"PersonalComputeInstance '{name}'")
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
            placement=ComputePlacement(
                spec.resource_group_name,
                spec.workspace_name,
                spec.location,
                identity=identity,
                tags=spec.tags or None,
                opts=pulumi.ResourceOptions(parent=self, depends_on=depends_on_of(opts)),
            ),
        )
        self.compute_id = compute.id
        self.compute_name = compute.name
        self.register_outputs(self.outputs())

    def outputs(self) -> dict[str, pulumi.Input[str]]:
        return {"computeId": self.compute_id, "computeName": self.compute_name}
