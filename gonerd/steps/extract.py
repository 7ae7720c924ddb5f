"""Step 2: main-text and metadata extraction from HTML with trafilatura, with a per-document timeout.

Each HTML document is extracted in a long-lived child process (datatrove's ``ExtractorSandbox``) so that a page
that makes trafilatura hang or crash costs one counted drop, not the build. Plain-text documents pass through.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import partial

from datatrove.data import DocumentsPipeline

from gonerd.steps.base import CountingStep


def _extract(html: str, url: str | None, settings: dict) -> dict | Exception:
    """Runs in the sandbox process; errors are returned (the sandbox re-raises them here) instead of killing it."""
    from gonerd.processing.extract import ExtractSettings, extract_html

    try:
        return asdict(extract_html(html, url, ExtractSettings(**settings)))
    except Exception as exc:
        return exc


def drop_repeated_title(text: str, title: str | None) -> str:
    """The headline is kept in ``title``; when the extracted main text starts with it, it is removed from ``text``
    so that the text is the article body (trafilatura keeps an ``<h1>`` that sits inside the article)."""
    if not title:
        return text
    first, sep, rest = text.partition("\n\n")
    if sep and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def is_truncated_html(html: str) -> bool:
    """A page that opens ``<html>`` but never closes ``</body>``/``</html>``, or ends inside a tag, was cut off
    (an interrupted download or a crawler's size cap): its article is incomplete."""
    tail = html[-4096:].rstrip()
    if tail.rfind("<") > tail.rfind(">"):
        return True
    opened = "<html" in html[:4096].lower()
    closed = "</html>" in tail.lower() or "</body>" in tail.lower()
    return opened and not closed


class ExtractMainText(CountingStep):
    """HTML → main text + title/date/canonical URL/site name. Truncated pages are dropped (``truncated_html``)
    unless ``keep_truncated`` is set."""

    name = "extract"

    def __init__(self, settings: dict | None = None, timeout: float = 10.0, keep_truncated: bool = False):
        super().__init__()
        self.settings = settings or {}
        self.timeout = timeout
        self.keep_truncated = keep_truncated

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        from datatrove.pipeline.extractors.base import ExtractorSandbox

        from gonerd.processing.extract import UnusableHtml

        fn = partial(_extract, settings=self.settings)
        with ExtractorSandbox(timeout=self.timeout, warmup_text=("<html></html>", None)) as sandbox:
            for doc in data:
                self.received()
                meta = doc.metadata
                if meta["kind"] != "html":
                    self.passed()
                    yield doc
                    continue
                origin = meta["origin"]
                if not self.keep_truncated and is_truncated_html(doc.text):
                    self.dropped("truncated_html", f"{origin}: the HTML is cut off (no closing tags at the end)")
                    continue
                with self.track_time():
                    try:
                        result = sandbox.process_document((doc.text, meta.get("url")), fn)
                    except TimeoutError:
                        self.dropped("extraction_timeout", f"{origin}: extraction took over {self.timeout} s")
                        continue
                    except EOFError:
                        self.dropped("extraction_crashed", f"{origin}: the extraction process died")
                        continue
                    except UnusableHtml as exc:
                        self.dropped("unusable_html", f"{origin}: {exc}")
                        continue
                    except Exception as exc:
                        self.dropped("extraction_error", f"{origin}: {exc!r}")
                        continue
                if not result["text"].strip():
                    self.dropped("no_main_text", f"{origin}: no main text found")
                    continue
                doc.text = drop_repeated_title(result["text"], result.get("title"))
                meta["url"] = meta.get("url") or result.get("url")
                meta["canonical_url"] = result.get("url")
                meta["title"] = meta.get("title") or result.get("title")
                meta["published"] = meta.get("published") or result.get("published")
                meta["sitename"] = result.get("sitename")
                self.passed()
                yield doc
