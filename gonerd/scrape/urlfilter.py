"""URL normalisation and filtering with courlan, for URLs the user gives and for links found in feeds/sitemaps.

courlan's ``check_url`` refuses IP hosts and ``host:port`` forms outright, so the same filters are applied here one
by one (``scrub_url``, ``type_filter``, ``extension_filter``, ``domain_filter`` on the bare host name, then
``normalize_url``): every refusal gets its own reason, and intranet and test hosts behave like public ones.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

HTTP_SCHEMES = ("http", "https")


def normalize(url: str) -> str:
    """The form used as the manifest key: courlan's normalisation (lower-case scheme and host, default port
    dropped, tracking parameters such as ``utm_*`` removed, parameters sorted), without the fragment."""
    from courlan import normalize_url

    url = urldefrag(url.strip())[0]
    try:
        return normalize_url(url, strict=False)
    except (ValueError, AttributeError):
        return url


def origin(url: str) -> str:
    """``scheme://host[:port]``: the unit of robots.txt, rate limits and same-host rules."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def same_site(url: str, reference: str) -> bool:
    """Same host as the reference, ignoring a leading ``www.`` (a feed on example.com may link to www.example.com)."""
    a, b = urlsplit(url).hostname or "", urlsplit(reference).hostname or ""
    return a.removeprefix("www.") == b.removeprefix("www.")


def check_given(url: str) -> tuple[str | None, str | None, str]:
    """A URL the user gave: only the scheme and the syntax are checked. Returns ``(url, reason, message)``."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in HTTP_SCHEMES:
        return None, "bad_scheme", f"{url!r} is not an http(s) URL"
    if not parts.hostname:
        return None, "bad_url", f"{url!r} has no host"
    return normalize(url), None, ""


def check_discovered(link: str, base: str, *, same_host: bool = True) -> tuple[str | None, str | None, str]:
    """A link found in a feed or sitemap at ``base``: resolved against it, then filtered like courlan's
    ``check_url`` (spam, navigation and media links out). Returns ``(url, None, "")`` or ``(None, reason, msg)``."""
    from courlan import scrub_url
    from courlan.filters import basic_filter, domain_filter, extension_filter, type_filter

    raw = link.strip()
    url = urljoin(base, raw)
    parts = urlsplit(url)
    if parts.scheme.lower() not in HTTP_SCHEMES:
        return None, "bad_scheme", f"{raw!r} is not an http(s) link"
    if not parts.hostname:
        return None, "bad_url", f"{raw!r} has no host"
    if same_host and not same_site(url, base):
        return None, "other_host", f"{url} is not on the host of {base} (--any-host allows it)"
    if not basic_filter(url):
        return None, "filtered_url", f"{url} is too short or too long"
    url = scrub_url(url)
    if not type_filter(url, strict=False, with_nav=False):
        return None, "filtered_url", f"{url} looks like a navigation, feed or spam page (courlan type filter)"
    if not extension_filter(urlsplit(url).path):
        return None, "filtered_url", f"{url} has a non-page file extension (courlan extension filter)"
    if not domain_filter(urlsplit(url).hostname or ""):
        return None, "filtered_url", f"{url} has an unusable host name (courlan domain filter)"
    return normalize(url), None, ""
