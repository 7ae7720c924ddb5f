"""`gonerd export`: a built dataset folder to JSONL (one schema row per line) or CoNLL-2003 text, per split."""

from __future__ import annotations

import json
import os
from pathlib import Path

from gonerd.conll import write_conll
from gonerd.schema import DocumentRecord


class ExportError(ValueError):
    """The folder is not a dataset gonerd built, or the output cannot be written: one line, naming the path."""


def load_built(folder: str | Path):
    """The built dataset as a ``DatasetDict`` (``datasets.load_dataset`` on the folder), or :class:`ExportError`
    when the folder is not a gonerd dataset (no parquet files, or columns that are not the GONERD schema)."""
    import datasets

    from gonerd.schema import features

    folder = Path(folder)
    if not folder.is_dir():
        raise ExportError(f"{folder} is not a folder")
    if not any(folder.glob("data/*.parquet")):
        found = "it is empty" if not any(folder.iterdir()) else "it has no data/*.parquet files"
        raise ExportError(f"{folder} is not a dataset written by gonerd build: {found}")
    try:
        dataset = datasets.load_dataset(str(folder))
    except Exception as exc:  # datasets raises many types for unreadable folders; all mean "not our dataset"
        raise ExportError(f"{folder}: cannot be read as a dataset ({type(exc).__name__}: {exc})") from None
    expected = set(features())
    for split, ds in dataset.items():
        missing = sorted(expected - set(ds.column_names))
        if missing:
            raise ExportError(f"{folder} is not a gonerd dataset: split {split!r} lacks the columns {missing}")
    return dataset


def _writable_folder(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the output folder {out} ({exc.strerror or exc})") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write into the output folder {out} (permission denied)")
    return out


def export_dataset(folder: str | Path, fmt: str, out: str | Path) -> list[Path]:
    if fmt not in ("jsonl", "conll"):
        raise ValueError(f"unknown export format {fmt!r}")
    dataset = load_built(folder)
    out = _writable_folder(Path(out))
    written = []
    for split, ds in dataset.items():
        path = out / f"{split}.{ 'jsonl' if fmt == 'jsonl' else 'conll'}"
        tmp = path.with_name(path.name + ".tmp")
        try:
            fh = open(tmp, "w", encoding="utf-8")  # noqa: SIM115 - closed by the `with` below
        except OSError as exc:
            raise ExportError(f"cannot write {tmp} ({exc.strerror or exc})") from None
        with fh:
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
