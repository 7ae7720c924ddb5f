"""WARC output: request/response (and resource) records, gzip per record, rotated by size, crash-safe.

Protocol for one URL (crawl dispatcher thread only):

1. the records are appended to the open file ``<name>.open``, flushed and fsynced;
2. one manifest transaction marks the URL fetched with (file, offset, length) and sets the file's
   ``committed_bytes`` to the new end.

A kill between 1 and 2 leaves bytes past ``committed_bytes``; :meth:`WarcStore.recover` (run at every start)
truncates every file back to its committed size, so a record exists in a WARC exactly when the manifest says so.
Within a run, :meth:`WarcStore.rollback` and :meth:`WarcStore.close` cut the open file back to the size the
manifest has committed (read from the manifest, never assumed), so neither an exception after the manifest's
COMMIT nor one between the write and the transaction can leave the file and the manifest disagreeing.
Files are renamed from ``.open`` to ``.warc.gz`` when closed (rotation, end of run, or recovery), so
``gonerd build`` never reads a file that is being written.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from gonerd.scrape.fetch import Exchange
from gonerd.scrape.manifest import Manifest

OPEN_SUFFIX = ".open"
DROPPED_REQUEST_HEADERS = {"authorization", "cookie", "proxy-authorization"}  # never archived: secrets
HOP_BY_HOP = {"transfer-encoding", "connection", "keep-alive"}


@dataclass
class ResponseSpec:
    """A response record. ``body``/``content_type`` replace what the server sent (the HTTP headers are then
    adjusted: no ``Content-Encoding``, a matching ``Content-Length``)."""

    exchange: Exchange
    body: bytes | None = None
    content_type: str | None = None
    warc_headers: dict[str, str] = field(default_factory=dict)


@dataclass
class ResourceSpec:
    """A record derived from the response before it (a PDF's text, a CourtListener opinion merged with its search
    hit), for ``gonerd build``; it gets ``WARC-Refers-To`` that response."""

    uri: str
    payload: bytes
    content_type: str
    date: str
    warc_headers: dict[str, str] = field(default_factory=dict)
    record_type: str = "resource"


@dataclass
class Written:
    file: str
    offset: int  # of the response record
    length: int  # of all records written for the URL
    end: int  # file size after them (the new committed size)
    payload_digest: str | None


def stored_http_headers(spec: ResponseSpec) -> list[tuple[str, str]]:
    """The response's headers as archived: chunking undone (``Transfer-Encoding`` dropped, ``Content-Length``
    matching the stored body), and ``Content-Encoding`` dropped when the body is our replacement."""
    ex = spec.exchange
    body = spec.body if spec.body is not None else ex.body
    out = []
    for key, value in ex.headers:
        low = key.lower()
        if low in HOP_BY_HOP or low == "content-length":
            continue
        if spec.body is not None and low == "content-encoding":
            continue
        if spec.content_type and low == "content-type":
            continue
        out.append((key, value))
    if spec.content_type:
        out.append(("Content-Type", spec.content_type))
    out.append(("Content-Length", str(len(body))))
    return out


class WarcStore:
    def __init__(self, folder: str | Path, manifest: Manifest, *, prefix: str, max_bytes: int,
                 info: dict[str, str] | None = None, fsync: bool = True):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.manifest = manifest
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.info = info or {}
        self.fsync = fsync
        self._name: str | None = None
        self._fh = None
        self._writer = None

    # recovery
    def recover(self) -> list[str]:
        """Cut every WARC back to what the manifest committed and close files left open. Returns what it did."""
        notes = []
        for row in self.manifest.warc_files():
            name, committed, closed = row["name"], row["committed_bytes"], row["closed"]
            final, open_path = self.folder / name, self.folder / (name + OPEN_SUFFIX)
            path = open_path if open_path.exists() else final
            if not path.exists():
                if committed:
                    notes.append(f"{name}: missing, the manifest expected {committed} bytes")
                else:
                    self.manifest.drop_warc_file(name)
                continue
            size = path.stat().st_size
            if committed == 0:
                path.unlink()
                self.manifest.drop_warc_file(name)
                notes.append(f"{name}: removed (nothing committed)")
                continue
            if size > committed:
                with open(path, "r+b") as fh:
                    fh.truncate(committed)
                    fh.flush()
                    os.fsync(fh.fileno())
                notes.append(f"{name}: cut {size - committed} uncommitted bytes")
            elif size < committed:
                notes.append(f"{name}: {size} bytes on disk but {committed} committed (file damaged)")
            if path == open_path:
                os.replace(open_path, final)
                notes.append(f"{name}: closed (left open by an interrupted run)")
            if not closed:
                self.manifest.close_warc_file(name)
        return notes

    # writing
    def _open_new(self) -> None:
        from warcio.warcwriter import WARCWriter

        serial = len(self.manifest.warc_files()) + 1
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
        name = f"{self.prefix}-{stamp}-{serial:05d}.warc.gz"
        while (self.folder / name).exists() or (self.folder / (name + OPEN_SUFFIX)).exists():
            serial += 1
            name = f"{self.prefix}-{stamp}-{serial:05d}.warc.gz"
        self.manifest.add_warc_file(name)  # the row first: a file on disk always has one
        self._fh = open(self.folder / (name + OPEN_SUFFIX), "wb")  # noqa: SIM115 - kept open across writes
        self._writer = WARCWriter(self._fh, gzip=True)
        self._name = name
        info = self._writer.create_warcinfo_record(name, {"software": "gonerd scrape", "format":
                                                          "WARC File Format 1.1", **self.info})
        self._writer.write_record(info)
        self._sync()
        self.manifest.set_committed(name, self._fh.tell())

    def _sync(self) -> None:
        self._fh.flush()
        if self.fsync:
            os.fsync(self._fh.fileno())

    def write(self, records: list[ResponseSpec | ResourceSpec]) -> Written:
        """Append the records of one URL and make them durable. The caller must then commit the manifest with
        ``Written.end`` (:meth:`commit`) in the same transaction that marks the URL fetched."""
        if self._fh is None or self._fh.tell() >= self.max_bytes:
            self.close()
            self._open_new()
        writer, fh = self._writer, self._fh
        start = fh.tell()
        offset, digest, previous = start, None, None
        try:
            for spec in records:
                if isinstance(spec, ResponseSpec):
                    request, response = self._pair(spec)
                    offset = fh.tell()
                    writer.write_request_response_pair(request, response)
                    digest = response.rec_headers.get_header("WARC-Payload-Digest")
                    previous = response.rec_headers.get_header("WARC-Record-ID")
                else:
                    headers = {"WARC-Date": spec.date, **spec.warc_headers}
                    if previous:
                        headers["WARC-Refers-To"] = previous
                    record = writer.create_warc_record(spec.uri, spec.record_type, payload=io.BytesIO(spec.payload),
                                                       warc_content_type=spec.content_type,
                                                       warc_headers_dict=headers)
                    writer.write_record(record)
            self._sync()
        except BaseException:
            self._truncate(start)
            raise
        end = fh.tell()
        return Written(self._name, offset, end - start, end, digest)

    def commit(self, written: Written) -> None:
        self.manifest.set_committed(written.file, written.end)

    def rollback(self, written: Written) -> None:
        """Something failed after :meth:`write`: cut the file back to what the manifest has committed. If the
        manifest's transaction did commit (an interrupt right after COMMIT), nothing is cut."""
        self._truncate_to_committed()

    def _truncate_to_committed(self) -> None:
        if self._fh is None:
            return
        committed = self.manifest.committed(self._name)
        if committed is not None and self._fh.tell() != committed:
            self._truncate(committed)

    def _truncate(self, size: int) -> None:
        if self._fh is None:
            return
        self._fh.flush()
        self._fh.truncate(size)
        self._fh.seek(size)

    def _pair(self, spec: ResponseSpec):
        from warcio.statusandheaders import StatusAndHeaders

        ex, writer = spec.exchange, self._writer
        body = spec.body if spec.body is not None else ex.body
        http = StatusAndHeaders(f"{ex.status} {ex.reason}".strip(), stored_http_headers(spec), protocol=ex.protocol)
        response = writer.create_warc_record(ex.url, "response", payload=io.BytesIO(body), http_headers=http,
                                             warc_headers_dict={"WARC-Date": ex.date, **spec.warc_headers})
        parts = urlsplit(ex.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_headers = [(k, v) for k, v in ex.request_headers if k.lower() not in DROPPED_REQUEST_HEADERS]
        req_http = StatusAndHeaders(f"GET {target} {ex.protocol}", req_headers, is_http_request=True)
        request = writer.create_warc_record(ex.url, "request", payload=io.BytesIO(b""), http_headers=req_http,
                                            warc_headers_dict={"WARC-Date": ex.date})
        return request, response

    def close(self) -> None:
        """Close the open file and give it its final name, cut to what the manifest has committed (records written
        but never committed do not reach a final ``.warc.gz``; a file with nothing committed is removed)."""
        if self._fh is None:
            return
        name, path = self._name, self.folder / (self._name + OPEN_SUFFIX)
        self._truncate_to_committed()
        self._sync()
        self._fh.close()
        self._fh = self._writer = self._name = None
        if not self.manifest.committed(name):
            path.unlink(missing_ok=True)
            self.manifest.drop_warc_file(name)
            return
        os.replace(path, self.folder / name)
        self.manifest.close_warc_file(name)
