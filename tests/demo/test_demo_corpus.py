"""The embedded demo corpus: determinism, composition, gold spans, realistic page furniture."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest

from gonerd.demo import DemoManifest, render_demo_corpus
from gonerd.demo.legal_templates import split_word, wrap
from gonerd.demo.markup import parse
from gonerd.schema import ENTITY_TYPES, document_id

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
LABELS = "|".join(ENTITY_TYPES)
LEAK_RES = (re.compile(r"\|(?:" + LABELS + r")\]"), re.compile(r"\[[^\[\]\n]{1,80}\|(?:" + LABELS + r")\b"))
CANONICAL_RE = re.compile(r'<link rel="canonical" href="([^"]+)">')


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def decoded(doc, root: Path) -> str:
    return (root / doc.path).read_bytes().decode(doc.encoding)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[DemoManifest, Path]:
    root = tmp_path_factory.mktemp("demo")
    return render_demo_corpus(root), root


@pytest.fixture(scope="module")
def manifest(rendered) -> DemoManifest:
    return rendered[0]


@pytest.fixture(scope="module")
def root(rendered) -> Path:
    return rendered[1]


@pytest.mark.timeout(60)  # hang guard; speed is not measured in unit tests
def test_rendering_is_deterministic(tmp_path: Path, root: Path) -> None:
    render_demo_corpus(tmp_path / "again")
    first, second = tree_bytes(root), tree_bytes(tmp_path / "again")
    assert list(first) == list(second)
    assert [k for k in first if first[k] != second[k]] == []


def test_written_files_are_the_manifest(manifest: DemoManifest, root: Path) -> None:
    files = set(tree_bytes(root))
    assert files == {d.path for d in manifest.documents} | {"gold.jsonl"}
    assert all(p.startswith(("news/", "legal/")) for p in files - {"gold.jsonl"})
    assert len({d.path for d in manifest.documents}) == len(manifest.documents)
    assert len({d.id for d in manifest.documents}) == len(manifest.documents)


def test_composition(manifest: DemoManifest) -> None:
    news_en = [d for d in manifest.news if d.language == "en" and d.duplicate_of is None]
    assert len(news_en) >= 20
    assert len({d.source for d in news_en}) == 5
    assert len(manifest.legal) >= 10
    assert {d.format for d in manifest.legal} == {"html", "txt"}
    assert len(manifest.exact_duplicates) >= 2
    assert len(manifest.near_duplicates) >= 2
    assert sorted(d.language for d in manifest.non_english) == ["de", "es"]
    assert all(d.kind == "news" and d.format == "html" for d in manifest.non_english)
    assert all(d.num_words >= 400 for d in news_en)


def test_long_documents(manifest: DemoManifest) -> None:
    """At least three kept news stories and three legal documents are over 2,000 tokens (spaCy's, when
    installed: the build's default tokenizer), to exercise long-document handling."""
    try:
        import spacy

        tokenizer = spacy.blank("en").tokenizer
        count = lambda text: len(tokenizer(text))  # noqa: E731
    except ImportError:
        count = lambda text: len(TOKEN_RE.findall(text))  # noqa: E731

    def long(docs) -> list:
        return [d for d in docs if count(d.reference_text) > 2000]

    assert len(long(d for d in manifest.news if d.expected_kept)) >= 3
    assert len(long(d for d in manifest.legal if d.expected_kept)) >= 3
    assert all(d.num_tokens == len(TOKEN_RE.findall(d.reference_text)) for d in manifest.documents)


def test_one_cp1252_file(manifest: DemoManifest, root: Path) -> None:
    cp1252 = [d for d in manifest.documents if d.encoding == "cp1252"]
    assert len(cp1252) == 1
    raw = (root / cp1252[0].path).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    for char in "§‘’“”–":
        assert char in text, char
    for doc in manifest.documents:
        if doc.encoding == "utf-8":
            (root / doc.path).read_bytes().decode("utf-8")


def test_gold_spans_match_reference_text(manifest: DemoManifest) -> None:
    for doc in manifest.documents:
        previous_end = 0
        for ent in sorted(doc.entities, key=lambda e: (e.start, e.end)):
            assert ent.label in ENTITY_TYPES
            assert 0 <= ent.start < ent.end <= len(doc.reference_text)
            assert doc.reference_text[ent.start : ent.end] == ent.text, (doc.path, ent)
            assert ent.text == ent.text.strip()
            assert ent.start >= previous_end, f"overlapping spans in {doc.path}: {ent}"
            previous_end = ent.end
        assert doc.entities or doc.language != "en", doc.path


def test_spans_align_with_the_default_tokenizer(manifest: DemoManifest) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")  # `gonerd build --tokenizer` default
    for doc in manifest.documents:
        tokens = nlp(doc.reference_text)
        misaligned = [e for e in doc.entities if tokens.char_span(e.start, e.end) is None]
        assert misaligned == [], doc.path


def test_entity_density_and_labels(manifest: DemoManifest) -> None:
    counts = manifest.entity_counts()
    assert all(counts[label] > 20 for label in ENTITY_TYPES), counts
    for doc in manifest.news:
        if doc.language == "en":
            assert 4 <= 100 * len(doc.entities) / doc.num_words <= 12, doc.path


def test_reference_text_convention(manifest: DemoManifest) -> None:
    for doc in manifest.documents:
        paragraphs = doc.reference_text.split("\n\n")
        assert all(p and "\n" not in p and p == p.strip() and "  " not in p for p in paragraphs), doc.path


def test_gold_file(manifest: DemoManifest, root: Path) -> None:
    lines = (root / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    by_url = {d.url: d for d in manifest.documents if d.url}
    by_id = {d.id: d for d in manifest.documents if not d.url}
    seen = set()
    for record in records:
        assert set(record) in ({"url", "entities"}, {"id", "entities"})
        doc = by_url[record["url"]] if "url" in record else by_id[record["id"]]
        seen.add(doc.path)
        assert doc.language == "en"
        assert record["entities"] == [
            {"start": e.start, "end": e.end, "label": e.label, "text": e.text} for e in doc.entities
        ]
        if doc.format == "txt":
            assert record["id"] == document_id(content=(root / doc.path).read_bytes())
    assert seen == {d.path for d in manifest.documents if d.language == "en"}


def test_every_html_page_has_its_canonical_url(manifest: DemoManifest, root: Path) -> None:
    for doc in manifest.documents:
        if doc.format != "html":
            assert doc.url is None
            continue
        html = decoded(doc, root)
        assert CANONICAL_RE.findall(html) == [doc.url], doc.path
        assert f'<meta property="og:url" content="{doc.url}">' in html
        assert doc.url.startswith("https://")
        assert doc.id == document_id(content=(root / doc.path).read_bytes())  # a local file: id from its bytes
    assert len({d.url for d in manifest.documents if d.url}) == len([d for d in manifest.documents if d.url])


def test_no_markup_leaks(manifest: DemoManifest, root: Path) -> None:
    for doc in manifest.documents:
        for text in (decoded(doc, root), doc.reference_text, doc.title):
            for leak in LEAK_RES:
                assert not leak.search(text), (doc.path, leak.search(text))


def test_html_pages_hold_the_body_and_the_boilerplate(manifest: DemoManifest, root: Path) -> None:
    from lxml import html as lxml_html

    for doc in manifest.documents:
        if doc.format != "html":
            continue
        tree = lxml_html.fromstring(decoded(doc, root).encode("utf-8"))
        for bad in tree.xpath("//script|//style"):
            bad.drop_tree()
        page_text = " ".join(tree.text_content().split())
        for paragraph in doc.reference_text.split("\n\n"):
            assert paragraph in page_text, (doc.path, paragraph[:80])
        if doc.kind == "news" and "print" not in doc.path and "amp-" not in doc.path:
            assert len(page_text) > len(doc.reference_text) + 1000, doc.path  # navigation, comments, footers...
            lowered = page_text.lower()
            assert "cookie" in lowered or "privacy" in lowered
            assert "<script" in decoded(doc, root)


def test_boilerplate_headlines_are_not_main_text(manifest: DemoManifest, root: Path) -> None:
    from gonerd.demo.boilerplate import COMMENTS, MOST_READ

    boilerplate = [c.text for cs in COMMENTS.values() for c in cs] + [h for hs in MOST_READ.values() for h in hs]
    for doc in manifest.documents:
        for snippet in boilerplate:
            assert snippet not in doc.reference_text
        if doc.kind == "news" and doc.duplicate_kind is None:
            assert doc.title not in doc.reference_text


def test_duplicates(manifest: DemoManifest) -> None:
    groups = manifest.duplicate_groups()
    assert len(groups) == len(manifest.exact_duplicates) + len(manifest.near_duplicates)
    assert all(len(group) == 2 and group[0].duplicate_of is None for group in groups)
    for dup in manifest.exact_duplicates:
        original = manifest.by_path(dup.duplicate_of)
        assert dup.reference_text == original.reference_text
        assert dup.url != original.url
    for dup in manifest.near_duplicates:
        original = manifest.by_path(dup.duplicate_of)
        assert dup.url != original.url and dup.reference_text != original.reference_text
        ratio = difflib.SequenceMatcher(None, original.reference_text, dup.reference_text).ratio()
        assert ratio > 0.85, (dup.path, ratio)
        changed = set(re.split(r"(?<=[.!?])\s+", dup.reference_text)) ^ set(
            re.split(r"(?<=[.!?])\s+", original.reference_text)
        )
        assert 1 <= len(changed) <= 8, (dup.path, changed)  # 1-3 sentences edited or added on each side


def test_languages_are_detectable(manifest: DemoManifest) -> None:
    py3langid = pytest.importorskip("py3langid")
    for doc in manifest.documents:
        assert py3langid.classify(doc.reference_text)[0] == doc.language, doc.path


def test_plain_text_page_furniture(manifest: DemoManifest, root: Path) -> None:
    texts = {d.path: decoded(d, root) for d in manifest.legal if d.format == "txt"}
    assert len(texts) >= 5
    page_header = re.compile(r"^(?:Case:? \S+.*Page (\d+) of (\d+)|.*\bCite as .*\d+|\d+ {3,}\S.*)$", re.M)
    footer = re.compile(r"^(?:Page \d+ – .+|.*\S+ - \d+| {10,}\d+)$", re.M)
    for path, text in texts.items():
        assert page_header.search(text) or footer.search(text), path
        pages = text.split("\f")
        assert len(pages) >= 2, path
        lines = text.splitlines()
        assert max(len(line) for line in lines if not line.startswith(("Case", "\fCase"))) <= 80, path
        assert re.search(r"[a-z]{3,}-\n(?: ?\d{1,2} +)?[a-z]{3,}", text), f"no line-end hyphenation in {path}"
    # ECF headers count their pages: "Page 3 of 19"
    for text in texts.values():
        numbers = [(int(a), int(b)) for a, b in re.findall(r"Page (\d+) of (\d+)", text)]
        if numbers:
            total = numbers[0][1]
            assert [n for n, _ in numbers] == list(range(1, total + 1)) and {t for _, t in numbers} == {total}
    # pleading paper: every page numbers its lines 1..28
    numbered = [t for t in texts.values() if re.search(r"^ 1\n 2\b", t, re.M) or re.search(r"^ 1 ", t, re.M)]
    assert len(numbered) >= 2
    for text in numbered:
        for page in text.split("\f"):
            found = [int(m) for m in re.findall(r"^([ \d]\d)(?: |$)", page, re.M)]
            assert found[:28] == list(range(1, 29)) or found[-28:] == list(range(1, 29))
    # centred headings
    assert sum(bool(re.search(r"^ {10,}(?:[IVX]+\. )?[A-Z][A-Z .]{4,}$", t, re.M)) for t in texts.values()) >= 3


def test_plain_text_hyphenation_is_undone_by_the_reference(manifest: DemoManifest, root: Path) -> None:
    for doc in manifest.legal:
        if doc.format != "txt":
            continue
        text = decoded(doc, root)
        for first, second in re.findall(r"([A-Za-z]+)-\n(?: ?\d{1,2} +)?\s*([a-z]+)", text):
            assert f"{first}{second}" in doc.reference_text or f"{first}-{second}" in doc.reference_text


def test_hyphenation_rules() -> None:
    assert split_word("jurisdiction", 30) == ("jurisdic-", "tion")
    assert split_word("jurisdiction,", 8)[1].endswith(",")
    for word in ("well-known", "Halvorsen", "GORGEGUARD", "short", "(citation", "2023"):
        assert split_word(word, 40) is None
    for word in ("consideration", "refrigeration", "testimony", "paddleboards", "insurance"):
        parts = split_word(word, 40)
        if parts:
            head, tail = parts
            assert head.endswith("-") and len(head) >= 4 and len(tail) >= 3 and head[:-1] + tail == word
    lines = wrap("a " * 10 + "notwithstanding considerable correspondence", 30, 4)
    assert all(len(line) <= 30 for line in lines)


def test_markup_parser() -> None:
    parsed = parse("[Marta Oyelaran|PER] told the [Lisbon|LOC] court.\n\n## A heading\n\n> Quoted [EU|ORG] text")
    assert parsed.text == "Marta Oyelaran told the Lisbon court.\n\nA heading\n\nQuoted EU text"
    assert [(e.text, e.label) for e in parsed.entities] == [("Marta Oyelaran", "PER"), ("Lisbon", "LOC"), ("EU", "ORG")]
    assert [b.kind for b in parsed.blocks] == ["p", "heading", "quote"]
    with pytest.raises(ValueError):
        parse("broken [markup|PER")
    with pytest.raises(ValueError):
        parse("[ spaced |PER] name")


@pytest.fixture(scope="module")
def cleaned(manifest: DemoManifest, root: Path) -> dict[str, dict]:
    """Every file of the corpus through the build's own read → extract → identify → normalise steps (default
    settings, as ``gonerd build`` runs them on the demo corpus): ``{path: {"id", "text", "title"}}``."""
    pytest.importorskip("trafilatura")
    from gonerd.steps.extract import ExtractMainText
    from gonerd.steps.identify import IdentifyDocuments
    from gonerd.steps.normalize import NormalizeText
    from gonerd.steps.read import ReadInputs

    files = [str(root / d.path) for d in manifest.documents]
    docs = NormalizeText().run(IdentifyDocuments().run(ExtractMainText().run(ReadInputs(files).run())))
    out = {}
    for doc in docs:
        rel = Path(doc.metadata["origin"]).relative_to(root).as_posix()
        out[rel] = {"id": doc.id, "text": doc.text, "title": doc.metadata.get("title")}
    return out


def test_reference_text_is_what_the_build_stores(manifest: DemoManifest, cleaned: dict[str, dict]) -> None:
    """The reference text of every document (kept, duplicate or foreign) is, character for character, the text
    the build's cleaning produces: captions, front matter and standfirsts included."""
    assert sorted(cleaned) == sorted(d.path for d in manifest.documents)  # nothing dropped before the filters
    for doc in manifest.documents:
        got = cleaned[doc.path]
        assert got["id"] == doc.id, doc.path
        if got["text"] != doc.reference_text:
            diff = difflib.unified_diff(doc.reference_text.split("\n\n"), got["text"].split("\n\n"), "reference",
                                        "cleaned", n=0, lineterm="")  # fmt: skip
            pytest.fail(f"{doc.path}: the cleaned text is not the reference text\n" + "\n".join(diff))


def test_gold_spans_are_exact_in_the_cleaned_text(manifest: DemoManifest, cleaned: dict[str, dict]) -> None:
    """No gold span needs re-anchoring in a build (``entities_reanchored == 0``, ``entities_not_found == 0``)."""
    from gonerd.annotate import anchor_entities

    for doc in manifest.documents:
        if not doc.has_gold:
            continue
        anchored, report = anchor_entities(cleaned[doc.path]["text"], doc.entities)
        assert (report.reanchored, report.not_found) == ([], []), doc.path
        assert report.exact == len(doc.entities) and anchored == sorted(doc.entities, key=lambda e: (e.start, e.end))


def test_front_matter_and_standfirsts_are_annotated(manifest: DemoManifest) -> None:
    """Names in captions, counsel lines, "Before:" lines and standfirsts carry gold spans like the body's."""
    def spans(key: str, paragraph: int) -> list[tuple[str, str]]:
        doc = manifest.by_key(key)
        start = sum(len(p) + 2 for p in doc.reference_text.split("\n\n")[:paragraph])
        end = start + len(doc.reference_text.split("\n\n")[paragraph])
        return [(e.text, e.label) for e in doc.entities if start <= e.start < end]

    assert spans("legal-halvorsen", 0) == [("UNITED STATES DISTRICT COURT", "ORG")]
    assert spans("legal-halvorsen", 3) == [("HALVORSEN MARINE SUPPLY, INC.", "ORG")]
    assert ("HALVERSEN-CRUZ", "PER") in spans("legal-redfern", 15)
    assert spans("legal-kessler", 10) == [("Hollis B. Marchetti", "PER"), ("Marchetti Law LLC", "ORG")]
    assert spans("legal-pellworth", 3) == [("ELLERY", "PER")]  # "THE HONOURABLE MR JUSTICE" is a title
    assert spans("continental-danube", 0) == [("Vienna", "LOC"), ("Black Sea", "LOC")]
    for doc in manifest.legal:
        if doc.key != "legal-delgado":  # a court's own page: the ruling only (its caption is a table, left out)
            first_three = sum(len(p) + 2 for p in doc.reference_text.split("\n\n")[:3])
            assert doc.entities[0].start < first_three, doc.path  # the court or the parties


def test_duplicate_groups_keep_the_expected_document(manifest: DemoManifest) -> None:
    """The build keeps, per duplicate cluster, a document with gold (all have), then one whose URL is not a
    print/AMP/syndicated copy, then the longest text: that is the manifest's kept document."""
    from gonerd.steps.dedup import COPY_URL

    for group in manifest.duplicate_groups():
        assert all(d.has_gold for d in group)
        ranked = sorted(group, key=lambda d: (bool(COPY_URL.search(d.url or "")), -len(d.reference_text), d.id))
        assert ranked[0] is group[0] and group[0].expected_kept, [d.path for d in group]
        for dup in group[1:]:
            assert not dup.expected_kept
            assert (dup.duplicate_kind == "exact") == bool(COPY_URL.search(dup.url or "")), dup.path
