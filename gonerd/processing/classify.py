"""Heuristics for documents whose input says nothing about them: news or legal, and which court.

Used only when neither the configuration, the record (JSONL/WARC manifest) nor the path (a ``news``/``legal``
folder) gives the source type.
"""

from __future__ import annotations

import re

_LEGAL_MARKERS = re.compile(
    r"\b(?:plaintiffs?|defendants?|appellants?|appellees?|petitioners?|respondents?|"
    r"affirm(?:ed)?|revers(?:e|ed)|remand(?:ed)?|judgment|jurisdiction|statute|"
    r"opinion of the court|dissenting|concurring|cert(?:iorari)?|docket|pursuant to)\b|§|\bv\.\s",
    re.IGNORECASE,
)
_COURT_LINE = re.compile(
    r"^(?:(?:the|in the)\s+)?((?:[A-Z][\w.'’-]*\s+){0,8}COURT(?:\s+OF\s+[\w.'’ -]{2,60})?)\s*$",
    re.IGNORECASE,
)
LEGAL_MARKERS_PER_1000_WORDS = 6.0  # opinions we checked score 15-40; news about courts 1-5


def looks_legal(text: str) -> bool:
    sample = text[:20000]
    words = max(1, len(sample.split()))
    return len(_LEGAL_MARKERS.findall(sample)) * 1000 / words >= LEGAL_MARKERS_PER_1000_WORDS


_SMALL_WORDS = {"of", "the", "for", "and", "in", "at", "on", "to"}


def _title_case(name: str) -> str:
    words = name.lower().split()
    return " ".join(w if i and w in _SMALL_WORDS else w.capitalize() for i, w in enumerate(words))


def guess_court(text: str) -> str | None:
    """The first short line that names a court (e.g. ``SUPREME COURT OF THE STATE OF NEW YORK``)."""
    for line in text[:5000].splitlines()[:60]:
        line = line.strip()
        if 8 <= len(line) <= 100:
            match = _COURT_LINE.match(line)
            if match and "court" in line.lower():
                name = " ".join(match.group(1).split())
                return _title_case(name) if name.isupper() else name
    return None
