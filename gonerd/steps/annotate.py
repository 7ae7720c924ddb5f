"""Step 9: entities for each document (gold file and/or silver spaCy pipeline), aligned to tokens, IOB2 tags."""

from __future__ import annotations

import contextlib

from datatrove.data import Document
from datatrove.utils.logging import logger

from gonerd.steps.base import DocumentStep, Drop


class AnnotateDocuments(DocumentStep):
    """Gold spans where the gold file has the document, else silver spans when a pipeline is given.

    With neither configured, documents are kept unannotated (``annotation.kind == "none"``: the raw corpus of an
    annotation campaign). With either configured, a document that gets no annotation is dropped as
    ``unannotated``. Overlapping spans raise (``on_overlap="error"``) or drop the document
    (``on_overlap="drop"``, counted as ``overlapping_spans``).
    """

    name = "annotate"

    def __init__(self, gold_path: str | None = None, silver_pipeline: str | None = None, on_overlap: str = "error"):
        super().__init__()
        if on_overlap not in ("error", "drop"):
            raise ValueError(f"on_overlap must be 'error' or 'drop', not {on_overlap!r}")
        self.gold_path = gold_path
        self.silver_pipeline = silver_pipeline
        self.on_overlap = on_overlap
        self._gold = None
        self._silver = None

    def open(self, stack: contextlib.ExitStack, rank: int = 0, world_size: int = 1) -> None:
        from gonerd.annotate import SilverAnnotator, load_gold

        self._gold = load_gold(self.gold_path) if self.gold_path else None
        self._silver = SilverAnnotator(self.silver_pipeline) if self.silver_pipeline else None
        stack.callback(setattr, self, "_silver", None)

    def process(self, doc: Document) -> Document | Drop:
        from gonerd.annotate import anchor_entities
        from gonerd.spans import OverlappingSpansError, SpanError, align_entities, spans_to_iob2
        from gonerd.steps.tokenize import pack_tags, unpack_offsets

        gold, silver = self._gold, self._silver
        meta = doc.metadata
        record = gold.lookup(doc.id, [meta.get("url"), meta.get("canonical_url")]) if gold else None
        if record is not None:
            entities, report = anchor_entities(doc.text, record.entities)
            self.stat_update("documents_gold")
            self.stat_update("entities_in", value=len(record.entities))
            self.stat_update("entities_exact", value=report.exact)
            if report.reanchored:
                self.stat_update("entities_reanchored", value=len(report.reanchored))
                for before, after in report.reanchored:
                    logger.info(f"{doc.id}: re-anchored {before.text!r} {before.start}->{after.start}")
            for lost in report.not_found:
                self.stat_update("entities_not_found")
                logger.warning(f"{doc.id} ({record.origin}): gold entity {lost.text!r} [{lost.start}:"
                               f"{lost.end}] {lost.label} not found in the cleaned text: dropped")
            annotation = {"kind": "gold", "annotators": record.annotators, "model": None}
        elif silver is not None:
            entities, ignored = silver(doc.text)
            self.stat_update("documents_silver")
            self.stat_update("entities_in", value=len(entities) + sum(ignored.values()))
            for label, n in ignored.items():
                self.stat_update(f"entities_ignored_{label}", value=n)
            annotation = {"kind": "silver", "annotators": [], "model": silver.model_version}
        elif gold is None:
            entities, annotation = [], {"kind": "none", "annotators": [], "model": None}
        else:
            return Drop("unannotated", f"{meta['origin']} ({doc.id}): not in the gold file")
        offsets = unpack_offsets(meta["token_offsets"])
        try:
            aligned, alignment = align_entities(doc.text, entities, offsets, doc.id)
        except OverlappingSpansError as exc:
            where = f" (input {meta['origin']}" + (f", gold record {record.origin})" if record else ")")
            if self.on_overlap == "error":
                raise OverlappingSpansError(f"{exc}{where}") from None
            return Drop("overlapping_spans", f"{exc}{where}")
        except SpanError as exc:
            return Drop("invalid_span", str(exc))
        if alignment.snapped:
            self.stat_update("entities_snapped", value=len(alignment.snapped))
            for snap in alignment.snapped:
                logger.info(f"{doc.id}: snapped {snap.before.text!r} to token boundaries: {snap.after.text!r}")
        self.stat_update("entities_out", value=len(aligned))
        meta["entities"] = [vars(e) for e in aligned]
        meta["ner_tags"] = pack_tags(spans_to_iob2(offsets, aligned, doc.id))
        meta["annotation"] = annotation
        return doc
