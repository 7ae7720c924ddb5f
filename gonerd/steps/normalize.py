"""Step 4: text normalisation (ftfy, NFC, whitespace with paragraph breaks kept) and legal cleaning."""

from __future__ import annotations

from datatrove.data import DocumentsPipeline

from gonerd.steps.base import CountingStep


class NormalizeText(CountingStep):
    """Legal documents first lose page headers, line numbers and line-end hyphenation; then every document is
    normalised. A document with nothing left is dropped as ``empty_after_cleaning``."""

    name = "normalize"

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        from gonerd.processing.legal import clean_legal_text
        from gonerd.processing.normalize import normalize_text

        for doc in data:
            self.received()
            with self.track_time():
                text = doc.text
                if doc.metadata["source_type"] == "legal":
                    text = clean_legal_text(text)
                text = normalize_text(text)
            if not text:
                self.dropped("empty_after_cleaning", f"{doc.metadata['origin']}: no text left after cleaning")
                continue
            doc.text = text
            self.passed()
            yield doc
