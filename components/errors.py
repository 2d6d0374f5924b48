"""Errors a user can act on. They subclass ``pulumi.RunError`` so both the Pulumi CLI and the
offline engine print the message alone, without a traceback, and exit non-zero."""

from __future__ import annotations

import pulumi


class LandingZoneError(pulumi.RunError):
    """Base class for every error the library raises on purpose."""


class ConfigError(LandingZoneError):
    """The stack configuration is invalid; raised before any resource is registered."""


class ComponentArgsError(LandingZoneError):
    """A component was given arguments it cannot accept (e.g. a hub-owned setting on a project)."""
