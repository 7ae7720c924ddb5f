"""Unicode and whitespace normalisation of document text, the last cleaning step before annotation.

A dataset keeps the source's characters: only what is broken is repaired. :func:`normalize_text` applies

1. **Bad escapes and non-characters**: complete HTML character references left over from extraction
   (``&amp;``, ``&#8217;``, ``&eacute;``; never ``AT&T`` or ``?a=1&para=2``) are decoded, repeatedly, so
   ``&amp;amp;`` ends as ``&``. Control characters that are not text (C0 other than whitespace, DEL, the C1
   codes cp1252 leaves undefined), a byte-order mark inside the text and the non-characters U+FFFE/U+FFFF are
   removed. Invisible *format* characters of the source (soft hyphen, zero-width joiner in emoji sequences,
   bidi marks, word joiner, invisible separator) are text and stay.
2. **Mojibake** (:func:`fix_characters`): only when ftfy's detector finds text that is bad (``â€™``,
   ``StandardausfÃ¼hrung``), C1 control characters (cp1252 read as Latin-1: ``\\x93`` → ``“``) or
   surrogates, ftfy repairs the encoding, and nothing else: ligatures (``ﬂ``), full-width forms (CJK
   punctuation ``，``), curly quotes and line-break characters stay as written. Then Unicode NFC, the canonical
   composition (``e`` + combining acute → ``é``; compatibility forms are left alone).
3. **Whitespace** (:func:`normalize_whitespace`): CRLF/CR (and U+2028, VT, FF) → LF, U+2029 → a
   paragraph break; every other whitespace character (tab, NBSP, thin/em spaces, ...) → a space; runs of
   spaces collapse to one; lines are stripped. A blank line (a line that is empty after stripping)
   separates paragraphs; **a single newline inside a paragraph becomes a space**: our convention is one
   paragraph per block, and hard-wrapped text is joined the way a browser renders it. Text whose
   paragraphs are one per line must be split by the caller first; court text goes through
   :func:`gonerd.processing.legal.clean_legal_text` (de-hyphenation, reflow) before this. Paragraphs are
   joined with exactly ``"\\n\\n"``; the document has no leading or trailing whitespace.

Whitespace is normalised before ftfy looks at the text too: its heuristics look at neighbours (``Ã`` + space is
``à`` whose NBSP byte became a space), so ftfy must judge the context the output will have. The function is
idempotent (property-tested; a bounded loop repeats steps 2-3 in the rare case where ftfy's repair exposes more
to repair). Cost: ASCII text and clean non-ASCII text skip ftfy entirely (one detector pass); the benchmark
(``benchmarks/build_throughput.py``) prints this step's share of the build.
"""

from __future__ import annotations

import html
import re
import unicodedata

import ftfy
from ftfy.badness import is_bad

__all__ = ["fix_characters", "normalize_document", "normalize_text", "normalize_whitespace", "strip_not_text",
           "unescape_entities"]

# Only the encoding repairs: ftfy's ligature, width, quote and line-break "fixes" change correct text.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
# Complete character references only: "&para=2" in a URL or "AT&T" stay as written.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MAX_ENTITY_ROUNDS = 10  # "&amp;amp;amp;..." nested deeper than this is left partly encoded
# Not text: C0 controls other than the whitespace ones (ESC stays for ftfy's terminal-escape repair), DEL, the C1
# codes cp1252 leaves undefined, a BOM inside the text, the non-characters U+FFFE/U+FFFF.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\x81\x8d\x8f\x90\x9d\ufeff\ufffe\uffff]")
_C1_OR_ESC = re.compile("[\x1b\x80-\x9f]")  # cp1252 read as Latin-1, terminal escapes: ftfy's job
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile(r"\r\n?|[\u2028\x0b\x0c]")
_SPACE = re.compile(r"[^\S\n\x85]+")  # any whitespace but the newline (and NEL, which ftfy reads as "…")
_MAX_PASSES = 3  # extra passes until a fixpoint (one in practice: the second pass only confirms)


def _unescape_entity(match: re.Match[str]) -> str:
    return html.unescape(match.group())


def unescape_entities(text: str) -> str:
    """Decode complete HTML character references, repeatedly (``&amp;amp;`` → ``&``)."""
    if "&" not in text:
        return text
    for _ in range(_MAX_ENTITY_ROUNDS):
        unescaped = _ENTITY.sub(_unescape_entity, text)
        if unescaped == text:
            break
        text = unescaped
    return text


def _needs_ftfy(text: str) -> bool:
    if "\x1b" in text:
        return True
    if text.isascii():
        return False
    return _C1_OR_ESC.search(text) is not None or _SURROGATE.search(text) is not None or is_bad(text)


def fix_characters(text: str) -> tuple[str, bool]:
    """Character repair (steps 1-2 of the module docstring); returns the text and whether ftfy changed it.

    Whitespace is left alone, so ftfy's decisions can depend on it: :func:`normalize_text` normalises whitespace
    before calling this, and again after.
    """
    text = _NOT_TEXT.sub("", unescape_entities(text))
    repaired = False
    if _needs_ftfy(text):
        fixed = _NOT_TEXT.sub("", ftfy.fix_text(text, _FTFY_CONFIG))
        fixed = _C1_OR_ESC.sub("", fixed)  # C1 controls ftfy could not read as cp1252 are not text
        repaired, text = fixed != text, fixed
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text, repaired


def normalize_whitespace(text: str) -> str:
    """Paragraphs separated by ``"\\n\\n"``, lines of a paragraph joined, one plain space elsewhere."""
    text = _LINE_BREAK.sub("\n", text.replace("\u2029", "\n\n"))
    text = _SPACE.sub(" ", text)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        line = line.strip(" ")
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def strip_not_text(text: str) -> str:
    """Step 1 before anything else: character references decoded, characters that are not text removed (the
    C0 separators \\x1c-\\x1f count as whitespace for Python: removed first, they never become spaces)."""
    return _NOT_TEXT.sub("", unescape_entities(text))


def normalize_document(text: str) -> tuple[str, bool]:
    """:func:`normalize_text`, and whether mojibake (or C1/surrogate damage) was repaired."""
    result, repaired = fix_characters(normalize_whitespace(strip_not_text(text)))
    result = normalize_whitespace(result)
    if not repaired:
        return result, False
    # a repair can expose another mojibake sequence, or the final whitespace step change a neighbour: repeat
    # until nothing changes, which makes the function idempotent
    for _ in range(_MAX_PASSES):
        again, _ = fix_characters(result)
        again = normalize_whitespace(again)
        if again == result:
            break
        result = again
    return result, True


def normalize_text(text: str) -> str:
    """Repaired, NFC-normalised text in the paragraph convention (see the module docstring for each rule)."""
    return normalize_document(text)[0]
