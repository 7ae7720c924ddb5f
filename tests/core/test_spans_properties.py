"""Properties of span ↔ tag conversion beyond aligned spans (issue 9): misaligned spans snap outward onto token
boundaries and then round-trip; IOB1 → IOB2 → spans → tags is stable."""

from __future__ import annotations

from hypothesis import assume, given, settings
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

# words with the punctuation blank:en splits off or keeps inside tokens ("U.S.", "Merkel-led", "don't")
WORDS = st.sampled_from(["Angela", "Merkel", "Merkel-led", "U.S.", "don't", "Britishness", "Paris", "(Reuters)",
                         "2024", "e-mail", "co-op", "naïve", "Zoë's", "x", "New", "York", "rock'n'roll"])  # fmt: skip
SEPARATORS = st.sampled_from([" ", "  ", "\n", "\n\n", ", ", " - "])
Tokenizer()("warm up")  # spaCy seeds `random` when it loads: not inside a Hypothesis strategy


@st.composite
def texts(draw):
    words = draw(st.lists(WORDS, min_size=2, max_size=30))
    seps = draw(st.lists(SEPARATORS, min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, seps)).strip()
    _, offsets = Tokenizer()(text)
    return text, offsets


@st.composite
def misaligned_documents(draw):
    """Spans over separate token ranges (a token gap between them), each starting and ending at any character
    inside its first and last token: most of them cut through tokens."""
    text, offsets = draw(texts())
    entities, i = [], 0
    while i < len(offsets):
        if draw(st.booleans()):
            j = min(len(offsets), i + draw(st.integers(1, 3))) - 1
            start = draw(st.integers(offsets[i][0], offsets[i][1] - 1))
            end = draw(st.integers(max(start + 1, offsets[j][0] + 1), offsets[j][1]))
            entities.append(Entity(start, end, draw(st.sampled_from(ENTITY_TYPES)), text[start:end]))
            i = j + 2
        else:
            i += 1
    return text, offsets, entities


@settings(max_examples=300, deadline=None)
@given(misaligned_documents())
def test_misaligned_spans_snap_outward_onto_tokens_and_round_trip(doc):
    text, offsets, entities = doc
    aligned, report = align_entities(text, entities, offsets, "prop")
    starts, ends = {s for s, _ in offsets}, {e for _, e in offsets}
    by_start = sorted(entities, key=lambda e: e.start)
    assert len(aligned) == len(entities)
    for before, after in zip(by_start, aligned):
        assert after.start in starts and after.end in ends  # on token boundaries
        assert after.start <= before.start and after.end >= before.end  # outward
        # the smallest such span: no token boundary between the snapped and the original boundaries
        assert not any(after.start < s <= before.start for s in starts)
        assert not any(before.end <= e < after.end for e in ends)
        assert after.text == text[after.start : after.end] and after.label == before.label
    assert len(report.snapped) == sum(1 for b, a in zip(by_start, aligned) if (b.start, b.end) != (a.start, a.end))
    tags = spans_to_iob2(offsets, aligned)
    assert iob2_to_spans(text, offsets, tags) == aligned
    again, report_again = align_entities(text, aligned, offsets, "prop")  # snapping is idempotent
    assert again == aligned and report_again.snapped == []


@settings(max_examples=300, deadline=None)
@given(texts(), st.data())
def test_any_spans_are_aligned_or_refused_with_a_reason(doc, data):
    """Arbitrary character spans (they may overlap or cover only whitespace): either a clear refusal, or
    token-aligned spans that round-trip."""
    text, offsets = doc
    n = data.draw(st.integers(1, 4))
    entities = []
    for _ in range(n):
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        entities.append(Entity(start, end, data.draw(st.sampled_from(ENTITY_TYPES)), text[start:end]))
    try:
        aligned, _ = align_entities(text, entities, offsets, "prop")
    except (OverlappingSpansError, InvalidSpanError) as exc:
        assert "document prop" in str(exc)
        return
    tags = spans_to_iob2(offsets, aligned)
    assert iob2_to_spans(text, offsets, tags) == aligned


def to_iob1(n_tokens: int, spans: list[tuple[int, int, str]]) -> list[str]:
    """IOB1 as CoNLL-2003 writes it: I- everywhere, B- only on the first token of an entity that directly follows
    another entity of the same type."""
    tags = ["O"] * n_tokens
    prev_end, prev_label = None, None
    for start, end, label in spans:
        for k in range(start, end):
            tags[k] = f"I-{label}"
        if prev_end == start and prev_label == label:
            tags[start] = f"B-{label}"
        prev_end, prev_label = end, label
    return tags


@st.composite
def token_spans(draw):
    n = draw(st.integers(1, 40))
    spans, i = [], 0
    while i < n:
        if draw(st.booleans()):
            j = min(n, i + draw(st.integers(1, 3)))
            spans.append((i, j, draw(st.sampled_from(ENTITY_TYPES))))
            i = j + draw(st.integers(0, 1))  # adjacent entities too: that is where IOB1 needs B-
        else:
            i += 1
    return n, spans


@settings(max_examples=300, deadline=None)
@given(token_spans())
def test_iob1_to_iob2_gives_the_iob2_of_the_same_entities(doc):
    n, spans = doc
    text = " ".join(f"w{k}" for k in range(n))
    offsets, pos = [], 0
    for k in range(n):
        offsets.append((pos, pos + len(f"w{k}")))
        pos += len(f"w{k}") + 1
    entities = [Entity(offsets[s][0], offsets[e - 1][1], label, text[offsets[s][0] : offsets[e - 1][1]])
                for s, e, label in spans]  # fmt: skip
    iob2 = iob1_to_iob2(to_iob1(n, spans))
    assert iob2 == spans_to_iob2(offsets, entities)
    assert iob2_to_spans(text, offsets, iob2) == entities
    assert iob1_to_iob2(iob2) == iob2  # IOB2 input comes back unchanged


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["O", *(f"{p}-{t}" for p in "BI" for t in ENTITY_TYPES)]), max_size=40))
def test_tags_spans_tags_is_stable_from_any_iob1_sequence(tags):
    """Whatever the input sequence (also ill-formed IOB1), after conversion tags → spans → tags is the identity."""
    assume(tags)
    offsets = [(2 * k, 2 * k + 1) for k in range(len(tags))]
    text = " ".join("x" for _ in tags)
    iob2 = iob1_to_iob2(tags)
    spans = iob2_to_spans(text, offsets, iob2)
    assert spans_to_iob2(offsets, spans) == iob2
    assert sum(t.startswith("B-") for t in iob2) == len(spans)
