from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from gonerd.processing.decode import (
    Decoded,
    UndecodableInput,
    decode_bytes,
    decode_document,
    looks_binary,
    sniff_declared_charset,
)


def test_utf8_is_taken_as_is() -> None:
    assert decode_bytes("Zoë’s café — § 3".encode()) == ("Zoë’s café — § 3", "utf-8")


def test_ascii_is_utf8() -> None:
    assert decode_bytes(b"plain ascii") == ("plain ascii", "utf-8")


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_wins_and_is_dropped(bom: bytes, encoding: str) -> None:
    text = "Ünïcode “text” §"
    assert decode_bytes(bom + text.encode(encoding)) == (text, encoding)


def test_cp1252_section_sign_and_curly_quotes() -> None:
    text = "38 U.S.C. § 5110; the Veteran’s “claim” — denied. Café, naïve, Müller."
    raw = text.encode("cp1252")
    assert b"\xa7" in raw and b"\x92" in raw
    assert decode_bytes(raw) == (text, "cp1252")


def test_declared_charset_used_when_it_decodes() -> None:
    text = "Привет мир"
    assert decode_bytes(text.encode("koi8-r"), "koi8-r") == (text, "koi8-r")


def test_wrong_declaration_utf8_on_cp1252_bytes() -> None:
    """A page that says utf-8 but is cp1252: utf-8 cannot decode it, the cp1252 guess can."""
    raw = '<meta charset="utf-8"><p>It’s § 12</p>'.encode("cp1252")
    text, encoding = decode_bytes(raw, "utf-8")
    assert encoding == "cp1252" and "It’s § 12" in text


def test_wrong_declaration_latin1_on_utf8_bytes() -> None:
    """A page that says iso-8859-1 but is UTF-8: valid UTF-8 wins (no 'Ã©' mojibake)."""
    raw = '<meta charset="iso-8859-1"><p>café ’</p>'.encode()
    assert decode_bytes(raw, "iso-8859-1") == ('<meta charset="iso-8859-1"><p>café ’</p>', "utf-8")


def test_meta_charset_is_sniffed() -> None:
    raw = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    assert sniff_declared_charset(raw) == "windows-1251"
    body = "<p>Привет, мир</p>".encode("cp1251")
    text, encoding = decode_bytes(raw + body)
    assert encoding == "cp1251" and "Привет, мир" in text
    assert sniff_declared_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?><r/>') == "ISO-8859-1"


def test_latin1_label_means_cp1252_but_falls_back_to_latin1() -> None:
    assert decode_bytes("“x”".encode("cp1252"), "iso-8859-1") == ("“x”", "cp1252")
    # 0x81 is undefined in cp1252: the declared Latin-1 still decodes it
    assert decode_bytes(b"caf\xe9 \x81", "latin-1") == ("café \x81", "latin-1")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Привет мир, это тест кириллицы", "cp1251"),
        ("Καλημέρα κόσμε, δοκιμή", "cp1253"),
        ("Kraków, Łódź, zażółć gęślą jaźń", "cp1250"),
    ],
)
def test_non_western_8bit_goes_to_detection(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding))[0] == text


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        (b"", "empty"),
        (b" \n\t\r\n", "empty"),
        (codecs.BOM_UTF8 + b"  \n", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "GZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"<html>" + b"\x00\x01" * 200 + b"<body>", "control bytes"),
        (bytes(range(1, 9)) * 50 + b"<html>", "control bytes"),
    ],
)
def test_rejects_empty_and_binary(raw: bytes, needle: str) -> None:
    with pytest.raises(UndecodableInput, match=needle) as info:
        decode_bytes(raw, name="page-17.html")
    assert "page-17.html" in str(info.value)


def test_looks_binary_passes_text() -> None:
    assert looks_binary(b"Normal text with\ttabs\r\nand \x1b[0m escapes") is None


def test_large_input_is_fast() -> None:
    raw = ("Le café “noir” § 1. " * 2_000_000).encode("cp1252")  # 40 MB
    text, encoding = decode_bytes(raw)
    assert encoding == "cp1252" and len(text) == len(raw)


def test_bva_fixture_is_cp1252(shared_file: Callable[..., Path]) -> None:
    raw = shared_file("legal", "juriscraper", "bva_subexample_1.txt").read_bytes()
    text, encoding = decode_bytes(raw, name="bva_subexample_1.txt")
    assert encoding == "cp1252"
    assert "38 U.S.C. §§ 1155, 5107(b)" in text
    assert "\ufffd" not in text and "Â" not in text


