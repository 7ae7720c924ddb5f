"""Untrusted XML (feeds, sitemaps) parsed with defusedxml: entity declarations and external entities or DTDs are
refused (no billion-laughs expansion, no XXE file or network reads); a plain DOCTYPE line is tolerated."""

from __future__ import annotations

from xml.etree.ElementTree import Element


class XmlRefused(ValueError):
    """Not well-formed, or uses a forbidden construct (entities, external references)."""


def parse_xml(data: bytes) -> Element:
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    try:
        return safe_et.fromstring(data.lstrip(), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise XmlRefused(f"forbidden XML construct ({exc})") from None
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
