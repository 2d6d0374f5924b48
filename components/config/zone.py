"""What names and tags a landing zone: organisation, workload, environment, region and tags.

The stack config and every component that names resources (``HubArgs``) validate these through
this one model, so a region typo or a missing required tag reads the same from YAML or from code."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pydantic import Field, field_validator

from ..regions import REGION_CODES, normalize_region
from .base import StrictModel

REQUIRED_TAGS: tuple[str, ...] = ("costCenter", "owner")
_TAG_KEY_FORBIDDEN = re.compile(r"[<>%&\\?/]")


class ZoneSettings(StrictModel):
    """The naming parts and tags shared by every resource of one landing zone."""

    organization: str = Field(
        pattern=r"^[a-z][a-z0-9]{1,9}$",
        description="Short organisation prefix used in every name (2-10 lowercase letters/digits).",
    )
    workload: str = Field(
        "ml", pattern=r"^[a-z][a-z0-9]{1,7}$", description="Workload name used in every name."
    )
    environment: str = Field(
        pattern=r"^[a-z][a-z0-9]{1,7}$", description="Environment: dev, test, prod, ..."
    )
    location: str = Field(description="Azure region, e.g. westeurope.")
    tags: dict[str, str] = Field(
        description=f"Tags on every resource; must include {', '.join(REQUIRED_TAGS)}."
    )

    @field_validator("location")
    @classmethod
    def _known_region(cls, value: str) -> str:
        region = normalize_region(value)
        if region not in REGION_CODES:
            raise ValueError(
                f"'{value}' is not an Azure region this landing zone supports "
                f"(e.g. westeurope, eastus2, swedencentral)"
            )
        return region

    @field_validator("tags")
    @classmethod
    def _tags(cls, tags: Mapping[str, str]) -> dict[str, str]:
        present = {key.lower() for key in tags}
        missing = [key for key in REQUIRED_TAGS if key.lower() not in present]
        if missing:
            raise ValueError(f"missing required tag(s): {', '.join(missing)}")
        for key, value in tags.items():
            if len(key) > 512 or _TAG_KEY_FORBIDDEN.search(key):
                raise ValueError(f"tag name '{key}' is not allowed by Azure (<>%&\\?/ or > 512)")
            if len(value) > 256:
                raise ValueError(f"tag '{key}' value is longer than 256 characters")
        return dict(tags)
