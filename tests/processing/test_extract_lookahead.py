"""The extraction step looks one document ahead: the sandbox works on the next page while this process handles the
current one; documents still leave in their order, every one forwarded or dropped with its reason."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from concurrent.futures import Future, ThreadPoolExecutor

import datatrove.pipeline.extractors.base as extractor_base
from datatrove.data import Document

from gonerd.steps.extract import _RESTART, ExtractMainText

PARAGRAPH = ("The harbour council met on Tuesday evening and approved the new ferry timetable for the northern "
             "districts after a long debate about fares, night services and the repairs to the old pier. ")  # fmt: skip


def html_doc(i: int, *, cut: bool = False) -> Document:
    body = "".join(f"<p>{PARAGRAPH} Item {i}, paragraph {p}.</p>" for p in range(6))
    html = f"<html><head><title>Page {i}</title></head><body><article>{body}</article></body></html>"
    if cut:
        html = html[: html.index("<p>", 200) + 2]  # ends inside a tag: truncated
    return Document(text=html, id=f"p{i}", metadata={"kind": "html", "origin": f"p{i}.html", "url": None})


def text_doc(i: int) -> Document:
    return Document(text=PARAGRAPH, id=f"t{i}", metadata={"kind": "text", "origin": f"t{i}.txt"})


def test_order_kept_and_every_document_counted_with_the_look_ahead() -> None:
    docs = [html_doc(0), text_doc(1), html_doc(2, cut=True), html_doc(3), text_doc(4), html_doc(5)]
    step = ExtractMainText()
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["p0", "t1", "p3", "t4", "p5"]
    assert out[0].metadata["title"] == "Page 0" and "Item 3, paragraph 5" in out[2].text
    assert "<p>" not in out[4].text
    stats = step.stats
    assert stats["total"].total == 6 and stats["forwarded"].total == 5
    assert stats["dropped_truncated_html"].total == 1
    assert step._pending == {} and step._submitter is None  # closed at the end of the run


def test_the_next_page_is_with_the_sandbox_while_the_current_one_is_handled() -> None:
    docs = [html_doc(i) for i in range(4)]
    step = ExtractMainText()
    seen_ahead = []
    for n, doc in enumerate(step.run(iter(docs))):
        assert doc is docs[n]
        if n + 1 < len(docs):
            ahead = step._pending.get(id(docs[n + 1]))
            seen_ahead.append(isinstance(ahead, Future))
            ahead.result(timeout=60)  # the sandbox extracts it while this loop still holds document n
        else:
            assert step._pending == {}
    assert seen_ahead == [True, True, True]


def test_timeouts_with_pages_queued_behind_them_are_counted_and_the_run_ends() -> None:
    """Every page over the limit (0.000001 s) is a counted drop, also those already queued when the sandbox was
    restarted; nothing hangs and nothing is lost."""
    docs = [html_doc(0), text_doc(1), html_doc(2), html_doc(3)]
    step = ExtractMainText(timeout=0.000001)
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["t1"]
    assert step.stats["dropped_extraction_timeout"].total == 3


def test_without_look_ahead_each_page_is_extracted_when_it_is_handled() -> None:
    docs = [html_doc(i) for i in range(3)]
    step = ExtractMainText(look_ahead=False)
    for doc in step.run(iter(docs)):
        assert step._pending == {} and doc.metadata["title"].startswith("Page")


def test_a_dead_sandbox_is_restarted_by_the_step_s_own_thread(monkeypatch) -> None:
    """The sandbox dies between two pages: the next page is still extracted, by a sandbox that the step's thread
    started (never the helper thread: a fork there could copy a lock held by the other thread)."""
    starters = []

    class RecordingProcess(extractor_base.Process):
        def start(self):
            starters.append(threading.current_thread() is threading.main_thread())
            super().start()

    monkeypatch.setattr(extractor_base, "Process", RecordingProcess)
    docs = [html_doc(i) for i in range(4)]
    step = ExtractMainText()
    out = []
    for n, doc in enumerate(step.run(iter(docs))):
        out.append(doc)
        if n == 1:
            step._pending[id(docs[2])].result(timeout=60)  # page 2 extracted by the first sandbox
            os.kill(step._sandbox.process.pid, signal.SIGKILL)
            step._sandbox.process.join(timeout=10)
    assert [d.metadata["title"] for d in out] == ["Page 0", "Page 1", "Page 2", "Page 3"]
    assert starters == [True, True]


def test_another_thread_never_starts_the_sandbox_process() -> None:
    step = ExtractMainText()
    page = (html_doc(0).text, None)
    with contextlib.ExitStack() as stack:
        step.open(stack)
        with ThreadPoolExecutor(max_workers=1) as other:
            assert other.submit(step._extract_if_running, page).result() is _RESTART
        assert step._sandbox.process is None  # nothing was forked from the other thread
        assert step._extract_here(page)["title"] == "Page 0"  # the step's own thread starts it
        with ThreadPoolExecutor(max_workers=1) as other:  # a running sandbox serves any thread
            assert other.submit(step._extract_if_running, page).result()["title"] == "Page 0"
