"""`scrape legal` against a local stand-in of the CourtListener v4 API (with a 429 mid-pagination) and court
pages/files (HTML, plain text, PDF) served on 127.0.0.1; then `gonerd build` on the WARCs."""

from __future__ import annotations

import gzip
import json

import pytest
from scrape_site import LEGAL_FIXTURES, json_bytes, minimal_pdf, opinion_text, send
from test_news_scrape import manifest_rows, settings, warc_records

from gonerd.scrape import scrape_legal

TOKEN = "cl-secret-token-5f3a9b"
RETRY_AFTER = 1
CASES = [  # (opinion id, case name, court, court_id, date filed, text field)
    (9001, "Marsh v. Harbour Authority", "Court of Appeals for the Ninth Circuit", "ca9", "2021-03-04", "plain_text"),
    (9002, "Marsh v. Harbour Authority", "Court of Appeals for the Ninth Circuit", "ca9", "2021-03-04",
     "html_with_citations"),
    (9003, "State v. Okafor", "Supreme Court of Testland", "testsc", "2019-11-20", "html_lawbox"),
    (9004, "In re Lighthouse Trust", "District Court of Testland", "testdc", "2022-06-01", None),
]


def serve_courtlistener(srv) -> dict[int, bytes]:
    """Search (two pages, cursor pagination, a 429 on the second page's first request) and opinions (gzipped).
    Returns the bytes sent for each opinion."""
    hits = {}
    for op_id, name, court, court_id, filed, _ in CASES:
        cluster = 700 + (op_id if name != CASES[0][1] else 9001)
        hit = hits.setdefault(cluster, {
            "absolute_url": f"/opinion/{cluster}/{name.lower().replace(' ', '-')}/", "caseName": name,
            "cluster_id": cluster, "court": court, "court_id": court_id, "dateFiled": filed,
            "docketNumber": f"{cluster}-A", "opinions": []})
        hit["opinions"].append({"id": op_id, "snippet": "...", "type": "010combined"})
    hits = list(hits.values())

    def search(req, n):
        query = dict(__import__("urllib.parse").parse.parse_qsl(req.path.split("?", 1)[1]))
        if "cursor" not in query:
            page = {"count": len(hits), "previous": None, "results": hits[:2],
                    "next": srv.url(f"/api/rest/v4/search/?cursor=cD0yJnE9&q={query['q']}&type=o")}
            return send(req, 200, json_bytes(page), "application/json")
        if srv.counts["/api/rest/v4/search/"] == 2:  # the first request for page 2: rate limited
            return send(req, 429, b'{"detail": "Request was throttled."}', "application/json",
                        [("Retry-After", str(RETRY_AFTER))])
        page = {"count": len(hits), "previous": srv.url("/api/rest/v4/search/?q=x"), "results": hits[2:],
                "next": None}
        return send(req, 200, json_bytes(page), "application/json")

    srv.route("/api/rest/v4/search/", search)
    sent = {}
    for op_id, name, _court, _cid, _filed, field in CASES:
        opinion = {"id": op_id, "resource_uri": f"https://www.courtlistener.com/api/rest/v4/opinions/{op_id}/",
                   "absolute_url": f"/opinion/{op_id}/x/", "cluster": f"https://www.courtlistener.com/api/rest/"
                   f"v4/clusters/{op_id}/", "author_str": "Judge Rivera", "type": "010combined",
                   "download_url": None, "date_created": "2022-01-01T00:00:00Z"}
        for f in ("plain_text", "html", "html_with_citations", "html_lawbox", "html_columbia", "xml_harvard"):
            opinion[f] = ""
        text = opinion_text(f"{name} ({op_id})")
        if field == "plain_text":
            opinion[field] = text
        elif field:
            opinion[field] = "<div>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n")) + "</div>"
        body = sent[op_id] = gzip.compress(json_bytes(opinion))
        srv.route(f"/api/rest/v4/opinions/{op_id}/",
                  lambda req, n, body=body: send(req, 200, body, "application/json",
                                                 [("Content-Encoding", "gzip")]))
    return sent


