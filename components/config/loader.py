"""Reads the project namespace of the stack's Pulumi config and validates it as a whole.

Every problem is reported at once, each with its key path as ``pulumi config set --path`` spells
it, under the name of the stack file. Nothing here registers a resource, so a bad config stops the
program before Azure is touched."""

from __future__ import annotations

import difflib
import json
import re
import typing
from collections.abc import Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, Literal

import pulumi
import pulumi.runtime
from pulumi.runtime.config import CONFIG as _RUNTIME_CONFIG
from pydantic import ValidationError

from ..codes import (
    BAD_FORMAT,
    BAD_NAME,
    MISSING,
    MOVED,
    NOT_ALLOWED,
    OUT_OF_RANGE,
    UNKNOWN_KEY,
    CodedValueError,
)
from ..errors import ConfigError
from ..naming import NAMING_SCHEMES, Naming
from ..regions import normalize_region
from ..shared_definition import SHARED_FILE, Sources, deep_merge, read_shared, sibling_keys
from .base import PATTERN_WORDS, ConfigIssue, Problems, format_path, under
from .landing_zone import LandingZoneConfig, cross_key_issues_of
from .managed_network import RULE_TYPES
from .partial import UNKNOWN, known_issues, partial, unwrap
from .secrets import keep_secret, masked, secret_values

# The provider's config namespace; its ``location`` is the default region of every resource.
PROVIDER_NAMESPACE = "azure-native"


class DuplicateKeyError(ValueError):
    """A mapping names the same key twice; JSON and PyYAML would silently keep the last one."""


def read_namespace(namespace: str) -> dict[str, Any]:
    """All config values under ``<namespace>:``, structured values decoded from JSON."""
    merged: dict[str, Any] = {**pulumi.runtime.get_config_env(), **_RUNTIME_CONFIG.get()}
    values: dict[str, Any] = {}
    prefix = f"{namespace}:"
    for key in sorted(merged):
        if key.startswith(prefix):
            try:
                values[key[len(prefix) :]] = _decode(merged[key])
            except DuplicateKeyError as error:
                raise ConfigError(f"{key}: {error}") from None
    return values


def misspelt_namespaces(namespace: str) -> list[str]:
    """Keys of the stack config whose namespace is a near miss of the project's or the
    provider's (``aml-landingzone:hub``): the program would never read them, so a typo there
    would be ignored silently. Other namespaces (other providers') are left alone."""
    merged = {**pulumi.runtime.get_config_env(), **_RUNTIME_CONFIG.get()}
    known = (namespace, PROVIDER_NAMESPACE)
    lines = []
    for key in sorted(merged):
        prefix, _, rest = key.partition(":")
        if not rest or prefix in known or prefix == "pulumi":
            continue
        hint = difflib.get_close_matches(prefix, known, n=1, cutoff=0.8)
        if hint:
            lines.append(
                f"{key}: unknown namespace '{prefix}', so the program never reads this key; "
                f"did you mean '{hint[0]}:{rest}'? [{UNKNOWN_KEY}]"
            )
    return lines


def _decode(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value, object_pairs_hook=_unique_keys)
        except json.JSONDecodeError:
            return value
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKeyError(f"key '{key}' is given twice; keep one")
        result[key] = value
    return result


