"""URL filtering with courlan, for URLs the user gives and for links found in feeds/sitemaps (the normalisation
itself is :mod:`gonerd.urls`'s).

courlan's ``check_url`` refuses IP hosts and ``host:port`` forms outright, so the same filters are applied here one
by one (``scrub_url``, ``type_filter``, ``extension_filter``, ``domain_filter`` on the bare host name, then
``normalize_url``): every refusal gets its own reason, and intranet and test hosts behave like public ones.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from gonerd.urls import normalize_given_url, normalize_url, strip_userinfo

HTTP_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}


def _validate(url: str) -> None:
    """Raise ValueError for URLs that urllib cannot take apart (``http://[broken/``, a port out of range)."""
    parts = urlsplit(url)
    _ = parts.port


def origin(url: str) -> str:
    """``scheme://host[:port]``: the unit of robots.txt (RFC 9309) and of the API's credentials."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.rsplit('@', 1)[-1].lower()}"


def pace_key(url: str) -> str:
    """The unit of politeness (delay, concurrency, back-off): the host without ``www.``, plus the port when it
    is not the scheme's default. ``http://x``, ``https://x`` and ``https://www.x`` are one server to be polite
    to; another port of the same host is another server (as on test machines)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port != DEFAULT_PORTS.get(parts.scheme.lower()):
        return f"{host}:{port}"
    return host


def same_site(url: str, reference: str) -> bool:
    """Same host as the reference, ignoring a leading ``www.`` (a feed on example.com may link to www.example.com)."""
    a, b = urlsplit(url).hostname or "", urlsplit(reference).hostname or ""
    return a.removeprefix("www.") == b.removeprefix("www.")


def check_given(url: str) -> tuple[str | None, str | None, str]:
    """A URL the user gave: only the scheme and the syntax are checked, and it is kept as given (see
    :func:`gonerd.urls.normalize_given_url`). Returns ``(url, reason, message)``."""
    url = url.strip()
    try:
        _validate(url)
        parts = urlsplit(url)
        if parts.scheme.lower() not in HTTP_SCHEMES:
            return None, "bad_scheme", f"{url!r} is not an http(s) URL"
        if not parts.hostname:
            return None, "bad_url", f"{url!r} has no host"
        return normalize_given_url(url), None, ""
    except ValueError as exc:
        return None, "bad_url", f"{url!r} is not a usable URL ({exc})"


def resolve(base: str, link: str) -> str:
    """``link`` resolved against ``base`` (credentials dropped); the link itself when it cannot be (malformed)."""
    try:
        return strip_userinfo(urljoin(base, link.strip()))
    except ValueError:
        return link.strip()


def check_discovered(link: str, base: str, *, same_host: bool = True) -> tuple[str | None, str | None, str]:
    """A link found in a feed or sitemap at ``base``: resolved against it, then filtered like courlan's
    ``check_url`` (spam, navigation and media links out). Returns ``(url, None, "")`` or ``(None, reason, msg)``.
    A malformed link is refused as ``bad_url`` (the other links of the listing are not affected)."""
    try:
        return _check_discovered(link, base, same_host)
    except ValueError as exc:
        return None, "bad_url", f"{link.strip()!r} is not a usable URL ({exc})"


def _check_discovered(link: str, base: str, same_host: bool) -> tuple[str | None, str | None, str]:
    from courlan import scrub_url
    from courlan.filters import basic_filter, domain_filter, extension_filter, type_filter

    raw = link.strip()
    url = strip_userinfo(urljoin(base, raw))
    _validate(url)
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
    url = normalize_url(url)
    _validate(url)
    return url, None, ""
