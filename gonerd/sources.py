"""Input discovery and reading: local HTML, plain text, JSONL and WARC files → raw records.

Every input item (a file, a JSONL line, a WARC response/resource record) becomes either a :class:`RawRecord` or a
:class:`Rejected` with a short reason and a message naming the file (and line or WARC offset) — nothing is
skipped silently. WARC request/metadata/warcinfo records are not documents and are not input items; revisit
records (pointers to an earlier capture) are input items, counted as dropped (`warc_revisit`).

Recognised fields of JSONL lines (and of JSON records in WARCs): ``text`` (plain text) or ``html``; ``url``,
``title``, ``published`` (or ``date``), ``source_type``, ``source``, ``id``. CourtListener opinion objects (as
``gonerd scrape legal`` stores them) are recognised by their own fields and become legal documents.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gonerd.processing.decode import UndecodableInput, decode_document

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"}
JSON_SUFFIXES = {".json", ".json.gz"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}
DEFAULT_MAX_INPUT_BYTES = 20_000_000

_HTML_SNIFF = re.compile(rb"<!doctype html|<html|<head|<body|<article|<div|<p[ >]", re.IGNORECASE)
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass
class RawRecord:
    """One input document before extraction: decoded content plus what the input said about it."""

    origin: str  # file path as given, plus ":<line>" (JSONL) or "@<offset>" (WARC)
    kind: str  # "html" | "text"
    content: str
    raw_sha1: str
    encoding: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source_type: str | None = None
    source: str | None = None
    id: str | None = None
    extra: dict = field(default_factory=dict)
    repaired_bytes: int = 0  # invalid bytes of a UTF-8 input repaired one by one
    nul_bytes: int = 0  # stray NUL bytes removed


@dataclass
class Rejected:
    origin: str
    reason: str  # short snake_case reason, used as the drop counter name
    message: str


def suffix_of(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if len(suffixes) == 2 and suffixes[1] == ".gz":
        return "".join(suffixes)
    return suffixes[-1] if suffixes else ""


class InputFiles(list):
    """The input files found (a list of paths) and what was skipped on the way (``skipped``: counted, named drops
    of the read step: unlistable folders, symlink loops, dangling links, FIFOs and devices, undecodable names)."""

    def __init__(self, files=(), skipped: list[Rejected] | None = None):
        super().__init__(files)
        self.skipped: list[Rejected] = list(skipped or [])


_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket"}  # fmt: skip


def _shown(path: str) -> str:
    """A path fit for a message: undecodable bytes of the name as ``\\xff`` escapes."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return repr(os.fsencode(path))[2:-1]


def _classify(path: str) -> tuple[str, os.stat_result | None, Rejected | None]:
    """("file" | "dir" | "skip", stat, why skipped) of one path, symlinks followed."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        shown = _shown(path)
        return "skip", None, Rejected(shown, "undecodable_file_name",
                                      f"{shown}: the file name is not valid UTF-8; rename it to read it")
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "skip", None, Rejected(path, "symlink_loop", f"{path}: a symbolic link that points back to itself")
        if exc.errno == errno.ENOENT and os.path.islink(path):
            target = os.readlink(path)
            return "skip", None, Rejected(path, "dangling_symlink", f"{path}: a symbolic link to {target}, which "
                                                                     "does not exist")
        return "skip", None, Rejected(path, "unreadable", f"{path}: cannot read ({exc.strerror or exc})")
    if stat.S_ISDIR(st.st_mode):
        return "dir", st, None
    if stat.S_ISREG(st.st_mode):
        return "file", st, None
    kind = _KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
    return "skip", st, Rejected(path, "not_a_regular_file", f"{path}: {kind}, not a regular file: not read")


def _walk(root: str, files: list[str], skipped: list[Rejected], visited: set[tuple[int, int]]) -> None:
    """Regular files under ``root`` (hidden names skipped, folder symlinks followed once: loops are skips)."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        skipped.append(Rejected(root, "unreadable_folder",
                                f"{_shown(root)}: cannot list this folder ({exc.strerror or exc}): its files are not "
                                "read"))  # fmt: skip
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = entry.path
        kind, st, why = _classify(path)
        if why is not None:
            skipped.append(why)
        elif kind == "file":
            files.append(path)
        elif kind == "dir":
            key = (st.st_dev, st.st_ino)
            if key in visited:
                skipped.append(Rejected(path, "symlink_loop", f"{path}: a folder link back to a folder already read"))
                continue
            visited.add(key)
            _walk(path, files, skipped, visited)


