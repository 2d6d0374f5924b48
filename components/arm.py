"""ARM resource ids: checked where the user writes them, taken apart where a part is needed.

The one place an ARM id is read, for the components, the policy pack and the offline engine
alike (it imports nothing but ``codes``). A wrong id otherwise surfaces minutes into a deployment
as an opaque ARM error; checking the shape (subscription GUID, resource group, provider type) up
front names the key instead. The parts are read leniently elsewhere (``segment``,
``subscription_of``): a policy judges whatever a program sends."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .codes import BAD_REFERENCE, CodedValueError

_ID = re.compile(
    r"^/subscriptions/(?P<sub>[0-9a-fA-F-]{36})/resourceGroups/(?P<rg>[-\w.()]{1,90})"
    r"/providers/(?P<namespace>[A-Za-z][\w.]*)/(?P<rest>[^?#]+)$"
)


def arm_type(resource_id: str) -> str | None:
    """``Namespace/type[/subtype...]`` of an ARM id, or None when it is not one."""
    match = _ID.match(resource_id)
    if match is None:
        return None
    parts = match.group("rest").split("/")
    if len(parts) % 2 != 0 or not all(parts):
        return None
    return "/".join([match.group("namespace"), *parts[0::2]])


def check_resource_id(resource_id: str, expected_type: str | None = None) -> str:
    """``resource_id`` if it is an ARM id (of ``expected_type``); ``ValueError`` otherwise."""
    found = arm_type(resource_id)
    example = f"/subscriptions/<guid>/resourceGroups/<rg>/providers/{expected_type or '...'}/<name>"
    if found is None:
        raise CodedValueError(
            BAD_REFERENCE, f"'{resource_id}' is not an ARM resource id ({example})"
        )
    if expected_type is not None and found.lower() != expected_type.lower():
        raise CodedValueError(
            BAD_REFERENCE, f"'{resource_id}' is a {found} id; expected a {expected_type} id"
        )
    return resource_id


def resource_id_check(expected_type: str | None = None) -> Callable[[str], str]:
    """A validator for ids of ``expected_type`` (for pydantic's ``AfterValidator``)."""
    return lambda resource_id: check_resource_id(resource_id, expected_type)


def resource_name(resource_id: str) -> str:
    """The last name segment of an ARM id."""
    return resource_id.rstrip("/").rsplit("/", 1)[-1]


def resource_group_of(resource_id: str) -> str:
    """The resource group an ARM id (checked by ``check_resource_id``) lives in."""
    match = _ID.match(resource_id)
    if match is None:
        raise ValueError(f"'{resource_id}' is not an ARM resource id")
    return match.group("rg")


def parent_id(resource_id: str) -> str:
    """The id of the resource a child resource belongs to (a subnet's virtual network)."""
    return resource_id.rstrip("/").rsplit("/", 2)[0]


def segments(arm_id: Any) -> list[str]:
    """The ``/``-separated parts of an ARM id (none for what is not a string)."""
    return [part for part in arm_id.split("/") if part] if isinstance(arm_id, str) else []


def segment(arm_id: Any, index: int) -> str | None:
    """One ``/``-separated part of an ARM id (``index`` from the end when negative), or None."""
    parts = segments(arm_id)
    try:
        return parts[index]
    except IndexError:
        return None


def part_after(arm_id: Any, key: str) -> str | None:
    """The part of an ARM id after its first ``key`` part (compared case-insensitively), or
    None: ``part_after(id, "resourceGroups")`` is the resource group's name."""
    parts = segments(arm_id)
    for i, part in enumerate(parts[:-1]):
        if part.casefold() == key.casefold():
            return parts[i + 1]
    return None


def subscription_of(arm_id: Any) -> str | None:
    """The subscription an ARM id lives in (as written), or None."""
    return part_after(arm_id, "subscriptions")


def resource_group_id(resource_id: str) -> str:
    """The id of the resource group a resource id lives in (its part before ``/providers/``)."""
    return resource_id.split("/providers/")[0]


def type_path(resource_id: str) -> str:
    """An ARM id from its type on (``storageAccounts/st/blobServices/default``), for people; the
    last two parts of what has no provider."""
    if "/providers/" in resource_id:
        return resource_id.rsplit("/providers/", 1)[1].split("/", 1)[-1]
    return "/".join(resource_id.rstrip("/").split("/")[-2:])
