"""Run a Pulumi program in-process under the mock runtime, as ``pulumi up`` would run it.

The Pulumi CLI gives each program a fresh process; here dozens of programs run in one process
(the test suite, the benchmarks), so each run gets its own ``contextvars.Context``, its own event
loop and its own settings object, and the program's own modules are unloaded afterwards.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import contextvars
import dataclasses
import datetime
import difflib
import functools
import gc
import json
import logging
import os
import runpy
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pulumi
import yaml
from aml_landing_zone.offline.mocks import AzureMocks
from aml_landing_zone.offline.model import ProgramRun
from aml_landing_zone.offline.recorder import RecordingMonitor, current_event_loop
from aml_landing_zone.offline.stack_references import config_digest, stale_outputs_warning
from aml_landing_zone.shared_definition import (
    Sources,
    effective_stack_config,
    read_shared,
    sibling_keys,
)
from google.protobuf import empty_pb2
from pulumi.runtime import settings as pulumi_settings
from pulumi.runtime.config import set_all_config
from pulumi.runtime.mocks import MockEngine
from pulumi.runtime.stack import run_in_stack

SECRET_PLACEHOLDER = "[secret]"
# A program under mocks finishes in seconds; this only turns a hung Output into an error.
DEFAULT_TIMEOUT_SECONDS = 600.0
# Allocations between two young-generation garbage collections while a program runs (see
# collect_less_often); Python's default is 700.
RUN_GC_THRESHOLD = 50_000

_log = logging.getLogger("offline.program")


class ProjectFileError(pulumi.RunError):
    """Pulumi.yaml or the stack file is missing or unreadable: the user must fix a file."""


class ProgramTimeoutError(RuntimeError):
    """The program's registrations or Outputs never settled."""


@dataclass(frozen=True)
class Project:
    """What the engine needs from ``Pulumi.yaml``."""

    name: str
    config_defaults: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- files and config


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate keys, as the Pulumi CLI does: PyYAML would keep the
    last one silently, so a key written twice would change the stack without a word."""


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProjectFileError(f"{path}: file not found") from None
    except OSError as exc:
        raise ProjectFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise ProjectFileError(f"{path}: invalid YAML: {exc}") from None


def load_project(project_dir: Path) -> Project:
    """Read the project name and project-level config defaults from ``Pulumi.yaml``.

    Project config entries are either a value or a declaration (``type``/``default``/``value``);
    a declaration without a value contributes nothing, as with the CLI.
    """
    path = project_dir / "Pulumi.yaml"
    doc = _read_yaml(path)
    if not isinstance(doc, Mapping) or not isinstance(doc.get("name"), str) or not doc["name"]:
        raise ProjectFileError(f"{path}: must be a mapping with a non-empty 'name'")
    declared = doc.get("config") or {}
    if not isinstance(declared, Mapping):
        raise ProjectFileError(f"{path}: 'config' must be a mapping")
    defaults: dict[str, Any] = {}
    declaration_keys = {"type", "default", "value", "description", "secret", "items"}
    for key, entry in declared.items():
        if isinstance(entry, Mapping) and set(entry) and set(entry) <= declaration_keys:
            if "value" in entry:
                defaults[str(key)] = entry["value"]
            elif "default" in entry:
                defaults[str(key)] = entry["default"]
        else:
            defaults[str(key)] = entry
    return Project(name=doc["name"], config_defaults=defaults)


def stack_file(project_dir: Path, stack: str) -> Path:
    """Where the CLI keeps a stack's settings."""
    return project_dir / f"Pulumi.{stack}.yaml"


def load_stack_config(project_dir: Path, stack: str) -> dict[str, Any]:
    """The ``config:`` mapping of ``Pulumi.<stack>.yaml`` (empty when the file has none)."""
    path = stack_file(project_dir, stack)
    if not path.is_file():
        raise ProjectFileError(_no_such_stack(project_dir, stack))
    doc = _read_yaml(path)
    if doc is None:
        return {}
    if not isinstance(doc, Mapping):
        raise ProjectFileError(f"{path}: must be a mapping")
    config = doc.get("config") or {}
    if not isinstance(config, Mapping):
        raise ProjectFileError(f"{path}: 'config' must be a mapping")
    return dict(config)


