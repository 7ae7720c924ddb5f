"""Steps 5 and 7: language and length filters."""

from __future__ import annotations

from datatrove.data import Document

from gonerd.processing.language import LANGUAGE_SAMPLE_CHARS, language_identifier
from gonerd.steps.base import DocumentStep, Drop


class LanguageFilter(DocumentStep):
    """Keeps documents whose most probable language (py3langid, normalised probabilities) is in ``languages`` and
    at least ``min_score`` likely. Drops are counted per detected language (``dropped_language_de``)."""

    name = "language"

    def __init__(self, languages: tuple[str, ...] = ("en",), min_score: float = 0.5):
        super().__init__()
        self.languages = tuple(languages)
        self.min_score = min_score

    def process(self, doc: Document) -> Document | Drop:
        from gonerd.steps.extract import IDENTIFIED_LANGUAGE

        # the extraction step identified this very text already (same model, same sample), when it was HTML
        identified = doc.metadata.pop(IDENTIFIED_LANGUAGE, None)
        lang, score = identified or language_identifier().classify(doc.text[:LANGUAGE_SAMPLE_CHARS])
        doc.metadata["language"], doc.metadata["language_score"] = lang, float(score)
        if lang not in self.languages:
            # the filter doing its job (most of a multilingual crawl): the task log, not the terminal, names each
            return Drop(f"language_{lang}", f"{doc.metadata['origin']} is {lang} ({score:.2f})", level="INFO")
        if score < self.min_score:
            return Drop("uncertain_language", f"{doc.metadata['origin']} is {lang} at {score:.2f}")
        return doc


class LengthFilter(DocumentStep):
    """Keeps documents with ``min_tokens <= num_tokens <= max_tokens`` (tokens of the dataset's tokenizer)."""

    name = "length"

    def __init__(self, min_tokens: int = 100, max_tokens: int | None = 100_000):
        super().__init__()
        self.min_tokens = min_tokens
        self.max_tokens = max_tokens

    def process(self, doc: Document) -> Document | Drop:
        n = doc.metadata["num_tokens"]
        if n < self.min_tokens:
            return Drop("too_short", f"{doc.metadata['origin']} has {n} tokens < {self.min_tokens}", level="INFO")
        if self.max_tokens is not None and n > self.max_tokens:
            return Drop("too_long", f"{doc.metadata['origin']} has {n} tokens > {self.max_tokens}", level="INFO")
        return doc
