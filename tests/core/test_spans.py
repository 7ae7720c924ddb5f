from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gonerd.schema import ENTITY_TYPES, Entity
from gonerd.spans import (
    InvalidSpanError,
    OverlappingSpansError,
    align_entities,
    iob1_to_iob2,
    iob2_to_spans,
    spans_to_iob2,
)
from gonerd.tokenize import Tokenizer

TEXT = "Angela Merkel met Merkel-led groups in New York.\n\nThe U.N. replied."


def ent(text: str, sub: str, label: str, occurrence: int = 0) -> Entity:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(sub, start + 1)
    return Entity(start, start + len(sub), label, sub)


def test_aligned_spans_give_iob2_and_back():
    tokens, offsets = Tokenizer()(TEXT)
    entities = [ent(TEXT, "Angela Merkel", "PER"), ent(TEXT, "New York", "LOC"), ent(TEXT, "U.N.", "ORG")]
    aligned, report = align_entities(TEXT, entities, offsets, "doc1")
    assert report.snapped == [] and report.trimmed == 0
    tags = spans_to_iob2(offsets, aligned)
    assert [t for t in tags if t != "O"] == ["B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG"]
    assert tokens[tags.index("B-ORG")] == "U.N."
    assert iob2_to_spans(TEXT, offsets, tags) == aligned


def test_misaligned_span_is_snapped_outward_and_reported():
    text = "The Britishness debate."
    _, offsets = Tokenizer()(text)
    aligned, report = align_entities(text, [Entity(4, 11, "MISC", "British")], offsets, "d")
    assert aligned == [Entity(4, 15, "MISC", "Britishness")]
    assert len(report.snapped) == 1 and report.snapped[0].before.text == "British"


def test_whitespace_is_trimmed_and_counted():
    text = "We met  Paris  today."
    _, offsets = Tokenizer()(text)
    aligned, report = align_entities(text, [Entity(6, 15, "LOC", text[6:15])], offsets, "d")
    assert aligned == [Entity(8, 13, "LOC", "Paris")]
    assert report.trimmed == 1


def test_overlapping_spans_raise_with_document_and_both_spans():
    _, offsets = Tokenizer()(TEXT)
    a, b = ent(TEXT, "Angela Merkel", "PER"), ent(TEXT, "Merkel", "PER")
    with pytest.raises(OverlappingSpansError) as info:
        align_entities(TEXT, [a, b], offsets, "doc-42")
    msg = str(info.value)
    assert "doc-42" in msg and "'Angela Merkel'" in msg and "'Merkel'" in msg


def test_snapping_that_creates_an_overlap_raises():
    text = "The Merkel-Macron summit."
    _, offsets = Tokenizer()(text)
    # both names sit inside tokens that snapping makes adjacent, not overlapping: fine
    spans = [ent(text, "Merkel", "PER"), ent(text, "Macron", "PER")]
    aligned, _ = align_entities(text, spans, offsets, "d")
    assert [e.text for e in aligned] == ["Merkel", "Macron"]
    # two spans inside one token do overlap after snapping
    text2 = "The UKbased firm."
    _, offsets2 = Tokenizer()(text2)
    with pytest.raises(OverlappingSpansError):
        align_entities(text2, [Entity(4, 6, "LOC", "UK"), Entity(6, 11, "MISC", "based")], offsets2, "d")


@pytest.mark.parametrize(
    "entity",
    [
        Entity(3, 3, "PER", ""),
        Entity(0, 500, "PER", "x"),
        Entity(0, 3, "PER", "XYZ"),
        Entity(0, 3, "DATE", "The"),
        Entity(3, 5, "PER", "  "),
    ],
)
def test_invalid_spans_raise(entity):
    text = "The  cat."
    _, offsets = Tokenizer()(text)
    with pytest.raises(InvalidSpanError, match="document d7"):
        align_entities(text, [entity], offsets, "d7")


def test_iob1_to_iob2():
    iob1 = ["I-ORG", "O", "I-PER", "I-PER", "B-PER", "I-LOC", "I-MISC", "I-MISC", "O"]
    assert iob1_to_iob2(iob1) == ["B-ORG", "O", "B-PER", "I-PER", "B-PER", "B-LOC", "B-MISC", "I-MISC", "O"]
    iob2 = ["B-PER", "I-PER", "B-PER", "O", "B-LOC"]
    assert iob1_to_iob2(iob2) == iob2


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGH", min_size=1, max_size=8)


@st.composite
def documents(draw):
    """A text of words with random whitespace, and random non-overlapping token-aligned spans."""
    ws = draw(st.lists(words, min_size=1, max_size=40))
    seps = draw(st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", " , "]), min_size=len(ws), max_size=len(ws)))
    text = "".join(w + s for w, s in zip(ws, seps)).rstrip()
    _, offsets = Tokenizer()(text)
    entities = []
    i = 0
    while i < len(offsets):
        if draw(st.booleans()):
            length = draw(st.integers(1, 3))
            j = min(len(offsets), i + length)
            start, end = offsets[i][0], offsets[j - 1][1]
            entities.append(Entity(start, end, draw(st.sampled_from(ENTITY_TYPES)), text[start:end]))
            i = j + draw(st.integers(0, 2))
        else:
            i += 1
    return text, offsets, entities


@settings(max_examples=150, deadline=None)
@given(documents())
def test_property_aligned_spans_roundtrip_through_tags(doc):
    text, offsets, entities = doc
    aligned, report = align_entities(text, entities, offsets, "prop")
    assert report.snapped == []
    tags = spans_to_iob2(offsets, aligned)
    assert len(tags) == len(offsets)
    assert iob2_to_spans(text, offsets, tags) == sorted(entities, key=lambda e: e.start)


def test_the_tokenizer_only_vocabulary_gives_spacy_s_own_tokens():
    """The build tokenises with a blank pipeline whose vocabulary computes no lexical attributes: the tokens are
    those of the ordinary blank pipeline, whitespace tokens left out as spaCy's IS_SPACE leaves them out."""
    from spacy.attrs import IDX, IS_SPACE, LENGTH

    from gonerd.tokenize import load_pipeline

    lean = load_pipeline("blank:en", tokenizer_only=True)
    full = load_pipeline("blank:en")
    assert lean is not full and not lean.vocab.lex_attr_getters and full.vocab.lex_attr_getters
    text = ("U.S. officials don't expect the $3.50 fare (e-mail: info@ex.com, https://ex.com/a?b=1) to rise :-)\n\n"
            "Mr. O'Neill's 5km run\u00a0\u2009—\tin Zürich, 12.03.2024; “quoted” ﬂ ＡＢＣ 北京 \u3000 done.  \n ")
    rows = full.tokenizer(text).to_array([IDX, LENGTH, IS_SPACE]).tolist()
    expected = [(i, i + n) for i, n, space in rows if not space and text[i : i + n].strip()]
    assert Tokenizer().offsets(text) == expected and len(expected) > 30
