"""The crawl engine shared by ``scrape news`` and ``scrape legal``.

One dispatcher thread owns the manifest, the WARC store, the robots cache and the per-host pacer; worker threads
only run single HTTP exchanges (plus the CPU work on their body: parsing, htmldate, PDF text). Redirects and
retries go back through the dispatcher, so every hop obeys robots.txt, the address rules and the host's delay.

Every URL the crawl meets ends with a final manifest status: ``fetched``, ``failed`` or ``skipped``, with a reason.
What a URL *is* (robots file, feed, sitemap, article, API page, opinion) is a :class:`Kind`, which says what
content it accepts and turns a 2xx response into WARC records and/or newly found URLs (:class:`Analysis`).
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import logging
import random
import time
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from gonerd.scrape.fetch import Exchange, Fetcher, FetchError, backoff_delay, retry_after_seconds
from gonerd.scrape.manifest import RECHECKED_SKIPS, Manifest, Row, is_transient
from gonerd.scrape.ratelimit import HostPacer
from gonerd.scrape.robots import MAX_ROBOTS_BYTES, RobotsCache, RobotsRules, rules_from_body, rules_from_status
from gonerd.scrape.safety import address_problem, trust_origin
from gonerd.scrape.settings import ScrapeSettings
from gonerd.scrape.urlfilter import origin, pace_key, resolve
from gonerd.scrape.warc_store import WarcStore

log = logging.getLogger("gonerd.scrape")


class AnalysisError(Exception):
    """A 2xx response that cannot be used (unparseable feed, wrong content...): the URL fails with ``reason``."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass
class Found:
    """A URL found in a listing. ``url`` is None when it was refused (``reason``/``message`` say why);
    ``raw`` is the link as resolved against the listing's URL (the manifest key of a refused link)."""

    raw: str
    url: str | None
    kind: str
    reason: str | None = None
    message: str = ""
    data: dict = field(default_factory=dict)


@dataclass
class Analysis:
    records: list = field(default_factory=list)  # WARC specs (documents)
    found: list[Found] = field(default_factory=list)
    fields: dict = field(default_factory=dict)  # manifest fields (published, title ...)
    reason: str | None = None  # a note on a fetched URL (e.g. "pdf_no_text")
    message: str = ""
    extra: object = None


class Kind:
    """What a URL is. Subclasses set the class attributes and implement :meth:`analyse` (run in a worker)."""

    name = "page"
    document = False  # archived in the WARC and counted by --max-pages
    robots = True  # obeys robots.txt
    accept: frozenset[str] | None = None  # content types of a usable 2xx body (None: any)
    home: str | None = None  # the origin the user chose for this kind (``--api-base``): its address is not checked
    max_bytes: int | None = None  # body size limit (None: the --max-bytes setting)
    truncate = False  # a body over max_bytes is cut there instead of failing as too_large

    def analyse(self, task: Task, exchange: Exchange) -> Analysis:
        raise NotImplementedError

    @staticmethod
    def decoded(exchange: Exchange, *, partial: bool = False) -> bytes:
        """The body with its ``Content-Encoding`` undone, capped (see :func:`discover_news.decode_content`). A body
        that expands past the cap (a gzip bomb) fails as ``too_large_decompressed``, one that does not decode as
        ``bad_encoding``: counted reasons, not an ``analysis_error`` with a traceback."""
        import zlib

        from gonerd.scrape.discover_news import DecompressedTooLarge, decode_content

        coding = exchange.header("Content-Encoding")
        try:
            return decode_content(exchange.body, coding, partial=partial)
        except DecompressedTooLarge as exc:
            raise AnalysisError("too_large_decompressed", f"{exchange.url}: the {coding} body {exc} "
                                f"({len(exchange.body):,} bytes sent)") from None
        except (ValueError, OSError, EOFError, zlib.error) as exc:
            raise AnalysisError("bad_encoding", f"{exchange.url}: {exc}") from None


