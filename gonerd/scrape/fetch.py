"""One HTTP exchange with hard limits, and nothing else: no redirects followed, no retries (the crawl decides).

urllib3 streams the body undecoded (``Content-Encoding`` kept, chunking removed), so what is archived is what
the server sent. Limits: connect and read timeouts, a deadline for the whole exchange (``4 x timeout`` from the
request's start, against servers that drip bytes: the status line and headers are cut off by a watchdog that shuts
the socket at the deadline, and every body read waits at most until it), ``max_bytes`` checked against
``Content-Length`` before reading and while streaming, and the content type checked before the body is read.
Every failure is a :class:`FetchError` with a short reason.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import http.client
import random
import socket
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

from gonerd.scrape.settings import ScrapeSettings

CHUNK = 64 * 1024
ACCEPT_ENCODING = "gzip, deflate"  # decodable by warcio when the build reads the WARC


class FetchError(Exception):
    """A request that did not give a usable response. ``reason`` is the manifest's short reason."""

    def __init__(self, reason: str, message: str, *, exchange: Exchange | None = None):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.exchange = exchange


@dataclass
class Exchange:
    """A request and its response as they went over the wire (body as received, chunking undone)."""

    url: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    protocol: str
    headers: list[tuple[str, str]]
    body: bytes = b""
    date: str = ""  # ISO 8601 UTC, when the request was sent (the WARC-Date)
    ended: float = 0.0  # time.monotonic() when the response was complete
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        name = name.lower()
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None

    @property
    def content_type(self) -> str:
        return (self.header("Content-Type") or "").split(";")[0].strip().lower()


