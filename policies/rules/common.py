"""Shared building blocks for the rules: Azure Policy semantics over pulumi_policy's proxies.

Inside ``validate`` every object and list of ``args.props`` is a pulumi_policy proxy, not a
``dict``/``list``; ``isinstance(x, dict)`` is False for them, so everything here goes through the
``Mapping``/``Sequence`` interfaces instead. Reading an unknown value (during a real preview, any
value Azure computes for a resource not created yet) raises ``UnknownValueError``. A resource rule
that meets one has nothing to judge yet and reports nothing: the engine runs the pack again in
``pulumi up`` with the values known, before the resource is created, and offline-preview always
judges known values. (Left to the SDK, each would become an advisory "can't run policy during
preview" note: on the real engine a new prod stack previewed with 60 of them, burying the findings
that matter.) Stack rules use :func:`peek` to keep going.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from aml_landing_zone.arm import part_after
from aml_landing_zone.durations import DURATION_PATTERN
from aml_landing_zone.resource_types import ML_WORKSPACE, resource_type
from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UnknownValueError

ADVISORY = EnforcementLevel.ADVISORY
MANDATORY = EnforcementLevel.MANDATORY
DISABLED = EnforcementLevel.DISABLED

Config = Mapping[str, Any]
Schema = dict[str, dict[str, Any]]
ANY_TYPE = "*"


class _Unknown:
    """Marks a value :func:`peek` could not read because it is unknown during preview."""

    def __repr__(self) -> str:
        return "<unknown>"


UNKNOWN: Any = _Unknown()


# ---------------------------------------------------------------------------------------------
# Reading values
# ---------------------------------------------------------------------------------------------


def get(props: Any, path: str) -> Any:
    """Value at a dotted path (``"properties.properties.vmSize"``), None when any step is missing.

    Works on plain dicts and on pulumi_policy proxies alike (both are ``Mapping``); unknown
    values raise ``UnknownValueError`` as the proxies do.
    """
    node = props
    for key in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
        if node is None:
            return None
    return node


def peek(props: Any, path: str) -> Any:
    """Like :func:`get`, but an unknown value comes back as :data:`UNKNOWN` instead of raising."""
    try:
        return get(props, path)
    except UnknownValueError:
        return UNKNOWN


def items(value: Any) -> list[Any]:
    """The elements of a list input (a proxy or a list); anything else is no elements."""
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [value[i] for i in range(len(value))]
    return []


def known_items(value: Any) -> list[Any]:
    """Like :func:`items`, skipping elements that are unknown during preview (stack rules)."""
    if not isinstance(value, Sequence) or isinstance(value, str | bytes):
        return []
    known = []
    for i in range(len(value)):
        try:
            known.append(value[i])
        except UnknownValueError:
            continue
    return known


def text(value: Any) -> str | None:
    """A non-empty string value, or None: Azure Policy treats "" like a missing field."""
    return value if isinstance(value, str) and value != "" else None


def ieq(value: Any, expected: str) -> bool:
    """Case-insensitive string equality, as Azure Policy's ``equals``; non-strings never match."""
    return isinstance(value, str) and value.casefold() == expected.casefold()


def iin(value: Any, allowed: Iterable[str]) -> bool:
    """Case-insensitive membership, as Azure Policy's ``in``."""
    return isinstance(value, str) and value.casefold() in {a.casefold() for a in allowed}


def is_true(value: Any) -> bool:
    """True for ``true`` (or the string "true" in any case, as ARM accepts)."""
    return value is True or ieq(value, "true")


def is_false(value: Any) -> bool:
    """True for ``false`` (or the string "false" in any case)."""
    return value is False or ieq(value, "false")


def show(value: Any) -> str:
    """A value as a violation message shows it; missing values say so."""
    if value is None:
        return "not set"
    if value is UNKNOWN:
        return "unknown until deployment"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"'{value}'" if isinstance(value, str) else str(value)


