"""Court opinions as hard-wrapped plain text (or text extracted from court pages) → clean paragraphs.

:func:`clean_legal_text` returns paragraphs separated by ``"\\n\\n"`` with no newline inside a paragraph;
pass the result to :func:`gonerd.processing.normalize.normalize_text` afterwards (that order is the one
the pipeline uses and is tested). The rules, in the order they run:

**Page furniture** (each removed line becomes a *page boundary*, see reflow below)

1. Form feeds are page boundaries.
2. E-filing stamps: ``Case 1:19-cv-01234-ABC Document 45 Filed 03/02/20 Page 3 of 27 PageID #: 9``,
   ``USCA Case #96-7043 Document #1234 Filed: 03/02/2020 Page 4 of 20``, ``Appellate Case: ...
   Document: ... Page: 3``, ``Case: 19-30088 Document: 00515 Page: 3 Date Filed: ...``, ``Case:
   23-35187, 03/21/2024, ID: 12871133, DktEntry: 52-1, Page 2 of 2``; slip-opinion and reporter heads
   (``Cite as: 590 U. S. ____ (2020)``, ``Cite as 332 Or App 455 (2024)``) and ``(Continued on the next
   page)``.
3. Page numbers alone on a line: ``12``, ``- 12 -``, ``— 12 —``, ``Page 12``, ``Page 3 of 27``,
   ``3 of 27``, lower-case roman numerals (``iv``).
4. Running heads: a short line (2+ words, at most 100 characters) that recurs, comparing lines with
   their digits masked (``SMITH v. JONES 3`` = ``SMITH v. JONES 4``): when every occurrence (2+) is the
   text line right before or after a page boundary or the document's first or last line, and at least one
   is at a page boundary; when it recurs 3+ times and at least two occurrences are at a page boundary; or
   when it recurs 3+ times, each time alone between blank lines, with a number that changes. A page's
   first or last line that starts or ends with a page number set off by 5+ spaces is a running head even
   once (``456        Kessler v. Northbrook Mutual Ins. Co.``).
5. Pleading-paper line numbers: a number 1-99 at the start of a line that belongs to a run of at least
   five lines numbered consecutively (``1``, ``2``, ``3``, ...; the run restarts on every page; once a
   document has such a run, a shorter run from 1 counts too: a short last page) is blanked (replaced by
   spaces, so indentation is kept); a line holding nothing but such a number is a blank line. Numbers
   that do not form such a run (``12 U.S.C. § 1``) are text. This runs before rule 3.
6. Star paging (``[*2]``) inside the text is removed.
7. Lines without a letter or digit (``* * *``, ``_____``, a stray ``?``) are blank lines.

**Reflow** (only when the text is hard-wrapped: 90 % of its lines are at most 120 characters; otherwise
every line is a paragraph, as in text extracted from HTML or one-paragraph-per-line files)

8. A blank line ends a paragraph, except in *double-spaced* text (half of consecutive text lines one
   blank line apart, at most 20 % adjacent, and most of those lines full-width and mid-sentence), where a
   single blank line is just the line spacing.
9. In text whose paragraphs start with an indented first line (*indent style*), a gap of blank lines
   before a non-indented line is a page-break artefact when the line before runs to the margin and does
   not end a sentence (``... Wender v. United Services Auto. Ass'n, 434`` / gap / ``A.2d 1372``): the
   lines are joined.
10. Across a page boundary, in indent style, lines are joined unless the next one is indented (a new
    paragraph or block quote) or the line before is short (rule 11); otherwise they are joined when the
    first neither ends a sentence nor is short, or the next starts in lower case.
11. Between consecutive lines: a line indented 2+ columns more than the previous one starts a paragraph
    (first-line indent, start of a block quote); a return to a shallower indentation after two or more
    lines at the deeper one ends the block quote; a short line (under 60 % of the text width, not ending
    with a hyphen or dash) ends its paragraph unless the next line starts in lower case (only last lines,
    captions, signature blocks and addresses stop that far from the margin).
12. Headings stay paragraphs of their own: short all-capital lines (``OPINION``, ``FINDINGS OF FACT``),
    short centred lines standing alone between blank lines (captions, ``I. Background``), outline
    headings (``I.``, ``B. Standard of Review``) that are short, follow a blank line and are followed by a
    break or an indented line, and tabular lines with a gap of 5+ spaces inside (``v.      Civil Action
    No. 19-1234``).

**Joining lines** (inside a paragraph)

13. De-hyphenation: ``inter-`` + ``national`` → ``international`` when the hyphen follows a lower-case
    letter and the next line starts with a lower-case letter; but the hyphen is kept (no space) when the
    document spells the compound with a hyphen elsewhere and never as one word (``attorney-`` + ``client``
    → ``attorney-client``) or the first part is a prefix that keeps its hyphen (``self-``, ``ex-``,
    ``quasi-``, ``cross-``). A line-end hyphen before a capital or a digit stays, without a space
    (``Mid-`` + ``Atlantic`` → ``Mid-Atlantic``, ``pre-`` + ``1990`` → ``pre-1990``); so do dashes
    (``--``, ``—``) glued to the word before them. A soft hyphen at a line end joins the parts; the
    Unicode hyphen U+2010 follows the rules of ``-``.
14. Otherwise lines are joined with one space; runs of spaces and tabs inside a paragraph become one
    space.

All patterns are line-anchored with bounded quantifiers (no catastrophic backtracking); the work is
linear in the number of lines.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["clean_legal_text"]

WRAPPED_MAX_WIDTH = 120  # text whose 90th-percentile line is longer is not hard-wrapped
MIN_PLEADING_RUN = 5  # consecutive line numbers needed to call them pleading-paper numbering
MIN_RUNNING_HEAD_COUNT = 3  # occurrences of the same short line to call it a running head
SHORT_LINE_SHARE = 0.6  # a line shorter than this share of the text width may end a paragraph
HEADING_MAX_CHARS = 80
KEEP_HYPHEN_PREFIXES = frozenset({"self", "ex", "quasi", "cross"})

_FILING_STAMP = re.compile(
    r"\s*(?:USCA\d*\s+|Appellate\s+)?Case\b[^\n]{0,200}?\b(?:Document|DktEntry)\b[^\n]{0,200}?\b(?:Page|Filed)\b[^\n]{0,120}",
    re.IGNORECASE,
)
_OTHER_FURNITURE = re.compile(
    r"\s*(?:Cite\s+as:?\s[^\n]{0,100}|\(?\s*continued\s+(?:on\s+(?:the\s+)?next\s+page|on\s+page\s+\d{1,4})"
    r"\s*\)?\.?)\s*",
    re.IGNORECASE,
)
# a well-formed roman numeral up to 399 ("civil", "ill" or "mix" spelled with numeral letters are words, not numbers)
_ROMAN = r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_PAGE_NUMBER = re.compile(
    r"\s*(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?\s*|\s*(?:page|pg\.?)\s+\d{1,4}(?:\s+of\s+\d{1,4})?\s*"
    r"|\s*\d{1,4}\s+of\s+\d{1,4}\s*|\s*" + _ROMAN + r"\s*",
    re.IGNORECASE,
)
_PAGE_NUMBER_ROMAN_LOWER = re.compile(r"\s*" + _ROMAN + r"\s*")
_PLEADING_NUMBER = re.compile(r"[ \t]{0,8}(\d{1,2})(?=[ \t]|$)")
_STAR_PAGE = re.compile(r"(\s?)\[\*{1,2}\d{1,5}\](\s?)")
_ALNUM = re.compile(r"[^\W_]")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_TERMINAL = re.compile(r"""[.!?:]["'”’)\]]*$""")
_OUTLINE_HEADING = re.compile(r"(?:[IVXLC]{1,6}|[A-Z]|\d{1,2})\.(?:\s+\S[^\n]{0,70})?")
_PAGE_HEAD = re.compile(r"\d{1,4} {5,}\S[^\n]{0,100}|[^\n]{0,100}\S {5,}\d{1,4}")
_TABULAR = " " * 5  # a gap this wide inside a line separates columns (caption, signature block)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_LAST_FRAGMENT = re.compile(r"([A-Za-z]+)-$")
_FIRST_WORD = re.compile(r"([a-z]+)")


