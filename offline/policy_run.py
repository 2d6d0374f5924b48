"""Evaluate a recorded program run with the real policy pack, in-process, as the engine would.

The Pulumi CLI starts ``policies/__main__.py``, which serves ``_PolicyAnalyzerServicer`` over
gRPC, and drives it: ``GetAnalyzerInfo``; the ``--policy-pack-config`` file reconciled with the
policies' defaults and validated against their schemas; ``Configure``; per resource
``Remediate`` then ``Analyze`` (on the remediated inputs); and ``AnalyzeStack`` once at the
end. This module makes the same calls with the same messages on the same servicer, without
the server or the CLI, so offline verdicts are the pack's verdicts.

Where offline differs from a live run, on purpose:

- ``AnalyzeStack`` gets each resource's (remediated) inputs; the engine sends outputs, which
  for azure-native carry the same names plus read-only properties the rules do not use.
- A config naming an unknown policy or parameter is an error (see ``policies.presets``).
- A stack that names no ``azure-native:subscriptionId`` deploys to a subscription offline does
  not know: the ids of the resources the program creates carry the mocks' placeholder
  subscription, so ``pe-same-subscription`` takes that placeholder for the deploying
  subscription instead of reporting each endpoint to such a resource as crossing into another
  one (an endpoint to a resource in any other subscription is still reported).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aml_landing_zone.offline.mocks import SUBSCRIPTION_ID
from aml_landing_zone.offline.model import SECRET_SIG_KEY, ProgramRun, RecordedResource
from aml_landing_zone.policies import presets
from aml_landing_zone.policies.pack import ALL_POLICIES, PACK_DIR, PACK_ENFORCEMENT_LEVEL, PACK_NAME
from aml_landing_zone.policies.presets import PolicyConfigError, PolicyInfo
from aml_landing_zone.shared_definition import Sources
from google.protobuf import empty_pb2, json_format, struct_pb2
from pulumi.runtime import proto
from pulumi_policy import policy as pulumi_policy_module
from pulumi_policy.policy import _PolicyAnalyzerServicer

__all__ = [
    "AppliedRemediation",
    "PolicyConfigError",
    "PolicyResult",
    "Violation",
    "evaluate",
    "read_config",
]

PROJECT_ROOT = PACK_DIR.parent
# PolicyPack() always hands the servicer this version; the CLI shows PulumiPolicy.yaml's instead.
_SERVICER_VERSION = "0.0.1"
# Pulumi's signature key marks resource references as well as secrets on the wire.
_RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e"

_TO_PROTO = {
    "advisory": proto.ADVISORY,
    "mandatory": proto.MANDATORY,
    "remediate": proto.REMEDIATE,
    "disabled": proto.DISABLED,
}
_FROM_PROTO = {v: k for k, v in _TO_PROTO.items()}
_REPORT_ORDER = {"mandatory": 0, "advisory": 1}


@dataclass(frozen=True)
class Violation:
    """One policy diagnostic on one resource, as the CLI reports it."""

    policy: str
    urn: str
    enforcement: str
    message: str


@dataclass(frozen=True)
class AppliedRemediation:
    """A policy at ``remediate`` level rewrote a resource's inputs before analysis."""

    policy: str
    urn: str


@dataclass
class PolicyResult:
    """What the pack said about a run under one config."""

    pack: str
    config: str
    violations: list[Violation]
    remediations: list[AppliedRemediation] = field(default_factory=list)
    # the run's key sources (``ProgramRun.sources``): the file a finding's fix is made in
    sources: Sources | None = None

    @property
    def mandatory(self) -> int:
        """Mandatory violations: any of these fails ``pulumi up`` (and preview's exit code)."""
        return sum(1 for v in self.violations if v.enforcement == "mandatory")

    @property
    def advisory(self) -> int:
        return sum(1 for v in self.violations if v.enforcement == "advisory")

    def to_json(self) -> dict[str, Any]:
        return {
            "pack": self.pack,
            "config": self.config,
            "violations": [
                {
                    "policy": v.policy,
                    "urn": v.urn,
                    "enforcement": v.enforcement,
                    "message": v.message,
                }
                for v in self.violations
            ],
        }


@functools.cache
def _analyzer_info() -> tuple[PolicyInfo, ...]:
    """The policies as the CLI sees them: from ``GetAnalyzerInfo``, not from the objects.

    The answer depends on the pack's code only, so it is asked once per process.
    """
    info = _servicer().GetAnalyzerInfo(empty_pb2.Empty(), None)
    return tuple(
        PolicyInfo(
            p.name,
            _FROM_PROTO[p.enforcementLevel],
            json_format.MessageToDict(p.configSchema.properties),
            tuple(p.configSchema.required),
        )
        for p in info.policies
    )


