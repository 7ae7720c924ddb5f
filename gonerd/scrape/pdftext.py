"""Text of a PDF opinion with pypdf (layout cleaning is the build's job, not the scraper's)."""

from __future__ import annotations

import io

MAX_PDF_PAGES = 2000


class PdfUnreadable(ValueError):
    pass


def pdf_text(data: bytes) -> str:
    """Pages joined by form feeds (page breaks stay visible to the legal cleaner). Raises :class:`PdfUnreadable`."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs warn a lot; failures are reported below
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = reader.pages
        if len(pages) > MAX_PDF_PAGES:
            raise PdfUnreadable(f"{len(pages)} pages is over the {MAX_PDF_PAGES}-page limit")
        text = "\f".join((page.extract_text() or "").strip("\n") for page in pages)
    except PdfUnreadable:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, RecursionError, NotImplementedError) as exc:
        raise PdfUnreadable(f"pypdf cannot read it ({type(exc).__name__}: {exc})") from None
    if not text.replace("\f", "").strip():
        raise PdfUnreadable("no extractable text (a scanned PDF needs OCR)")
    return text