def _no_such_stack(project_dir: Path, stack: str) -> str:
    """What a stack name without its file gets told: the stacks there are, the nearest first."""
    stacks = sorted(
        p.name.removeprefix("Pulumi.").removesuffix(".yaml")
        for p in project_dir.glob("Pulumi.*.yaml")
    )
    if not stacks:
        return (
            f"no stack '{stack}': {project_dir} holds no Pulumi.<stack>.yaml; create "
            f"Pulumi.{stack}.yaml (pulumi stack init {stack})"
        )
    hint = difflib.get_close_matches(stack, stacks, n=1, cutoff=0.5)
    guess = f"; did you mean '{hint[0]}'?" if hint else ""
    return (
        f"no stack '{stack}': there is no Pulumi.{stack}.yaml in {project_dir} (stacks: "
        f"{', '.join(stacks)}){guess}"
    )


def _is_secure(value: Any) -> bool:
    return isinstance(value, Mapping) and set(value) == {"secure"}


# Turns a ``secure:`` value's ciphertext into its text; offline there is none by default.
Decrypt = Callable[[str], str]


def _hide_secure(value: Any, decrypt: Decrypt | None = None) -> tuple[Any, bool]:
    """Replace ``secure:`` leaves by their decrypted text (``decrypt``), else by the placeholder
    (undecryptable offline); report if any."""
    if _is_secure(value):
        return (decrypt(value["secure"]) if decrypt else SECRET_PLACEHOLDER), True
    if isinstance(value, Mapping):
        found = False
        out: dict[str, Any] = {}
        for key, item in value.items():
            out[str(key)], secret = _hide_secure(item, decrypt)
            found = found or secret
        return out, found
    if isinstance(value, list):
        items = [_hide_secure(item, decrypt) for item in value]
        return [item for item, _ in items], any(secret for _, secret in items)
    return value, False


def _scalar_text(value: Any) -> str:
    """Render a YAML scalar the way the CLI hands it to the program."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__} in config")


def flatten_config(
    project: str,
    config: Mapping[str, Any],
    defaults: Mapping[str, Any] | None = None,
    decrypt: Decrypt | None = None,
) -> tuple[dict[str, str], list[str]]:
    """Turn a stack's ``config:`` mapping into the CLI's flat ``namespace:key -> str`` form.

    Keys without a namespace get ``<project>:``; scalars become strings (``true``, ``3``);
    objects and lists become JSON (keys in YAML order); ``secure:`` values become ``[secret]``
    (or their text, given ``decrypt``) and their keys are reported secret, as the CLI reports
    them: the whole top-level key.
    """
    flat: dict[str, str] = {}
    secret_keys: set[str] = set()
    merged = {**dict(defaults or {}), **dict(config)}
    for raw_key, raw_value in merged.items():
        key = str(raw_key)
        if ":" not in key:
            key = f"{project}:{key}"
        value, secret = _hide_secure(raw_value, decrypt)
        if isinstance(value, (dict, list)):
            flat[key] = json.dumps(value, separators=(",", ":"), default=_json_default)
        else:
            flat[key] = _scalar_text(value)
        if secret:
            secret_keys.add(key)
    return flat, sorted(secret_keys)


# --------------------------------------------------------------------------- process state


def _is_library_path(path: Path) -> bool:
    parts = path.parts
    return "site-packages" in parts or "dist-packages" in parts or path.is_relative_to(sys.prefix)


@contextlib.contextmanager
def _program_environment(project_dir: Path) -> Iterator[None]:
    """cwd and ``sys.path[0]`` point at the project for the run; both are restored after.

    Modules imported during the run from the project directory are unloaded again, so a
    module-level cache in one program cannot leak into the next run (the CLI uses a fresh
    process each time). Modules already imported before the run are left alone.
    """
    previous_cwd = os.getcwd()
    previous_path0 = sys.path[0] if sys.path else None
    before = set(sys.modules)
    os.chdir(project_dir)
    if sys.path:
        sys.path[0] = str(project_dir)
    else:
        sys.path.append(str(project_dir))
    try:
        yield
    finally:
        os.chdir(previous_cwd)
        if previous_path0 is None:
            sys.path.pop(0)
        else:
            sys.path[0] = previous_path0
        for name in set(sys.modules) - before:
            location = getattr(sys.modules[name], "__file__", None)
            if location is None:
                continue
            path = Path(location).resolve()
            if path.is_relative_to(project_dir) and not _is_library_path(path):
                del sys.modules[name]


@contextlib.contextmanager
def collect_less_often() -> Iterator[None]:
    """Raise the garbage collector's first threshold for a run; restore it afterwards.

    A run loads azure-native's modules: hundreds of thousands of long-lived objects (classes,
    their functions and properties) and almost no garbage cycles. At the default thresholds the
    collector walks the whole, growing heap about eight times per run and frees next to nothing,
    about a third of a preview's CPU time. Cycles are still collected, only less often.
    ``offline-preview`` holds it for the whole process, so that the full collection a run puts
    off does not come due while the policy pack looks at the result.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], RUN_GC_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@contextlib.contextmanager
