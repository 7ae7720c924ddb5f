"""The manifest: one SQLite row per URL (status, reason, attempts, digest, WARC file and offset), the WARC files
and how many of their bytes are committed, and the runs. It is the single source of truth of a scrape: a WARC
record counts only once the manifest transaction naming it has committed (see :mod:`gonerd.scrape.warc_store`).

Statuses: ``pending`` (to do), ``fetched``, ``failed`` (with a reason), ``skipped`` (with a reason: robots, filters,
duplicates, limits). Only the crawl's dispatcher thread uses a :class:`Manifest`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from gonerd.scrape.settings import TRANSIENT_REASONS

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS urls (
    id INTEGER PRIMARY KEY,
    url TEXT UNIQUE NOT NULL,
    kind TEXT NOT NULL,
    document INTEGER NOT NULL,
    explicit INTEGER NOT NULL DEFAULT 0,
    found_in TEXT,
    status TEXT NOT NULL,
    reason TEXT,
    message TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    http_status INTEGER,
    final_url TEXT,
    content_type TEXT,
    bytes INTEGER,
    payload_digest TEXT,
    warc_file TEXT,
    warc_offset INTEGER,
    warc_length INTEGER,
    published TEXT,
    published_from TEXT,
    title TEXT,
    data TEXT,
    first_seen TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS urls_status ON urls(status);
CREATE INDEX IF NOT EXISTS urls_final ON urls(final_url);
CREATE INDEX IF NOT EXISTS urls_documents ON urls(document, status);
CREATE TABLE IF NOT EXISTS warc_files (
    name TEXT PRIMARY KEY,
    committed_bytes INTEGER NOT NULL DEFAULT 0,
    closed INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    command TEXT,
    settings TEXT,
    summary TEXT
);
"""

# skips decided when a URL comes up for fetching (not when it was found): looked at again on every run
RECHECKED_SKIPS = frozenset({"robots_disallowed", "robots_unavailable", "max_pages", "interrupted",
                             "private_address", "dns_error", "host_backoff"})
FIELDS = ("http_status", "final_url", "content_type", "bytes", "payload_digest", "warc_file", "warc_offset",
          "warc_length", "published", "published_from", "title", "message")


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def is_transient(reason: str | None) -> bool:
    """Failures worth retrying later: timeouts, connection trouble, 429 and 5xx answers."""
    if not reason:
        return False
    if reason in TRANSIENT_REASONS:
        return True
    if reason.startswith("http_") and reason[5:].isdigit():
        code = int(reason[5:])
        return code == 429 or 500 <= code < 600
    return False


@dataclass
class Row:
    url: str
    kind: str
    document: bool
    explicit: bool
    status: str
    reason: str | None
    attempts: int
    data: dict
    found_in: str | None


