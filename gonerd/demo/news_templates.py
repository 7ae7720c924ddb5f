"""The five fictional news outlets and their page templates.

Each outlet has its own markup (semantic ``<article>``, id-based div soup, schema.org JSON-LD, an old table
layout, a modern wrapper-heavy layout) plus print and AMP variants, and realistic boilerplate around the
story:
navigation, breadcrumbs, cookie banners, share buttons, newsletter boxes, related links, ads, comments,
footers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from gonerd.demo.boilerplate import COOKIE_TEXT, FOREIGN_RELATED, MOST_READ, NEWSLETTER_TEXT, Comment, number
from gonerd.demo.markup import Block


def e(text: str) -> str:
    """Escape text for an HTML attribute or element."""
    return escape(text, quote=True)


def slugify(text: str) -> str:
    """A URL slug."""
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in out.split("-") if part)


UI: dict[str, dict[str, str]] = {
    "en": {
        "home": "Home",
        "related": "Related stories",
        "most_read": "Most read",
        "comments": "Comments",
        "accept": "Accept all",
        "manage": "Manage preferences",
        "share": "Share this article",
        "newsletter": "Sign up to our morning briefing",
        "subscribe": "Subscribe",
        "advert": "Advertisement",
        "by": "By",
        "published": "Published",
        "updated": "Updated",
        "rights": "All rights reserved.",
        "search": "Search",
        "email": "Your email address",
        "read_more": "READ MORE:",
        "reply": "Reply",
        "report": "Report",
        "add_comment": "Join the conversation",
        "privacy": "Privacy policy",
        "terms": "Terms of use",
        "contact": "Contact us",
        "advertise": "Advertise with us",
        "cookies": "Cookie settings",
        "about": "About us",
        "careers": "Careers",
        "topics": "Topics",
        "print": "Print this page",
        "copy": "Copy link",
        "skip": "Skip to main content",
        "menu": "Menu",
        "likes": "likes",
        "login": "Log in",
        "register": "Register",
    },
    "de": {
        "home": "Startseite",
        "related": "Mehr zum Thema",
        "most_read": "Meistgelesen",
        "comments": "Kommentare",
        "accept": "Alle akzeptieren",
        "manage": "Einstellungen",
        "share": "Artikel teilen",
        "newsletter": "Unser Newsletter am Morgen",
        "subscribe": "Abonnieren",
        "advert": "Anzeige",
        "by": "Von",
        "published": "Veröffentlicht",
        "updated": "Aktualisiert",
        "rights": "Alle Rechte vorbehalten.",
        "search": "Suche",
        "email": "Ihre E-Mail-Adresse",
        "read_more": "LESEN SIE AUCH:",
        "reply": "Antworten",
        "report": "Melden",
        "add_comment": "Diskutieren Sie mit",
        "privacy": "Datenschutz",
        "terms": "Nutzungsbedingungen",
        "contact": "Kontakt",
        "advertise": "Werben",
        "cookies": "Cookie-Einstellungen",
        "about": "Über uns",
        "careers": "Karriere",
        "topics": "Themen",
        "print": "Drucken",
        "copy": "Link kopieren",
        "skip": "Zum Inhalt springen",
        "menu": "Menü",
        "likes": "Likes",
        "login": "Anmelden",
        "register": "Registrieren",
    },
    "es": {
        "home": "Inicio",
        "related": "Noticias relacionadas",
        "most_read": "Lo más leído",
        "comments": "Comentarios",
        "accept": "Aceptar todo",
        "manage": "Configurar",
        "share": "Compartir este artículo",
        "newsletter": "Suscríbase a nuestro boletín",
        "subscribe": "Suscribirse",
        "advert": "Publicidad",
        "by": "Por",
        "published": "Publicado",
        "updated": "Actualizado",
        "rights": "Todos los derechos reservados.",
        "search": "Buscar",
        "email": "Su correo electrónico",
        "read_more": "LEA TAMBIÉN:",
        "reply": "Responder",
        "report": "Denunciar",
        "add_comment": "Participe en la conversación",
        "privacy": "Política de privacidad",
        "terms": "Condiciones de uso",
        "contact": "Contacto",
        "advertise": "Publicidad",
        "cookies": "Configuración de cookies",
        "about": "Quiénes somos",
        "careers": "Empleo",
        "topics": "Temas",
        "print": "Imprimir",
        "copy": "Copiar enlace",
        "skip": "Ir al contenido",
        "menu": "Menú",
        "likes": "me gusta",
        "login": "Entrar",
        "register": "Registrarse",
    },
}

SECTION_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "politics": "Politics",
        "business": "Business",
        "sport": "Sport",
        "science": "Science",
        "culture": "Culture",
        "local": "Local",
        "europe": "Europe",
        "markets": "Markets",
        "companies": "Companies",
        "technology": "Technology",
        "features": "Features",
        "schools": "Schools",
        "agriculture": "Agriculture",
        "environment": "Environment",
        "long-reads": "Long reads",
    },
    "de": {"europe": "Europa", "politics": "Politik", "culture": "Kultur", "business": "Wirtschaft"},
    "es": {"local": "Local", "schools": "Escuelas", "community": "Comunidad"},
}

PRIVACY_TITLE = {"en": "Your privacy", "de": "Ihre Privatsphäre", "es": "Su privacidad"}

MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}


@dataclass(frozen=True)
class Page:
    """Everything a template needs to render one news page."""

    outlet: Outlet
    url: str
    title: str
    description: str
    author: str
    published: str  # ISO 8601 with offset
    section: str
    blocks: list[Block]
    language: str = "en"
    related: list[tuple[str, str]] = field(default_factory=list)  # (headline, url) of other stories
    comments: list[Comment] = field(default_factory=list)
    variant: str = "standard"  # standard | print | amp | syndicated | update
    modified: str | None = None
    note: str | None = None  # syndication or update note shown outside the story body
    image_caption: str | None = None
    original_url: str | None = None  # the standard page of a print/AMP variant

    @property
    def ui(self) -> dict[str, str]:
        return UI[self.language]

    @property
    def section_name(self) -> str:
        return SECTION_NAMES[self.language].get(self.section, self.section.title())

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.published)

    def human_date(self, style: str = "long") -> str:
        """The publication date as the outlet prints it."""
        d = self.when
        month = MONTHS[self.language][d.month - 1]
        if self.language == "de":
            return f"{d.day}. {month} {d.year}, {d:%H:%M} Uhr"
        if self.language == "es":
            return f"{d.day} de {month} de {d.year}, {d:%H:%M}"
        if style == "uk":
            return f"{d:%H:%M}, {d.day} {month} {d.year}"
        if style == "us":
            hour = d.hour % 12 or 12
            return f"{month[:3]}. {d.day}, {d.year} {hour}:{d:%M} {'a.m.' if d.hour < 12 else 'p.m.'}"
        return f"{d.day} {month} {d.year}"


@dataclass(frozen=True)
class Outlet:
    """A fictional news site."""

    key: str
    name: str
    site_slug: str  # directory name under news/
    domain: str
    sections: tuple[str, ...]
    url_for: Callable[[str, str, str, str], str]  # (section, slug, published, language) -> URL
    render: Callable[[Page], str]
    standfirst_in_text: bool = False  # the standfirst sits with the headline, inside what extraction keeps

    def home(self) -> str:
        return f"https://{self.domain}/"


def inline_html(
    block: Block, link: Callable[[str, str], str | None] | None = None, seen: set | None = None
) -> str:
    """A block's text as escaped HTML; ``link(label, text)`` may return an href for an entity mention
    (used for the first mention only when ``seen`` is given)."""
    if link is None:
        return escape(block.text, quote=False)
    out: list[str] = []
    pos = 0
    for ent in block.entities:
        href = None
        if seen is None or (ent.label, ent.text) not in seen:
            href = link(ent.label, ent.text)
        if not href:
            continue
        if seen is not None:
            seen.add((ent.label, ent.text))
        out.append(escape(block.text[pos : ent.start], quote=False))
        out.append(f'<a href="{e(href)}">{escape(ent.text, quote=False)}</a>')
        pos = ent.end
    out.append(escape(block.text[pos:], quote=False))
    return "".join(out)


def body_html(
    blocks: list[Block],
    *,
    p: str = "<p>{}</p>",
    h: str = "<h2>{}</h2>",
    quote: str = "<blockquote><p>{}</p></blockquote>",
    link: Callable[[str, str], str | None] | None = None,
    inserts: dict[int, str] | None = None,
) -> str:
    """The story body: one element per block, with boilerplate ``inserts`` after the given block numbers."""
    seen: set = set()
    parts: list[str] = []
    for i, block in enumerate(blocks):
        html = inline_html(block, link, seen)
        template = {"heading": h, "quote": quote}.get(block.kind, p)
        parts.append(template.format(html))
        if inserts and i in inserts:
            parts.append(inserts[i])
    return "\n".join(parts)


def share_links(page: Page, cls: str = "share") -> str:
    from urllib.parse import quote

    u = quote(page.url, safe="")
    t = quote(page.title, safe="")
    return (
        f'<ul class="{cls}">'
        f'<li><a href="https://www.facebook.com/sharer/sharer.php?u={u}" target="_blank">Facebook</a></li>'
        f'<li><a href="https://twitter.com/intent/tweet?url={u}&amp;text={t}" target="_blank">X</a></li>'
        f'<li><a href="https://www.linkedin.com/shareArticle?url={u}" target="_blank">LinkedIn</a></li>'
        f'<li><a href="mailto:?subject={t}&amp;body={u}">Email</a></li>'
        f'<li><button type="button" class="copy-link">{page.ui["copy"]}</button></li></ul>'
    )


def comment_time(page: Page, i: int) -> str:
    d = page.when
    hour = (d.hour + 1 + 2 * i) % 24
    return f"{d:%Y-%m-%d}T{hour:02d}:{(7 * i + 13) % 60:02d}:00"


def most_read_titles(page: Page) -> tuple[str, ...]:
    """The outlet's "most read" headlines in the page's language."""
    if page.language in FOREIGN_RELATED:
        return tuple(title for _, title in FOREIGN_RELATED[page.language])
    return MOST_READ[page.outlet.key]


def related_list(page: Page, item: str = '<li><a href="{url}">{title}</a></li>') -> str:
    return "\n".join(item.format(url=e(u), title=e(t)) for t, u in page.related)


def most_read_list(page: Page, item: str = '<li><a href="{url}">{title}</a></li>') -> str:
    base = page.outlet.home().rstrip("/")
    rows = []
    for title in most_read_titles(page):
        rows.append(item.format(url=e(f"{base}/{page.section}/{slugify(title)}"), title=e(title)))
    return "\n".join(rows)


def head_common(page: Page, sitename: str, title_sep: str = " | ") -> str:
    """The <head> lines all outlets share (each adds its own extras)."""
    return f"""<meta charset="utf-8">