# --- issue 8, defect 1: UTF-8 pages with a few stray bytes are UTF-8, repaired byte by byte ----------------------

GERMAN = ("<html><head><meta charset=\"utf-8\"><title>Schafskunde</title></head><body><p>Schaf, Standardausführung, "
          "weiß. Die Größe des Schafs ist schön; Mäh! Über die Weide läuft es, grüßt die Kühe.</p>{}</body></html>")


def test_utf8_with_one_stray_latin1_byte_is_repaired_not_garbled() -> None:
    before, after = GERMAN.split("{}")
    raw = before.encode() + b"<script>/* M\xe4scot */</script>" + after.encode()  # one Latin-1 byte in UTF-8
    decoded = decode_document(raw, name="maescot.html")
    assert decoded == Decoded(decoded.text, "utf-8", 1, 0)
    assert "Standardausführung, weiß" in decoded.text and "Mäscot" in decoded.text
    assert not any(bad in decoded.text for bad in ("Ã", "Ă", "\ufffd"))


def test_utf8_with_three_stray_bytes_and_no_declaration() -> None:
    body = "Straße, Köln, Müller, Jürgen, Größe, Übung, schön, Äpfel, Öl, Fuß. " * 2
    raw = body.encode() + b"caf\xe9 na\xefve \x96 end"
    decoded = decode_document(raw)
    assert decoded.encoding == "utf-8" and decoded.repaired_bytes == 3
    assert decoded.text.endswith("café naïve – end") and decoded.text.startswith("Straße, Köln")


def test_a_cut_multibyte_sequence_is_one_replacement_character() -> None:
    raw = ("Größe " * 10).encode() + "Zoë’".encode()[:-1] + b" story"  # "’" is 3 bytes: two of them are left
    decoded = decode_document(raw)
    assert decoded.encoding == "utf-8" and decoded.repaired_bytes == 2
    assert decoded.text.endswith("Zoë\ufffd story")


def test_8bit_pages_do_not_take_the_utf8_repair_path() -> None:
    german = ("Die Größe des Schafs ist schön; Über die Weide läuft es. " * 5).encode("cp1252")
    assert decode_document(german) == Decoded(german.decode("cp1252"), "cp1252", 0, 0)
    # Ukrainian cp1251: capital + і (b3) is valid UTF-8 by accident ("Ні" = cd b3), but rare against the rest
    ukrainian = ("Ні, Сі, Пісня про Київ і Львів, їжак, єнот, щастя. " * 5).encode("cp1251")
    text, encoding = decode_bytes(ukrainian)
    assert encoding == "cp1251" and text.startswith("Ні, Сі, Пісня")


def test_declared_utf8_lowers_the_bar() -> None:
    # two valid characters, two bad bytes: UTF-8 only because the page says so
    raw = b'<meta charset="utf-8"><p>' + "Zoë’s".encode() + b" caf\xe9 \xfc</p>"
    decoded = decode_document(raw)
    assert decoded.encoding == "utf-8" and decoded.repaired_bytes == 2 and "Zoë’s café ü" in decoded.text


# --- issue 8, defect 3: binary by the share of control bytes, stray NULs stripped and counted -------------------

def test_stray_nul_bytes_do_not_make_a_page_binary() -> None:
    paragraph = "<p>" + "A long paragraph of an ordinary news page. " * 40 + "</p>\n"
    page = "<html><body>" + paragraph * 110 + "</body></html>"  # ~194 KB
    raw = bytearray(page.encode())
    for k in range(22):
        raw[1000 + k * 8000] = 0
    decoded = decode_document(bytes(raw), name="nul.html")
    assert decoded.nul_bytes == 22 and "\x00" not in decoded.text
    assert len(raw) > 190_000 and len(decoded.text) == len(raw) - 22


def test_binary_is_decided_by_the_share_of_control_bytes() -> None:
    text = b"x" * 980
    assert looks_binary(text + b"\x00" * 9) is None  # under 1 %
    assert "control bytes" in (looks_binary(text + b"\x00\x01\x02" * 10) or "")


def test_utf16_without_bom_is_recognised() -> None:
    text = "<html><body><p>Zoë’s café, a UTF-16 page without a byte-order mark.</p></body></html>"
    assert decode_bytes(text.encode("utf-16-le")) == (text, "utf-16-le")
    assert decode_bytes(text.encode("utf-16-be")) == (text, "utf-16-be")
