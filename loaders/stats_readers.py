"""Readers for `gonerd stats READER:PATH`, registered under the ``gonerd.datasets`` entry-point group.

The core reads built folders and Hub ids itself; token-classification sets in other file formats come from the
loaders, through this group, so ``gonerd/`` never imports ``loaders``. Each reader takes a path and returns whole
documents (``level="document"``: one row per ``-DOCSTART-`` document) with ``tokens`` and ``ner_tags``.
``annotation_kind`` tells the statistics the provenance of every document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.registry import load

if TYPE_CHECKING:
    import datasets


def conll2003(path: str) -> datasets.DatasetDict:
    """CoNLL-2003 (``eng.train`` / ``eng.testa`` / ``eng.testb``), one row per document."""
    return load("conll2003", path, level="document")


def conll(path: str) -> datasets.DatasetDict:
    """Any CoNLL column files (IOB1/IOB2/IOBES/BILOU, labels derived from the files), one row per document."""
    return load("conll", path, level="document")


conll2003.annotation_kind = "gold"  # the released set was annotated by hand
