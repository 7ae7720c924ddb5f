"""Main text and metadata of an HTML page, with trafilatura, in GONERD's paragraph convention.

Output convention: the main text is a sequence of paragraphs separated by exactly one blank line
(``"\\n\\n"``); a paragraph never contains a newline (``<br>`` becomes a space); headings, list items and
table rows are paragraphs of their own (table cells are joined with ``" | "``). Whitespace inside a paragraph
is collapsed to single spaces; Unicode repair is left to :func:`gonerd.processing.normalize.normalize_text`.

How the text is found (one :class:`ExtractSettings` object carries every option):

1. trafilatura's own cascade (its extractor, compared with readability/justext, baseline rescue, recall
   escalation) with **reader comments excluded**: comments are not the article, and their containers are
   where most leaked boilerplate sits. On the 10 annotated news pages of the quality gate
   (``tests/processing/test_extract.py``) this takes trafilatura from 8 to 9 passing pages.
2. Our serializer turns trafilatura's XML body into paragraphs (trafilatura's own text output keeps ``<br>``
   line breaks inside paragraphs and separates blocks by a single newline).
3. General boilerplate rules drop whole paragraphs that are page furniture on any news site: image
   credits (``(Credit: Jane Doe / Agency)``, ``Photo: ...``), advertisement markers, share/print buttons,
   "Read more:" teasers, "Show all 50"/"click here" interface strings, cookie notices, newsletter
   prompts, copyright lines (see ``BOILERPLATE_PATTERNS``), and paragraphs without a single word
   character (``* * *``). Each rule matches a whole short paragraph only, never text inside a sentence.
   Turn them off with ``ExtractSettings(drop_boilerplate=False)``. A dateline split into its own
   paragraph ("WASHINGTON —") is joined to the paragraph that follows. A first paragraph that repeats the
   title (the headline) is dropped: the title is returned in ``Extracted.title``.

Metadata: title, site name and publication date from trafilatura (the date by htmldate, preferring the
original publication date over modification dates); the URL is the page's ``<link rel="canonical">`` or
``og:url`` resolved against the given URL, else the given URL.

Adversarial input: more than ``max_chars`` characters or binary-looking text raise :class:`UnusableHtml`
before any parsing (trafilatura's time grows faster than linearly with page size: a 2.8 MB page of
30,000 paragraphs takes about 2 s here, a 14 MB one about 30 s, a typical 150 KB news page 0.03 s).
Truncated or malformed markup is repaired by libxml2 (what it cannot parse is lost, e.g. content nested
deeper than libxml2's 256 levels). No regex here can backtrack catastrophically. The per-document
timeout is the caller's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml.etree import _Element
from trafilatura.settings import Extractor, set_date_params
from trafilatura.utils import load_html

__all__ = ["BOILERPLATE_PATTERNS", "ExtractSettings", "Extracted", "UnusableHtml", "extract_html"]

# trafilatura's body elements that start a new paragraph; every other element is inline.
_BLOCK_TAGS = frozenset(
    {"p", "head", "list", "item", "quote", "table", "row", "code", "div", "body", "doc", "main", "article",
     "section", "blockquote", "fw", "note", "figure", "comments"}
)  # fmt: skip
_MAX_SERIALIZE_DEPTH = 200  # deeper block structure is flattened (libxml2 stops at 256 levels anyway)
_BOILERPLATE_MAX_CHARS = 200  # the rules below only judge paragraphs up to this length
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_WS = re.compile(r"\s+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Paragraphs that are page furniture on news sites, matched against the whole (short) paragraph,
# case-insensitively. Only bounded or single-level quantifiers: no catastrophic backtracking.
BOILERPLATE_PATTERNS: tuple[str, ...] = (
    # image/video credits and captions' credit lines: "(Credit: Jane Doe / Grist)", "Photo: Reuters"
    r"\(?\s*(?:photo(?:graph)?s?|images?|pictures?|pics?|illustrations?|graphics?|credits?|video)"
    r"(?:\s+(?:credits?|by|courtesy(?:\s+of)?))?\s*[:|]\s*[^\n]{0,150}",
    r"\(?\s*(?:image|photo)\s+(?:credit|source|courtesy)\b[^\n]{0,150}",
    r"\(?\s*(?:AP|AFP|Reuters|Getty|EPA|PA)(?:\s+(?:Photo|Images))?\s*/\s*[^\n]{0,100}",
    # advertisement markers and "continue reading" furniture
    r"(?:advertisement|advertising|sponsored(?:\s+content)?|ad|promoted(?:\s+content)?)\s*[:.]?",
    r"(?:story|article)\s+continues\s+(?:below|after)[^\n]{0,60}",
    r"continue\s+reading(?:\s+(?:below|the\s+main\s+story))?[:.]?",
    r"scroll\s+(?:down\s+)?to\s+continue[^\n]{0,40}",
    # share and print buttons
    r"(?:share|tweet|email|e-mail|print|copy\s+link|link\s+copied!?|comments?)"
    r"(?:\s+(?:this|the)\s+(?:article|story|page))?(?:\s+(?:on|via)\s+[a-z]+)?",
    r"(?:share|follow\s+us)\s+on\s+(?:facebook|twitter|x|linkedin|whatsapp|instagram)[^\n]{0,80}",
    # teasers for other articles
    r"(?:read\s+more|related(?:\s+(?:articles?|stories|coverage|content))?|more\s+on\s+this\s+story"
    r"|also\s+read|recommended(?:\s+for\s+you)?|you\s+may\s+also\s+like|most\s+popular)\s*[:>»|][^\n]{0,150}",
    r"(?:read\s+more|related\s+(?:articles?|stories|coverage)|recommended\s+for\s+you|you\s+may\s+also\s+like"
    r"|most\s+(?:popular|read))",
    # interface strings
    r"(?:show|load|see|view)\s+(?:all|more)(?:\s+\d+)?(?:\s+(?:photos|images|comments|stories))?",
    r"[^\n]{0,100}\bclick\s+here\b[^\n]{0,100}",
    # cookie notices
    r"[^\n]{0,200}\b(?:we|this\s+(?:site|website))\s+uses?\s+cookies\b[^\n]{0,200}",
    # newsletter, subscription and donation prompts
    r"(?:sign\s+up|subscribe)\b[^\n]{0,100}\bnewsletters?\b[^\n]{0,100}",
    r"(?:sign\s+up|subscribe)\s+(?:to|for)\s[^\n]{0,100}",
    r"support\s+(?:local|independent|quality|our)\s+journalism[^\n]{0,80}",
    # copyright lines: "© 2020 CBS Interactive Inc.", "Copyright 2019 The Times", "... All rights reserved."
    r"(?:copyright\s*)?(?:©|\(c\))[^\n]{0,150}",
    r"copyright\s+(?:\d{4}|by)\b[^\n]{0,150}",
    r"[^\n]{0,150}\ball\s+rights\s+reserved\.?",
)
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE_PATTERNS), re.IGNORECASE)
# A dateline split from its paragraph ("WASHINGTON —"): joined to the paragraph that follows.
_DATELINE = re.compile(r"[A-Z][A-Z.,' ]{1,60}(?:\([A-Za-z .]{1,30}\))?\s*[—–-]{1,2}")
_WORD_CHAR = re.compile(r"\w")


class UnusableHtml(ValueError):
    """The input cannot be treated as an HTML page (too large, or binary data)."""


@dataclass
class ExtractSettings:
    """Every extraction option in one object (see the module docstring for why these defaults)."""

    include_comments: bool = False  # reader comments are not the article (and carry most leaks)
    include_tables: bool = True  # tables in articles hold names (results, line-ups, officials)
    favor_precision: bool = False  # trafilatura's precision mode: no gain on the gate, loses text
    favor_recall: bool = False  # trafilatura's recall mode: no gain on the gate
    fast: bool = False  # True skips the readability/justext comparison: ~1.5x faster, less robust
    with_metadata: bool = True  # title, date, site name (htmldate costs ~25 % of the time)
    extensive_date_search: bool = True  # htmldate's extensive search when the markup has no date
    target_language: str | None = None  # ISO 639-1: pages in another language come back empty
    drop_boilerplate: bool = True  # apply BOILERPLATE_PATTERNS to whole paragraphs
    max_chars: int = 10_000_000  # larger inputs raise UnusableHtml (~70x a typical news page)
    max_control_share: float = 0.01  # a larger share of control characters → binary data, UnusableHtml


@dataclass
class Extracted:
    text: str  # main text, "" if nothing found; paragraphs separated by "\n\n"
    title: str | None
    published: str | None  # ISO date YYYY-MM-DD, or None
    url: str | None  # canonical URL from the page when present, else the given url
    sitename: str | None


def _check_input(html: str, settings: ExtractSettings) -> None:
    if not isinstance(html, str):
        raise TypeError(f"extract_html needs a str (decode bytes with decode_bytes), got {type(html).__name__}")
    if len(html) > settings.max_chars:
        raise UnusableHtml(f"HTML too large: {len(html):,} characters > max_chars={settings.max_chars:,}")
    sample = html[:65536]
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls > settings.max_control_share * len(sample):
        raise UnusableHtml(f"binary data, not HTML: {controls} control characters in the first {len(sample)}")


def _parse(html: str) -> _Element | None:
    tree = load_html(html)
    if tree is None and "<html" not in html[:4096].lower():
        # load_html rejects fragments ("<div>…</div>" alone); a wrapper makes them a document
        tree = load_html(f"<html><body>{html}</body></html>")
    return tree


def canonical_url(tree: _Element, url: str | None) -> str | None:
    """``<link rel="canonical">`` then ``og:url``, resolved against ``url``; ``url`` when neither is usable.

    A canonical URL pointing at the bare site root while ``url`` has a path is a CMS bug and is ignored.
    """
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
        resolved = urljoin(url or "", candidate.strip())
        parts = urlsplit(resolved)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            continue
        if url and parts.path in ("", "/") and urlsplit(url).path not in ("", "/"):
            continue
        return resolved
    return url


def _flush(parts: list[str], out: list[str]) -> None:
    text = _WS.sub(" ", "".join(parts)).strip()
    if text:
        out.append(text)


def _blocks(element: _Element, out: list[str], depth: int = 0) -> None:
    """Append the paragraphs of a trafilatura XML element to ``out`` (block children split paragraphs)."""
    if element.tag == "table":
        rows = list(element.iterchildren("row"))
        for row in rows or [element]:
            cells = [_WS.sub(" ", "".join(cell.itertext())).strip() for cell in row.iterchildren("cell")]
            line = " | ".join(cell for cell in cells if cell)
            _flush([line or "".join(row.itertext())], out)
        return
    if depth > _MAX_SERIALIZE_DEPTH or not any(child.tag in _BLOCK_TAGS for child in element):
        _flush(["".join(element.itertext())], out)
        return
    parts = [element.text or ""]
    for child in element:
        if child.tag in _BLOCK_TAGS:
            _flush(parts, out)
            _blocks(child, out, depth + 1)
            parts = [child.tail or ""]
        else:
            parts += ["".join(child.itertext()), child.tail or ""]
    _flush(parts, out)


def body_paragraphs(body: _Element | None) -> list[str]:
    """The paragraphs of trafilatura's XML body (``Document.body``), whitespace-collapsed."""
    if body is None:
        return []
    for br in body.iter("lb"):  # a line break inside a paragraph is a space in our convention
        br.tail = " " + (br.tail or "")
    out: list[str] = []
    _blocks(body, out)
    return out


