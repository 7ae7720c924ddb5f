"""Word tokenisation with character offsets, by spaCy's tokenizer.

The default is spaCy's rule-based English tokenizer (``blank:en``: no model to download). Any installed pipeline
name (``en_core_web_sm``) or path to a saved pipeline can be given instead; only its tokenizer is used here.
Whitespace tokens (spaCy keeps runs of spaces and newlines as tokens) are not tokens of the dataset: they carry no
label and cannot be written to CoNLL files.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_TOKENIZER = "blank:en"


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_TOKENIZER) -> Language:
    """``blank:<lang>`` for a blank pipeline, otherwise a spaCy pipeline name or path (as ``spacy.load`` takes)."""
    import spacy

    if name.startswith("blank:"):
        return spacy.blank(name.split(":", 1)[1])
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ValueError(
            f"cannot load the spaCy pipeline {name!r}: give an installed pipeline name, a path to a saved "
            f"pipeline, or 'blank:<lang>' ({exc})"
        ) from exc


class Tokenizer:
    """Callable ``text -> (tokens, offsets)``; picklable (the spaCy object is loaded lazily in each process)."""

    def __init__(self, pipeline: str = DEFAULT_TOKENIZER):
        self.pipeline = pipeline

    def __call__(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        from spacy.attrs import IDX, IS_SPACE, LENGTH

        doc = load_pipeline(self.pipeline).tokenizer(text)
        # one array call instead of a Python Token object per token (most of the time on long documents)
        rows = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist() if len(doc) else []
        offsets = [(idx, idx + length) for idx, length, space in rows if not space]
        offsets = [(s, e) for s, e in offsets if text[s:e].strip()]
        return [text[s:e] for s, e in offsets], offsets

    def __repr__(self) -> str:
        return f"Tokenizer({self.pipeline!r})"
