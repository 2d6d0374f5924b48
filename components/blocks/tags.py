"""Tags for cost reporting and ownership: the configured tags plus the landing zone's own."""

from __future__ import annotations

from collections.abc import Mapping


def landing_zone_tags(
    environment: str, workload: str, configured: Mapping[str, str]
) -> dict[str, str]:
    """Configured tags win over nothing but the environment, which must always be true."""
    return {"workload": workload, "managedBy": "pulumi", **configured, "environment": environment}


def with_tags(base: Mapping[str, str], **extra: str) -> dict[str, str]:
    return {**base, **extra}