def is_boilerplate(paragraph: str) -> bool:
    """Whether a whole paragraph is page furniture (see ``BOILERPLATE_PATTERNS``) or has no word at all
    (``* * *`` separators)."""
    if not _WORD_CHAR.search(paragraph):
        return True
    return len(paragraph) <= _BOILERPLATE_MAX_CHARS and _BOILERPLATE.fullmatch(paragraph.strip()) is not None


def clean_paragraphs(paragraphs: list[str], drop_boilerplate: bool = True) -> list[str]:
    """Drop boilerplate paragraphs (if asked) and join split-off datelines to their paragraph."""
    if drop_boilerplate:
        paragraphs = [p for p in paragraphs if not is_boilerplate(p)]
    out: list[str] = []
    for paragraph in paragraphs:
        if out and _DATELINE.fullmatch(out[-1]):
            out[-1] = f"{out[-1]} {paragraph}"
        else:
            out.append(paragraph)
    return out


def _options(settings: ExtractSettings, url: str | None) -> Extractor:
    date_params: dict[str, Any] = set_date_params(settings.extensive_date_search)
    return Extractor(
        output_format="python",
        fast=settings.fast,
        precision=settings.favor_precision,
        recall=settings.favor_recall,
        comments=settings.include_comments,
        tables=settings.include_tables,
        images=False,
        links=False,
        formatting=False,
        lang=settings.target_language,
        url=url,
        with_metadata=settings.with_metadata,
        date_params=date_params,
    )


