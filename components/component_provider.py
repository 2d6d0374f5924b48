"""The components as a Pulumi component package, for programs in other languages.

TypeScript, Go, C#, Java and YAML programs run ``pulumi package add`` on ``provider/`` (its
``PulumiPlugin.yaml`` starts ``serve()``): Pulumi's component provider host infers the package
schema from each component's TypedDict args and annotated outputs, and the engine then asks this
process to construct a component (``Construct`` over gRPC) whenever such a program declares one.

Hosting another component: add it to ``COMPONENTS``, with its ``SPEC`` (the pydantic model that
validates its args, which ``python -m aml_landing_zone.config.typed_args`` generates them from)
and its token in ``component_types.py``, then regenerate the golden schema (``python -m
tests.test_component_schema``). ``LandingZone`` is not hosted: it takes a validated stack config
(a pydantic model), not TypedDict args the schema analyzer can describe."""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import pulumi
from pulumi.provider.experimental import component_provider_host
from pulumi.provider.experimental.component import ComponentProvider

from .component_types import PACKAGE_NAME
from .computes.component import PersonalComputeInstance
from .data_products.component import DataLandingZoneML
from .hub.component import Hub
from .projects.component import ProjectWorkspace

COMPONENTS: list[type[pulumi.ComponentResource]] = [
    Hub,
    ProjectWorkspace,
    DataLandingZoneML,
    PersonalComputeInstance,
]


def package_version() -> str:
    """The library's version, which the package (and the SDKs generated from it) carries."""
    try:
        return version("aml-landing-zone")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0.0.0"


def component_provider() -> ComponentProvider:
    """The provider ``serve()`` hosts: the components and the schema inferred from them."""
    return ComponentProvider(COMPONENTS, PACKAGE_NAME, version=package_version())


def package_schema() -> dict[str, Any]:
    """The package schema as the provider serves it to ``pulumi package add`` (GetSchema)."""
    schema = component_provider().schema
    assert schema is not None
    result: dict[str, Any] = json.loads(schema)
    return result


def serve() -> None:
    """Serve the components to the Pulumi engine (the entry point of ``provider/``)."""
    component_provider_host(COMPONENTS, PACKAGE_NAME, version=package_version())
