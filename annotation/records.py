"""Annotated documents: what `pull` and the export readers produce and `agreement`/`adjudicate` read.

One JSON line per document::

    {"doc_id": "c1a2…", "text": "…",
     "annotations": [{"annotator": "ann1@example.com", "annotator_id": 2, "annotation_id": 7, "task_id": 3,
                      "project_id": 1, "lead_time": 42.5, "ground_truth": false, "updated_at": "…",
                      "entities": [{"start": 0, "end": 13, "label": "PER", "text": "Angela Merkel"}]}]}

Entities are converted and checked (:mod:`annotation.convert`): ``text[start:end] == entity.text``, known labels,
no overlaps within one annotation.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gonerd.errors import UserError
from gonerd.schema import Entity


@dataclass
class AnnotationRecord:
    annotator: str  # e-mail when the export has it, else "user:<id>"
    entities: list[Entity]
    annotator_id: int | None = None
    annotation_id: int | None = None
    task_id: int | None = None
    project_id: int | None = None
    server: str | None = None
    lead_time: float | None = None
    ground_truth: bool = False
    created_at: str | None = None
    updated_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        row = {name: getattr(self, name) for name in _RECORD_FIELDS}  # not asdict(): it deep-copies every entity
        row["entities"] = [{"start": e.start, "end": e.end, "label": e.label, "text": e.text} for e in self.entities]
        return row

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> AnnotationRecord:
        data = dict(row)
        data["entities"] = [Entity(int(e["start"]), int(e["end"]), e["label"], e["text"]) for e in row["entities"]]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


_RECORD_FIELDS = tuple(AnnotationRecord.__dataclass_fields__)


@dataclass
class AnnotatedDocument:
    doc_id: str
    text: str
    annotations: list[AnnotationRecord] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "text": self.text, "annotations": [a.to_json() for a in self.annotations]}

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> AnnotatedDocument:
        return cls(str(row["doc_id"]), row["text"], [AnnotationRecord.from_json(a) for a in row["annotations"]])

    def latest_by_annotator(self) -> dict[str, AnnotationRecord]:
        """One annotation per annotator: the most recently updated one (an annotator who submitted the same
        document twice, e.g. in two projects, counts once)."""
        best: dict[str, AnnotationRecord] = {}
        for ann in self.annotations:
            cur = best.get(ann.annotator)
            if cur is None or (ann.updated_at or "", ann.annotation_id or 0) > (cur.updated_at or "",
                                                                                 cur.annotation_id or 0):
                best[ann.annotator] = ann
        return dict(sorted(best.items()))


class RecordFileError(UserError, ValueError):
    """A malformed annotations file; names the file and line."""


def read_documents(path: str | Path) -> list[AnnotatedDocument]:
    import orjson

    docs = []
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                docs.append(AnnotatedDocument.from_json(orjson.loads(line)))
            except orjson.JSONDecodeError as exc:  # also bytes that are not UTF-8
                raise RecordFileError(f"{path}:{lineno}: not an annotated document (not a JSON line: {exc})") \
                    from None
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise RecordFileError(f"{path}:{lineno}: not an annotated document ({type(exc).__name__}: {exc})") \
                    from None
    return docs


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def jsonl(rows: Iterable[dict[str, Any]]) -> bytes:
    """JSON lines (orjson: UTF-8, no escaping of non-ASCII text)."""
    import orjson

    return b"".join(orjson.dumps(row) + b"\n" for row in rows)


def write_documents(path: str | Path, docs: Iterable[AnnotatedDocument]) -> Path:
    return write_atomic(path, jsonl(d.to_json() for d in docs))
