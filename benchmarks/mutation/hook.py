"""Serve one module's mutated source instead of its file, for the process it is installed in."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from typing import Any


class _Loader(importlib.machinery.SourceFileLoader):
    def __init__(self, name: str, path: str, source: str) -> None:
        super().__init__(name, path)
        self._source = source

    def get_data(self, path: str) -> bytes:
        if path == self.path:
            return self._source.encode("utf-8")
        return super().get_data(path)

    def path_stats(self, path: str) -> Any:  # never the cached bytecode of the original
        raise OSError("mutated source")


class MutantFinder(importlib.abc.MetaPathFinder):
    def __init__(self, module: str, source: str) -> None:
        self.module, self.source = module, source

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != self.module:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None and spec.origin:
                spec.loader = _Loader(fullname, spec.origin, self.source)
                return spec
        return None


def install(module: str, source: str) -> None:
    """Forget the library and the tests (a forked child inherits them) and serve the mutant."""
    for name in list(sys.modules):
        if name.split(".")[0] in ("aml_landing_zone", "tests"):
            del sys.modules[name]
    sys.meta_path.insert(0, MutantFinder(module, source))
