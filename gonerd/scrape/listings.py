"""Listing kinds: feeds and sitemaps. They find URLs; they are not archived."""

from __future__ import annotations

import zlib

from gonerd.scrape.crawl import Analysis, AnalysisError, Found, Kind, Task
from gonerd.scrape.discover_news import DecompressedTooLarge, parse_feed_or_sitemap
from gonerd.scrape.fetch import Exchange
from gonerd.scrape.urlfilter import check_discovered, check_given, resolve, same_site
from gonerd.scrape.xmlsafe import XmlRefused

MAX_SITEMAP_DEPTH = 5  # sitemap index → sitemap → ... (the protocol allows one level; some sites nest)


def sitemap_link(link: str, base: str, *, same_host: bool) -> tuple[str | None, str | None, str]:
    """A sitemap named in an index or robots.txt: http(s), and on the same host unless allowed. It is kept as
    named (only scheme and host lower-cased), like a URL the user gives; a malformed one is ``bad_url``."""
    resolved = resolve(base, link)
    url, reason, message = check_given(resolved)
    if url is not None and same_host and not same_site(url, base):
        return None, "other_host", f"{url} is not on the host of {base} (--any-host allows it)"
    return url, reason, message


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


class ListingKind(Kind):
    """A feed or a sitemap (the format is recognised from the body, so a wrong guess costs nothing)."""

    accept = None  # feeds and sitemaps come as every XML, text and gzip type there is; the parser decides

    def __init__(self, name: str, page_kind: str, same_host: bool = True):
        self.name = name
        self.page_kind = page_kind
        self.same_host = same_host

    def analyse(self, task: Task, exchange: Exchange) -> Analysis:
        body = self.decoded(exchange)
        try:
            listing = parse_feed_or_sitemap(body, charset=_charset(exchange.header("Content-Type")))
        except DecompressedTooLarge as exc:  # a .xml.gz file that is a gzip bomb
            raise AnalysisError("too_large_decompressed", f"{exchange.url}: the gzip file {exc}") from None
        except (XmlRefused, ValueError, OSError, EOFError, zlib.error) as exc:
            raise AnalysisError("unparseable_listing", f"{exchange.url}: {exc}") from None
        found = []
        for item in listing.pages:
            url, reason, message = check_discovered(item.link, exchange.url, same_host=self.same_host)
            data = {"title": item.title, "published": item.published, "from": listing.format}
            found.append(Found(resolve(exchange.url, item.link), url, self.page_kind, reason, message,
                               {k: v for k, v in data.items() if v is not None}))
        depth = int(task.data.get("depth", 0)) + 1
        for link in listing.sitemaps:
            raw = resolve(exchange.url, link)
            if depth > MAX_SITEMAP_DEPTH:
                found.append(Found(raw, None, "sitemap", "too_deep", f"sitemap nesting over {MAX_SITEMAP_DEPTH}"))
                continue
            url, reason, message = sitemap_link(link, exchange.url, same_host=self.same_host)
            found.append(Found(raw, url, "sitemap", reason, message, {"depth": depth}))
        summary = f"{listing.format}: {len(listing.pages)} links, {len(listing.sitemaps)} sitemaps"
        return Analysis(found=found, message=summary)
