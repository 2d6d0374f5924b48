"""Where the engine tier's programs come from: the Pulumi CLI and language hosts that
``.ci/build-cli`` builds into its cache, the simulated Azure's provider executables in
``tests/engine/bin``, and the project's own environment.

The tier runs only when asked (``AMLLZ_ENGINE=1``, which ``.ci/engine`` sets): it takes minutes,
so the README's test command skips it and says how to run it."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.stack_values import ROOT

ENGINE_DIR = Path(__file__).resolve().parent
SIMULATED_AZURE_BIN = ENGINE_DIR / "bin"
BUILD_SCRIPT = ROOT / ".ci" / "build-cli"
RUN_COMMAND = "bash .ci/engine"


@dataclass(frozen=True)
class EngineTools:
    """The directories whose executables the engine finds on PATH."""

    cli_bin: Path  # pulumi, pulumi-language-python(-exec), pulumi-language-yaml
    python_bin: Path  # the project's environment: python3 with grpc for the simulated Azure
    uv_bin: Path  # uv, which the language host runs for `toolchain: uv`

    def path(self) -> str:
        parts = [self.cli_bin, SIMULATED_AZURE_BIN, self.python_bin, self.uv_bin]
        return os.pathsep.join([*map(str, parts), "/usr/local/bin", "/usr/bin", "/bin"])


def requested() -> bool:
    return os.environ.get("AMLLZ_ENGINE", "") not in ("", "0")


def cached_cli_bin() -> Path | None:
    """The bin folder of the cached CLI build, or None when it was never built."""
    given = os.environ.get("AMLLZ_PULUMI_BIN")
    if given:
        return Path(given) if (Path(given) / "pulumi").exists() else None
    result = subprocess.run(
        ["bash", str(BUILD_SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        return None
    return Path(result.stdout.strip().splitlines()[-1])


def why_not_available() -> str | None:
    """None when the tier can run here, else what is missing and the command that fixes it."""
    if cached_cli_bin() is not None:
        return None
    if shutil.which("go") is None:
        return (
            "the Pulumi CLI is not built and Go is not installed (the CLI is built from its Go "
            f"module: install Go >= 1.24, then `{RUN_COMMAND}`)"
        )
    return (
        f"the Pulumi CLI is not built yet: `{RUN_COMMAND}` builds it (10-25 min once) and runs "
        "the tier"
    )


def skip_reason() -> str:
    reason = f"engine tier not requested (AMLLZ_ENGINE unset): `{RUN_COMMAND}` runs it"
    missing = why_not_available()
    return f"{reason}; {missing}" if missing else reason


def engine_tools() -> EngineTools:
    cli = cached_cli_bin()
    assert cli is not None, why_not_available()
    uv = os.environ.get("UV") or shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
    return EngineTools(cli, ROOT / ".venv" / "bin", Path(uv).parent)
