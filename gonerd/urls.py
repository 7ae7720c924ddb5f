"""URL helpers shared by ids, readers and (later) the scraper. courlan does the normalisation."""

from __future__ import annotations

from urllib.parse import urlsplit


def canonical_url(url: str) -> str:
    """Normalise a URL the way ids and de-duplication need it (scheme/host case, default ports, fragments, tracking
    parameters), using courlan; URLs courlan cannot parse are only stripped."""
    from courlan import normalize_url

    url = url.strip()
    try:
        return normalize_url(url, strict=True)
    except (ValueError, AttributeError):
        return url


def host_of(url: str | None) -> str | None:
    """The site name of a URL: its host without a leading ``www.``."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host