<title>{e(page.title)}{title_sep}{e(sitename)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{e(page.description)}">
<link rel="canonical" href="{e(page.url)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{e(page.title)}">
<meta property="og:description" content="{e(page.description)}">
<meta property="og:url" content="{e(page.url)}">
<meta property="og:site_name" content="{e(sitename)}">
<meta property="og:image"
content="https://static.{page.outlet.domain.removeprefix("www.")}/img/og/{number(page.url, 10000, 99999)}.jpg"
>
<meta property="article:published_time" content="{page.published}">
<meta property="article:section" content="{e(page.section_name)}">
<meta name="twitter:card" content="summary_large_image">"""


ANALYTICS = """<script>
window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
gtag('js', new Date());
gtag('config', 'G-%s', {anonymize_ip: true});
</script>"""


# -------------------------------------------------------------------------------------- Harbour Ledger
def render_harbour(page: Page) -> str:
    """The Harbour Ledger: semantic HTML5 with <article>, <aside> and <footer>."""
    ui = page.ui
    if page.variant == "print":
        return render_harbour_print(page)
    sections = "\n".join(
        f'<li class="nav__item"><a href="/{s}/">{e(SECTION_NAMES["en"].get(s, s))}</a></li>'
        for s in page.outlet.sections
    )
    inserts = {
        2: '<aside class="inline-related"><h3>Read more</h3><ul>'
        + (f'<li><a href="{e(page.related[0][1])}">{e(page.related[0][0])}</a></li>' if page.related else "")
        + "</ul></aside>",
        4: f'<div class="ad-slot ad-slot--inline" aria-hidden="true"><span class="ad-label">{ui["advert"]}'
        '</span><div id="div-gpt-ad-inline-1"></div></div>',
    }
    body = body_html(
        page.blocks,
        link=lambda label, text: f"/topics/{slugify(text)}/" if label == "ORG" and " " in text else None,
        inserts=inserts,
    )
    figure = ""
    if page.image_caption:
        figure = (
            '<figure class="lead-image"><img src="https://static.harbourledger.com/img/'
            f'{number(page.url, 100000, 999999)}.jpg" alt="" width="1200" height="675" loading="eager">'
            f"<figcaption>{e(page.image_caption)} "
            '<span class="credit">Photo: Ledger staff</span></figcaption>'
            "</figure>"
        )
    comments = "\n".join(
        f'<li class="comment" id="c{i + 1}"><div class="comment__meta"><span class="comment__author">'
        f'{e(c.user)}</span> <time datetime="{comment_time(page, i)}">'
        f"{comment_time(page, i)[11:16]}</time></div>"
        f'<p class="comment__text">{e(c.text)}</p><div class="comment__actions">'
        f'<button>{ui["reply"]}</button>'
        f'<button>{ui["report"]}</button><span class="likes">{c.likes} {ui["likes"]}</span></div></li>'
        for i, c in enumerate(page.comments)
    )
    note = f'<p class="story-note">{e(page.note)}</p>' if page.note else ""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
{head_common(page, "The Harbour Ledger")}
<meta name="author" content="{e(page.author)}">
<link rel="stylesheet" href="/assets/css/main.4f9a2c.css">
<style>.cookie-banner{{position:fixed;bottom:0;left:0;right:0;background:#10243e;color:#fff;padding:1rem}}
.story-body p{{font-family:Georgia,serif;line-height:1.6}}.ad-slot{{min-height:250px}}</style>
{ANALYTICS % "HL4Q2M7"}
</head>
<body class="template-article section-{page.section}">
<a class="skip-link" href="#main">{ui["skip"]}</a>
<div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookie consent">
<p>{e(COOKIE_TEXT["en"])} See our <a href="/privacy/">{ui["privacy"]}</a>.</p>
<button type="button" class="btn btn--primary">{ui["accept"]}</button>
<button type="button" class="btn">{ui["manage"]}</button>
</div>
<header class="site-header">
<div class="site-header__top"><a class="logo" href="/">
<img src="/assets/img/logo.svg" alt="The Harbour Ledger"></a>
<span class="site-header__date">Independent local journalism since 1868</span>
<a class="btn btn--subscribe" href="/subscribe/">{ui["subscribe"]}</a> <a
href="/login/">{ui["login"]}</a></div>
<nav class="nav" aria-label="Sections"><button class="nav__toggle">{ui["menu"]}</button>
<ul class="nav__list">
<li class="nav__item"><a href="/">{ui["home"]}</a></li>
{sections}
</ul></nav>
<form class="search" action="/search/" role="search"><label for="q">{ui["search"]}</label>
<input id="q" name="q" type="search" placeholder="Search the Ledger"></form>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb"><ol>
<li><a href="/">{ui["home"]}</a></li><li><a href="/{page.section}/">{e(page.section_name)}</a></li>
</ol></nav>
<main id="main">
<article class="story" itemscope itemtype="https://schema.org/NewsArticle">
<header class="story__header">
<p class="story__kicker"><a href="/{page.section}/">{e(page.section_name)}</a></p>
<h1 class="story__headline" itemprop="headline">{e(page.title)}</h1>
<p class="story__standfirst">{e(page.description)}</p>
<div class="story__meta">
<span class="byline">{ui["by"]} <a rel="author" href="/authors/{slugify(page.author)}/">
{e(page.author)}</a></span>
<time datetime="{page.published}" itemprop="datePublished">{page.human_date()}</time></div>
{share_links(page, "share share--top")}
</header>
{figure}
{note}
<div class="story__body" itemprop="articleBody">
{body}
</div>
<footer class="story__footer"><p class="story__topics">{ui["topics"]}:
<a href="/{page.section}/">{e(page.section_name)}</a></p>
{share_links(page, "share share--bottom")}
<p class="story__correction">Spotted an error? <a href="/corrections/">Tell us</a>.</p></footer>
</article>
<aside class="related" aria-labelledby="related-h"><h2 id="related-h">{ui["related"]}</h2>
<ul class="related__list">
{related_list(page)}
</ul></aside>
<aside class="most-read" aria-labelledby="mostread-h"><h2 id="mostread-h">{ui["most_read"]}</h2><ol>
{most_read_list(page)}
</ol></aside>
<section class="newsletter-signup"><h2>{ui["newsletter"]}</h2><p>{e(NEWSLETTER_TEXT["en"])}</p>
<form action="/newsletter/"><input type="email" placeholder="{ui["email"]}">
<button>{ui["subscribe"]}</button></form>
</section>
<section id="comments" class="comments"><h2>{ui["comments"]} ({len(page.comments)})</h2>
<p class="comments__prompt">{ui["add_comment"]}. <a href="/login/">{ui["login"]}</a> or <a href="/register/">
{ui["register"]}</a> to comment.</p>
<ol class="comments__list">
{comments}
</ol></section>
</main>
<footer class="site-footer">
<ul class="site-footer__links"><li><a href="/about/">{ui["about"]}</a></li><li>
<a href="/contact/">{ui["contact"]}</a>
</li><li><a href="/advertise/">{ui["advertise"]}</a></li><li><a href="/careers/">{ui["careers"]}</a></li>
<li><a href="/terms/">{ui["terms"]}</a></li><li><a href="/privacy/">{ui["privacy"]}</a></li>
<li><a href="#" class="cookie-settings">{ui["cookies"]}</a></li></ul>
<p>&copy; {page.when.year} Harbour Ledger Media Ltd, registered in England and Wales no. 00482913.
{ui["rights"]} The Harbour Ledger is regulated by IPSO.</p>
</footer>
<script src="/assets/js/main.7c1e0b.js" defer></script>
<script>document.querySelectorAll('.copy-link').forEach(function(b){{b.onclick=function(){{
navigator.clipboard.writeText(location.href);}};}});</script>
</body>
</html>
"""


def render_harbour_print(page: Page) -> str:
    """The Harbour Ledger's printer-friendly page: the same story with almost no chrome."""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{e(page.title)} - Print - The Harbour Ledger</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{e(page.url)}">
<meta property="og:url" content="{e(page.url)}">
<meta property="article:published_time" content="{page.published}">
<style>body{{font-family:Georgia,serif;max-width:40em;margin:2em auto}} .no-print{{display:none}}
@media print{{.print-controls{{display:none}}}}</style>
</head>
<body onload="window.print()">
<div class="print-controls"><a href="{e(page.original_url or page.url)}">&larr; Back to article</a>
<button onclick="window.print()">{page.ui["print"]}</button></div>
<div class="print-masthead"><img src="/assets/img/logo-mono.svg" alt="The Harbour Ledger" width="240"></div>
<h1>{e(page.title)}</h1>
<p class="print-meta">{e(page.author)} &middot; {page.human_date()}</p>
<div class="print-body">
{body_html(page.blocks)}
</div>
<hr>
<p class="print-footer">Printed from harbourledger.com. &copy; {page.when.year} Harbour Ledger Media Ltd.
This article is for personal, non-commercial use only.</p>
</body>
</html>
"""


# ------------------------------------------------------------------------------- Midland Daily Courier
def render_midland(page: Page) -> str:
    """Midland Daily Courier: div soup with ids, floats and a sidebar."""
    ui = page.ui
    topnav = " | ".join(
        f'<a href="/news/{s}/">{e(SECTION_NAMES["en"].get(s, s))}</a>' for s in page.outlet.sections
    )
    inserts: dict[int, str] = {
        3: '<div id="inread-ad-1" class="advert advert-inread"><!-- /2231/courier/inread --></div>',
    }
    if page.related:
        inserts[1] = (
            f'<p class="read-more"><strong>{ui["read_more"]}</strong> '
            f'<a href="{e(page.related[0][1])}">{e(page.related[0][0])}</a></p>'
        )
    if len(page.related) > 1 and len(page.blocks) > 7:
        inserts[6] = (
            f'<p class="read-more"><strong>{ui["read_more"]}</strong> '
            f'<a href="{e(page.related[1][1])}">{e(page.related[1][0])}</a></p>'
        )
    body = body_html(page.blocks, h="<h3>{}</h3>", inserts=inserts)
    updated = ""
    if page.modified:
        updated = f'<span class="updated">{ui["updated"]}: {page.human_date("uk")[:5]}</span>'
    comments = "\n".join(
        f'<div class="cmt" id="comment-{number(c.user, 100000, 999999)}">'
        f'<div class="cmt-head"><b>{e(c.user)}</b>'
        f' <span class="cmt-time">{comment_time(page, i)[11:16]}</span></div>'
        f'<div class="cmt-body">{e(c.text)}'
        f'</div><div class="cmt-foot"><a href="#">{ui["reply"]}</a> &bull; <a href="#">{ui["report"]}</a> '
        f"&bull; {c.likes} {ui['likes']}</div></div>"
        for i, c in enumerate(page.comments)
    )
    note = f'<div id="story-update-note"><em>{e(page.note)}</em></div>' if page.note else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{head_common(page, "Midland Daily Courier", " - ")}
<meta name="pubdate" content="{page.published[:10].replace("-", "")}">
{f'<meta property="article:modified_time" content="{page.modified}">' if page.modified else ""}
<link rel="stylesheet" href="/css/courier-2016.css?v=311">
<script src="https://securepubads.g.doubleclick.net/tag/js/gpt.js" async></script>
<script>var courierPage = {{"section": "{page.section}", "pageType": "article", "paywall": false}};</script>
</head>
<body>
<div id="wrapper">
<div id="cookieMsg"><div class="inner">{e(COOKIE_TEXT["en"])} <a href="/cookie-policy">Find out more</a>
<a href="#" id="cookieOK" class="button">OK</a></div></div>
<div id="masthead"><div id="logo"><a href="/">
<img src="/img/courier-logo.png" alt="Midland Daily Courier"></a></div>
<div id="masthead-right"><a href="/subscribe">Get the paper delivered</a> | <a href="/epaper">E-edition</a>
| <a href="/login">{ui["login"]}</a></div></div>
<div id="topnav">
<a href="/">{ui["home"]}</a> | {topnav} | <a href="/jobs">Jobs</a> | <a href="/motors">Motors</a>
| <a href="/announcements">Announcements</a></div>
<div id="container">
<div id="breadcrumbs"><a href="/">{ui["home"]}</a> &gt; <a href="/news/">News</a> &gt;
<a href="/news/{page.section}/">{e(page.section_name)}</a></div>
<div id="content-left">
<div id="story">
<h1 id="story-headline">{e(page.title)}</h1>
<div id="story-meta">
<span class="author">{ui["by"]} {e(page.author)}</span> <span class="date">{ui["published"]}:
{page.human_date("uk")}</span> {updated}</div>
<div id="story-share-top">{share_links(page, "sharebar")}</div>
{note}
<div id="story-body">
{body}
</div>
<div id="story-share">{ui["share"]}: {share_links(page, "sharebar")}</div>
<div id="story-tags">Tags: <a href="/news/{page.section}/">{e(page.section_name)}</a></div>
<div id="promo-box"><h4>Support local journalism</h4><p>Subscribe to the Courier from just &pound;1 a week.
<a href="/subscribe">{ui["subscribe"]}</a></p></div>
<div id="comments-area"><h3>{ui["comments"]}</h3><p class="cmt-rules">Comments are moderated. Please read our
<a href="/house-rules">house rules</a>.</p>
{comments}
</div>
</div>
</div>
<div id="sidebar">
<div id="mostread" class="widget"><h3>{ui["most_read"]}</h3><ol>
{most_read_list(page)}
</ol></div>
<div id="advert-mpu" class="widget advert"><span>{ui["advert"]}</span><div id="div-gpt-mpu"></div></div>
<div id="related" class="widget"><h3>{ui["related"]}</h3><ul>
{related_list(page)}
</ul></div>
<div id="newsletter" class="widget"><h3>{ui["newsletter"]}</h3><p>{e(NEWSLETTER_TEXT["en"])}</p>
<form><input type="text" name="email" value="" placeholder="{ui["email"]}">
<input type="submit" value="Go"></form></div>
</div>
<div class="clear"></div>
</div>
<div id="footer"><div id="footer-links">
<a href="/about">{ui["about"]}</a> | <a href="/contact">{ui["contact"]}</a> |
<a href="/advertise">{ui["advertise"]}</a> | <a href="/terms">{ui["terms"]}</a> | <a
href="/privacy">{ui["privacy"]}</a>
| <a href="/complaints">Complaints</a></div>
<p>&copy; {page.when.year} Courier Newspapers (Midlands) Ltd. {ui["rights"]}</p></div>
</div>
<script>document.getElementById('cookieOK').onclick=function(){{
document.getElementById('cookieMsg').style.display='none';
document.cookie='cookiesOK=1;path=/';return false;}};</script>
</body>
</html>
"""


# --------------------------------------------------------------------------- Northgate Business Review
def render_northgate(page: Page) -> str:
    """Northgate Business Review: schema.org JSON-LD, a markets ticker and a subscription box."""
    ui = page.ui
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.description,
        "datePublished": page.published,
        "dateModified": page.modified or page.published,
        "author": {"@type": "Person", "name": page.author},
        "publisher": {
            "@type": "Organization",
            "name": "Northgate Business Review",
            "logo": {"@type": "ImageObject", "url": "https://northgatereview.com/static/logo-600.png"},
        },
        "mainEntityOfPage": {"@type": "WebPage", "@id": page.url},
        "articleSection": page.section_name,
        "isAccessibleForFree": True,
    }
    nav = "\n".join(
        f'<li class="nbr-nav__item"><a class="nbr-nav__link" href="/{s}">'
        f"{e(SECTION_NAMES['en'].get(s, s))}</a></li>"
        for s in page.outlet.sections
    )
    inserts = {
        3: '<div class="nbr-ad nbr-ad--native" data-slot="native-1">'
        '<span class="nbr-ad__label">Sponsored</span>'
        '<a href="https://ads.example-network.com/c/8812">Is your treasury team ready for instant payments? '
        "Download the guide from Meridian Ledger Systems.</a></div>",
    }
    body = body_html(page.blocks, h='<h2 class="nbr-article__subhead">{}</h2>', inserts=inserts)
    related = related_list(page, '<li class="nbr-related__item"><a href="{url}">{title}</a></li>')
    comments = "\n".join(
        f'<li class="nbr-comment"><span class="nbr-comment__user">{e(c.user)}</span>'
        f'<p class="nbr-comment__body">{e(c.text)}</p><span class="nbr-comment__votes">{c.likes}</span></li>'
        for c in page.comments
    )
    note = f'<p class="nbr-article__correction">{e(page.note)}</p>' if page.note else ""
    return f"""<!doctype html>
<html lang="en-US">
<head>
{head_common(page, "Northgate Business Review", " — ")}
<meta name="parsely-pub-date" content="{page.published}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<link rel="preload" href="/static/fonts/nbr-serif.woff2" as="font" crossorigin>
<style>.nbr-ticker{{display:flex;gap:1.5rem;font-size:.8rem}}.nbr-paywall{{border:1px solid #ccc}}</style>
{ANALYTICS % "NBR7731"}
</head>
<body class="nbr nbr--article">
<div class="nbr-consent" id="consent-banner"><div class="nbr-consent__text">{e(COOKIE_TEXT["en"])}</div>
<div class="nbr-consent__actions"><button data-consent="all">{ui["accept"]}</button>
<button data-consent="custom">{ui["manage"]}</button></div></div>
<div class="nbr-ticker" aria-label="Markets">
<span class="nbr-ticker__item">FTSE 100 <b>7,682.4</b> <em>+0.31%</em></span>
<span class="nbr-ticker__item">DAX <b>17,944.1</b> <em>-0.12%</em></span>
<span class="nbr-ticker__item">S&amp;P 500 <b>5,104.7</b> <em>+0.44%</em></span>
<span class="nbr-ticker__item">EUR/USD <b>1.0871</b></span>
<span class="nbr-ticker__item">Brent <b>$83.12</b></span></div>
<header class="nbr-header"><a class="nbr-header__logo" href="/">Northgate Business Review</a>
<nav class="nbr-nav"><ul class="nbr-nav__list">
{nav}
</ul></nav>
<div class="nbr-header__tools"><a href="/search">{ui["search"]}</a>
<a class="nbr-btn" href="/subscribe">{ui["subscribe"]}</a>
</div></header>
<div class="nbr-page">
<nav class="nbr-breadcrumbs">
<a href="/">{ui["home"]}</a> / <a href="/{page.section}">{e(page.section_name)}</a></nav>
<div class="nbr-grid">
<main class="nbr-main">
<div class="nbr-article">
<div class="nbr-article__header">
<span class="nbr-article__section">{e(page.section_name)}</span>
<h1 class="nbr-article__title">{e(page.title)}</h1>
<div class="nbr-article__byline">{e(page.author)} &middot; <time
datetime="{page.published}">{page.human_date("us")}</time></div>
{share_links(page, "nbr-share")}
</div>
{note}
<div class="nbr-article__body" itemprop="articleBody">
{body}
</div>
<div class="nbr-paywall"><h3>Enjoying this article?</h3><p>You have read 2 of your 3 free articles this month.
Subscribe for unlimited access to markets coverage, company news and our weekly Capital Letter newsletter.</p>
<a class="nbr-btn" href="/subscribe">{ui["subscribe"]}</a></div>
</div>
<section class="nbr-related"><h2>{ui["related"]}</h2><ul>
{related}
</ul></section>
<section class="nbr-comments"><h2>{ui["comments"]}</h2><ul>
{comments}
</ul></section>
</main>
<aside class="nbr-rail">
<div class="nbr-ad nbr-ad--mpu" data-slot="mpu-1">{ui["advert"]}</div>
<div class="nbr-mostread"><h2>{ui["most_read"]}</h2><ol>
{most_read_list(page)}
</ol></div>
<div class="nbr-newsletter"><h2>Capital Letter</h2><p>{e(NEWSLETTER_TEXT["en"])}</p>
<input type="email" placeholder="{ui["email"]}"><button>{ui["subscribe"]}</button></div>
</aside>
</div>
</div>
<footer class="nbr-footer"><nav><a href="/about">{ui["about"]}</a> <a href="/contact">{ui["contact"]}</a>
<a href="/advertise">{ui["advertise"]}</a> <a href="/terms">{ui["terms"]}</a> <a
href="/privacy">{ui["privacy"]}</a>
<a href="/cookies">{ui["cookies"]}</a></nav>
<p>&copy; {page.when.year} Northgate Media Group LLC. Market data delayed by at least 15 minutes.</p></footer>
</body>
</html>
"""


