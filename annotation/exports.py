"""Label Studio export files → annotated documents (:mod:`annotation.records`).

Three formats, as Label Studio 1.23 writes them (see ``docs/annotation.md``):

- **JSON** (also snapshot exports): a list of tasks, each with ``data`` and ``annotations``; ``completed_by`` is a
  user id (quick export) or an object with the e-mail (snapshot with ``annotations__completed_by``).
- **JSON_MIN**: one item per annotation: the data fields, ``id`` (task), ``annotator`` (user id),
  ``annotation_id``, ``lead_time`` and the regions under the control's name (``label``).
- **CONLL2003**: ``token -X- _ TAG`` lines, one blank-line block per annotation, no task or annotator ids; the text
  is rebuilt by joining the tokens with spaces.

Cancelled (skipped) annotations and drafts are counted and left out; every region goes through
:func:`annotation.convert.region_spans`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotation.convert import ConversionError, ConversionReport, Problem, region_spans
from annotation.labeling import DOC_ID_KEY, FROM_NAME, TEXT_KEY
from annotation.records import AnnotatedDocument, AnnotationRecord
from gonerd.errors import UserError

FORMATS = ("json", "json-min", "conll2003")


class ExportFileError(UserError, ValueError):
    """An export file that cannot be read; the message names the file (and the item or line)."""


@dataclass
class ReadReport:
    """What reading an export kept and left out, and why."""

    counts: Counter = field(default_factory=Counter)
    conversion: ConversionReport = field(default_factory=ConversionReport)
    excluded: list[dict[str, Any]] = field(default_factory=list)  # annotations left out, with the reason

    def exclude(self, reason: str, task_id: Any, annotator: str, detail: str = "", annotation_id: Any = None) -> None:
        self.counts[f"excluded_{reason}"] += 1
        self.excluded.append({"reason": reason, "task_id": task_id, "annotation_id": annotation_id,
                              "annotator": annotator, "detail": detail})

    def to_json(self) -> dict[str, Any]:
        return {"counts": dict(sorted(self.counts.items())), "conversion": self.conversion.to_json(),
                "excluded": self.excluded}

    def merge(self, other: ReadReport) -> None:
        self.counts.update(other.counts)
        self.conversion.merge(other.conversion)
        self.excluded += other.excluded


def annotator_of(completed_by: Any) -> tuple[str, int | None]:
    """``(name, user id)`` from a ``completed_by`` field: the e-mail when the export has it, else ``user:<id>``."""
    if isinstance(completed_by, dict):
        uid = completed_by.get("id")
        return str(completed_by.get("email") or f"user:{uid}"), uid
    if completed_by is None:
        return "unknown", None
    return f"user:{completed_by}", int(completed_by) if str(completed_by).isdigit() else None


def _convert_annotation(
    text: str, results: list, *, task_id: Any, annotator: str, annotation_id: Any, report: ReadReport,
    skip_bad: bool,
) -> list | None:
    """Spans of one annotation, or None if a region cannot be converted: its problems go to
    ``report.conversion.errors`` (the reader raises them all at the end unless ``skip_bad``, which lists the
    annotation as excluded instead)."""
    local = ConversionReport()
    spans = region_spans(text, results, task_id=task_id, annotator=annotator, report=local)
    if local.errors:
        if skip_bad:
            report.exclude("conversion_errors", task_id, annotator, "; ".join(map(str, local.errors)), annotation_id)
        local.spans = 0
        report.conversion.merge(local)
        return None
    report.conversion.merge(local)
    return spans


def raise_conversion_errors(report: ReadReport, source: str, skip_bad: bool) -> None:
    """All the conversion errors gathered in ``report``, at once (unless ``skip_bad``)."""
    if report.conversion.errors and not skip_bad:
        raise ConversionError(source, report.conversion.errors)


def documents_from_tasks(
    tasks: list[dict[str, Any]],
    *,
    source: str,
    text_key: str = TEXT_KEY,
    id_key: str = DOC_ID_KEY,
    server: str | None = None,
    assigned: str | None = None,
    skip_bad: bool = False,
    report: ReadReport | None = None,
    raise_errors: bool = True,
) -> tuple[list[AnnotatedDocument], ReadReport]:
    """Annotated documents from a list of exported tasks (JSON export, snapshot, or the tasks API).

    Conversion errors are raised all at once at the end, unless ``skip_bad`` or ``raise_errors=False`` (the
    caller reads several lists into one ``report`` and raises them with :func:`raise_conversion_errors`).

    ``assigned``: in a blind campaign, the one annotator this project belongs to. Annotations completed by anyone
    else, or edited by another user (``updated_by`` differs from ``completed_by``), are excluded and listed: the
    open-source server does not prevent them (see ``docs/annotation.md``).
    """
    report = report or ReadReport()
    docs: list[AnnotatedDocument] = []
    for task in tasks:
        report.counts["tasks"] += 1
        data = task.get("data") or {}
        task_id = task.get("id")
        if text_key not in data:
            raise ConversionError(source, [_problem(task_id, f"task has no {text_key!r} field in its data")])
        text = data[text_key]
        doc_id = str(data.get(id_key) or f"task-{task_id}")
        drafts = task.get("drafts") or []
        report.counts["drafts"] += len(drafts)
        doc = AnnotatedDocument(doc_id, text)
        for ann in task.get("annotations") or []:
            annotator, uid = annotator_of(ann.get("completed_by"))
            ann_id = ann.get("id")
            report.counts["annotations"] += 1
            if ann.get("was_cancelled"):
                report.counts["cancelled"] += 1
                continue
            if assigned is not None and annotator != assigned:
                report.exclude("not_the_assigned_annotator", task_id, annotator,
                               f"project belongs to {assigned}", ann_id)
                continue
            updated_by = ann.get("updated_by")
            if assigned is not None and uid is not None and updated_by not in (None, uid):
                report.exclude("edited_by_another_user", task_id, annotator, f"updated_by user {updated_by}", ann_id)
                continue
            spans = _convert_annotation(text, ann.get("result") or [], task_id=task_id, annotator=annotator,
                                        annotation_id=ann_id, report=report, skip_bad=skip_bad)
            if spans is None:
                continue
            report.counts["annotations_kept"] += 1
            doc.annotations.append(AnnotationRecord(
                annotator=annotator, annotator_id=uid, entities=spans, annotation_id=ann_id, task_id=task_id,
                project_id=task.get("project") or ann.get("project"), server=server, lead_time=ann.get("lead_time"),
                ground_truth=bool(ann.get("ground_truth")), created_at=ann.get("created_at"),
                updated_at=ann.get("updated_at"),
            ))
        if doc.annotations:
            docs.append(doc)
        else:
            report.counts["tasks_without_usable_annotations"] += 1
    if raise_errors:
        raise_conversion_errors(report, source, skip_bad)
    return docs, report


def _problem(task_id: Any, detail: str) -> Problem:
    return Problem("bad_task", task_id, "-", None, None, None, detail)


def documents_from_json_min(
    items: list[dict[str, Any]], *, source: str, text_key: str = TEXT_KEY, id_key: str = DOC_ID_KEY,
    label_key: str = FROM_NAME, skip_bad: bool = False,
) -> tuple[list[AnnotatedDocument], ReadReport]:
    """Annotated documents from a JSON_MIN export (one item per annotation; cancelled ones are not in it)."""
    report = ReadReport()
    by_doc: dict[str, AnnotatedDocument] = {}
    for item in items:
        task_id = item.get("id")
        if text_key not in item:
            raise ConversionError(source, [_problem(task_id, f"item has no {text_key!r} field")])
        text = item[text_key]
        doc_id = str(item.get(id_key) or f"task-{task_id}")
        annotator, uid = annotator_of(item.get("annotator"))
        report.counts["annotations"] += 1
        regions = item.get(label_key) or []
        if isinstance(regions, dict):
            regions = [regions]
        results = [{"type": "labels", "value": r} for r in regions]
        spans = _convert_annotation(text, results, task_id=task_id, annotator=annotator,
                                    annotation_id=item.get("annotation_id"), report=report, skip_bad=skip_bad)
        if spans is None:
            continue
        doc = by_doc.setdefault(doc_id, AnnotatedDocument(doc_id, text))
        if doc.text != text:
            raise ConversionError(source, [_problem(task_id, f"document {doc_id} appears with two different texts")])
        report.counts["annotations_kept"] += 1
        doc.annotations.append(AnnotationRecord(
            annotator=annotator, annotator_id=uid, entities=spans, annotation_id=item.get("annotation_id"),
            task_id=task_id, lead_time=item.get("lead_time"), created_at=item.get("created_at"),
            updated_at=item.get("updated_at"),
        ))
    raise_conversion_errors(report, source, skip_bad)
    return list(by_doc.values()), report


def documents_from_conll(path: str | Path, *, skip_bad: bool = False) -> tuple[list[AnnotatedDocument], ReadReport]:
    """Annotated documents from Label Studio's CONLL2003 export: one blank-line block per annotation.

    The export carries no task or annotator ids: documents are named ``<file stem>-block-<n>`` and the annotator is
    ``unknown``. Tags are read as IOB (IOB1 is converted); the text is the tokens joined by single spaces.
    """
    from gonerd.conll import ConllDocument, parse_conll

    report = ReadReport()
    docs: list[AnnotatedDocument] = []
    path = Path(path)
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if line.split()[:1] != ["-DOCSTART-"]]
    for conll_doc in parse_conll(lines, name=str(path)):
        # parse_conll gives one document (no DOCSTART left) whose "sentences" are the annotation blocks
        for n, sentence in enumerate(conll_doc.sentences, start=1):
            block = ConllDocument(sentences=[sentence])
            text, _ = block.text_and_offsets()
            report.counts["annotations"] += 1
            spans = block.entities()
            results = [{"type": "labels", "value": {"start": e.start, "end": e.end, "text": e.text,
                                                    "labels": [e.label]}} for e in spans]
            entities = _convert_annotation(text, results, task_id=f"block {n}", annotator="unknown",
                                           annotation_id=None, report=report, skip_bad=skip_bad)
            if entities is None:
                continue
            report.counts["annotations_kept"] += 1
            doc_id = f"{path.stem}-block-{n}"
            docs.append(AnnotatedDocument(doc_id, text, [AnnotationRecord(annotator="unknown", entities=entities)]))
    raise_conversion_errors(report, str(path), skip_bad)
    return docs, report


def read_export(path: str | Path, fmt: str | None = None, *, skip_bad: bool = False, text_key: str = TEXT_KEY,
                id_key: str = DOC_ID_KEY) -> tuple[list[AnnotatedDocument], ReadReport]:
    """Read a Label Studio export file in ``fmt`` (guessed from the file when None)."""
    from gonerd.conll import ConllFormatError

    path = Path(path)
    if fmt not in (None, *FORMATS):
        raise ExportFileError(f"unknown export format {fmt!r}; expected one of {FORMATS}")
    if path.stat().st_size == 0:
        raise ExportFileError(f"{path}: an empty file")
    if fmt is None:
        fmt = _guess_format(path)
    if fmt == "conll2003":
        try:
            return documents_from_conll(path, skip_bad=skip_bad)
        except UnicodeDecodeError:
            raise ExportFileError(f"{path}: not UTF-8 text") from None
        except ConllFormatError as exc:
            raise ExportFileError(str(exc)) from None
    try:
        items = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ExportFileError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ExportFileError(f"{path}: not valid JSON ({exc})") from None
    if isinstance(items, dict):  # a single task file, as in Label Studio's examples
        items = [items]
    if not isinstance(items, list):
        raise ExportFileError(f"{path}: expected a list of tasks or annotations, not a JSON {type(items).__name__}")
    bad = next((i for i, item in enumerate(items) if not isinstance(item, dict)), None)
    if bad is not None:
        raise ExportFileError(f"{path}: item {bad} is a JSON {type(items[bad]).__name__}, not a task or annotation "
                              "object")
    if fmt == "json":
        return documents_from_tasks(items, source=str(path), text_key=text_key, id_key=id_key, skip_bad=skip_bad)
    return documents_from_json_min(items, source=str(path), text_key=text_key, id_key=id_key, skip_bad=skip_bad)


def _guess_format(path: Path) -> str:
    if path.suffix.lower() in (".conll", ".txt"):
        return "conll2003"
    with open(path, "rb") as fh:
        head = fh.read(65536).decode("utf-8", errors="replace")
    if head.lstrip().startswith("-DOCSTART-"):
        return "conll2003"
    return "json" if '"annotations"' in head else "json-min"