@dataclass
class _Line:
    text: str  # content without the indentation; "" for blank lines
    indent: int = 0
    page: bool = False  # a page boundary (form feed or removed page furniture), not text
    heading: bool = False

    @property
    def blank(self) -> bool:
        return not self.page and not self.text


@dataclass
class _Doc:
    base: int = 0  # the most common indentation of text lines
    width: int = 80  # 90th percentile of line ends, relative to base
    wrapped: bool = True
    indent_style: bool = False
    double_spaced: bool = False
    hyphenated: set[str] = field(default_factory=set)  # compounds written with a hyphen in the text
    words: set[str] = field(default_factory=set)  # words written without a hyphen


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        for i, segment in enumerate(raw.split("\f")):
            if i:
                lines.append(_Line("", page=True))
            segment = segment.rstrip()
            stripped = segment.lstrip()
            lead = segment[: len(segment) - len(stripped)].expandtabs(8)
            lines.append(_Line(stripped, indent=len(lead)))
    return lines


def _blank_pleading_numbers(lines: list[_Line]) -> None:
    """Rule 5: blank line numbers that count up 1, 2, 3, ... over at least MIN_PLEADING_RUN lines."""
    numbers: list[int | None] = []
    for line in lines:
        match = _PLEADING_NUMBER.match(" " * line.indent + line.text) if line.text else None
        numbers.append(int(match.group(1)) if match else None)
    runs: list[list[int]] = []
    run: list[int] = []
    for index, number in enumerate(numbers):
        if number is None:
            if lines[index].blank:
                continue  # blank lines may sit between numbered ones
            if run:
                runs.append(run)
            run = []
        elif run and number == numbers[run[-1]] + 1:  # type: ignore[operator]
            run.append(index)
        else:
            if run:
                runs.append(run)
            run = [index]
    if run:
        runs.append(run)
    numbered_paper = any(len(r) >= MIN_PLEADING_RUN for r in runs)
    for r in runs:
        # once the paper is numbered, a short last page counts too (its numbering restarts at 1)
        if len(r) >= MIN_PLEADING_RUN or (numbered_paper and len(r) >= 2 and numbers[r[0]] == 1):
            for index in r:
                line = lines[index]
                full = " " * line.indent + line.text
                match = _PLEADING_NUMBER.match(full)
                assert match is not None
                rest = " " * match.end() + full[match.end() :]
                stripped = rest.lstrip()
                line.text, line.indent = stripped, len(rest) - len(stripped)