# --------------------------------------------------------------------------------- The Valley Sentinel
def render_valley(page: Page) -> str:
    """The Valley Sentinel: an old table layout with <font> tags and unclosed paragraphs."""
    ui = page.ui
    left = "<br>\n".join(
        f'<a href="/{s}/" class="leftnav">{e(SECTION_NAMES[page.language].get(s, s.title()))}</a>'
        for s in page.outlet.sections
    )
    paras = []
    for block in page.blocks:
        text = escape(block.text, quote=False)
        paras.append(f"<p><b>{text}</b>" if block.kind == "heading" else f"<p>{text}")
    body = "\n".join(paras)
    comments = "\n".join(
        f'<tr><td class="cmtname" valign="top"><b>{e(c.user)}</b><br>'
        f'<font size="1">{comment_time(page, i)[:10]}'
        f'</font></td><td class="cmttext">{e(c.text)}</td></tr>'
        for i, c in enumerate(page.comments)
    )
    related = "<br>\n".join(f'&raquo; <a href="{e(u)}">{e(t)}</a>' for t, u in page.related)
    mostread = "<br>\n".join(
        f'{i + 1}. <a href="/archives/{slugify(t)}.html">{e(t)}</a>'
        for i, t in enumerate(most_read_titles(page))
    )
    note = f'<font class="syndication"><i>{e(page.note)}</i></font><br>' if page.note else ""
    sitename = "El Centinela del Valle" if page.language == "es" else "The Valley Sentinel"
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"
"http://www.w3.org/TR/html4/loose.dtd">
<html lang="{page.language}">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{e(sitename)} - {e(page.title)}</title>
<meta name="description" content="{e(page.description)}">
<meta name="keywords" content="{e(page.section_name)}, Willamette Valley, Oregon, news">
<meta name="date" content="{page.published[:10]}">
<meta property="article:published_time" content="{page.published}">
<meta property="og:url" content="{e(page.url)}">
<meta property="og:title" content="{e(page.title)}">
<link rel="canonical" href="{e(page.url)}">
<link rel="stylesheet" type="text/css" href="/styles/sentinel.css">
<script type="text/javascript" src="/js/jquery-1.4.2.min.js"></script>
<script type="text/javascript">
var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-1187331-1']); _gaq.push(['_trackPageview']);
</script>
</head>
<body bgcolor="#ffffff" topmargin="0" leftmargin="0">
<div id="cookie-notice"
style="background:#ffd;padding:4px;font-size:11px">{e(COOKIE_TEXT["es" if page.language == "es" else "en"])}
<a href="javascript:void(0)" onclick="this.parentNode.style.display='none'">[{ui["accept"]}]</a></div>
<table width="980" border="0" cellpadding="0" cellspacing="0" align="center">
<tr><td colspan="3"><a href="/"><img src="/images/masthead.gif" width="980" height="110" border="0"
alt="{e(sitename)} - Serving the Mid-Willamette Valley since 1921"></a></td></tr>
<tr><td colspan="3" class="navbar" bgcolor="#1d3a5f"><font color="#ffffff" size="2">
<a href="/" class="navlink">{ui["home"]}</a> | <a href="/news/" class="navlink">News</a> |
<a href="/sports/" class="navlink">Sports</a> | <a href="/obituaries/" class="navlink">Obituaries</a> |
<a href="/classifieds/" class="navlink">Classifieds</a> | <a href="/es/" class="navlink">En Español</a> |
<a href="/contact/" class="navlink">{ui["contact"]}</a></font></td></tr>
<tr>
<td width="160" valign="top" class="leftcol" bgcolor="#eef2f7">
<font size="2"><b>{ui["topics"]}</b><br>
{left}
<br><br><b>Weather</b><br>Corvallis: 54&deg;F, showers<br>Albany: 55&deg;F, cloudy</font>
<form action="/search.php" method="get"><input type="text" name="q" size="12">
<input type="submit" value="{ui["search"]}"></form>
</td>
<td width="600" valign="top" class="maincol">
<font size="1" class="crumbs">
<a href="/">{ui["home"]}</a> &gt; <a href="/{page.section}/">{e(page.section_name)}</a></font><br>
<font class="headline" size="5" face="Georgia"><b>{e(page.title)}</b></font><br>
<font class="byline" size="2">{ui["by"]} {e(page.author)} | {ui["published"]}
{page.human_date("us")}</font><br>
{note}
<font size="1">
<a href="javascript:window.print()">{ui["print"]}</a> | <a href="/email.php">Email this story</a></font>
<div class="articletext">
{body}
</div>
<hr size="1" noshade>
<font size="2"><b>{ui["related"]}:</b><br>
{related}</font>
<hr size="1" noshade>
<font size="2"><b>{ui["comments"]}</b></font>
<table width="100%" cellpadding="4" cellspacing="0" border="0" class="comments">
{comments}
</table>
<font size="1">Comments are the opinions of their authors and not of {e(sitename)}.</font>
</td>
<td width="220" valign="top" class="rightcol">
<div class="ad300"><font size="1">{ui["advert"]}</font><br>
<img src="/ads/hazel-hardware-300x250.gif" width="300" height="250"
alt="Hazel Hardware - Spring Sale"></div>
<br><font size="2"><b>{ui["most_read"]}</b><br>
{mostread}</font>
<br><br><div class="newsbox"><b>{ui["newsletter"]}</b><br>
<font size="1">{e(NEWSLETTER_TEXT[page.language])}</font>
<form><input type="text" name="email" size="18"><input type="submit" value="{ui["subscribe"]}"></form></div>
</td></tr>
<tr><td colspan="3" class="footer" align="center"><font size="1">
<a href="/about/">{ui["about"]}</a> | <a href="/advertise/">{ui["advertise"]}</a> | <a
href="/privacy/">{ui["privacy"]}</a>
| <a href="/terms/">{ui["terms"]}</a><br>
Copyright &copy; 1997-{page.when.year} Valley Sentinel Publishing Co., 318 SW Madison Ave., Corvallis,
OR 97333.
{ui["rights"]}</font></td></tr>
</table>
</body>
</html>
"""


# ------------------------------------------------------------------------------------ Continental Post
def render_continental(page: Page) -> str:
    """Continental Post: a modern wrapper-heavy layout with hashed class names and a hydration blob."""
    if page.variant == "amp":
        return render_continental_amp(page)
    ui = page.ui
    lang_prefix = "" if page.language == "en" else f"/{page.language}"
    nav = "".join(
        f'<li class="css-1q2w3e"><a class="css-9i8u7y" data-testid="nav-link" href="{lang_prefix}/{s}">'
        f"{e(SECTION_NAMES[page.language].get(s, s.title()))}</a></li>"
        for s in page.outlet.sections
    )
    inserts = {
        4: '<div class="css-ad01" data-testid="ad-slot"><div class="css-ad02"><span class="css-ad03">'
        f'{ui["advert"]}</span><div id="ad-inarticle-1" style="min-height:280px"></div></div></div>',
    }
    if len(page.blocks) > 9:
        inserts[8] = (
            f'<div class="css-nl01" data-testid="newsletter-inline">'
            f'<p class="css-nl02">{ui["newsletter"]}</p>'
            f'<form class="css-nl03"><input type="email" placeholder="{ui["email"]}">'
            f'<button>{ui["subscribe"]}</button>'
            "</form></div>"
        )
    body = body_html(
        page.blocks,
        p='<div class="css-73jd5k" data-component="text-block"><p class="css-83cqas">{}</p></div>',
        h='<div class="css-h2w8s1" data-component="subheadline"><h2 class="css-a1b2c3">{}</h2></div>',
        quote='<div class="css-q1w2e3" data-component="quote">'
        '<blockquote class="css-bq0001"><p>{}</p></blockquote></div>',
        link=lambda label, text: f"{lang_prefix}/topic/{slugify(text)}" if label == "LOC" else None,
        inserts=inserts,
    )
    figure = ""
    if page.image_caption:
        figure = (
            '<div class="css-fig001" data-component="image-block"><figure class="css-fig002">'
            '<div class="css-fig003">'
            f'<img src="https://images.continentalpost.eu/{number(page.url, 1000000, 9999999)}/1024.webp" '
            'alt="" class="css-img001"></div><figcaption class="css-cap001"><span class="css-cap002">'
            f"{e(page.image_caption)}</span>"
            '<span class="css-cap003">Photo: Continental Post</span></figcaption>'
            "</figure></div>"
        )
    related = "".join(
        f'<li class="css-rel002"><a class="css-rel003" href="{e(u)}">'
        f'<span class="css-rel004">{e(t)}</span></a></li>'
        for t, u in page.related
    )
    mostread = "".join(
        f'<li class="css-mr002"><span class="css-mr003">{i + 1}</span><a href="{lang_prefix}/{page.section}/'
        f'{slugify(t)}">{e(t)}</a></li>'
        for i, t in enumerate(most_read_titles(page))
    )
    comments = "".join(
        f'<div class="css-cm001" data-testid="comment"><div class="css-cm002">'
        f'<span class="css-cm003">{e(c.user)}'
        f'</span><time class="css-cm004" datetime="{comment_time(page, i)}">'
        f"{comment_time(page, i)[11:16]}</time>"
        f'</div><div class="css-cm005"><p>{e(c.text)}</p></div><div class="css-cm006">'
        f'<button>{ui["reply"]}</button>'
        f"<span>{c.likes}</span></div></div>"
        for i, c in enumerate(page.comments)
    )
    next_data = {
        "props": {
            "pageProps": {
                "id": number(page.url, 100000, 999999),
                "section": page.section,
                "headline": page.title,
                "locale": page.language,
            }
        },
        "page": "/[section]/[slug]",
        "buildId": "cp-2024.3.18-7f1c2",
    }
    return f"""<!DOCTYPE html>
