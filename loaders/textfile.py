"""Reading a source file as text, with errors that name the file (and the line of a byte that does not decode).

Python's own errors say neither: ``open().read()`` on a Latin-1 file gives ``UnicodeDecodeError: 'utf-8' codec
can't decode byte 0xe9 in position 3``. Files are read whole (the loaders hold them in memory anyway) so that the
line and column of a bad byte can be given; lines come out as iterating the opened file would give them.
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path

from loaders.errors import DataFormatError, LoaderError


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing file, a folder, a FIFO or device, or an unreadable file is a
    :class:`LoaderError` naming it."""
    try:
        if path.exists() and not path.is_file() and not path.is_dir():
            raise LoaderError(f"{path}: not a regular file")
        return path.read_bytes()
    except IsADirectoryError:
        raise LoaderError(f"{path}: is a folder, not a file") from None
    except FileNotFoundError:
        raise LoaderError(f"{path}: no such file") from None
    except OSError as exc:
        raise LoaderError(f"{path}: cannot read it ({exc.strerror or exc})") from None


def decode(path: Path, raw: bytes, encoding: str, hint: str = "") -> str:
    """``raw`` decoded; a byte sequence that is not ``encoding`` is a :class:`DataFormatError` naming the file,
    the line and the column (and ``hint``: what the user can do about it)."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise LoaderError(f"unknown encoding {encoding!r}") from None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode(encoding, errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        bad = raw[exc.start : exc.end].hex(" ")
        raise DataFormatError(
            f"{path}:{line}: not {encoding} text: byte(s) {bad} at column {column} ({exc.reason})"
            + (f"; {hint}" if hint else "")
        ) from None


def read_text(path: Path, encoding: str = "utf-8", hint: str = "") -> str:
    return decode(path, read_bytes(path), encoding, hint)


def read_lines(path: Path, encoding: str = "utf-8", newline: str | None = None, hint: str = "") -> list[str]:
    """The lines of a text file as ``open(path, encoding=encoding, newline=newline)`` would yield them."""
    return list(io.StringIO(read_text(path, encoding, hint), newline=newline))
