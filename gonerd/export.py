"""`gonerd export`: a built dataset folder to JSONL (one schema row per line) or CoNLL-2003 text, per split."""

from __future__ import annotations

import json
import os
from pathlib import Path

from gonerd.conll import write_conll
from gonerd.schema import DocumentRecord


def load_built(folder: str | Path):
    """The built dataset as a ``DatasetDict`` (``datasets.load_dataset`` on the folder)."""
    import datasets

    return datasets.load_dataset(str(folder))


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
            rows = (DocumentRecord.from_row(r).to_row() for r in ds)  # ClassLabel ids back to names
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
