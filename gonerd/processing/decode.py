"""Bytes → text for HTML, plain-text and WARC payloads, with a policy that survives wrong declarations.

Policy of :func:`decode_document` (and :func:`decode_bytes`), in order (the first step that succeeds wins):

1. **Reject** empty input (only whitespace) and binary data: a known binary magic number (PDF, ZIP/DOCX,
   GZIP, PNG, JPEG, GIF, ...) or more than 1 % C0 control bytes (NUL included). A few stray NUL bytes in a
   text (22 in a 194 KB page of trafilatura's evaluation set) do not make it binary: they are removed from the
   decoded text and counted (``Decoded.nul_bytes``). Raises :class:`UndecodableInput` naming the input.
2. **BOM** (UTF-8, UTF-16/32 LE/BE): a byte-order mark is the strongest signal there is. UTF-16 without a BOM
   (every other byte NUL) is recognised by where its NUL bytes sit.
3. **Strict UTF-8.** Non-ASCII text in a legacy 8-bit encoding is practically never valid UTF-8 by accident,
   so bytes that decode as UTF-8 *are* UTF-8, whatever the page declares (pages declaring ``iso-8859-1``
   but written in UTF-8 are common).
3b. **UTF-8 with a few bad bytes**: valid multi-byte UTF-8 sequences outnumber the invalid bytes four to one
   (one to one when the page declares UTF-8). 27 of the 990 pages of trafilatura's evaluation set are UTF-8
   but for one to three stray bytes; decoding them whole with an 8-bit codec garbled every other non-ASCII
   character ("StandardausfĂĽhrung"). They are decoded as UTF-8 and each invalid byte is repaired alone: a
   lone byte is read as cp1252 (a stray Latin-1 ``ä`` is ``ä``), a cut multi-byte sequence becomes one
   U+FFFD; ``Decoded.repaired_bytes`` counts them. An 8-bit page has next to no valid multi-byte sequences
   and never gets here.
4. **The declared charset**: the ``declared`` argument (e.g. the HTTP ``Content-Type`` charset), then the
   one the document declares itself (``<meta charset>``, ``<meta http-equiv="Content-Type">``,
   ``<?xml encoding?>``), each used only if it decodes without error. As browsers do (WHATWG Encoding
   Standard), ``iso-8859-1``/``latin-1``/``us-ascii`` mean ``cp1252`` (Latin-1 proper if cp1252 fails), and
   a declared UTF-16/32 without a BOM is ignored. A declared ``utf-8`` that does not decode was refused in
   step 3 already: the declaration is wrong.
5. **cp1252** when the bytes look like Western European 8-bit text: they decode as cp1252, every non-ASCII
   character is a Latin-1 letter or common typographic punctuation (``§``, curly quotes, dashes, ``€``),
   and non-ASCII letters come mostly alone or in pairs (``café``, ``ção``). Cyrillic or Greek 8-bit text,
   whose words are *runs* of high bytes, goes to detection instead of becoming ``Ïðèâåò``; so does text
   with signs inside words (cp1250 Polish read as cp1252: ``za¿ó³æ``). Any 8-bit guess can be wrong on
   short or unusual text: a correct declaration (step 4) beats it.
6. **Detection** with charset-normalizer, then faust-cchardet.

If nothing decodes cleanly, :class:`UndecodableInput` is raised: apart from a cut UTF-8 sequence in step 3b,
this module never returns text with replacement characters it introduced itself.
"""

from __future__ import annotations

import codecs
import re
import threading
from typing import NamedTuple

__all__ = ["Decoded", "UndecodableInput", "decode_bytes", "decode_document", "looks_binary", "sniff_declared_charset"]

SAMPLE_SIZE = 65536  # binary/charset checks look at this many leading bytes (a 50 MB input stays cheap)
MAX_CONTROL_RATIO = 0.01  # more C0 control bytes than this share of the sample → binary
MAX_HIGH_RUN_SHARE = 0.2  # cp1252 guess only when at most this share of non-ASCII letters sit in runs of 3+
UTF8_VALID_PER_BAD = 4  # step 3b: valid multi-byte characters needed per invalid byte (1 if UTF-8 is declared)
UTF16_NUL_SHARE = 0.25  # UTF-16 without BOM: at least this share of NUL bytes, nearly all on one parity

# Known binary formats, by their first bytes. ``MZ`` (Windows executables) is left out: text can start "MZ".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "GZIP"),
    (b"BZh", "BZIP2"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"(\xb5/\xfd", "Zstandard"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"RIFF", "RIFF (WebP/WAV/AVI)"),
    (b"OggS", "Ogg"),
    (b"ID3", "MP3"),
    (b"\x00\x00\x00\x18ftyp", "MP4"),
    (b"\x00\x00\x00\x20ftyp", "MP4"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 (DOC/XLS)"),
    (b"\x00asm", "WebAssembly"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls other than \t \n \v \f \r and ESC (terminal escapes occur in real text dumps), plus DEL.
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32), 127])

