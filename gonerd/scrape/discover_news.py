"""Article discovery: RSS/RDF/Atom feeds, sitemaps (news sitemaps, sitemap indexes, text sitemaps, gzipped)
and plain URL lists. Pure functions over bytes; the crawl fetches (robots.txt ``Sitemap:`` lines come from
:mod:`gonerd.scrape.robots`).

Dates found here (``pubDate``, Atom ``published``/``updated``, ``news:publication_date``, ``lastmod``) are kept as
ISO dates in the manifest; pages without one get theirs from htmldate after the fetch (:mod:`gonerd.scrape.pages`).
"""

from __future__ import annotations

import email.utils
import gzip
import io
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gonerd.scrape.xmlsafe import XmlRefused, child, local, parse_xml, text_of

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


def gunzip_limited(data: bytes, limit: int = MAX_DECOMPRESSED) -> bytes:
    """Decompress a gzip file (``sitemap.xml.gz``) without letting a gzip bomb past ``limit`` bytes."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        while chunk := fh.read(1 << 16):
            out.write(chunk)
            if out.tell() > limit:
                raise ValueError(f"decompresses to more than {limit:,} bytes")
    return out.getvalue()


def decode_content(body: bytes, content_encoding: str | None, limit: int = MAX_DECOMPRESSED) -> bytes:
    """Undo an HTTP ``Content-Encoding`` (gzip, deflate) with a size cap; identity passes through."""
    coding = (content_encoding or "identity").strip().lower()
    if coding in ("", "identity"):
        return body
    if coding in ("gzip", "x-gzip"):
        return gunzip_limited(body, limit)
    if coding == "deflate":
        for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):
            try:
                d = zlib.decompressobj(wbits)
                out = d.decompress(body, limit + 1)
                if len(out) > limit:
                    raise ValueError(f"decompresses to more than {limit:,} bytes")
                return out
            except zlib.error:
                continue
        raise ValueError("bad deflate data")
    raise ValueError(f"unsupported Content-Encoding {coding!r}")


def parse_feed_or_sitemap(data: bytes) -> Listing:
    """A feed (RSS 2.0/0.9x, RSS 1.0/RDF, Atom), a sitemap (urlset, sitemapindex) or a text sitemap."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip_limited(data)
    head = data.lstrip()[:1]
    if head not in (b"<", b"\xef"):  # not XML: a text sitemap, one URL per line
        urls = [ln.strip() for ln in data.decode("utf-8", errors="replace").splitlines()]
        urls = [u for u in urls if u.startswith(("http://", "https://"))]
        if not urls:
            raise XmlRefused("neither XML nor a text sitemap")
        return Listing([Item(u) for u in urls], [], "text")
    root = parse_xml(data)
    kind = local(root.tag)
    if kind == "urlset":
        return Listing(_urlset(root), [], "urlset")
    if kind == "sitemapindex":
        return Listing([], [u for s in root if local(s.tag) == "sitemap" if (u := text_of(child(s, "loc")))],
                       "sitemapindex")
    if kind == "feed":
        return Listing(_atom(root), [], "atom")
    if kind in ("rss", "rdf"):
        return Listing(_rss(root), [], "rss" if kind == "rss" else "rdf")
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


def _rss(root) -> list[Item]:
    items = []
    for item in root.iter():
        if local(item.tag) != "item":
            continue
        link = text_of(child(item, "link"))
        guid = child(item, "guid")
        if not link and guid is not None and guid.get("isPermaLink", "true").lower() != "false":
            link = text_of(guid)
        if not link and item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"):
            link = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
        if link:
            date = text_of(child(item, "pubdate")) or text_of(child(item, "date"))
            items.append(Item(link, text_of(child(item, "title")), iso_date(date)))
    return items


def _atom(root) -> list[Item]:
    items = []
    for entry in root:
        if local(entry.tag) != "entry":
            continue
        links = [el for el in entry if local(el.tag) == "link" and el.get("href")]
        best = next((el for el in links if el.get("rel", "alternate") == "alternate"), None)
        if best is None:
            continue
        date = text_of(child(entry, "published")) or text_of(child(entry, "updated"))
        items.append(Item(best.get("href"), text_of(child(entry, "title")), iso_date(date)))
    return items


def read_url_list(path: str | Path) -> list[tuple[int, str]]:
    """``(line number, url)`` of a URL list file: one URL a line, blank lines and ``#`` comments ignored."""
    rows = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), start=1):
        value = line.strip()
        if value and not value.startswith("#"):
            rows.append((lineno, value))
    return rows
