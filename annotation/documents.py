"""Documents to annotate: from a dataset folder that `gonerd build` wrote, or from a JSONL file.

A dataset folder is read straight from its parquet files (all splits). A JSONL file has one document per line
with ``id`` (or ``doc_id``) and ``text``; ``source_type``, ``source``, ``url`` and ``title`` are carried along when
present. Documents are keyed by id: an id given twice is an error naming the file and line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gonerd.errors import UserError
from gonerd.schema import SOURCE_TYPES

META_FIELDS = ("source_type", "source", "url", "title", "published")


@dataclass
class SourceDocument:
    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    split: str | None = None


class DocumentsError(UserError, ValueError):
    """Unreadable input; the message names the file (and line)."""


def read_documents(path: str | Path, limit: int | None = None) -> list[SourceDocument]:
    path = Path(path)
    if path.is_dir():
        docs = list(_from_dataset(path))
    elif path.suffix in (".jsonl", ".ndjson") or path.name.endswith(".jsonl.gz"):
        docs = list(_from_jsonl(path))
    else:
        raise DocumentsError(f"{path}: expected a dataset folder written by `gonerd build` or a .jsonl file")
    if not docs:
        raise DocumentsError(f"{path}: no documents in it")
    seen: dict[str, str] = {}
    for doc in docs:
        where = doc.meta.pop("_where", str(path))
        if doc.id in seen:
            raise DocumentsError(f"{where}: document id {doc.id!r} appears twice (first at {seen[doc.id]})")
        seen[doc.id] = where
    return docs[:limit] if limit is not None else docs


def _from_dataset(folder: Path) -> Iterator[SourceDocument]:
    import pyarrow.parquet as pq

    files = sorted((folder / "data").glob("*.parquet")) if (folder / "data").is_dir() else []
    if not files:
        raise DocumentsError(f"{folder}: no data/*.parquet files (is it a dataset folder written by `gonerd build`?)")
    for file in files:
        split = file.name.split("-")[0]
        schema_names: set[str] = set()
        try:
            schema_names = set(pq.read_schema(file).names)
            table = pq.read_table(file, columns=["id", "text", *(f for f in META_FIELDS if f in schema_names)])
        except (OSError, ValueError, KeyError) as exc:  # pyarrow's ArrowInvalid is a ValueError
            what = "an empty file" if file.stat().st_size == 0 else f"not a readable parquet file ({exc})"
            if schema_names and not {"id", "text"} <= schema_names:
                what = "no 'id' and 'text' columns (is it a dataset written by `gonerd build`?)"
            raise DocumentsError(f"{file}: {what}") from None
        for i, row in enumerate(table.to_pylist()):
            meta = {k: row.get(k) for k in META_FIELDS if row.get(k) is not None}
            if isinstance(meta.get("source_type"), int):
                meta["source_type"] = SOURCE_TYPES[meta["source_type"]]
            meta["_where"] = f"{file}:row {i}"
            yield SourceDocument(str(row["id"]), row["text"], meta, split)


def _from_jsonl(path: Path) -> Iterator[SourceDocument]:
    import gzip
    import json

    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            lines = fh.readlines()
    except (EOFError, gzip.BadGzipFile) as exc:
        raise DocumentsError(f"{path}: cannot read it ({exc})") from None
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            row = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise DocumentsError(f"{where}: not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            raise DocumentsError(f"{where}: not valid JSON ({exc})") from None
        doc_id = row.get("id") or row.get("doc_id") if isinstance(row, dict) else None
        if not doc_id or not isinstance(row.get("text"), str) or not row["text"].strip():
            raise DocumentsError(f"{where}: expected an object with an 'id' and a non-empty 'text'")
        meta = {k: row[k] for k in META_FIELDS if row.get(k) is not None}
        if isinstance(meta.get("source_type"), int):
            meta["source_type"] = SOURCE_TYPES[meta["source_type"]]
        meta["_where"] = where
        yield SourceDocument(str(doc_id), row["text"], meta)
