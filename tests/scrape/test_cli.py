"""The `gonerd scrape` command line: help, errors, a small run, and Ctrl-C/SIGTERM behaviour."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from scrape_site import article, send
from test_kill_resume import fetched_count, scrape_cmd
from test_news_scrape import manifest_rows

from gonerd.cli import main


def test_scrape_help_is_light():
    code = (
        "import sys, json\n"
        "from click.testing import CliRunner\n"
        "from gonerd.cli import main\n"
        "outs = [CliRunner().invoke(main, args).output for args in (['scrape', '--help'], ['scrape', 'news', "
        "'--help'], ['scrape', 'legal', '--help'])]\n"
        "heavy = [m for m in ('torch', 'transformers', 'spacy', 'datasets', 'datatrove', 'trafilatura', 'urllib3', "
        "'warcio', 'courlan', 'htmldate', 'pypdf', 'protego') if m in sys.modules]\n"
        "print(json.dumps({'outs': outs, 'heavy': heavy}))\n"
    )
    res = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert res["heavy"] == []
    assert "--feeds" in res["outs"][1] and "--sitemap" in res["outs"][1] and "--resume" in res["outs"][1]
    assert "--courtlistener" in res["outs"][2] and "--api-base" in res["outs"][2]


def test_cli_errors_are_clear(tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["scrape", "news", "--out", str(tmp_path / "o")])
    assert res.exit_code != 0 and "nothing to scrape" in res.output
    res = runner.invoke(main, ["scrape", "news", "--urls", str(tmp_path / "missing.txt"), "--out", str(tmp_path)])
    assert res.exit_code != 0 and "no such file" in res.output
    res = runner.invoke(main, ["scrape", "legal", "--courtlistener", "x", "--api-base", "ftp://x", "--out",
                               str(tmp_path / "o")])
    assert res.exit_code != 0 and "not an http(s) URL" in res.output
    res = runner.invoke(main, ["scrape", "news", "--urls", "x", "--out", str(tmp_path), "--max-bytes", "lots"])
    assert res.exit_code != 0 and "is not a size" in res.output


@pytest.mark.network
def test_cli_run_prints_the_summary_and_how_to_build(server, tmp_path):
    server.static("/a.html", article("Command line story"))
    (tmp_path / "urls.txt").write_text(server.url("/a.html") + "\n" + server.url("/missing.html") + "\n")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["scrape", "news", "--urls", str(tmp_path / "urls.txt"), "--out", str(out),
                                    "--delay", "0", "--no-progress", "--allow-private"])
    assert res.exit_code == 0, res.output
    assert "documents: fetched 1, failed 1" in res.output and "http_404" in res.output
    assert f"gonerd build --input {out / 'warcs'}" in res.output
    res = CliRunner().invoke(main, ["scrape", "news", "--urls", str(tmp_path / "urls.txt"), "--out", str(out)])
    assert res.exit_code != 0 and "--resume" in res.output


@pytest.mark.network
def test_sigterm_stops_cleanly_and_resume_finishes(server, tmp_path):
    for i in range(12):
        body = article(f"Term story {i}")
        server.route(f"/t{i}.html", lambda req, n, body=body: (time.sleep(0.05), send(req, 200, body, "text/html")))
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(server.url(f"/t{i}.html") for i in range(12)))
    out = tmp_path / "out"
    proc = subprocess.Popen(scrape_cmd(urls, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while fetched_count(out / "manifest.sqlite") < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    rows = manifest_rows(out)
    reasons = {r["reason"] for r in rows.values() if r["document"] and r["status"] != "fetched"}
    assert reasons <= {"interrupted"} and "INTERRUPTED" in err
    assert not list((out / "warcs" / "news").glob("*.open"))  # the WARC was closed, not left open
    done = subprocess.run(scrape_cmd(urls, out, "--resume"), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert {r["status"] for r in manifest_rows(out).values() if r["document"]} == {"fetched"}
