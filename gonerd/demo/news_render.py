"""Render the news part of the demo corpus: originals, duplicates and the two non-English pages."""

from __future__ import annotations

from collections.abc import Iterator

from gonerd.demo.boilerplate import COMMENTS, FOREIGN_RELATED, number, pick
from gonerd.demo.markup import Marked, join_blocks, parse
from gonerd.demo.news_articles import NewsArticle, articles, duplicates, foreign_articles
from gonerd.demo.news_templates import OUTLETS, Page


def url_of(article: NewsArticle) -> str:
    """The canonical URL of a story as published (print, AMP and syndicated copies have their own, under
    ``/print/``, ``/amp/`` and ``/syndicated/``: what a build recognises as a copy's URL)."""
    outlet = OUTLETS[article.outlet]
    url = outlet.url_for(article.section, article.slug.removeprefix("print-").removeprefix("amp-"),
                         article.published, article.language)  # fmt: skip
    host = f"https://{outlet.domain}/"
    if article.variant == "print":
        return url.replace(host, f"{host}print/", 1)
    if article.variant == "amp":
        return url.replace(host, f"{host}amp/", 1)
    if article.variant == "syndicated":
        return url.replace(host, f"{host}syndicated/", 1)
    return url


def path_of(article: NewsArticle) -> str:
    return f"news/{OUTLETS[article.outlet].site_slug}/{article.slug}.html"


def related_for(article: NewsArticle, pool: list[NewsArticle]) -> list[tuple[str, str]]:
    """Up to four other stories of the same outlet (and language), as (headline, URL)."""
    if article.language in FOREIGN_RELATED:
        host = f"https://{OUTLETS[article.outlet].domain}/"
        prefix = "de/" if article.language == "de" else ""
        return [(title, f"{host}{prefix}{slug}") for slug, title in FOREIGN_RELATED[article.language]]
    same = [a for a in pool if a.outlet == article.outlet and a.language == article.language]
    others = [a for a in same if a.key.split("-")[:2] != article.key.split("-")[:2]]
    start = number(article.key, 0, max(len(others) - 1, 0))
    ordered = others[start:] + others[:start]
    return [(a.title, url_of(a)) for a in ordered[:4]]


def render_news() -> Iterator[tuple[str, bytes, object]]:
    """(relative path, bytes, DemoDocument) for every news page."""
    from gonerd.demo import make_document

    originals = articles()
    foreign = foreign_articles()
    dups = duplicates(originals)
    pool = originals + foreign
    path_by_key = {a.key: path_of(a) for a in originals + dups}
    # near duplicates: the first version of a story is a duplicate of its update, the longer text a build keeps
    first_versions = {a.duplicate_of: a.key for a in dups if a.duplicate_kind == "near"}
    for article in originals + dups + foreign:
        outlet = OUTLETS[article.outlet]
        parsed = parse(article.body)
        standfirst = Marked.parse(article.description)
        # the reference text: the standfirst too where extraction keeps it (it sits with the headline)
        reference = join_blocks([standfirst.block(), *parsed.blocks] if outlet.standfirst_in_text else parsed.blocks)
        url = url_of(article)
        comment_pool = COMMENTS[article.language]
        comments = pick(article.key, comment_pool, number(article.key, 2, min(5, len(comment_pool))))
        page = Page(
            outlet=outlet,
            url=url,
            title=article.title,
            description=standfirst.text,
            author=article.author,
            published=article.published,
            section=article.section,
            blocks=parsed.blocks,
            language=article.language,
            related=related_for(article, pool),
            comments=comments,
            variant=article.variant,
            modified=article.modified,
            note=article.note,
            image_caption=article.image_caption,
            original_url=url_of(next(a for a in originals if a.key == article.duplicate_of))
            if article.duplicate_of
            else None,
        )
        html = outlet.render(page)
        data = html.encode("utf-8")
        rel = path_of(article)
        kept_path, kind = None, None
        if article.key in first_versions:
            kept_path, kind = path_by_key[first_versions[article.key]], "near"
        elif article.duplicate_kind == "exact" and article.duplicate_of:
            kept_path, kind = path_by_key[article.duplicate_of], "exact"
        doc = make_document(
            key=article.key,
            path=rel,
            kind="news",
            fmt="html",
            language=article.language,
            encoding="utf-8",
            url=url,
            data=data,
            title=article.title,
            published=article.published,
            source=outlet.name,
            text=reference.text,
            entities=reference.entities,
            duplicate_of=kept_path,
            duplicate_kind=kind,
        )
        yield rel, data, doc
