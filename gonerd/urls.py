"""URL normalisation, in one place: ids, gold matching, the readers and the scraper all use these functions.

Two forms, for two kinds of URL:

- :func:`normalize_url`, for URLs found in data (WARC targets, JSONL ``url`` fields, gold records, links discovered
  in feeds and sitemaps): courlan's normalisation (lower-case scheme and host, default port dropped, tracking
  parameters such as ``utm_*``/``fbclid`` removed, parameters sorted), without the fragment and without
  credentials. The rest of the query stays (``view?story=101`` and ``view?story=102`` are different documents).
- :func:`normalize_given_url`, for a URL a user typed: only the scheme and host are lower-cased and the fragment
  and credentials dropped; the parameters are kept as they are (``?source=x&docket=12`` may name a different
  resource than ``?docket=12``).

(The URL a page names for itself, its ``<link rel="canonical">``, is read by
:func:`gonerd.processing.metadata.canonical_link`.)
"""

from __future__ import annotations

from urllib.parse import urldefrag, urlsplit, urlunsplit

__all__ = ["host_of", "normalize_given_url", "normalize_url", "strip_userinfo"]


def strip_userinfo(url: str) -> str:
    """``http://user:pass@host/`` → ``http://host/``: credentials are never sent, archived or kept as a key."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def normalize_url(url: str) -> str:
    """The key of a URL found in data (see the module docstring). A URL courlan cannot parse is only stripped of
    surrounding whitespace and its fragment."""
    from courlan import normalize_url as courlan_normalize

    url = url.strip()
    try:
        url = strip_userinfo(urldefrag(url)[0])
        return urldefrag(courlan_normalize(url, strict=False))[0]
    except (ValueError, AttributeError):
        return url


def normalize_given_url(url: str) -> str:
    """The key of a URL a user gave (see the module docstring)."""
    parts = urlsplit(urldefrag(url.strip())[0])
    netloc = parts.netloc.rsplit("@", 1)[-1]
    host, sep, port = netloc.rpartition(":") if not netloc.endswith("]") else (netloc, "", "")
    if not sep or not port.isdigit():
        host, sep, port = netloc, "", ""
    return urlunsplit((parts.scheme.lower(), host.lower() + sep + port, parts.path or "/", parts.query, ""))


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
