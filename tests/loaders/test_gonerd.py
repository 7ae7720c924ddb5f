"""GONERD: a folder written by `gonerd build`, and parquet folders written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gonerd_parquet import row as _row
from gonerd_parquet import write_folder

import loaders
from gonerd.schema import NER_TAGS
from loaders.errors import DataFormatError, LoaderError


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A real (tiny) build: 3 news pages + 1 legal text with gold spans."""
    from corpus_factory import write_corpus

    from gonerd.build import run_build
    from gonerd.config import BuildConfig

    root = tmp_path_factory.mktemp("gonerd")
    corpus = write_corpus(root / "corpus", n_news=3, n_legal=1)
    run_build(BuildConfig(inputs=corpus.inputs, out=str(root / "out"), min_tokens=20, gold=str(corpus.gold)),
              echo=lambda _: None)
    return root / "out"


def test_built_folder(built, tmp_path):
    import pyarrow.parquet as pq

    ds, report = loaders.load_with_report("gonerd", built, cache_dir=tmp_path)
    build_report = json.loads((built / "build_report.json").read_text())
    sizes = {split: stats["num_examples"] for split, stats in build_report["splits"].items()}
    assert {split: len(rows) for split, rows in ds.items()} == sizes
    assert sum(sizes.values()) == 4
    for split, rows in ds.items():
        assert rows.column_names == ["id", "tokens", "ner_tags"]
        assert rows.features["ner_tags"].feature.names == list(NER_TAGS)
        raw = pq.read_table(built / "data" / f"{split}-00000-of-00001.parquet").to_pylist()
        assert rows["id"] == [r["id"] for r in raw] and rows["tokens"] == [r["tokens"] for r in raw]
        assert rows["ner_tags"] == [r["ner_tags"] for r in raw]
    empty = [split for split, n in sizes.items() if n == 0]  # a four-document build leaves a split empty
    assert sorted(i.split for i in report.of_kind("split_empty")) == sorted(empty)
    tagged = [NER_TAGS[t] for row in ds["train"]["ner_tags"] for t in row]
    assert {"B-PER", "I-PER", "B-LOC", "B-ORG"} <= set(tagged)


def test_keep_columns(built, tmp_path):
    ds = loaders.load("gonerd", built, keep_columns=["text", "token_offsets"], cache_dir=tmp_path)
    row = ds["train"][0]
    assert ds["train"].column_names == ["id", "tokens", "ner_tags", "text", "token_offsets"]
    for token, offset in zip(row["tokens"], row["token_offsets"]):
        assert row["text"][offset["start"] : offset["end"]] == token
    assert "entities" in loaders.load("gonerd", built, keep_columns=True, cache_dir=tmp_path)["train"].column_names
    with pytest.raises(LoaderError, match=r"keep_columns \['nope'\] not in the dataset"):
        loaders.load("gonerd", built, keep_columns=["nope"], cache_dir=tmp_path)


def test_rows_with_a_tag_count_mismatch_are_an_error(tmp_path):
    good = _row("u1", ["Ada", "Lovelace", "wrote"], ["B-PER", "I-PER", "O"])
    bad = _row("u2", ["Ada", "Lovelace"], ["B-PER", "I-PER", "O"])
    folder = write_folder(tmp_path / "ds", {"train": [good, bad]})
    with pytest.raises(DataFormatError, match=r"\[train\]: 1 rows have not one tag per token, e.g. row 1 \(id u2\)"):
        loaders.load("gonerd", folder, cache_dir=tmp_path / "cache")


def test_folder_and_source_errors(tmp_path):
    with pytest.raises(LoaderError, match="no data/ folder"):
        loaders.load("gonerd", tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "train.parquet").write_bytes(b"")
    with pytest.raises(LoaderError, match=r"train\.parquet: not a <split>-NNNNN-of-NNNNN\.parquet shard name"):
        loaders.load("gonerd", tmp_path)
    with pytest.raises(LoaderError, match="no default Hub id"):
        loaders.load("gonerd")
