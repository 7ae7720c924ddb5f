"""Word tokenisation with character offsets, by spaCy's tokenizer.

The default is spaCy's rule-based English tokenizer (``blank:en``: no model to download). Any installed pipeline
name (``en_core_web_sm``) or path to a saved pipeline can be given instead; only its tokenizer is used here.
Whitespace tokens (spaCy keeps runs of spaces and newlines as tokens) are not tokens of the dataset: they carry no
label and cannot be written to CoNLL files.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_TOKENIZER = "blank:en"


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_TOKENIZER) -> Language:
    """``blank:<lang>`` for a blank pipeline, otherwise a spaCy pipeline name or path (as ``spacy.load`` takes)."""
    if name.startswith("blank:"):
        return _spacy_without_torch().blank(name.split(":", 1)[1])
    import spacy  # a trained pipeline may need thinc's torch support: import as usual

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ValueError(
            f"cannot load the spaCy pipeline {name!r}: give an installed pipeline name, a path to a saved "
            f"pipeline, or 'blank:<lang>' ({exc})"
        ) from exc


def _spacy_without_torch():
    """Import spaCy with torch hidden from thinc, unless either is imported already.

    thinc (spaCy's machine-learning layer) imports torch at start-up whenever it is installed, only for its optional
    PyTorch wrappers: seconds and hundreds of MB for every data command on an ML user's machine. Tokenizers and
    blank pipelines never use them, so during this one import ``import torch`` fails and thinc records torch as
    unavailable for this process. A process that imported torch first is unaffected.
    """
    if "spacy" not in sys.modules and "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` raise ImportError
        try:
            import spacy
        finally:
            if "torch" in sys.modules and sys.modules["torch"] is None:
                del sys.modules["torch"]
    import spacy

    return spacy


class Tokenizer:
    """Callable ``text -> (tokens, offsets)``; picklable (the spaCy object is loaded lazily in each process)."""

    def __init__(self, pipeline: str = DEFAULT_TOKENIZER):
        self.pipeline = pipeline

    def __call__(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        nlp = load_pipeline(self.pipeline)  # first: it decides how spaCy is imported
        from spacy.attrs import IDX, IS_SPACE, LENGTH

        doc = nlp.tokenizer(text)
        # one array call instead of a Python Token object per token (most of the time on long documents)
        rows = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist() if len(doc) else []
        offsets = [(idx, idx + length) for idx, length, space in rows if not space]
        offsets = [(s, e) for s, e in offsets if text[s:e].strip()]
        return [text[s:e] for s, e in offsets], offsets

    def __repr__(self) -> str:
        return f"Tokenizer({self.pipeline!r})"