def _is_page_furniture(text: str) -> bool:
    if len(text) > 300:
        return False
    if _FILING_STAMP.fullmatch(text) or _OTHER_FURNITURE.fullmatch(text):
        return True
    if _PAGE_NUMBER.fullmatch(text):
        # a lone lower-case roman numeral is a page number, a lone "I" or "V" (heading, initial) is not
        return text.strip().isdigit() or not text.strip().isalpha() or bool(_PAGE_NUMBER_ROMAN_LOWER.fullmatch(text))
    return False


def _mark_page_furniture(lines: list[_Line]) -> None:
    """Rules 2-3 and 6-7."""
    for line in lines:
        if not line.text:
            continue
        if _is_page_furniture(line.text):
            line.text, line.page = "", True
            continue
        line.text = _STAR_PAGE.sub(lambda m: " " if (m.group(1) or m.group(2)) else "", line.text).strip()
        if not _ALNUM.search(line.text):
            line.text = ""


def _mark_running_heads(lines: list[_Line]) -> None:
    """Rule 4: short lines recurring at page boundaries (digits masked) are running heads."""

    def key(text: str) -> str:
        return _SPACES.sub(" ", _DIGITS.sub("#", text.lower()))

    candidates = [
        i for i, line in enumerate(lines)
        if line.text and len(line.text) <= 100 and len(line.text.split()) >= 2 and _ALNUM.search(line.text)
    ]  # fmt: skip
    counts = Counter(key(lines[i].text) for i in candidates)
    repeated = {k for k, n in counts.items() if n >= 2}  # linear: lines are grouped by key below
    if not repeated:
        return
    # the text line right before and right after each page boundary, and the first and last text lines
    text_lines = [i for i, line in enumerate(lines) if line.text]
    edges = set(text_lines[:1] + text_lines[-1:])
    near_page: set[int] = set()
    previous_text: int | None = None
    pending_boundary = False
    for i, line in enumerate(lines):
        if line.page:
            if previous_text is not None:
                near_page.add(previous_text)
            pending_boundary = True
        elif line.text:
            if pending_boundary:
                near_page.add(i)
            previous_text, pending_boundary = i, False

    def isolated(i: int) -> bool:
        return all(not (0 <= j < len(lines)) or not lines[j].text for j in (i - 1, i + 1))

    groups: dict[str, list[int]] = {}
    for i in candidates:
        k = key(lines[i].text)
        if k in repeated:
            groups.setdefault(k, []).append(i)
    for i in near_page | edges:  # a reporter's page head, once: "456      Kessler v. Northbrook Mutual"
        if _PAGE_HEAD.fullmatch(lines[i].text):
            lines[i].text, lines[i].page = "", True
    for members in groups.values():
        changing_number = len({tuple(_DIGITS.findall(lines[i].text)) for i in members}) > 1
        at_boundary = sum(i in near_page for i in members)
        if (
            (at_boundary and all(i in near_page or i in edges for i in members))  # a two-page document's footer
            or (len(members) >= MIN_RUNNING_HEAD_COUNT and at_boundary >= 2)
            or (len(members) >= MIN_RUNNING_HEAD_COUNT and changing_number and all(map(isolated, members)))
        ):
            for i in members:
                lines[i].text, lines[i].page = "", True


