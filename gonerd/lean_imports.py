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


def freeze_startup_objects() -> None:
    """In a dedicated build process only: move every object alive now (modules, spaCy's tables, the language
    model...) out of the cyclic garbage collector's reach (:func:`gc.freeze`). They live until the process ends
    anyway; the collector no longer walks them on every full collection, and a process forked later (the
    extraction sandbox) does not touch their memory pages when it collects (copy-on-write)."""
    if _ALLOWED:
        import gc

        gc.freeze()


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


def _spacy_info(*args, **kwargs):
    """``spacy.info`` for a spaCy imported by :func:`spacy_without_cli`: the real one, imported when called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


@contextmanager
def spacy_without_cli() -> Iterator[None]:
    """Within the block, ``import spacy`` skips ``spacy.cli`` (its command-line package: weasel, typer, httpx...,
    a third of spaCy's import time), which ``spacy/__init__.py`` imports only for ``spacy.info``. Placeholders stand
    in while spaCy is imported and are removed afterwards: a later ``import spacy.cli`` imports the real package, and
    ``spacy.info`` imports it when called. Only in a dedicated build process, and only if spaCy is not imported yet."""
    if not _ALLOWED or "spacy" in sys.modules:
        yield
        return
    import types

    package = types.ModuleType("spacy.cli")
    package.__path__ = []  # a package with no submodules of its own
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info
    package.info = info
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = package, info
    try:
        yield
    finally:
        for name in ("spacy.cli.info", "spacy.cli"):
            if sys.modules.get(name) in (package, info):
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) is package:
            del spacy.cli