def load_stack_config() -> LandingZoneConfig:
    """The validated config of the running stack; its preflight warnings go to the Pulumi log
    (`pulumi preview` shows them), acknowledged ones as info. Values set with `pulumi config set
    --secret` stay secrets in every resource input they feed (a stack transformation)."""
    from .preflight import preflight  # reads the presets and sibling stack files

    project, stack = pulumi.get_project(), pulumi.get_stack()
    project_dir = Path.cwd()  # the CLI runs the program in the project directory
    values = read_namespace(project)
    secrets = secret_values(project, values, project_dir / f"Pulumi.{stack}.yaml")
    try:
        config = parse_stack_config(
            values,
            namespace=project,
            stack=stack,
            provider=read_namespace(PROVIDER_NAMESPACE),
            shared=read_shared(project_dir),
            siblings=sibling_keys(project_dir, project, stack),
            misspelt=misspelt_namespaces(project),
        )
    except ConfigError as error:  # a message never shows a secret value
        raise ConfigError(masked(str(error), secrets)) from None
    if secrets:  # every input a secret value feeds stays a secret (config/secrets.py)
        pulumi.runtime.register_stack_transformation(keep_secret(secrets))
    for finding in preflight(config, stack, project_dir):
        log = pulumi.log.info if finding.acknowledged else pulumi.log.warn
        log(finding.log_line(project))
    return config


def parse_stack_config(
    values: Mapping[str, Any],
    namespace: str,
    stack: str,
    *,
    provider: Mapping[str, Any] | None = None,
    shared: Mapping[str, Any] | None = None,
    siblings: tuple[Mapping[str, Any], ...] | None = None,
    misspelt: Sequence[str] = (),
) -> LandingZoneConfig:
    """Validate ``values`` (keys without namespace) or raise one ConfigError listing every issue.

    ``shared`` is the organisation's definition (``landing-zone.yaml``); ``values`` are merged
    over it (``shared.deep_merge``) and each issue names the file its key came from.
    ``provider`` is the ``azure-native`` namespace of the same stack file, when there is one;
    ``siblings`` the other stack files' keys (``Sources``: where a missing key belongs);
    ``misspelt`` the lines of keys under a misspelt namespace (``misspelt_namespaces``).
    With a field error, the checks across keys still run over every top-level key that is valid
    on its own, so one run reports everything there is to fix."""
    sources = Sources(f"Pulumi.{stack}.yaml", dict(values), dict(shared or {}), siblings)
    values = deep_merge(sources.shared, sources.own)
    notes = _upgraded_acknowledgements(values, namespace, stack)
    try:
        config = LandingZoneConfig.model_validate(values)
    except ValidationError as error:
        issues = [issue for e in error.errors() for issue in _issues_from_pydantic(e)]
        sections = _valid_sections(values)
        issues += cross_key_issues_of(sections, values)
        issues += known_issues(lambda: _name_issues(sections))
        issues += _provider_issues(sections, values, provider)
        notes = [*notes, *_warnings_too(values, namespace, stack)]
        raise ConfigError(
            _message(sources, namespace, issues, misspelt=misspelt, notes=notes)
        ) from None
    sections = dict(config)
    issues = config.cross_key_issues()
    issues += _name_issues(sections) + _provider_issues(sections, values, provider)
    if issues or misspelt:
        raise ConfigError(_message(sources, namespace, issues, misspelt=misspelt, notes=notes))
    return config


def _upgraded_acknowledgements(values: Mapping[str, Any], namespace: str, stack: str) -> list[str]:
    """For a v0.1 ``acknowledge`` mapping (refused), the list to write instead, with the keys
    each code flags today, when the rest of the config is valid; no problem of its own."""
    from .preflight import acknowledgement_yaml  # reads the presets

    reasons = values.get("acknowledge")
    if not isinstance(reasons, Mapping):
        return []
    try:
        config = LandingZoneConfig.model_validate({**values, "acknowledge": []})
    except ValidationError:
        return []
    text = acknowledgement_yaml(
        namespace, config, stack, {str(k): str(v) for k, v in reasons.items()}
    )
    return ["write instead (the keys its warnings name today):\n" + _indented(text, 4)]


def _warnings_too(values: Mapping[str, Any], namespace: str, stack: str) -> list[str]:
    """The preflight warnings the stack will also get once its errors are fixed."""
    from .preflight import warnings_of_partial  # reads the presets

    if isinstance(values.get("acknowledge"), Mapping):  # the upgrade note lists them
        return []
    lines = warnings_of_partial(partial(LandingZoneConfig, values), stack, namespace)
    if not lines:
        return []
    return ["and once these are fixed, warnings:", *(f"  {line}" for line in lines)]


