"""Issue 9, item 11, against real servers on 127.0.0.1: trust is by origin (host and port), a run that archived
nothing it was asked for exits non-zero (`scrape legal` and `scrape news`), and a gzip bomb is a counted reason
with no traceback in the log."""

from __future__ import annotations

import gzip
import json
import logging
import socket
import zlib

import pytest
from cli_subprocess import error_lines
from cli_subprocess import run_gonerd as gonerd
from scrape_site import article, redirect, rss, send
from test_news_scrape import manifest_rows, settings, warc_records

from gonerd.scrape import scrape_legal, scrape_news
from gonerd.scrape.safety import trust_origin


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now: connections are refused
    return port


def test_trust_origin_is_scheme_host_and_port():
    assert trust_origin("http://127.0.0.1/a") == trust_origin("HTTP://127.0.0.1:80/b") == "http://127.0.0.1:80"
    assert trust_origin("https://Example.org/x") == "https://example.org:443"
    assert trust_origin("http://127.0.0.1:8080/") != trust_origin("http://127.0.0.1:8081/")
    assert trust_origin("http://[::1]:8080/") == "http://[::1]:8080"
    assert trust_origin("http://[broken/") is None


# trust by origin
@pytest.mark.network
def test_a_redirect_to_another_port_of_the_trusted_host_is_refused(server, server2, tmp_path):
    """The user named 127.0.0.1:<port A>; a redirect to 127.0.0.1:<port B> (another service on that host) is
    address-checked like any other target, and so is port B's robots.txt: neither is requested."""
    server.route("/a.html", redirect(server2.url("/internal/admin")))
    server.route("/same-origin.html", redirect("/b.html"))
    server.static("/b.html", article("A story on the chosen port"))
    server2.static("/internal/admin", article("Admin page"))
    (tmp_path / "urls.txt").write_text("\n".join(server.url(p) for p in ("/a.html", "/same-origin.html")))
    scrape_news(tmp_path / "out", urls=[str(tmp_path / "urls.txt")],
                settings=settings(delay=0.0, allow_private=False))
    rows = manifest_rows(tmp_path / "out")
    assert server2.log == []
    assert (rows[server.url("/a.html")]["status"], rows[server.url("/a.html")]["reason"]) == \
        ("skipped", "private_address")
    assert "127.0.0.1 is a non-public address" in rows[server.url("/a.html")]["message"]
    assert rows[server2.url("/robots.txt")]["reason"] == "private_address"
    # a redirect within the trusted origin is followed without a check
    assert rows[server.url("/same-origin.html")]["status"] == "fetched"


@pytest.mark.network
def test_with_allow_private_the_other_port_is_followed(server, server2, tmp_path):
    server.route("/a.html", redirect(server2.url("/internal/page")))
    server2.static("/internal/page", article("Page on the other port"))
    (tmp_path / "urls.txt").write_text(server.url("/a.html"))
    scrape_news(tmp_path / "out", urls=[str(tmp_path / "urls.txt")],
                settings=settings(delay=0.0, allow_private=True))
    row = manifest_rows(tmp_path / "out")[server.url("/a.html")]
    assert row["status"] == "fetched" and row["final_url"] == server2.url("/internal/page")
    assert [h.path for h in server2.hits()] == ["/robots.txt", "/internal/page"]


@pytest.mark.network
def test_api_base_trust_is_by_origin_too(server, server2, tmp_path):
    """--api-base names one origin: an opinion URL that redirects to another port of the host is refused."""
    server.static("/api/rest/v4/search/", json.dumps(
        {"count": 1, "next": None, "results": [{"caseName": "A v. B", "opinions": [{"id": 7}]}]}),
        "application/json")
    server.route("/api/rest/v4/opinions/7/", redirect(server2.url("/secret.json")))
    server2.static("/secret.json", json.dumps({"plain_text": "secret"}), "application/json")
    result = scrape_legal(tmp_path / "out", courtlistener=["x"], api_base=server.base,
                          settings=settings(delay=0.0, allow_private=False))
    assert server2.log == []
    row = manifest_rows(tmp_path / "out")[server.url("/api/rest/v4/opinions/7/")]
    assert (row["status"], row["reason"]) == ("skipped", "private_address")
    assert result.problem is not None and "private_address 1" in result.problem


# a run that archived nothing it was asked for
@pytest.mark.network
def test_scrape_legal_against_an_unreachable_api_base_exits_non_zero(tmp_path):
    port = closed_port()
    result = gonerd("scrape", "legal", "--courtlistener", "privacy", "--api-base", f"http://127.0.0.1:{port}",
                    "--out", str(tmp_path / "out"), "--retries", "1", "--delay", "0", "--no-progress")
    assert result.returncode == 1, result.stderr
    (line,) = error_lines(result)
    assert line.startswith("Error: nothing was archived in this run (connection_error 1): "
                           f"http://127.0.0.1:{port}/api/rest/v4/search/?q=privacy&type=o: cannot connect")
    assert "Traceback" not in result.stderr
    assert "gonerd build --input" not in result.stderr  # no hint to build from nothing


