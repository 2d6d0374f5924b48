"""Package discovery for the one import name.

``pyproject.toml`` maps three folders onto ``aml_landing_zone`` (``[tool.setuptools.package-dir]``:
``components/`` is the package, ``policies/`` and ``offline/`` its subpackages); setuptools'
``find_packages`` cannot prefix what it finds with the name a folder maps to, so this does it:
every package below each folder ships, and a new capability folder needs no list edited."""

from __future__ import annotations

import tomllib
from pathlib import Path

from setuptools import find_packages, setup


def packages() -> list[str]:
    """``aml_landing_zone`` and every package below the folders mapped onto it."""
    pyproject = tomllib.loads(Path(__file__).with_name("pyproject.toml").read_text())
    mapped: dict[str, str] = pyproject["tool"]["setuptools"]["package-dir"]
    found = []
    for name, folder in mapped.items():
        found += [name, *(f"{name}.{package}" for package in find_packages(folder))]
    return sorted(found)


setup(packages=packages())