def discover_inputs(paths: list[str | Path], *, keep_order: bool = False) -> InputFiles:
    """Expand files and folders (recursively; hidden names skipped; folder symlinks followed, loops skipped) into
    a de-duplicated list of regular files: sorted, or with ``keep_order`` in the order the paths were given (a
    folder's files sorted). Anything that cannot be read as a file is in ``skipped``, with its reason. A path that
    does not exist at all is a user error (FileNotFoundError)."""
    found: dict[str, None] = {}
    skipped: list[Rejected] = []
    for p in paths:
        path = os.fspath(p)
        if not os.path.lexists(path):
            raise FileNotFoundError(f"input {_shown(path)} does not exist")
        kind, st, why = _classify(path)
        if why is not None:
            skipped.append(why)
        elif kind == "dir":
            files: list[str] = []
            _walk(path, files, skipped, {(st.st_dev, st.st_ino)})
            found.update(dict.fromkeys(sorted(files)))
        else:
            found[path] = None
    ordered = list(found) if keep_order else sorted(found)
    return InputFiles(ordered, sorted(skipped, key=lambda r: r.origin) if not keep_order else skipped)


def source_type_from_path(path: str) -> str | None:
    """``news`` or ``legal`` when a folder in the path is named so (``corpus/legal/ny/x.txt``)."""
    parts = [part.lower() for part in Path(path).parts[:-1]]
    for part in reversed(parts):
        if part in ("news", "legal"):
            return part
    return None


def open_regular(path: str):
    """The file opened for binary reading, or a :class:`Rejected` when it is not a regular file (a FIFO would block
    forever, a device never ends) or cannot be opened. Opened without blocking, then checked by ``fstat``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return Rejected(path, "unreadable", f"{path}: cannot read ({exc.strerror or exc})")
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        return Rejected(path, "not_a_regular_file", f"{path}: {kind}, not a regular file: not read")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_input(path: str, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> Iterator[RawRecord | Rejected]:
    """Records of one input file, by its suffix (content-sniffed when the suffix says nothing). Only regular
    files are read, and never more than ``max_bytes`` per document whatever ``stat`` says."""
    suffix = suffix_of(Path(path))
    opened = open_regular(path)
    if isinstance(opened, Rejected):
        yield opened
        return
    opened.close()
    if suffix in WARC_SUFFIXES:
        yield from read_warc(path, max_bytes=max_bytes)
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, max_bytes=max_bytes)
    elif suffix in JSON_SUFFIXES:
        yield from read_json(path, max_bytes=max_bytes)
    else:
        opened = open_regular(path)
        if isinstance(opened, Rejected):
            yield opened
            return
        try:
            with opened:
                raw = opened.read(max_bytes + 1)
        except OSError as exc:
            yield Rejected(path, "unreadable", f"{path}: cannot read ({exc.strerror or exc})")
            return
        if len(raw) > max_bytes:
            yield Rejected(path, "too_large", f"{path}: over the {max_bytes:,}-byte input limit")
            return
        kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else None
        yield from _record_from_bytes(raw, path, kind=kind, declared=None)


def _record_from_bytes(
    raw: bytes, origin: str, *, kind: str | None, declared: str | None, **meta
) -> Iterator[RawRecord | Rejected]:
    if kind is None:
        kind = "html" if _HTML_SNIFF.search(raw[:4096]) else "text"
    try:
        decoded = decode_document(raw, declared, name=origin)
    except UndecodableInput as exc:
        reason = "empty_input" if "empty" in str(exc).lower() else "binary_input"
        yield Rejected(origin, reason, str(exc))
        return
    yield RawRecord(
        origin=origin,
        kind=kind,
        content=decoded.text,
        raw_sha1=hashlib.sha1(raw).hexdigest(),
        encoding=decoded.encoding,
        repaired_bytes=decoded.repaired_bytes,
        nul_bytes=decoded.nul_bytes,
        **meta,
    )


# CourtListener REST API opinion objects (v4), as `gonerd scrape legal` stores them: the API's JSON with the search
# hit it came from under "search_hit". Text fields in order of preference: plain_text is closest to the court's
# document (the legal cleaning rules expect its page headers and line numbers); the HTML variants come next.
COURTLISTENER_TEXT_FIELDS = ("plain_text", "html_with_citations", "html", "html_lawbox", "html_columbia",
                             "xml_harvard")
COURTLISTENER_SITE = "https://www.courtlistener.com"


def _is_courtlistener_opinion(obj: dict) -> bool:
    return isinstance(obj.get("search_hit"), dict) or (
        any(k in obj for k in COURTLISTENER_TEXT_FIELDS if k != "html") and ("cluster" in obj or "resource_uri" in obj)
    )


def _courtlistener_record(obj: dict, origin: str) -> Iterator[RawRecord | Rejected]:
    """An opinion → a legal document: title = case name, published = date filed, source = court (from the
    search hit), url = the opinion's API resource (unique per opinion; the cluster page is shared by a case's
    majority, concurrences and dissents)."""
    field_name = next((k for k in COURTLISTENER_TEXT_FIELDS if isinstance(obj.get(k), str) and obj[k].strip()), None)
    if field_name is None:
        yield Rejected(origin, "empty_input", f"{origin}: the CourtListener opinion has no text in any of "
                                              f"{', '.join(COURTLISTENER_TEXT_FIELDS)}")
        return
    content = obj[field_name]
    hit = obj.get("search_hit") if isinstance(obj.get("search_hit"), dict) else {}
    url = obj.get("resource_uri")
    if not url and isinstance(obj.get("id"), int):
        url = f"{COURTLISTENER_SITE}/api/rest/v4/opinions/{obj['id']}/"
    filed = hit.get("dateFiled")
    title = hit.get("caseName") or hit.get("caseNameFull")
    source = hit.get("court") or hit.get("court_id")
    yield RawRecord(
        origin=origin,
        kind="text" if field_name == "plain_text" else "html",
        content=content,
        raw_sha1=hashlib.sha1(content.encode("utf-8")).hexdigest(),
        encoding="utf-8",
        url=str(url) if url else None,
        title=str(title) if title else None,
        published=str(filed)[:10] if filed else None,
        source_type="legal",
        source=str(source) if source else None,
        extra={"courtlistener_text_field": field_name},
    )


def _record_from_json(obj: object, origin: str) -> Iterator[RawRecord | Rejected]:
    if not isinstance(obj, dict):
        yield Rejected(origin, "bad_json_record", f"{origin}: expected a JSON object, got {type(obj).__name__}")
        return
    try:  # JSON may escape lone surrogates (\ud800) that no UTF-8 text can hold
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        yield Rejected(origin, "invalid_unicode", f"{origin}: the record holds an unpaired surrogate ({exc.reason})")
        return
    if _is_courtlistener_opinion(obj):
        yield from _courtlistener_record(obj, origin)
        return
    html, text = obj.get("html"), obj.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str) or not content.strip():
        yield Rejected(origin, "empty_input", f"{origin}: the record has no non-empty 'text' or 'html' field")
        return
    kind = "html" if content is html else "text"
    meta = {k: obj.get(k) for k in ("url", "title", "source_type", "source", "id")}
    meta = {k: (str(v) if v is not None else None) for k, v in meta.items()}
    published = obj.get("published") or obj.get("date")
    yield RawRecord(
        origin=origin,
        kind=kind,
        content=content,
        raw_sha1=hashlib.sha1(content.encode("utf-8")).hexdigest(),
        encoding="utf-8",
        published=str(published) if published else None,
        **meta,
    )


def _lines(fh, max_bytes: int) -> Iterator[tuple[bytes, bool]]:
    """(line, complete) pairs, never holding more than ``max_bytes + 1`` bytes of one line in memory: an
    over-long line is reported once (``complete`` False) and the rest of it skipped."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line, True
            continue
        while line and not line.endswith(b"\n"):  # skip to the end of the over-long line
            line = fh.readline(1 << 20)
        yield b"", False


