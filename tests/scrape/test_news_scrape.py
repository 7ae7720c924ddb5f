"""`scrape news` end to end against a local site with feeds, sitemaps, robots.txt and fault endpoints."""

from __future__ import annotations

import gzip
import itertools
import json
import sqlite3

import pytest
from scrape_site import (
    NEWS_FIXTURES,
    article,
    atom,
    flaky,
    gzipped,
    huge_chunked,
    huge_declared,
    news_sitemap,
    rate_limited,
    redirect,
    reset,
    rss,
    send,
    sitemap_index,
    slow,
    truncated,
    urlset,
)
from warcio.archiveiterator import ArchiveIterator

from gonerd.scrape import ScrapeSettings, scrape_news
from gonerd.urls import normalize_url

DELAY = 0.1
RETRY_AFTER = 1


def serve_news_site(srv) -> dict:
    """Articles (the real pages of ../shared/fixtures/news-html when present), listings and faults."""
    real = sorted(NEWS_FIXTURES.glob("*.html")) if NEWS_FIXTURES.is_dir() else []
    articles = []
    for i in range(10):
        if real:
            path = f"/news/{real[i].stem}.html"
            srv.static(path, real[i].read_bytes(), "text/html")
        else:
            path = f"/news/story-{i}.html"
            srv.static(path, article(f"Harbour story {i}"))
        articles.append(path)
    a = [srv.url(p) for p in articles]
    srv.static("/robots.txt", f"User-agent: *\nDisallow: /private/\n\nSitemap: {srv.url('/sitemap_index.xml')}\n",
               "text/plain")
    srv.static("/feed.xml", rss([
        {"link": a[0], "date": "Tue, 05 Mar 2024 09:30:00 GMT"},
        {"link": a[1], "date": "Wed, 06 Mar 2024 10:00:00 +0100"},
        {"link": a[2]}, {"link": articles[3]},  # no date; a relative link
        {"link": a[0] + "?utm_source=rss"},  # the same article again
        {"link": srv.url("/private/secret.html")},
        {"link": "http://other.invalid/story.html"},
        {"link": srv.url("/tag/politics/")},
        {"link": "mailto:desk@herald.example"},
    ]), "application/rss+xml")
    srv.route("/atom.xml", gzipped(atom([{"link": a[4], "date": "2024-03-07T08:00:00Z"},
                                         {"link": a[5], "date": "2024-03-08T08:00:00+02:00"}]).encode(),
                                   "application/atom+xml"))
    srv.static("/sitemap_index.xml", sitemap_index([srv.url("/sitemaps/news.xml"), srv.url("/sitemaps/pages.xml.gz")]),
               "application/xml")
    srv.static("/sitemaps/news.xml", news_sitemap([{"link": a[6], "date": "2024-03-09"},
                                                  {"link": a[7], "date": "2024-03-10T12:00:00Z"}]), "application/xml")
    srv.static("/sitemaps/pages.xml.gz", gzip.compress(urlset([a[8], a[9], srv.url("/news/extra.html")]).encode()),
               "application/gzip")
    srv.static("/news/extra.html", article("Extra story"))
    srv.static("/private/secret.html", article("Secret"))
    srv.static("/private/listed.html", article("Listed secret"))
    # explicit URLs: odd but usable pages, and faults
    srv.static("/news/charset.html", article("Charset story", "Café Zoë reopened on the quay."),
               "text/html; charset=iso-8859-1")
    srv.route("/news/gz-article.html", gzipped(article("Gzip story"), "text/html; charset=utf-8"))
    srv.route("/news/no-type.html", lambda req, n: send(req, 200, article("Untyped story"), None))
    srv.route("/fault/slow", slow(2.0))
    srv.route("/fault/ratelimited", rate_limited(RETRY_AFTER, article("Patient story")))
    srv.route("/fault/flaky", flaky(article("Flaky story")))
    srv.route("/fault/reset", reset)
    srv.route("/fault/truncated", truncated)
    srv.route("/fault/loop-a", redirect("/fault/loop-b"))
    srv.route("/fault/loop-b", redirect("/fault/loop-a"))
    srv.route("/fault/moved", redirect("/news/moved.html"))
    srv.static("/news/moved.html", article("Moved story"))
    srv.route("/fault/huge", huge_declared)
    srv.route("/fault/huge-chunked", huge_chunked)
    srv.static("/fault/image.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
    expected = {
        **{u: ("fetched", None) for u in [*a, srv.url("/news/extra.html")]},
        srv.url("/private/secret.html"): ("skipped", "robots_disallowed"),
        "http://other.invalid/story.html": ("skipped", "other_host"),
        srv.url("/tag/politics/"): ("skipped", "filtered_url"),
        "mailto:desk@herald.example": ("skipped", "bad_scheme"),
        srv.url("/news/charset.html"): ("fetched", None),
        srv.url("/news/gz-article.html"): ("fetched", None),
        srv.url("/news/no-type.html"): ("fetched", None),
        srv.url("/fault/slow"): ("failed", "timeout"),
        srv.url("/fault/ratelimited"): ("fetched", None),
        srv.url("/fault/flaky"): ("fetched", None),
        srv.url("/fault/reset"): ("failed", "connection_reset"),
        srv.url("/fault/truncated"): ("failed", "truncated_body"),
        srv.url("/fault/loop-a"): ("failed", "redirect_loop"),
        srv.url("/fault/moved"): ("fetched", None),
        srv.url("/fault/huge"): ("failed", "too_large"),
        srv.url("/fault/huge-chunked"): ("failed", "too_large"),
        srv.url("/fault/image.png"): ("failed", "unsupported_content_type"),
        srv.url("/fault/missing"): ("failed", "http_404"),
        srv.url("/private/listed.html"): ("skipped", "robots_disallowed"),
        "ftp://herald.example/file.html": ("skipped", "bad_scheme"),
    }
    explicit = [u for u in expected if "/fault/" in u or u.endswith(("charset.html", "gz-article.html",
                                                                     "no-type.html", "listed.html", "file.html"))]
    return {"articles": a, "expected": expected, "explicit": explicit}


def settings(**kw) -> ScrapeSettings:
    base = dict(delay=DELAY, concurrency=4, timeout=0.5, retries=2, backoff=0.05, max_bytes=2_000_000,
                allow_private=True, progress=False, contact="https://example.org/gonerd-tests")
    return ScrapeSettings(**{**base, **kw})


def manifest_rows(out) -> dict[str, dict]:
    db = sqlite3.connect(out / "manifest.sqlite")
    db.row_factory = sqlite3.Row
    rows = {r["url"]: dict(r) for r in db.execute("SELECT * FROM urls")}
    db.close()
    return rows


def warc_records(folder) -> list[dict]:
    """Every record of every WARC, read with digest checks: a broken record fails the test."""
    out = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        assert path.name.endswith(".warc.gz"), f"unexpected file {path.name} (an unclosed .open file?)"
        with open(path, "rb") as fh:
            it = ArchiveIterator(fh, check_digests=True)
            for rec in it:
                body = rec.content_stream().read()
                assert rec.digest_checker.passed is not False, (path, rec.digest_checker.problems)
                assert getattr(rec.raw_stream, "limit", 0) == 0, f"truncated record in {path}"
                out.append({"file": path.name, "type": rec.rec_type, "offset": it.get_record_offset(),
                            "uri": rec.rec_headers.get_header("WARC-Target-URI"), "body": body,
                            "http": rec.http_headers, "headers": rec.rec_headers})
    return out


@pytest.mark.network
def test_news_scrape_end_to_end(server, tmp_path):
    site = serve_news_site(server)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# feeds\n{server.url('/feed.xml')}\n{server.url('/atom.xml')}\n")
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(site["explicit"]) + "\n")
    out = tmp_path / "crawl"

    result = scrape_news(out, feeds=[str(feeds)], sitemaps=[server.url("/")], urls=[str(urls)], settings=settings())

    rows = manifest_rows(out)
    # every URL ends with a final status and, unless fetched cleanly, a reason
    assert {r["status"] for r in rows.values()} <= {"fetched", "failed", "skipped"}
    assert all(r["reason"] for r in rows.values() if r["status"] != "fetched")
    for url, (status, reason) in site["expected"].items():
        row = rows.get(normalize_url(url)) or rows.get(url)
        assert row is not None, f"{url} missing from the manifest"
        assert (row["status"], row["reason"]) == (status, reason), (url, row["message"])
    # the summary counts what the manifest holds, none missing
    docs = result.summary["documents"]
    n_docs = sum(1 for r in rows.values() if r["document"])
    assert docs.get("fetched", 0) + docs.get("failed", 0) + docs.get("skipped", 0) == n_docs
    assert result.summary["skipped_by_robots"] == 2
    assert json.loads((out / "summary.json").read_text()) == result.summary
    assert len((out / "manifest.jsonl").read_text().splitlines()) == len(rows)

    # de-duplication: the feed's ?utm_source variant is the same article, fetched once
    assert [h.path for h in server.hits("/news/")].count(site["articles"][0].split(server.base)[1]) == 1
    # robots.txt: nothing under /private/ was ever requested, robots.txt once
    assert server.hits("/private/") == []
    assert len(server.hits("/robots.txt")) == 1
    # retries: flaky took three attempts, the 429 was retried after its Retry-After
    assert rows[server.url("/fault/flaky")]["attempts"] == 3
    assert rows[server.url("/fault/slow")]["attempts"] == 3
    limited = server.hits("/fault/ratelimited")
    assert len(limited) == 2 and limited[1].t - limited[0].t >= RETRY_AFTER - 0.01
    # politeness: one request at a time per host, DELAY apart; a truthful User-Agent with a contact URL
    times = sorted(h.t for h in server.log)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= DELAY - 0.005, min(gaps)
    agents = {h.headers.get("User-Agent") for h in server.log}
    assert len(agents) == 1 and agents.pop().startswith("gonerd/")
    assert "+https://example.org/gonerd-tests" in server.log[0].headers["User-Agent"]
    # dates: from the feed, the sitemap, or htmldate on the page
    a = site["articles"]
    assert rows[a[0]]["published"] == "2024-03-05" and rows[a[0]]["published_from"] == "rss"
    assert rows[a[6]]["published"] == "2024-03-09" and rows[a[6]]["published_from"] == "urlset"
    assert rows[server.url("/news/extra.html")]["published_from"] == "htmldate"
    # a redirect is archived under its final URL
    assert rows[server.url("/fault/moved")]["final_url"] == server.url("/news/moved.html")

    # the WARCs: every record readable with valid digests, one response per fetched document, offsets right
    records = warc_records(out / "warcs")
    responses = [r for r in records if r["type"] == "response"]
    fetched = [r for r in rows.values() if r["document"] and r["status"] == "fetched"]
    assert len(responses) == len(fetched) == len({r["uri"] for r in responses})
    assert {r["type"] for r in records} == {"warcinfo", "request", "response"}
    by_offset = {(r["file"], r["offset"]): r for r in responses}
    for row in fetched:
        rec = by_offset[(row["warc_file"], row["warc_offset"])]
        assert rec["uri"] == (row["final_url"] or row["url"])
        assert rec["headers"].get_header("WARC-Payload-Digest") == row["payload_digest"]
    gz = next(r for r in responses if r["uri"].endswith("gz-article.html"))
    assert gz["http"].get_header("Content-Encoding") == "gzip" and b"Gzip story" in gz["body"]
    untyped = next(r for r in responses if r["uri"].endswith("no-type.html"))
    assert untyped["http"].get_header("Content-Type") == "text/html"

    # `gonerd build` turns the WARCs into a dataset
    from gonerd.build import run_build
    from gonerd.config import BuildConfig

    build = run_build(BuildConfig(inputs=[str(result.warc_dir)], out=str(tmp_path / "ds"), min_tokens=20),
                      echo=lambda _: None)
    read = next(s for s in build.steps if s.step == "read")
    assert read.received == len(responses) and not read.dropped
    assert build.num_documents >= 10
    import datasets

    ds = datasets.load_dataset(str(tmp_path / "ds"))
    rows_out = [row for split in ds for row in ds[split]]
    names = ds["train"].features["source_type"]
    assert {names.int2str(r["source_type"]) for r in rows_out} == {"news"}  # from the warcs/news folder
    charset = [r for r in rows_out if r["url"] and r["url"].endswith("charset.html")]
    assert charset and "Café Zoë" in charset[0]["text"]