def without_source_positions() -> Iterator[None]:
    """Skip the stack trace the SDK captures for every resource it registers.

    ``pulumi.runtime.resource`` walks the whole Python stack (reading each frame's source line)
    per registration, for the source position the engine shows in ``pulumi preview``; the
    offline monitor records no position, and the walk is about a tenth of a run's CPU. Left
    alone when a future SDK drops the private hook."""
    from pulumi.runtime import resource
    from pulumi.runtime.proto import source_pb2

    original = getattr(resource, "_get_stack_trace", None)
    if original is None:
        yield
        return
    resource._get_stack_trace = source_pb2.StackTrace
    try:
        yield
    finally:
        resource._get_stack_trace = original


_SCALARS = (str, int, float, bool, type(None))


@contextlib.contextmanager
def scalars_skip_the_unknowns_scan() -> Iterator[None]:
    """Answer ``contains_unknowns`` for a plain scalar without the SDK's recursive scan.

    The SDK asks it of every value each Output carries (tens of thousands per run, about a
    sixth of a run's CPU), and most are strings; a scalar is never an Unknown, so the answer is
    the same. Lists and dicts still take the SDK's own scan. Left alone when a future SDK
    moves the function."""
    from pulumi import output
    from pulumi.runtime import rpc

    original = getattr(rpc, "contains_unknowns", None)
    if original is None or getattr(output, "contains_unknowns", None) is None:
        yield
        return
    previous = output.contains_unknowns

    def contains_unknowns(val: Any) -> bool:
        return False if type(val) in _SCALARS else original(val)

    rpc.contains_unknowns = output.contains_unknowns = contains_unknowns  # type: ignore[assignment]
    try:
        yield
    finally:
        rpc.contains_unknowns, output.contains_unknowns = original, previous  # type: ignore[assignment]


def _quiet_exception_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """Failed Outputs nobody awaited are reported through the run's exception, not as noise."""
    message = str(context.get("message", ""))
    if "never retrieved" in message:
        _log.debug("%s: %r", message, context.get("exception"))
        return
    loop.default_exception_handler(context)


