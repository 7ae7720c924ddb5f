"""Label Studio results → our character spans, with every region checked.

For each ``labels`` region of an annotation:

1. **Offsets** must lie inside the text. Label Studio's browser counts offsets in UTF-16 code units; Python counts
   code points. They differ after a character outside the Basic Multilingual Plane (emoji, some CJK): offsets that
   only match the region's text once read as UTF-16 are converted (counted as ``utf16_converted``).
2. **Text check**: ``text[start:end] == value.text``. A difference in whitespace only (a line break exported as a
   space, a trailing space in the selection) is repaired: the span keeps its offsets, trimmed of surrounding
   whitespace, and the repair is counted (``whitespace_repaired``). Any other difference is an error naming the
   task, the annotator and the offsets.
3. **Labels** must be entity types of the schema; anything else is an error.

Then one policy for **multi-label and overlapping regions** within one annotation (a flat NER layer, as CoNLL-2003
annotates the outermost entity):

- a region with several labels gives one span per label (so it then conflicts with itself, see below);
- identical spans (same offsets and label) are merged (``duplicates_merged``);
- spans with the same offsets but different labels are a **label conflict**: none of them is kept, and each
  conflict is listed;
- of two overlapping spans the **longer** one is kept (the outermost of nested spans; of crossing spans of equal
  length, the one that starts first) and the other is dropped and listed (``overlaps_dropped``).

Results of other types (relations, text areas, choices) are counted as ignored. Cancelled (skipped) annotations
and drafts never become annotated documents; readers count them.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from typing import Any

from gonerd.errors import UserError
from gonerd.schema import ENTITY_TYPES, Entity


@dataclass
class Problem:
    """One region that was repaired, dropped or rejected, and where it was."""

    kind: str
    task_id: Any
    annotator: str
    start: int | None
    end: int | None
    label: str | None
    detail: str

    def __str__(self) -> str:
        where = f"[{self.start}:{self.end}]" if self.start is not None else "[?]"
        return f"task {self.task_id}, annotator {self.annotator}, region {where} {self.label or ''}: {self.detail}"


@dataclass
class ConversionReport:
    regions: int = 0
    spans: int = 0
    whitespace_repaired: int = 0
    utf16_converted: int = 0
    multi_label_regions: int = 0
    duplicates_merged: int = 0
    ignored_results: Counter = field(default_factory=Counter)
    dropped: list[Problem] = field(default_factory=list)  # label conflicts and overlaps, by the policy above
    repaired: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = {
            "regions": self.regions,
            "spans": self.spans,
            "whitespace_repaired": self.whitespace_repaired,
            "utf16_converted": self.utf16_converted,
            "multi_label_regions": self.multi_label_regions,
            "duplicates_merged": self.duplicates_merged,
            "label_conflicts_dropped": sum(1 for p in self.dropped if p.kind == "label_conflict"),
            "overlaps_dropped": sum(1 for p in self.dropped if p.kind == "overlap"),
            "errors": len(self.errors),
        }
        out.update({f"ignored_{k}": v for k, v in sorted(self.ignored_results.items())})
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "counts": self.counts(),
            "dropped": [asdict(p) for p in self.dropped],
            "repaired": [asdict(p) for p in self.repaired],
            "errors": [asdict(p) for p in self.errors],
        }

    def merge(self, other: ConversionReport) -> None:
        for name in ("regions", "spans", "whitespace_repaired", "utf16_converted", "multi_label_regions",
                     "duplicates_merged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.ignored_results.update(other.ignored_results)
        self.dropped += other.dropped
        self.repaired += other.repaired
        self.errors += other.errors


class ConversionError(UserError, ValueError):
    """Regions that cannot be converted; ``problems`` lists each with task id, annotator and offsets."""

    def __init__(self, source: str, problems: Sequence[Problem]):
        self.problems = list(problems)
        shown = "; ".join(str(p) for p in self.problems[:5])
        more = f"; and {len(self.problems) - 5} more" if len(self.problems) > 5 else ""
        super().__init__(f"{source}: {len(self.problems)} region(s) cannot be converted: {shown}{more}")


def _utf16_to_codepoints(text: str, offset: int) -> int | None:
    """The code-point index of UTF-16 offset ``offset`` in ``text`` (None if it falls inside a surrogate pair)."""
    units = 0
    for i, ch in enumerate(text):
        if units == offset:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > offset:
            return None
    return len(text) if units == offset else None


def codepoints_to_utf16(text: str, offset: int) -> int:
    """The UTF-16 offset Label Studio's browser uses for code-point offset ``offset`` of ``text``."""
    return offset + len(_ASTRAL.findall(text, 0, offset))


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def has_astral(text: str) -> bool:
    """Does ``text`` have a character that takes two UTF-16 code units (where browser and Python offsets part)?"""
    return not text.isascii() and _ASTRAL.search(text) is not None


def _same_but_whitespace(a: str, b: str) -> bool:
    return a != b and " ".join(a.split()) == " ".join(b.split()) and bool(a.strip())


