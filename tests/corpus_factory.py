"""A small corpus written by the tests: news pages with boilerplate, legal texts, and their gold spans.

Imported by tests as ``corpus_factory`` (``tests/`` is put on ``sys.path`` by the root conftest)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from gonerd.schema import document_id

PEOPLE = ["Marta Oyelaran", "Tomas Brandt", "Ines Varga", "Kofi Mensah", "Lena Sorensen", "Rui Tavares"]
PLACES = ["Lisbon", "Rotterdam", "Nairobi", "Valencia", "Gdansk", "Porto"]
ORGS = ["the European Commission", "Harbour Logistics Ltd", "the World Bank", "Northgate University"]
FILLER = (
    "Officials said the plan had been discussed for months and that residents would be consulted before any "
    "final decision was taken on the budget, the timetable or the routes that the new services would follow."
)


VOCABULARY = [
    "budget", "council", "harbour", "railway", "election", "tariff", "vineyard", "festival", "museum",
    "bridge", "tunnel", "ferry", "school", "hospital", "airport", "stadium", "library", "market", "factory",
    "energy", "solar", "wind", "river", "canal", "orchard", "bakery", "theatre", "gallery", "studio",
    "pension", "housing", "transport", "tourism", "fishing", "shipping", "banking", "mining", "farming",
    "forestry", "research", "teaching", "nursing", "policing", "planning", "zoning", "permit", "licence",
    "contract", "tender", "audit", "inquiry", "hearing", "verdict", "appeal", "ruling", "statute", "clause",
    "amendment", "motion", "petition", "ballot", "quorum", "deficit", "surplus", "levy", "subsidy", "grant",
    "loan", "bond", "dividend", "merger",
]


def _sentence(seed: int, n: int = 18) -> str:
    """A deterministic sentence of ``n`` vocabulary words: keeps the test stories far from being near duplicates."""
    words = [VOCABULARY[(seed * 7919 + j * 104729 + (seed * j) % 97) % len(VOCABULARY)] for j in range(n)]
    return "Reports mentioned " + " ".join(words) + "."


def paragraphs(i: int, n: int = 4) -> list[tuple[str, list[tuple[str, str]]]]:
    """Paragraphs with marked entities: (text, [(mention, label)])."""
    out = []
    for k in range(n):
        person, place, org = PEOPLE[(i + k) % 6], PLACES[(i * 2 + k) % 6], ORGS[(i + 3 * k) % 4]
        org_text = org.removeprefix("the ")
        text = (
            f"{person} arrived in {place} on Tuesday to meet representatives of {org} about story {i} part {k}. "
            f"{_sentence(i * 10 + k)} {person} told reporters that {place} was ready and that {org_text} agreed. "
            f"{_sentence(i * 10 + k + 5000)} {FILLER}"
        )
        out.append((text, [(person, "PER"), (place, "LOC"), (org_text, "ORG"), (person, "PER"), (place, "LOC"),
                           (org_text, "ORG")]))
    return out


def spans_of(body: str, marks: list[tuple[str, str]], offset: int) -> list[dict]:
    spans, pos = [], 0
    for mention, label in marks:
        start = body.index(mention, pos)
        spans.append({"start": offset + start, "end": offset + start + len(mention), "label": label,
                      "text": mention})
        pos = start + len(mention)
    return spans


def news_html(url: str, title: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | The Test Herald</title>
<link rel="canonical" href="{url}"><meta property="article:published_time" content="2024-03-05T09:30:00Z">
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>{title}</h1><p class="byline">By Staff Reporter</p>
{body}
</article>
<aside><h2>Related stories</h2><ul><li><a href="/x">Mayor of Lisbon resigns</a></li>
<li><a href="/y">Rotterdam port strike ends</a></li></ul></aside></main>
<section id="comments"><h3>Comments</h3><div class="comment">Great article, thanks!</div></section>
<footer>© 2024 The Test Herald. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>
"""


@dataclass
class Corpus:
    root: Path
    gold: Path
    expected_texts: dict[str, str] = field(default_factory=dict)  # url or id -> reference text

    @property
    def inputs(self) -> list[str]:
        return [str(self.root / "news"), str(self.root / "legal")]


def write_corpus(root: Path, n_news: int = 10, n_legal: int = 3) -> Corpus:
    (root / "news").mkdir(parents=True)
    (root / "legal").mkdir(parents=True)
    gold_lines, corpus = [], Corpus(root, root / "gold.jsonl")
    for i in range(n_news):
        paras = paragraphs(i)
        texts = [t for t, _ in paras]
        url = f"https://herald.example.com/2024/story-{i}"
        (root / "news" / f"story-{i}.html").write_text(news_html(url, f"Story number {i}", texts))
        entities, offset = [], 0
        for text, marks in paras:
            entities += spans_of(text, marks, offset)
            offset += len(text) + 2
        gold_lines.append({"url": url, "entities": entities, "annotators": ["ann1", "ann2"]})
        corpus.expected_texts[url] = "\n\n".join(texts)
    for j in range(n_legal):
        paras = paragraphs(100 + j, n=5)
        text = "SUPREME COURT OF THE STATE OF TESTLAND\n\n" + "\n\n".join(
            p.replace("told reporters", "testified before the court") for p, _ in paras
        )
        raw = text.encode("utf-8")
        (root / "legal" / f"opinion-{j}.txt").write_bytes(raw)
        doc_id = document_id(content=raw)
        entities = []
        for para, marks in paras:
            para = para.replace("told reporters", "testified before the court")
            entities += spans_of(para, marks, text.index(para))
        gold_lines.append({"id": doc_id, "entities": entities})
        corpus.expected_texts[doc_id] = text
    corpus.gold.write_text("".join(json.dumps(g) + "\n" for g in gold_lines))
    return corpus



def english_page(n: int) -> str:
    """A complete English news page, distinct for each ``n`` (no two are near duplicates)."""
    return news_html(f"https://herald.example.com/page-{n}", f"Page number {n}", [t for t, _ in paragraphs(n)])
