"""Interrupts around a URL's WARC write and manifest commit: the manifest stays the single source of truth.

(The SIGKILL-at-any-moment test is in test_kill_resume.py; these are the in-process cases: an exception right after
the manifest's COMMIT, a signal during the commit, records written but never committed when the file is closed.)
"""

from __future__ import annotations

import contextlib
import os
import signal
import time

import pytest
from scrape_site import article
from test_news_scrape import manifest_rows, settings, warc_records
from test_units import _exchange

from gonerd.scrape import scrape_news
from gonerd.scrape.manifest import Manifest
from gonerd.scrape.run import Interrupts
from gonerd.scrape.warc_store import ResponseSpec, WarcStore


def serve(server, tmp_path, names=("a", "b", "c")):
    for name in names:
        server.static(f"/{name}.html", article(f"{name} crash story"))
    (tmp_path / "urls.txt").write_text("\n".join(server.url(f"/{n}.html") for n in names))
    return str(tmp_path / "urls.txt")


def assert_consistent(out, urls: list[str]) -> None:
    """Every fetched row points at its own response record; every response record belongs to a fetched row."""
    rows = manifest_rows(out)
    responses = {(r["file"], r["offset"]): r["uri"] for r in warc_records(out / "warcs") if r["type"] == "response"}
    fetched = {u: r for u, r in rows.items() if r["document"] and r["status"] == "fetched"}
    assert sorted(fetched) == sorted(urls)
    assert sorted(responses.values()) == sorted(urls)  # each exactly once
    for url, row in fetched.items():
        assert responses[(row["warc_file"], row["warc_offset"])] == url


@pytest.mark.network
def test_an_interrupt_right_after_the_manifest_commit_keeps_the_committed_record(server, tmp_path, monkeypatch):
    urls = serve(server, tmp_path)
    state = {"armed": False, "fired": False}
    original_tx, original_commit = Manifest.transaction, WarcStore.commit

    @contextlib.contextmanager
    def transaction(self):
        outer = self._depth == 0
        with original_tx(self):
            yield
        if outer and state["armed"] and not state["fired"]:  # COMMIT has run: the interrupt lands here
            state["fired"] = True
            raise KeyboardInterrupt

    def commit(self, written):
        original_commit(self, written)
        state["armed"] = True

    monkeypatch.setattr(Manifest, "transaction", transaction)
    monkeypatch.setattr(WarcStore, "commit", commit)
    out = tmp_path / "out"
    result = scrape_news(out, urls=[urls], settings=settings(delay=0.0, concurrency=1))
    assert result.interrupted and state["fired"]
    first = server.url("/a.html")
    assert manifest_rows(out)[first]["status"] == "fetched"
    # the record the manifest committed is still in the (closed) WARC, where the manifest says
    records = [r for r in warc_records(out / "warcs") if r["type"] == "response"]
    assert [r["uri"] for r in records] == [first]

    monkeypatch.undo()
    result = scrape_news(out, urls=[urls], settings=settings(delay=0.0, resume=True))
    assert result.summary["this_run"]["recovery"] == []  # nothing to repair
    assert_consistent(out, [server.url(f"/{n}.html") for n in "abc"])


@pytest.mark.network
def test_a_signal_during_the_commit_waits_for_it_to_finish(server, tmp_path, monkeypatch):
    urls = serve(server, tmp_path)
    original_commit = WarcStore.commit
    sent = []

    def commit(self, written):
        if not sent:
            sent.append(written)
            signal.raise_signal(signal.SIGTERM)  # handled at once in this (the main) thread: held until the end
        original_commit(self, written)

    monkeypatch.setattr(WarcStore, "commit", commit)
    out = tmp_path / "out"
    result = scrape_news(out, urls=[urls], settings=settings(delay=0.0, concurrency=1))
    assert result.interrupted
    rows = manifest_rows(out)
    assert rows[server.url("/a.html")]["status"] == "fetched"  # the URL whose commit the signal hit is done
    assert {rows[server.url(f"/{n}.html")]["reason"] for n in "bc"} == {"interrupted"}
    monkeypatch.undo()
    scrape_news(out, urls=[urls], settings=settings(delay=0.0, resume=True))
    assert_consistent(out, [server.url(f"/{n}.html") for n in "abc"])


def test_close_cuts_records_that_were_never_committed(tmp_path):
    manifest = Manifest(tmp_path / "m.sqlite")
    store = WarcStore(tmp_path / "w", manifest, prefix="t", max_bytes=10**9)
    done = store.write([ResponseSpec(_exchange("https://n.example/a", b"<html>a</html>"))])
    store.commit(done)
    # an interrupt between the write and the manifest transaction: b's records are on disk, uncommitted
    store.write([ResponseSpec(_exchange("https://n.example/b", b"<html>b</html>"))])
    store.close()
    (path,) = (tmp_path / "w").iterdir()
    assert path.name == done.file and path.stat().st_size == done.end == manifest.committed(done.file)

    # a file whose records were all rolled back (only the warcinfo committed) is still a valid WARC; a file with
    # nothing committed at all is removed
    store = WarcStore(tmp_path / "w2", manifest, prefix="u", max_bytes=10**9)
    written = store.write([ResponseSpec(_exchange("https://n.example/c", b"<html>c</html>"))])
    manifest.set_committed(written.file, 0)
    store.close()
    assert list((tmp_path / "w2").iterdir()) == [] and manifest.committed(written.file) is None


def test_rollback_never_cuts_below_the_committed_size(tmp_path):
    manifest = Manifest(tmp_path / "m.sqlite")
    store = WarcStore(tmp_path / "w", manifest, prefix="t", max_bytes=10**9)
    written = store.write([ResponseSpec(_exchange("https://n.example/a", b"<html>a</html>"))])
    store.commit(written)
    store.rollback(written)  # e.g. an exception after the COMMIT: the committed records stay
    assert store._fh.tell() == written.end
    other = store.write([ResponseSpec(_exchange("https://n.example/b", b"<html>b</html>"))])
    store.rollback(other)  # not committed: cut
    assert store._fh.tell() == written.end
    store.close()


def test_interrupts_are_held_inside_a_deferred_section():
    reached = []
    with Interrupts() as interrupts:
        with pytest.raises(KeyboardInterrupt), interrupts.deferred():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # the handler has run by now (and held the signal)
            reached.append("end of the section")
        assert reached == ["end of the section"]
        with pytest.raises(KeyboardInterrupt):  # outside a section: at once
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)
    assert signal.getsignal(signal.SIGTERM) is not interrupts._handler  # handlers restored
