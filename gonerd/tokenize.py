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
def load_pipeline(name: str = DEFAULT_TOKENIZER, *, without_torch: bool = False) -> Language:
    """``blank:<lang>`` for a blank pipeline, otherwise a spaCy pipeline name or path (as ``spacy.load`` takes).
    ``without_torch`` imports spaCy with torch hidden (:func:`gonerd.lean_imports.hidden`); only for blank
    pipelines, which never use it."""
    if without_torch and name.startswith("blank:"):
        from gonerd.lean_imports import hidden

        with hidden("torch"):
            import spacy
    import spacy

    if name.startswith("blank:"):
        try:
            return spacy.blank(name.split(":", 1)[1])
        except (ImportError, KeyError, ValueError) as exc:  # spaCy's "[E048] Can't import language zz"
            raise ValueError(f"cannot make the blank spaCy pipeline {name!r}: {exc}") from None
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ValueError(
            f"cannot load the spaCy pipeline {name!r}: give an installed pipeline name, a path to a saved "
            f"pipeline, or 'blank:<lang>' ({exc})"
        ) from exc


class Tokenizer:
    """Callable ``text -> (tokens, offsets)``; picklable (the spaCy object is loaded lazily in each process).
    ``without_torch``: see :func:`load_pipeline` (the build sets it when no silver pipeline needs spaCy's models)."""

    def __init__(self, pipeline: str = DEFAULT_TOKENIZER, *, without_torch: bool = False):
        self.pipeline = pipeline
        self.without_torch = without_torch

    def __call__(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        nlp = load_pipeline(self.pipeline, without_torch=self.without_torch)  # imports spaCy: first
        from spacy.attrs import IDX, IS_SPACE, LENGTH

        doc = nlp.tokenizer(text)
        # one array call instead of a Python Token object per token (most of the time on long documents)
        rows = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist() if len(doc) else []
        offsets = [(idx, idx + length) for idx, length, space in rows if not space]
        offsets = [(s, e) for s, e in offsets if text[s:e].strip()]
        return [text[s:e] for s, e in offsets], offsets

    def __repr__(self) -> str:
        return f"Tokenizer({self.pipeline!r})"
