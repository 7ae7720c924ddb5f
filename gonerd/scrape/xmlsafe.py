"""Untrusted XML (feeds, sitemaps): transcoded to UTF-8, then parsed with defusedxml.

Encodings: a byte order mark (or UTF-16 without one) decides first; otherwise the bytes are decoded the way
feedparser does it (``feedparser.encodings.convert_to_utf8``: the HTTP charset, the XML declaration, then
fallbacks); the result is re-encoded as UTF-8 with a matching declaration, because expat itself knows only UTF-8,
UTF-16 and the Latin-1 family (a feed declared ``gb2312``, ``shift_jis`` or ``euc-kr`` would not parse).

Safety: entity declarations and external entities or DTDs are refused (no billion-laughs expansion, no XXE file or
network reads); a plain DOCTYPE line is tolerated. :func:`parse_xml` is the gate every feed and sitemap passes
before anything else reads it.
"""

from __future__ import annotations

import codecs
import re
from xml.etree.ElementTree import Element

_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_START = (b"<", b"\xff\xfe<", b"\xfe\xff\x00<", b"\xff\xfe\x00\x00<", b"\x00\x00\xfe\xff", b"\x00<")


class XmlRefused(ValueError):
    """Not well-formed, or uses a forbidden construct (``forbidden``: entities, external references)."""

    def __init__(self, message: str, *, forbidden: bool = False):
        super().__init__(message)
        self.forbidden = forbidden


def looks_like_xml(data: bytes) -> bool:
    """Starts like an XML document in some encoding: ``<`` (after a UTF-8 byte order mark and blanks), or ``<`` in
    UTF-16/32 with or without a byte order mark."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:].lstrip()
    return data.startswith(_XML_START)


def to_utf8(data: bytes, charset: str | None = None) -> bytes:
    """An XML document as UTF-8 with an ``encoding='utf-8'`` declaration. ``charset``: the HTTP charset, which
    wins over the document's own declaration when it decodes the bytes (RFC 7303). Raises :class:`XmlRefused`
    when no encoding decodes it."""
    from feedparser.encodings import convert_to_utf8

    unicode = _unicode_by_bom(data)
    if unicode is not None:  # a byte order mark (or UTF-16 without one) wins over any declared charset
        data, charset = _DECLARATION.sub("", unicode, count=1).encode("utf-8"), "utf-8"
    headers = {"content-type": f"application/xml; charset={charset}"} if charset else {}
    result: dict = {}
    out = convert_to_utf8(headers, data, result)
    if not result.get("encoding"):
        raise XmlRefused(f"unknown character encoding ({result.get('bozo_exception')})")
    return out


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _unicode_by_bom(data: bytes) -> str | None:
    """The text of a document that starts with a byte order mark, or that is UTF-16 without one (``<`` and a
    NUL); None for everything else (and for bytes that do not decode as their BOM says)."""
    bom, encoding = next(((b, e) for b, e in _BOMS if data.startswith(b)), (b"", None))
    if encoding is None:
        encoding = {b"<\x00": "utf-16-le", b"\x00<": "utf-16-be"}.get(data[:2])
        if encoding is None or data[:4] in (b"<\x00\x00\x00", b"\x00\x00\x00<"):
            return None
    try:
        return data[len(bom):].decode(encoding)
    except UnicodeDecodeError:
        return None


def has_dtd(data: bytes) -> bool:
    """A DOCTYPE or ENTITY declaration anywhere (the only way into entity expansion and external references)."""
    return _DTD.search(data) is not None


def parse_xml(data: bytes) -> Element:
    """Parse UTF-8 (or UTF-16 with a BOM) XML with entities and external references refused."""
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    try:
        return safe_et.fromstring(data.lstrip(), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise XmlRefused(f"forbidden XML construct ({exc})", forbidden=True) from None
    except Exception as exc:  # ParseError and expat errors
        raise XmlRefused(f"not well-formed XML ({exc})") from None


def local(tag: object) -> str:
    """``{namespace}name`` → ``name`` (feeds and sitemaps use several namespaces for the same ideas)."""
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def text_of(element: Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    value = element.text.strip()
    return value or None


def child(element: Element, name: str) -> Element | None:
    for sub in element:
        if local(sub.tag) == name:
            return sub
    return None