def _analyse(lines: list[_Line], text: str) -> _Doc:
    doc = _Doc()
    body = [line for line in lines if line.text]
    if not body:
        return doc
    doc.base = Counter(line.indent for line in body).most_common(1)[0][0]
    ends = sorted(max(0, line.indent - doc.base) + len(line.text) for line in body)
    doc.width = max(ends[min(len(ends) - 1, int(0.9 * len(ends)))], 1)
    doc.wrapped = doc.width <= WRAPPED_MAX_WIDTH
    # first-line indentation: an indented line followed by a line at the base column
    first_line_indents = sum(
        1
        for a, b in itertools.pairwise(lines)
        if a.text and b.text and a.indent - doc.base >= 2 and b.indent == doc.base
    )
    doc.indent_style = first_line_indents >= 3
    # double spacing: consecutive text lines mostly one blank line apart, mostly mid-sentence
    gaps: list[tuple[int, _Line]] = []  # (blank lines before the next text line, the line before)
    gap, prev = 0, None
    for line in lines:
        if line.text:
            if prev is not None:
                gaps.append((gap, prev))
            gap, prev = 0, line
        elif not line.page:
            gap += 1
    single = [before for g, before in gaps if g == 1]
    full_mid_sentence = [  # wrapped lines that stop mid-sentence: what double spacing separates
        before for before in single
        if not _TERMINAL.search(before.text) and _rel(before, doc) + len(before.text) >= 0.7 * doc.width
    ]  # fmt: skip
    doc.double_spaced = (
        doc.wrapped
        and doc.width >= 40
        and len(single) >= 0.5 * len(gaps)
        and sum(g == 0 for g, _ in gaps) <= 0.2 * len(gaps)
        and len(full_mid_sentence) >= 0.5 * max(len(single), 1)
    )
    for word in _WORD.findall(text):
        (doc.hyphenated if "-" in word else doc.words).add(word.lower())
    return doc


def _rel(line: _Line, doc: _Doc) -> int:
    return line.indent - doc.base


def _mark_headings(lines: list[_Line], doc: _Doc) -> None:
    """Rule 12."""
    for i, line in enumerate(lines):
        text = line.text
        if not text:
            continue
        if len(text) > HEADING_MAX_CHARS:
            line.heading = _TABULAR in text and len(text) <= 2 * HEADING_MAX_CHARS
            continue
        prev = lines[i - 1] if i else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        prev_break = prev is None or not prev.text or prev.heading
        next_break = nxt is None or not nxt.text
        letters = [c for c in text if c.isalpha()]
        short = len(text) <= SHORT_LINE_SHARE * doc.width
        capitals = len(letters) >= 4 and all(c.isupper() for c in letters)
        capital_heading = capitals and (prev_break or bool(_TERMINAL.search(prev.text)))
        centred = prev_break and next_break and _rel(line, doc) >= 10 and len(text) <= 0.75 * doc.width
        outline = (
            bool(_OUTLINE_HEADING.fullmatch(text)) and short and len(text.split()) <= 8
            and not text.endswith((",", ";"))
            and prev_break
            and (next_break or (nxt is not None and _rel(nxt, doc) > _rel(line, doc)))
        )  # fmt: skip
        line.heading = capital_heading or centred or outline or _TABULAR in text


