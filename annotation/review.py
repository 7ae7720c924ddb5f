"""Pushing unresolved disagreements back to Label Studio as review tasks.

The campaign's review project (``<title> — review``, on the campaign's main server) gets one task per document with
unresolved disagreements; its predictions are the competing versions (``annotator:<name>``) and the majority
(``adjudication:majority``), so the reviewer switches between them and submits the corrected one. Tasks are keyed
by document id like every push: pushing again adds only new documents. Mark the reviewer's annotation as ground
truth (or pass ``--reviewer``) and adjudicate again: it takes precedence.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotation.adjudicate import AdjudicationResult, review_tasks
from annotation.campaign import Campaign, Seat
from annotation.connection import Connection
from annotation.labeling import DOC_ID_KEY
from annotation.projects import ensure_project, review_title
from annotation.push import existing_tasks
from annotation.records import AnnotatedDocument


def push_review(campaign_path: str | Path, docs: list[AnnotatedDocument], result: AdjudicationResult,
                names: dict[str, str], connect: Callable[[str], Connection]) -> dict[str, Any]:
    campaign = Campaign.load(campaign_path)
    if campaign.review is None:
        campaign.review = Seat(annotator=None, url=campaign.url)
    conn = connect(campaign.review.url)
    ensure_project(conn, campaign, campaign.review, title=review_title(campaign))
    campaign.save()
    tasks = review_tasks(docs, result, names)
    there = existing_tasks(conn, campaign.review.project_id)
    new = [t for t in tasks if t["data"][DOC_ID_KEY] not in there]
    if new:
        with conn.errors(f"importing review tasks into project {campaign.review.project_id}"):
            conn.client.projects.import_tasks(id=campaign.review.project_id, request=new, return_task_ids=True)
    return {"project_id": campaign.review.project_id, "imported": len(new),
            "skipped_existing": len(tasks) - len(new)}
