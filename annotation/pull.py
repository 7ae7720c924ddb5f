"""`pull`: the campaign's annotations → annotated documents (``annotations.jsonl``), incrementally.

Each project is exported as a **snapshot** (``POST /api/projects/{id}/exports``) with full ``completed_by``
objects (e-mail, not only the user id) and full drafts, downloaded as JSON and deleted from the server again.
After the first pull only the tasks updated since the previous one are exported: a Data Manager view filtered on
the task's ``updated_at`` (Label Studio bumps it whenever an annotation of the task is created, changed or
deleted) selects them, and their annotations replace what the output held for those tasks. ``full=True`` exports
everything again.

Cancelled (skipped) annotations and drafts never enter the output but are counted; in a blind campaign,
annotations by anyone but the project's annotator, or edited by another user, are excluded and listed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotation.campaign import Campaign, Seat
from annotation.connection import Connection, LabelStudioError
from annotation.exports import ReadReport, documents_from_tasks
from annotation.records import AnnotatedDocument, read_documents, write_atomic, write_documents

ANNOTATIONS_FILE = "annotations.jsonl"
REPORT_FILE = "pull_report.json"
STATE_FILE = "pull_state.json"
VIEW_TITLE = "gonerd pull (updated since)"
SNAPSHOT_TIMEOUT = 600.0


@dataclass
class PullResult:
    out: Path
    documents: int
    annotations: int
    report: ReadReport
    per_project: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds_server: float = 0.0  # snapshot exports: the server serialising, and the download
    seconds_total: float = 0.0


def snapshot_tasks(conn: Connection, project_id: int, view_id: int | None = None) -> list[dict[str, Any]]:
    """All tasks of the project (or of a Data Manager view) as a full JSON snapshot export."""
    client = conn.client
    options = {
        "annotations__completed_by": {"only_id": False},
        "drafts": {"only_id": False},
        "predictions": {"only_id": True},
    }
    task_filter = {"task_filter_options": {"view": view_id}} if view_id is not None else {}
    with conn.errors(f"exporting project {project_id}"):
        snap = client.projects.exports.create(id=project_id, title="gonerd pull", serialization_options=options,
                                              **task_filter)
        deadline = time.monotonic() + SNAPSHOT_TIMEOUT
        while snap.status not in ("completed", "failed"):
            if time.monotonic() > deadline:
                raise LabelStudioError(f"export {snap.id} of project {project_id} did not finish in time")
            time.sleep(0.5)
            snap = client.projects.exports.get(id=project_id, export_pk=snap.id)
        if snap.status == "failed":
            raise LabelStudioError(f"export {snap.id} of project {project_id} failed on the server")
        data = b"".join(client.projects.exports.download(id=project_id, export_pk=snap.id, export_type="JSON"))
        client.projects.exports.delete(id=project_id, export_pk=snap.id)
    import orjson

    return orjson.loads(data)


def updated_since_view(conn: Connection, project_id: int, since: str) -> int:
    """A Data Manager view of the project's tasks updated at or after ``since`` (server time); reused."""
    client = conn.client
    data = {"title": VIEW_TITLE, "filters": {"conjunction": "and", "items": [
        {"filter": "filter:tasks:updated_at", "operator": "greater_or_equal", "type": "Datetime", "value": since}]}}
    with conn.errors(f"preparing an incremental export of project {project_id}"):
        for view in client.views.list(project=project_id):
            if (view.data or {}).get("title") == VIEW_TITLE:
                client.views.update(id=str(view.id), data=data, project=project_id)
                return view.id
        return client.views.create(project=project_id, data=data).id


def _latest_update(tasks: list[dict[str, Any]]) -> str | None:
    stamps = [t.get("updated_at") for t in tasks if t.get("updated_at")]
    return max(stamps) if stamps else None


def pull_campaign(
    campaign: Campaign,
    connect: Callable[[str], Connection],
    out: str | Path,
    *,
    full: bool = False,
    skip_bad: bool = False,
    include_review: bool = False,
) -> PullResult:
    started = time.perf_counter()
    server_seconds = 0.0
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    state_path, docs_path = out / STATE_FILE, out / ANNOTATIONS_FILE
    state = json.loads(state_path.read_text()) if state_path.exists() and docs_path.exists() and not full else {}
    docs: dict[str, AnnotatedDocument] = {d.doc_id: d for d in read_documents(docs_path)} if state else {}

    report = ReadReport()
    per_project: dict[str, dict[str, Any]] = {}
    seats: list[Seat] = list(campaign.seats) + ([campaign.review] if include_review and campaign.review else [])
    for seat in seats:
        conn = connect(seat.url)
        since = state.get(seat.key, {}).get("watermark")
        t0 = time.perf_counter()
        view_id = updated_since_view(conn, seat.project_id, since) if since else None
        tasks = snapshot_tasks(conn, seat.project_id, view_id)
        server_seconds += time.perf_counter() - t0
        local = ReadReport()
        fresh, _ = documents_from_tasks(tasks, source=f"{seat.url} project {seat.project_id}", server=seat.url,
                                        assigned=seat.annotator if campaign.mode == "blind" else None,
                                        skip_bad=skip_bad, report=local)
        # the exported tasks' annotations replace what we held for those tasks
        exported = {t["id"] for t in tasks}
        for doc in docs.values():
            doc.annotations = [a for a in doc.annotations
                               if not (a.server == seat.url and a.project_id == seat.project_id
                                       and a.task_id in exported)]
        for doc in fresh:
            for ann in doc.annotations:
                ann.project_id = seat.project_id
            held = docs.setdefault(doc.doc_id, AnnotatedDocument(doc.doc_id, doc.text))
            if held.text != doc.text:
                raise LabelStudioError(f"document {doc.doc_id} has a different text in project {seat.project_id} "
                                       f"at {seat.url} than in another project of the campaign")
            held.annotations.extend(doc.annotations)
        watermark = _latest_update(tasks) or since
        state[seat.key] = {"watermark": watermark, "annotator": seat.annotator}
        per_project[seat.key] = {"annotator": seat.annotator, "incremental": since is not None,
                                 "tasks_exported": len(tasks), **dict(local.counts)}
        report.merge(local)

    kept = [d for d in sorted(docs.values(), key=lambda d: d.doc_id) if d.annotations]
    for doc in kept:
        doc.annotations.sort(key=lambda a: (a.annotator, a.annotation_id or 0))
    write_documents(docs_path, kept)
    write_atomic(state_path, json.dumps(state, indent=2) + "\n")
    total = sum(len(d.annotations) for d in kept)
    body = {"documents": len(kept), "annotations": total, "per_project": per_project, **report.to_json()}
    write_atomic(out / REPORT_FILE, json.dumps(body, indent=2, ensure_ascii=False) + "\n")
    return PullResult(docs_path, len(kept), total, report, per_project, server_seconds,
                      time.perf_counter() - started)
