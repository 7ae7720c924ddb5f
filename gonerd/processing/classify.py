"""Heuristics for what the input does not say: is a document news or legal, and which court decided it.

Used only when neither the configuration, the record (JSONL/WARC manifest) nor the path (a ``news``/``legal``
folder) gives the answer.
"""

from __future__ import annotations

import re

_LEGAL_MARKERS = re.compile(
    r"\b(?:plaintiffs?|defendants?|appellants?|appellees?|petitioners?|respondents?|"
    r"affirm(?:ed)?|revers(?:e|ed)|remand(?:ed)?|judgment|jurisdiction|statute|"
    r"opinion of the court|dissenting|concurring|cert(?:iorari)?|docket|pursuant to)\b|§|\bv\.\s",
    re.IGNORECASE,
)
LEGAL_MARKERS_PER_1000_WORDS = 6.0  # opinions we checked score 15-40; news about courts 1-5

# A court's name as a heading: capitalised words ending in COURT(S), optionally "of/for (the) <place>", then the
# end of the paragraph or a comma/semicolon/bracket ("High Court of Justice, Business and Property Courts ...").
_COURT = re.compile(
    r"((?:[A-Za-z][A-Za-z.'’&-]*\s+){0,6}?courts?(?:\s+(?:of|for)\s+(?:the\s+)?[A-Za-z.'’ -]{2,60}?)?)\s*(?=[,;(]|$)",
    re.IGNORECASE,
)
# Caption lines that continue a court's name on the next line
_CONTINUATION = re.compile(
    r"^(?:for the\s+)?(?:(?:northern|southern|eastern|western|central|middle)\s+)?district of [a-z .]+$"
    r"|^for the [a-z .]+ circuit$|^(?:state|commonwealth|county) of [a-z .]+$",
    re.IGNORECASE,
)
_SMALL_WORDS = {"of", "the", "for", "and", "in", "at", "on", "to"}
_LEADING = re.compile(r"^(?:in\s+)?the\s+", re.IGNORECASE)
HEADING_MAX_CHARS = 200
HEADING_PARAGRAPHS = 40


def looks_legal(text: str) -> bool:
    sample = text[:20000]
    words = max(1, len(sample.split()))
    return len(_LEGAL_MARKERS.findall(sample)) * 1000 / words >= LEGAL_MARKERS_PER_1000_WORDS


def _is_heading(words: list[str]) -> bool:
    return bool(words) and words[0].lower() not in _SMALL_WORDS and all(
        w[0].isupper() or w.lower() in _SMALL_WORDS for w in words
    )


def _title_case(name: str) -> str:
    out = []
    for i, word in enumerate(name.split()):
        low = word.lower()
        if "." in word.strip("."):  # U.S., D.C.: abbreviations keep their capitals
            out.append(word.upper())
        elif i and low in _SMALL_WORDS:
            out.append(low)
        else:
            out.append(word.capitalize() if word.isupper() else word)
    return " ".join(out)


def court_in(paragraph: str) -> str | None:
    """The court a heading-like paragraph names, as written (``None`` for body text)."""
    if len(paragraph) > HEADING_MAX_CHARS or "clerk" in paragraph.lower():
        return None
    for match in _COURT.finditer(paragraph):
        name = _LEADING.sub("", " ".join(match.group(1).split()))
        if _is_heading(name.split()):
            return name
    return None


def guess_court(text: str, title: str | None = None) -> str | None:
    """The deciding court: from a title that names a court, else from the first heading-like paragraph of the
    cleaned text that names one (joined with a following caption line such as ``DISTRICT OF OREGON``)."""
    if title and (name := court_in(title)):
        return _title_case(name)
    paragraphs = [p.strip() for p in text[:20000].split("\n\n")][:HEADING_PARAGRAPHS]
    for i, paragraph in enumerate(paragraphs):
        name = court_in(paragraph)
        if name is None:
            continue
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
        if following and len(following) <= 60 and following.isupper():
            if re.search(r"\b(?:of|for)(?: the)?$", name, re.IGNORECASE):
                name = f"{name} {following}"
            elif _CONTINUATION.match(following):
                joiner = " " if following.lower().startswith("for ") else " for the "
                name = f"{name}{joiner}{following}"
        return _title_case(name)
    return None
