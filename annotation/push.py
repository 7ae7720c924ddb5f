"""`push`: documents → Label Studio tasks, in batches, keyed by document id.

Every task carries ``data.doc_id``. Before importing, the project's existing tasks are listed: a document already
there is skipped (default) or, with ``update``, has its data and its prediction of the same ``model_version``
replaced — unless the text changed under existing annotations, which would invalidate their offsets (refused and
counted). So a second push never creates a duplicate, and an interrupted push resumes where it stopped.

Pre-annotations go in as predictions: ``model_version``, one ``score`` per region, the task's ``score`` (its
least confident region) and string region ids (integer ids crash the labeling UI).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotation.campaign import Campaign, Seat
from annotation.connection import Connection
from annotation.convert import entities_to_results
from annotation.documents import SourceDocument
from annotation.labeling import DOC_ID_KEY, TEXT_KEY
from annotation.preannotators import PreAnnotator, ScoredSpan, checked, task_score, uncertainty_key
from gonerd.schema import Entity

DEFAULT_BATCH_SIZE = 250


@dataclass
class PushResult:
    counts: Counter = field(default_factory=Counter)  # per outcome, over all projects
    per_project: dict[str, Counter] = field(default_factory=dict)
    model_version: str | None = None


def prediction_for(doc: SourceDocument, spans: Sequence[ScoredSpan], model_version: str) -> dict[str, Any]:
    entities = [Entity(s.start, s.end, s.label, doc.text[s.start : s.end]) for s in spans]
    result = entities_to_results(doc.text, entities, scores=[s.score for s in spans], prefix="p")
    prediction: dict[str, Any] = {"model_version": model_version, "result": result}
    score = task_score(spans)
    if score is not None:
        prediction["score"] = round(score, 4)
    return prediction


def task_for(doc: SourceDocument, prediction: dict[str, Any] | None) -> dict[str, Any]:
    data = {TEXT_KEY: doc.text, DOC_ID_KEY: doc.id, **{k: v for k, v in doc.meta.items() if v is not None}}
    if doc.split:
        data["split"] = doc.split
    task: dict[str, Any] = {"data": data}
    if prediction is not None:
        task["predictions"] = [prediction]
    return task


def existing_tasks(conn: Connection, project_id: int) -> dict[str, dict[str, Any]]:
    """doc id → {"id", "text", "annotated"} of the tasks already in the project."""
    out: dict[str, dict[str, Any]] = {}
    with conn.errors(f"listing the tasks of project {project_id}"):
        for task in conn.client.tasks.list(project=project_id, fields="task_only", page_size=1000):
            data = task.data or {}
            doc_id = data.get(DOC_ID_KEY)
            if doc_id is not None:
                out[str(doc_id)] = {"id": task.id, "text": data.get(TEXT_KEY),
                                    "annotated": bool(getattr(task, "total_annotations", 0))}
    return out


def push_documents(
    campaign: Campaign,
    docs: Sequence[SourceDocument],
    connect: Callable[[str], Connection],
    *,
    preannotator: PreAnnotator | None = None,
    order: str = "input",
    update: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> PushResult:
    """Push ``docs`` to the projects the campaign gives them (see the module doc)."""
    result = PushResult(model_version=preannotator.model_version if preannotator else None)
    predictions: dict[str, dict[str, Any] | None] = {d.id: None for d in docs}
    keys: dict[str, tuple] = {d.id: (0, 0.0) for d in docs}
    if preannotator is not None:
        tick = progress("pre-annotating", len(docs)) if progress else None
        for start in range(0, len(docs), 32):
            chunk = docs[start : start + 32]
            for doc, spans in zip(chunk, checked(preannotator, [d.text for d in chunk])):
                predictions[doc.id] = prediction_for(doc, spans, preannotator.model_version)
                keys[doc.id] = uncertainty_key(spans)
            if tick:
                tick(len(chunk))
    ordered = sorted(docs, key=lambda d: keys[d.id]) if order == "uncertainty" else list(docs)
    campaign.assign(d.id for d in ordered)
    campaign.save()

    for seat in campaign.seats:
        conn = connect(seat.url)
        counts = result.per_project.setdefault(f"{seat.annotator or 'shared'} (project {seat.project_id})",
                                               Counter())
        mine = [d for d in ordered if seat in campaign.projects_for(d.id)]
        existing = existing_tasks(conn, seat.project_id)
        new = []
        for doc in mine:
            if doc.id not in existing:
                new.append(doc)
            elif not update:
                counts["skipped_existing"] += 1
            else:
                counts[_update_task(conn, seat, existing[doc.id], doc, predictions[doc.id])] += 1
        tick = progress(f"importing to project {seat.project_id}", len(new)) if progress and new else None
        for start in range(0, len(new), batch_size):
            batch = new[start : start + batch_size]
            payload = [task_for(d, predictions[d.id]) for d in batch]
            with conn.errors(f"importing {len(batch)} tasks into project {seat.project_id}"):
                response = conn.client.projects.import_tasks(id=seat.project_id, request=payload,
                                                             return_task_ids=True)
            counts["imported"] += response.task_count or len(batch)
            counts["predictions"] += response.prediction_count or 0
            if tick:
                tick(len(batch))
        result.counts.update(counts)
    return result


def _update_task(conn: Connection, seat: Seat, task: dict[str, Any], doc: SourceDocument,
                 prediction: dict[str, Any] | None) -> str:
    """Bring an existing task up to date; returns the outcome counted."""
    client = conn.client
    if task["text"] != doc.text and task["annotated"]:
        return "refused_text_changed_under_annotations"
    with conn.errors(f"updating task {task['id']} of project {seat.project_id}"):
        client.tasks.update(id=str(task["id"]), data=task_for(doc, None)["data"])
        if prediction is not None:
            for old in client.predictions.list(task=task["id"]):
                if old.model_version == prediction["model_version"] or task["text"] != doc.text:
                    client.predictions.delete(id=old.id)
            client.predictions.create(task=task["id"], result=prediction["result"], score=prediction.get("score"),
                                      model_version=prediction["model_version"])
    return "updated"
