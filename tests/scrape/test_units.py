"""Unit tests of the scrape building blocks (no network at all)."""

from __future__ import annotations

import gzip
import random

import pytest
from warcio.archiveiterator import ArchiveIterator

from gonerd.scrape.discover_news import decode_content, iso_date, parse_feed_or_sitemap, read_url_list
from gonerd.scrape.fetch import Exchange, backoff_delay, retry_after_seconds
from gonerd.scrape.manifest import Manifest, is_transient
from gonerd.scrape.ratelimit import HostPacer
from gonerd.scrape.robots import rules_from_body, rules_from_status
from gonerd.scrape.safety import address_problem, is_public_ip
from gonerd.scrape.settings import ScrapeSettings
from gonerd.scrape.urlfilter import check_discovered, check_given
from gonerd.scrape.warc_store import ResponseSpec, WarcStore, stored_http_headers
from gonerd.scrape.xmlsafe import XmlRefused
from gonerd.sources import _record_from_json
from gonerd.urls import normalize_url

# --- untrusted XML -------------------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss><channel><item><link>&lol2;</link></item></channel></rss>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><item><link>&xxe;</link></item></channel></rss>"""


@pytest.mark.parametrize("doc", [BILLION_LAUGHS, XXE, BILLION_LAUGHS.decode().encode("utf-16"),
                                 BILLION_LAUGHS.replace(b'"1.0"?>', b'"1.0" encoding="gb2312"?>'),
                                 BILLION_LAUGHS.replace(b"</rss>", b"<broken></rss>")],
                         ids=["entity-expansion", "external-entity", "utf-16", "gb2312", "not-well-formed"])
def test_entities_in_feeds_are_refused(doc):
    with pytest.raises(XmlRefused):
        parse_feed_or_sitemap(doc)


def test_feedparser_never_opens_a_body_that_names_a_file(tmp_path):
    """feedparser.parse(str_or_bytes) would open a local file of that name: the body goes in as a stream."""
    secret = tmp_path / "secret.xml"
    secret.write_text('<rss version="2.0"><channel><item><link>https://n.example/leak</link></item></channel></rss>')
    from gonerd.scrape.discover_news import _feed

    assert _feed(str(secret).encode()) is None


@pytest.mark.parametrize("encoding,text", [("gb2312", "新闻"), ("shift_jis", "ニュース"), ("euc-kr", "뉴스"),
                                           ("windows-1251", "Новости"), ("iso-8859-15", "café €"),
                                           ("utf-16", "nouvelles"), ("utf-8-sig", "news")])