# Non-ASCII characters that Western European text in cp1252 actually contains: Latin-1 letters and signs,
# and the typographic punctuation cp1252 puts in 0x80-0x9F.
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"
    "ŒœŠšŽžŸƒ"
    "§©®°±²³µ¶·¹º»«¼½¾¿¡¢£¤¥¦¨¬¯´¸×÷ª\xa0"
    "‘’‚“”„†‡•…‰‹›–—˜™€ˆ"
)

# Charset declarations inside the document (only the first few KiB are searched). Bounded quantifiers only.
_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s{0,100}<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""")

# WHATWG: these labels are decoded as windows-1252 by every browser.
_AS_CP1252 = frozenset({"latin_1", "iso8859-1", "ascii", "cp1252"})


class UndecodableInput(ValueError):
    """The bytes are not text we can decode (empty, binary, or no encoding decodes them)."""


class Decoded(NamedTuple):
    text: str
    encoding: str  # Python codec name, e.g. "utf-8", "cp1252"
    repaired_bytes: int = 0  # invalid bytes of a UTF-8 input repaired one by one (step 3b)
    nul_bytes: int = 0  # stray NUL bytes removed from the text


def looks_binary(raw: bytes) -> str | None:
    """Why ``raw`` is binary rather than text (e.g. ``"PDF data"``, ``"40 control bytes in ..."``), or None.

    Decided by a magic number or by the share of control bytes (NUL included) in the whole input, never by a
    single NUL. BOM-marked and BOM-less UTF-16/32 must be handled before calling this.
    """
    head = raw[:64]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return f"{kind} data"
    controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    if raw and controls / len(raw) > MAX_CONTROL_RATIO:
        return f"{controls} control bytes in {len(raw)} ({controls / len(raw):.1%}, over {MAX_CONTROL_RATIO:.0%})"
    return None


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark: a quarter or more of the bytes are NUL, nearly all at odd offsets
    (little-endian ASCII range) or at even ones (big-endian)."""
    sample = raw[:SAMPLE_SIZE]
    nuls = sample.count(0)
    if len(sample) < 4 or nuls < UTF16_NUL_SHARE * len(sample):
        return None
    odd = sample[1::2].count(0)
    encoding = "utf-16-le" if odd >= 0.9 * nuls else "utf-16-be" if nuls - odd >= 0.9 * nuls else None
    if encoding is None or len(raw) % 2:
        return None
    text = _try(raw, encoding)
    if text is None or looks_binary(text.encode("utf-8", "surrogatepass")):
        return None
    return text, encoding


class _RepairCount(threading.local):
    bad = 0


_REPAIRS = _RepairCount()


