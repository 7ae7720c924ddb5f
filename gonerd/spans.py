"""Character spans ↔ tokens ↔ IOB2 tags.

Character spans are the source of truth; tags are derived. The policies (modelled on spaCy's
``offsets_to_biluo_tags``, but reporting instead of warning):

- **Whitespace**: leading/trailing whitespace inside a span is trimmed first.
- **Misaligned boundaries**: a span whose start or end falls inside a token is *snapped outward* to the enclosing
  token boundaries (``"British"`` inside the token ``"Britishness"`` becomes the whole token; ``"Merkel"`` in
  ``"Merkel-led"`` needs nothing, since ``blank:en`` splits it into ``Merkel``, ``-``, ``led``). Every snap is
  recorded in the :class:`AlignmentReport` with the span before and after, and the entity's ``text`` is updated.
  Snapped spans then round-trip through IOB2 tags (property-tested in ``tests/core/test_spans_properties.py``).
- **Spans that cover no token** (only whitespace, or empty) raise :class:`InvalidSpanError`.
- **Overlaps** (two spans sharing a character, before or after snapping) raise :class:`OverlappingSpansError`
  naming the document and both spans: overlapping spans cannot be expressed in IOB2, and which one is right is an
  annotation decision, never a silent one.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from gonerd.schema import ENTITY_TYPES, Entity

Offsets = Sequence[tuple[int, int]]


class SpanError(ValueError):
    """Base class for span problems; the message names the document and the span(s)."""


class InvalidSpanError(SpanError):
    pass


class OverlappingSpansError(SpanError):
    pass


@dataclass
class Snap:
    before: Entity
    after: Entity


@dataclass
class AlignmentReport:
    """What alignment changed: nothing is adjusted without being listed here."""

    snapped: list[Snap] = field(default_factory=list)
    trimmed: int = 0


def _describe(entity: Entity) -> str:
    return f"[{entity.start}:{entity.end}] {entity.label} {entity.text!r}"


def validate_entity(text: str, entity: Entity, doc_id: str) -> None:
    """Raise :class:`InvalidSpanError` unless ``entity`` is a well-formed span of ``text``."""
    if entity.label not in ENTITY_TYPES:
        raise InvalidSpanError(f"document {doc_id}: unknown label {entity.label!r} in span {_describe(entity)}")
    if not (0 <= entity.start < entity.end <= len(text)):
        raise InvalidSpanError(
            f"document {doc_id}: span {_describe(entity)} is empty or outside the text (length {len(text)})"
        )
    if text[entity.start : entity.end] != entity.text:
        raise InvalidSpanError(
            f"document {doc_id}: span {_describe(entity)} does not match the text there "
            f"({text[entity.start : entity.end]!r})"
        )


def check_overlaps(entities: Sequence[Entity], doc_id: str) -> None:
    ordered = sorted(entities, key=lambda e: (e.start, e.end))
    for prev, cur in itertools.pairwise(ordered):
        if cur.start < prev.end:
            raise OverlappingSpansError(
                f"document {doc_id}: overlapping spans {_describe(prev)} and {_describe(cur)}"
            )


def align_entities(
    text: str, entities: Sequence[Entity], offsets: Offsets, doc_id: str
) -> tuple[list[Entity], AlignmentReport]:
    """Trim and snap ``entities`` onto token boundaries; return them sorted, with a report of every change."""
    report = AlignmentReport()
    starts = [s for s, _ in offsets]
    ends = [e for _, e in offsets]
    aligned: list[Entity] = []
    for entity in entities:
        validate_entity(text, entity, doc_id)
        start, end = entity.start, entity.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if (start, end) != (entity.start, entity.end):
            report.trimmed += 1
        # first token ending after `start`, last token starting before `end`
        first = bisect.bisect_right(ends, start)
        last = bisect.bisect_left(starts, end) - 1
        if start >= end or first >= len(offsets) or last < first:
            raise InvalidSpanError(f"document {doc_id}: span {_describe(entity)} covers no token")
        new_start, new_end = min(start, starts[first]), max(end, ends[last])
        fixed = Entity(new_start, new_end, entity.label, text[new_start:new_end])
        if (new_start, new_end) != (start, end):
            report.snapped.append(Snap(before=entity, after=fixed))
        aligned.append(fixed)
    aligned.sort(key=lambda e: (e.start, e.end))
    check_overlaps(aligned, doc_id)
    return aligned, report


def spans_to_iob2(offsets: Offsets, entities: Sequence[Entity], doc_id: str = "?") -> list[str]:
    """IOB2 tags for tokens at ``offsets``. ``entities`` must be aligned (see :func:`align_entities`)."""
    tags = ["O"] * len(offsets)
    starts = [s for s, _ in offsets]
    for entity in entities:
        i = bisect.bisect_left(starts, entity.start)
        if i >= len(offsets) or starts[i] != entity.start:
            raise InvalidSpanError(f"document {doc_id}: span {_describe(entity)} does not start on a token")
        tag = f"B-{entity.label}"
        while i < len(offsets) and offsets[i][1] <= entity.end:
            if tags[i] != "O":
                raise OverlappingSpansError(f"document {doc_id}: span {_describe(entity)} overlaps another span")
            tags[i] = tag
            tag = f"I-{entity.label}"
            i += 1
        if offsets[i - 1][1] != entity.end:
            raise InvalidSpanError(f"document {doc_id}: span {_describe(entity)} does not end on a token")
    return tags


def iob2_to_spans(text: str, offsets: Offsets, tags: Sequence[str]) -> list[Entity]:
    """Character spans from IOB2 tags. An ``I-X`` that does not continue an ``X`` entity starts a new one
    (the lenient reading; use :func:`iob1_to_iob2` first for IOB1 data)."""
    if len(offsets) != len(tags):
        raise ValueError(f"{len(offsets)} tokens but {len(tags)} tags")
    entities: list[Entity] = []
    current: list[int] | None = None  # [start, end]
    label = None
    for (start, end), tag in zip(offsets, tags):
        prefix, _, kind = tag.partition("-")
        if prefix == "I" and current is not None and kind == label:
            current[1] = end
            continue
        if current is not None:
            entities.append(Entity(current[0], current[1], label, text[current[0] : current[1]]))
            current, label = None, None
        if prefix in ("B", "I"):
            current, label = [start, end], kind
        elif tag != "O":
            raise ValueError(f"not an IOB tag: {tag!r}")
    if current is not None:
        entities.append(Entity(current[0], current[1], label, text[current[0] : current[1]]))
    return entities


def iob1_to_iob2(tags: Sequence[str]) -> list[str]:
    """IOB1 (``I-`` starts an entity unless it continues one; ``B-`` only between adjacent same-type entities) to
    IOB2 (every entity starts with ``B-``). IOB2 input comes back unchanged."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out