def test_feeds_and_sitemaps_in_their_declared_encodings(encoding, text):
    declared = "utf-8" if encoding == "utf-8-sig" else encoding
    feed = (f'<?xml version="1.0" encoding="{declared}"?><rss version="2.0"><channel><item><title>{text}</title>'
            "<link>https://n.example/a</link></item></channel></rss>").encode(encoding)
    listing = parse_feed_or_sitemap(feed)
    assert listing.format == "rss" and [(i.title, i.link) for i in listing.pages] == [(text, "https://n.example/a")]
    sitemap = (f'<?xml version="1.0" encoding="{declared}"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
               ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://n.example/b</loc>'
               f"<news:news><news:title>{text}</news:title><news:publication_date>2024-03-01</news:publication_date>"
               "</news:news></url></urlset>").encode(encoding)
    listing = parse_feed_or_sitemap(sitemap)
    assert [(i.title, i.link, i.published) for i in listing.pages] == [(text, "https://n.example/b", "2024-03-01")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_byte_order_marks_and_undeclared_utf16(encoding):
    sitemap = "<urlset><url><loc>https://n.example/u</loc><lastmod>2024-01-01</lastmod></url></urlset>"
    assert [(i.link, i.published) for i in parse_feed_or_sitemap(sitemap.encode(encoding)).pages] == [
        ("https://n.example/u", "2024-01-01")]
    # a byte order mark wins over a declaration that contradicts it
    feed = ('<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><item><title>Zoë</title>'
            "<link>https://n.example/a</link></item></channel></rss>")
    assert parse_feed_or_sitemap(feed.encode(encoding)).pages[0].title == "Zoë"
    text = parse_feed_or_sitemap(b"\xef\xbb\xbfhttps://n.example/1\nhttps://n.example/2\n")  # a text sitemap
    assert text.format == "text" and len(text.pages) == 2


def test_the_http_charset_is_used_when_the_document_declares_none():
    feed = ('<rss version="2.0"><channel><item><title>Новости</title><link>https://n.example/a</link></item>'
            "</channel></rss>").encode("koi8-r")
    assert parse_feed_or_sitemap(feed, charset="koi8-r").pages[0].title == "Новости"


def test_a_broken_feed_without_declarations_is_read_leniently():
    feed = (b'<rss version="2.0"><channel><item><title>Fish & chips</title><link>https://n.example/a?x=1&y=2</link>'
            b"</item></channel></rss>")
    (item,) = parse_feed_or_sitemap(feed).pages
    assert item.link == "https://n.example/a?x=1&y=2" and item.title == "Fish & chips"
    with pytest.raises(XmlRefused):  # an ill-formed sitemap is not guessed at
        parse_feed_or_sitemap(b'<urlset><url><loc>https://n.example/a?x=1&y=2</loc></url></urlset>')


def test_feed_formats_and_dates():
    rss = parse_feed_or_sitemap(b"""<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "x">
        <rss version="2.0"><channel><item><title>A</title><link> https://n.example/a </link>
        <pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate></item>
        <item><guid isPermaLink="true">https://n.example/b</guid></item>
        <item><guid isPermaLink="false">tag:123</guid></item></channel></rss>""")
    assert rss.format == "rss" and [(i.link, i.published) for i in rss.pages] == [
        ("https://n.example/a", "2024-03-05"), ("https://n.example/b", None)]
    rdf = parse_feed_or_sitemap(b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <item rdf:about="https://n.example/c"><title>C</title><link>https://n.example/c</link>
        <dc:date>2024-01-02T03:04:05Z</dc:date></item></rdf:RDF>""")
    assert [(i.link, i.published) for i in rdf.pages] == [("https://n.example/c", "2024-01-02")]
    feed = parse_feed_or_sitemap(b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>D</title>
        <link rel="enclosure" href="/d.mp3"/><link href="/d"/><updated>2024-02-03T00:00:00Z</updated></entry>
        </feed>""")
    assert [(i.link, i.title, i.published) for i in feed.pages] == [("/d", "D", "2024-02-03")]
    assert iso_date("not a date") is None and iso_date("2024-03-05") == "2024-03-05"


def test_sitemaps_index_text_and_gzip():
    index = parse_feed_or_sitemap(b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>https://n.example/s1.xml</loc></sitemap><sitemap><loc>https://n.example/s2.xml.gz</loc>
        </sitemap></sitemapindex>""")
    assert index.format == "sitemapindex" and index.sitemaps == ["https://n.example/s1.xml",
                                                                 "https://n.example/s2.xml.gz"]
    urlset = gzip.compress(b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>
        <loc>https://n.example/x</loc><lastmod>2023-12-31</lastmod></url></urlset>""")
    assert [(i.link, i.published) for i in parse_feed_or_sitemap(urlset).pages] == [("https://n.example/x",
                                                                                      "2023-12-31")]
    text = parse_feed_or_sitemap(b"https://n.example/1\n\nhttps://n.example/2\nnot a url\n")
    assert text.format == "text" and [i.link for i in text.pages] == ["https://n.example/1", "https://n.example/2"]
    with pytest.raises(XmlRefused):
        parse_feed_or_sitemap(b"<html><body>not a feed</body></html>")


def test_gzip_bombs_are_cut():
    bomb = gzip.compress(b"\0" * 2_000_000)
    with pytest.raises(ValueError, match="more than"):
        decode_content(bomb, "gzip", limit=1_000_000)
    assert decode_content(gzip.compress(b"ok"), "gzip") == b"ok"


def test_url_list(tmp_path):
    f = tmp_path / "urls.txt"
    f.write_text("\ufeff# comment\n\nhttps://n.example/a\n  https://n.example/b  \n")  # a BOM, as Notepad writes
    assert read_url_list(f) == [(3, "https://n.example/a"), (4, "https://n.example/b")]


# --- URLs ----------------------------------------------------------------------------------------------------

def test_discovered_links_are_normalised_and_filtered():
    base = "https://www.n.example/feed.xml"
    assert check_discovered("/news/a.html?utm_source=x&b=2&a=1#top", base)[0] == "https://www.n.example/news/a.html?a=1&b=2"
    assert check_discovered("https://n.example/news/b.html", base)[0] == "https://n.example/news/b.html"
    assert check_discovered("https://other.example/news/c.html", base)[1] == "other_host"
    assert check_discovered("https://other.example/news/c.html", base, same_host=False)[0]
    assert check_discovered("javascript:alert(1)", base)[1] == "bad_scheme"
    assert check_discovered("/tag/politics/", base)[1] == "filtered_url"
    assert check_discovered("/photo.jpg", base)[1] == "filtered_url"
    assert check_discovered("http://127.0.0.1:8080/news/a.html", "http://127.0.0.1:8080/f.xml")[0]
    assert check_given("ftp://n.example/x")[1] == "bad_scheme"
    assert normalize_url("HTTP://N.Example:80/a#frag") == "http://n.example/a"
    assert check_discovered("http://[broken/x.html", base)[1] == "bad_url"
    assert check_discovered("https://www.n.example:99999/x", base)[1] == "bad_url"
    assert check_discovered("https://user:pw@www.n.example/news/d.html", base)[0] == "https://www.n.example/news/d.html"


def test_given_urls_are_kept_as_given():
    """Only the scheme and host are lower-cased, and the fragment and credentials dropped: the parameters are the
    user's (``source=`` is a tracker to courlan, but part of the resource here)."""
    assert check_given("HTTPS://Court.Example/Docket?source=ca9&docket=12&utm_source=x#p3")[0] == (
        "https://court.example/Docket?source=ca9&docket=12&utm_source=x")
    assert check_given("http://alice:pw@[::1]:8080/a")[0] == "http://[::1]:8080/a"
    assert check_given("http://[::1/oops")[1] == "bad_url"
    assert check_given("http://n.example:99999/")[1] == "bad_url"
    assert check_given("https://n.example")[0] == "https://n.example/"


def test_pacing_is_per_host_robots_per_origin():
    from gonerd.scrape.urlfilter import origin, pace_key

    assert pace_key("http://www.n.example/a") == pace_key("https://n.example:443/b") == "n.example"
    assert origin("http://www.n.example/a") != origin("https://n.example/b")
    assert pace_key("http://127.0.0.1:8000/") == "127.0.0.1:8000" != pace_key("http://127.0.0.1:8001/")


def test_connection_failures_are_classified_before_timeouts():
    from urllib3.connection import HTTPConnection
    from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError, ReadTimeoutError

    from gonerd.scrape.fetch import _classify

    conn = HTTPConnection("n.example")
    assert _classify(NameResolutionError("n.example", conn, OSError("no such name")))[0] == "dns_error"
    assert _classify(NewConnectionError(conn, "Connection refused"))[0] == "connection_error"
    assert _classify(ConnectTimeoutError(conn, "timed out"))[0] == "timeout"
    assert _classify(ReadTimeoutError(None, "/", "read timed out"))[0] == "timeout"


def test_text_is_sniffed_for_legal_files_only():
    from gonerd.scrape.pages import sniff

    text = "IN THE COURT OF APPEALS\n\n1 The appeal is dismissed.\f\n".encode("cp1252")
    assert sniff(text) is None and sniff(text, text=True) == "text/plain"
    assert sniff(b"\x00\x01binary", text=True) is None
    assert sniff(b"%PDF-1.4 ...", text=True) == "application/pdf"


@pytest.mark.parametrize("ip,public", [("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False),
                                       ("172.16.5.5", False), ("169.254.169.254", False), ("100.64.0.1", False),
                                       ("0.0.0.0", False), ("::1", False), ("fe80::1", False), ("fc00::1", False),
                                       ("::ffff:10.0.0.1", False), ("224.0.0.1", False), ("93.184.216.34", True),
                                       ("2606:4700::1111", True),
                                       # NAT64, 6to4, IPv4-compatible and Teredo forms of private addresses
                                       ("64:ff9b::a00:1", False), ("64:ff9b::7f00:1", False),
                                       ("64:ff9b:1::a9fe:a9fe", False), ("2002:a00:1::1", False),
                                       ("2002:c0a8:101::", False), ("::10.0.0.1", False),
                                       ("2001:0:4136:e378:8000:63bf:f5ff:fffe", False),
                                       ("64:ff9b::5db8:d822", True), ("2002:5db8:d822::1", True)])
def test_address_classes(ip, public):
    assert is_public_ip(ip) is public


def test_address_problem_judges_ip_literals_without_lookups():
    assert address_problem("http://169.254.169.254/latest/meta-data/")[0] == "private_address"
    assert address_problem("http://[::1]:8000/x")[0] == "private_address"
    assert address_problem("http://93.184.216.34/x") is None
    assert address_problem("http://[::1/oops")[0] == "bad_url"


def test_the_fetcher_refuses_unusable_urls_without_a_request():
    from gonerd.scrape.fetch import Fetcher, FetchError

    fetcher = Fetcher(ScrapeSettings(progress=False))
    for url in ("http://127.0.0.1:99999/", "http://[::1/"):
        with pytest.raises(FetchError) as info:
            fetcher.get(url)
        assert info.value.reason == "bad_url"


# --- politeness ----------------------------------------------------------------------------------------------

def test_host_pacer_spacing_slots_and_holds():
    now = [100.0]
    pacer = HostPacer(delay=2.0, host_concurrency=1, clock=lambda: now[0])
    assert pacer.ready_at("h") == -float("inf")
    pacer.start("h")
    assert pacer.ready_at("h") == float("inf")  # busy
    now[0] = 101.0
    pacer.finish("h")
    assert pacer.ready_at("h") == 103.0  # delay after the end of the previous request
    assert pacer.ready_at("other") == -float("inf")  # hosts are independent
    pacer.hold("h", 110.0)  # Retry-After
    assert pacer.ready_at("h") == 110.0
    pacer.set_crawl_delay("g", 5.0)
    pacer.start("g")
    pacer.finish("g")
    assert pacer.ready_at("g") == 106.0
    two = HostPacer(delay=1.0, host_concurrency=2, clock=lambda: now[0])
    two.start("h")
    assert two.ready_at("h") == 102.0  # a second slot, but starts are still spaced


def test_retry_after_and_backoff():
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
    rng = random.Random(1)
    waits = [backoff_delay(a, 1.0, 30.0, rng) for a in range(1, 8)]
    for attempt, w in enumerate(waits, start=1):
        base = min(30.0, 2 ** (attempt - 1))
        assert 0.5 * base <= w < 1.5 * base
    assert is_transient("http_503") and is_transient("http_429") and is_transient("timeout")
    assert not is_transient("http_404") and not is_transient("too_large")


def test_robots_rules():
    rules = rules_from_body(b"User-agent: *\nDisallow: /private/\nCrawl-delay: 7\n\nUser-agent: gonerd\n"
                            b"Disallow: /no-gonerd/\n\nSitemap: https://n.example/sm.xml\n")
    assert rules.allowed("https://n.example/news/a") and not rules.allowed("https://n.example/no-gonerd/x")
    assert rules.sitemaps == ["https://n.example/sm.xml"]
    assert rules_from_status(404).allowed("https://n.example/x")
    for status in (429, 500, 503):
        assert not rules_from_status(status).allowed("https://n.example/x")


def test_user_agent_is_truthful():
    agent = ScrapeSettings(contact="https://example.org/contact").agent
    assert agent.startswith("gonerd/") and "+https://example.org/contact" in agent
    with pytest.raises(ValueError):
        ScrapeSettings(retry_failed="sometimes")


# --- storage -------------------------------------------------------------------------------------------------

def _exchange(url: str, body: bytes, headers=None) -> Exchange:
    return Exchange(url=url, request_headers=[("Host", "n.example"), ("Authorization", "Token secret")],
                    status=200, reason="OK", protocol="HTTP/1.1",
                    headers=headers or [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
                    body=body, date="2024-03-05T09:30:00Z")


def _records(folder):
    out = []
    for path in sorted(folder.iterdir()):
        with open(path, "rb") as fh:
            for rec in ArchiveIterator(fh, check_digests=True):
                rec.content_stream().read()
                assert rec.digest_checker.passed is not False
                out.append((path.name, rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI")))
    return out


def test_stored_headers_undo_chunking_and_match_the_body():
    ex = _exchange("https://n.example/a", b"<html>a</html>", [("Content-Type", "application/json"),
                                                             ("Content-Encoding", "gzip"),
                                                             ("Transfer-Encoding", "chunked")])
    assert stored_http_headers(ResponseSpec(ex, body=b"{}", content_type="application/json")) == [
        ("Content-Type", "application/json"), ("Content-Length", "2")]
    assert ("Content-Encoding", "gzip") in stored_http_headers(ResponseSpec(ex))


def test_warc_recovery_cuts_what_the_manifest_did_not_commit(tmp_path):
    manifest = Manifest(tmp_path / "m.sqlite")
    folder = tmp_path / "warcs"
    store = WarcStore(folder, manifest, prefix="t", max_bytes=10**9)
    for url in ("https://n.example/a", "https://n.example/b"):
        manifest.add(url, "page", document=True)
    written = store.write([ResponseSpec(_exchange("https://n.example/a", b"<html>a</html>"))])
    with manifest.transaction():
        store.commit(written)
        manifest.set_status("https://n.example/a", "fetched", warc_file=written.file, warc_offset=written.offset)
    # the crash: b's records reach the file but its manifest transaction never happens; half a record follows
    store.write([ResponseSpec(_exchange("https://n.example/b", b"<html>b</html>"))])
    store._fh.write(b"\x1f\x8b\x08\x00garbage-of-a-half-written-record")
    store._fh.flush()
    open_file = folder / (written.file + ".open")
    assert open_file.exists()
    manifest.close()

    manifest = Manifest(tmp_path / "m.sqlite")
    notes = WarcStore(folder, manifest, prefix="t", max_bytes=10**9).recover()
    assert any("uncommitted bytes" in n for n in notes) and any("closed" in n for n in notes)
    assert not open_file.exists()
    assert (folder / written.file).stat().st_size == written.end
    assert _records(folder) == [(written.file, "warcinfo", None), (written.file, "response", "https://n.example/a"),
                                (written.file, "request", "https://n.example/a")]
    # the request record never carries credentials
    with open(folder / written.file, "rb") as fh:
        assert b"secret" not in gzip.decompress(fh.read())


def test_a_file_with_nothing_committed_is_removed(tmp_path):
    manifest = Manifest(tmp_path / "m.sqlite")
    manifest.add_warc_file("t-1.warc.gz")  # the row is written before the file
    (tmp_path / "t-1.warc.gz.open").write_bytes(b"\x1f\x8b partial warcinfo")
    store = WarcStore(tmp_path, manifest, prefix="t", max_bytes=10**9)
    assert store.recover() == ["t-1.warc.gz: removed (nothing committed)"]
    assert list(tmp_path.glob("t-1*")) == [] and manifest.warc_files() == []


def test_rotation_by_size(tmp_path):
    manifest = Manifest(tmp_path / "m.sqlite")
    store = WarcStore(tmp_path / "w", manifest, prefix="t", max_bytes=1)
    files = set()
    for i in range(3):
        written = store.write([ResponseSpec(_exchange(f"https://n.example/{i}", b"<html>x</html>"))])
        store.commit(written)
        files.add(written.file)
    store.close()
    assert len(files) == 3 and sorted(p.name for p in (tmp_path / "w").iterdir()) == sorted(files)


# --- what `gonerd build` makes of CourtListener JSON ---------------------------------------------------------

def test_courtlistener_opinions_become_legal_documents():
    opinion = {"id": 42, "resource_uri": "https://www.courtlistener.com/api/rest/v4/opinions/42/",
               "cluster": "https://www.courtlistener.com/api/rest/v4/clusters/7/", "plain_text": "",
               "html": "", "html_with_citations": "<p>The appeal is dismissed.</p>", "xml_harvard": "",
               "search_hit": {"caseName": "Roe v. Doe", "court": "Supreme Court of Testland", "court_id": "ts",
                              "dateFiled": "2020-05-06"}}
    (rec,) = _record_from_json(opinion, "x.warc@0")
    assert (rec.kind, rec.content, rec.title, rec.published, rec.source, rec.source_type, rec.url) == (
        "html", "<p>The appeal is dismissed.</p>", "Roe v. Doe", "2020-05-06", "Supreme Court of Testland", "legal",
        "https://www.courtlistener.com/api/rest/v4/opinions/42/")
    raw = {"id": 43, "cluster": "c", "plain_text": "ORDER. Affirmed.", "html_with_citations": "<p>x</p>"}
    (rec,) = _record_from_json(raw, "x.jsonl:1")
    assert (rec.kind, rec.content, rec.title, rec.url) == (
        "text", "ORDER. Affirmed.", None, "https://www.courtlistener.com/api/rest/v4/opinions/43/")
    (rej,) = _record_from_json({"id": 44, "cluster": "c", "plain_text": " ", "html_lawbox": ""}, "o")
    assert rej.reason == "empty_input"
    # generic records are read as before
    (rec,) = _record_from_json({"html": "<p>h</p>", "text": "t", "url": "https://n.example/a"}, "o")
    assert (rec.kind, rec.content, rec.source_type) == ("html", "<p>h</p>", None)


def test_sources_read_a_stored_opinion_from_a_warc(tmp_path):
    import json

    from gonerd.sources import read_warc

    manifest = Manifest(tmp_path / "m.sqlite")
    store = WarcStore(tmp_path / "w", manifest, prefix="t", max_bytes=10**9)
    body = json.dumps({"id": 5, "cluster": "c", "plain_text": "The court affirms.",
                       "search_hit": {"caseName": "A v. B", "court_id": "xx", "dateFiled": "2001-02-03"}}).encode()
    ex = _exchange("http://127.0.0.1:1/api/rest/v4/opinions/5/", b"ignored", [("Content-Type", "application/json"),
                                                                             ("Content-Encoding", "gzip")])
    store.commit(store.write([ResponseSpec(ex, body=body, content_type="application/json")]))
    store.close()
    (rec,) = list(read_warc(str(next((tmp_path / "w").iterdir()))))
    assert (rec.content, rec.title, rec.source, rec.published) == ("The court affirms.", "A v. B", "xx",
                                                                   "2001-02-03")
    assert rec.url == "https://www.courtlistener.com/api/rest/v4/opinions/5/"


def test_an_opinion_is_archived_raw_and_merged_and_read_once(tmp_path):
    import json

    from gonerd.scrape.courtlistener import OpinionKind
    from gonerd.scrape.crawl import Task
    from gonerd.sources import Rejected, read_warc

    opinion = {"id": 6, "cluster": "c", "plain_text": "The judgment is reversed.", "html": ""}
    sent = gzip.compress(json.dumps(opinion).encode())
    ex = _exchange("http://127.0.0.1:1/api/rest/v4/opinions/6/", sent, [("Content-Type", "application/json"),
                                                                        ("Content-Encoding", "gzip")])
    kind = OpinionKind("http://127.0.0.1:1")
    hit = {"caseName": "C v. D", "court": "Court of Testland", "dateFiled": "2002-03-04"}
    analysis = kind.analyse(Task(ex.url, kind, False, {"hit": hit}), ex)
    manifest = Manifest(tmp_path / "m.sqlite")
    store = WarcStore(tmp_path / "w", manifest, prefix="t", max_bytes=10**9)
    store.commit(store.write(analysis.records))
    store.close()
    path = next((tmp_path / "w").iterdir())
    with open(path, "rb") as fh:
        records = [(r.rec_type, r.rec_headers, r.raw_stream.read()) for r in ArchiveIterator(fh)]
    (_, response, raw), (_, merged, payload) = [r for r in records if r[0] in ("response", "resource")]
    assert raw == sent  # the API's answer as received, gzip and all
    assert merged.get_header("WARC-Refers-To") == response.get_header("WARC-Record-ID")
    assert response.get_header("WARC-Gonerd-Superseded-By") == merged.get_header("WARC-Record-ID")
    assert json.loads(payload) == {**opinion, "search_hit": hit}
    out = list(read_warc(str(path)))
    (drop,) = [r for r in out if isinstance(r, Rejected)]
    (rec,) = [r for r in out if not isinstance(r, Rejected)]
    assert drop.reason == "superseded_by_merged_record"
    assert (rec.content, rec.title, rec.source, rec.published) == ("The judgment is reversed.", "C v. D",
                                                                   "Court of Testland", "2002-03-04")
    assert rec.url == "https://www.courtlistener.com/api/rest/v4/opinions/6/"