def main_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: ``base * 2**(attempt-1)``, capped, times a random factor in [0.5, 1.5)."""
    rng = rng or random
    return min(cap, base * 2 ** max(0, attempt - 1)) * (0.5 + rng.random())


def _classify(exc: Exception) -> tuple[str, str]:
    from urllib3 import exceptions as e

    # NameResolutionError and NewConnectionError (refused, unreachable) subclass ConnectTimeoutError in urllib3 2.x:
    # they are tested first. A real connect timeout is a plain ConnectTimeoutError.
    if isinstance(exc, e.NameResolutionError):
        return "dns_error", f"cannot resolve the host ({exc})"
    if isinstance(exc, e.NewConnectionError):
        return "connection_error", f"cannot connect ({exc})"
    if isinstance(exc, (e.ConnectTimeoutError, e.ReadTimeoutError, TimeoutError, socket.timeout)):
        return "timeout", f"timed out ({exc})"
    if isinstance(exc, e.SSLError):
        return "tls_error", f"TLS failed ({exc})"
    if isinstance(exc, (e.LocationParseError, e.LocationValueError)):
        return "bad_url", f"unusable URL ({exc})"
    if isinstance(exc, e.ProtocolError):
        causes = exc.args[1:] if len(exc.args) > 1 else ()
        if any(isinstance(c, http.client.IncompleteRead) for c in causes) or "IncompleteRead" in str(exc):
            return "truncated_body", f"the connection closed before the whole body arrived ({exc})"
        if any(isinstance(c, (ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError))
               for c in causes):
            return "connection_reset", f"the server dropped the connection ({exc})"
        return "connection_error", f"protocol error ({exc})"
    if isinstance(exc, (ConnectionResetError, http.client.RemoteDisconnected)):
        return "connection_reset", f"the server dropped the connection ({exc})"
    if isinstance(exc, (e.HTTPError, OSError, http.client.HTTPException)):
        return "connection_error", f"{type(exc).__name__}: {exc}"
    raise exc


_deadline = threading.local()  # the deadline of the request the current worker thread is making


@functools.cache
def _watched_pools() -> dict:
    """urllib3 pool classes whose connections wait for the status line and headers only until the request's
    deadline (``_deadline.at``): a watchdog timer shuts the socket down then, which ends a blocked read."""
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class Watched:
        def getresponse(self, *args, **kwargs):
            at = getattr(_deadline, "at", None)
            sock = getattr(self, "sock", None)
            if at is None or sock is None:
                return super().getresponse(*args, **kwargs)
            timer = threading.Timer(max(0.0, at - time.monotonic()), _shutdown, (sock,))
            timer.daemon = True
            timer.start()
            try:
                return super().getresponse(*args, **kwargs)
            finally:
                timer.cancel()

    class WatchedHTTP(Watched, HTTPConnection):
        pass

    class WatchedHTTPS(Watched, HTTPSConnection):
        pass

    class WatchedHTTPPool(HTTPConnectionPool):
        ConnectionCls = WatchedHTTP

    class WatchedHTTPSPool(HTTPSConnectionPool):
        ConnectionCls = WatchedHTTPS

    return {"http": WatchedHTTPPool, "https": WatchedHTTPSPool}


def _shutdown(sock) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


class Fetcher:
    """Thread-safe: one connection pool shared by the crawl's worker threads."""

    def __init__(self, settings: ScrapeSettings):
        import urllib3

        self.settings = settings
        self._timeout = urllib3.Timeout(connect=settings.timeout, read=settings.timeout)
        self._pool = urllib3.PoolManager(num_pools=64, maxsize=settings.host_concurrency, block=False,
                                         retries=False)
        self._pool.pool_classes_by_scheme = _watched_pools()

    def close(self) -> None:
        self._pool.clear()

    def get(self, url: str, *, headers: dict[str, str] | None = None,
            accept: Collection[str] | None = None, max_bytes: int | None = None, truncate: bool = False) -> Exchange:
        """GET ``url`` once. ``accept``: content types allowed for a 2xx body (a missing type is allowed; the
        caller sniffs). Non-2xx bodies are not read. ``truncate``: a body over ``max_bytes`` is cut there (and
        ``exchange.extra["truncated"]`` set) instead of failing as ``too_large``. Raises :class:`FetchError`."""
        settings = self.settings
        max_bytes = max_bytes or settings.max_bytes
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
            port = parts.port
        except ValueError as exc:  # the crawl validates URLs first; a direct caller may not have
            raise FetchError("bad_url", f"unusable URL {url!r} ({exc})") from None
        host = f"[{host}]" if ":" in host else host
        if port is not None:
            host += f":{port}"
        sent = {"User-Agent": settings.agent, "Accept-Encoding": ACCEPT_ENCODING, **(headers or {})}
        date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        start = time.monotonic()
        _deadline.at = start + self.deadline
        try:
            resp = self._pool.urlopen("GET", url, headers=sent, redirect=False, retries=False,
                                      preload_content=False, decode_content=False, timeout=self._timeout)
        except Exception as exc:
            reason, message = _classify(exc)
            if time.monotonic() >= start + self.deadline:
                reason, message = "timeout", f"{url}: no complete answer within {self.deadline:g} s"
            raise FetchError(reason, message) from None
        finally:
            _deadline.at = None
        request_headers = [("Host", host), *sent.items()]
        exchange = Exchange(
            url=url, request_headers=request_headers, status=resp.status, reason=resp.reason or "",
            protocol="HTTP/1.0" if resp.version == 10 else "HTTP/1.1",
            headers=list(resp.headers.iteritems()), date=date,
        )
        try:
            if 200 <= resp.status < 300:
                exchange.body = self._read_body(resp, exchange, accept, max_bytes, start, truncate)
        except FetchError as exc:
            exc.exchange = exchange
            raise
        except Exception as exc:
            reason, message = _classify(exc)
            if reason == "timeout" and time.monotonic() >= start + self.deadline:
                message = f"{url}: the body took over {self.deadline:g} s"
            raise FetchError(reason, message, exchange=exchange) from None
        finally:
            resp.release_conn() if resp.isclosed() else resp.close()
        exchange.ended = time.monotonic()
        exchange.seconds = exchange.ended - start
        return exchange

    @property
    def deadline(self) -> float:
        """Seconds from the request's start by which the whole body must have arrived."""
        return 4 * self.settings.timeout

    def _read_body(self, resp, exchange: Exchange, accept, max_bytes: int, start: float, truncate: bool) -> bytes:
        ctype = exchange.content_type
        if accept is not None and ctype and ctype not in accept:
            raise FetchError("unsupported_content_type", f"{exchange.url} is {ctype!r}, not one of {sorted(accept)}")
        declared = exchange.header("Content-Length")
        if not truncate and declared and declared.strip().isdigit() and int(declared) > max_bytes:
            raise FetchError("too_large", f"{exchange.url} declares {int(declared):,} bytes, over {max_bytes:,}")
        deadline = start + self.deadline
        sock = getattr(resp.connection, "sock", None)
        chunks, size = [], 0
        while True:
            # read1 returns what has arrived (a server that drips bytes cannot hold one read open for long), and
            # no single wait on the socket goes past the deadline
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchError("timeout", f"{exchange.url}: the body took over {self.deadline:g} s")
            if sock is not None:
                sock.settimeout(min(self.settings.timeout, remaining))
            chunk = resp.read1(CHUNK, decode_content=False)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                if truncate:
                    chunks.append(chunk[: len(chunk) - (size - max_bytes)])
                    exchange.extra["truncated"] = True
                    resp.close()  # the rest is not wanted: the connection is not reused
                    break
                raise FetchError("too_large", f"{exchange.url} sent more than {max_bytes:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
