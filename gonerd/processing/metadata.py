"""A page's title, publication date, site name and canonical link: only what a GONERD row stores.

trafilatura's ``extract_metadata`` also looks for authors, categories, tags, a licence and an image; on
trafilatura's evaluation pages those took 60 % of its time (about a fifth of the whole extraction) for fields no
row has. Here the same trafilatura helpers are called for the fields we keep, in trafilatura's order: meta tags
and OpenGraph, then JSON-LD, then the title heuristics; the date comes from htmldate (original publication date
preferred over modification dates).

htmldate's *extensive* search (a pattern search over the whole page text when the markup declares no date) is
off by default: on one page of the evaluation set it took 3 to 7 s, against 0.1 s without it, so whether that page
survived the extraction timeout depended on the machine's load. ``extensive_date_search=True`` turns it on.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from html import unescape
from urllib.parse import urljoin, urlsplit

from lxml.etree import _Element

__all__ = ["PageMetadata", "canonical_link", "page_head", "page_metadata"]

_WS = re.compile(r"\s+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SITE_FROM_URL = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")
_MAX_FIELD_CHARS = 10_000  # as trafilatura: a "title" longer than this is not a title


@dataclass
class PageMetadata:
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    url: str | None = None  # canonical link resolved against the page's URL, else that URL
    sitename: str | None = None


def canonical_link(tree: _Element, url: str | None) -> str | None:
    """The page's own ``<link rel="canonical">``, then ``og:url``, resolved against ``url``; ``url`` when neither
    is usable. A canonical link to the bare site root while ``url`` has a path is a CMS bug and is ignored.
    (This is the URL the page names for itself; :mod:`gonerd.urls` normalises URLs.)"""
    candidates = [
        link.get("href")
        for link in tree.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")
    ]
    candidates += [
        meta.get("content")
        for meta in tree.iter("meta")
        if (meta.get("property") or meta.get("name") or "").lower() == "og:url" and meta.get("content")
    ]
    for candidate in candidates:
        try:
            resolved = urljoin(url or "", candidate.strip())
            parts = urlsplit(resolved)
        except ValueError:  # "http://[broken" in an attribute
            continue
        if parts.scheme not in ("http", "https") or not parts.netloc:
            continue
        if url and parts.path in ("", "/") and urlsplit(url).path not in ("", "/"):
            continue
        return resolved
    return url


def clean_field(value: str | None) -> str | None:
    """Entities decoded, whitespace collapsed, length bounded; None when nothing is left."""
    if not value:
        return None
    value = _WS.sub(" ", unescape(value[:_MAX_FIELD_CHARS])).strip()
    return value or None


def _sitename(meta_sitename: str | None, tree: _Element, url: str | None) -> str | None:
    from trafilatura.metadata import extract_sitename

    name = meta_sitename or extract_sitename(tree)
    if name:
        name = name.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return name or None
    match = _SITE_FROM_URL.match(url or "")
    return match[1] if match else None


def page_head(tree: _Element) -> PageMetadata:
    """The page's title, and the site name its meta tags or JSON-LD declare (``sitename``; None if they do not):
    the cheap part of :func:`page_metadata`, which the main-text extraction needs first (to drop the headline)."""
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

    meta = examine_meta(tree)
    with contextlib.suppress(Exception):  # trafilatura's JSON-LD reader has bugs of its own; meta tags stay usable
        meta = extract_meta_json(tree, meta)
    return PageMetadata(title=clean_field(meta.title or extract_title(tree)), sitename=meta.sitename)


def page_metadata(
    tree: _Element, url: str | None = None, *, extensive_date_search: bool = False, head: PageMetadata | None = None
) -> PageMetadata:
    """Title, publication date, site name and canonical link of a parsed page (the tree is not modified);
    ``head``: :func:`page_head` of the same tree, when the caller has it already."""
    from htmldate import find_date

    head = head or page_head(tree)
    page_url = canonical_link(tree, url)
    published = find_date(
        tree,
        url=page_url,
        extensive_search=extensive_date_search,
        original_date=True,
        max_date=date.today().isoformat(),
    )
    return PageMetadata(
        title=head.title,
        published=published if published and _DATE.fullmatch(published) else None,
        url=page_url,
        sitename=clean_field(_sitename(head.sitename, tree, page_url)),
    )
