"""Layouts of the legal documents: PDF-to-text pages (hard-wrapped lines, page headers and footers, pleading
line numbers, line-end hyphenation, form feeds) and court-website HTML pages with their site chrome.

Page furniture (headers, footers, line numbers) is what the legal cleaner removes; the front matter of a
plain-text opinion (court, caption, counsel, judges) is text it keeps, so :class:`Front` lays it out and
records, with its gold spans, the paragraphs it reads as."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from gonerd.demo.markup import Block, Marked

VOWELS = set("aeiouy")
DIGRAPHS = {"th", "ch", "sh", "ph", "wh", "ck", "gh", "qu", "ng"}
SUFFIXES = {"tion", "tions", "sion", "sions", "ment", "ments", "ness", "ing", "ings", "able", "ible", "ity", "ally"}
ONSETS = {"bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "sc", "sk", "sp", "st", "tr", "wr"}
HYPHENATABLE = re.compile(r"([a-z]{7,})([,.;:]?)")


def split_word(word: str, room: int) -> tuple[str, str] | None:
    """Hyphenate ``word`` so that the first part plus its hyphen fits in ``room`` characters, or None.

    Only plain lowercase words (optionally followed by , . ; :) are broken, never at an existing hyphen, with
    at least three letters on each side, at a syllable-like boundary (VC|CV first, then V|CV)."""
    match = HYPHENATABLE.fullmatch(word)
    if not match:
        return None
    core, punct = match.groups()
    candidates: list[int] = []
    for rule in ("suffix", "vc|cv", "v|cv"):
        for i in range(3, len(core) - 2):
            if i + 1 > room:
                break
            a, b, c = core[i - 1], core[i], core[i + 1]
            if rule == "suffix":
                ok = core[i:] in SUFFIXES
            elif rule == "vc|cv":
                ok = core[i - 2] in VOWELS and a not in VOWELS and b not in VOWELS and c in VOWELS
                ok = ok and a + b not in DIGRAPHS and a + b not in ONSETS and len(core) - i >= 4
            else:
                ok = a in VOWELS and b not in VOWELS and c in VOWELS and b + c not in DIGRAPHS
                ok = ok and len(core) - i >= 4
            if ok:
                candidates.append(i)
        if candidates:
            break
    if not candidates:
        return None
    i = max(candidates)
    return core[:i] + "-", core[i:] + punct


def wrap(text: str, width: int, first_indent: int = 0, indent: int = 0, hyphenate: bool = True) -> list[str]:
    """Greedy word wrap with occasional line-end hyphenation (when at least 5 columns would be left empty)."""
    lines: list[str] = []
    current = " " * first_indent
    bare = True  # nothing but indentation on the current line
    for word in text.split(" "):
        sep = "" if bare else " "
        if len(current) + len(sep) + len(word) <= width:
            current += sep + word
            bare = False
            continue
        room = width - len(current) - len(sep)
        parts = split_word(word, room) if hyphenate and not bare and room >= 5 else None
        if parts:
            lines.append(current + sep + parts[0])
            current = " " * indent + parts[1]
        else:
            lines.append(current)
            current = " " * indent + word
        bare = False
    lines.append(current)
    return lines


def center(text: str, width: int) -> str:
    return (" " * max((width - len(text)) // 2, 0) + text).rstrip()


@dataclass
class TextStyle:
    """How the body of a plain-text opinion is laid out on the page."""

    width: int = 72  # columns of body text
    para_indent: int = 5  # first-line indent of a paragraph
    blank_between: bool = True  # a blank line between paragraphs (else indentation alone marks them)
    quote_indent: int = 8
    line_indent: int = 0  # indent of "line" blocks (signatures)
    hyphenate: bool = True


def body_lines(blocks: list[Block], style: TextStyle) -> list[str]:
    """The wrapped lines of an opinion body."""
    out: list[str] = []
    for i, block in enumerate(blocks):
        if i and (style.blank_between or block.kind in ("heading", "line")):
            out.append("")
        if block.kind == "heading":
            out.extend(center(line, style.width) for line in wrap(block.text, style.width - 10, hyphenate=False))
            if not style.blank_between:
                out.append("")
        elif block.kind == "quote":
            q = style.quote_indent
            out.extend(wrap(block.text, style.width - q, q, q, style.hyphenate))
        elif block.kind == "line":
            out.extend(wrap(block.text, style.width, style.line_indent, style.line_indent, hyphenate=False))
        else:
            out.extend(wrap(block.text, style.width, style.para_indent, 0, style.hyphenate))
    return out


@dataclass
class PageStyle:
    """How lines are cut into pages and decorated."""

    lines_per_page: int
    header: Callable[[int, int], list[str]] = lambda page, total: []  # lines above the body
    footer: Callable[[int, int], list[str]] = lambda page, total: []  # lines below the body
    line_numbers: bool = False  # pleading paper: numbers 1..lines_per_page in the left margin
    margin: int = 0  # spaces left of the text (after the line number, if any)
    form_feed: bool = True  # "\f" at the start of every page after the first, as pdftotext writes it
    first_page_lines: list[str] = field(default_factory=list)  # caption lines at the top of page 1


def paginate(lines: list[str], style: PageStyle) -> str:
    """Cut ``lines`` (caption first) into pages with headers, footers and line numbers; returns the text."""
    all_lines = list(style.first_page_lines) + lines
    n = style.lines_per_page
    pages = [all_lines[i : i + n] for i in range(0, len(all_lines), n)]
    total = len(pages)
    out: list[str] = []
    for number, page in enumerate(pages, start=1):
        chunk: list[str] = []
        chunk.extend(line.rstrip() for line in style.header(number, total))
        for row, line in enumerate(page, start=1):
            text = (" " * style.margin + line) if line else ""
            if style.line_numbers:
                text = f"{row:>2}  {text}".rstrip()
            chunk.append(text.rstrip())
        if style.line_numbers:  # pleading paper numbers every line of the page, even the empty ones
            chunk.extend(f"{row:>2}" for row in range(len(page) + 1, n + 1))
        else:
            chunk.extend([""] * (n - len(page)))
        chunk.extend(line.rstrip() for line in style.footer(number, total))
        text = "\n".join(chunk)
        if number > 1 and style.form_feed:
            text = "\f" + text
        out.append(text)
    return "\n".join(out) + "\n"


def caption_columns(left: list[str], right: list[str], split: int = 44, bar: str = ")") -> list[str]:
    """A two-column caption: parties on the left, a bar of ``)`` and the case number/title on the right."""
    rows = max(len(left), len(right))
    left = left + [""] * (rows - len(left))
    right = right + [""] * (rows - len(right))
    return [f"{a:<{split}}{bar}   {b}".rstrip() for a, b in zip(left, right)]


JOIN = "+"  # a front-matter line that starts with this continues the previous paragraph once cleaned


def marked(source: str | Marked) -> tuple[Marked, bool]:
    """A front-matter string in inline markup → its text and spans, and whether it starts with :data:`JOIN`."""
    if isinstance(source, Marked):
        return source, False
    join = source.startswith(JOIN)
    return Marked.parse(source.removeprefix(JOIN)), join


class Front:
    """Front matter of a plain-text opinion (court, caption, counsel, judges, notices) as it is laid out.

    Every line added is written into the file *and* becomes reference text: a line with a letter or digit is a
    paragraph of its own (its runs of spaces read as one), unless it is added with ``join`` (or its source
    starts with ``+``), in which case it continues the previous paragraph after a space, as the legal cleaner
    joins it. A wrapped paragraph is one paragraph. Lines without a letter or digit (a caption's ``)``) are
    not text."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.blocks: list[Block] = []

    def _add_paragraph(self, text: Marked, join: bool) -> None:
        text = text.collapsed()
        if not any(c.isalnum() for c in text.text):
            return
        if join and self.blocks:
            last = self.blocks.pop()
            text = Marked(last.text, tuple(last.entities)) + " " + text
        self.blocks.append(text.block())

    def blank(self, count: int = 1) -> None:
        self.lines.extend([""] * count)

    def line(self, text: Marked | str, join: bool = False) -> None:
        """One line as laid out (``text`` is marked-up source or an already laid-out :class:`Marked`)."""
        m, plus = marked(text)
        self.lines.append(m.text.rstrip())
        self._add_paragraph(m, join or plus)

    def centred(self, text: str, width: int, join: bool = False) -> None:
        m, plus = marked(text)
        self.line(m.rjust(len(m) + max((width - len(m)) // 2, 0)), join or plus)

    def wrapped(self, text: str, width: int, first_indent: int = 0, indent: int = 0, join: bool = False) -> None:
        """A paragraph wrapped to ``width`` (never hyphenated)."""
        m, plus = marked(text)
        self.lines.extend(wrap(m.text, width, first_indent, indent, hyphenate=False))
        self._add_paragraph(m, join or plus)

    def columns(self, left: list[str], right: list[str], split: int = 44, bar: str = ")") -> None:
        """A two-column caption (see :func:`caption_columns`); a row continues the previous paragraph when
        either of its cells starts with ``+``."""
        rows = max(len(left), len(right))
        for a, b in zip(left + [""] * (rows - len(left)), right + [""] * (rows - len(right))):
            (ma, ja), (mb, jb) = marked(a), marked(b)
            self.line(ma.ljust(split) + f"{bar}   " + mb, join=ja or jb)


# ------------------------------------------------------------------------------------------------ HTML pages
def html_body(blocks: list[Block], numbered_class: str | None = None) -> str:
    """The opinion body as HTML elements."""
    parts = []
    for block in blocks:
        text = escape(block.text, quote=False)
        if block.kind == "heading":
            parts.append(f'<h3 class="opinion-heading">{text}</h3>')
        elif block.kind == "quote":
            parts.append(f"<blockquote><p>{text}</p></blockquote>")
        elif block.kind == "line":
            parts.append(f'<p class="signature">{text}</p>')
        else:
            cls = f' class="{numbered_class}"' if numbered_class else ""
            parts.append(f"<p{cls}>{text}</p>")
    return "\n".join(parts)


@dataclass(frozen=True)
class LawSite:
    """A website that publishes court decisions."""

    name: str
    domain: str
    tagline: str
    disclaimer: str
    footer: str
    nav: tuple[str, ...]
    lang: str = "en"


def e(text: str) -> str:
    return escape(text, quote=True)


def render_report_site(
    *,
    site: LawSite,
    url: str,
    title: str,
    citation: str,
    court: str,
    date_iso: str,
    date_human: str,
    judges: str,
    caption_html: str,
    blocks: list[Block],
    cited_by: list[tuple[str, str]],
    breadcrumbs: list[str],
) -> str:
    """A free law-report website: navigation, search, citation tools, the judgment, "cited by", disclaimers."""
    nav = "".join(f'<li><a href="/{item.lower().replace(" ", "-")}/">{e(item)}</a></li>' for item in site.nav)
    crumbs = " &rsaquo; ".join(f'<a href="/browse/{i}/">{e(c)}</a>' for i, c in enumerate(breadcrumbs))
    cited = "\n".join(f'<li><a href="{e(u)}">{e(t)}</a></li>' for t, u in cited_by)
    return f"""<!DOCTYPE html>
<html lang="{site.lang}">
<head>
<meta charset="utf-8">
<title>{e(title)} - {e(citation)} - {e(site.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{e(title)}, {e(citation)}, {e(court)}, decided {e(date_human)}.">
<link rel="canonical" href="{e(url)}">
<meta property="og:url" content="{e(url)}">
<meta property="og:title" content="{e(title)}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{date_iso}">
<meta name="citation_title" content="{e(title)}">
<meta name="citation_date" content="{date_iso[:10]}">
<link rel="stylesheet" href="/static/css/site.css?v=2024.2">
<style>.judgment p{{max-width:46em;line-height:1.55}} .toolbar{{display:flex;gap:1em}}</style>
<script>window.siteConfig = {{"search": "/search/", "analytics": false}};</script>
</head>
<body class="page-judgment">
<div class="notice-bar" role="note">This site uses only essential cookies. <a href="/cookies/">More
information</a>
<button type="button" class="dismiss">Dismiss</button></div>
<header class="site-header">
<a class="brand" href="/"><span class="brand-name">{e(site.name)}</span> <span
class="tagline">{e(site.tagline)}</span></a>
<nav class="main-nav" aria-label="Main"><ul>{nav}</ul></nav>
<form class="site-search" action="/search/" method="get" role="search">
<label for="search-q" class="visually-hidden">Search judgments</label>
<input id="search-q" name="q" type="search" placeholder="Search by party, citation or keyword">
<button type="submit">Search</button></form>
</header>
<div class="breadcrumbs">{crumbs}</div>
<div class="layout">
<main id="content">
<div class="toolbar"><a href="?format=pdf">Download PDF</a> <a href="#" class="cite-btn">Copy citation</a>
<a href="javascript:window.print()">Print</a> <a href="/alerts/new/">Set up an alert</a></div>
<article class="judgment">
<header class="judgment-header">
<h1 class="case-title">{e(title)}</h1>
<p class="citation">{e(citation)}</p>
<p class="court-name">{e(court)}</p>
<p class="judgment-date"><time datetime="{date_iso[:10]}">{e(date_human)}</time></p>
{caption_html}
<p class="judges">{e(judges)}</p>
</header>
<div class="judgment-body">
{html_body(blocks)}
</div>
</article>
<div class="disclaimer"><p>{e(site.disclaimer)}</p></div>
</main>
<aside class="sidebar">
<section class="cited-by"><h2>Cited by</h2><ul>
{cited}
</ul></section>
<section class="help"><h2>Using this site</h2><p>Judgments are published as received from the court. Check the
official report before relying on a decision. <a href="/help/citing/">How to cite</a></p></section>
</aside>
</div>
<footer class="site-footer"><p>{e(site.footer)}</p>
<ul><li><a href="/about/">About</a></li><li><a href="/accessibility/">Accessibility</a></li>
<li><a href="/privacy/">Privacy</a></li><li><a href="/terms/">Terms of use</a></li><li><a
href="/contact/">Contact</a></li>
</ul></footer>
</body>
</html>
"""


def render_court_site(
    *,
    url: str,
    court: str,
    domain: str,
    title: str,
    case_number: str,
    department: str,
    hearing: str,
    date_iso: str,
    blocks: list[Block],
    other_rulings: list[tuple[str, str]],
) -> str:
    """A trial court's own website, "Tentative Rulings" page: county banner, menus, instructions, the ruling."""
    others = "\n".join(f'<tr><td><a href="{e(u)}">{e(t)}</a></td></tr>' for t, u in other_rulings)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tentative Ruling - {e(title)} - {e(court)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="{e(url)}">
<meta property="og:url" content="{e(url)}">
<meta name="dcterms.date" content="{date_iso[:10]}">
<link rel="stylesheet" href="/sites/all/themes/courts/css/style.css">
<script src="/sites/all/themes/courts/js/menu.js"></script>
</head>
<body class="node-type-tentative-ruling">
<div id="skip"><a href="#main-content">Skip to main content</a></div>
<div id="alert-banner" class="alert">COURT CLOSURE: All courthouses will be closed on Monday for the holiday.
Filing deadlines falling on that day are extended to the next court day.</div>
<div id="header"><div class="seal"><img src="/sites/default/files/seal.png" alt="Seal of the Court"></div>
<div class="site-name"><a href="/">{e(court)}</a></div>
<div id="language-select"><a href="?lang=es">Español</a> | <a href="?lang=vi">Tiếng Việt</a> |
<a href="?lang=zh">中文</a></div>
<form id="search-block-form" action="/search/node"><input type="text" name="keys" title="Search this site">
<input type="submit" value="Search"></form></div>
<div id="navigation"><ul class="menu">
<li><a href="/general-info/">General Information</a></li><li><a href="/divisions/civil/">Civil</a></li>
<li><a href="/divisions/criminal/">Criminal</a></li><li><a href="/divisions/family/">Family Law</a></li>
<li><a href="/self-help/">Self-Help</a></li><li><a href="/jury/">Jury Service</a></li>
<li><a href="/online-services/">Online Services</a></li></ul></div>
<div id="breadcrumb"><a href="/">Home</a> » <a href="/divisions/civil/">Civil</a> »
<a href="/tentative-rulings/">Tentative Rulings</a></div>
<div id="main"><div id="sidebar-first"><h2>Civil Division</h2><ul>
<li><a href="/divisions/civil/filing/">Filing a Case</a></li><li><a href="/divisions/civil/fees/">Fee
Schedule</a></li>
<li><a href="/tentative-rulings/">Tentative Rulings</a></li><li><a href="/forms/">Forms</a></li></ul></div>
<div id="main-content" class="region-content">
<div class="instructions"><p><strong>Tentative rulings</strong> are posted by 2:00 p.m. on the court day
before
the hearing. The tentative ruling will become the ruling of the court unless a party notifies the
department by
4:00 p.m. of its intent to appear and argue. Notice may be given by telephone or by email to the department
clerk. Parties may appear remotely by videoconference.</p></div>
<div class="field-case-info"><table class="case-info">
<tr><th>Case number</th><td>{e(case_number)}</td></tr>
<tr><th>Case title</th><td>{e(title)}</td></tr>
<tr><th>Department</th><td>{e(department)}</td></tr>
<tr><th>Hearing</th><td>{e(hearing)}</td></tr></table></div>
<div class="field-body tentative-ruling">
{html_body(blocks)}
</div>
<div class="other-rulings"><h3>Other tentative rulings for this calendar</h3><table>
{others}
</table></div>
</div></div>
<div id="footer"><p>{e(court)} &middot; {e(domain)} &middot; Hall of Justice, 400 Civic Center Drive</p>
<p><a href="/accessibility/">Accessibility</a> | <a href="/privacy/">Privacy Policy</a> |
<a href="/careers/">Careers</a> | <a href="/contact/">Contact the Court</a></p>
<p>The information on this website is provided as a public service. It is not legal advice. Court staff cannot
give legal advice.</p></div>
</body>
</html>
"""