class RobotsKind(Kind):
    """robots.txt: at most its first 500 KiB are read and parsed (RFC 9309 asks for at least that much), so a
    larger file is not a failure."""

    name = "robots"
    robots = False
    max_bytes = MAX_ROBOTS_BYTES
    truncate = True

    def analyse(self, task: Task, exchange: Exchange) -> Analysis:
        return Analysis(extra=rules_from_body(self.decoded(exchange, partial=bool(exchange.extra.get("truncated")))))


@dataclass
class Task:
    url: str  # manifest key
    kind: Kind
    explicit: bool
    data: dict = field(default_factory=dict)
    current: str = ""  # the hop being fetched
    hops: list[str] = field(default_factory=list)
    attempts: int = 0  # requests for the current hop (retry budget)
    requests: int = 0  # requests made for this URL in this run
    not_before: float = 0.0
    trusted: str | None = None  # the origin the user named (scheme://host:port): its address is not checked

    def __post_init__(self) -> None:
        self.current = self.current or self.url
        if self.trusted is None:
            self.trusted = trust_origin(self.url) if self.explicit else self.kind.home


@dataclass
class _Result:
    exchange: Exchange | None = None
    error: FetchError | None = None
    analysis: Analysis | AnalysisError | None = None
    ended: float = 0.0
    requested: bool = True


@dataclass
class RunStats:
    requests: int = 0
    bytes: int = 0
    retries: int = 0
    redirects: int = 0
    duplicate_links: int = 0  # links found again in this run (de-duplicated after normalisation)
    final: Counter = field(default_factory=Counter)  # (kind, status, reason) → count, this run
    interrupted: bool = False
    seconds: float = 0.0
    recovery: list[str] = field(default_factory=list)
    examples: dict[str, str] = field(default_factory=dict)  # reason → the first failed/skipped URL's message
    given_examples: dict[str, str] = field(default_factory=dict)  # the same, for URLs the user gave


