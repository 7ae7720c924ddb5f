"""``scrape_news`` and ``scrape_legal``: set up the output folder, seed the crawl, run it, summarise.

Python API::

    from gonerd.scrape import ScrapeSettings, scrape_news, scrape_legal

    result = scrape_news("crawl/news", feeds=["feeds.txt"], sitemaps=["https://example.org/robots.txt"],
                         settings=ScrapeSettings(delay=2.0, max_pages=500))
    result.summary["documents"]["fetched"], result.warc_dir      # then: gonerd build --input crawl/news/warcs
"""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from gonerd.errors import UserError
from gonerd.scrape.crawl import Crawler, Kind
from gonerd.scrape.discover_news import read_url_list
from gonerd.scrape.manifest import Manifest
from gonerd.scrape.outdir import OutDir, OutDirError, write_atomic
from gonerd.scrape.settings import ScrapeSettings
from gonerd.scrape.summary import render, summarize
from gonerd.scrape.urlfilter import check_given
from gonerd.scrape.warc_store import WarcStore

log = logging.getLogger("gonerd.scrape")


class ScrapeError(UserError, RuntimeError):
    """A scrape that cannot start (bad arguments, a folder in use or of the other kind)."""


@dataclass
class ScrapeResult:
    out: Path
    manifest: Path
    warc_dir: Path
    summary: dict
    interrupted: bool
    problem: str | None = None  # why this run archived nothing it was asked for (see shortfall); the CLI exits 1

    def table(self) -> str:
        return render(self.summary)


#: Skips that mean "could not", not "should not": with no document archived, they make the run a failure.
BLOCKING_SKIPS = frozenset({"private_address", "robots_unavailable", "host_backoff"})


def shortfall(stats, kinds: dict[str, Kind], out: Path, refused: Counter) -> str | None:
    """A run that archived no document although it was asked for some and met failures (an unreachable server,
    refused or unusable URLs, errors from every page) did not do its job: the reason, in one line naming the
    first failure. None when a document was archived, when nothing was left to do (a resume with everything
    archived, listings with nothing new), or when the run was interrupted (which says so itself)."""
    final = stats.final
    archived = sum(n for (kind, status, _), n in final.items()
                   if status == "fetched" and getattr(kinds.get(kind), "document", False))
    if archived or stats.interrupted:
        return None
    problems: Counter = Counter(refused)  # URLs the user gave that are not usable URLs
    for (_kind, status, reason), n in final.items():
        if status == "failed" or (status == "skipped" and reason in BLOCKING_SKIPS):
            problems[reason or status] += n
    if not problems:
        return None
    reasons = [reason for reason, _ in problems.most_common()]
    counts = ", ".join(f"{reason} {problems[reason]}" for reason in reasons)
    # the example shown is a URL the user gave when one failed (their feed, not its robots.txt)
    first = next((stats.given_examples[r] for r in reasons if r in stats.given_examples), None) or \
        next((stats.examples[r] for r in reasons if r in stats.examples), "")
    return (f"nothing was archived in this run ({counts}): {first} (every URL's status is in "
            f"{out / 'manifest.jsonl'})")


Seed = tuple[str, str, str]  # (url as given, kind, where it was given)
SITEMAPS_OF_SITE = "sitemaps_of_site"  # a seed "kind": the sitemaps named in the site's robots.txt


def _url_sources(values: Iterable[str], label: str) -> list[tuple[str, str]]:
    """``(url, where)`` from values that are URL list files, or URLs themselves (``https://...``)."""
    out = []
    for value in values:
        if value.startswith(("http://", "https://")):
            out.append((value, label))
            continue
        path = Path(value)
        if not path.is_file():
            problem = "not a regular file" if path.exists() else "no such file"
            raise ScrapeError(f"{label} {value}: {problem} (give a file with one URL a line, or a URL)")
        try:
            urls = read_url_list(path)
        except ValueError as exc:
            raise ScrapeError(f"{label} {exc}") from None
        except OSError as exc:
            raise ScrapeError(f"{label} {value}: cannot read it ({exc.strerror or exc})") from None
        out.extend((url, f"{label} {value}:{line}") for line, url in urls)
    return out