def region_spans(
    text: str, results: Iterable[dict[str, Any]], *, task_id: Any, annotator: str, report: ConversionReport
) -> list[Entity]:
    """The spans of one annotation's ``result`` list: checked, repaired and made flat (see the module doc).
    Problems that make the annotation unusable are appended to ``report.errors``."""
    spans: list[Entity] = []
    astral = has_astral(text)
    for item in results:
        kind = item.get("type")
        if kind != "labels":
            report.ignored_results[str(kind)] += 1
            continue
        report.regions += 1
        value = item.get("value") or {}
        labels = value.get("labels") or []
        start, end, vtext = value.get("start"), value.get("end"), value.get("text")

        first = labels[0] if labels else None

        if not isinstance(start, int) or not isinstance(end, int):
            report.errors.append(Problem("not_text_offsets", task_id, annotator, None, None, first,
                                         f"region has no character offsets ({value!r:.80})"))
            continue
        unknown = [lab for lab in labels if lab not in ENTITY_TYPES]
        if unknown or not labels:
            report.errors.append(Problem("unknown_label", task_id, annotator, start, end,
                                         ",".join(map(str, unknown)) or None,
                                         f"label(s) {unknown or labels} not among {list(ENTITY_TYPES)}"))
            continue
        if astral and (vtext is None or text[start:end] != vtext):
            s16, e16 = _utf16_to_codepoints(text, start), _utf16_to_codepoints(text, end)
            if s16 is not None and e16 is not None and (vtext is None or text[s16:e16] == vtext):
                report.utf16_converted += 1
                start, end = s16, e16
        if not (0 <= start < end <= len(text)):
            report.errors.append(Problem("offsets_outside_text", task_id, annotator, start, end, first,
                                         f"offsets outside the text (length {len(text)})"))
            continue
        found = text[start:end]
        if vtext is not None and found != vtext:
            if _same_but_whitespace(found, vtext):
                report.whitespace_repaired += 1
                report.repaired.append(Problem("whitespace", task_id, annotator, start, end, first,
                                               f"region text {vtext!r} vs text {found!r}"))
            else:
                report.errors.append(Problem("text_mismatch", task_id, annotator, start, end, first,
                                             f"region text {vtext!r} but the text there is {found!r}"))
                continue
        if found[0].isspace() or found[-1].isspace():
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
        if start == end:
            report.errors.append(Problem("whitespace_only", task_id, annotator, start, end, first,
                                         "region covers only whitespace"))
            continue
        if len(labels) > 1:
            report.multi_label_regions += 1
        piece = text[start:end]
        if len(labels) == 1:
            spans.append(Entity(start, end, labels[0], piece))
        else:
            spans.extend(Entity(start, end, lab, piece) for lab in labels)
    flat = flatten(spans, task_id=task_id, annotator=annotator, report=report)
    report.spans += len(flat)
    return flat


def flatten(spans: Sequence[Entity], *, task_id: Any, annotator: str, report: ConversionReport) -> list[Entity]:
    """Apply the multi-label/overlap policy of the module doc; return the kept spans sorted by offset."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    if all(a.end <= b.start for a, b in pairwise(ordered)):
        return ordered  # the common case: nothing repeated, nothing overlapping
    unique: dict[tuple[int, int, str], Entity] = {}
    for span in spans:
        key = (span.start, span.end, span.label)
        if key in unique:
            report.duplicates_merged += 1
        else:
            unique[key] = span
    by_extent: dict[tuple[int, int], list[Entity]] = {}
    for span in unique.values():
        by_extent.setdefault((span.start, span.end), []).append(span)
    candidates = []
    for (start, end), group in by_extent.items():
        if len(group) > 1:
            labels = sorted(s.label for s in group)
            for span in group:
                report.dropped.append(Problem("label_conflict", task_id, annotator, start, end, span.label,
                                              f"same span labelled {labels}: none kept"))
            continue
        candidates.append(group[0])
    kept: list[Entity] = []  # non-overlapping, sorted by start: a new span can only hit its two neighbours
    starts: list[int] = []
    for span in sorted(candidates, key=lambda s: (-(s.end - s.start), s.start)):
        i = bisect.bisect_left(starts, span.start)
        winner = next((k for k in kept[max(0, i - 1) : i + 1] if span.start < k.end and k.start < span.end), None)
        if winner is None:
            kept.insert(i, span)
            starts.insert(i, span.start)
        else:
            report.dropped.append(Problem(
                "overlap", task_id, annotator, span.start, span.end, span.label,
                f"overlaps the longer span [{winner.start}:{winner.end}] {winner.label} {winner.text!r}: dropped"))
    return sorted(kept, key=lambda s: (s.start, s.end))


def entities_to_results(text: str, entities: Iterable[Entity], *, scores: Sequence[float | None] | None = None,
                        prefix: str = "r") -> list[dict[str, Any]]:
    """Label Studio result items for ``entities`` (string region ids, UTF-16 offsets as the browser counts)."""
    from annotation.labeling import FROM_NAME, TO_NAME

    astral = has_astral(text)
    out = []
    for i, ent in enumerate(entities):
        start, end = (codepoints_to_utf16(text, ent.start), codepoints_to_utf16(text, ent.end)) if astral else (
            ent.start, ent.end)
        item: dict[str, Any] = {
            "id": f"{prefix}{i}",
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "value": {"start": start, "end": end, "text": ent.text, "labels": [ent.label]},
        }
        if scores is not None and scores[i] is not None:
            item["score"] = round(float(scores[i]), 4)
        out.append(item)
    return out