<html lang="{page.language}" class="no-js">
<head>
{head_common(page, "Continental Post", " | ")}
<meta property="og:locale" content="{ {"en": "en_GB", "de": "de_DE", "es": "es_ES"}[page.language] }">
<link rel="alternate" hreflang="en" href="https://www.continentalpost.eu/">
<link rel="alternate" hreflang="de" href="https://www.continentalpost.eu/de/">
<link rel="amphtml" href="{e(page.url.replace("continentalpost.eu/", "continentalpost.eu/amp/", 1))}">
<style data-emotion="css">.css-73jd5k{{margin:0 auto;max-width:640px}}
.css-83cqas{{font-size:1.125rem;line-height:1.7}}
.css-ad01{{background:#f4f4f4;text-align:center}}.css-1q2w3e{{display:inline-block}}</style>
<script>document.documentElement.className=document.documentElement.className.replace('no-js','js');</script>
</head>
<body>
<div id="__next">
<div class="css-root01">
<div class="css-cb001" role="dialog" aria-modal="true" data-testid="cookie-banner"><div class="css-cb002">
<h2 class="css-cb003">{PRIVACY_TITLE[page.language]}</h2>
<p class="css-cb004">{e(COOKIE_TEXT[page.language])}</p><div class="css-cb005">
<button class="css-btn1">{ui["accept"]}</button>
<button class="css-btn2">{ui["manage"]}</button></div></div></div>
<div class="css-hd001"><header class="css-hd002" data-testid="masthead"><div class="css-hd003">
<a class="css-hd004"
href="{lang_prefix}/" aria-label="Continental Post"><svg class="css-logo" viewBox="0 0 200 30">
<title>Continental Post</title>
</svg></a><div class="css-hd005"><a href="/subscribe" class="css-btn3">{ui["subscribe"]}</a>
<a href="/login" class="css-btn4">
{ui["login"]}</a></div></div><nav class="css-nav001" aria-label="Main"><ul class="css-nav002">{nav}</ul></nav>
</header></div>
<div class="css-pg001"><div class="css-pg002"><main class="css-mn001" id="main-content">
<div class="css-mn002">
<div class="css-bc001" data-testid="breadcrumbs"><a href="{lang_prefix}/">{ui["home"]}</a><span>›</span>
<a href="{lang_prefix}/{page.section}">{e(page.section_name)}</a></div>
<div class="css-hdl01" data-component="headline-block"><h1 class="css-hdl02">{e(page.title)}</h1>
<p class="css-dek001">{e(page.description)}</p></div>
<div class="css-by001" data-component="byline-block"><div class="css-by002"><span class="css-by003">{ui["by"]}
<a href="{lang_prefix}/authors/{slugify(page.author)}">{e(page.author)}</a></span><time class="css-by004"
datetime="{page.published}">{page.human_date()}</time></div>
<div class="css-sh001">{share_links(page, "css-sh002")}</div></div>
{figure}
<div class="css-ab001" data-testid="article-body"><div class="css-ab002">
{body}
</div></div>
<div class="css-tg001"><span>{ui["topics"]}</span>
<a href="{lang_prefix}/{page.section}">{e(page.section_name)}</a></div>
<section class="css-cm000" id="comments" data-testid="comments">
<h2 class="css-cmh01">{ui["comments"]} ({len(page.comments)})</h2>
{comments}
</section>
</div></main>
<aside class="css-as001"><div class="css-mr001"><h2 class="css-mrh01">{ui["most_read"]}</h2>
<ol>{mostread}</ol></div>
<div class="css-ad01"><div id="ad-rail-1" style="min-height:600px"></div></div></aside></div>
<section class="css-rel001"><h2 class="css-relh1">{ui["related"]}</h2>
<ul class="css-relul">{related}</ul></section>
</div>
<footer class="css-ft001"><div class="css-ft002"><ul class="css-ft003"><li>
<a href="/about">{ui["about"]}</a></li>
<li><a href="/contact">{ui["contact"]}</a></li><li><a href="/terms">{ui["terms"]}</a></li>
<li><a href="/privacy">{ui["privacy"]}</a></li><li>
<button class="css-ft004">{ui["cookies"]}</button></li></ul>
<p class="css-ft005">&copy; {page.when.year} Continental Post SA, Brussels. {ui["rights"]}</p></div></footer>
</div>
</div>
<script id="__NEXT_DATA__"
type="application/json">{json.dumps(next_data, ensure_ascii=False, sort_keys=True)}</script>
<script src="/_next/static/chunks/main-3f9c1d2e.js" async></script>
</body>
</html>
"""


def render_continental_amp(page: Page) -> str:
    """Continental Post's AMP page: the same story, AMP boilerplate and components."""
    paras = "\n".join(
        f"<h2>{escape(b.text, quote=False)}</h2>"
        if b.kind == "heading"
        else f"<p>{escape(b.text, quote=False)}</p>"
        for b in page.blocks
    )
    related = "\n".join(f'<li><a href="{e(u)}">{e(t)}</a></li>' for t, u in page.related)
    return f"""<!doctype html>
<html ⚡ lang="en">
<head>
<meta charset="utf-8">
<title>{e(page.title)} | Continental Post</title>
<link rel="canonical" href="{e(page.url)}">
<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
<meta property="og:url" content="{e(page.url)}">
<meta property="article:published_time" content="{page.published}">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-analytics"
src="https://cdn.ampproject.org/v0/amp-analytics-0.1.js"></script>
<script async custom-element="amp-consent" src="https://cdn.ampproject.org/v0/amp-consent-0.1.js"></script>
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;
animation:-amp-start 8s
steps(1,end) 0s 1 normal
both}}@keyframes -amp-start{{from{{visibility:hidden}}to{{visibility:visible}}}}</style>
<noscript><style amp-boilerplate>body{{-webkit-animation:none;animation:none}}</style></noscript>
<style amp-custom>body{{font-family:sans-serif}}.amp-header{{background:#0b1f3a;color:#fff}}</style>
</head>
<body>
<amp-consent id="consent" layout="nodisplay"><div class="amp-consent-ui">{e(COOKIE_TEXT["en"])}
<button on="tap:consent.accept">{page.ui["accept"]}</button></div></amp-consent>
<header class="amp-header"><a href="https://www.continentalpost.eu/">Continental Post</a>
<a href="{e(page.original_url or page.url)}">View full site</a></header>
<article>
<h1>{e(page.title)}</h1>
<p class="standfirst">{e(page.description)}</p>
<p class="byline">{page.ui["by"]} {e(page.author)} · <time
datetime="{page.published}">{page.human_date()}</time></p>
<amp-img src="https://images.continentalpost.eu/{number(page.url, 1000000, 9999999)}/640.webp"
width="640" height="360"
layout="responsive" alt=""></amp-img>
{paras}
</article>
<amp-ad width="300" height="250" type="doubleclick" data-slot="/1204/cp/amp"></amp-ad>
<section><h3>{page.ui["related"]}</h3><ul>
{related}
</ul></section>
<footer>&copy; {page.when.year} Continental Post SA. <a
href="https://www.continentalpost.eu/privacy">{page.ui["privacy"]}</a>
</footer>
<amp-analytics type="gtag" data-credentials="include"><script type="application/json">
{{"vars": {{"gtag_id": "G-CP0099", "config": {{"G-CP0099": {{"groups": "default"}}}}}}}}
</script></amp-analytics>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------- outlets
def _date_path(published: str) -> str:
    return published[:10].replace("-", "/")


OUTLETS: dict[str, Outlet] = {
    o.key: o
    for o in (
        Outlet(
            "harbour",
            "The Harbour Ledger",
            "harbour-ledger",
            "www.harbourledger.com",
            ("politics", "business", "sport", "science", "culture", "local", "long-reads"),
            lambda sec, slug, pub, lang: f"https://www.harbourledger.com/{sec}/{_date_path(pub)}/{slug}/",
            render_harbour,
        ),
        Outlet(
            "midland",
            "Midland Daily Courier",
            "midland-courier",
            "www.midlandcourier.co.uk",
            ("local", "politics", "sport", "business", "environment"),
            lambda sec, slug, pub, lang: (
                f"https://www.midlandcourier.co.uk/news/{sec}/{slug}-{number(slug, 2000000, 2999999)}"
            ),
            render_midland,
        ),
        Outlet(
            "northgate",
            "Northgate Business Review",
            "northgate-review",
            "northgatereview.com",
            ("markets", "companies", "technology", "business"),
            lambda sec, slug, pub, lang: f"https://northgatereview.com/{sec}/{slug}",
            render_northgate,
        ),
        Outlet(
            "valley",
            "The Valley Sentinel",
            "valley-sentinel",
            "www.valleysentinel.net",
            ("local", "schools", "agriculture", "sport", "environment"),
            lambda sec, slug, pub, lang: (
                f"https://www.valleysentinel.net/{'es/' if lang == 'es' else ''}"
                f"archives/{_date_path(pub)}/{slug}.html"
            ),
            render_valley,
        ),
        Outlet(
            "continental",
            "Continental Post",
            "continental-post",
            "www.continentalpost.eu",
            ("europe", "politics", "business", "science", "culture", "long-reads"),
            lambda sec, slug, pub, lang: (
                f"https://www.continentalpost.eu/{'' if lang == 'en' else lang + '/'}{sec}/"
                f"{slug}-{number(slug, 100000, 999999):x}"
            ),
            render_continental,
            standfirst_in_text=True,
        ),
    )
}
