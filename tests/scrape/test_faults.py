"""Faults and limits of `scrape news`/`scrape legal` against servers on 127.0.0.1: robots.txt redirects that fail,
redirects into private addresses, host-wide back-off, dripping bodies, malformed links, connection errors,
--max-pages with failures, user-given URLs kept as given, and a reused output folder."""

from __future__ import annotations

import gzip
import socket
import time

import pytest
from click.testing import CliRunner
from scrape_site import article, redirect, rss, send, urlset
from test_news_scrape import manifest_rows, settings, warc_records

from gonerd.cli import main
from gonerd.scrape import scrape_legal, scrape_news
from gonerd.scrape.fetch import Fetcher, FetchError
from gonerd.scrape.run import ScrapeError


def status(rows, url) -> tuple[str, str | None]:
    return rows[url]["status"], rows[url]["reason"]


@pytest.mark.network
@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", ["loop", "too_many", "bad_scheme"])
def test_a_robots_txt_redirect_that_fails_blocks_the_host_instead_of_hanging(server, tmp_path, case):
    if case == "loop":
        server.route("/robots.txt", redirect("/robots.txt"))
        expected = "redirect_loop"
    elif case == "too_many":
        server.route("/robots.txt", redirect("/r/1"))
        for i in range(1, 10):
            server.route(f"/r/{i}", redirect(f"/r/{i + 1}"))
        expected = "too_many_redirects"
    else:
        server.route("/robots.txt", redirect("ftp://127.0.0.1/robots.txt"))
        expected = "bad_redirect"
    server.static("/a.html", article("Waiting story"))
    (tmp_path / "urls.txt").write_text(server.url("/a.html"))
    scrape_news(tmp_path / "out", urls=[str(tmp_path / "urls.txt")], settings=settings(delay=0.0, max_redirects=3))
    rows = manifest_rows(tmp_path / "out")
    assert status(rows, server.url("/robots.txt")) == ("failed", expected)
    # the host's rules are "unavailable" (as for a 5xx): its URLs are skipped, resumable, never requested
    assert status(rows, server.url("/a.html")) == ("skipped", "robots_unavailable")
    assert server.hits("/a.html") == []


@pytest.mark.network
def test_a_redirect_to_a_private_host_is_refused_and_so_is_its_robots_txt(server, server2, tmp_path):
    """The user's URL is on a host they chose (127.0.0.1, not checked); it redirects to another host, "localhost",
    which resolves to a loopback address: neither its robots.txt nor the page may be requested."""
    server.route("/a.html", redirect(f"http://localhost:{server2.port}/internal/admin"))
    server.static("/b.html", article("A story on the chosen host"))
    server2.static("/internal/admin", article("Admin page"))
    (tmp_path / "urls.txt").write_text(server.url("/a.html") + "\n" + server.url("/b.html"))
    scrape_news(tmp_path / "out", urls=[str(tmp_path / "urls.txt")],
                settings=settings(delay=0.0, allow_private=False))
    rows = manifest_rows(tmp_path / "out")
    assert server2.log == []
    assert status(rows, server.url("/a.html")) == ("skipped", "private_address")
    assert status(rows, f"http://localhost:{server2.port}/robots.txt") == ("skipped", "private_address")
    assert status(rows, server.url("/b.html")) == ("fetched", None)  # the user's own host is not checked


@pytest.mark.network
def test_a_retry_after_over_the_cap_holds_the_whole_host_until_resume(server, server2, tmp_path):
    state = {"busy": True}

    def page(i):
        body = article(f"Patient story {i}")

        def fn(req, n):
            if state["busy"]:
                send(req, 429, b"go away", "text/plain", [("Retry-After", "3600")])
            else:
                send(req, 200, body, "text/html")

        return fn

    for i in range(8):
        server.route(f"/p{i}.html", page(i))
    server2.static("/other.html", article("Another host's story"))
    urls = [server.url(f"/p{i}.html") for i in range(8)] + [server2.url("/other.html")]
    (tmp_path / "urls.txt").write_text("\n".join(urls))
    out = tmp_path / "out"
    result = scrape_news(out, urls=[str(tmp_path / "urls.txt")], settings=settings(delay=0.0, max_backoff=60))
    assert [h.path for h in server.log if h.path != "/robots.txt"] == ["/p0.html"]  # one request, then nothing
    rows = manifest_rows(out)
    assert status(rows, urls[0]) == ("failed", "http_429")
    assert {status(rows, u) for u in urls[1:8]} == {("skipped", "host_backoff")}
    assert "3600 s pause" in rows[urls[1]]["message"] and "--resume" in rows[urls[1]]["message"]
    assert status(rows, urls[8]) == ("fetched", None)  # other hosts go on
    assert result.summary["documents"]["skipped_by_reason"] == {"host_backoff": 7}

    state["busy"] = False
    scrape_news(out, urls=[str(tmp_path / "urls.txt")], settings=settings(delay=0.0, resume=True))
    assert {r["status"] for r in manifest_rows(out).values() if r["document"]} == {"fetched"}