def extract_html(html: str, url: str | None = None, settings: ExtractSettings | None = None) -> Extracted:
    """Main text and metadata of one HTML page (see the module docstring for the rules and the convention).

    Returns ``Extracted(text="")`` (with whatever metadata was found) when the page has no main text.
    Raises :class:`UnusableHtml` for inputs above ``settings.max_chars`` or that look binary.
    """
    settings = settings or ExtractSettings()
    _check_input(html, settings)
    if not html.strip():
        return Extracted(text="", title=None, published=None, url=url, sitename=None)
    tree = _parse(html)
    if tree is None:
        return Extracted(text="", title=None, published=None, url=url, sitename=None)
    page_url = canonical_url(tree, url)
    document = trafilatura.bare_extraction(tree, url=url, options=_options(settings, url))
    if document is None:  # trafilatura found nothing (or discarded the page): try metadata alone
        title = published = sitename = None
        if settings.with_metadata:
            meta = trafilatura.extract_metadata(tree, default_url=url, extensive=settings.extensive_date_search)
            title, published, sitename = meta.title, meta.date, meta.sitename
        return Extracted(text="", title=title, published=_iso_date(published), url=page_url, sitename=sitename)

    paragraphs = body_paragraphs(document.body)
    title = _clean_meta(document.title)
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the headline is in `title`; a second copy would double its entities
    if settings.include_comments:
        paragraphs += body_paragraphs(document.commentsbody)
    return Extracted(
        text="\n\n".join(clean_paragraphs(paragraphs, settings.drop_boilerplate)),
        title=title,
        published=_iso_date(document.date),
        url=page_url,
        sitename=_clean_meta(document.sitename),
    )


def _clean_meta(value: str | None) -> str | None:
    if not value:
        return None
    return _WS.sub(" ", value).strip() or None


def _iso_date(value: str | None) -> str | None:
    return value if value and _DATE.fullmatch(value) else None
