"""Step 4: text normalisation (ftfy, NFC, whitespace with paragraph breaks kept) and legal cleaning."""

from __future__ import annotations

from datatrove.data import DocumentsPipeline

from gonerd.steps.base import CountingStep


class NormalizeText(CountingStep):
    """Legal documents first lose page headers, line numbers and line-end hyphenation; then every document is
    normalised. Plain (non-legal) text with no blank line anywhere is read as one paragraph per line first.
    A document with nothing left is dropped as ``empty_after_cleaning``."""

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
                elif doc.metadata["kind"] == "text" and "\n\n" not in text.replace("\r\n", "\n"):
                    text = text.replace("\r\n", "\n").replace("\n", "\n\n")
                text = normalize_text(text)
            if not text:
                self.dropped("empty_after_cleaning", f"{doc.metadata['origin']}: no text left after cleaning")
                continue
            doc.text = text
            self.passed()
            yield doc