def _indented(text: str, width: int) -> str:
    return "\n".join(" " * width + line for line in text.splitlines())


def _valid_sections(values: Mapping[str, Any]) -> dict[str, Any]:
    """Each top-level key as far as it is valid (``partial.py``): a section whose keys fail
    keeps those that validate, so its checks across keys still run; a plain value that fails
    is left out (the checks that read it are skipped)."""
    config = partial(LandingZoneConfig, values)
    return {name: value for name, value in config.__dict__.items() if value is not UNKNOWN}


# Keys that moved, so an existing stack file gets told where its value goes now.
_MOVED_KEYS: dict[tuple[str, ...], str] = {
    ("hub", "isolationMode"): "hub.managedNetwork.isolationMode",
}

# pydantic's error types, in the words of someone editing a YAML file.
_EXPECTED = {
    "string_type": "expected text",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "dict_type": "expected a mapping of key: value",
    "model_type": "expected a mapping of key: value",
    "model_attributes_type": "expected a mapping of key: value",
    "list_type": "expected a list",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "must be at least {}"),
    "greater_than": ("gt", "must be more than {}"),
    "less_than_equal": ("le", "must be at most {}"),
    "less_than": ("lt", "must be less than {}"),
    "string_too_long": ("max_length", "must be at most {} characters long"),
    "string_too_short": ("min_length", "must be at least {} characters long"),
}


def _issues_from_pydantic(error: Mapping[str, Any], root: Any = None) -> list[ConfigIssue]:
    root = root or LandingZoneConfig
    path, rule_model = _without_rule_tag(tuple(error["loc"]))
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error" and isinstance(ctx.get("error"), Problems):
        return under(path, ctx["error"].issues)
    if kind == "extra_forbidden" and path in _MOVED_KEYS:
        return [ConfigIssue(path, f"this key moved: set {_MOVED_KEYS[path]} instead", MOVED)]
    if kind == "extra_forbidden":
        siblings = _model_keys(rule_model) if rule_model else _known_keys(path[:-1], root)
        hint = difflib.get_close_matches(str(path[-1]), siblings, n=1)
        suggestion = (
            f"; did you mean '{hint[0]}'?" if hint else f"; known keys: {', '.join(siblings)}"
        )
        return [ConfigIssue(path, f"unknown key{suggestion}", UNKNOWN_KEY)]
    if kind == "missing":
        choices = _choices(path, rule_model, root)
        listed = f"; one of: {', '.join(choices)}" if choices else ""
        return [ConfigIssue(path, f"required key is missing{listed}", MISSING)]
    key = str(ctx.get("discriminator", "'type'")).strip("'")
    if kind == "union_tag_not_found":
        return [
            ConfigIssue(
                (*path, key), f"required key is missing; one of: {', '.join(RULE_TYPES)}", MISSING
            )
        ]
    if kind == "union_tag_invalid":
        choices = _listed(ctx["expected_tags"])
        return [ConfigIssue((*path, key), _one_of(choices, ctx["tag"]), NOT_ALLOWED)]
    if kind in ("literal_error", "enum"):
        choices = _listed(ctx["expected"])
        return [ConfigIssue(path, _one_of(choices, error.get("input")), NOT_ALLOWED)]
    if kind in ("value_error", "assertion_error"):
        cause = ctx.get("error")
        code = cause.code if isinstance(cause, CodedValueError) else BAD_FORMAT
        return [ConfigIssue(path, str(error["msg"]).removeprefix("Value error, "), code)]
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in PATTERN_WORDS:
        message = f"must be {PATTERN_WORDS[ctx['pattern']]}"
    elif kind in _EXPECTED:
        message = _EXPECTED[kind]
    elif kind in _BOUNDS and _BOUNDS[kind][0] in ctx:
        limit, words = _BOUNDS[kind]
        message = words.format(ctx[limit])
    else:
        message = str(error["msg"])
    code = OUT_OF_RANGE if kind in _BOUNDS else BAD_FORMAT
    return [ConfigIssue(path, f"{message} (got {_shown(error.get('input'))})", code)]


