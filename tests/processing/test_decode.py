from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from gonerd.processing.decode import UndecodableInput, decode_bytes, looks_binary, sniff_declared_charset


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
        (b"<html>\x00<body>", "NUL"),
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
