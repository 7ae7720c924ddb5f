"""Pacing across hosts: one request at a time per host, hosts in parallel, robots.txt Crawl-delay honoured."""

from __future__ import annotations

import itertools
import time

import pytest
from scrape_site import article, send
from test_news_scrape import manifest_rows, settings

from gonerd.scrape import scrape_news

WORK = 0.2


def slow_page(title: str):
    body = article(title)

    def fn(req, n):
        time.sleep(WORK)
        send(req, 200, body, "text/html")

    return fn


@pytest.mark.network
def test_hosts_in_parallel_one_request_at_a_time_per_host(server, server2, tmp_path):
    urls = []
    for srv, name in ((server, "a"), (server2, "b")):
        for i in range(3):
            srv.route(f"/{name}{i}.html", slow_page(f"Parallel {name} {i}"))
            urls.append(srv.url(f"/{name}{i}.html"))
    server2.static("/robots.txt", "User-agent: *\nCrawl-delay: 0.3\n", "text/plain")
    (tmp_path / "urls.txt").write_text("\n".join(urls))
    scrape_news(tmp_path / "out", urls=[str(tmp_path / "urls.txt")],
                settings=settings(delay=0.0, concurrency=4, host_concurrency=1))
    assert {r["status"] for r in manifest_rows(tmp_path / "out").values() if r["document"]} == {"fetched"}
    a = [h.t for h in server.log if h.path != "/robots.txt"]
    b = [h.t for h in server2.log if h.path != "/robots.txt"]
    # one at a time per host: each request starts after the previous one (WORK long) ended
    assert all(y - x >= WORK for x, y in itertools.pairwise(a))
    # robots.txt's Crawl-delay on host b adds its 0.3 s after every request
    assert all(y - x >= WORK + 0.3 for x, y in itertools.pairwise(b))
    # and the two hosts were crawled at the same time
    assert min(abs(x - y) for x in a for y in b) < WORK


@pytest.mark.network
def test_a_failing_robots_txt_is_retried_then_blocks_the_host(server, tmp_path):
    server.route("/robots.txt", lambda req, n: send(req, 503, b"busy", "text/plain"))
    server.static("/a.html", article("Blocked story"))
    (tmp_path / "urls.txt").write_text(server.url("/a.html"))
    start = time.process_time()
    scrape_news(tmp_path / "out", urls=[str(tmp_path / "urls.txt")],
                settings=settings(delay=0.0, retries=2, backoff=0.3))
    assert time.process_time() - start < 1.0  # waiting for the retries does not spin the CPU
    rows = manifest_rows(tmp_path / "out")
    assert (rows[server.url("/robots.txt")]["status"], rows[server.url("/robots.txt")]["reason"]) == (
        "failed", "http_503")
    assert rows[server.url("/a.html")]["reason"] == "robots_unavailable"
    assert [h.path for h in server.log] == ["/robots.txt"] * 3  # robots.txt tried 3 times, the page never
