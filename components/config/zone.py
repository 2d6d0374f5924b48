"""What names and tags a landing zone: organisation, workload, environment, region and tags.

The stack config and every component that names resources (``HubArgs``) validate these through
this one model, so a region typo or a missing required tag reads the same from YAML or from code."""

from __future__ import annotations

import difflib
import re

from pydantic import Field, ValidationInfo, field_validator

from ..codes import BAD_REFERENCE, CodedValueError
from ..naming import DEFAULT_NAMING_VERSION, NAMING_SCHEMES
from ..regions import REGION_CODES, normalize_region
from .base import ConfigIssue, StrictModel, pattern_field, report

REQUIRED_TAGS: tuple[str, ...] = ("costCenter", "owner")
_TAG_KEY_FORBIDDEN = re.compile(r"[<>%&\\?/]")
NAME_PART = r"^[a-z][a-z0-9]{1,7}$"
NAME_PART_WORDS = "2–8 lowercase letters or digits, starting with a letter"


def region_problem(value: str) -> str | None:
    """Why ``value`` is not a region this landing zone supports (nearest match suggested)."""
    region = normalize_region(value)
    if region in REGION_CODES:
        return None
    hint = difflib.get_close_matches(region, REGION_CODES, n=1)
    return f"'{value}' is not an Azure region this landing zone supports" + (
        f"; did you mean '{hint[0]}'?" if hint else " (e.g. westeurope, eastus2, swedencentral)"
    )


def known_region(value: str) -> str:
    """The region's canonical name, or the coded error :func:`region_problem` words."""
    problem = region_problem(value)
    if problem is not None:
        raise CodedValueError(BAD_REFERENCE, problem)
    return normalize_region(value)


class ZoneSettings(StrictModel):
    """The naming parts and tags shared by every resource of one landing zone."""

    organization: str = pattern_field(
        r"^[a-z][a-z0-9]{1,9}$",
        "2–10 lowercase letters or digits, starting with a letter",
        description="Short organisation prefix used in every name.",
    )
    workload: str = pattern_field(
        NAME_PART,
        NAME_PART_WORDS,
        "ml",
        description="Workload name used in every name.",
    )
    environment: str = pattern_field(
        NAME_PART, NAME_PART_WORDS, description="Environment, e.g. dev, test or prod."
    )
    location: str = Field(description="Azure region, e.g. westeurope.")
    naming_version: int = Field(
        DEFAULT_NAMING_VERSION,
        description="The naming scheme, frozen per version so an upgrade never renames a live "
        "resource: "
        + "; ".join(f"{version}: {text}" for version, text in NAMING_SCHEMES.items())
        + ". New schemes are opt-in.",
    )
    name_seed: str = pattern_field(
        r"^[a-z0-9]{0,4}$",
        "up to 4 lowercase letters or digits",
        "",
        description="Changes every globally unique and soft-deletable name (storage, key vault, "
        "registry, workspaces). Set or change it to re-create a torn-down stack whose old names "
        "are still held by soft-deleted resources; changing it on a live stack replaces them.",
    )
    tags: dict[str, str] = Field(
        description=f"Tags on every resource; must include {', '.join(REQUIRED_TAGS)}."
    )

    @field_validator("naming_version")
    @classmethod
    def _known_scheme(cls, version: int) -> int:
        if version not in NAMING_SCHEMES:
            known = ", ".join(map(str, NAMING_SCHEMES))
            raise ValueError(f"there is no naming scheme {version}; known schemes: {known}")
        return version

    @field_validator("name_seed")
    @classmethod
    def _seed_needs_scheme_2(cls, seed: str, info: ValidationInfo) -> str:
        if seed and info.data.get("naming_version", DEFAULT_NAMING_VERSION) < 2:
            raise ValueError("needs namingVersion 2 or later (scheme 1 has no seed)")
        return seed

    @field_validator("location")
    @classmethod
    def _known_region(cls, value: str) -> str:
        return known_region(value)

    @field_validator("tags")
    @classmethod
    def _tags(cls, tags: dict[str, str]) -> dict[str, str]:
        issues = []
        present = {key.lower() for key in tags}
        missing = [key for key in REQUIRED_TAGS if key.lower() not in present]
        if missing:
            noun = "tag" if len(missing) == 1 else "tags"
            issues.append(ConfigIssue((), f"missing required {noun}: {', '.join(missing)}"))
        for key, value in tags.items():
            if _TAG_KEY_FORBIDDEN.search(key):
                issues.append(
                    ConfigIssue((key,), "Azure refuses tag names containing < > % & \\ ? or /")
                )
            if len(key) > 512:
                issues.append(
                    ConfigIssue((key,), "Azure allows tag names of 512 characters at most")
                )
            if len(value) > 256:
                issues.append(
                    ConfigIssue(
                        (key,),
                        f"Azure allows tag values of 256 characters at most (this one has "
                        f"{len(value)})",
                    )
                )
        report(issues)
        return tags
