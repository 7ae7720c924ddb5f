"""`gonerd export`: a built dataset folder to JSONL (one schema row per line) or CoNLL-2003 text, per split."""

from __future__ import annotations

import json
import os
from pathlib import Path

from gonerd.conll import write_conll
from gonerd.schema import ENTITY_TYPES, NER_TAGS, SOURCE_TYPES


def load_built(folder: str | Path):
    """The built dataset as a ``DatasetDict`` (``datasets.load_dataset`` on the folder)."""
    import datasets

    return datasets.load_dataset(str(folder))


def _decode_row(row: dict) -> dict:
    """ClassLabel ids back to names, so exports read like the schema."""
    row = dict(row)
    row["ner_tags"] = [NER_TAGS[t] if isinstance(t, int) else t for t in row["ner_tags"]]
    row["source_type"] = SOURCE_TYPES[row["source_type"]] if isinstance(row["source_type"], int) else row["source_type"]
    row["entities"] = [
        {**e, "label": ENTITY_TYPES[e["label"]] if isinstance(e["label"], int) else e["label"]} for e in row["entities"]
    ]
    ann = dict(row["annotation"])
    if isinstance(ann["kind"], int):
        from gonerd.schema import ANNOTATION_KINDS

        ann["kind"] = ANNOTATION_KINDS[ann["kind"]]
    row["annotation"] = ann
    return row


def export_dataset(folder: str | Path, fmt: str, out: str | Path) -> list[Path]:
    if fmt not in ("jsonl", "conll"):
        raise ValueError(f"unknown export format {fmt!r}")
    dataset = load_built(folder)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for split, ds in dataset.items():
        path = out / f"{split}.{ 'jsonl' if fmt == 'jsonl' else 'conll'}"
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            rows = (_decode_row(r) for r in ds)
            if fmt == "jsonl":
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                write_conll(
                    (
                        (r["text"], r["tokens"], [(o["start"], o["end"]) for o in r["token_offsets"]], r["ner_tags"])
                        for r in rows
                    ),
                    fh,
                )
        os.replace(tmp, path)
        written.append(path)
    return written
