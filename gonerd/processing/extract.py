"""Main text and metadata of an HTML page, with trafilatura, in GONERD's paragraph convention.

Output convention: the main text is a sequence of paragraphs separated by exactly one blank line
(``"\\n\\n"``); a paragraph never contains a newline (``<br>`` becomes a space); headings, list items and
table rows are paragraphs of their own (table cells are joined with ``" | "``). Whitespace inside a paragraph
is collapsed to single spaces; Unicode repair is left to :func:`gonerd.processing.normalize.normalize_text`.

How the text is found (one :class:`ExtractSettings` object carries every option):

1. trafilatura's fast pass (its own extractor, no comparison with readability/justext), with **reader comments
   excluded**: comments are not the article, and their containers are where most leaked boilerplate sits (on the
   10 annotated news pages of ``tests/processing/test_extract.py`` this takes trafilatura from 8 to 9 passing
   pages). When that text is short (under ``FULL_CASCADE_BELOW`` characters), trafilatura's full cascade
   (comparison with readability/justext, baseline rescue, recall escalation) runs on the same parsed page and its
   text is kept: the full cascade mends what the fast pass misses, and long articles do not need it. A build that
   keeps only some languages (``ExtractSettings.full_cascade_languages``) skips the full cascade for a short text
   that is confidently (py3langid, ``FOREIGN_CONFIDENCE``) in another language: the language filter drops that
   page whatever the cascade returns, and most of a multilingual crawl is such pages.
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

Metadata (:mod:`gonerd.processing.metadata`): title, site name and publication date (htmldate, preferring the
original publication date; its slow extensive search is opt-in); the URL is the page's ``<link rel="canonical">``
or ``og:url`` resolved against the given URL, else the given URL. The headline is dropped here and only here
(:func:`drop_headline`): when the first paragraph repeats the title, it goes, since ``title`` keeps it.

Adversarial input: more than ``max_chars`` characters or binary-looking text raise :class:`UnusableHtml`
before any parsing (trafilatura's time grows faster than linearly with page size: a 2.8 MB page of
30,000 paragraphs takes about 2 s here, a 14 MB one about 30 s, a typical 150 KB news page 0.03 s).
Truncated or malformed markup is repaired by libxml2; content nested deeper than libxml2's 256 levels is
lost, which :attr:`Extracted.depth_limit_hit` reports (a page whose text was all below it is dropped for that
reason by the build, not as a page without text). No regex here can backtrack catastrophically. The per-document
timeout is the caller's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from lxml.etree import _Element
from trafilatura.settings import Extractor
from trafilatura.utils import load_html

from gonerd.processing.metadata import PageMetadata, canonical_link, page_head, page_metadata

__all__ = ["BOILERPLATE_PATTERNS", "ExtractSettings", "Extracted", "UnusableHtml", "drop_headline", "extract_html"]

# trafilatura's body elements that start a new paragraph; every other element is inline.
_BLOCK_TAGS = frozenset(
    {"p", "head", "list", "item", "quote", "table", "row", "code", "div", "body", "doc", "main", "article",
     "section", "blockquote", "fw", "note", "figure", "comments"}
)  # fmt: skip
_MAX_SERIALIZE_DEPTH = 200  # deeper block structure is flattened (libxml2 stops at 256 levels anyway)
_BOILERPLATE_MAX_CHARS = 200  # the rules below only judge paragraphs up to this length
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_WS = re.compile(r"\s+")
LIBXML2_MAX_DEPTH = 256  # libxml2 stops building the tree at this depth without XML_PARSE_HUGE
# Calibrated on trafilatura's evaluation pages (300 of them, tests/processing/test_news_eval.py): trafilatura's fast
# pass (no readability/justext comparison) costs 0.72x its full cascade and gives the same text on long articles;
# where they differ, the fast text was short. Below 1,000 characters (11 % of the pages) the full cascade runs as
# well and its result is kept: F1 0.9297 against 0.9298 for the full cascade everywhere, at 0.84x its time.
FULL_CASCADE_BELOW = 1000
# a short fast-pass text at least this likely in a language the build drops is not worth the full cascade
FOREIGN_CONFIDENCE = 0.99

# Paragraphs that are page furniture on news sites, matched against the whole (short) paragraph,
# case-insensitively. Only bounded or single-level quantifiers: no catastrophic backtracking.
BOILERPLATE_PATTERNS: tuple[str, ...] = (
    # image/video credits and captions' credit lines: "(Credit: Jane Doe / Grist)", "Photo: Reuters"
    r"\(?\s*(?:photo(?:graph)?s?|images?|pictures?|pics?|illustrations?|graphics?|credits?|video"
    r"|fotos?|bild(?:er)?|crédits?(?:\s+photos?)?)"
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
    # the same teasers in the other languages of news sites (es, pt, it, fr, de, pl): "Lea también: ...",
    # "Lesen Sie auch: ...", "Czytaj też: ..."; a bare verb ("Lea:", "Mire:") is too ambiguous to count
    r"(?:(?:lea|lee|vea|ver|mira|leia|veja|leggi|vedi|(?:à\s+)?lire|voir|czytaj|zobacz)"
    r"\s+(?:también|tambien|más|mas|además|anche|aussi|też|także)|lesen\s+sie\s+(?:auch|mehr)|auch\s+lesen)"
    r"\s*[:>»|][^\n]{0,150}",
    r"(?:notas|noticias|artículos|articulos|artigos|articoli|articles|verwandte|ähnliche|powiązane)\s+"
    r"(?:relacionad[oa]s|correlati|connexes|artikel|artykuły)[:.]?",
    r"(?:weitere\s+artikel|mehr\s+(?:zum\s+thema|themen|artikel))\b[^\n]{0,60}",
    # interface strings
    r"(?:show|load|see|view)\s+(?:all|more)(?:\s+\d+)?(?:\s+(?:photos|images|comments|stories))?",
    r"[^\n]{0,100}\bclick\s+here\b[^\n]{0,100}",
    # cookie notices
    r"[^\n]{0,200}\b(?:we|this\s+(?:site|website))\s+uses?\s+cookies\b[^\n]{0,200}",
    # newsletter, subscription and donation prompts
    r"(?:sign\s+up|subscribe)\b[^\n]{0,100}\bnewsletters?\b[^\n]{0,100}",
    r"(?:sign\s+up|subscribe)\s+(?:(?:now|today)\s+)?(?:to|for)\s[^\n]{0,100}",
    # paywall prompts
    r"(?:to\s+|please\s+)?(?:view|read|see|access|continue\s+reading)\s+the\s+(?:full|whole|entire|rest\s+of\s+the)"
    r"\s+(?:story|article)\b[^\n]{0,150}",
    r"[^\n]{0,100}\balready\s+a\s+(?:subscriber|member)\b[^\n]{0,150}",
    r"pour\s+(?:lire|voir)\s+la\s+suite\b[^\n]{0,150}",
    r"support\s+(?:local|independent|quality|our)\s+journalism[^\n]{0,80}",
    # copyright lines: "© 2020 CBS Interactive Inc.", "Copyright 2019 The Times", "... All rights reserved."
    r"(?:copyright\s*)?(?:©|\(c\))[^\n]{0,150}",
    r"copyright\s*(?:\d{4}\b|by\b|:)[^\n]{0,150}",
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
    fast: bool = False  # True never runs the readability/justext comparison: faster, lower F1 on the eval pages
    # the fast pass first; below this many characters of text the full cascade runs too (0: always the full one)
    full_cascade_below: int = FULL_CASCADE_BELOW
    # the languages the caller keeps (the build passes its `languages`): a short text confidently in another one
    # skips the full cascade; None: the full cascade runs for every short text
    full_cascade_languages: list[str] | None = None
    # the languages the caller's language filter keeps (the build sets its `languages`): the text's language is
    # identified and returned (Extracted.language), and a page in another language comes back without the date,
    # site name and canonical link, which nobody reads (its title is kept: it is looked up before the text)
    kept_languages: list[str] | None = None
    with_metadata: bool = True  # title, date, site name, canonical link (gonerd.processing.metadata)
    extensive_date_search: bool = False  # htmldate's page-wide pattern search: seconds on some pages
    target_language: str | None = None  # ISO 639-1: pages in another language come back empty
    drop_boilerplate: bool = True  # apply BOILERPLATE_PATTERNS to whole paragraphs
    max_chars: int = 10_000_000  # larger inputs raise UnusableHtml (~70x a typical news page)
    max_control_share: float = 0.01  # a larger share of control characters → binary data, UnusableHtml


@dataclass
class Extracted:
    text: str  # main text, "" if nothing found; paragraphs separated by "\n\n"; the headline is in `title`
    title: str | None
    published: str | None  # ISO date YYYY-MM-DD, or None
    url: str | None  # canonical URL from the page when present, else the given url
    sitename: str | None
    depth_limit_hit: bool = False  # markup nested deeper than libxml2's limit: the content below it is lost
    # with ExtractSettings.kept_languages or full_cascade_languages: py3langid's (language, probability) of
    # `text`'s first LANGUAGE_SAMPLE_CHARS characters, as the build's language filter computes it (and reuses it)
    language: tuple[str, float] | None = None


def _check_input(html: str, settings: ExtractSettings) -> None:
    if not isinstance(html, str):
        raise TypeError(f"extract_html needs a str (decode bytes with decode_bytes), got {type(html).__name__}")
    if len(html) > settings.max_chars:
        raise UnusableHtml(f"HTML too large: {len(html):,} characters > max_chars={settings.max_chars:,}")
    sample = html[:65536]
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls > settings.max_control_share * len(sample):
        raise UnusableHtml(f"binary data, not HTML: {controls} control characters in the first {len(sample)}")


def _element_classes_in_c() -> None:
    """Give trafilatura's HTML parser an element-class lookup that runs in C and picks the same classes.

    lxml.html's parser chooses the Python class of every element proxy it creates (``HtmlElement``, or
    ``FormElement``/``InputElement``/... for the form tags; ``HtmlComment``, ``HtmlEntity``,
    ``HtmlProcessingInstruction``) in a Python callback, ``HtmlElementClassLookup.lookup``: over a million calls on
    the 300 dev pages, 4-6 % of the extraction. lxml's own C-level lookups express the same table: the form tags by
    name, everything else by node type. (The callback also lower-cases the tag name: libxml2's HTML parser and
    trafilatura only make lower-case tags. Results on the 300 dev pages are identical.)"""
    from lxml import etree
    from lxml import html as lxml_html
    from trafilatura import utils

    fallback = etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
    lookup = etree.ElementNamespaceClassLookup(fallback)
    lookup.get_namespace(None).update(lxml_html.HtmlElementClassLookup._default_element_classes)
    utils.HTML_PARSER.set_element_class_lookup(lookup)


_element_classes_in_c()


def _depth_limit_hit() -> bool:
    """Whether libxml2 stopped at its nesting limit in the parse trafilatura's ``load_html`` just made."""
    from trafilatura import utils

    parser = getattr(utils, "HTML_PARSER", None)
    log = getattr(parser, "error_log", None) or ()
    return any("Excessive depth" in entry.message for entry in log)