@pytest.mark.network
def test_a_429_without_retry_after_holds_the_host_for_the_backoff(server, tmp_path):
    def busy_once(req, n):
        if n == 1:
            send(req, 429, b"slow down", "text/plain")
        else:
            send(req, 200, article("Busy story"), "text/html")

    server.route("/busy.html", busy_once)
    for i in range(3):
        server.static(f"/calm{i}.html", article(f"Calm story {i}"))
    paths = ["/busy.html", "/calm0.html", "/calm1.html", "/calm2.html"]
    (tmp_path / "urls.txt").write_text("\n".join(server.url(p) for p in paths))
    backoff = 0.4  # the first retry waits 0.2-0.6 s (jitter)
    scrape_news(tmp_path / "out", urls=[str(tmp_path / "urls.txt")],
                settings=settings(delay=0.0, concurrency=1, backoff=backoff))
    hits = [h for h in server.log if h.path != "/robots.txt"]
    assert hits[0].path == "/busy.html"
    # no request to the host at all while it is held: not the retry, not the other URLs
    assert hits[1].t - hits[0].t >= backoff / 2 - 0.01
    assert {r["status"] for r in manifest_rows(tmp_path / "out").values() if r["document"]} == {"fetched"}


def drip(req, n) -> None:
    """A 40-byte page sent one byte every 0.1 s: each read gets a byte well within the read timeout."""
    body = b"<html><body>" + b"x" * 14 + b"</body></html>"
    body += b" " * (40 - len(body))
    req.send_response(200)
    req.send_header("Content-Type", "text/html")
    req.send_header("Content-Length", str(len(body)))
    req.end_headers()
    try:
        for i in range(len(body)):  # bounded: 4 s at most
            req.wfile.write(body[i:i + 1])
            req.wfile.flush()
            time.sleep(0.1)
    except OSError:
        pass


@pytest.mark.network
def test_a_dripping_body_fails_at_the_whole_body_deadline(server):
    server.route("/drip", drip)
    fetcher = Fetcher(settings(timeout=0.3))  # the whole body must arrive within 4 x 0.3 = 1.2 s
    start = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetcher.get(server.url("/drip"))
    elapsed = time.monotonic() - start
    fetcher.close()
    assert info.value.reason == "timeout" and "1.2 s" in info.value.message
    assert 1.1 < elapsed < 2.5, elapsed  # the drip alone takes 4 s (body) or 8 s (headers)


@pytest.mark.network
def test_one_malformed_link_or_url_costs_only_itself(server, tmp_path):
    server.static("/feed.xml", rss([{"link": server.url("/news/good-story.html")}, {"link": "http://[broken/x.html"},
                                    {"link": "http://127.0.0.1:99999/port.html"}]), "application/rss+xml")
    server.static("/sitemap.xml", urlset([server.url("/news/mapped-story.html"), "http://[::1/oops"]),
                  "application/xml")
    server.static("/news/good-story.html", article("Good story"))
    server.static("/news/mapped-story.html", article("Mapped story"))
    server.static("/news/listed-story.html", article("Listed story"))
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{server.url('/news/listed-story.html')}\nhttp://[::1/oops\n")
    out = tmp_path / "out"
    # through the command line: no traceback, exit code 0
    res = CliRunner().invoke(main, [
        "scrape", "news", "--feeds", server.url("/feed.xml"), "--sitemap", server.url("/sitemap.xml"),
        "--sitemap", "http://[bad/sitemap.xml", "--urls", str(urls), "--out", str(out), "--delay", "0",
        "--no-progress", "--allow-private"])
    assert res.exit_code == 0, res.output
    rows = manifest_rows(out)
    for path in ("/feed.xml", "/sitemap.xml", "/news/good-story.html", "/news/mapped-story.html",
                 "/news/listed-story.html"):
        assert status(rows, server.url(path)) == ("fetched", None), path
    for bad in ("http://[broken/x.html", "http://127.0.0.1:99999/port.html", "http://[::1/oops",
                "http://[bad/sitemap.xml"):
        assert status(rows, bad) == ("skipped", "bad_url"), bad


