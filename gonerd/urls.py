"""URL helpers shared by ids, readers, gold matching and the scraper. courlan does the normalisation."""

from __future__ import annotations

from urllib.parse import urldefrag, urlsplit


def canonical_url(url: str) -> str:
    """Normalise a URL the way ids and gold matching need it: scheme and host case, default ports, tracking
    parameters (``utm_*``, ``fbclid``...) and the fragment go; the rest of the query stays (``view?story=101`` and
    ``view?story=102`` are different documents). A URL courlan cannot parse is only stripped."""
    from courlan import normalize_url

    url = url.strip()
    try:
        return urldefrag(normalize_url(url, strict=False)).url
    except (ValueError, AttributeError):
        return url


def host_of(url: str | None) -> str | None:
    """The site name of a URL: its host without a leading ``www.`` (``None`` when there is none or it is broken)."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host