def _parse(html: str) -> tuple[_Element | None, bool]:
    """The parsed page and whether libxml2's depth limit cut it."""
    tree = load_html(html)
    if tree is None and "<html" not in html[:4096].lower():
        # load_html rejects fragments ("<div>…</div>" alone); a wrapper makes them a document
        tree = load_html(f"<html><body>{html}</body></html>")
    return tree, _depth_limit_hit()


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


def _options(settings: ExtractSettings, url: str | None, fast: bool) -> Extractor:
    return Extractor(
        # not "python": bare_extraction would also render the body as text, which _main_text never reads
        output_format="txt",
        fast=fast,
        precision=settings.favor_precision,
        recall=settings.favor_recall,
        comments=settings.include_comments,
        tables=settings.include_tables,
        images=False,
        links=False,
        formatting=False,
        lang=settings.target_language,
        url=url,
        with_metadata=False,  # gonerd.processing.metadata reads the fields we keep, on the same tree
    )


def drop_headline(paragraphs: list[str], title: str | None) -> list[str]:
    """Without a first paragraph that repeats ``title`` (the headline is kept in ``title``; a second copy in
    the text would double its entities). Compared case-insensitively, whitespace collapsed."""
    def key(text: str) -> str:
        return _WS.sub(" ", text).strip().casefold()

    if paragraphs and title and key(paragraphs[0]) == key(title):
        return paragraphs[1:]
    return paragraphs


