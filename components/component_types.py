"""The type tokens of the library's own components, ``<package>:index:<class>``: what each
component registers, what the component package's schema serves them as, and what the offline
engine's comparison recognises in a plan. Standard library only, so the engine reads them
without loading the components."""

from __future__ import annotations

# The component package's name: the first part of every token.
PACKAGE_NAME = "amllz"


def _token(component: str) -> str:
    return f"{PACKAGE_NAME}:index:{component}"


HUB_TYPE = _token("Hub")
PROJECT_TYPE = _token("ProjectWorkspace")
DATA_LANDING_ZONE_TYPE = _token("DataLandingZoneML")
COMPUTE_INSTANCE_TYPE = _token("PersonalComputeInstance")
LANDING_ZONE_TYPE = _token("LandingZone")
MULTI_ENVIRONMENT_TYPE = _token("MultiEnvironment")
