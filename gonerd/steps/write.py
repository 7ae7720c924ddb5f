"""Step 10 (one task): split the annotated documents and write the parquet files of the dataset."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from datatrove.data import Document
from datatrove.utils.logging import logger

from gonerd.steps.base import DocumentStep, Drop


def document_to_row(doc: Document) -> dict:
    from gonerd.output import iso_date
    from gonerd.schema import Annotation, DocumentRecord, Entity
    from gonerd.steps.tokenize import unpack_offsets, unpack_tags

    meta = doc.metadata
    offsets = unpack_offsets(meta["token_offsets"])
    return DocumentRecord(
        id=doc.id,
        source_type=meta["source_type"],
        source=meta["source"],
        url=meta.get("url"),
        title=meta.get("title"),
        published=iso_date(meta.get("published")),  # the crawl date is not a publication date
        text=doc.text,
        entities=[Entity(**e) for e in meta["entities"]],
        tokens=[doc.text[s:e] for s, e in offsets],
        token_offsets=offsets,
        ner_tags=unpack_tags(meta["ner_tags"]),
        annotation=Annotation(**meta["annotation"]),
        num_tokens=meta["num_tokens"],
    ).to_row()


def _preference(entry: tuple) -> tuple[int, str]:
    text = entry[0]["text"]
    return (-len(text), hashlib.sha1(text.encode("utf-8")).hexdigest())


class WriteDataset(DocumentStep):
    """Collects every document, drops repeated ids (keeping the longest text), assigns splits and writes
    ``data/*.parquet`` into ``folder`` plus ``splits.json`` (sizes per split and source type). Documents are held
    until every one is in; ``forwarded`` counts the rows written."""

    name = "split"

    def __init__(
        self,
        folder: str,
        ratios: tuple[float, float, float],
        seed: int,
        gold_path: str | None = None,
    ):
        super().__init__()
        self.folder = folder
        self.ratios = tuple(ratios)
        self.seed = seed
        self.gold_path = gold_path
        self._kept: dict[str, tuple[dict, str, str, Document]] = {}  # id -> (row, cluster, origin, document)

    def open(self, stack: contextlib.ExitStack, rank: int = 0, world_size: int = 1) -> None:
        if world_size != 1:
            raise ValueError("WriteDataset runs as a single task")
        self._kept = {}
        stack.callback(setattr, self, "_kept", {})

    def process(self, doc: Document) -> Drop | None:
        from gonerd.output import validate_row

        row = document_to_row(doc)
        validate_row(row)
        entry = (row, doc.metadata["cluster"], doc.metadata["origin"], doc)
        previous = self._kept.get(row["id"])
        if previous is None:
            self._kept[row["id"]] = entry
            return None
        # the same id twice (the same URL crawled twice, with different text): keep the longer text, ties broken by
        # the text's hash, so the choice does not depend on the order documents arrive in
        winner, loser = sorted((previous, entry), key=_preference)
        self._kept[row["id"]] = winner
        drop = Drop("duplicate_id", f"{loser[2]}: id {row['id']} is also {winner[2]}, kept instead")
        if loser is previous:
            self.drop_held(previous[3], drop)
            return None
        return drop

    def finish(self) -> Iterator[Document]:
        from gonerd.output import write_split_parquet
        from gonerd.schema import SPLITS
        from gonerd.split import SplitItem, assign_splits

        kept = self._kept
        items = [SplitItem(doc_id, row["source_type"], cluster) for doc_id, (row, cluster, _, _) in kept.items()]
        assignment = assign_splits(items, self.ratios, self.seed)
        by_split: dict[str, list[str]] = {s: [] for s in SPLITS}
        for doc_id in sorted(kept):
            by_split[assignment[doc_id]].append(doc_id)
        folder = Path(self.folder)
        (folder / "data").mkdir(parents=True, exist_ok=True)
        summary: dict = {"splits": {}, "gold_records_unused": []}
        for split, ids in by_split.items():
            if not ids:  # too few documents for this split: it is left out of the dataset (datasets rejects it)
                logger.warning(f"split {split!r} is empty: {len(kept)} documents are too few for ratios {self.ratios}")
                continue
            rows = [kept[i][0] for i in ids]
            files = write_split_parquet(rows, folder / "data", split)
            self.stat_update(f"split_{split}", value=len(rows))
            summary["splits"][split] = {
                "num_examples": len(rows),
                "num_bytes": sum(f.stat().st_size for f in files),
                "by_source_type": dict(sorted(Counter(r["source_type"] for r in rows).items())),
                "num_tokens": sum(r["num_tokens"] for r in rows),
                "max_tokens": max((r["num_tokens"] for r in rows), default=0),
                "num_entities": sum(len(r["entities"]) for r in rows),
            }
        if self.gold_path:
            metas = [entry[3].metadata for entry in kept.values()]
            urls = {u for m in metas for u in (m.get("url"), m.get("canonical_url")) if u}
            summary["gold_records_unused"] = self._unused_gold(set(kept), urls)
        (folder / "splits.json").write_text(json.dumps(summary, indent=2))
        for split_ids in by_split.values():
            for doc_id in split_ids:
                yield kept[doc_id][3]

    def _unused_gold(self, ids: set[str], urls: set[str]) -> list[str]:
        """Gold records that matched no document of the dataset (wrong id/url, or their document was dropped)."""
        from gonerd.annotate import load_gold
        from gonerd.urls import normalize_url

        gold = load_gold(self.gold_path)
        urls = {normalize_url(u) for u in urls}
        unused = [rec.origin for k, rec in gold.by_id.items() if k not in ids]
        unused += [rec.origin for k, rec in gold.by_url.items() if k not in urls]
        if unused:
            logger.warning(
                f"{len(unused)} gold records match no document of the dataset (their document was dropped, e.g. as "
                f"a duplicate, or their id/url matches no input), e.g. {unused[:3]}"
            )
        return sorted(unused)
