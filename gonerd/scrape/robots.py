"""robots.txt rules per origin (protego, as in Scrapy), with RFC 9309's handling of unavailable files.

2xx: the rules apply (at most 500 KiB are parsed, as RFC 9309 allows). 4xx other than 429: no rules, everything
is allowed. 429, 5xx and network errors (after retries): the site is unreachable and treated as fully disallowed
for this run (``robots_unavailable``, retried on resume).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gonerd.scrape.settings import PRODUCT

MAX_ROBOTS_BYTES = 500 * 1024


@dataclass
class RobotsRules:
    parser: object | None = None  # protego.Protego, or None when everything is allowed
    unavailable: str | None = None  # why the file could not be had: everything is disallowed
    reason: str = "robots_unavailable"  # the skip reason of URLs refused for that (or "private_address")
    sitemaps: list[str] = field(default_factory=list)

    def allowed(self, url: str, agent: str = PRODUCT) -> bool:
        if self.unavailable is not None:
            return False
        return self.parser is None or bool(self.parser.can_fetch(url, agent))

    def crawl_delay(self, agent: str = PRODUCT) -> float | None:
        if self.parser is None:
            return None
        value = self.parser.crawl_delay(agent)
        return float(value) if value is not None else None


def rules_from_body(body: bytes) -> RobotsRules:
    from protego import Protego

    text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
    parser = Protego.parse(text)
    return RobotsRules(parser=parser, sitemaps=list(parser.sitemaps))


def rules_from_status(status: int) -> RobotsRules:
    """Rules for a non-2xx final answer to ``/robots.txt``."""
    if 400 <= status < 500 and status != 429:
        return RobotsRules()
    return RobotsRules(unavailable=f"robots.txt answered HTTP {status}")


class RobotsCache:
    """Rules by origin, for the length of one run (robots.txt is fetched once per origin and run)."""

    def __init__(self) -> None:
        self._rules: dict[str, RobotsRules] = {}

    def get(self, origin: str) -> RobotsRules | None:
        return self._rules.get(origin)

    def set(self, origin: str, rules: RobotsRules) -> None:
        self._rules[origin] = rules
