"""Polite, resumable collection of news and legal web text into WARC files that ``gonerd build`` reads.

``gonerd scrape news`` discovers articles in feeds, sitemaps and URL lists; ``gonerd scrape legal`` queries the
CourtListener REST API (v4) and fetches court pages and opinion files. Both run one crawl engine
(:mod:`gonerd.scrape.crawl`): robots.txt, per-host delay, retries, a WARC store and an SQLite manifest that is the
single source of truth for what is done. See ``docs/scraping.md``.

This package is imported by the CLI at start-up, so its ``__init__`` stays light: the public API is loaded lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["ScrapeResult", "ScrapeSettings", "scrape_legal", "scrape_news"]

if TYPE_CHECKING:
    from gonerd.scrape.run import ScrapeResult, scrape_legal, scrape_news
    from gonerd.scrape.settings import ScrapeSettings


def __getattr__(name: str):
    if name == "ScrapeSettings":
        from gonerd.scrape.settings import ScrapeSettings

        return ScrapeSettings
    if name in ("ScrapeResult", "scrape_legal", "scrape_news"):
        from gonerd.scrape import run

        return getattr(run, name)
    raise AttributeError(name)
