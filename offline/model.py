"""What the offline engine records: the contract between the program run, the reports and the
policy runner. Values in ``inputs``/``outputs`` keep Pulumi's wire form (secrets as the secret
signature object, unknowns as the unknown sentinel) so every consumer sees what the engine saw."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aml_landing_zone.shared_definition import Sources

SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270"
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"


@dataclass(frozen=True)
class RecordedResource:
    """One RegisterResource call, as the engine received it."""

    urn: str
    type: str
    name: str
    parent: str | None
    custom: bool
    protect: bool
    dependencies: tuple[str, ...]
    property_dependencies: dict[str, tuple[str, ...]]
    inputs: dict[str, Any]
    provider: str | None = None
    # Property paths as the engine receives them (``managedNetwork.status``): the program's
    # ignoreChanges (kept from state after creation) and replaceOnChanges (a change replaces).
    ignore_changes: tuple[str, ...] = ()
    replace_on_changes: tuple[str, ...] = ()
    # A replacement deletes the old resource before creating the new one (a name it keeps);
    # a deletion only drops it from the state and leaves it in Azure.
    delete_before_replace: bool = False
    retain_on_delete: bool = False
    # The aliases the program gave (``Alias`` specs as the engine gets them: name, type,
    # parentUrn or noParent, stack, project; or a whole old ``urn``), for matching old URNs.
    aliases: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class ProgramRun:
    """A whole program run: every registered resource (sorted by URN) and the stack outputs."""

    project: str
    stack: str
    resources: tuple[RecordedResource, ...]
    outputs: dict[str, Any] = field(default_factory=dict)
    stack_config: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    # Which file each project key came from (the stack file or landing-zone.yaml), for the fix
    # a finding names; None when the run was given its config whole.
    sources: Sources | None = None
