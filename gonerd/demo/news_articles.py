"""The news articles of the demo corpus (content modules per outlet) and the duplicates derived from them.

Bodies are written in the inline markup of :mod:`gonerd.demo.markup`. All people, companies, clubs and events
are fictional; real places and well-known institutions appear only as settings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class NewsArticle:
    """One news story: metadata plus its marked-up body."""

    key: str  # unique key inside the corpus
    outlet: str  # key of gonerd.demo.news_templates.OUTLETS
    section: str
    slug: str
    title: str
    description: str  # standfirst, in inline markup (some outlets print it with the headline)
    author: str
    published: str  # ISO 8601 with offset
    body: str  # inline markup, blocks separated by blank lines
    language: str = "en"
    image_caption: str | None = None
    modified: str | None = None
    variant: str = "standard"  # standard | print | amp | syndicated | update
    note: str | None = None  # shown outside the body (syndication or update note)
    duplicate_of: str | None = None  # key of the original story
    duplicate_kind: str | None = None  # "exact" | "near"


@dataclass(frozen=True)
class NearEdit:
    """An "updated" republication: replacements in the marked-up body and paragraphs appended to it."""

    key: str
    original: str
    slug: str
    modified: str
    replacements: tuple[tuple[str, str], ...]
    append: str = ""
    title: str | None = None
    note: str | None = None


def articles() -> list[NewsArticle]:
    """Every English original story (no duplicates), in corpus order."""
    from gonerd.demo import news_continental, news_harbour, news_midland, news_northgate, news_valley

    out: list[NewsArticle] = []
    for module in (news_harbour, news_midland, news_northgate, news_valley, news_continental):
        out.extend(module.ARTICLES)
    return out


def foreign_articles() -> list[NewsArticle]:
    """The two non-English pages that a language filter must drop."""
    from gonerd.demo.news_foreign import ARTICLES

    return list(ARTICLES)


def near_duplicate(original: NewsArticle, edit: NearEdit) -> NewsArticle:
    """Apply a :class:`NearEdit` to an article."""
    body = original.body
    for old, new in edit.replacements:
        if body.count(old) != 1:
            raise ValueError(f"{edit.key}: replacement target must occur exactly once: {old!r}")
        body = body.replace(old, new)
    if edit.append:
        body = body.rstrip() + "\n\n" + edit.append.strip()
    return replace(
        original,
        key=edit.key,
        slug=edit.slug,
        body=body,
        title=edit.title or original.title,
        modified=edit.modified,
        variant="update",
        note=edit.note,
        duplicate_of=original.key,
        duplicate_kind="near",
    )


def duplicates(originals: list[NewsArticle]) -> list[NewsArticle]:
    """The exact duplicates (print, AMP, syndicated copies) and the updated versions, each with the key of the
    story it derives from in ``duplicate_of``. (In the manifest an update is kept and its first version is
    the near duplicate: see :func:`gonerd.demo.news_render.render_news`.)"""
    from gonerd.demo.news_duplicates import EXACT, NEAR

    by_key = {a.key: a for a in originals}
    out: list[NewsArticle] = []
    for key, original_key, variant, outlet, slug, note in EXACT:
        original = by_key[original_key]
        out.append(
            replace(
                original,
                key=key,
                outlet=outlet or original.outlet,
                slug=slug,
                variant=variant,
                note=note,
                section=original.section if outlet in (None, original.outlet) else "business",
                duplicate_of=original.key,
                duplicate_kind="exact",
            )
        )
    for edit in NEAR:
        out.append(near_duplicate(by_key[edit.original], edit))
    return out
