"""One wheel build and one fresh virtualenv for every test that installs the library.

Building and installing cost seconds, so the tests that need an installed library (the README's
reuse example, the product-team example, the policy pack on its own) share them: the fixtures in
``tests/conftest.py`` are session-scoped, and the modules in ``INSTALLED_MODULES`` run in one
xdist worker (``conftest.pytest_xdist_make_scheduler``), so the library is built once.

The virtualenv gets the locked dependencies from uv's cache (hard links, no download once
``uv sync`` has run), then the wheel itself with dependency resolution on and the network off:
a dependency the wheel declares but the lock lacks fails the install instead of being fetched.
A project's own dependency file (``requirements.txt``) is installed into it the same way, its
git URL of this library pointed at the wheel (``install_requirements``)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.stack_values import ROOT

SUBPROCESS_TIMEOUT = 300
# The test modules that use the installed library, kept in one worker.
INSTALLED_MODULES = (
    "tests/test_wheel_install.py",
    "tests/test_product_team_example.py",
    "tests/test_data_product_example.py",
    "tests/policies/test_pack_alone.py",
)
# How a dependency file names this library: its git repository (``<org>`` is the reader's) at
# the release tag of the version it was written for.
LIBRARY_REQUIREMENT = re.compile(
    r"aml-landing-zone @ git\+https://github\.com/<org>/aml-landing-zone@v(?P<version>[\w.]+)"
)


def uv() -> str:
    """The uv that runs this suite (``uv run`` exports it as $UV), else this interpreter's uv
    module, else the one on PATH."""
    if os.environ.get("UV"):
        return os.environ["UV"]
    try:
        from uv import find_uv_bin  # type: ignore[import-not-found]

        return str(find_uv_bin())
    except (ImportError, FileNotFoundError):
        pass
    found = shutil.which("uv")
    if found is None:
        pytest.fail("uv is needed to build and install the wheel: python3 -m pip install uv")
    return found


def clean_env() -> dict[str, str]:
    """This process's environment without the suite's own virtualenv or import path. Bytecode
    may be written (into the temporary venv only), so a second run imports pulumi-azure-native
    compiled instead of parsing it again."""
    return {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONDONTWRITEBYTECODE"}
    }


@dataclass
class Timings:
    seconds: dict[str, float] = field(default_factory=dict)

    def run(self, step: str, command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run ``command``; fail the test with its output unless it succeeds."""
        start = time.perf_counter()
        result = subprocess.run(
            command,
            cwd=cwd,
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=SUBPROCESS_TIMEOUT,
            check=False,
        )
        self.seconds[step] = self.seconds.get(step, 0.0) + time.perf_counter() - start
        assert result.returncode == 0, (
            f"{step} failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}"
        )
        return result


@dataclass(frozen=True)
class Dists:
    sdist: Path
    wheel: Path


@dataclass(frozen=True)
class Venv:
    python: Path
    site_packages: Path


def build(out: Path, timings: Timings) -> Dists:
    """The sdist, and the wheel uv builds from it (so a file the sdist drops is missing too)."""
    timings.run("build", [uv(), "build", "--quiet", "--out-dir", str(out)], ROOT)
    [sdist], [wheel] = sorted(out.glob("*.tar.gz")), sorted(out.glob("*.whl"))
    return Dists(sdist, wheel)


def pip_install(python: Path) -> list[str]:
    return [uv(), "pip", "install", "--quiet", "--python", str(python), "--link-mode", "hardlink"]


def create_venv(work: Path, wheel: Path, timings: Timings) -> Venv:
    """A fresh virtualenv: the locked dependencies, then the wheel."""
    root = work / "venv"
    timings.run("venv", [uv(), "venv", "--quiet", "--python", sys.executable, str(root)], work)
    python = root / "bin" / "python"
    lock = work / "pylock.toml"
    export = [uv(), "export", "--quiet", "--frozen", "--no-dev", "--no-emit-project"]
    timings.run("install", [*export, "--format", "pylock.toml", "--output-file", str(lock)], ROOT)
    timings.run("install", [*pip_install(python), "-r", str(lock)], work)
    timings.run("install", [*pip_install(python), "--offline", str(wheel)], work)
    timings.run("install", [uv(), "pip", "check", "--quiet", "--python", str(python)], work)
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site_packages = Path(timings.run("venv", [str(python), "-c", purelib], work).stdout.strip())
    return Venv(python, site_packages)


def library_version() -> str:
    text = (ROOT / "pyproject.toml").read_text()
    match = re.search(r'^version = "([^"]+)"', text, re.M)
    assert match, "pyproject.toml has no version"
    return match.group(1)


def install_requirements(
    requirements: Path, venv: Venv, wheel: Path, work: Path, timings: Timings
) -> None:
    """Install a project's ``requirements.txt`` as its README says, offline: the file must name
    this library by its git URL at the current version's tag; that one line is pointed at the
    wheel (the tag does not exist until the release), every other line is installed as written."""
    lines = requirements.read_text().splitlines()
    matches = [LIBRARY_REQUIREMENT.fullmatch(line.strip()) for line in lines]
    found = [m for m in matches if m is not None]
    assert len(found) == 1, f"{requirements} must name aml-landing-zone by its git URL once"
    assert found[0]["version"] == library_version(), (
        f"{requirements} pins v{found[0]['version']}; the library is {library_version()}"
    )
    rewritten = work / f"{requirements.parent.name}-requirements.txt"
    rewritten.write_text(
        "\n".join(
            f"aml-landing-zone @ {wheel.as_uri()}" if match else line
            for line, match in zip(lines, matches, strict=True)
        )
        + "\n"
    )
    command = [*pip_install(venv.python), "--offline", "-r", str(rewritten)]
    timings.run("install", command, work)
    timings.run("install", [uv(), "pip", "check", "--quiet", "--python", str(venv.python)], work)


def copy_alone(source: Path, destination: Path) -> Path:
    """``source`` copied into an empty folder, away from this repository and its import path."""
    target = destination / source.name
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "venv", ".venv"))
    return target


def installed_alone(source: Path, work: Path, venv: Venv, wheel: Path, timings: Timings) -> Path:
    """A project folder as a user gets it: copied away from this repository, its own
    ``requirements.txt`` installed into the shared fresh venv."""
    copied = copy_alone(source, work)
    install_requirements(copied / "requirements.txt", venv, wheel, work, timings)
    return copied