@pytest.mark.network
def test_connection_refused_is_a_connection_error_not_a_timeout(tmp_path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now: the connection is refused
    fetcher = Fetcher(settings(timeout=2))
    with pytest.raises(FetchError) as info:
        fetcher.get(f"http://127.0.0.1:{port}/x")
    assert info.value.reason == "connection_error" and "timed out" not in info.value.message


@pytest.mark.network
def test_max_pages_is_reached_when_some_documents_fail(server, tmp_path):
    links = []
    for i in range(10):
        path = f"/news/story-{i}.html"
        if i < 3:
            server.route(path, lambda req, n: send(req, 404, b"gone", "text/plain"))
        else:
            server.static(path, article(f"Story number {i}"))
        links.append(server.url(path))
    server.static("/sitemap.xml", urlset(links), "application/xml")
    out = tmp_path / "out"
    result = scrape_news(out, sitemaps=[server.url("/sitemap.xml")],
                         settings=settings(delay=0.0, max_pages=5, concurrency=4, host_concurrency=2))
    docs = result.summary["documents"]
    assert docs["fetched"] == 5 and docs["failed_by_reason"] == {"http_404": 3}
    assert docs["skipped_by_reason"] == {"max_pages": 2}
    assert len([r for r in warc_records(out / "warcs") if r["type"] == "response"]) == 5


@pytest.mark.network
def test_urls_the_user_gives_are_fetched_as_given(server, tmp_path):
    seen = []

    def docket(req, n):
        seen.append(req.path)
        send(req, 200, article(f"Docket page {req.path}"), "text/html")

    server.route("/docket", docket)
    given = server.url("/docket?source=ca9&docket=12&utm_source=mail#top")
    (tmp_path / "urls.txt").write_text(given.replace("http://127.0.0.1", "HTTP://127.0.0.1"))
    scrape_legal(tmp_path / "out", urls=[str(tmp_path / "urls.txt")], settings=settings(delay=0.0))
    assert seen == ["/docket?source=ca9&docket=12&utm_source=mail"]  # nothing stripped or re-ordered
    rows = manifest_rows(tmp_path / "out")
    assert status(rows, server.url("/docket?source=ca9&docket=12&utm_source=mail")) == ("fetched", None)


@pytest.mark.network
def test_credentials_in_a_url_are_never_sent_archived_or_recorded(server, tmp_path):
    server.static("/a.html", article("Secretive story"))
    (tmp_path / "urls.txt").write_text(f"http://alice:s3cr3t@127.0.0.1:{server.port}/a.html")
    out = tmp_path / "out"
    scrape_news(out, urls=[str(tmp_path / "urls.txt")], settings=settings(delay=0.0))
    assert set(manifest_rows(out)) == {server.url("/robots.txt"), server.url("/a.html")}
    assert all("Authorization" not in h.headers for h in server.log)
    (request,) = [r for r in warc_records(out / "warcs") if r["type"] == "request"]
    assert request["uri"] == server.url("/a.html")
    assert request["http"].get_header("Host") == f"127.0.0.1:{server.port}"
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"s3cr3t" not in data and b"s3cr3t" not in (gzip.decompress(data) if path.suffix == ".gz"
                                                                else b""), path


def test_a_folder_with_warcs_but_no_manifest_is_refused(tmp_path):
    out = tmp_path / "out"
    (out / "warcs" / "news").mkdir(parents=True)
    (out / "warcs" / "news" / "old.warc.gz").write_bytes(b"from an earlier scrape")
    with pytest.raises(ScrapeError, match="no manifest"):
        scrape_news(out, urls=["http://127.0.0.1:9/a.html"], settings=settings())
    assert not (out / "manifest.sqlite").exists()


@pytest.mark.network
def test_a_large_robots_txt_is_read_up_to_500_kib(server, tmp_path):
    rules = "User-agent: *\nDisallow: /private/\n\n"
    server.static("/robots.txt", rules + "# filler\n" * 80_000, "text/plain")  # ~700 KB
    server.static("/private/p.html", article("Private story"))
    server.static("/public.html", article("Public story"))
    (tmp_path / "urls.txt").write_text(server.url("/private/p.html") + "\n" + server.url("/public.html"))
    scrape_news(tmp_path / "out", urls=[str(tmp_path / "urls.txt")],
                settings=settings(delay=0.0, max_bytes=100_000))
    rows = manifest_rows(tmp_path / "out")
    assert status(rows, server.url("/robots.txt"))[0] == "fetched"
    assert status(rows, server.url("/private/p.html")) == ("skipped", "robots_disallowed")
    assert status(rows, server.url("/public.html")) == ("fetched", None)
    assert server.hits("/private/") == []


@pytest.mark.network
def test_legal_plain_text_served_without_a_type_is_archived(server, tmp_path):
    text = "IN THE SUPREME COURT OF TESTLAND\n\n1  The appeal is dismissed.\n\x0c2  Costs to the respondent.\n"
    server.route("/opinion.txt", lambda req, n: send(req, 200, text.encode("cp1252"), None))
    server.route("/blob.bin", lambda req, n: send(req, 200, b"\x00\x01\x02binary\x00", None))
    (tmp_path / "urls.txt").write_text(server.url("/opinion.txt") + "\n" + server.url("/blob.bin"))
    out = tmp_path / "out"
    scrape_legal(out, urls=[str(tmp_path / "urls.txt")], settings=settings(delay=0.0))
    rows = manifest_rows(out)
    assert status(rows, server.url("/opinion.txt")) == ("fetched", None)
    assert status(rows, server.url("/blob.bin")) == ("failed", "unsupported_content_type")
    (response,) = [r for r in warc_records(out / "warcs") if r["type"] == "response"]
    assert response["http"].get_header("Content-Type") == "text/plain"
    assert response["headers"].get_header("WARC-Identified-Payload-Type") == "text/plain"


@pytest.mark.network
def test_retry_failed_none_does_not_fetch_failed_feeds_again(server, tmp_path):
    server.route("/feed.xml", lambda req, n: send(req, 503, b"down", "text/plain"))
    out = tmp_path / "out"
    scrape_news(out, feeds=[server.url("/feed.xml")], settings=settings(delay=0.0, retries=0))
    assert status(manifest_rows(out), server.url("/feed.xml")) == ("failed", "http_503")
    before = len(server.hits("/feed.xml"))
    scrape_news(out, feeds=[server.url("/feed.xml")], settings=settings(delay=0.0, resume=True, retry_failed="none"))
    assert len(server.hits("/feed.xml")) == before
    scrape_news(out, feeds=[server.url("/feed.xml")], settings=settings(delay=0.0, resume=True, retries=0))
    assert len(server.hits("/feed.xml")) == before + 1  # a transient failure is retried by default


def drip_headers(req, n) -> None:
    """The status line and headers sent one byte every 0.1 s (each read is answered well within the timeout)."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Filler: " + b"x" * 20 + b"\r\nContent-Length: 2\r\n\r\nok"
    try:
        for i in range(len(head)):  # bounded: ~8 s at most
            req.wfile.write(head[i:i + 1])
            req.wfile.flush()
            time.sleep(0.1)
    except OSError:
        pass
    req.close_connection = True


@pytest.mark.network
def test_dripping_headers_fail_at_the_deadline_too(server):
    server.route("/drip-headers", drip_headers)
    fetcher = Fetcher(settings(timeout=0.3))
    start = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetcher.get(server.url("/drip-headers"))
    elapsed = time.monotonic() - start
    fetcher.close()
    assert info.value.reason == "timeout", info.value.message
    assert 1.1 < elapsed < 2.5, elapsed  # the drip alone takes 4 s (body) or 8 s (headers)
