"""`adjudicate`: several annotations per document → one gold annotation.

Per document, in this order of precedence:

1. an annotation marked **ground truth** in Label Studio (the most recently updated one if there are several);
2. else the annotation of the designated **reviewer** (``--reviewer``), if they annotated the document;
3. else **majority vote**: a span (start, end, label) is gold when **more than half** of the document's
   annotators marked it exactly so. **Tie rule:** a span marked by exactly half of them (one of two, two of four)
   is *not* accepted; it is listed as unresolved, like every span some but not a majority marked.
   With a strict majority two accepted spans can never overlap (each annotator's spans are already flat).

Documents with fewer than ``min_annotators`` annotations are left out (counted). Every unresolved disagreement is
listed with the competing versions; they can be pushed back to Label Studio as review tasks whose predictions are
the annotators' versions (:func:`review_tasks`).

The gold file is what ``gonerd build --gold`` reads: ``{"id", "entities", "annotators"}`` per line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotation.records import AnnotatedDocument, AnnotationRecord
from gonerd.schema import Entity

ANNOTATOR_NAMES = ("pseudonym", "email")


@dataclass
class Decision:
    doc_id: str
    method: str  # "ground_truth" | "reviewer" | "majority"
    entities: list[Entity]
    annotators: list[str]
    unresolved: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class AdjudicationResult:
    decisions: list[Decision]
    counts: Counter

    @property
    def unresolved(self) -> list[dict[str, Any]]:
        return [u for d in self.decisions for u in d.unresolved]


def adjudicate_document(doc: AnnotatedDocument, reviewer: str | None = None) -> Decision:
    latest = doc.latest_by_annotator()
    truths = sorted((a for a in doc.annotations if a.ground_truth), key=lambda a: (a.updated_at or "",
                                                                                    a.annotation_id or 0))
    if truths:
        chosen = truths[-1]
        return Decision(doc.doc_id, "ground_truth", list(chosen.entities), [chosen.annotator])
    if reviewer and reviewer in latest:
        return Decision(doc.doc_id, "reviewer", list(latest[reviewer].entities), [reviewer])
    return majority_vote(doc.doc_id, doc.text, latest)


def majority_vote(doc_id: str, text: str, latest: dict[str, AnnotationRecord]) -> Decision:
    n = len(latest)
    votes: dict[tuple[int, int, str], list[str]] = {}
    for annotator, ann in latest.items():
        for e in ann.entities:
            votes.setdefault((e.start, e.end, e.label), []).append(annotator)
    accepted = sorted(k for k, who in votes.items() if 2 * len(who) > n)
    unresolved = [
        {"doc_id": doc_id, "start": s, "end": e, "label": lab, "text": text[s:e], "votes": len(who), "of": n,
         "marked_by": sorted(who), "tie": 2 * len(who) == n}
        for (s, e, lab), who in sorted(votes.items()) if 2 * len(who) <= n
    ]
    return Decision(doc_id, "majority", [Entity(s, e, lab, text[s:e]) for s, e, lab in accepted], sorted(latest),
                    unresolved)


def adjudicate(docs: list[AnnotatedDocument], *, reviewer: str | None = None,
               min_annotators: int = 1) -> AdjudicationResult:
    counts: Counter = Counter()
    decisions = []
    for doc in docs:
        if len(doc.latest_by_annotator()) < min_annotators:
            counts["skipped_too_few_annotators"] += 1
            continue
        decision = adjudicate_document(doc, reviewer)
        counts[f"by_{decision.method}"] += 1
        counts["unresolved_spans"] += len(decision.unresolved)
        counts["gold_spans"] += len(decision.entities)
        decisions.append(decision)
    return AdjudicationResult(decisions, counts)


def annotator_names(docs: list[AnnotatedDocument], style: str) -> dict[str, str]:
    """How annotators are named in the gold file: their e-mail, or a stable pseudonym ``annotator-<hash>`` (the
    first 10 hex digits of the SHA-256 of the e-mail; user ids would collide across the servers of a blind
    campaign). Gold files end up in published datasets: e-mails only when asked for."""
    import hashlib

    if style not in ANNOTATOR_NAMES:
        raise ValueError(f"annotator names must be one of {ANNOTATOR_NAMES}, not {style!r}")
    names = {ann.annotator for doc in docs for ann in doc.annotations}
    if style == "email":
        return {a: a for a in names}
    return {a: "annotator-" + hashlib.sha256(a.encode("utf-8")).hexdigest()[:10] for a in names}


def gold_rows(result: AdjudicationResult, names: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {"id": d.doc_id, "entities": [{"start": e.start, "end": e.end, "label": e.label, "text": e.text}
                                      for e in d.entities],
         "annotators": [names.get(a, a) for a in d.annotators], "adjudication": d.method}
        for d in result.decisions
    ]


def review_tasks(docs: list[AnnotatedDocument], result: AdjudicationResult,
                 names: dict[str, str]) -> list[dict[str, Any]]:
    """Label Studio tasks for the documents with unresolved disagreements: the text, and one prediction per
    annotator's version (``model_version`` = ``annotator:<name>``) plus the majority (``adjudication:majority``)."""
    from annotation.convert import entities_to_results
    from annotation.labeling import DOC_ID_KEY, TEXT_KEY

    by_id = {d.doc_id: d for d in docs}
    tasks = []
    for decision in result.decisions:
        if not decision.unresolved:
            continue
        doc = by_id[decision.doc_id]
        predictions = [{"model_version": "adjudication:majority",
                        "result": entities_to_results(doc.text, decision.entities, prefix="m")}]
        for annotator, ann in doc.latest_by_annotator().items():
            predictions.append({"model_version": f"annotator:{names.get(annotator, annotator)}",
                                "result": entities_to_results(doc.text, ann.entities, prefix="a")})
        tasks.append({"data": {TEXT_KEY: doc.text, DOC_ID_KEY: doc.doc_id,
                               "unresolved": len(decision.unresolved)}, "predictions": predictions})
    return tasks