@pytest.mark.network
def test_resume_skips_done_and_retries_transient_failures(server, tmp_path):
    state = {"down": True}

    def sometimes(req, n):
        if state["down"]:
            send(req, 503, b"down", "text/plain")
        else:
            send(req, 200, article("Recovered story"), "text/html")

    server.route("/a.html", lambda req, n: send(req, 200, article("Story A"), "text/html"))
    server.route("/b.html", sometimes)
    server.route("/gone.html", lambda req, n: send(req, 404, b"gone", "text/plain"))
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(server.url(p) for p in ("/a.html", "/b.html", "/gone.html")))
    out = tmp_path / "crawl"
    scrape_news(out, urls=[str(urls)], settings=settings(delay=0.0, retries=1))
    rows = manifest_rows(out)
    assert rows[server.url("/b.html")]["reason"] == "http_503"
    with pytest.raises(Exception, match="--resume"):
        scrape_news(out, urls=[str(urls)], settings=settings(delay=0.0))

    state["down"] = False
    before = len(server.log)
    result = scrape_news(out, urls=[str(urls)], settings=settings(delay=0.0, resume=True))
    again = [h.path for h in server.log[before:]]
    assert "/a.html" not in again and "/gone.html" not in again and again.count("/b.html") == 1
    rows = manifest_rows(out)
    assert rows[server.url("/b.html")]["status"] == "fetched"
    assert rows[server.url("/gone.html")]["reason"] == "http_404"
    assert result.summary["documents"]["fetched"] == 2

    before = len(server.log)
    scrape_news(out, urls=[str(urls)], settings=settings(delay=0.0, resume=True, retry_failed="all"))
    assert [h.path for h in server.log[before:] if h.path != "/robots.txt"] == ["/gone.html"]
    responses = [r for r in warc_records(out / "warcs") if r["type"] == "response"]
    assert sorted(r["uri"] for r in responses) == [server.url("/a.html"), server.url("/b.html")]


