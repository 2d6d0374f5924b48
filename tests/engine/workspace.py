"""One engine workspace: a file backend, a simulated Azure database and project copies, with
every CLI command and its output written to the engine log (``.ci/engine`` prints it).

A project copy is what a user's checkout would be: the repository's files (this working tree,
or an older commit for upgrade tests) in a folder of their own, with its own ``.venv``. The
environment is copied from the repository's (already installed and compiled) and then synced by
the language host itself (``toolchain: uv`` runs ``uv sync``), which takes seconds instead of
the minute a fresh environment with compiled bytecode costs."""

from __future__ import annotations

import io
import os
import shlex
import shutil
import subprocess
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.engine.readme_commands import substitute
from tests.engine.simulated_azure.seed import SimulatedAzure
from tests.engine.tools import EngineTools
from tests.stack_values import ROOT

PASSPHRASE = "engine-tier-passphrase"
COMMAND_TIMEOUT_SECONDS = 900
# The simulated Azure's subscription and tenant (the provider reads them from these variables).
SUBSCRIPTION_ID = "5b1f6e2a-8c3d-4f7e-9a0b-1c2d3e4f5a6b"
TENANT_ID = "7d3e2f1a-4b5c-4d6e-8f7a-9b0c1d2e3f4a"


@dataclass
class Result:
    command: str
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@dataclass
class EngineWorkspace:
    root: Path
    tools: EngineTools
    log_path: Path
    extra_env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        (self.root / "state").mkdir(parents=True, exist_ok=True)
        (self.root / "home").mkdir(exist_ok=True)

    @property
    def backend_url(self) -> str:
        """This workspace's file backend (the README's ``<state backend url>``)."""
        return f"file://{self.root / 'state'}"

    @property
    def database(self) -> Path:
        return self.root / "simulated-azure.sqlite"

    def azure(self) -> SimulatedAzure:
        """The simulated Azure this workspace's stacks deploy to (to seed it or look inside)."""
        return SimulatedAzure(str(self.database), SUBSCRIPTION_ID)

    def env(self) -> dict[str, str]:
        env = {
            "PATH": self.tools.path(),
            "HOME": str(self.root / "home"),
            "PULUMI_HOME": str(self.root / "home" / ".pulumi"),
            "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
            "PULUMI_SKIP_CONFIRMATIONS": "true",
            "PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK": "true",
            "NO_COLOR": "1",
            "AMLLZ_SIM_AZURE_DB": str(self.database),
            "AMLLZ_SIM_SUBSCRIPTION_ID": SUBSCRIPTION_ID,
            "AMLLZ_SIM_TENANT_ID": TENANT_ID,
            "LANG": "C.UTF-8",
        }
        for key in ("UV_CACHE_DIR", "XDG_CACHE_HOME", "SSL_CERT_FILE", "TMPDIR"):
            if key in os.environ:
                env[key] = os.environ[key]
        env.setdefault("UV_CACHE_DIR", str(Path.home() / ".cache" / "uv"))
        return {**env, **self.extra_env}

    # ------------------------------------------------------------------ projects

    def copy_project(self, name: str, commit: str | None = None) -> Path:
        """This working tree (tracked and untracked, not ignored files), or ``commit``'s tree."""
        target = self.root / name
        target.mkdir()
        if commit is None:
            listed = _git("ls-files", "-co", "--exclude-standard", "-z").split("\0")
            for relative in filter(None, listed):
                source = ROOT / relative
                if source.is_file():
                    (target / relative).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target / relative)
        else:
            archive = subprocess.run(
                ["git", "archive", "--format=tar", commit],
                cwd=ROOT,
                capture_output=True,
                check=True,
            ).stdout
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(target, filter="tar")
        shutil.copytree(ROOT / ".venv", target / ".venv", symlinks=True)
        return target

    # ------------------------------------------------------------------ commands

    def run(self, cwd: Path, command: str, *, check: bool = True) -> Result:
        """Run one shell command line (a README line, verbatim) in ``cwd``; log it."""
        start = time.monotonic()
        completed = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command],
            cwd=cwd,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_SECONDS,
            check=False,
        )
        result = Result(command, completed.returncode, completed.stdout, completed.stderr)
        self._log(cwd, result, time.monotonic() - start)
        if check and result.returncode != 0:
            raise AssertionError(f"`{command}` failed ({result.returncode}):\n{result.output}")
        return result

    def run_block(self, cwd: Path, commands: list[str], values: dict[str, str]) -> list[Result]:
        """Run a README block's commands in order; ``export NAME=value`` lines set the
        environment of the commands after them, as in the reader's shell."""
        results = []
        for line in commands:
            command = substitute(line, values)
            if command.startswith("export "):
                name, _, value = command.removeprefix("export ").partition("=")
                self.extra_env[name] = shlex.split(value)[0] if value else ""
                continue
            results.append(self.run(cwd, command))
        return results

    def pulumi(self, cwd: Path, *args: str, check: bool = True) -> Result:
        return self.run(cwd, shlex.join(["pulumi", *args]), check=check)

    def _log(self, cwd: Path, result: Result, seconds: float) -> None:
        where = cwd.relative_to(self.root) if cwd.is_relative_to(self.root) else cwd
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(f"\n$ {result.command}    # in {where}, exit {result.returncode}, ")
            log.write(f"{seconds:.1f} s\n{result.output.rstrip()}\n")


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