def raw_payloads(folder) -> dict[str, bytes]:
    """The HTTP payload of every response record exactly as stored (no Content-Encoding undone), by URI."""
    from warcio.archiveiterator import ArchiveIterator

    out = {}
    for path in sorted(folder.rglob("*.warc.gz")):
        with open(path, "rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type == "response":
                    out[rec.rec_headers.get_header("WARC-Target-URI")] = rec.raw_stream.read()
    return out


def serve_court_pages(srv) -> dict[str, str]:
    """A court HTML page, a plain-text opinion (cp1252), a PDF opinion; the real files when present."""
    html = LEGAL_FIXTURES / "juriscraper" / "ny_current_template.html"
    txt = LEGAL_FIXTURES / "courtlistener" / "opinion_text.txt"
    srv.static("/opinions/ny.html", html.read_bytes() if html.exists() else
               f"<html><body><h1>Matter of Quay</h1><p>{opinion_text('Matter of Quay')}</p></body></html>",
               "text/html")
    srv.static("/opinions/dc.txt", txt.read_bytes() if txt.exists() else opinion_text("Ideal v. Fidelity").encode(),
               "text/plain")
    lines = [f"Line {i}: the court finds that the harbour authority acted within its statutory powers." for i in
             range(30)]
    srv.static("/opinions/scanned.pdf", minimal_pdf(["OPINION OF THE COURT", *lines]), "application/pdf")
    srv.static("/opinions/image-only.pdf", minimal_pdf([]), "application/pdf")
    return {p: srv.url(p) for p in ("/opinions/ny.html", "/opinions/dc.txt", "/opinions/scanned.pdf",
                                    "/opinions/image-only.pdf")}


@pytest.mark.network
def test_legal_scrape_courtlistener_and_court_files(server, server2, tmp_path, caplog):
    sent = serve_courtlistener(server)
    pages = serve_court_pages(server2)
    urls = tmp_path / "court-urls.txt"
    urls.write_text("\n".join(pages.values()) + "\n")
    out = tmp_path / "legal"
    # no --allow-private: the API on --api-base and the court URLs given by the user are the user's choice
    result = scrape_legal(out, courtlistener=["harbour authority"], urls=[str(urls)], api_base=server.base,
                          token=TOKEN, settings=settings(delay=0.05, allow_private=False))

    rows = manifest_rows(out)
    assert {r["status"] for r in rows.values()} <= {"fetched", "failed", "skipped"}
    opinions = {r["url"]: r for r in rows.values() if r["kind"] == "opinion"}
    assert len(opinions) == 4 and {r["status"] for r in opinions.values()} == {"fetched"}
    assert opinions[server.url("/api/rest/v4/opinions/9004/")]["reason"] == "no_opinion_text"
    assert opinions[server.url("/api/rest/v4/opinions/9001/")]["title"] == "Marsh v. Harbour Authority"
    assert opinions[server.url("/api/rest/v4/opinions/9003/")]["published"] == "2019-11-20"
    searches = [r for r in rows.values() if r["kind"] == "search"]
    assert len(searches) == 2 and {r["status"] for r in searches} == {"fetched"}
    # the 429 in the middle of the pagination was retried after its Retry-After
    page2 = [h for h in server.hits("/api/rest/v4/search/") if "cursor" in h.query]
    assert len(page2) == 2 and page2[1].t - page2[0].t >= RETRY_AFTER - 0.01
    # the token went to the API with every request, and nowhere else: not to the court site, not to disk, not to logs
    assert all(h.headers.get("Authorization") == f"Token {TOKEN}" for h in server.log if h.path.startswith("/api/"))
    assert all("Authorization" not in h.headers for h in server2.log)
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert TOKEN.encode() not in data and TOKEN.encode() not in (gzip.decompress(data) if
                                                                      path.suffix == ".gz" else b""), path
    assert TOKEN not in caplog.text
    # court files: HTML and text archived, the PDF archived with its text as a resource record
    assert {rows[u]["status"] for u in pages.values()} == {"fetched"}
    assert rows[pages["/opinions/image-only.pdf"]]["reason"] == "pdf_no_text"

    records = warc_records(out / "warcs")
    responses = [r for r in records if r["type"] == "response"]
    assert len(responses) == 4 + 4 == len({r["uri"] for r in responses})
    resources = [r for r in records if r["type"] == "resource"]
    pdf_text = [r for r in resources if r["uri"].endswith(".pdf")]
    assert len(pdf_text) == 1 and b"harbour authority acted within" in pdf_text[0]["body"]
    assert pdf_text[0]["headers"].get_header("WARC-Refers-To")
    # an opinion: the API's answer byte for byte (gzip and all) as the response record, and the merged record
    # (opinion + search hit) as a resource record that refers to it and that the response names as its reader
    raw = raw_payloads(out / "warcs")
    for op_id, body in sent.items():
        uri = server.url(f"/api/rest/v4/opinions/{op_id}/")
        assert raw[uri] == body
        response = next(r for r in responses if r["uri"] == uri)
        assert response["http"].get_header("Content-Encoding") == "gzip"
        assert "search_hit" not in json.loads(response["body"])
        (merged,) = [r for r in resources if r["uri"] == uri]
        assert merged["headers"].get_header("WARC-Refers-To") == response["headers"].get_header("WARC-Record-ID")
        assert response["headers"].get_header("WARC-Gonerd-Superseded-By") == merged["headers"].get_header(
            "WARC-Record-ID")
        assert merged["headers"].get_header("Content-Type") == "application/json"
        stored = json.loads(merged["body"])
        assert {k: v for k, v in stored.items() if k != "search_hit"} == json.loads(gzip.decompress(body))
    stored = json.loads(next(r for r in resources if r["uri"].endswith("/9001/"))["body"])
    assert stored["search_hit"]["caseName"] == "Marsh v. Harbour Authority" and stored["plain_text"]
    for rec in records:
        if rec["type"] == "request":
            assert rec["http"].get_header("Authorization") is None

    from gonerd.build import run_build
    from gonerd.config import BuildConfig

    build = run_build(BuildConfig(inputs=[str(result.warc_dir)], out=str(tmp_path / "ds"), min_tokens=20),
                      echo=lambda _: None)
    read = next(s for s in build.steps if s.step == "read")
    # the PDF response itself, the opinion without text and the raw API answers (read through their merged
    # records) are counted drops; everything else is read, each opinion once
    assert read.dropped == {"unsupported_content_type": 2, "empty_input": 1, "superseded_by_merged_record": 4}
    import datasets

    ds = datasets.load_dataset(str(tmp_path / "ds"))
    docs = [row for split in ds for row in ds[split]]
    names = ds["train"].features["source_type"]
    assert {names.int2str(d["source_type"]) for d in docs} == {"legal"}
    opinions_read = [d["url"] for d in docs if "/api/rest/v4/opinions/" in (d["url"] or "")]
    assert sorted(opinions_read) == [f"https://www.courtlistener.com/api/rest/v4/opinions/{i}/" for i in (9001, 9002,
                                                                                                         9003)]
    by_url = {d["url"]: d for d in docs}
    marsh = by_url["https://www.courtlistener.com/api/rest/v4/opinions/9001/"]
    assert (marsh["title"], marsh["published"], marsh["source"]) == (
        "Marsh v. Harbour Authority", "2021-03-04", "Court of Appeals for the Ninth Circuit")
    assert "motion to suppress" in marsh["text"]
    assert any("harbour authority acted within" in d["text"] for d in docs)  # the PDF's text


@pytest.mark.network
def test_max_pages_stops_the_search_pagination_too(server, tmp_path):
    serve_courtlistener(server)
    out = tmp_path / "legal"
    result = scrape_legal(out, courtlistener=["harbour authority"], api_base=server.base, token=TOKEN,
                          settings=settings(delay=0.0, max_pages=2))
    assert result.summary["documents"]["fetched"] == 2
    assert [h for h in server.hits("/api/rest/v4/search/") if "cursor" in h.query] == []  # page 2 not needed
    rows = manifest_rows(out)
    assert {(r["status"], r["reason"]) for r in rows.values() if r["kind"] == "search" and "cursor" in r["url"]} == {
        ("skipped", "max_pages")}
