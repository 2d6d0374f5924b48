"""Records every registration the program makes, exactly as the Pulumi engine would receive it.

The recorder sits where the engine's resource monitor would be, so it sees the real
``RegisterResourceRequest`` messages (camelCase inputs, secrets and resource references in wire
form, explicit and implicit dependencies as URNs) rather than anything the SDK lets a test peek at.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pulumi
from aml_landing_zone.offline.model import ProgramRun, RecordedResource
from google.protobuf import struct_pb2
from google.protobuf.json_format import MessageToDict
from pulumi.runtime.mocks import MockMonitor, Mocks

STACK_TYPE = "pulumi:pulumi:Stack"


class DuplicateResourceError(pulumi.RunError):
    """Two resources got the same URN; the real engine rejects this, the mock monitor does not."""


def struct_to_json(struct: struct_pb2.Struct) -> dict[str, Any]:
    """Convert a protobuf Struct to plain JSON values, keeping Pulumi's wire form.

    Struct numbers are doubles; integral ones are turned back into ints so ``3`` stays ``3``
    in plans, as the Pulumi CLI shows them.
    """
    value = _normalise(MessageToDict(struct))
    assert isinstance(value, dict)
    return value


def _normalise(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _normalise(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    return value


def program_aliases(aliases: Any) -> tuple[dict[str, Any], ...]:
    """The aliases the program gave: azure-native adds one per older API version of its type
    (a type-only alias to ``azure-native:<module>/<version>:<Type>``), which are left out."""
    specs = [alias_spec(alias) for alias in aliases]
    return tuple(
        spec
        for spec in specs
        if not (set(spec) == {"type"} and str(spec["type"]).startswith("azure-native:"))
    )


def alias_spec(alias: Any) -> dict[str, Any]:
    """One alias of a RegisterResourceRequest, with only the fields the program set."""
    if alias.WhichOneof("alias") == "urn":
        return {"urn": alias.urn}
    spec = alias.spec
    fields: dict[str, Any] = {
        key: getattr(spec, key) for key in ("name", "type", "stack", "project", "parentUrn")
    }
    fields["noParent"] = spec.noParent
    return {key: value for key, value in fields.items() if value}


def current_event_loop() -> asyncio.AbstractEventLoop | None:
    """The loop set for this thread, without creating one (``get_event_loop`` may)."""
    local = getattr(asyncio.get_event_loop_policy(), "_local", None)
    loop = getattr(local, "_loop", None)
    return loop if isinstance(loop, asyncio.AbstractEventLoop) else None


class RecordingMonitor(MockMonitor):
    """A ``MockMonitor`` that keeps each registration and each ``RegisterResourceOutputs``.

    The SDK calls the monitor from executor threads, so every write takes a lock.
    """

    def __init__(self, mocks: Mocks) -> None:
        super().__init__(mocks)
        self._lock = threading.Lock()
        self.records: dict[str, RecordedResource] = {}
        self.resource_outputs: dict[str, dict[str, Any]] = {}
        self.stack_urn: str | None = None
        self.warnings: list[str] = []  # what the program logged with pulumi.log.warn/error
        self._thread_loops: list[asyncio.AbstractEventLoop] = []

    def _ensure_thread_loop(self) -> None:
        """Give an executor thread the loop the base class needs, and remember it.

        The base class creates one per worker thread and never closes it; those loops are then
        collected at interpreter exit, after their sockets, and print "Exception ignored".
        """
        if current_event_loop() is None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            with self._lock:
                self._thread_loops.append(loop)

    def close_thread_loops(self) -> None:
        """Close the worker-thread loops; call once the executor has shut down."""
        with self._lock:
            loops, self._thread_loops = self._thread_loops, []
        for loop in loops:
            if not loop.is_running() and not loop.is_closed():
                loop.close()

    def Invoke(self, request: Any) -> Any:
        """Delegate, on a loop this monitor will close."""
        self._ensure_thread_loop()
        return super().Invoke(request)

    def ReadResource(self, request: Any) -> Any:
        """Record the read (a StackReference, a ``get``: the engine's plan shows it as a read
        step), then delegate on a loop this monitor will close."""
        urn = self.make_urn(request.parent, request.type, request.name)
        record = RecordedResource(
            urn=urn,
            type=request.type,
            name=request.name,
            parent=request.parent or None,
            custom=True,
            protect=False,
            dependencies=tuple(sorted(set(request.dependencies))),
            property_dependencies={},
            inputs=struct_to_json(request.properties),
            provider=request.provider or None,
        )
        with self._lock:
            self.records.setdefault(urn, record)
        self._ensure_thread_loop()
        return super().ReadResource(request)

    def RegisterResource(self, request: Any) -> Any:
        """Record the request, reject duplicate URNs like the engine, then delegate."""
        urn = self.make_urn(request.parent, request.type, request.name)
        record = RecordedResource(
            urn=urn,
            type=request.type,
            name=request.name,
            parent=request.parent or None,
            custom=bool(request.custom),
            protect=bool(request.protect),
            dependencies=tuple(sorted(set(request.dependencies))),
            property_dependencies={
                key: tuple(sorted(set(deps.urns)))
                for key, deps in sorted(request.propertyDependencies.items())
            },
            inputs=struct_to_json(request.object),
            provider=request.provider or None,
            ignore_changes=tuple(request.ignoreChanges),
            replace_on_changes=tuple(request.replaceOnChanges),
            delete_before_replace=bool(request.deleteBeforeReplace),
            retain_on_delete=bool(request.retainOnDelete),
            aliases=program_aliases(request.aliases),
        )
        with self._lock:
            if urn in self.records:
                raise DuplicateResourceError(
                    f"Duplicate resource URN '{urn}'; try giving it a unique name"
                )
            self.records[urn] = record
            if request.type == STACK_TYPE:
                self.stack_urn = urn
        self._ensure_thread_loop()
        return super().RegisterResource(request)

    def RegisterResourceOutputs(self, request: Any) -> Any:
        """Keep the outputs a component (or the root stack) registers."""
        outputs = struct_to_json(request.outputs)
        with self._lock:
            self.resource_outputs[request.urn] = outputs
        return super().RegisterResourceOutputs(request)

    def program_run(
        self, project: str, stack: str, stack_config: dict[str, Any] | None = None
    ) -> ProgramRun:
        """Freeze the record: resources sorted by URN (root stack left out), stack outputs."""
        with self._lock:
            resources = tuple(
                record for urn, record in sorted(self.records.items()) if record.type != STACK_TYPE
            )
            outputs = dict(self.resource_outputs.get(self.stack_urn or "", {}))
        return ProgramRun(
            project=project,
            stack=stack,
            resources=resources,
            outputs=outputs,
            stack_config=dict(stack_config or {}),
            warnings=tuple(self.warnings),
        )