def _listed(expected: str) -> list[str]:
    """``"'dev', 'test' or 'prod'"`` (pydantic's wording) as ``['dev', 'test', 'prod']``."""
    if "<" in expected:  # enum members: "<OutboundRuleType.FQDN: 'FQDN'>, ..."
        return re.findall(r": '([^']*)'>", expected)
    return [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",")]


def _one_of(choices: list[str], value: Any) -> str:
    """``must be one of dev, test or prod (got 'stage')``, with a hint for a near miss."""
    if len(choices) > 2:
        listed = f"one of {', '.join(choices[:-1])} or {choices[-1]}"
    else:
        listed = " or ".join(choices)
    message = f"must be {listed} (got {_shown(value)})"
    if isinstance(value, str):
        folded = {choice.casefold(): choice for choice in choices}
        hint = difflib.get_close_matches(value.casefold(), folded, n=1)
        if hint:
            message += f"; did you mean '{folded[hint[0]]}'?"
    return message


def _shown(value: Any) -> str:
    """A value as the user wrote it in YAML, or what kind of value it is when it is long."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, str) and len(value) > 60:
        return f"{len(value)} characters"
    return repr(value) if isinstance(value, str) else str(value)


def _without_rule_tag(path: tuple[Any, ...]) -> tuple[tuple[Any, ...], Any]:
    """pydantic puts a tagged union's tag into the key path (``outboundRules.pypi.FQDN.x``); the
    user never wrote it, so drop it and return the tagged model instead."""
    for index in range(2, len(path)):
        if path[index - 2] == "outboundRules" and path[index] in RULE_TYPES:
            return (*path[:index], *path[index + 1 :]), RULE_TYPES[path[index]]
    return path, None


def _model_keys(model: Any) -> list[str]:
    return sorted(f.alias or name for name, f in model.model_fields.items())


def _known_keys(path: tuple[Any, ...], root: Any = LandingZoneConfig) -> list[str]:
    """The camelCase keys allowed at ``path`` in the model."""
    model = _annotation_at(path, root)
    return _model_keys(model) if hasattr(model, "model_fields") else []


def _choices(path: tuple[Any, ...], rule_model: Any, root: Any = None) -> list[str]:
    """The allowed values of the key at ``path`` when it takes one of a fixed set."""
    if rule_model is not None:
        field = _field_by_alias(rule_model, str(path[-1]))
        annotation = unwrap(field.annotation) if field is not None else None
    else:
        annotation = _annotation_at(path, root)
    if typing.get_origin(annotation) is Literal:
        return [str(choice) for choice in typing.get_args(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [member.value for member in annotation]
    return []


def _annotation_at(path: tuple[Any, ...], root: Any = None) -> Any:
    """The type the models expect at ``path``: a model, a Literal, ...; None if none is known."""
    annotation: Any = root or LandingZoneConfig
    for part in path:
        origin = typing.get_origin(annotation)
        if origin is list and isinstance(part, int):
            annotation = unwrap(typing.get_args(annotation)[0])
            continue
        if origin is dict:
            annotation = unwrap(typing.get_args(annotation)[1])
            continue
        field = _field_by_alias(annotation, str(part))
        if field is None:
            return None
        annotation = unwrap(field.annotation)
    return annotation


def _field_by_alias(model: Any, alias: str) -> Any:
    for name, field in getattr(model, "model_fields", {}).items():
        if alias in (name, field.alias):
            return field
    return None


def _name_issues(sections: Mapping[str, Any]) -> list[ConfigIssue]:
    """Build every name now, so a name that cannot fit fails before any resource exists. Runs
    when the keys names are made of are valid."""
    keys = ("organization", "workload", "environment", "location")
    parts = {key: sections.get(key) for key in keys}
    if not all(isinstance(part, str) for part in parts.values()):
        return []
    seed = sections.get("name_seed")
    # the subscription only changes the hash, never a name's length: none is needed here
    version = sections.get("naming_version")
    version = version if isinstance(version, int) and version in NAMING_SCHEMES else 2
    naming = Naming(
        **typing.cast(dict[str, str], parts),
        seed=seed if isinstance(seed, str) and version >= 2 else "",
        version=version,
    )
    issues: list[ConfigIssue] = []
    for build in (
        naming.hub,
        naming.storage,
        naming.key_vault,
        naming.registry,
        naming.log_analytics,
    ):
        try:
            build()
        except ConfigError as error:
            issues.append(ConfigIssue(("organization",), str(error), BAD_NAME))
    if _owns_ml_registry(sections):
        try:
            naming.ml_registry()
        except ConfigError as error:
            issues.append(ConfigIssue(("organization",), str(error), BAD_NAME))
    for index, project in enumerate(sections.get("projects") or []):
        try:
            naming.project(project.name)
        except ConfigError as error:
            issues.append(ConfigIssue(("projects", index, "name"), str(error), BAD_NAME))
    for index, product in enumerate(sections.get("data_products") or []):
        own = naming.for_product(product.name)
        try:
            own.resource_group("dp")
            own.identity("ws")
            if product.kind == "project":
                naming.project(product.name)
            else:
                for build in (own.data_product_workspace, own.storage, own.key_vault, own.registry):
                    build()
        except ConfigError as error:
            issues.append(ConfigIssue(("dataProducts", index, "name"), str(error), BAD_NAME))
    return issues


def _owns_ml_registry(sections: Mapping[str, Any]) -> bool:
    """Whether this stack creates the promotion registry (its hub's own, or the estate's)."""
    hub, environments = sections.get("hub"), sections.get("environments")
    if hub is not None and hub.ml_registry:
        return True
    registry = environments.registry if environments is not None else None
    return registry is not None and registry.owner == sections.get("environment")


def _provider_issues(
    sections: Mapping[str, Any], values: Mapping[str, Any], provider: Mapping[str, Any] | None
) -> list[ConfigIssue]:
    """The provider's default region must be the landing zone's, or resources that name no
    region of their own land elsewhere than the stack file says."""
    location, given = sections.get("location"), (provider or {}).get("location")
    if location is None or not isinstance(given, str) or normalize_region(given) == location:
        return []
    return [
        ConfigIssue(
            ("location",),
            f"'{values['location']}', but {PROVIDER_NAMESPACE}:location is '{given}' (the "
            "provider's region for resources that name none); set both to the same region",
        )
    ]


def _message(
    sources: Sources,
    namespace: str,
    issues: list[ConfigIssue],
    *,
    misspelt: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> str:
    """One line per issue: the stack file's keys as ``namespace:key.path``, the shared
    definition's as ``landing-zone.yaml: key.path`` (how each file spells its keys); then the
    keys under a misspelt namespace, as the stack file spells them; then ``notes`` (how to fix
    what the lines say), which are no problems of their own."""
    issues = list(dict.fromkeys(issues))
    total = len(issues) + len(misspelt)
    count = f"{total} problem{'' if total == 1 else 's'}"
    files = [sources.file_of(issue.path) for issue in issues]
    header = sources.stack_file
    if SHARED_FILE in files:
        header += f" with {SHARED_FILE}"
    lines = [f"{header}: invalid configuration ({count}):"]
    for issue, file in zip(issues, files, strict=True):
        where = (
            f"{SHARED_FILE}: {format_path('', issue.path).removeprefix(':')}"
            if file == SHARED_FILE
            else format_path(namespace, issue.path)
        )
        lines.append(f"  {where}: {issue.message} [{issue.code}]")
    lines += [f"  {line}" for line in (*misspelt, *notes)]
    return "\n".join(lines)
