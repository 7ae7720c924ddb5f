"""Step 10 (one task): split the annotated documents and write the parquet files of the dataset."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from datatrove.data import Document, DocumentsPipeline
from datatrove.utils.logging import logger

from gonerd.steps.base import CountingStep


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


def _preference(entry: tuple[dict, str, str]) -> tuple[int, str]:
    text = entry[0]["text"]
    return (-len(text), hashlib.sha1(text.encode("utf-8")).hexdigest())


class WriteDataset(CountingStep):
    """Collects every document, drops repeated ids (keeping the longest text), assigns splits and writes
    ``data/*.parquet`` into ``folder`` plus ``splits.json`` (sizes per split and source type)."""

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

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        from gonerd.output import validate_row, write_split_parquet
        from gonerd.schema import SPLITS
        from gonerd.split import SplitItem, assign_splits

        if world_size != 1:
            raise ValueError("WriteDataset runs as a single task")
        kept: dict[str, tuple[dict, str, str]] = {}  # id -> (row, cluster, origin)
        urls: set[str] = set()
        for doc in data or ():
            self.received()
            row = document_to_row(doc)
            validate_row(row)
            meta = doc.metadata
            urls.update(u for u in (meta.get("url"), meta.get("canonical_url")) if u)
            entry = (row, meta["cluster"], meta["origin"])
            previous = kept.get(row["id"])
            if previous is not None:
                # the same id twice (the same URL crawled twice, with different text): keep the longer text, ties
                # broken by the text's hash, so the choice does not depend on the order documents arrive in
                winner, loser = sorted((previous, entry), key=_preference)
                kept[row["id"]] = winner
                self.dropped("duplicate_id", f"{loser[2]}: id {row['id']} is also {winner[2]}, kept instead")
                continue
            kept[row["id"]] = entry

        items = [SplitItem(doc_id, row["source_type"], cluster) for doc_id, (row, cluster, _) in kept.items()]
        assignment = assign_splits(items, self.ratios, self.seed)
        by_split: dict[str, list[dict]] = {s: [] for s in SPLITS}
        for doc_id in sorted(kept):
            by_split[assignment[doc_id]].append(kept[doc_id][0])
        folder = Path(self.folder)
        (folder / "data").mkdir(parents=True, exist_ok=True)
        summary: dict = {"splits": {}, "gold_records_unused": []}
        for split, rows in by_split.items():
            if not rows:  # too few documents for this split: it is left out of the dataset (datasets rejects it)
                logger.warning(f"split {split!r} is empty: {len(kept)} documents are too few for ratios {self.ratios}")
                continue
            files = write_split_parquet(rows, folder / "data", split)
            self.stat_update("forwarded", value=len(rows))
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
            summary["gold_records_unused"] = self._unused_gold(set(kept), urls)
        (folder / "splits.json").write_text(json.dumps(summary, indent=2))
        yield from ()

    def _unused_gold(self, ids: set[str], urls: set[str]) -> list[str]:
        """Gold records that matched no document of the dataset (wrong id/url, or their document was dropped)."""
        from gonerd.annotate import load_gold
        from gonerd.urls import canonical_url

        gold = load_gold(self.gold_path)
        urls = {canonical_url(u) for u in urls}
        unused = [rec.origin for k, rec in gold.by_id.items() if k not in ids]
        unused += [rec.origin for k, rec in gold.by_url.items() if k not in urls]
        if unused:
            logger.warning(
                f"{len(unused)} gold records match no document of the dataset (their document was dropped, e.g. as "
                f"a duplicate, or their id/url matches no input), e.g. {unused[:3]}"
            )
        return sorted(unused)