def _main_text(tree: _Element, url: str | None, title: str | None, settings: ExtractSettings, fast: bool) -> str:
    """One trafilatura pass over the parsed page (trafilatura works on a copy: the tree stays as it was)."""
    document = trafilatura.bare_extraction(tree, url=url, options=_options(settings, url, fast))
    paragraphs = body_paragraphs(document.body) if document is not None else []
    paragraphs = drop_headline(paragraphs, title)
    if document is not None and settings.include_comments:
        paragraphs += body_paragraphs(document.commentsbody)
    return "\n\n".join(clean_paragraphs(paragraphs, settings.drop_boilerplate))


def _identify(text: str) -> tuple[str, float]:
    from gonerd.processing.language import LANGUAGE_SAMPLE_CHARS, language_identifier

    lang, probability = language_identifier().classify(text[:LANGUAGE_SAMPLE_CHARS])
    return lang, float(probability)


def extract_html(html: str, url: str | None = None, settings: ExtractSettings | None = None) -> Extracted:
    """Main text and metadata of one HTML page (see the module docstring for the rules and the convention).

    Returns ``Extracted(text="")`` (with whatever metadata was found) when the page has no main text.
    Raises :class:`UnusableHtml` for inputs above ``settings.max_chars`` or that look binary.
    """
    settings = settings or ExtractSettings()
    _check_input(html, settings)
    if not html.strip():
        return Extracted(text="", title=None, published=None, url=url, sitename=None)
    tree, too_deep = _parse(html)
    if tree is None:
        return Extracted(text="", title=None, published=None, url=url, sitename=None)
    head = page_head(tree) if settings.with_metadata else PageMetadata()
    cascade_kept, kept = settings.full_cascade_languages, settings.kept_languages
    identify = bool(cascade_kept or kept)
    full_only = not settings.fast and settings.full_cascade_below <= 0
    text = _main_text(tree, url, head.title, settings, fast=not full_only)
    language = _identify(text) if identify and text.strip() else None
    if not settings.fast and not full_only and len(text) < settings.full_cascade_below:
        foreign = (bool(cascade_kept) and language is not None and language[0] not in cascade_kept
                   and language[1] >= FOREIGN_CONFIDENCE)  # fmt: skip
        if not foreign:  # short: the full cascade decides
            text = _main_text(tree, url, head.title, settings, fast=False)
            language = _identify(text) if identify and text.strip() else None
    if kept and language is not None and language[0] not in kept:
        # the language filter drops this page whatever its date, site name or canonical link: not looked up
        meta = PageMetadata(title=head.title, url=url)
    elif settings.with_metadata:
        meta = page_metadata(tree, url, extensive_date_search=settings.extensive_date_search, head=head)
    else:
        meta = PageMetadata(url=canonical_link(tree, url))
    return Extracted(
        text=text,
        title=meta.title,
        published=meta.published,
        url=meta.url,
        sitename=meta.sitename,
        depth_limit_hit=too_deep,
        language=language,
    )