@pytest.mark.network
def test_discovered_private_links_are_refused_without_a_request(server, tmp_path):
    server.static("/feed.xml", rss([{"link": server.url("/news/local.html")},
                                    {"link": "http://10.11.12.13/internal.html"}]), "application/rss+xml")
    server.static("/news/local.html", article("Local story"))
    out = tmp_path / "crawl"
    scrape_news(out, feeds=[server.url("/feed.xml")],
                settings=settings(allow_private=False, same_host=False, delay=0.0))
    rows = manifest_rows(out)
    # the feed was given by the user: fetched; the links found in it resolve to non-public addresses: refused
    assert rows[server.url("/feed.xml")]["status"] == "fetched"
    assert rows[server.url("/news/local.html")]["reason"] == "private_address"
    assert rows["http://10.11.12.13/internal.html"]["reason"] == "private_address"
    assert [h.path for h in server.log] == ["/robots.txt", "/feed.xml"]


@pytest.mark.network
def test_max_pages_and_warc_rotation(server, tmp_path):
    paths = [f"/news/s{i}.html" for i in range(6)]
    for p in paths:
        server.static(p, article(f"Story {p}"))
    server.static("/sitemap.xml", urlset([server.url(p) for p in paths]), "application/xml")
    out = tmp_path / "crawl"
    result = scrape_news(out, sitemaps=[server.url("/sitemap.xml")],
                         settings=settings(delay=0.0, max_pages=4, warc_max_bytes=1))
    assert result.summary["documents"]["fetched"] == 4
    assert result.summary["documents"]["skipped_by_reason"] == {"max_pages": 2}
    assert len(result.summary["warc_files"]) == 4  # a new file past the (tiny) size limit
    result = scrape_news(out, sitemaps=[server.url("/sitemap.xml")],
                         settings=settings(delay=0.0, max_pages=10, resume=True))
    assert result.summary["documents"]["fetched"] == 6
    responses = [r for r in warc_records(out / "warcs") if r["type"] == "response"]
    assert len(responses) == 6 == len({r["uri"] for r in responses})


@pytest.mark.network
def test_redirects_to_an_archived_url_are_duplicates(server, tmp_path):
    server.static("/target.html", article("Target story"))
    server.route("/short", redirect("/target.html"))
    server.route("/other-short", redirect(server.url("/target.html")))
    (tmp_path / "urls.txt").write_text("\n".join(server.url(p) for p in ("/target.html", "/short", "/other-short")))
    out = tmp_path / "crawl"
    scrape_news(out, urls=[str(tmp_path / "urls.txt")], settings=settings(delay=0.0, concurrency=1))
    rows = manifest_rows(out)
    assert rows[server.url("/target.html")]["status"] == "fetched"
    for short in ("/short", "/other-short"):
        assert (rows[server.url(short)]["status"], rows[server.url(short)]["reason"]) == ("skipped", "duplicate")
    responses = [r for r in warc_records(out / "warcs") if r["type"] == "response"]
    assert [r["uri"] for r in responses] == [server.url("/target.html")]
