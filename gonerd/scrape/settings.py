"""Every knob of a scrape in one object, with the politeness defaults documented in ``docs/scraping.md``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, metadata

PRODUCT = "gonerd"  # the robots.txt product token we obey (``User-agent: gonerd`` groups apply to us)
CONTACT_ENV = "GONERD_SCRAPE_CONTACT"
TRANSIENT_REASONS = frozenset(
    {"timeout", "connection_error", "connection_reset", "truncated_body", "dns_error", "http_429", "http_5xx",
     "robots_unavailable", "interrupted"}
)


def _package_contact() -> str | None:
    """The project's home page from the installed package metadata, if the package declares one."""
    try:
        meta = metadata("gonerd")
    except PackageNotFoundError:
        return None
    for value in meta.get_all("Project-URL") or []:
        label, _, url = value.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository") and url.strip():
            return url.strip()
    return meta.get("Home-page") or None


def _version() -> str:
    try:
        return metadata("gonerd")["Version"]
    except PackageNotFoundError:
        return "0"


def default_contact() -> str | None:
    return os.environ.get(CONTACT_ENV) or _package_contact()


@dataclass
class ScrapeSettings:
    """Politeness, limits and resume behaviour of one scrape (CLI flags map one to one)."""

    delay: float = 2.0  # seconds between the end of one request to a host and the start of the next
    concurrency: int = 4  # requests in flight across all hosts
    host_concurrency: int = 1  # requests in flight to one host
    timeout: float = 30.0  # connect and read timeout of one request, and the deadline for its whole body
    max_bytes: int = 10_000_000  # bodies over this are refused (``too_large``)
    max_redirects: int = 5
    retries: int = 3  # extra attempts after a transient failure (timeouts, connection errors, 429, 5xx)
    backoff: float = 2.0  # first retry waits ~backoff s, then 2x, 4x ... (with +-50 % jitter)
    max_backoff: float = 300.0  # cap of one computed wait and of an honoured Retry-After
    max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay up to this is honoured when longer than ``delay``
    max_pages: int | None = None  # documents (articles, opinions, court pages) fetched in total, across runs
    resume: bool = False  # continue in an existing output folder
    retry_failed: str = "transient"  # on resume: retry "transient" failures, "all" failures or "none"
    allow_private: bool = False  # allow discovered links (and redirects) to private/loopback/link-local addresses
    same_host: bool = True  # links found in a feed or sitemap must be on the feed's or sitemap's host
    respect_robots: bool = True
    warc_max_bytes: int = 1_000_000_000  # a WARC file is closed and a new one started past this size
    contact: str | None = field(default_factory=default_contact)
    user_agent: str | None = None  # overrides the generated one (keep it truthful)
    progress: bool = True
    fsync: bool = True  # fsync each WARC write before the manifest records it (crash safety)

    def __post_init__(self) -> None:
        if self.delay < 0 or self.timeout <= 0 or self.max_bytes <= 0:
            raise ValueError("delay must be >= 0, timeout and max_bytes > 0")
        if self.concurrency < 1 or self.host_concurrency < 1:
            raise ValueError("concurrency and host_concurrency must be >= 1")
        if self.retries < 0 or self.max_redirects < 0:
            raise ValueError("retries and max_redirects must be >= 0")
        if self.retry_failed not in ("transient", "all", "none"):
            raise ValueError("retry_failed must be 'transient', 'all' or 'none'")
        if self.max_pages is not None and self.max_pages < 0:
            raise ValueError("max_pages must be >= 0")

    @property
    def agent(self) -> str:
        """A truthful User-Agent: product/version, what we are, and where to reach the operator."""
        if self.user_agent:
            return self.user_agent
        contact = f"+{self.contact}" if self.contact else "no contact configured"
        return f"{PRODUCT}/{_version()} (NER dataset builder; {contact})"