class Manifest:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self._depth = 0

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Nested uses join the outer transaction; the outermost commits (or rolls back on an exception)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._depth = 0

    # meta
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                            "excluded.value", (key, value))

    # urls
    def row(self, url: str) -> Row | None:
        r = self.db.execute("SELECT * FROM urls WHERE url = ?", (url,)).fetchone()
        return _row(r) if r else None

    def add(self, url: str, kind: str, *, document: bool, explicit: bool = False, found_in: str | None = None,
            data: dict | None = None, status: str = "pending", reason: str | None = None,
            message: str | None = None) -> Row:
        """Insert a URL if it is new; an existing row is returned unchanged except that a skipped row becomes
        pending again when the URL is now accepted (``status == "pending"``), and an explicit mention sticks."""
        stamp = now_iso()
        with self.transaction():
            existing = self.row(url)
            if existing is None:
                self.db.execute(
                    "INSERT INTO urls(url, kind, document, explicit, found_in, status, reason, message, data, "
                    "first_seen, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (url, kind, int(document), int(explicit), found_in, status, reason, message,
                     json.dumps(data or {}, ensure_ascii=False), stamp, stamp))
            else:
                if explicit and not existing.explicit:
                    self.db.execute("UPDATE urls SET explicit = 1 WHERE url = ?", (url,))
                if status == "pending" and existing.status == "skipped" and existing.reason != "duplicate" and (
                        existing.reason not in RECHECKED_SKIPS):
                    self.db.execute("UPDATE urls SET status = 'pending', reason = NULL, message = NULL, "
                                    "data = ?, updated = ? WHERE url = ?",
                                    (json.dumps(data or existing.data, ensure_ascii=False), stamp, url))
            return self.row(url)

    def set_status(self, url: str, status: str, reason: str | None = None, *, attempts: int = 0,
                   **fields) -> None:
        unknown = set(fields) - set(FIELDS)
        if unknown:
            raise ValueError(f"unknown manifest fields {unknown}")
        sets = ["status = ?", "reason = ?", "attempts = attempts + ?", "updated = ?"]
        values: list = [status, reason, attempts, now_iso()]
        for key, value in fields.items():
            sets.append(f"{key} = ?")
            values.append(value)
        with self.transaction():
            cur = self.db.execute(f"UPDATE urls SET {', '.join(sets)} WHERE url = ?", (*values, url))
            if cur.rowcount != 1:
                raise KeyError(f"{url} is not in the manifest")

    def to_queue(self, retry_failed: str) -> list[Row]:
        """Rows a (resumed) run must process, in the order they were found."""
        rows = [_row(r) for r in self.db.execute("SELECT * FROM urls ORDER BY id")]
        def wanted(row: Row) -> bool:
            if row.status == "failed":
                return retry_failed == "all" or (retry_failed == "transient" and is_transient(row.reason))
            return row.status == "pending" or (row.status == "skipped" and row.reason in RECHECKED_SKIPS)

        return [row for row in rows if wanted(row)]

    def archived_as(self, target: str) -> str | None:
        """The manifest URL whose WARC response already holds ``target`` (its own URL or its final URL)."""
        # two indexed look-ups (an OR of both would scan the table on every dispatch)
        for query in ("SELECT url FROM urls WHERE url = ? AND final_url IS NULL",
                      "SELECT url FROM urls WHERE final_url = ?"):
            r = self.db.execute(f"{query} AND status = 'fetched' AND warc_file IS NOT NULL LIMIT 1",
                                (target,)).fetchone()
            if r:
                return r[0]
        return None

    def documents(self, status: str | None = None) -> int:
        if status is None:
            q = "SELECT COUNT(*) FROM urls WHERE document = 1 AND status IN ('pending', 'fetched')"
            return self.db.execute(q).fetchone()[0]
        return self.db.execute("SELECT COUNT(*) FROM urls WHERE document = 1 AND status = ?",
                               (status,)).fetchone()[0]

    def counts(self) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT kind, document, status, reason, COUNT(*) AS n, COALESCE(SUM(bytes), 0) AS bytes "
            "FROM urls GROUP BY kind, document, status, reason ORDER BY kind, status, reason").fetchall()

    def all_rows(self) -> Iterator[dict]:
        for r in self.db.execute("SELECT * FROM urls ORDER BY id"):
            d = dict(r)
            d["data"] = json.loads(d["data"] or "{}")
            d["document"], d["explicit"] = bool(d["document"]), bool(d["explicit"])
            yield d

    # WARC files
    def warc_files(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM warc_files ORDER BY name").fetchall()

    def add_warc_file(self, name: str) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO warc_files(name, created) VALUES (?, ?)", (name, now_iso()))

    def committed(self, name: str) -> int | None:
        """The committed size of a WARC file (None: no such file)."""
        row = self.db.execute("SELECT committed_bytes FROM warc_files WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_committed(self, name: str, size: int) -> None:
        with self.transaction():
            self.db.execute("UPDATE warc_files SET committed_bytes = ? WHERE name = ?", (size, name))

    def close_warc_file(self, name: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE warc_files SET closed = 1 WHERE name = ?", (name,))

    def drop_warc_file(self, name: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM warc_files WHERE name = ?", (name,))

    # runs
    def start_run(self, command: str, settings: dict) -> int:
        with self.transaction():
            cur = self.db.execute("INSERT INTO runs(started, command, settings) VALUES (?, ?, ?)",
                                  (now_iso(), command, json.dumps(settings, default=str)))
            return int(cur.lastrowid)

    def finish_run(self, run_id: int, summary: dict) -> None:
        with self.transaction():
            self.db.execute("UPDATE runs SET finished = ?, summary = ? WHERE id = ?",
                            (now_iso(), json.dumps(summary, default=str), run_id))


def _row(r: sqlite3.Row) -> Row:
    return Row(url=r["url"], kind=r["kind"], document=bool(r["document"]), explicit=bool(r["explicit"]),
               status=r["status"], reason=r["reason"], attempts=r["attempts"], data=json.loads(r["data"] or "{}"),
               found_in=r["found_in"])
