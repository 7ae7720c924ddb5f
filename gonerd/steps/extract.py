"""Step 2: main-text and metadata extraction from HTML with trafilatura, with a per-document timeout.

Each HTML document is extracted in a long-lived child process (datatrove's ``ExtractorSandbox``, one per run of the
step) so that a page that makes trafilatura hang or crash costs one counted drop, not the build. Plain-text
documents pass through. The step looks one document ahead: a helper thread hands the next page to the sandbox
while this process works on the current one downstream (normalising, tokenising, hashing), so the two overlap
instead of taking turns; pages still go to the sandbox one at a time, each with its own timeout, and documents
leave the step in the order they came. The extraction itself, the headline rule and the truncation evidence are
:mod:`gonerd.processing` functions; this step only wraps them.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict
from functools import partial

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.extractors.base import ExtractorSandbox
from datatrove.utils.logging import logger

from gonerd.steps.base import DocumentStep, Drop

# metadata key: (language, probability) of the extracted text, for the language filter (which removes the key)
IDENTIFIED_LANGUAGE = "_identified_language"


def _die_with_parent() -> None:
    """In the sandbox process: be killed when the build process dies, even by SIGKILL (Linux ``PR_SET_PDEATHSIG``);
    an orphaned sandbox would wait for documents forever."""
    global _ORPHAN_GUARD
    if _ORPHAN_GUARD:
        return
    _ORPHAN_GUARD = True
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):  # not Linux: the sandbox ends with its pipe as before
        pass


_ORPHAN_GUARD = False
_RESTART = object()  # the helper thread found no running sandbox: the step's thread starts one


class _NoSandbox(Exception):
    """A thread other than the one that made the sandbox needed a new sandbox process."""


class OwnedSandbox(ExtractorSandbox):
    """datatrove's ``ExtractorSandbox`` whose process only the thread that made it may (re)start: the look-ahead's
    helper thread gets ``_NoSandbox`` instead. A fork from the helper thread could copy into the child a lock
    (logging's, say) that the other thread holds at that instant."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = threading.current_thread()

    def __getstate__(self):  # a spawned child gets the sandbox pickled: without the thread
        return {**self.__dict__, "owner": None}

    def _ensure_process(self, extract_fn):
        dead = self.process is None or not self.process.is_alive()
        if dead and self.owner is not None and threading.current_thread() is not self.owner:
            raise _NoSandbox
        super()._ensure_process(extract_fn)


def _extract(html: str, url: str | None, settings: dict) -> dict | Exception:
    """Runs in the sandbox process; errors are returned (the sandbox re-raises them here) instead of killing it."""
    from gonerd.processing.extract import ExtractSettings, extract_html

    _die_with_parent()
    try:
        return asdict(extract_html(html, url, ExtractSettings(**settings)))
    except Exception as exc:
        return exc


class ExtractMainText(DocumentStep):
    """HTML → main text + title/date/canonical URL/site name. Pages with evidence of truncation are dropped
    (``truncated_html``) unless ``keep_truncated`` is set.

    The step's time (``extract`` in the build's statistics) is the time the pipeline waited for the sandbox."""

    name = "extract"

    def __init__(self, settings: dict | None = None, timeout: float = 10.0, keep_truncated: bool = False,
                 look_ahead: bool = True):
        super().__init__()
        self.settings = settings or {}
        self.timeout = timeout
        self.keep_truncated = keep_truncated
        # off where drops must be heard in input order (`gonerd extract`: a read drop of the next file would
        # otherwise be heard before the current document)
        self.look_ahead = look_ahead
        self._sandbox = None
        self._extract_fn = None
        self._submitter: ThreadPoolExecutor | None = None
        self._pending: dict[int, Future | str] = {}  # id(document) -> its extraction, or its truncation evidence

    def open(self, stack: contextlib.ExitStack, rank: int = 0, world_size: int = 1) -> None:
        import gonerd.processing.extract  # noqa: F401 - imported before the sandbox forks: its child inherits it
        from gonerd.lean_imports import freeze_startup_objects

        if self.settings.get("full_cascade_languages") or self.settings.get("kept_languages"):
            # the sandbox identifies languages: the model is loaded once here, before it forks
            from gonerd.processing.language import language_identifier

            language_identifier()
        freeze_startup_objects()  # (a dedicated build process only) the sandbox's collector leaves them alone

        self._sandbox = stack.enter_context(
            OwnedSandbox(timeout=self.timeout, warmup_text=("<html></html>", None))
        )
        stack.callback(setattr, self, "_sandbox", None)
        self._extract_fn = partial(_extract, settings=self.settings)
        # one thread: the sandbox sees one page at a time (closed before the sandbox: the stack unwinds in reverse)
        self._submitter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
        stack.callback(self._close_submitter)

    def _close_submitter(self) -> None:
        submitter, self._submitter = self._submitter, None
        self._pending.clear()
        if submitter is not None:
            submitter.shutdown(wait=True, cancel_futures=True)

    def items(self, data: DocumentsPipeline, rank: int, world_size: int) -> Iterator[Document]:
        """The upstream documents, each yielded once the next one is on its way to the sandbox (``look_ahead``)."""
        if not self.look_ahead:
            yield from super().items(data, rank, world_size)
            return
        held: Document | None = None
        for doc in super().items(data, rank, world_size):
            self._submit(doc)
            if held is not None:
                yield held
            held = doc
        if held is not None:
            yield held

    def _submit(self, doc: Document) -> None:
        from gonerd.processing.truncation import truncation_evidence

        meta = doc.metadata
        if meta["kind"] != "html":
            return
        if not self.keep_truncated and (evidence := truncation_evidence(doc.text)):
            self._pending[id(doc)] = evidence
            return
        self._pending[id(doc)] = self._submitter.submit(self._extract_if_running, (doc.text, meta.get("url")))

    def _extract_if_running(self, payload: tuple[str, str | None]) -> dict | object:
        """In the helper thread: extract with the running sandbox; ``_RESTART`` if there is none (at the start,
        after a timeout or a crash, or if it died since)."""
        try:
            return self._sandbox.process_document(payload, self._extract_fn)
        except _NoSandbox:
            return _RESTART

    def _extract_here(self, payload: tuple[str, str | None]) -> dict:
        """Extract in this thread, starting the sandbox if needed, once the helper thread is idle (the sandbox
        has one pipe: one user at a time)."""
        for other in list(self._pending.values()):
            if isinstance(other, Future):
                with contextlib.suppress(Exception):
                    other.result()
        return self._sandbox.process_document(payload, self._extract_fn)

    def process(self, doc: Document) -> Document | Drop:
        from gonerd.processing.extract import UnusableHtml

        meta = doc.metadata
        meta.pop(IDENTIFIED_LANGUAGE, None)  # only this step's own identification is trusted downstream
        if meta["kind"] != "html":
            return doc
        origin = meta["origin"]
        if id(doc) not in self._pending:  # called without items() (one document at a time): submit it now
            self._submit(doc)
        pending = self._pending.pop(id(doc))
        if isinstance(pending, str):
            return Drop("truncated_html", f"{origin}: the HTML is cut off: {pending}")
        try:
            result = pending.result()
            if result is _RESTART:
                result = self._extract_here((doc.text, meta.get("url")))
        except TimeoutError:
            return Drop("extraction_timeout", f"{origin}: extraction took over {self.timeout} s")
        except EOFError:
            return Drop("extraction_crashed", f"{origin}: the extraction process died")
        except UnusableHtml as exc:
            return Drop("unusable_html", f"{origin}: {exc}")
        except Exception as exc:
            return Drop("extraction_error", f"{origin}: {exc!r}")
        if not result["text"].strip():
            if result.get("depth_limit_hit"):
                return Drop("nesting_too_deep", f"{origin}: no main text above the HTML parser's depth limit "
                                                "(libxml2 stops at 256 nested elements; the content below is lost)")
            return Drop("no_main_text", f"{origin}: no main text found")
        if result.get("depth_limit_hit"):
            self.stat_update("depth_limit_hit")
            logger.warning(f"{origin}: nested deeper than the HTML parser's limit (256): content below it is lost")
        doc.text = result["text"]
        meta["url"] = meta.get("url") or result.get("url")
        meta["canonical_url"] = result.get("url")
        meta["title"] = meta.get("title") or result.get("title")
        meta["published"] = meta.get("published") or result.get("published")
        meta["sitename"] = result.get("sitename")
        if result.get("language"):  # the language filter's own identification of this text, made in the sandbox
            meta[IDENTIFIED_LANGUAGE] = tuple(result["language"])
        return doc
