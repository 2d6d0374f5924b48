"""Azure ML compute rules. Compute inputs are not flattened: the common settings sit under
``properties`` and the type-specific ones under ``properties.properties``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import Any

from aml_landing_zone.arm import resource_name
from aml_landing_zone.durations import parse_duration
from aml_landing_zone.policies.rules.common import (
    ADVISORY,
    DISABLED,
    MANDATORY,
    PROJECTS,
    UNKNOWN,
    Config,
    Finding,
    Stack,
    duration,
    get,
    identity,
    ieq,
    iin,
    is_false,
    is_project,
    is_true,
    number,
    peek,
    put,
    reads,
    resource_policy,
    show,
    stack_policy,
    string_list,
    text,
)
from aml_landing_zone.resource_types import (
    ML_COMPUTE,
    ML_WORKSPACE,
)
from pulumi_policy import PolicyResource

AML_COMPUTE = "AmlCompute"
COMPUTE_INSTANCE = "ComputeInstance"
MANAGED_COMPUTE = (AML_COMPUTE, COMPUTE_INSTANCE)

# Azure's own defaults for a cluster, used when the inputs leave them out.
DEFAULT_MIN_NODES = 0.0
DEFAULT_SCALE_DOWN_IDLE = timedelta(seconds=120)


def _compute_type(props: Any) -> Any:
    return get(props, "properties.computeType")


def _managed(props: Any) -> bool:
    return iin(_compute_type(props), MANAGED_COMPUTE)


def _local_auth(props: Any, _: Config) -> Iterator[str]:
    if not _managed(props):
        return
    value = get(props, "properties.disableLocalAuth")
    if not is_true(value):
        yield f"properties.disableLocalAuth is {show(value)}; set it to true."


def _disable_local_auth(props: Any, _: Config) -> bool:
    """Remediation: switch local (key-based) authentication off."""
    if not _managed(props) or is_true(get(props, "properties.disableLocalAuth")):
        return False
    return put(props, "properties.disableLocalAuth", True)


def _vm_size(props: Any, config: Config) -> Iterator[str]:
    if not _managed(props):
        return
    size = get(props, "properties.properties.vmSize")
    if not iin(size, config["allowedVmSizes"]):
        yield (
            f"properties.properties.vmSize is {show(size)}; allowed: "
            f"{', '.join(config['allowedVmSizes'])}."
        )


def _ssh_public(props: Any, _: Config) -> Iterator[str]:
    if ieq(_compute_type(props), AML_COMPUTE):
        path = "properties.properties.remoteLoginPortPublicAccess"
    elif ieq(_compute_type(props), COMPUTE_INSTANCE):
        path = "properties.properties.sshSettings.sshPublicAccess"
    else:
        return
    value = get(props, path)
    if not ieq(value, "Disabled"):
        yield f"{path} is {show(value)}; set it to 'Disabled'."


def _duration_limit(config: Config, key: str) -> timedelta:
    limit = parse_duration(config[key])
    if limit is None:
        raise ValueError(f"{key} {config[key]!r} is not an ISO-8601 duration")
    return limit


def _cluster_scale(props: Any, config: Config) -> Iterator[str]:
    if not ieq(_compute_type(props), AML_COMPUTE):
        return
    scale = "properties.properties.scaleSettings"
    max_nodes = number(get(props, f"{scale}.maxNodeCount"))
    if max_nodes is None:
        yield f"{scale}.maxNodeCount is not set; cap it at {show(config['maxNodeCount'])}."
    elif max_nodes > config["maxNodeCount"]:
        yield (
            f"{scale}.maxNodeCount is {show(max_nodes)}, above the limit of "
            f"{show(config['maxNodeCount'])}."
        )
    min_nodes = number(get(props, f"{scale}.minNodeCount"))
    if (min_nodes if min_nodes is not None else DEFAULT_MIN_NODES) > config["minNodeCount"]:
        yield (
            f"{scale}.minNodeCount is {show(min_nodes)}, above the limit of "
            f"{show(config['minNodeCount'])}: idle nodes are billed."
        )
    idle_text = get(props, f"{scale}.nodeIdleTimeBeforeScaleDown")
    idle = parse_duration(idle_text) if idle_text is not None else DEFAULT_SCALE_DOWN_IDLE
    limit = _duration_limit(config, "maxNodeIdleTimeBeforeScaleDown")
    if idle is None:
        yield f"{scale}.nodeIdleTimeBeforeScaleDown {show(idle_text)} is not an ISO-8601 duration."
    elif idle > limit:
        yield (
            f"{scale}.nodeIdleTimeBeforeScaleDown is {show(idle_text)}, longer than "
            f"{config['maxNodeIdleTimeBeforeScaleDown']}."
        )


def _idle_shutdown(props: Any, config: Config) -> Iterator[str]:
    if not ieq(_compute_type(props), COMPUTE_INSTANCE):
        return
    path = "properties.properties.idleTimeBeforeShutdown"
    value = get(props, path)
    idle = parse_duration(value)
    if text(value) is None:
        yield f"{path} is not set; the instance would run (and bill) until stopped by hand."
    elif idle is None:
        yield f"{path} {show(value)} is not an ISO-8601 duration."
    elif idle > _duration_limit(config, "maxIdleTimeBeforeShutdown"):
        yield f"{path} is {show(value)}, longer than {config['maxIdleTimeBeforeShutdown']}."


def _public_ip(props: Any, _: Config) -> Iterator[str]:
    if not _managed(props):
        return
    value = get(props, "properties.properties.enableNodePublicIp")
    if not is_false(value):
        yield (
            f"properties.properties.enableNodePublicIp is {show(value)} (Azure's default is "
            "true); set it to false."
        )


# Kubernetes computes (v2: an existing cluster with the Azure ML extension) and the legacy v1
# AKS type: https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-to-workspace
KUBERNETES_COMPUTE = ("Kubernetes", "AKS")


def _aks_attach_only(props: Any, _: Config) -> Iterator[str]:
    compute_type = _compute_type(props)
    if not iin(compute_type, KUBERNETES_COMPUTE):
        return
    if text(get(props, "properties.resourceId")) is None:
        yield (
            f"this {compute_type} compute has no properties.resourceId, so it attaches no "
            "existing cluster (the legacy AKS type would have Azure ML create one); attach an "
            "existing, centrally governed cluster by its id, as computeType Kubernetes."
        )


_CREATION_SCRIPT = "properties.properties.setupScripts.scripts.creationScript"


def _setup_script(props: Any, config: Config) -> Iterator[str]:
    if not ieq(_compute_type(props), COMPUTE_INSTANCE) or not config["scriptData"]:
        return
    source = get(props, f"{_CREATION_SCRIPT}.scriptSource")
    data = get(props, f"{_CREATION_SCRIPT}.scriptData")
    if not ieq(source, config["scriptSource"]) or data != config["scriptData"]:
        yield (
            f"{_CREATION_SCRIPT} is not the landing zone's {config['scriptSource']} script "
            f"(scriptSource {show(source)})."
        )


def _apply_setup_script(props: Any, config: Config) -> bool:
    """Remediation: set the configured creation script, as the ALZ Append policy does."""
    if not any(_setup_script(props, config)):
        return False
    return put(props, f"{_CREATION_SCRIPT}.scriptSource", config["scriptSource"]) and put(
        props, f"{_CREATION_SCRIPT}.scriptData", config["scriptData"]
    )


def _declared_isolated(name: Any, config: Config) -> bool:
    """Whether the pack's ``managedNetworkWorkspaces`` names this workspace (by name or by the
    last segment of an ARM id): one another stack owns, whose isolation this stack cannot see."""
    if not isinstance(name, str) or not name:
        return False
    wanted = resource_name(name).casefold()
    return any(
        resource_name(str(entry)).casefold() == wanted
        for entry in config["managedNetworkWorkspaces"]
    )


def _isolated(workspace: PolicyResource, stack: Stack, config: Config) -> bool | None:
    """Whether a workspace (or a project's hub) uses a managed network; None when unknown. A
    project whose hub lives in another stack is isolated when the pack parameter says so."""
    owner = stack.hub_of(workspace) if is_project(workspace.props) else workspace
    if owner is None:
        return _declared_isolated(peek(workspace.props, "hubResourceId"), config)
    mode = peek(owner.props, "managedNetwork.isolationMode")
    if mode is UNKNOWN:
        return None
    return iin(mode, ["AllowInternetOutbound", "AllowOnlyApprovedOutbound"])


def _workspace_of(compute: PolicyResource, stack: Stack) -> PolicyResource | None:
    """The workspace a compute belongs to: by URN link, else by workspace name."""
    for workspace in stack.of_type(ML_WORKSPACE):
        deps = compute.property_dependencies.get("workspaceName")
        if deps:
            if any(d.urn == workspace.urn for d in deps):
                return workspace
            continue
        name = peek(compute.props, "workspaceName")
        own = peek(workspace.props, "workspaceName")
        if isinstance(name, str) and isinstance(own, str) and name.casefold() == own.casefold():
            return workspace
    return None


def _subnet_check(stack: Stack, config: Config) -> Iterable[Finding]:
    for compute in stack.of_type(ML_COMPUTE):
        props = compute.props
        compute_type = peek(props, "properties.computeType")
        subnet = peek(props, "properties.properties.subnet.id")
        if not iin(compute_type, MANAGED_COMPUTE) or subnet is UNKNOWN or text(subnet):
            continue
        workspace = _workspace_of(compute, stack)
        if workspace is not None:
            isolated = _isolated(workspace, stack, config)
        else:  # another stack's workspace (a platform hub): only the pack parameter knows
            isolated = _declared_isolated(peek(compute.props, "workspaceName"), config)
        if isolated is False:
            where = f"workspace {workspace.name}" if workspace else "its workspace (not found)"
            yield Finding(
                compute.urn,
                f"compute {compute.name} has no properties.properties.subnet.id and {where} "
                "does not use a managed network.",
            )


COMPUTE_POLICIES = [
    resource_policy(
        "compute-local-auth",
        "ML computes (clusters and instances) must disable local authentication. Key-based "
        "access bypasses Entra ID and cannot be audited per user (built-in policy and its "
        "Modify variant, PSRule, CKV_AZURE_142). Remediation sets "
        "properties.disableLocalAuth to true.",
        [ML_COMPUTE],
        _local_auth,
        level=MANDATORY,
        remediate=_disable_local_auth,
        reads=["properties.computeType", "properties.disableLocalAuth"],
    ),
    stack_policy(
        "compute-subnet",
        "ML clusters and instances must join a virtual network subnet unless their workspace "
        "uses a managed network. Computes outside both are reachable from the internet "
        "(ALZ Deny-MachineLearning-Compute-SubnetId, PSRule Azure.ML.ComputeVnet); the "
        "exemption needs the workspace, so this is a stack rule. A workspace (or a project's "
        "hub) in another stack is exempt when managedNetworkWorkspaces names it.",
        _subnet_check,
        MANDATORY,
        schema={
            "managedNetworkWorkspaces": string_list(
                "Workspaces of other stacks (names or ARM ids) that use a managed network, "
                "e.g. the platform hub a product team's projects and computes live under.",
                [],
            )
        },
        reads=[
            *reads(
                ML_COMPUTE,
                "properties.computeType",
                "properties.properties.subnet.id",
                "workspaceName",
            ),
            *reads(ML_WORKSPACE, "kind", "workspaceName", "hubResourceId"),
            *reads(ML_WORKSPACE, "managedNetwork.isolationMode", exempt=PROJECTS),  # the hub's
            *identity(ML_WORKSPACE),
        ],
    ),
    resource_policy(
        "compute-vm-size",
        "ML clusters and instances must use an allowed VM size. The list caps cost and GPU "
        "quota per environment (ALZ Deny-MachineLearning-Compute-VmSize); sizes compare "
        "case-insensitively.",
        [ML_COMPUTE],
        _vm_size,
        level=MANDATORY,
        schema={
            "allowedVmSizes": string_list(
                "VM sizes computes may use.",
                ["Standard_DS3_v2", "Standard_DS11_v2", "Standard_E4ds_v4", "Standard_NC6s_v3"],
            )
        },
        reads=["properties.computeType", "properties.properties.vmSize"],
    ),
    resource_policy(
        "compute-ssh-public",
        "ML computes must close their public SSH port. Clusters set remoteLoginPortPublicAccess "
        "and instances sshSettings.sshPublicAccess to Disabled; an open port invites brute "
        "force (ALZ Deny-MachineLearning-ComputeCluster-RemoteLoginPortPublicAccess).",
        [ML_COMPUTE],
        _ssh_public,
        level=MANDATORY,
        reads=[
            "properties.computeType",
            "properties.properties.remoteLoginPortPublicAccess",
            "properties.properties.sshSettings.sshPublicAccess",
        ],
    ),
    resource_policy(
        "compute-cluster-scale",
        "ML clusters must stay within the configured scale limits. Max and min node counts "
        "and the idle time before scale-down bound what an idle or runaway cluster costs "
        "(ALZ Deny-MachineLearning-ComputeCluster-Scale, CKV_AZURE_150); durations compare "
        "as ISO-8601 time spans, missing values take Azure's defaults (0 nodes, PT120S).",
        [ML_COMPUTE],
        _cluster_scale,
        level=ADVISORY,
        schema={
            "maxNodeCount": {
                "type": "integer",
                "minimum": 0,
                "default": 10,
                "description": "Highest maxNodeCount allowed.",
            },
            "minNodeCount": {
                "type": "integer",
                "minimum": 0,
                "default": 0,
                "description": "Highest minNodeCount allowed (nodes kept running when idle).",
            },
            "maxNodeIdleTimeBeforeScaleDown": duration(
                "Longest nodeIdleTimeBeforeScaleDown allowed (ISO-8601).", "PT15M"
            ),
        },
        reads=[
            "properties.computeType",
            "properties.properties.scaleSettings.maxNodeCount",
            "properties.properties.scaleSettings.minNodeCount",
            "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown",
        ],
    ),
    resource_policy(
        "compute-idle-shutdown",
        "ML compute instances must shut down when idle. An instance without "
        "idleTimeBeforeShutdown bills around the clock once forgotten (built-in policy, "
        "PSRule Azure.ML.ComputeIdleShutdown).",
        [ML_COMPUTE],
        _idle_shutdown,
        level=MANDATORY,
        schema={
            "maxIdleTimeBeforeShutdown": duration(
                "Longest idleTimeBeforeShutdown allowed (ISO-8601); Azure's own maximum is P3D.",
                "P3D",
            )
        },
        reads=["properties.computeType", "properties.properties.idleTimeBeforeShutdown"],
    ),
    resource_policy(
        "compute-public-ip",
        "ML clusters and instances must not get public IP addresses. CAF data landing zones "
        "deploy managed compute with private IP addresses only (seed 004); Azure's default "
        "is a public IP.",
        [ML_COMPUTE],
        _public_ip,
        level=MANDATORY,
        reads=["properties.computeType", "properties.properties.enableNodePublicIp"],
    ),
    resource_policy(
        "compute-aks-attach-only",
        "Kubernetes and AKS computes must attach an existing cluster (properties.resourceId), "
        "not create one. Clusters created by Azure ML escape the landing zone's AKS governance "
        "(ALZ Deny-MachineLearning-Aks).",
        [ML_COMPUTE],
        _aks_attach_only,
        level=MANDATORY,
        reads=["properties.computeType", "properties.resourceId"],
    ),
    resource_policy(
        "compute-setup-script",
        "ML compute instances must run the landing zone's configured creation script. The "
        "script installs the organisation's agents and settings on every instance "
        "(Append-MachineLearningCompute-SetupScriptsCreationScript); it applies only once "
        "scriptData is configured, and remediation appends it.",
        [ML_COMPUTE],
        _setup_script,
        level=DISABLED,
        schema={
            "scriptSource": {
                "type": "string",
                "enum": ["inline", "workspace"],
                "default": "inline",
                "description": "Where the script comes from.",
            },
            "scriptData": {
                "type": "string",
                "default": "",
                "description": "The script (base64 for inline) or its path in the workspace; "
                "empty means not configured.",
            },
        },
        remediate=_apply_setup_script,
        reads=[
            "properties.computeType",
            f"{_CREATION_SCRIPT}.scriptSource",
            f"{_CREATION_SCRIPT}.scriptData",
        ],
    ),
]