def number(value: Any) -> float | None:
    """A numeric value (the wire form makes every number a float), or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def put(props: Any, path: str, value: Any) -> bool:
    """Set a dotted path in props in place (creating missing objects); False when it cannot.

    Remediations get secret-preserving proxies whose ``__setitem__`` keeps secrets secret, so
    they are changed in place, never rebuilt. A path through a value that is not an object
    (an unknown during preview, say) is left alone.
    """
    keys = path.split(".")
    node = props
    for key in keys[:-1]:
        child = node.get(key)
        if child is None:
            node[key] = {}
            child = node[key]
        if not isinstance(child, Mapping):
            return False
        node = child
    node[keys[-1]] = value
    return True


# ---------------------------------------------------------------------------------------------
# What each rule reads
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Read:
    """One input a rule reads on resources of one type (``ANY_TYPE``: of every type), as a
    property path in the engine's syntax (``a.b``, ``list[*].field``); reading a path reads all
    below it. ``unless``: resources on which the rule never reads it (its exemption)."""

    type: str
    path: str
    unless: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class Exemption:
    """Resources a rule does not judge (``applies`` on their inputs), and what it reads to tell."""

    applies: Callable[[Any], bool]
    reads: tuple[str, ...]


def reads(types: str | Iterable[str], *paths: str, exempt: Exemption | None = None) -> list[Read]:
    """``paths`` on each of ``types``, skipped on the resources ``exempt`` applies to."""
    out: list[Read] = []
    for type_ in [types] if isinstance(types, str) else list(types):
        if exempt is not None:
            out += [Read(type_, path) for path in exempt.reads]
        out += [Read(type_, path, exempt.applies if exempt else None) for path in paths]
    return out


def identity(*types: str, exempt: Exemption | None = None) -> list[Read]:
    """What :meth:`Stack.refers` may read on a target to match an ARM id against it."""
    out: list[Read] = []
    for type_ in types:
        spec = resource_type(type_)
        names = ("id", *((spec.name_input,) if spec else ()), "name", "resourceGroupName")
        out += reads(type_, *names, exempt=exempt)
    return out


_reads = reads  # for the builders below, whose parameter has the same name

POLICY_READS: dict[str, tuple[Read, ...]] = {}
"""Policy name -> every input it reads. Declared with each rule (its builder requires them), so
a test can hold that no ``ignoreChanges`` path of the landing zone covers a setting the pack
judges: analyzers judge the inputs after ignoreChanges (``processIgnoreChanges`` runs before
``Analyze`` in pulumi/pulumi pkg/resource/deploy/step_generator.go), so an ignored setting would
be judged on the value in the state, not on the program's."""


def _declare(name: str, declared: Iterable[Read]) -> None:
    if name in POLICY_READS:
        raise ValueError(f"policy {name!r} is declared twice")
    POLICY_READS[name] = tuple(declared)


# ---------------------------------------------------------------------------------------------
# Building policies
# ---------------------------------------------------------------------------------------------

Check = Callable[[Any, Config], Iterable[str]]
"""A resource check: the resource's props and the policy's config -> violation messages."""

ArgsCheck = Callable[[ResourceValidationArgs, Config], Iterable[str]]
"""A check that needs more than the props (the resource type, say)."""

Remediation = Callable[[Any, Config], bool]
"""Rewrites the (secret-preserving) props in place; True when it changed them."""


def schema_defaults(schema: Schema | None) -> dict[str, Any]:
    """The ``default`` of every config property: the CLI fills them in, tests may not."""
    return {k: v["default"] for k, v in (schema or {}).items() if "default" in v}


def _config(args: ResourceValidationArgs | StackValidationArgs, schema: Schema | None) -> Config:
    return {**schema_defaults(schema), **args.get_config()}


def args_policy(
    name: str,
    description: str,
    check: ArgsCheck,
    level: EnforcementLevel,
    *,
    schema: Schema | None = None,
    remediate: Callable[[ResourceValidationArgs, Config], bool] | None = None,
    reads: Iterable[Read],
) -> ResourceValidationPolicy:
    """A resource policy from a check over the whole validation args; ``reads``: every input the
    check reads (see :data:`POLICY_READS`).

    All of a check's findings on a resource make one violation, so counts mean resources.
    """
    _declare(name, reads)

    def validate(args: ResourceValidationArgs, report: ReportViolation) -> None:
        try:
            findings = list(check(args, _config(args, schema)))
        except UnknownValueError:
            return  # judged in `pulumi up`, once the value is known (module docstring)
        if findings:
            report(" ".join(findings), None)

    def remediation(args: ResourceValidationArgs) -> Mapping[str, Any] | None:
        assert remediate is not None
        return args.props if remediate(args, _config(args, schema)) else None

    return ResourceValidationPolicy(
        name=name,
        description=description,
        validate=validate,
        # Typed as async-only by pulumi_policy, but its servicer takes a plain return value too.
        remediate=cast(Any, remediation) if remediate is not None else None,
        enforcement_level=level,
        config_schema=PolicyConfigSchema(schema) if schema else None,
    )


def resource_policy(
    name: str,
    description: str,
    types: Iterable[str],
    check: Check,
    *,
    level: EnforcementLevel,
    schema: Schema | None = None,
    remediate: Remediation | None = None,
    reads: Iterable[str],
    exempt: Exemption | None = None,
) -> ResourceValidationPolicy:
    """A policy that runs ``check`` on resources of the given types and reports each message;
    ``reads``: the input paths it reads on them, ``exempt``: the resources it does not judge."""
    wanted = frozenset(types)
    declared = _reads(sorted(wanted), *reads, exempt=exempt)

    def typed_check(args: ResourceValidationArgs, config: Config) -> Iterable[str]:
        return check(args.props, config) if args.resource_type in wanted else ()

    def typed_remediate(args: ResourceValidationArgs, config: Config) -> bool:
        assert remediate is not None
        return args.resource_type in wanted and remediate(args.props, config)

    return args_policy(
        name,
        description,
        typed_check,
        level,
        schema=schema,
        remediate=typed_remediate if remediate else None,
        reads=declared,
    )


