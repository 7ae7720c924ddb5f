"""Step 4: text normalisation (character repair, NFC, whitespace with paragraph breaks kept) and legal cleaning."""

from __future__ import annotations

from datatrove.data import Document

from gonerd.steps.base import DocumentStep, Drop


class NormalizeText(DocumentStep):
    """Legal documents first lose page headers, line numbers and line-end hyphenation; then every document is
    normalised (:func:`gonerd.processing.normalize.normalize_text`). Plain (non-legal) text with no blank line
    anywhere is read as one paragraph per line first. A document with nothing left is dropped as
    ``empty_after_cleaning``; one whose mojibake was repaired is counted (``mojibake_repaired``)."""

    name = "normalize"

    def process(self, doc: Document) -> Document | Drop:
        from gonerd.processing.legal import clean_legal_text
        from gonerd.processing.normalize import normalize_document

        text = doc.text
        if doc.metadata["source_type"] == "legal":
            text = clean_legal_text(text)
        elif doc.metadata["kind"] == "text" and "\n\n" not in text.replace("\r\n", "\n"):
            text = text.replace("\r\n", "\n").replace("\n", "\n\n")
        text, repaired = normalize_document(text)
        if not text:
            return Drop("empty_after_cleaning", f"{doc.metadata['origin']}: no text left after cleaning")
        if repaired:
            self.stat_update("mojibake_repaired")
        doc.text = text
        return doc
