"""Document kinds: news articles and court pages/opinion files (HTML, plain text, PDF), archived as fetched.

A PDF is archived as its response record plus a ``resource`` record with its text (pypdf), since ``gonerd build``
reads HTML, text and JSON records. Dates: the listing's date when it had one, else htmldate on the page.
"""

from __future__ import annotations

import re

from gonerd.scrape.crawl import Analysis, AnalysisError, Kind, Task
from gonerd.scrape.fetch import Exchange
from gonerd.scrape.warc_store import ResourceSpec, ResponseSpec

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
_HTML_SNIFF = re.compile(rb"<!doctype html|<html|<head|<body", re.IGNORECASE)


def sniff(body: bytes, *, text: bool = False) -> str | None:
    """Content type of a body served without one: HTML and PDF, and with ``text`` plain text (a body without
    the control bytes of binary formats; the build decodes whatever its encoding is)."""
    head = body[:2048].lstrip()
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if _HTML_SNIFF.search(head):
        return "text/html"
    if text and body and _looks_like_text(body[:8192]):
        return "text/plain"
    return None


_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _looks_like_text(sample: bytes) -> bool:
    """No NUL or other C0 control bytes than tab, newlines, form feed and escape (the WHATWG MIME sniffing rule
    for "binary data bytes"); UTF-16 text with a byte order mark counts as text."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return not any(b in _BINARY_BYTES for b in sample)


def page_date(html: bytes) -> str | None:
    """htmldate's publication date of an HTML page (its decoded body; original date, not the last update)."""
    from htmldate import find_date

    try:
        return find_date(html, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate on broken markup: no date is an answer, not an error
        return None


class PageKind(Kind):
    """A news article (HTML) from a feed, a sitemap or a URL list."""

    name = "page"
    document = True
    accept = HTML_TYPES

    def analyse(self, task: Task, exchange: Exchange) -> Analysis:
        # decoded whatever the type: a body that does not decode (or is a gzip bomb) is never archived, since the
        # build could not read it either
        body = self.decoded(exchange)
        ctype = exchange.content_type or sniff(body, text=bool(self.accept & TEXT_TYPES))
        if ctype not in self.accept:
            raise AnalysisError("unsupported_content_type", f"{exchange.url}: the body is not {sorted(self.accept)}")
        if not exchange.body:
            raise AnalysisError("empty_body", f"{exchange.url} answered with an empty body")
        fields = {"title": task.data.get("title")}
        if task.data.get("published"):
            fields.update(published=task.data["published"], published_from=task.data.get("from", "listing"))
        elif ctype in HTML_TYPES:
            date = page_date(body)
            if date:
                fields.update(published=date, published_from="htmldate")
        # a body served without Content-Type is archived with the sniffed one (the build reads the HTTP header)
        sniffed = {} if exchange.content_type else {"WARC-Identified-Payload-Type": ctype}
        records = [ResponseSpec(exchange, content_type=ctype if sniffed else None, warc_headers=sniffed)]
        reason, message = None, ""
        if ctype in PDF_TYPES:
            from gonerd.scrape.pdftext import PdfUnreadable, pdf_text

            try:
                text = pdf_text(body)
            except PdfUnreadable as exc:
                reason, message = "pdf_no_text", f"archived, but {exc}"
            else:
                records.append(ResourceSpec(exchange.url, text.encode("utf-8"), "text/plain; charset=utf-8",
                                            exchange.date, {"WARC-Gonerd-Derived-From": "application/pdf (pypdf)"}))
        fields = {k: v for k, v in fields.items() if v is not None}
        return Analysis(records=records, fields=fields, reason=reason, message=message)


class LegalPageKind(PageKind):
    """A court web page or an opinion file (HTML, plain text or PDF) given as a URL."""

    name = "legal_page"
    accept = HTML_TYPES | TEXT_TYPES | PDF_TYPES
