from __future__ import annotations

import re
import unicodedata

import ftfy
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from gonerd.processing.normalize import first_pass, fix_characters, normalize_text, normalize_whitespace

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
        ("zero\u200bwidth\u2060joined\ufeff soft\u00adhyphen", "zerowidthjoined softhyphen"),
        ("bell\x07 and\x00nul\x1bescape", "bell andnulescape"),
        ("\x93C1 controls are cp1252\x94", "“C1 controls are cp1252”"),  # ftfy: Latin-1-decoded cp1252
        ("\ufeffBOM at start", "BOM at start"),
        ("The Mayorâ€™s office", "The Mayor’s office"),  # mojibake repaired, curly quote kept
        ("“curly” ‘quotes’ stay", "“curly” ‘quotes’ stay"),
        ("&amp;amp; &#8220;x&#8221; &eacute; &lt;b&gt;", "& “x” é <b>"),
        ("AT&T, R&D and ?a=1&para=2 stay", "AT&T, R&D and ?a=1&para=2 stay"),
        ("cafe\u0301 e\u200b\u0301", "café é"),  # NFC, also once the invisible character is gone
        ("ﬁnance", "finance"),
        ("", ""),
        (" \n\t\r\n ", ""),
    ],
)
def test_rules(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_paragraph_convention_on_news_like_text() -> None:
    text = "Title\n\nFirst paragraph.\n\n\n\nSecond  paragraph,\nwrapped.\n"
    assert normalize_text(text) == "Title\n\nFirst paragraph.\n\nSecond paragraph, wrapped."


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
def test_no_content_lost(text: str) -> None:
    """Non-whitespace characters of the character-repaired text come out in the same order.

    ``first_pass`` is entity decoding, invisible/control removal, ftfy and NFC (with whitespace normalised
    first, as ftfy's heuristics look at neighbours). The rare inputs on which ftfy needs a second pass to
    converge are left to ``test_idempotent``.
    """
    repaired = first_pass(text)
    assume(normalize_whitespace(fix_characters(normalize_whitespace(repaired))) == normalize_whitespace(repaired))
    assert _visible(normalize_text(text)) == _visible(repaired)


# Characters ftfy never reads as mojibake in any context: everything but Latin-1/Latin Extended (the
# letters of UTF-8 read as cp1252), the cp1252 punctuation, C1 controls, surrogates and "&" (entities).
CP1252_SPECIALS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
CLEAN_CHARS = st.characters(
    exclude_categories=("Cs",), exclude_characters="&" + CP1252_SPECIALS + "".join(map(chr, range(0x80, 0x250)))
)
CLEAN_DOC = st.lists(st.one_of(st.text(CLEAN_CHARS, max_size=10), st.sampled_from([*SPACES, *NEWLINES, *INVISIBLE])))


@settings(max_examples=300, deadline=None)
@given(CLEAN_DOC.map("".join))
def test_no_content_lost_vs_plain_ftfy_nfc(text: str) -> None:
    """Against an oracle built from ftfy and NFC directly (on text where ftfy has no mojibake to guess at):
    only whitespace, invisible format characters and control characters may differ."""
    fixed = ftfy.fix_text(text.replace("\u2029", "\n\n"), uncurl_quotes=False)
    dropped = {"\u00ad", "\u180e", "\u061c", "\ufeff"} | {chr(c) for c in range(0x200B, 0x2010)}
    dropped |= {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x206A)]}
    dropped |= {chr(c) for c in range(0xFFF9, 0xFFFC)}
    expected = "".join(
        ch for ch in fixed if not ch.isspace() and ch not in dropped and unicodedata.category(ch) != "Cc"
    )
    assert _visible(normalize_text(text)) == unicodedata.normalize("NFC", expected)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*SPACES, *NEWLINES, "word", "x"]), max_size=30).map("".join))
def test_whitespace_only_changes_whitespace(text: str) -> None:
    out = normalize_whitespace(text)
    assert _visible(out) == _visible(text)
    assert normalize_whitespace(out) == out
