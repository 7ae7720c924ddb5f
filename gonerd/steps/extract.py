"""Step 2: main-text and metadata extraction from HTML with trafilatura, with a per-document timeout.

Each HTML document is extracted in a long-lived child process (datatrove's ``ExtractorSandbox``, one per run of the
step) so that a page that makes trafilatura hang or crash costs one counted drop, not the build. Plain-text
documents pass through. The extraction itself, the headline rule and the truncation evidence are
:mod:`gonerd.processing` functions; this step only wraps them.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict
from functools import partial

from datatrove.data import Document
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
    (``truncated_html``) unless ``keep_truncated`` is set."""

    name = "extract"

    def __init__(self, settings: dict | None = None, timeout: float = 10.0, keep_truncated: bool = False):
        super().__init__()
        self.settings = settings or {}
        self.timeout = timeout
        self.keep_truncated = keep_truncated
        self._sandbox = None
        self._extract_fn = None

    def open(self, stack: contextlib.ExitStack, rank: int = 0, world_size: int = 1) -> None:
        from datatrove.pipeline.extractors.base import ExtractorSandbox

        import gonerd.processing.extract  # noqa: F401 - imported before the sandbox forks: its child inherits it
        from gonerd.lean_imports import freeze_startup_objects

        if self.settings.get("full_cascade_languages") or self.settings.get("kept_languages"):
            # the sandbox identifies languages: the model is loaded once here, before it forks
            from gonerd.processing.language import language_identifier

            language_identifier()
        freeze_startup_objects()  # (a dedicated build process only) the sandbox's collector leaves them alone

        self._sandbox = stack.enter_context(ExtractorSandbox(timeout=self.timeout, warmup_text=("<html></html>", None)))
        stack.callback(setattr, self, "_sandbox", None)
        self._extract_fn = partial(_extract, settings=self.settings)

    def process(self, doc: Document) -> Document | Drop:
        from gonerd.processing.extract import UnusableHtml
        from gonerd.processing.truncation import truncation_evidence

        meta = doc.metadata
        meta.pop(IDENTIFIED_LANGUAGE, None)  # only this step's own identification is trusted downstream
        if meta["kind"] != "html":
            return doc
        origin = meta["origin"]
        if not self.keep_truncated and (evidence := truncation_evidence(doc.text)):
            return Drop("truncated_html", f"{origin}: the HTML is cut off: {evidence}")
        try:
            result = self._sandbox.process_document((doc.text, meta.get("url")), self._extract_fn)
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