def scrape_news(out: str | Path, *, feeds: Iterable[str] = (), sitemaps: Iterable[str] = (),
                urls: Iterable[str] = (), settings: ScrapeSettings | None = None) -> ScrapeResult:
    """Discover articles in feeds (files of feed URLs, or URLs), sitemaps (sitemap, sitemap index, robots.txt or
    site root URLs) and URL list files, and archive them. See ``docs/scraping.md``."""
    from gonerd.scrape.listings import ListingKind
    from gonerd.scrape.pages import PageKind

    settings = settings or ScrapeSettings()
    seeds: list[Seed] = [(u, "feed", w) for u, w in _url_sources(feeds, "--feeds")]
    for value in sitemaps:
        try:
            path = urlsplit(value).path
        except ValueError:  # a malformed URL: recorded as skipped/bad_url with the other seeds
            path = "?"
        if path in ("", "/") or path.endswith("/robots.txt"):  # the Sitemap: lines of the site's robots.txt
            seeds.append((value, SITEMAPS_OF_SITE, f"--sitemap {value}"))
        else:
            seeds.append((value, "sitemap", f"--sitemap {value}"))
    seeds += [(u, "page", w) for u, w in _url_sources(urls, "--urls")]
    if not seeds:
        raise ScrapeError("nothing to scrape: give --feeds, --sitemap or --urls")
    kinds: dict[str, Kind] = {
        "feed": ListingKind("feed", "page", settings.same_host),
        "sitemap": ListingKind("sitemap", "page", settings.same_host),
        "page": PageKind(),
    }
    return _run(out, "news", seeds, kinds, settings)


def scrape_legal(out: str | Path, *, courtlistener: Iterable[str] = (), urls: Iterable[str] = (),
                 api_base: str | None = None, token: str | None = None,
                 settings: ScrapeSettings | None = None) -> ScrapeResult:
    """Archive CourtListener opinions matching search queries, and court pages / opinion files given as URLs.
    ``token`` defaults to the ``COURTLISTENER_TOKEN`` environment variable."""
    from gonerd.scrape.courtlistener import (
        DEFAULT_API_BASE,
        TOKEN_ENV,
        OpinionKind,
        SearchKind,
        auth_headers,
        search_url,
    )
    from gonerd.scrape.pages import LegalPageKind

    settings = settings or ScrapeSettings()
    api_base = (api_base or DEFAULT_API_BASE).rstrip("/")
    base, _, _ = check_given(api_base)
    if base is None:
        raise ScrapeError(f"--api-base {api_base!r} is not an http(s) URL")
    api_base = base.rstrip("/")
    token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    queries = list(courtlistener)
    seeds: list[Seed] = [(search_url(api_base, q), "search", f"--courtlistener {q!r}") for q in queries]
    seeds += [(u, "legal_page", w) for u, w in _url_sources(urls, "--urls")]
    if not seeds:
        raise ScrapeError("nothing to scrape: give --courtlistener or --urls")
    if queries and not token:
        log.warning("no %s set: CourtListener's anonymous rate limit is much lower", TOKEN_ENV)
    kinds: dict[str, Kind] = {"search": SearchKind(api_base), "opinion": OpinionKind(api_base),
                              "legal_page": LegalPageKind()}
    return _run(out, "legal", seeds, kinds, settings, auth=auth_headers(api_base, token))


