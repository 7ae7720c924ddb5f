"""The embedded demo corpus of gonerd: synthetic news pages and court opinions, rendered on demand.

**Everything in this corpus is synthetic.** The articles, opinions, people, companies, clubs, cases and judges
were written for gonerd and are fictional; real countries, cities and well-known institutions appear only as
settings, and no real person or company is described as doing anything. The corpus exists so that
``gonerd build`` (no arguments) can exercise the whole pipeline in seconds on realistic input:

* ``news/<site>/<article>.html``: 22 English stories from five fictional outlets, each outlet with its own markup
  and boilerplate (navigation, cookie banners, share buttons, related links, ads, comments, footers), plus
  three exact duplicates (print, AMP and syndicated copies, whose URLs mark them as copies), three near
  duplicates (the first version of a story that was later republished, updated and longer, under a new URL)
  and a German and a Spanish page that the language filter must drop;
* ``legal/...``: court opinions as court-website HTML pages and as PDF-to-text ``.txt`` files (page headers and
  footers, pleading line numbers, hyphenation, one file in cp1252);
* ``gold.jsonl``: gold entity spans (CoNLL-2003 types) for every English document, keyed by canonical URL (HTML)
  or by :func:`gonerd.schema.document_id` of the file's bytes (plain text).

Offsets refer to each document's *reference clean text*, which is exactly the text ``gonerd build`` stores
for it (``tests/demo`` runs the build's extract → identify → normalise steps on every file and compares):
paragraphs joined by ``"\\n\\n"``, one line per paragraph, hyphenation undone; no headline, boilerplate or
page furniture, but everything of the document itself that the cleaning keeps, all of it annotated: a
Continental Post standfirst, a law report's citation, court, parties and judges, a plain-text opinion's
caption (court, parties, case number; two-column rows read as one line each), counsel, "Before:" line,
notices and footnotes. The texts are written with the inline markup of :mod:`gonerd.demo.markup`, so offsets
are computed, never typed; see :class:`gonerd.demo.legal_templates.Front` for how front matter is laid out.
Python modules only: there are no data files in the package; :func:`render_demo_corpus` writes the files,
byte-identically on every run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from gonerd.schema import Entity, document_id

__all__ = ["DemoDocument", "DemoManifest", "render_demo_corpus"]

TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def count_tokens(text: str) -> int:
    """Words and punctuation marks, roughly what spaCy counts."""
    return len(TOKEN_RE.findall(text))


@dataclass
class DemoDocument:
    """One rendered file of the demo corpus and what the build should make of it."""

    key: str
    path: str  # relative to the corpus root, with "/" separators
    kind: str  # "news" | "legal"
    format: str  # "html" | "txt"
    language: str  # "en" | "de" | "es"
    encoding: str  # "utf-8" | "cp1252"
    url: str | None  # canonical URL (HTML pages)
    id: str  # gonerd.schema.document_id of the file's bytes (what the build gives local files)
    title: str
    published: str | None
    source: str  # outlet or court website
    reference_text: str
    entities: list[Entity]
    num_words: int  # whitespace-separated words of the reference text
    num_tokens: int  # words and punctuation marks (``\\w+|[^\\w\\s]``) of the reference text
    duplicate_of: str | None = None  # path of the document of its group that a build keeps
    duplicate_kind: str | None = None  # "exact" | "near"

    @property
    def expected_kept(self) -> bool:
        """English and not marked as a duplicate: the documents a build keeps. Within each duplicate group
        (:meth:`DemoManifest.duplicate_groups`) that is the one a build prefers: all have gold spans, so the one
        whose URL is not a print/AMP/syndicated copy, then the longest text (an update over its first version)."""
        return self.language == "en" and self.duplicate_of is None

    @property
    def has_gold(self) -> bool:
        """Gold spans are written for every English document (duplicates included)."""
        return self.language == "en"

    def gold_record(self) -> dict:
        """The line of ``gold.jsonl`` for this document."""
        key = {"url": self.url} if self.url else {"id": self.id}
        ents = [{"start": e.start, "end": e.end, "label": e.label, "text": e.text} for e in self.entities]
        return {**key, "entities": ents}


@dataclass
class DemoManifest:
    """Everything :func:`render_demo_corpus` wrote."""

    root: Path
    documents: list[DemoDocument] = field(default_factory=list)
    gold_path: Path | None = None

    def by_path(self, path: str) -> DemoDocument:
        return next(d for d in self.documents if d.path == path)

    def by_key(self, key: str) -> DemoDocument:
        return next(d for d in self.documents if d.key == key)

    @property
    def news(self) -> list[DemoDocument]:
        return [d for d in self.documents if d.kind == "news"]

    @property
    def legal(self) -> list[DemoDocument]:
        return [d for d in self.documents if d.kind == "legal"]

    @property
    def kept(self) -> list[DemoDocument]:
        return [d for d in self.documents if d.expected_kept]

    @property
    def exact_duplicates(self) -> list[DemoDocument]:
        return [d for d in self.documents if d.duplicate_kind == "exact"]

    @property
    def near_duplicates(self) -> list[DemoDocument]:
        return [d for d in self.documents if d.duplicate_kind == "near"]

    @property
    def non_english(self) -> list[DemoDocument]:
        return [d for d in self.documents if d.language != "en"]

    def duplicate_groups(self) -> list[list[DemoDocument]]:
        """Each kept document that has duplicates, followed by its duplicates: a build keeps one per group."""
        groups: dict[str, list[DemoDocument]] = {}
        for doc in self.documents:
            if doc.duplicate_of:
                groups.setdefault(doc.duplicate_of, [self.by_path(doc.duplicate_of)]).append(doc)
        return [groups[k] for k in sorted(groups)]

    def entity_counts(self, kept_only: bool = True) -> dict[str, int]:
        counts = {label: 0 for label in ("PER", "ORG", "LOC", "MISC")}
        for doc in self.kept if kept_only else self.documents:
            for ent in doc.entities:
                counts[ent.label] += 1
        return counts


def _write(root: Path, rel: str, data: bytes) -> None:
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as fh:
        fh.write(data)


def render_demo_corpus(dest: Path) -> DemoManifest:
    """Write the demo corpus under ``dest`` (created if needed; existing files of the same names are replaced,
    other files are left alone) and return its manifest. Deterministic: the same bytes on every run."""
    from gonerd.demo.legal_render import render_legal
    from gonerd.demo.news_render import render_news

    dest = Path(dest)
    manifest = DemoManifest(root=dest)
    for rel, data, doc in [*render_news(), *render_legal()]:
        _write(dest, rel, data)
        manifest.documents.append(doc)
    manifest.documents.sort(key=lambda d: d.path)
    lines = [json.dumps(d.gold_record(), ensure_ascii=False) for d in manifest.documents if d.has_gold]
    gold = "".join(line + "\n" for line in lines).encode("utf-8")
    _write(dest, "gold.jsonl", gold)
    manifest.gold_path = dest / "gold.jsonl"
    return manifest


def make_document(
    *, key: str, path: str, kind: str, fmt: str, language: str, encoding: str, url: str | None, data: bytes,
    title: str, published: str | None, source: str, text: str, entities: list[Entity],
    duplicate_of: str | None = None, duplicate_kind: str | None = None,
) -> DemoDocument:
    """A :class:`DemoDocument` with its id and counts filled in."""
    # local files give the build no URL of their own (a page's canonical link fills `url`, never the id)
    doc_id = document_id(content=data)
    return DemoDocument(
        key=key, path=path, kind=kind, format=fmt, language=language, encoding=encoding, url=url, id=doc_id,
        title=title, published=published, source=source, reference_text=text, entities=list(entities),
        num_words=len(text.split()), num_tokens=count_tokens(text), duplicate_of=duplicate_of,
        duplicate_kind=duplicate_kind,
    )  # fmt: skip
