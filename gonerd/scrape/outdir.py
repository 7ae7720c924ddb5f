"""The layout of a scrape's output folder, its exclusive lock, and atomic file writes.

    OUT/
    ├── manifest.sqlite     # the source of truth (SQLite, WAL)
    ├── manifest.jsonl      # a readable export of it, rewritten at the end of every run
    ├── summary.json        # the last run's summary
    └── warcs/news|legal/   # the WARC files: `gonerd build --input OUT/warcs`
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


class OutDirError(RuntimeError):
    pass


@dataclass
class OutDir:
    root: Path

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.sqlite"

    @property
    def manifest_jsonl(self) -> Path:
        return self.root / "manifest.jsonl"

    @property
    def summary(self) -> Path:
        return self.root / "summary.json"

    def warcs(self, mode: str) -> Path:
        # the folder name tells `gonerd build` the source type of every record in it
        return self.root / "warcs" / mode

    def has_warcs(self) -> bool:
        """Any file under ``warcs/`` (a WARC, an ``.open`` one, anything a scrape could mix up with its own)."""
        folder = self.root / "warcs"
        return folder.is_dir() and any(p.is_file() for p in folder.rglob("*"))

    def lock(self):
        """Hold an exclusive lock for the life of the returned file object (two scrapes into one folder would
        corrupt each other's bookkeeping). Released by the OS when the process dies, even by SIGKILL."""
        import fcntl

        self.root.mkdir(parents=True, exist_ok=True)
        fh = open(self.root / ".lock", "w")  # noqa: SIM115 - returned to the caller, who closes it
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise OutDirError(f"another scrape is running in {self.root}") from None
        return fh


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, fsync, rename: readers see the old or the new file, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
