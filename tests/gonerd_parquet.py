"""Parquet folders shaped like `gonerd build`'s output (``data/<split>-00000-of-00001.parquet``), written directly
from rows, for the loader tests that need a dataset folder without running a build."""

from __future__ import annotations

from pathlib import Path


def row(doc_id: str, tokens: list[str], tags: list[str]) -> dict:
    """A document row of the gonerd schema: the tokens joined by spaces, no entities."""
    text = " ".join(tokens)
    offsets, pos = [], 0
    for token in tokens:
        offsets.append({"start": pos, "end": pos + len(token)})
        pos += len(token) + 1
    return {"id": doc_id, "source_type": "news", "source": "t", "url": None, "title": None, "published": None,
            "text": text, "entities": [], "tokens": tokens, "token_offsets": offsets, "ner_tags": tags,
            "annotation": {"kind": "gold", "annotators": [], "model": None}, "num_tokens": len(tokens)}


def write_folder(folder: Path, splits: dict[str, list[dict]]) -> Path:
    import datasets

    from gonerd.schema import features

    (folder / "data").mkdir(parents=True)
    for split, rows in splits.items():
        datasets.Dataset.from_list(rows, features=features()).to_parquet(
            str(folder / "data" / f"{split}-00000-of-00001.parquet"))
    return folder
