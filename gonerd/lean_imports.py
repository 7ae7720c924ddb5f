"""Keep a build process lean: modules a build never uses are not imported just because a library probes for them.

spaCy imports thinc, which imports torch whenever it is installed (seconds, hundreds of MB), although a
rule-based tokenizer never uses it; pyarrow imports pandas the first time it builds an array, although writing
parquet never needs it. :func:`hidden` makes such an import fail (as if the package were not installed) for the
duration of a block. The library that probed then remembers "not installed" for the rest of the process, so this is
done only in a process that does nothing but build: the ``gonerd build`` command calls :func:`allow_hiding`;
a notebook calling :func:`gonerd.build.run_build` keeps its imports as they were.
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_ALLOWED = False


def allow_hiding() -> None:
    """Declare this process a dedicated build process (see the module docstring)."""
    global _ALLOWED
    _ALLOWED = True


class _Refuse(importlib.abc.MetaPathFinder):
    """A finder that answers "not installed" for some top-level packages (and their submodules)."""

    def __init__(self, names: set[str]):
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"{fullname} is not imported by a build (gonerd.lean_imports)", name=fullname)
        return None


@contextmanager
def hidden(*modules: str) -> Iterator[None]:
    """Within the block, ``import <module>`` raises ImportError for each of ``modules`` not imported yet (only in
    a dedicated build process; elsewhere, and for modules already imported, nothing changes)."""
    names = {m for m in modules if _ALLOWED and m not in sys.modules}
    if not names:
        yield
        return
    finder = _Refuse(names)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
