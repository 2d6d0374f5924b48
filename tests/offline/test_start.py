"""offline-preview's first step: it keeps what it imports compiled (also under
PYTHONDONTWRITEBYTECODE=1) and says on a first run what the long wait is."""

from __future__ import annotations

import importlib.util
import py_compile
import sys
from pathlib import Path

import pytest
from aml_landing_zone.offline import cli, start

MESSAGE = (
    "offline-preview: first run in this environment: compiling the modules it imports "
    "(once; later runs load them compiled)\n"
)


@pytest.fixture
def uncompiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A module with no compiled copy yet, as the probe."""
    (tmp_path / "amllz_probe_module.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(start, "_PROBE", "amllz_probe_module")
    monkeypatch.delitem(sys.modules, "amllz_probe_module", raising=False)
    return "amllz_probe_module"


def test_a_first_run_says_what_it_is_doing_and_writes_bytecode(
    uncompiled: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "main", lambda: 0)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # PYTHONDONTWRITEBYTECODE=1
    assert start.main() == 0
    assert capsys.readouterr().err == MESSAGE
    assert sys.dont_write_bytecode is False
    __import__(uncompiled)
    assert not start.first_run()  # the import wrote its compiled copy: a later run is quiet


def test_a_later_run_is_quiet(
    uncompiled: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = importlib.util.find_spec(uncompiled).origin  # type: ignore[union-attr]
    py_compile.compile(source, cfile=importlib.util.cache_from_source(source))
    monkeypatch.setattr(cli, "main", lambda: 0)
    monkeypatch.setattr(sys, "dont_write_bytecode", sys.dont_write_bytecode)
    assert start.main() == 0
    assert capsys.readouterr().err == ""
