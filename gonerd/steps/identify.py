"""Step 3: identity of each document (stable id, URL, source type news | legal); and, after cleaning, its source
(the site or the court)."""

from __future__ import annotations

from datatrove.data import Document

from gonerd.schema import SOURCE_TYPES, document_id
from gonerd.steps.base import DocumentStep, Drop
from gonerd.urls import host_of


class IdentifyDocuments(DocumentStep):
    """Sets ``doc.id`` and the ``url``/``source_type`` metadata (the source type decides the cleaning rules).

    The id comes from the record's own id, else the URL the input gave (WARC target, JSONL ``url``), else the raw
    bytes. A page's own ``<link rel=canonical>`` fills ``url`` but never makes the id: CMSs point many pages at
    one canonical URL (often the home page), and distinct documents must not share an id.
    The source type comes from ``source_type`` (configuration) if set, else the record/path, else a heuristic.
    """

    name = "identify"

    def __init__(self, source_type: str | None = None):
        super().__init__()
        if source_type is not None and source_type not in SOURCE_TYPES:
            raise ValueError(f"source_type must be one of {SOURCE_TYPES}, not {source_type!r}")
        self.source_type = source_type

    def process(self, doc: Document) -> Document | Drop:
        from gonerd.processing.classify import looks_legal

        meta = doc.metadata
        given = self.source_type or meta.get("source_type")
        if given is not None and given not in SOURCE_TYPES:
            return Drop("unknown_source_type", f"{meta['origin']}: source_type {given!r} is not news/legal")
        source_type = given or ("legal" if looks_legal(doc.text) else "news")
        input_url = meta.get("input_url")
        doc.id = meta.get("given_id") or (
            document_id(input_url) if input_url else document_id(content_sha1=meta["raw_sha1"])
        )
        meta["source_type"] = source_type
        return doc


class NameSource(DocumentStep):
    """Sets ``source`` when the input did not: the court (named in the title or the caption of the cleaned text)
    for legal documents, the site (host, else the page's site name) for news and for courts not found."""

    name = "source"

    def process(self, doc: Document) -> Document:
        from gonerd.processing.classify import guess_court

        meta = doc.metadata
        if not meta.get("source"):
            court = guess_court(doc.text, meta.get("title")) if meta["source_type"] == "legal" else None
            site = host_of(meta.get("url")) or meta.get("sitename")
            fallback = "unknown court" if meta["source_type"] == "legal" else "unknown site"
            meta["source"] = court or site or fallback
            self.stat_update(f"source_{'court' if court else 'site' if site else 'unknown'}")
        return doc