def _repair_bad_utf8(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler of step 3b: a lone invalid byte is read as cp1252 (U+FFFD if cp1252 leaves it
    undefined), a cut multi-byte sequence becomes one U+FFFD."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    _REPAIRS.bad += len(bad)
    if len(bad) == 1:
        return bad.decode("cp1252", "replace"), exc.end
    return "\ufffd", exc.end


codecs.register_error("gonerd-repair-utf8", _repair_bad_utf8)


def _mostly_utf8(raw: bytes, declared_utf8: bool) -> tuple[str, int] | None:
    """Step 3b: the text and the number of repaired bytes when ``raw`` is UTF-8 but for a few bad bytes."""
    valid = raw.decode("utf-8", "ignore")  # counted at C speed first: an 8-bit page has bad bytes by the million
    bad = len(raw) - len(valid.encode("utf-8"))
    multibyte = len(valid) - len(valid.encode("ascii", "ignore"))
    needed = bad if declared_utf8 else UTF8_VALID_PER_BAD * bad
    if not bad or multibyte < max(needed, 1):
        return None
    _REPAIRS.bad = 0
    text = raw.decode("utf-8", "gonerd-repair-utf8")
    return text, _REPAIRS.bad


def _codec_names(label: str | None) -> list[str]:
    """Python codecs to try for a charset label (``[]`` if unknown; Latin-1 labels → cp1252, then Latin-1)."""
    label = (label or "").strip().strip("\"'").lower()
    if not label:
        return []
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return []
    return ["cp1252", "latin-1"] if name in _AS_CP1252 else [name]


def sniff_declared_charset(raw: bytes) -> str | None:
    """The charset label an HTML/XML document declares in its first 4 KiB, or None."""
    head = raw[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _try(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


_HIGH_LETTER = re.compile(r"[^\x00-\x7f]")
_HIGH_LETTER_RUN = re.compile(r"[^\x00-\x7f]{3,}")
# What Central European cp1250 text (Polish "zażółć" → "za¿ó³æ") looks like when read as cp1252: signs
# that never sit inside a Western word, or a non-ASCII capital right after a lowercase letter.
_MISREAD = re.compile(r"[^\W\d_][£¥¤¦¨¬¯´¸¹³¿¡¢][^\W\d_]|[a-zà-ÿ][ŠŽŸÀ-Þ]")


def _looks_cp1252(text: str) -> bool:
    """Western European text decoded right: only Western non-ASCII characters, rarely three in a row."""
    sample = text[:SAMPLE_SIZE]
    if not all(ch in _WESTERN for ch in set(sample) if ord(ch) > 127):
        return False
    if _MISREAD.search(sample):
        return False
    letters = [m.group() for m in _HIGH_LETTER.finditer(sample) if m.group().isalpha()]
    in_runs = sum(len(r) for r in _HIGH_LETTER_RUN.findall(sample) if r.isalpha())
    return in_runs <= MAX_HIGH_RUN_SHARE * len(letters)


def _detect(raw: bytes) -> tuple[str, str] | None:
    """Statistical detection: charset-normalizer first, faust-cchardet as a second opinion."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw[: 4 * SAMPLE_SIZE]).best()
    except Exception:  # detection is a best effort; a failure here must not hide the other detector
        best = None
    candidates = [best.encoding] if best is not None else []
    try:
        import cchardet

        guess = cchardet.detect(raw[: 4 * SAMPLE_SIZE]).get("encoding")
        if guess:
            candidates.append(guess)
    except ImportError:
        pass
    for label in candidates:
        for encoding in _codec_names(label):
            if not encoding.startswith(("utf-16", "utf-32")):
                text = _try(raw, encoding)
                if text is not None:
                    return text, encoding
    return None


def decode_bytes(raw: bytes, declared: str | None = None, *, name: str = "<bytes>") -> tuple[str, str]:
    """``(text, encoding)`` of :func:`decode_document` (see there)."""
    decoded = decode_document(raw, declared, name=name)
    return decoded.text, decoded.encoding


def decode_document(raw: bytes, declared: str | None = None, *, name: str = "<bytes>") -> Decoded:
    """Decode ``raw`` to text: the text, the codec used, and the repairs made (see the module docstring for the
    order of attempts: BOM, strict UTF-8, UTF-8 with a few bad bytes, declared charset, cp1252 heuristic,
    detection). ``declared`` is the charset from outside the document (HTTP header, WARC record); the document's
    own declaration is sniffed. Raises :class:`UndecodableInput` (naming ``name``) for empty or binary input
    and when no encoding decodes the bytes. A leading BOM and stray NUL bytes are not part of the text."""
    text, encoding, repaired = _decode(raw, declared, name)
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        if not text.strip():
            raise UndecodableInput(f"{name}: empty input (nothing but NUL bytes and whitespace)")
    return Decoded(text, encoding, repaired, nuls)


def _decode(raw: bytes, declared: str | None, name: str) -> tuple[str, str, int]:
    if not raw.strip():
        raise UndecodableInput(f"{name}: empty input ({len(raw)} bytes, nothing but whitespace)")

    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = _try(raw[len(bom) :], encoding)
            if text is None:
                raise UndecodableInput(f"{name}: has a {encoding} byte-order mark but does not decode as it")
            if not text.strip("\x00 \t\r\n"):
                raise UndecodableInput(f"{name}: empty input (only a byte-order mark and whitespace)")
            return text, encoding, 0

    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        return utf16[0], utf16[1], 0

    reason = looks_binary(raw)
    if reason:
        raise UndecodableInput(f"{name}: binary content ({reason}), not text")

    text = _try(raw, "utf-8")
    if text is not None:
        return text, "utf-8", 0

    labels = (declared, sniff_declared_charset(raw))
    declared_utf8 = any(_codec_names(label) == ["utf-8"] for label in labels)
    repaired = _mostly_utf8(raw, declared_utf8)
    if repaired is not None:
        return repaired[0], "utf-8", repaired[1]

    for label in labels:
        for encoding in _codec_names(label):
            if encoding == "utf-8" or encoding.startswith(("utf-16", "utf-32")):
                continue
            text = _try(raw, encoding)
            if text is not None:
                return text, encoding, 0

    text = _try(raw, "cp1252")
    if text is not None and _looks_cp1252(text):
        return text, "cp1252", 0

    detected = _detect(raw)
    if detected is not None:
        return detected[0], detected[1], 0
    raise UndecodableInput(f"{name}: no encoding decodes these bytes (not UTF-8, declared {declared!r})")
