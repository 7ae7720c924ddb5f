"""Article discovery: RSS/RDF/Atom feeds, sitemaps (news sitemaps, sitemap indexes, text sitemaps, gzipped)
and plain URL lists. Pure functions over bytes; the crawl fetches (robots.txt ``Sitemap:`` lines come from
:mod:`gonerd.scrape.robots`).

Every XML listing is transcoded to UTF-8 and passes the defusedxml gate first (:mod:`gonerd.scrape.xmlsafe`: no
entity declarations, no external entities). Feeds are then read by feedparser (RSS 0.9x/1.0/2.0, Atom, their
date and link conventions); sitemaps by the small reader below, which keeps ``news:publication_date`` and
``lastmod``. A feed that is not well-formed XML but has no DOCTYPE or ENTITY declaration at all (a bare ``&`` in a
link is common) is handed to feedparser's lenient parser, which has nothing to expand or fetch.

Dates found here (``pubDate``, Atom ``published``/``updated``, ``news:publication_date``, ``lastmod``) are kept as
ISO dates in the manifest; pages without one get theirs from htmldate after the fetch (:mod:`gonerd.scrape.pages`).
"""

from __future__ import annotations

import email.utils
import gzip
import io
import time
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gonerd.scrape.xmlsafe import XmlRefused, child, has_dtd, local, looks_like_xml, parse_xml, text_of, to_utf8

MAX_DECOMPRESSED = 50_000_000  # sitemaps are limited to 50 MB uncompressed by the protocol


@dataclass
class Item:
    """One link found in a feed or sitemap, with what the listing said about it."""

    link: str
    title: str | None = None
    published: str | None = None


@dataclass
class Listing:
    pages: list[Item]
    sitemaps: list[str]
    format: str  # rss | rdf | atom | urlset | sitemapindex | text | robots


def iso_date(value: str | None) -> str | None:
    """RFC 822 (RSS) or ISO 8601 (Atom, sitemaps) → ``YYYY-MM-DD``; None when unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


class DecompressedTooLarge(ValueError):
    """A compressed body that expands past the limit (a gzip or deflate bomb)."""


def gunzip_limited(data: bytes, limit: int = MAX_DECOMPRESSED) -> bytes:
    """Decompress a gzip file (``sitemap.xml.gz``) without letting a gzip bomb past ``limit`` bytes."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        while chunk := fh.read(1 << 16):
            out.write(chunk)
            if out.tell() > limit:
                raise DecompressedTooLarge(f"decompresses to more than {limit:,} bytes")
    return out.getvalue()


def decode_content(body: bytes, content_encoding: str | None, limit: int = MAX_DECOMPRESSED, *,
                   partial: bool = False) -> bytes:
    """Undo an HTTP ``Content-Encoding`` (gzip, deflate) with a size cap; identity passes through. ``partial``:
    the body was cut short on purpose (robots.txt): what decompresses is returned, the missing end is no error."""
    coding = (content_encoding or "identity").strip().lower()
    if coding in ("", "identity"):
        return body
    if partial and coding in ("gzip", "x-gzip", "deflate"):
        for wbits in ((31,) if "gzip" in coding else (zlib.MAX_WBITS, -zlib.MAX_WBITS)):
            try:
                return zlib.decompressobj(wbits).decompress(body, limit)
            except zlib.error:
                continue
        raise ValueError(f"bad {coding} data")
    if coding in ("gzip", "x-gzip"):
        return gunzip_limited(body, limit)
    if coding == "deflate":
        for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):
            try:
                d = zlib.decompressobj(wbits)
                out = d.decompress(body, limit + 1)
                if len(out) > limit:
                    raise DecompressedTooLarge(f"decompresses to more than {limit:,} bytes")
                return out
            except zlib.error:
                continue
        raise ValueError("bad deflate data")
    raise ValueError(f"unsupported Content-Encoding {coding!r}")


def parse_feed_or_sitemap(data: bytes, *, charset: str | None = None) -> Listing:
    """A feed (RSS 2.0/0.9x, RSS 1.0/RDF, Atom), a sitemap (urlset, sitemapindex) or a text sitemap.
    ``charset``: the HTTP charset, if any. Links are returned as written (the caller resolves them)."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip_limited(data)
    stripped = data.lstrip()
    if stripped.startswith((b"<", b"\xef\xbb\xbf")):
        data = stripped
    if not looks_like_xml(data):  # not XML: a text sitemap, one URL per line
        urls = [ln.strip() for ln in data.decode("utf-8-sig", errors="replace").splitlines()]
        urls = [u for u in urls if u.startswith(("http://", "https://"))]
        if not urls:
            raise XmlRefused("neither XML nor a text sitemap")
        return Listing([Item(u) for u in urls], [], "text")
    utf8 = to_utf8(data, charset)
    try:
        root = parse_xml(utf8)
    except XmlRefused as exc:
        if exc.forbidden or has_dtd(utf8):
            raise
        listing = _feed(utf8)  # broken XML that declares nothing: feedparser's lenient parser
        if listing is None:
            raise
        return listing
    kind = local(root.tag)
    if kind == "urlset":
        return Listing(_urlset(root), [], "urlset")
    if kind == "sitemapindex":
        return Listing([], [u for s in root if local(s.tag) == "sitemap" if (u := text_of(child(s, "loc")))],
                       "sitemapindex")
    if kind in ("feed", "rss", "rdf"):
        listing = _feed(utf8)
        if listing is None:
            raise XmlRefused(f"<{kind}> is not a feed feedparser can read")
        return listing
    raise XmlRefused(f"<{kind}> is neither a feed nor a sitemap")


def _urlset(root) -> list[Item]:
    items = []
    for url in root:
        if local(url.tag) != "url" or not (loc := text_of(child(url, "loc"))):
            continue
        news = child(url, "news")
        published = iso_date(text_of(child(news, "publication_date"))) if news is not None else None
        title = text_of(child(news, "title")) if news is not None else None
        items.append(Item(loc, title, published or iso_date(text_of(child(url, "lastmod")))))
    return items


FEED_FORMATS = {"atom": "atom", "rss10": "rdf", "rss090": "rdf"}


def _feed(utf8: bytes) -> Listing | None:
    """A feed read by feedparser (from a stream: feedparser would open a string that looks like a path or a
    URL); None when feedparser finds no feed in it."""
    import feedparser

    # no Content-Location: feedparser would resolve links itself and turn a malformed one into "" (silently lost);
    # the caller resolves them against the listing's URL and refuses a malformed one as bad_url
    headers = {"content-type": "application/xml; charset=utf-8"}
    parsed = feedparser.parse(io.BytesIO(utf8), response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=False)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        return None
    fmt = next((v for k, v in FEED_FORMATS.items() if version.startswith(k)), "rss")
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        date = None
        for key in ("published", "updated", "created"):
            date = iso_date(entry.get(key))
            if date is None and entry.get(f"{key}_parsed"):
                date = time.strftime("%Y-%m-%d", entry[f"{key}_parsed"])
            if date:
                break
        title = (entry.get("title") or "").strip() or None
        items.append(Item(link, title, date))
    return Listing(items, [], fmt)


def read_url_list(path: str | Path) -> list[tuple[int, str]]:
    """``(line number, url)`` of a URL list file: one URL a line, blank lines and ``#`` comments ignored."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValueError(f"{path}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); a URL list is a UTF-8 text "
                         "file with one URL a line") from None
    rows = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        value = line.strip()
        if value and not value.startswith("#"):
            rows.append((lineno, value))
    return rows
