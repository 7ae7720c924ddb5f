"""Crash safety: SIGKILL a running `gonerd scrape news` several times, resume, and check that every URL is fetched
exactly once in the WARCs (no duplicates, no truncated records) and that the manifest agrees."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from scrape_site import article, send
from test_news_scrape import manifest_rows, warc_records

N_PER_HOST = 15


def fetched_count(db_path) -> int:
    if not db_path.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=0.1)
        try:
            return db.execute("SELECT COUNT(*) FROM urls WHERE status = 'fetched' AND document = 1").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def scrape_cmd(urls, out, *extra: str) -> list[str]:
    return [sys.executable, "-c", "from gonerd.cli import main; main()", "scrape", "news", "--urls", str(urls),
            "--out", str(out), "--delay", "0.02", "--concurrency", "2", "--timeout", "5", "--allow-private",
            "--no-progress", *extra]


@pytest.mark.network
@pytest.mark.slow
def test_sigkill_at_any_moment_then_resume(server, server2, tmp_path):
    def page(title):
        body = article(title)

        def fn(req, n):
            time.sleep(0.01)  # a little work per request, so that kills land during fetches and writes
            send(req, 200, body, "text/html; charset=utf-8")

        return fn

    urls = []
    for srv, name in ((server, "a"), (server2, "b")):
        for i in range(N_PER_HOST):
            path = f"/news/{name}-{i}.html"
            srv.route(path, page(f"Host {name} story {i}"))
            urls.append(srv.url(path))
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(urls) + "\n")
    out = tmp_path / "crawl"
    db = out / "manifest.sqlite"

    kills = 0
    for target in (3, 9, 16, 22):
        extra = ("--resume",) if db.exists() else ()
        proc = subprocess.Popen(scrape_cmd(url_file, out, *extra), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while fetched_count(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=30)
    assert kills >= 2, "the scrape finished before it could be killed: make the site slower"
    assert any(p.name.endswith(".open") for p in (out / "warcs" / "news").iterdir())  # left by a kill

    final = subprocess.run(scrape_cmd(url_file, out, "--resume"), capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr

    rows = manifest_rows(out)
    assert sorted(u for u, r in rows.items() if r["document"]) == sorted(urls)
    assert {r["status"] for r in rows.values() if r["document"]} == {"fetched"}
    records = warc_records(out / "warcs")  # digests verified, no truncated record, no .open file left
    responses = [r for r in records if r["type"] == "response"]
    assert sorted(r["uri"] for r in responses) == sorted(urls)  # every URL exactly once
    requests = [r for r in records if r["type"] == "request"]
    assert len(requests) == len(responses)
    by_offset = {(r["file"], r["offset"]): r["uri"] for r in responses}
    assert all(by_offset[(r["warc_file"], r["warc_offset"])] == r["url"] for r in rows.values() if r["document"])

    from gonerd.build import run_build
    from gonerd.config import BuildConfig

    build = run_build(BuildConfig(inputs=[str(out / "warcs")], out=str(tmp_path / "ds"), min_tokens=20),
                      echo=lambda _: None)
    read = next(s for s in build.steps if s.step == "read")
    assert read.received == len(urls) and not read.dropped
    assert build.num_documents == len(urls)