@pytest.mark.network
def test_scrape_news_with_every_url_failing_exits_non_zero(server, tmp_path):
    server.static("/gone.html", "gone", "text/plain", status=404)
    (tmp_path / "urls.txt").write_text(server.url("/gone.html") + "\nftp://127.0.0.1/x.html\n")
    result = gonerd("scrape", "news", "--urls", str(tmp_path / "urls.txt"), "--out", str(tmp_path / "out"),
                    "--allow-private", "--delay", "0", "--no-progress")
    assert result.returncode == 1, result.stderr
    (line,) = error_lines(result)
    assert line.startswith("Error: nothing was archived in this run (")
    assert "http_404 1" in line and "bad_scheme 1" in line
    assert "manifest.jsonl" in line and "Traceback" not in result.stderr


@pytest.mark.network
def test_an_unreachable_feed_exits_non_zero_and_a_reachable_one_with_nothing_new_does_not(server, tmp_path):
    port = closed_port()
    result = gonerd("scrape", "news", "--feeds", f"http://127.0.0.1:{port}/feed.xml", "--out",
                    str(tmp_path / "dead"), "--allow-private", "--retries", "0", "--delay", "0", "--no-progress")
    assert result.returncode == 1 and "connection_error" in error_lines(result)[0], result.stderr

    server.static("/a.html", article("A story"))
    server.static("/feed.xml", rss([{"link": server.url("/a.html")}]), "application/rss+xml")
    args = ["scrape", "news", "--feeds", server.url("/feed.xml"), "--out", str(tmp_path / "ok"), "--allow-private",
            "--delay", "0", "--no-progress"]
    first = gonerd(*args)
    assert first.returncode == 0 and not error_lines(first), first.stderr
    again = gonerd(*args, "--resume")  # the feed is read again, its article is archived already: nothing to do
    assert again.returncode == 0 and not error_lines(again), again.stderr


@pytest.mark.network
def test_some_documents_archived_is_success_even_with_failures(server, tmp_path):
    server.static("/a.html", article("Kept story"))
    server.static("/gone.html", "gone", "text/plain", status=404)
    (tmp_path / "urls.txt").write_text(server.url("/a.html") + "\n" + server.url("/gone.html"))
    result = scrape_news(tmp_path / "out", urls=[str(tmp_path / "urls.txt")], settings=settings(delay=0.0))
    assert result.problem is None
    assert result.summary["documents"]["failed_by_reason"] == {"http_404": 1}


# gzip bombs
def bomb(coding: str) -> bytes:
    payload = b"<html><body><p>" + b"\0" * 60_000_000  # 60 MB: over the 50 MB cap
    if coding == "gzip":
        return gzip.compress(payload, compresslevel=9)
    return zlib.compress(payload, 9)


@pytest.mark.network
@pytest.mark.parametrize(("coding", "ctype"), [("gzip", None), ("deflate", None), ("gzip", "text/html")])
def test_a_gzip_bomb_is_a_counted_reason_without_a_traceback(server, tmp_path, caplog, coding, ctype):
    body = bomb(coding)
    assert len(body) < 2_000_000  # under --max-bytes: only decompression can tell
    server.route("/bomb.html", lambda req, n: send(req, 200, body, ctype, [("Content-Encoding", coding)]))
    server.static("/fine.html", article("A fine story"))
    (tmp_path / "urls.txt").write_text(server.url("/bomb.html") + "\n" + server.url("/fine.html"))
    with caplog.at_level(logging.DEBUG, logger="gonerd"):
        result = scrape_legal(tmp_path / "out", urls=[str(tmp_path / "urls.txt")], settings=settings(delay=0.0))
    row = manifest_rows(tmp_path / "out")[server.url("/bomb.html")]
    assert (row["status"], row["reason"]) == ("failed", "too_large_decompressed")
    assert "decompresses to more than 50,000,000 bytes" in row["message"]
    assert result.summary["documents"]["failed_by_reason"] == {"too_large_decompressed": 1}
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    assert "Traceback" not in caplog.text and "analysis_error" not in caplog.text
    assert [r["uri"] for r in warc_records(tmp_path / "out" / "warcs") if r["type"] == "response"] == \
        [server.url("/fine.html")]  # the bomb is never archived


@pytest.mark.network
def test_a_bomb_in_a_gzipped_sitemap_file_is_counted_too(server, tmp_path):
    server.static("/sitemap.xml.gz", gzip.compress(b"<urlset>" + b" " * 60_000_000, compresslevel=9),
                  "application/gzip")
    result = scrape_news(tmp_path / "out", sitemaps=[server.url("/sitemap.xml.gz")], settings=settings(delay=0.0))
    row = manifest_rows(tmp_path / "out")[server.url("/sitemap.xml.gz")]
    assert (row["status"], row["reason"]) == ("failed", "too_large_decompressed")
    assert result.problem is not None and "too_large_decompressed 1" in result.problem
