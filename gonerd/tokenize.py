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


def load_pipeline(
    name: str = DEFAULT_TOKENIZER, *, without_torch: bool = False, tokenizer_only: bool = False
) -> Language:
    """``blank:<lang>`` for a blank pipeline, otherwise a spaCy pipeline name or path (as ``spacy.load`` takes).
    ``without_torch`` imports spaCy with torch hidden (:func:`gonerd.lean_imports.hidden`) and without its
    command-line package (:func:`gonerd.lean_imports.spacy_without_cli`); only for blank pipelines, which never use
    either. ``tokenizer_only`` (blank pipelines): for a caller that only tokenises, a vocabulary that computes no
    lexical attributes (norm, shape, like_num, stop word...) for each new word: the tokenizer's rules never read
    them, and they were a third of its time on new words (same tokens: tested). Loaded once per process."""
    return _load_pipeline(name, without_torch, tokenizer_only and name.startswith("blank:"))


@lru_cache(maxsize=4)
def _load_pipeline(name: str, without_torch: bool, tokenizer_only: bool) -> Language:
    if without_torch and name.startswith("blank:"):
        from gonerd.lean_imports import hidden, spacy_without_cli

        with hidden("torch"), spacy_without_cli():
            import spacy
    import spacy

    if name.startswith("blank:"):
        try:
            if tokenizer_only:
                from spacy.vocab import Vocab

                return spacy.blank(name.split(":", 1)[1], vocab=Vocab())
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
        offsets = self.offsets(text)
        return [text[s:e] for s, e in offsets], offsets

    def offsets(self, text: str) -> list[tuple[int, int]]:
        """The ``(start, end)`` character offsets of the tokens (whitespace tokens left out)."""
        # imports spaCy: first
        nlp = load_pipeline(self.pipeline, without_torch=self.without_torch, tokenizer_only=True)
        from spacy.attrs import IDX, LENGTH

        doc = nlp.tokenizer(text)
        # one array call instead of a Python Token object per token (most of the time on long documents); a
        # whitespace token is one whose text strips to nothing (spaCy's IS_SPACE: not computed without attributes)
        rows = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        return [(idx, idx + length) for idx, length in rows if text[idx : idx + length].strip()]

    def __repr__(self) -> str:
        return f"Tokenizer({self.pipeline!r})"