def _run(out: str | Path, mode: str, seeds: list[Seed], kinds: dict[str, Kind], settings: ScrapeSettings, *,
         auth: dict | None = None) -> ScrapeResult:
    from gonerd.scrape.progress import CrawlProgress

    if not settings.contact and not settings.user_agent:
        log.warning("no contact URL for the User-Agent: pass --contact URL (or set GONERD_SCRAPE_CONTACT) so that "
                    "site operators can reach you")
    layout = OutDir(Path(out))
    if layout.manifest.exists() and not settings.resume:
        raise ScrapeError(f"{layout.root} already holds a scrape: pass --resume to continue it, or choose another "
                          "--out")
    try:
        lock = layout.lock()
    except OutDirError as exc:
        raise ScrapeError(str(exc)) from None
    if not layout.manifest.exists() and layout.has_warcs():
        lock.close()
        raise ScrapeError(f"{layout.root / 'warcs'} holds WARC files but {layout.root} has no manifest.sqlite (the "
                          "manifest is the record of what they contain): choose another --out, or move them away")
    manifest = Manifest(layout.manifest)
    try:
        existing = manifest.get_meta("mode")
        if existing and existing != mode:
            raise ScrapeError(f"{layout.root} holds a {existing} scrape, not a {mode} one")
        manifest.set_meta("mode", mode)
        store = WarcStore(layout.warcs(mode), manifest, prefix=f"gonerd-{mode}", max_bytes=settings.warc_max_bytes,
                          fsync=settings.fsync, info=_warcinfo(settings))
        recovery = store.recover()
        for note in recovery:
            log.warning("recovery: %s", note)
        run_id = manifest.start_run(mode, {k: v for k, v in asdict(settings).items() if k != "user_agent"})
        interrupts = Interrupts()
        with CrawlProgress(f"scrape {mode}", enabled=settings.progress) as progress:
            crawler = Crawler(manifest, store, settings, kinds, auth=auth, on_progress=progress.update,
                              interrupts=interrupts)
            crawler.stats.recovery = recovery
            for row in manifest.to_queue(settings.retry_failed):
                crawler.queue_row(row)
            refused: Counter = Counter()
            for raw, kind, where in seeds:
                url, reason, message = check_given(raw)
                if kind == SITEMAPS_OF_SITE:
                    if url is not None:
                        crawler.seed_sitemaps_of(url, found_in=where)
                        continue
                    kind = "sitemap"
                if url is None:
                    manifest.add(raw, kind, document=kinds[kind].document, explicit=True, found_in=where,
                                 status="skipped", reason=reason, message=message)
                    crawler.stats.final[(kind, "skipped", reason)] += 1
                    crawler.stats.examples.setdefault(reason, f"{where}: {message}")
                    crawler.stats.given_examples.setdefault(reason, f"{where}: {message}")
                    refused[reason] += 1
                    continue
                crawler.seed(url, kind, found_in=where)
            with interrupts:
                try:
                    crawler.run()
                except KeyboardInterrupt:
                    log.warning("interrupted: run again with --resume to continue")
                finally:
                    with interrupts.deferred():
                        store.close()
        summary = summarize(manifest, crawler.stats, layout.warcs(mode))
        problem = shortfall(crawler.stats, crawler.kinds, layout.root, refused)
        manifest.finish_run(run_id, summary)
        write_atomic(layout.summary, json.dumps(summary, indent=2) + "\n")
        write_atomic(layout.manifest_jsonl,
                     "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in manifest.all_rows()))
        return ScrapeResult(layout.root, layout.manifest, layout.warcs(mode).parent, summary,
                            crawler.stats.interrupted, problem)
    finally:
        manifest.close()
        lock.close()


def _warcinfo(settings: ScrapeSettings) -> dict[str, str]:
    return {"http-header-user-agent": settings.agent,
            "robots": "obey" if settings.respect_robots else "ignore",
            "operator": settings.contact or "unknown",
            "description": "gonerd scrape: news and legal web text for NER datasets"}


class Interrupts:
    """Ctrl-C (SIGINT) and SIGTERM end a run the same way: a ``KeyboardInterrupt`` in the crawl's thread, after
    which queued URLs are marked ``interrupted`` and the WARC is closed. Inside a :meth:`deferred` section (one
    URL's WARC write and manifest commit) the signal is held and raised when the section ends, so it never lands
    between the two. Python runs signal handlers in the main thread only: off it, this does nothing."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self._old: dict = {}
        self._depth = 0
        self._pending: int | None = None

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            for sig in self.SIGNALS:
                self._old[sig] = signal.signal(sig, self._handler)
        return self

    def __exit__(self, *exc) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)
        self._old.clear()

    def _handler(self, signum, frame) -> None:
        if self._depth:
            self._pending = signum
            return
        raise KeyboardInterrupt

    @contextmanager
    def deferred(self) -> Iterator[None]:
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if not self._depth and self._pending is not None:
                self._pending = None
                raise KeyboardInterrupt
