"""A small web site for the scrape tests, served by a threaded HTTP/1.1 server on 127.0.0.1 with a request log.

Routes are Python callables ``fn(req, n)`` (``n``: how many times this path was asked for, 1-based), so faults
can depend on the attempt (500 then 503 then 200). The log is the evidence the tests check: which paths were
requested, when, with which headers.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from corpus_factory import news_html, paragraphs

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO.parent / "shared" / "fixtures"
NEWS_FIXTURES = FIXTURES / "news-html" / "trafilatura"
LEGAL_FIXTURES = FIXTURES / "legal"


@dataclass
class Hit:
    t: float  # time.monotonic() at arrival
    path: str
    query: dict
    headers: dict


class SiteServer:
    def __init__(self) -> None:
        self.routes: dict[str, Callable] = {}
        self.log: list[Hit] = []
        self.counts: Counter = Counter()
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                with site._lock:
                    site.counts[parts.path] += 1
                    n = site.counts[parts.path]
                    site.log.append(Hit(time.monotonic(), parts.path, parse_qs(parts.query), dict(self.headers)))
                route = site.routes.get(parts.path)
                if route is None:
                    send(self, 404, b"not found", "text/plain")
                    return
                route(self, n)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:
                pass  # clients that time out or give up are expected here

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, fn: Callable) -> None:
        self.routes[path] = fn

    def static(self, path: str, body: bytes | str, ctype: str = "text/html; charset=utf-8", status: int = 200,
               headers: list[tuple[str, str]] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = lambda req, n: send(req, status, data, ctype, headers)

    def hits(self, prefix: str = "") -> list[Hit]:
        with self._lock:
            return [h for h in self.log if h.path.startswith(prefix)]


def send(req: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str | None,
         headers: list[tuple[str, str]] | None = None) -> None:
    req.send_response(status)
    if ctype:
        req.send_header("Content-Type", ctype)
    for key, value in headers or []:
        req.send_header(key, value)
    req.send_header("Content-Length", str(len(body)))
    req.end_headers()
    req.wfile.write(body)


# fault behaviours
def slow(seconds: float) -> Callable:
    def fn(req, n):
        time.sleep(seconds)
        with contextlib.suppress(OSError):  # the client gave up long ago
            send(req, 200, b"<html><body>late</body></html>", "text/html")

    return fn


def rate_limited(retry_after: int, then: bytes) -> Callable:
    def fn(req, n):
        if n == 1:
            send(req, 429, b"slow down", "text/plain", [("Retry-After", str(retry_after))])
        else:
            send(req, 200, then, "text/html; charset=utf-8")

    return fn


def flaky(then: bytes) -> Callable:
    def fn(req, n):
        if n == 1:
            send(req, 500, b"oops", "text/plain")
        elif n == 2:
            send(req, 503, b"busy", "text/plain")
        else:
            send(req, 200, then, "text/html; charset=utf-8")

    return fn


def reset(req, n) -> None:
    """Close the connection with a TCP RST before any response."""
    req.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    req.close_connection = True
    req.rfile.close()
    req.wfile.close()
    req.connection.close()


def truncated(req, n) -> None:
    req.send_response(200)
    req.send_header("Content-Type", "text/html")
    req.send_header("Content-Length", "5000")
    req.end_headers()
    req.wfile.write(b"<html><body><p>" + b"cut " * 300)
    req.wfile.flush()
    req.close_connection = True


def redirect(to: str) -> Callable:
    return lambda req, n: send(req, 302, b"", None, [("Location", to)])


def huge_declared(req, n) -> None:
    req.send_response(200)
    req.send_header("Content-Type", "text/html")
    req.send_header("Content-Length", str(50_000_000))
    req.end_headers()
    req.close_connection = True


def huge_chunked(req, n) -> None:
    req.send_response(200)
    req.send_header("Content-Type", "text/html")
    req.send_header("Transfer-Encoding", "chunked")
    req.end_headers()
    chunk = b"<p>" + b"x" * 65536 + b"</p>"
    try:
        for _ in range(60):  # ~4 MB at most: bounded even if the client never stops
            req.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        req.wfile.write(b"0\r\n\r\n")
    except OSError:
        pass
    req.close_connection = True


def gzipped(body: bytes, ctype: str) -> Callable:
    data = gzip.compress(body)
    return lambda req, n: send(req, 200, data, ctype, [("Content-Encoding", "gzip")])


# content
FILLER = ("The council met on Tuesday to discuss the harbour budget, and the mayor said the plan would be "
          "published before the summer. Residents asked about the ferry timetable and the new library. ")


def article(title: str, body_extra: str = "", n: int = 4) -> bytes:
    """A news page whose text differs from every other title's (no near duplicates for the build to drop)."""
    seed = sum(ord(c) * (i + 1) for i, c in enumerate(title)) % 10_000
    texts = [text for text, _ in paragraphs(seed, n)]
    if body_extra:
        texts.insert(1, body_extra)
    return news_html("https://herald.example/" + title.lower().replace(" ", "-"), title, texts).encode()


def rss(items: list[dict]) -> str:
    parts = []
    for item in items:
        date = f"<pubDate>{item['date']}</pubDate>" if item.get("date") else ""
        parts.append(f"<item><title>{item.get('title', 'story')}</title><link>{item['link']}</link>{date}</item>")
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Herald</title>'
            + "".join(parts) + "</channel></rss>")


def atom(entries: list[dict]) -> str:
    parts = [f'<entry><title>{e.get("title", "story")}</title><link rel="alternate" href="{e["link"]}"/>'
             f'<link rel="enclosure" href="/media/x.mp3"/><published>{e["date"]}</published></entry>'
             for e in entries]
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Herald</title>'
            + "".join(parts) + "</feed>")


def news_sitemap(entries: list[dict]) -> str:
    parts = [f'<url><loc>{e["link"]}</loc><news:news><news:publication><news:name>Herald</news:name>'
             f'</news:publication><news:publication_date>{e["date"]}</news:publication_date>'
             f'<news:title>{e.get("title", "story")}</news:title></news:news></url>' for e in entries]
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(parts) + "</urlset>")


def urlset(links: list[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{u}</loc></url>" for u in links) + "</urlset>")


def sitemap_index(links: list[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in links) + "</sitemapindex>")


def minimal_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF whose text pypdf can extract (Helvetica, one line per Tj)."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def opinion_text(case: str, n: int = 6) -> str:
    """An opinion-like text, different for every case name (no near duplicates for the build to drop)."""
    seed = sum(ord(c) * (i + 1) for i, c in enumerate(case)) % 10_000
    para = (f"In {case}, the appellant argues that the district court erred when it denied the motion to "
            "suppress. We review the denial of a motion to suppress de novo and the findings of fact for clear "
            "error. ")
    return "\n\n".join(para + text for text, _ in paragraphs(seed, n))


def json_bytes(obj) -> bytes:
    return json.dumps(obj).encode()