# ---------------------------------------------------------------------------------------------
# Resources as the engine sends them
# ---------------------------------------------------------------------------------------------


def _wire(value: Any) -> Any:
    """Inputs as the engine marshals them for analyzers: resource references become their id
    (or URN for components), since the engine does not keep resources when marshalling."""
    if isinstance(value, Mapping):
        if value.get(SECRET_SIG_KEY) == _RESOURCE_REFERENCE_SIG:
            return value.get("id") or value.get("urn")
        return {k: _wire(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_wire(v) for v in value]
    return value


def _struct(values: Mapping[str, Any]) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(_wire(values))
    return struct


def _urn_type_and_name(urn: str) -> tuple[str, str]:
    parts = urn.split("::")
    return parts[-2].split("$")[-1], parts[-1]


def _provider(ref: str | None, by_urn: Mapping[str, RecordedResource]) -> Any:
    if not ref:
        return None
    urn = ref.rsplit("::", 1)[0]
    recorded = by_urn.get(urn)
    provider_type, name = _urn_type_and_name(urn)
    return proto.AnalyzerProviderResource(
        type=recorded.type if recorded else provider_type,
        properties=_struct(recorded.inputs if recorded else {}),
        urn=urn,
        name=recorded.name if recorded else name,
    )


def _options(resource: RecordedResource) -> Any:
    """The options the engine hands analyzers (``IgnoreChanges`` among them: step_generator.go)."""
    return proto.AnalyzerResourceOptions(
        protect=resource.protect,
        parent=resource.parent or "",
        ignoreChanges=list(resource.ignore_changes),
    )


# ---------------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------------


def _display_path(path: Path) -> str:
    """The config path as given, relative to the project when it lies inside it."""
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def _servicer() -> _PolicyAnalyzerServicer:
    """The servicer exactly as ``PolicyPack(...)`` in ``policies/__main__.py`` builds it."""
    return _PolicyAnalyzerServicer(
        PACK_NAME,
        _SERVICER_VERSION,
        ALL_POLICIES,
        PACK_ENFORCEMENT_LEVEL,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    )


class _StructDecodingOnce:
    """Stands in for ``json_format`` inside pulumi_policy while an evaluation runs.

    The servicer decodes a resource's Struct again for every policy (43 times per resource),
    which is most of the pack's cost. The same bytes always decode to the same dict, and the
    servicer only reads that dict (``deserialize_properties`` copies it), so each distinct
    Struct is decoded once. Verdicts are unchanged; only the repeated work goes.
    """

    def __init__(self) -> None:
        self._decoded: dict[bytes, dict[str, Any]] = {}

    def MessageToDict(self, message: Any, **options: Any) -> Any:
        if options or not isinstance(message, struct_pb2.Struct):
            return json_format.MessageToDict(message, **options)
        key = message.SerializeToString(deterministic=True)
        decoded = self._decoded.get(key)
        if decoded is None:
            decoded = self._decoded[key] = json_format.MessageToDict(message)
        return decoded

    def __getattr__(self, name: str) -> Any:
        return getattr(json_format, name)


@contextmanager
def _decode_each_struct_once() -> Iterator[None]:
    """Install :class:`_StructDecodingOnce` for the duration of one evaluation."""
    setattr(pulumi_policy_module, "json_format", _StructDecodingOnce())  # noqa: B010
    try:
        yield
    finally:
        setattr(pulumi_policy_module, "json_format", json_format)  # noqa: B010


def _violations(response: Any, urn: str | None) -> list[Violation]:
    found = []
    for diagnostic in response.diagnostics:
        level = _FROM_PROTO[diagnostic.enforcementLevel]
        found.append(
            Violation(
                policy=diagnostic.policyName,
                # Analyze: the engine files every diagnostic under the analysed resource.
                urn=urn if urn is not None else diagnostic.urn,
                # A violation surviving remediation is reported as mandatory, as the engine does.
                enforcement="mandatory" if level == "remediate" else level,
                message=diagnostic.message,
            )
        )
    return found


def read_config(config_path: Path) -> presets.PolicyConfig:
    """A ``--policy-pack-config`` file as the CLI would hand it to the pack; raises
    :class:`PolicyConfigError` for one it cannot read or would reject."""
    return presets.load(config_path, _analyzer_info())


def evaluate(run: ProgramRun, config_path: Path) -> PolicyResult:
    """Run the pack over every recorded resource under the given ``--policy-pack-config``.

    Raises :class:`PolicyConfigError` for a config the CLI would reject (or that names a policy
    or parameter the pack does not have).
    """
    servicer = _servicer()
    config = _with_offline_subscription(read_config(config_path), run)
    request = proto.ConfigureAnalyzerRequest()
    for name, (level, params) in config.items():
        request.policyConfig[name].enforcementLevel = _TO_PROTO[level]
        request.policyConfig[name].properties.update(params)
    servicer.Configure(request, None)
    servicer.ConfigureStack(
        proto.AnalyzerStackConfigureRequest(stack=run.stack, project=run.project, dry_run=True),
        None,
    )
    # Remediate only acts on policies at remediate level; without any it answers nothing,
    # so the call (and its decoding of every resource) is skipped.
    remediating = any(level == "remediate" for level, _ in config.values())

    with _decode_each_struct_once():
        violations, remediations = _analyze(servicer, run, remediating)
    violations.sort(key=lambda v: (_REPORT_ORDER.get(v.enforcement, 2), v.policy, v.urn, v.message))
    remediations.sort(key=lambda r: (r.policy, r.urn))
    return PolicyResult(
        PACK_NAME, _display_path(config_path), violations, remediations, sources=run.sources
    )


# The rule that compares subscriptions, and its parameter of subscriptions it also accepts.
_SUBSCRIPTION_RULE, _ALLOWED_SUBSCRIPTIONS = "pe-same-subscription", "allowedSubscriptionIds"


def _with_offline_subscription(
    config: presets.PolicyConfig, run: ProgramRun
) -> presets.PolicyConfig:
    """The config with the mocks' placeholder subscription accepted by the subscription rule,
    when the stack names no subscription (see the module docstring)."""
    if "azure-native:subscriptionId" in run.stack_config or _SUBSCRIPTION_RULE not in config:
        return config
    level, params = config[_SUBSCRIPTION_RULE]
    allowed = [*params.get(_ALLOWED_SUBSCRIPTIONS, []), SUBSCRIPTION_ID]
    return {**config, _SUBSCRIPTION_RULE: (level, {**params, _ALLOWED_SUBSCRIPTIONS: allowed})}


def _analyze(
    servicer: _PolicyAnalyzerServicer, run: ProgramRun, remediating: bool
) -> tuple[list[Violation], list[AppliedRemediation]]:
    """Remediate and Analyze each resource in turn, then AnalyzeStack, as the engine does."""
    by_urn = {r.urn: r for r in run.resources}
    violations: list[Violation] = []
    remediations: list[AppliedRemediation] = []
    final_inputs: dict[str, struct_pb2.Struct] = {}
    for resource in run.resources:
        analyze = proto.AnalyzeRequest(
            type=resource.type,
            properties=_struct(resource.inputs),
            urn=resource.urn,
            name=resource.name,
            options=_options(resource),
            provider=_provider(resource.provider, by_urn),
        )
        if remediating:
            for remediation in servicer.Remediate(analyze, None).remediations:
                if remediation.diagnostic:
                    violations.append(
                        Violation(
                            remediation.policyName, resource.urn, "advisory", remediation.diagnostic
                        )
                    )
                elif remediation.HasField("properties"):
                    remediations.append(AppliedRemediation(remediation.policyName, resource.urn))
                    analyze.properties.CopyFrom(remediation.properties)
        violations.extend(_violations(servicer.Analyze(analyze, None), resource.urn))
        final_inputs[resource.urn] = analyze.properties

    stack = proto.AnalyzeStackRequest(
        resources=[
            proto.AnalyzerResource(
                type=r.type,
                properties=final_inputs[r.urn],
                urn=r.urn,
                name=r.name,
                options=_options(r),
                provider=_provider(r.provider, by_urn),
                parent=r.parent or "",
                dependencies=list(r.dependencies),
                propertyDependencies={
                    key: proto.AnalyzerPropertyDependencies(urns=list(urns))
                    for key, urns in r.property_dependencies.items()
                    if urns
                },
            )
            for r in run.resources
        ]
    )
    stack_urn = next((r.urn for r in run.resources if r.type == "pulumi:pulumi:Stack"), "")
    for violation in _violations(servicer.AnalyzeStack(stack, None), None):
        violations.append(violation if violation.urn else _with_urn(violation, stack_urn))

    return violations, remediations


def _with_urn(violation: Violation, urn: str) -> Violation:
    return Violation(violation.policy, urn, violation.enforcement, violation.message)
