from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from gonerd.processing.normalize import (
    fix_characters,
    normalize_document,
    normalize_text,
    normalize_whitespace,
    strip_not_text,
)

INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202c\u2066\u2069"
SPACES = " \t\u00a0\u2002\u2003\u2009\u202f\u3000"
NEWLINES = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Hello\u00a0\u00a0world\t!  ", "Hello world !"),
        ("line one\r\nline two", "line one line two"),
        ("para one\r\n\r\n\r\n\r\npara two\rstill two", "para one\n\npara two still two"),
        ("a\n \t \nb\n\n\n\n\nc", "a\n\nb\n\nc"),
        ("line\u2028sep\u2029para", "line sep\n\npara"),
        # invisible format characters are the source's: kept; a BOM inside the text is an artefact: removed
        ("zero\u200bwidth\u2060joined\ufeff soft\u00adhyphen", "zero\u200bwidth\u2060joined soft\u00adhyphen"),
        ("👩\u200d💻 and \u202bbidi\u202c", "👩\u200d💻 and \u202bbidi\u202c"),
        ("bell\x07 and\x00nul\x1b[0mescape", "bell andnulescape"),
        ("\x93C1 controls are cp1252\x94", "“C1 controls are cp1252”"),  # ftfy: Latin-1-decoded cp1252
        ("\ufeffBOM at start", "BOM at start"),
        ("The Mayorâ€™s office", "The Mayor’s office"),  # mojibake repaired, curly quote kept
        ("Schaf, StandardausfÃ¼hrung, weiÃŸ", "Schaf, Standardausführung, weiß"),
        ("“curly” ‘quotes’ stay", "“curly” ‘quotes’ stay"),
        ("&amp;amp; &#8220;x&#8221; &eacute; &lt;b&gt;", "& “x” é <b>"),
        ("AT&T, R&D and ?a=1&para=2 stay", "AT&T, R&D and ?a=1&para=2 stay"),
        ("cafe\u0301 e\u0301", "café é"),  # NFC: canonical composition
        # ligatures, full-width forms and CJK punctuation are correct text: kept as written (issue 8, defect 5)
        ("ﬁnance and the ﬂood", "ﬁnance and the ﬂood"),
        ("东京（日本）：晴，２５度。", "东京（日本）：晴，２５度。"),
        ("Ｆｕｌｌｗｉｄｔｈ ＡＢＣ", "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ"),
        ("", ""),
        (" \n\t\r\n ", ""),
    ],
)
def test_rules(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_paragraph_convention_on_news_like_text() -> None:
    text = "Title\n\nFirst paragraph.\n\n\n\nSecond  paragraph,\nwrapped.\n"
    assert normalize_text(text) == "Title\n\nFirst paragraph.\n\nSecond paragraph, wrapped."


def test_repair_is_reported_and_only_when_needed() -> None:
    assert normalize_document("The Mayorâ€™s office") == ("The Mayor’s office", True)
    assert normalize_document("The Mayor’s ﬂat in 東京") == ("The Mayor’s ﬂat in 東京", False)
    assert normalize_document("plain ascii,\n\nand a paragraph") == ("plain ascii,\n\nand a paragraph", False)
    assert fix_characters("“x” ﬂ") == ("“x” ﬂ", False)


def test_large_input_linear() -> None:
    text = ("The Mayor’s office said “quoted” text.\u00a0 " * 30 + "\r\n\r\n") * 2000
    out = normalize_text(text)
    assert out.count("\n\n") == 1999


# --- properties -------------------------------------------------------------------------------------------

# Text made of what documents contain, with extra weight on whitespace, invisible and control characters,
# combining marks, entities and mojibake fragments.
PIECES = st.sampled_from(
    [*SPACES, *NEWLINES, *INVISIBLE, "\x00", "\x07", "\x1b", "\x7f", "\x9d", "\u0301", "\u0308",
     "&amp;", "&#8217;", "&eacute;", "&", ";", "â€™", "Ã©", "Ã", "Â", "é", "e", "ﬁ", "ｆ", "“", "’",
     "Washington", "Zoë", "東京", "😀", ".", "-"]
)  # fmt: skip
DOC = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


def _convention_ok(out: str) -> bool:
    if out != out.strip() or "\n\n\n" in out:
        return False
    for paragraph in out.split("\n\n") if out else []:
        if not paragraph or "\n" in paragraph or paragraph != paragraph.strip() or "  " in paragraph:
            return False
        if re.search(r"[^\S ]", paragraph):  # tabs, NBSP, ... became plain spaces
            return False
    return True


@settings(max_examples=500, deadline=None)
@given(DOC)
@example("Ã\t©")
@example("a\u2029\u2029b")
def test_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert _convention_ok(once)


def _visible(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


@settings(max_examples=500, deadline=None)
@given(DOC)
def test_nothing_but_whitespace_moves(text: str) -> None:
    """Apart from whitespace, the output is the character-repaired text, in the same order."""
    repaired, _ = fix_characters(normalize_whitespace(strip_not_text(text)))
    assume(normalize_whitespace(fix_characters(normalize_whitespace(repaired))[0]) == normalize_whitespace(repaired))
    assert _visible(normalize_text(text)) == _visible(repaired)


# Characters ftfy never reads as mojibake in any context: everything but Latin-1/Latin Extended (the
# letters of UTF-8 read as cp1252), the cp1252 punctuation, C1 controls, surrogates and "&" (entities).
CP1252_SPECIALS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
CLEAN_CHARS = st.characters(
    exclude_categories=("Cs",), exclude_characters="&" + CP1252_SPECIALS + "".join(map(chr, range(0x80, 0x250)))
)
CLEAN_NEWLINES = [n for n in NEWLINES if n != "\x85"]  # NEL is a C1 control: cp1252's "…" read as Latin-1
CLEAN_DOC = st.lists(
    st.one_of(st.text(CLEAN_CHARS, max_size=10), st.sampled_from([*SPACES, *CLEAN_NEWLINES, *INVISIBLE]))
)
NOT_TEXT = {chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x1C), *range(0x1C, 0x20), 0x7F]} | {
    "\ufeff", "\ufffe", "\uffff"}


@settings(max_examples=300, deadline=None)
@given(CLEAN_DOC.map("".join))
def test_clean_text_keeps_every_character(text: str) -> None:
    """On text with nothing broken, the output holds exactly the input's characters (NFC-composed), apart from
    whitespace and characters that are not text (controls, BOM, non-characters): no ligature, width, quote or
    invisible-character "fix" (issue 8, defect 5)."""
    expected = "".join(ch for ch in text if not ch.isspace() and ch not in NOT_TEXT and ch != "\x1b")
    assert _visible(normalize_text(text)) == unicodedata.normalize("NFC", expected)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*SPACES, *NEWLINES, "word", "x"]), max_size=30).map("".join))
def test_whitespace_only_changes_whitespace(text: str) -> None:
    out = normalize_whitespace(text)
    assert _visible(out) == _visible(text)
    assert normalize_whitespace(out) == out