def _drain(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel whatever the program left pending and close the loop cleanly."""
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.run_until_complete(loop.shutdown_default_executor())
    loop.close()


class _EngineLog:
    """Where the program's ``pulumi.log`` messages go: warnings and errors are kept with the run
    (the report shows them, as `pulumi preview` would), the rest only to the debug log."""

    def __init__(self, monitor: RecordingMonitor) -> None:
        self.monitor = monitor

    def debug(self, message: str) -> None:
        _log.debug("%s", message)

    def info(self, message: str) -> None:
        if message.startswith("[LZ-"):  # an acknowledged preflight finding: still reported
            self.monitor.warnings.append(message)
        else:
            self.debug(message)

    def warning(self, message: str) -> None:
        self.monitor.warnings.append(message)

    error = warning


def _configure_runtime(
    project: str, stack: str, project_dir: Path, monitor: RecordingMonitor
) -> None:
    """Install fresh Pulumi settings in the current (fresh) context.

    A full ``Settings`` object, not ``set_mocks``' ``MockSettings``: the latter leaves
    ``outputs``/``lock``/``package_refs`` unset, and those then fall back to process-wide
    defaults shared by every run.
    """
    pulumi_settings.ROOT.set(None)
    runtime_settings = pulumi_settings.Settings(
        project=project,
        stack=stack,
        monitor=monitor,
        engine=MockEngine(_EngineLog(monitor)),  # type: ignore[arg-type]
        dry_run=False,
        organization="organization",
        root_directory=str(project_dir),
    )
    runtime_settings.monitor_features = set(
        monitor.GetDeploymentInfo(empty_pb2.Empty()).supportedFeatures
    )
    pulumi_settings.configure(runtime_settings)


def _execute(
    project_dir: Path,
    project: str,
    stack: str,
    *,
    config: dict[str, str],
    secret_keys: list[str],
    monitor: RecordingMonitor,
    timeout: float,
) -> None:
    """Run ``__main__.py`` to completion; meant to run inside a fresh ``contextvars.Context``."""
    _configure_runtime(project, stack, project_dir, monitor)
    set_all_config(config, secret_keys)

    main = project_dir / "__main__.py"
    program_errors: list[BaseException] = []

    def program() -> None:
        try:
            runpy.run_path(str(main), run_name="__main__")
        except BaseException as exc:
            program_errors.append(exc)
            raise

    loop = asyncio.new_event_loop()
    loop.set_exception_handler(_quiet_exception_handler)
    previous_loop = current_event_loop()
    asyncio.set_event_loop(loop)
    try:
        with (
            _program_environment(project_dir),
            without_source_positions(),
            scalars_skip_the_unknowns_scan(),
        ):
            try:
                loop.run_until_complete(asyncio.wait_for(run_in_stack(program), timeout))
            except BaseException as exc:
                if program_errors:
                    if exc is program_errors[0]:
                        raise
                    # The program's own exception wins over a follow-on failure while draining.
                    raise program_errors[0] from None
                if isinstance(exc, TimeoutError):
                    raise ProgramTimeoutError(
                        f"{main}: registrations did not settle within {timeout:g}s "
                        "(an Output that never resolves?)"
                    ) from None
                raise
    finally:
        try:
            _drain(loop)
        finally:
            monitor.close_thread_loops()
            asyncio.set_event_loop(previous_loop)


def run_program(
    project_dir: Path,
    stack: str,
    config: dict[str, Any] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    decrypt: Decrypt | None = None,
) -> ProgramRun:
    """Run the project's ``__main__.py`` under mocks and return everything it registered.

    ``config`` replaces the stack file's ``config:`` mapping (the stack file is then not read);
    the program still reads the project's shared definition (``landing-zone.yaml``) itself.
    ``decrypt`` gives ``secure:`` values their text, as the CLI's secrets provider would (by
    default they are the placeholder ``[secret]``; the plan shows them as ``[secret]`` either way).
    Exceptions raised by the program propagate unchanged. Runs must be sequential: the working
    directory and ``sys.path[0]`` are process-wide and point at the project during a run.
    """
    project_dir = Path(project_dir).resolve()
    project = load_project(project_dir)
    raw_config = load_stack_config(project_dir, stack) if config is None else dict(config)
    flat, secret_keys = flatten_config(project.name, raw_config, project.config_defaults, decrypt)
    mocks = AzureMocks(flat.get("azure-native:subscriptionId"), project_dir)
    monitor = RecordingMonitor(mocks)
    execute = functools.partial(
        _execute,
        project_dir,
        project.name,
        stack,
        config=flat,
        secret_keys=secret_keys,
        monitor=monitor,
        timeout=timeout,
    )

    context = contextvars.Context()  # empty: no Pulumi state from earlier runs or the caller
    with collect_less_often():
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            context.run(execute)
        else:
            # Called from async code: a second loop cannot run on this thread.
            with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
                pool.submit(lambda: context.run(execute)).result()

    # The plan records the config the program validated: the shared definition merged in.
    shown_config, _ = _hide_secure(effective_stack_config(project.name, project_dir, raw_config))
    run = monitor.program_run(project.name, stack, shown_config)
    stale = [
        line
        for other in sorted(mocks.references - {stack})
        if (line := _stale_outputs(project_dir, project.name, other, decrypt)) is not None
    ]
    return dataclasses.replace(
        run,
        sources=_sources(project_dir, project.name, stack, raw_config),
        warnings=(*run.warnings, *stale),
    )


def effective_config_digest(project_dir: Path, namespace: str, stack: str) -> str:
    """The digest of ``stack``'s config as its program sees it (``stack_references``)."""
    own = load_stack_config(project_dir, stack)
    return config_digest(effective_stack_config(namespace, project_dir, own))


def _stale_outputs(
    project_dir: Path, namespace: str, stack: str, decrypt: Decrypt | None
) -> str | None:
    """The warning when ``stack``'s committed outputs are not what its program exports now
    (its program runs only when its config changed since the file was written)."""
    if not stack_file(project_dir, stack).is_file():
        return None  # another project's stack: its outputs are not this project's to check
    return stale_outputs_warning(
        project_dir,
        stack,
        key=f"{namespace}:environments.registry.owner",
        digest=effective_config_digest(project_dir, namespace, stack),
        outputs_of=lambda: run_program(project_dir, stack, decrypt=decrypt).outputs,
        read="promotion",  # the registry owner's output the other environments read
    )


def _sources(
    project_dir: Path, namespace: str, stack: str, raw_config: Mapping[str, Any]
) -> Sources:
    """Which file each of the program's keys came from (``shared_definition.Sources``)."""
    prefix = f"{namespace}:"
    own = {
        str(key).removeprefix(prefix): value
        for key, value in raw_config.items()
        if str(key).startswith(prefix) or ":" not in str(key)
    }
    return Sources(
        stack_file(project_dir, stack).name,
        own,
        read_shared(project_dir),
        sibling_keys(project_dir, namespace, stack),
    )