class Crawler:
    def __init__(self, manifest: Manifest, store: WarcStore, settings: ScrapeSettings, kinds: dict[str, Kind], *,
                 auth: dict[str, dict[str, str]] | None = None, fetcher: Fetcher | None = None,
                 on_progress: Callable[[Crawler], None] | None = None, rng: random.Random | None = None,
                 interrupts=None):
        self.manifest = manifest
        self.store = store
        self.settings = settings
        self.kinds = {"robots": RobotsKind(), **kinds}
        self.auth = auth or {}  # origin → headers added to its requests only (never archived, never logged)
        self.fetcher = fetcher or Fetcher(settings)
        self.on_progress = on_progress
        self.rng = rng or random.Random()
        self.interrupts = interrupts  # run.Interrupts: holds Ctrl-C/SIGTERM while a URL's WARC + manifest commit
        self.pacer = HostPacer(settings.delay, settings.host_concurrency)  # keyed by pace_key(), not by origin
        self.robots = RobotsCache()
        self.stats = RunStats()
        self._queues: dict[str, deque[Task]] = {}
        self._delayed: list[tuple[float, int, Task]] = []
        self._seq = itertools.count()
        self._in_flight: dict[Future, tuple[Task, str]] = {}
        self._seen: set[str] = set()
        self._robots_asked: set[str] = set()
        self._waiting: set[str] = set()  # origins whose next URL waits (robots.txt, or a --max-pages slot)
        self._sitemap_roots: dict[str, str] = {}  # origin → where the user asked for its sitemaps
        self._paces: dict[str, str] = {}  # origin → pace key
        self._blocked: dict[str, str] = {}  # pace key → why its URLs are skipped for the rest of this run
        self._docs_fetched = manifest.documents("fetched")
        self._docs_in_flight = 0
        self.known = 0  # URLs queued in this run (progress total)
        self.done = 0

    # queueing
    def queue_row(self, row: Row, *, force: bool = False) -> bool:
        """Queue a manifest row for this run unless it was queued already (``force``: even when fetched)."""
        if row.url in self._seen or row.kind == "robots":  # robots.txt is fetched on demand, once per run
            return False
        wanted = (row.status == "pending" or (row.status == "skipped" and row.reason in RECHECKED_SKIPS)
                  or (row.status == "failed" and self._retry_allowed(row.reason))
                  or (not row.document and row.status == "fetched") or force)
        if row.document and row.status == "fetched":
            wanted = False
        if not wanted:
            return False
        kind = self.kinds[row.kind]
        self._seen.add(row.url)
        self.known += 1
        self._enqueue(Task(row.url, kind, row.explicit, dict(row.data)))
        return True

    def seed(self, url: str, kind: str, *, found_in: str, data: dict | None = None) -> None:
        """A URL the user gave (a feed, a sitemap, a page, an API query): always looked at in this run unless it
        is a document that is already archived."""
        k = self.kinds[kind]
        row = self.manifest.add(url, kind, document=k.document, explicit=True, found_in=found_in, data=data)
        if row.status == "failed" and not self._retry_allowed(row.reason):  # documents and listings alike
            return
        self.queue_row(row, force=not row.document)

    def _retry_allowed(self, reason: str | None) -> bool:
        policy = self.settings.retry_failed
        return policy == "all" or (policy == "transient" and is_transient(reason))

    def seed_sitemaps_of(self, site: str, *, found_in: str) -> None:
        """``--sitemap https://site/`` (or its robots.txt): the sitemaps named by the site's robots.txt, which the
        crawl fetches anyway (``/sitemap.xml`` when it names none)."""
        key = origin(site)
        self._sitemap_roots[key] = found_in
        self._ensure_robots(key, trusted=True)

    def _ensure_robots(self, key: str, *, trusted: bool, front: bool = True) -> bool:
        """Queue the robots.txt of ``key`` once per run; True when this call queued it."""
        if self.robots.get(key) is not None or key in self._robots_asked:
            return False
        self._robots_asked.add(key)
        robots_url = key + "/robots.txt"
        self.manifest.add(robots_url, "robots", document=False, found_in="robots")
        self.known += 1
        task = Task(robots_url, self.kinds["robots"], explicit=False, data={"origin": key},
                    trusted=trust_origin(key) if trusted else None)
        queue = self._queues.setdefault(key, deque())
        queue.appendleft(task) if front else queue.append(task)
        return True

    def _enqueue(self, task: Task, front: bool = False) -> None:
        key = origin(task.current)
        queue = self._queues.setdefault(key, deque())
        # the robots.txt of an origin the user named is trusted; that of one reached by a redirect (another host,
        # or another port of the same host) is not: its address is checked like any other request's
        trusted = task.trusted is not None and trust_origin(key) == task.trusted
        if self._needs_robots(task) and self._ensure_robots(key, trusted=trusted) and front:
            queue.insert(1, task)
            return
        if front:
            queue.appendleft(task)
        else:
            queue.append(task)

    def _needs_robots(self, task: Task) -> bool:
        return self.settings.respect_robots and task.kind.robots

    def _pace(self, key: str) -> str:
        """The pacing unit of an origin (its host without ``www.``; see :func:`urlfilter.pace_key`)."""
        pk = self._paces.get(key)
        if pk is None:
            pk = self._paces[key] = pace_key(key)
        return pk

    def _deferred(self):
        """A section that Ctrl-C/SIGTERM cannot cut in two (they take effect when it ends)."""
        return self.interrupts.deferred() if self.interrupts is not None else contextlib.nullcontext()

    # the loop
    def run(self) -> RunStats:
        start = time.monotonic()
        pool = ThreadPoolExecutor(max_workers=self.settings.concurrency, thread_name_prefix="gonerd-fetch")
        try:
            while self._queues or self._delayed or self._in_flight:
                now = time.monotonic()
                self._dispatch(pool, now)
                timeout = self._next_wake(time.monotonic())
                if self._in_flight:
                    done, _ = wait(list(self._in_flight), timeout=timeout, return_when=FIRST_COMPLETED)
                    for future in done:
                        task, key = self._in_flight.pop(future)
                        self._handle(task, key, future.result())
                elif timeout:
                    time.sleep(timeout)
        except BaseException:
            self.stats.interrupted = True
            pool.shutdown(wait=False, cancel_futures=True)
            self._interrupt()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            self.fetcher.close()
            self.stats.seconds = time.monotonic() - start
        return self.stats

    def _next_wake(self, now: float) -> float:
        """How long the dispatcher may sleep: until a delayed retry is due or a host with work becomes ready.
        Hosts waiting for their robots.txt, and a full pool, wake it through a finished request instead."""
        if len(self._in_flight) >= self.settings.concurrency:
            return 0.5
        times = [self._delayed[0][0]] if self._delayed else []
        for key, queue in self._queues.items():
            if queue and key not in self._waiting:
                times.append(max(self.pacer.ready_at(self._pace(key)), queue[0].not_before))
        if not times:
            return 0.5
        return min(0.5, max(0.0, min(times) - now))

    def _dispatch(self, pool: ThreadPoolExecutor, now: float) -> None:
        while self._delayed and self._delayed[0][0] <= now:
            _, _, task = heapq.heappop(self._delayed)
            self._enqueue(task, front=True)
        self._waiting.clear()
        for key in list(self._queues):
            queue = self._queues[key]
            while queue and len(self._in_flight) < self.settings.concurrency:
                task = queue[0]
                verdict = self._precheck(task, key)
                if verdict == "done":
                    queue.popleft()
                    continue
                if verdict == "wait":
                    self._waiting.add(key)
                    break
                if self.pacer.ready_at(self._pace(key)) > now:
                    break
                queue.popleft()
                self._submit(pool, task, key)
            if not queue:
                del self._queues[key]

    def _precheck(self, task: Task, key: str) -> str:
        """Decisions that need no request: host back-off, limits, duplicates, robots.txt. "go", "wait" or
        "done"."""
        kind = task.kind
        blocked = self._blocked.get(self._pace(key))
        if blocked is not None:
            if kind.name == "robots":
                rules = RobotsRules(unavailable=blocked, reason="host_backoff")
                self._robots_done(task, rules, "skipped", "host_backoff", blocked)
            else:
                self._final(task, "skipped", "host_backoff", blocked)
            return "done"
        limit = self.settings.max_pages
        if limit is not None and kind.name != "robots" and self._docs_fetched >= limit:
            # the limit is reached: no more documents, and no more listings (they would only find documents)
            self._final(task, "skipped", "max_pages", f"--max-pages {limit} reached")
            return "done"
        if kind.document:
            if limit is not None and self._docs_fetched + self._docs_in_flight >= limit:
                return "wait"  # a document in flight may still fail and free its slot
            owner = self.manifest.archived_as(task.current)
            if owner is not None:
                if owner != task.url:
                    self._final(task, "skipped", "duplicate", f"already archived as {owner}")
                else:
                    self.done += 1
                return "done"
        if self._needs_robots(task):
            rules = self.robots.get(key)
            if rules is None:
                return "wait"
            if not rules.allowed(task.current):
                if rules.unavailable:
                    self._final(task, "skipped", rules.reason, f"{key}/robots.txt unavailable: {rules.unavailable}")
                else:
                    self._final(task, "skipped", "robots_disallowed", f"robots.txt of {key} disallows it")
                return "done"
        return "go"

    def _submit(self, pool: ThreadPoolExecutor, task: Task, key: str) -> None:
        task.attempts += 1
        task.requests += 1
        check = not self.settings.allow_private and trust_origin(task.current) != task.trusted
        headers = self.auth.get(key)
        self.pacer.start(self._pace(key))
        if task.kind.document:
            self._docs_in_flight += 1
        future = pool.submit(self._job, task, check, headers)
        self._in_flight[future] = (task, key)

    def _job(self, task: Task, check_address: bool, headers: dict[str, str] | None) -> _Result:
        """Worker thread: address check, one request, and the kind's analysis of a 2xx body."""
        if check_address:
            problem = address_problem(task.current)
            if problem:
                reason, message = problem
                return _Result(error=FetchError(reason, message), ended=time.monotonic(), requested=False)
        try:
            exchange = self.fetcher.get(task.current, headers=headers, accept=task.kind.accept,
                                        max_bytes=task.kind.max_bytes, truncate=task.kind.truncate)
        except FetchError as exc:
            return _Result(error=exc, ended=time.monotonic())
        result = _Result(exchange=exchange, ended=exchange.ended)
        if 200 <= exchange.status < 300:
            try:
                result.analysis = task.kind.analyse(task, exchange)
            except AnalysisError as exc:
                result.analysis = exc
            except Exception as exc:  # a bug or a library failure on odd input: the URL fails, the crawl goes on
                log.exception("analysing %s failed", exchange.url)
                result.analysis = AnalysisError("analysis_error", f"{type(exc).__name__}: {exc}")
        return result

    # results
    def _handle(self, task: Task, key: str, result: _Result) -> None:
        self.pacer.finish(self._pace(key), result.ended)
        if task.kind.document:
            self._docs_in_flight -= 1
        if not result.requested:
            task.requests -= 1
        else:
            self.stats.requests += 1
        ex = result.exchange or (result.error.exchange if result.error else None)
        if ex is not None:
            self.stats.bytes += len(ex.body)
        if result.error is not None:
            self._failed_request(task, key, result.error)
        elif 300 <= ex.status < 400 and ex.header("Location"):
            self._redirect(task, ex)
        elif 200 <= ex.status < 300:
            self._success(task, ex, result.analysis)
        else:
            self._http_error(task, key, ex)
        if self.on_progress:
            self.on_progress(self)

    def _failed_request(self, task: Task, key: str, error: FetchError) -> None:
        http_status = error.exchange.status if error.exchange else None
        if is_transient(error.reason) and task.attempts <= self.settings.retries:
            self._retry(task, key, None)
            return
        if task.kind.name == "robots":
            blocked = error.reason == "private_address"
            rules = RobotsRules(unavailable=error.message, reason=error.reason if blocked else "robots_unavailable")
            self._robots_done(task, rules, "skipped" if blocked else "failed", error.reason, error.message)
            return
        status = "skipped" if error.reason == "private_address" else "failed"
        self._final(task, status, error.reason, error.message, http_status=http_status)

    def _http_error(self, task: Task, key: str, ex: Exchange) -> None:
        reason = f"http_{ex.status}"
        if ex.status == 429 or ex.status >= 500:
            wait_for = retry_after_seconds(ex.header("Retry-After"))
            cap = self.settings.max_backoff
            if wait_for is not None and wait_for > cap:
                # the whole host asked for a pause longer than we wait: its other URLs are not requested in this
                # run either (skipped as host_backoff, looked at again by --resume)
                pk = self._pace(key)
                self._blocked[pk] = (f"{pk} asked for a {wait_for:g} s pause (Retry-After on {ex.url}), over the "
                                     f"{cap:g} s cap: run again later with --resume")
                log.warning("%s", self._blocked[pk])
                message = f"Retry-After {wait_for:g} s is over the {cap:g} s cap; resume later"
                return self._final_http(task, ex, reason, message)
            if task.attempts <= self.settings.retries:
                self._retry(task, key, wait_for, hold_host=True)  # the server is busy: the host waits, not the URL
                return
        self._final_http(task, ex, reason, f"{ex.url} answered HTTP {ex.status} {ex.reason}".strip())

    def _final_http(self, task: Task, ex: Exchange, reason: str, message: str) -> None:
        if task.kind.name == "robots":
            rules = rules_from_status(ex.status)
            status = "skipped" if rules.unavailable is None else "failed"
            reason = "no_robots_txt" if rules.unavailable is None else reason
            self._robots_done(task, rules, status, reason, message, http_status=ex.status)
            return
        self._final(task, "failed", reason, message, http_status=ex.status, final_url=self._final_url(task))

    def _retry(self, task: Task, key: str, retry_after: float | None, *, hold_host: bool = False) -> None:
        """Try ``task`` again after ``retry_after`` (the server's) or the exponential backoff; ``hold_host``: no
        request at all to its host before then (after a 429 or 5xx answer)."""
        now = time.monotonic()
        if retry_after is not None:
            delay = retry_after
        else:
            delay = backoff_delay(task.attempts, self.settings.backoff, self.settings.max_backoff, self.rng)
        if hold_host:
            self.pacer.hold(self._pace(key), now + delay)
        task.not_before = now + delay
        self.stats.retries += 1
        heapq.heappush(self._delayed, (task.not_before, next(self._seq), task))

    def _redirect(self, task: Task, ex: Exchange) -> None:
        from gonerd.scrape.urlfilter import check_given

        location = ex.header("Location").strip()
        target, _, message = check_given(resolve(task.current, location))
        if target is None:
            return self._redirect_failed(task, ex, "bad_redirect",
                                         f"{task.current} redirects to {location!r} ({message})")
        if target == task.current or target in task.hops:
            return self._redirect_failed(task, ex, "redirect_loop",
                                         f"redirect loop: {' -> '.join([*task.hops, task.current, target])}")
        if len(task.hops) >= self.settings.max_redirects:
            return self._redirect_failed(task, ex, "too_many_redirects",
                                         f"more than {self.settings.max_redirects} redirects from {task.url}")
        self.stats.redirects += 1
        task.hops.append(task.current)
        task.current = target
        task.attempts = 0
        self._enqueue(task, front=True)

    def _redirect_failed(self, task: Task, ex: Exchange, reason: str, message: str) -> None:
        if task.kind.name == "robots":  # the host's URLs wait for these rules: "unavailable", as for a 5xx
            rules = RobotsRules(unavailable=message)
            return self._robots_done(task, rules, "failed", reason, message, http_status=ex.status)
        self._final(task, "failed", reason, message, http_status=ex.status)

    def _final_url(self, task: Task) -> str | None:
        return task.current if task.current != task.url else None

    def _success(self, task: Task, ex: Exchange, analysis: Analysis | AnalysisError | None) -> None:
        if task.kind.name == "robots":
            if isinstance(analysis, AnalysisError):
                rules = RobotsRules(unavailable=analysis.message)
                return self._robots_done(task, rules, "failed", analysis.reason, analysis.message)
            return self._robots_done(task, analysis.extra, "fetched", None, "", http_status=ex.status)
        base = {"http_status": ex.status, "final_url": self._final_url(task),
                "content_type": ex.header("Content-Type"), "bytes": len(ex.body)}
        if isinstance(analysis, AnalysisError):
            return self._final(task, "failed", analysis.reason, analysis.message, **base)
        fields = {**base, **analysis.fields}
        if task.kind.document:
            owner = self.manifest.archived_as(ex.url)
            if owner is not None and owner != task.url:
                return self._final(task, "skipped", "duplicate", f"already archived as {owner}", **fields)
            # the records and the manifest row that names them are one step that Ctrl-C/SIGTERM cannot cut: the
            # interrupt takes effect after it (and if anything fails inside, the WARC is cut back to what the
            # manifest has committed, never below)
            with self._deferred():
                written = self.store.write(analysis.records)
                try:
                    with self.manifest.transaction():
                        self.store.commit(written)
                        self._final(task, "fetched", analysis.reason, analysis.message,
                                    payload_digest=written.payload_digest, warc_file=written.file,
                                    warc_offset=written.offset, warc_length=written.length, **fields)
                except BaseException:
                    self.store.rollback(written)
                    raise
                self._docs_fetched += 1
            return
        self._add_found(analysis.found, task.url, lambda: self._final(task, "fetched", analysis.reason,
                                                                       analysis.message, **fields))

    def _add_found(self, found: list[Found], parent: str, also: Callable[[], None] | None = None) -> None:
        """Record found URLs (and ``also`` the parent's status) in one transaction, then queue the new ones."""
        queued: list[Row] = []
        with self.manifest.transaction():
            for item in found:
                if item.url is not None and item.url in self._seen:
                    self.stats.duplicate_links += 1
                row = self._record_found(item, parent)
                if row is not None:
                    queued.append(row)
            if also is not None:
                also()
        for row in queued:
            self.queue_row(row)

    def _record_found(self, found: Found, parent: str) -> Row | None:
        kind = self.kinds[found.kind]
        if found.url is None:
            self.manifest.add(found.raw, found.kind, document=kind.document, found_in=parent, data=found.data,
                              status="skipped", reason=found.reason, message=found.message)
            self.stats.final[(found.kind, "skipped", found.reason)] += 1
            return None
        limit = self.settings.max_pages
        if limit is not None and self._docs_fetched >= limit:
            row = self.manifest.add(found.url, found.kind, document=kind.document, found_in=parent,
                                    data=found.data, status="skipped", reason="max_pages",
                                    message=f"--max-pages {limit} reached")
            if row.status == "skipped" and row.reason == "max_pages":
                self.stats.final[(found.kind, "skipped", "max_pages")] += 1
            return None
        return self.manifest.add(found.url, found.kind, document=kind.document, found_in=parent, data=found.data)

    def _robots_done(self, task: Task, rules: RobotsRules, status: str, reason: str | None, message: str,
                     **fields) -> None:
        key = task.data.get("origin") or origin(task.url)
        self.robots.set(key, rules)
        delay = rules.crawl_delay()
        if delay is not None and delay > self.settings.delay:
            self.pacer.set_crawl_delay(self._pace(key), min(delay, self.settings.max_crawl_delay))
        self._final(task, status, reason, message, final_url=self._final_url(task), **fields)
        if key in self._sitemap_roots:
            from gonerd.scrape.listings import sitemap_link

            found = []
            for link in rules.sitemaps or [key + "/sitemap.xml"]:
                url, why, note = sitemap_link(link, task.url, same_host=False)  # robots.txt may name other hosts
                found.append(Found(resolve(task.url, link), url, "sitemap", why, note, {"depth": 0}))
            self._add_found(found, task.url)

    def _final(self, task: Task, status: str, reason: str | None, message: str, **fields) -> None:
        self.manifest.set_status(task.url, status, reason, attempts=task.requests, message=message or None,
                                 **fields)
        task.requests = 0
        self.stats.final[(task.kind.name, status, reason)] += 1
        if status in ("failed", "skipped") and reason:
            example = message if task.current in (message or "") else f"{task.current}: {message}"
            self.stats.examples.setdefault(reason, example)
            if task.explicit:
                self.stats.given_examples.setdefault(reason, example)
        self.done += 1
        if status == "failed":
            log.info("failed %s: %s (%s)", task.url, reason, message)

    def _interrupt(self) -> None:
        """Ctrl-C or SIGTERM: every URL still queued or in flight is marked resumable (``interrupted``)."""
        tasks = [t for q in self._queues.values() for t in q] + [t for _, _, t in self._delayed]
        tasks += [t for t, _ in self._in_flight.values()]
        try:
            with self.manifest.transaction():
                for task in tasks:
                    self.manifest.set_status(task.url, "skipped", "interrupted", attempts=task.requests,
                                             message="the run was interrupted; --resume continues")
                    self.stats.final[(task.kind.name, "skipped", "interrupted")] += 1
        except Exception:  # the manifest stays consistent (pending rows are resumed too)
            log.exception("could not mark interrupted URLs")
        self._queues.clear()
        self._delayed.clear()
        self._in_flight.clear()
