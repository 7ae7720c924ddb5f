"""Per-host pacing: how many requests a host may have in flight, and when the next one may start.

A request to a host starts only when fewer than ``host_concurrency`` are in flight there and at least the host's
delay has passed since the last request to it started *and* since the last one finished (with one request at a
time: ``delay`` seconds of silence between two requests). A ``Retry-After`` or a robots.txt ``Crawl-delay`` moves
a host's next start later. Not thread-safe: the crawl's dispatcher thread alone calls it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Host:
    in_flight: int = 0
    last_event: float = -math.inf
    not_before: float = -math.inf
    delay: float | None = None  # robots.txt Crawl-delay, when longer than the default


class HostPacer:
    def __init__(self, delay: float, host_concurrency: int = 1, clock: Callable[[], float] = time.monotonic):
        self.delay = delay
        self.host_concurrency = host_concurrency
        self.clock = clock
        self._hosts: dict[str, _Host] = {}

    def _host(self, key: str) -> _Host:
        return self._hosts.setdefault(key, _Host())

    def delay_of(self, key: str) -> float:
        own = self._host(key).delay
        return max(self.delay, own) if own is not None else self.delay

    def set_crawl_delay(self, key: str, seconds: float) -> None:
        """A robots.txt Crawl-delay (the longest wins when several robots.txt files apply: http and https)."""
        host = self._host(key)
        host.delay = max(host.delay or 0.0, seconds)

    def ready_at(self, key: str) -> float:
        """When a request to ``key`` may start (``inf`` while all its slots are busy)."""
        host = self._host(key)
        if host.in_flight >= self.host_concurrency:
            return math.inf
        return max(host.last_event + self.delay_of(key), host.not_before)

    def start(self, key: str) -> None:
        host = self._host(key)
        host.in_flight += 1
        host.last_event = self.clock()

    def finish(self, key: str, at: float | None = None) -> None:
        """``at``: when the request really ended (a worker thread's clock reading), else now."""
        host = self._host(key)
        host.in_flight = max(0, host.in_flight - 1)
        host.last_event = max(host.last_event, at if at is not None else self.clock())

    def hold(self, key: str, until: float) -> None:
        """No request to ``key`` before ``until`` (a Retry-After, or a backoff after a host-wide failure)."""
        host = self._host(key)
        host.not_before = max(host.not_before, until)