def read_jsonl(path: str, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> Iterator[RawRecord | Rejected]:
    opened = open_regular(path)
    if isinstance(opened, Rejected):
        yield opened
        return
    try:
        with opened, (gzip.open(opened, "rb") if path.endswith(".gz") else opened) as fh:
            for lineno, (line, complete) in enumerate(_lines(fh, max_bytes), start=1):
                origin = f"{path}:{lineno}"
                if not complete:
                    yield Rejected(origin, "too_large", f"{origin}: a line over the {max_bytes:,}-byte limit")
                    continue
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    yield Rejected(origin, "bad_json_record", f"{origin}: not valid JSON ({exc})")
                    continue
                yield from _record_from_json(obj, origin)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Rejected(path, "unreadable", f"{path}: cannot read the rest of the file ({exc})")


def read_json(path: str, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> Iterator[RawRecord | Rejected]:
    """A ``.json`` file: one document (an object) or a list of documents, each read like a JSONL line
    (origin ``file#<index>`` for list items). Anything else is one counted drop naming the file."""
    opened = open_regular(path)
    if isinstance(opened, Rejected):
        yield opened
        return
    try:
        with opened, (gzip.open(opened, "rb") if path.endswith(".gz") else opened) as fh:
            raw = fh.read(max_bytes + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Rejected(path, "unreadable", f"{path}: cannot read ({exc})")
        return
    if len(raw) > max_bytes:
        yield Rejected(path, "too_large", f"{path}: over the {max_bytes:,}-byte input limit")
        return
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        yield Rejected(path, "bad_json", f"{path}: not valid JSON ({exc})")
        return
    if isinstance(obj, dict):
        yield from _record_from_json(obj, path)
    elif isinstance(obj, list):
        if not obj:
            yield Rejected(path, "empty_input", f"{path}: an empty JSON list")
        for index, item in enumerate(obj):
            yield from _record_from_json(item, f"{path}#{index}")
    else:
        yield Rejected(path, "bad_json", f"{path}: expected a JSON object or a list of objects, got "
                                         f"{type(obj).__name__}")


def _warc_kind(content_type: str) -> str | None:
    ct = content_type.split(";")[0].strip().lower()
    if ct in ("text/html", "application/xhtml+xml"):
        return "html"
    if ct in ("text/plain", ""):
        return "text"
    if ct in ("application/json", "application/ld+json"):
        return "json"
    return None


# A response record with this header is kept as the server sent it but read through a record derived from it (the
# record with that WARC-Record-ID, which refers back to it): `gonerd scrape legal` archives a CourtListener opinion
# as the API's raw answer plus a merged JSON record (opinion + search hit). The raw response is a counted drop.
SUPERSEDED_BY = "WARC-Gonerd-Superseded-By"


def read_warc(path: str, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> Iterator[RawRecord | Rejected]:
    """Response and resource records of a WARC file (raw bytes kept, so builds re-run without the web).

    A response that names the record superseding it (``WARC-Gonerd-Superseded-By``) is not read itself: it is a
    ``superseded_by_merged_record`` drop, and the named record (which follows it) is read instead."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    fh = open_regular(path)
    if isinstance(fh, Rejected):
        yield fh
        return
    with fh:
        # digests are checked while the body is read: a truncated or corrupted record fails its payload digest
        iterator = ArchiveIterator(fh, check_digests=True)
        try:
            for record in iterator:
                if record.rec_type == "revisit":  # a pointer to an earlier capture, without a payload of its own
                    origin = f"{path}@{iterator.get_record_offset()}"
                    target = record.rec_headers.get_header("WARC-Target-URI")
                    yield Rejected(origin, "warc_revisit", f"{origin}: {target} is a revisit record (no payload)")
                    continue
                if record.rec_type not in ("response", "resource"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                date = record.rec_headers.get_header("WARC-Date")
                status, content_type, raw, error = None, "", b"", None

                if record.rec_type == "response" and record.http_headers is not None:
                    status = record.http_headers.get_statuscode()
                    content_type = record.http_headers.get_header("Content-Type") or ""
                else:
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                try:
                    raw = record.content_stream().read(max_bytes + 1)
                except Exception as exc:
                    error = repr(exc)
                # the offset is known only once the record is read (warcio reads to the end to find it)
                origin = f"{path}@{iterator.get_record_offset()}"
                superseded_by = record.rec_headers.get_header(SUPERSEDED_BY)
                if record.rec_type == "response" and superseded_by:
                    yield Rejected(origin, "superseded_by_merged_record",
                                   f"{origin}: {url}: the raw answer; the record {superseded_by} made from it is "
                                   "read instead")
                    continue
                if status is not None and status != "200":
                    yield Rejected(origin, f"http_status_{status}", f"{origin}: {url} answered HTTP {status}")
                    continue
                kind = _warc_kind(content_type)
                if kind is None:
                    yield Rejected(origin, "unsupported_content_type", f"{origin}: {url} is {content_type!r}")
                    continue
                if error is None and record.digest_checker.passed is False:
                    error = "; ".join(map(str, record.digest_checker.problems))
                missing = getattr(record.raw_stream, "limit", 0)
                if error is None and len(raw) <= max_bytes and missing > 0:
                    error = f"truncated: {missing} bytes of its Content-Length are missing"
                if error is not None:
                    yield Rejected(origin, "broken_warc_record", f"{origin}: {url}: broken body ({error})")
                    continue
                if len(raw) > max_bytes:
                    yield Rejected(origin, "too_large", f"{origin}: {url} is over the {max_bytes:,}-byte limit")
                    continue
                if kind == "json":
                    try:
                        obj = json.loads(raw)
                    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                        yield Rejected(origin, "bad_json_record", f"{origin}: {url}: not valid JSON ({exc})")
                        continue
                    for rec in _record_from_json(obj, origin):
                        if isinstance(rec, RawRecord):
                            rec.url = rec.url or url
                            rec.extra["warc_date"] = date
                        yield rec
                    continue
                match = _CHARSET.search(content_type)
                yield from _record_from_bytes(
                    raw,
                    origin,
                    kind=kind,
                    declared=match.group(1) if match else None,
                    url=url,
                    extra={"warc_date": date},
                )
        except ArchiveLoadFailed as exc:
            yield Rejected(path, "broken_warc_file", f"{path}: the rest of the WARC file cannot be read ({exc})")
        except (OSError, EOFError) as exc:
            yield Rejected(path, "broken_warc_file", f"{path}: the rest of the WARC file cannot be read ({exc})")