def _starts_paragraph(prev: _Line, line: _Line, gap: int, page: bool, para: list[_Line], doc: _Doc) -> bool:
    """Rules 8-12: whether ``line`` starts a new paragraph after ``prev`` (same paragraph so far: ``para``)."""
    if prev.heading or line.heading:
        return True
    if not doc.wrapped:
        return True
    ends_sentence = bool(_TERMINAL.search(prev.text))
    # only a paragraph's last line stops well short of the margin (or a line of a caption, a signature
    # block, an address); a lower-case start means the line was cut short by a long word after all
    short = (
        _rel(prev, doc) + len(prev.text) < SHORT_LINE_SHARE * doc.width
        and not prev.text.endswith(("-", "—", "–", "\u00ad", "\u2010"))
        and not line.text[0].islower()
    )
    if page:
        if doc.indent_style:  # paragraphs announce themselves by an indented first line (not a quote's)
            return (_rel(line, doc) >= 2 and abs(_rel(line, doc) - _rel(prev, doc)) > 1) or short
        return (ends_sentence or short) and not line.text[0].islower()
    if gap and not (doc.double_spaced and gap == 1):
        # rule 9: in indent style, a page break may have left blank lines inside a paragraph
        return not (doc.indent_style and not ends_sentence and not short and _rel(line, doc) < 2)
    # consecutive lines (rule 11)
    if _rel(line, doc) >= _rel(prev, doc) + 2:
        return True
    if _rel(line, doc) <= _rel(prev, doc) - 2:
        return len(para) >= 2 and abs(para[-2].indent - prev.indent) <= 1
    return short


def _joint(left: str, right: str, doc: _Doc) -> tuple[bool, str]:
    """Rules 13-14: how line ``right`` continues line ``left``: (drop left's last character, separator)."""
    if left.endswith("\u00ad"):
        return True, ""
    if left.endswith("\u2010"):  # the Unicode hyphen some PDF converters produce: same rules as "-"
        left = left[:-1] + "-"
    if left.endswith("-") and not left.endswith("--") and len(left) >= 2 and left[-2].isalnum():
        if left[-2].islower() and right[:1].islower():
            first = _LAST_FRAGMENT.search(left[-64:])
            second = _FIRST_WORD.match(right)
            if first and second:
                part1, part2 = first.group(1).lower(), second.group(1)
                compound = f"{part1}-{part2}"
                if part1 in KEEP_HYPHEN_PREFIXES or (compound in doc.hyphenated and f"{part1}{part2}" not in doc.words):
                    return False, ""
            return True, ""
        if right[:1].isalnum():
            return False, ""
    if left.endswith(("--", "—", "–")):
        stem = left[-64:].rstrip("-—–")
        if stem and not stem[-1].isspace():
            return False, ""
    return False, " "


def _paragraphs(lines: list[_Line], doc: _Doc) -> list[str]:
    paragraphs: list[str] = []
    para: list[_Line] = []  # the lines of the current paragraph
    parts: list[str] = []  # its text, built without quadratic string concatenation
    prev: _Line | None = None
    gap, page = 0, False

    def flush() -> None:
        text = _SPACES.sub(" ", "".join(parts)).strip()
        if text:
            paragraphs.append(text)
        parts.clear()
        para.clear()

    for line in lines:
        if line.page:
            page = True
            continue
        if not line.text:
            gap += 1
            continue
        if prev is None or _starts_paragraph(prev, line, gap, page, para, doc):
            flush()
        elif parts:
            drop_last, separator = _joint(parts[-1], line.text, doc)
            if drop_last:
                parts[-1] = parts[-1][:-1]
            parts.append(separator)
        parts.append(line.text)
        para.append(line)
        prev, gap, page = line, 0, False
    flush()
    return paragraphs


def clean_legal_text(text: str) -> str:
    """Court opinion text without page furniture, line numbers and hard wraps (rules in the module docstring).

    Paragraphs are separated by ``"\\n\\n"``; call :func:`gonerd.processing.normalize.normalize_text` next.
    """
    lines = _split_lines(text)
    _blank_pleading_numbers(lines)
    _mark_page_furniture(lines)
    _mark_running_heads(lines)
    doc = _analyse(lines, text)
    _mark_headings(lines, doc)
    return "\n\n".join(_paragraphs(lines, doc))