@dataclass(frozen=True)
class Finding:
    """A stack rule's verdict on one resource."""

    urn: str
    message: str


StackCheck = Callable[["Stack", Config], Iterable[Finding]]


def stack_policy(
    name: str,
    description: str,
    check: StackCheck,
    level: EnforcementLevel,
    *,
    schema: Schema | None = None,
    reads: Iterable[Read],
) -> StackValidationPolicy:
    """A policy that looks at the whole stack and reports each finding on its resource;
    ``reads``: every input it reads, on every type (see :data:`POLICY_READS`)."""
    _declare(name, reads)

    def validate(args: StackValidationArgs, report: ReportViolation) -> None:
        for finding in check(Stack(args.resources), _config(args, schema)):
            report(finding.message, finding.urn)

    return StackValidationPolicy(
        name=name,
        description=description,
        validate=validate,
        enforcement_level=level,
        config_schema=PolicyConfigSchema(schema) if schema else None,
    )


def duration(description: str, default: str) -> dict[str, Any]:
    """JSON schema of an ISO-8601 duration parameter."""
    return {
        "type": "string",
        "pattern": DURATION_PATTERN,
        "description": description,
        "default": default,
    }


def string_list(description: str, default: list[str]) -> dict[str, Any]:
    """JSON schema of a list-of-strings parameter."""
    return {
        "type": "array",
        "items": {"type": "string"},
        "description": description,
        "default": default,
    }


# ---------------------------------------------------------------------------------------------
# Linking resources in a stack
# ---------------------------------------------------------------------------------------------


def resource_name(resource: PolicyResource) -> str | None:
    """The Azure name of a resource: its name input, or ``name`` from its outputs."""
    spec = resource_type(resource.resource_type)
    name = peek(resource.props, spec.name_input) if spec else None
    if text(name) is None:
        name = peek(resource.props, "name")
    return text(name)


def arm_id_refers_to(arm_id: Any, resource: PolicyResource) -> bool:
    """Whether an ARM id names this resource (by its ``id`` output, else type + name + group).

    During a real preview the ids of new resources are unknown, so this is the fallback to the
    URN links the engine records (see :meth:`Stack.refers`).
    """
    if not isinstance(arm_id, str) or arm_id == "":
        return False
    own_id = text(peek(resource.props, "id"))
    if own_id is not None:
        return own_id.casefold() == arm_id.casefold()
    spec = resource_type(resource.resource_type)
    name = resource_name(resource)
    if spec is None or name is None:
        return False
    lowered = arm_id.casefold().rstrip("/")
    if not lowered.endswith(f"/providers/{spec.arm_type.casefold()}/{name.casefold()}"):
        return False
    group = text(peek(resource.props, "resourceGroupName"))
    in_group = part_after(lowered, "resourceGroups")
    if group is not None and in_group is not None:
        return in_group == group.casefold()
    return True


class Stack:
    """The resources of a stack with the links a rule needs between them."""

    def __init__(self, resources: Sequence[PolicyResource]) -> None:
        self.resources = list(resources)

    def of_type(self, *types: str) -> list[PolicyResource]:
        return [r for r in self.resources if r.resource_type in types]

    def refers(self, source: PolicyResource, prop: str, target: PolicyResource) -> bool:
        """Whether ``source``'s input ``prop`` (a top-level key) points at ``target``.

        The engine's URN links come first: a property's dependencies name exactly the resources
        its value was computed from. Without them the value itself is compared as an ARM id;
        when even that is unknown, the parent and explicit dependencies decide.
        """
        deps = source.property_dependencies.get(prop)
        if deps:
            return any(d.urn == target.urn for d in deps)
        value = peek(source.props, prop)
        if value is not UNKNOWN:
            return any(arm_id_refers_to(v, target) for v in _strings(value))
        return source.parent is target or any(d.urn == target.urn for d in source.dependencies)

    def referenced(self, source: PolicyResource, prop: str, *types: str) -> list[PolicyResource]:
        """Every resource of the given types that ``source``'s input ``prop`` points at."""
        return [t for t in self.of_type(*types) if t is not source and self.refers(source, prop, t)]

    def hub_of(self, project: PolicyResource) -> PolicyResource | None:
        """The hub workspace a project workspace belongs to, when it is in this stack."""
        hubs = self.referenced(project, "hubResourceId", ML_WORKSPACE)
        return hubs[0] if hubs else None


def _strings(value: Any) -> Iterator[str]:
    """Every known string inside a value (nested objects and lists included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key in value:
            try:
                element = value[key]
            except UnknownValueError:
                continue
            yield from _strings(element)
    else:
        for element in known_items(value):
            yield from _strings(element)


def is_project(props: Any) -> bool:
    """Project workspaces inherit network, storage and encryption from their hub."""
    return ieq(peek(props, "kind"), "Project")


PROJECTS = Exemption(is_project, ("kind",))
"""Project workspaces, which inherit network, storage and encryption from their hub."""
