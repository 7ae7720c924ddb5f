"""`gonerd build` with no arguments: the embedded demo corpus, end to end, through the CLI."""

from __future__ import annotations

import json
import os

import datasets
from click.testing import CliRunner

from gonerd.cli import main
from gonerd.schema import NER_TAGS, SPLITS


def test_default_build_of_the_demo_corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default output is build/gonerd under the working directory
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "build" / "gonerd"
    assert 'datasets.load_dataset("build/gonerd")' in result.output  # relative to the working directory
    assert os.listdir(tmp_path / "build" / "demo-corpus") and not (tmp_path / "build" / ".gonerd-work").exists()

    report = json.loads((out / "build_report.json").read_text())
    steps = {s["step"]: s for s in report["steps"]}
    for step in steps.values():
        assert step["in"] == step["out"] + sum(step["dropped"].values()), step
    assert steps["language"]["dropped"] == {"language_de": 1, "language_es": 1}
    assert steps["dedup"]["dropped"]["exact_duplicate"] >= 2 and steps["dedup"]["dropped"]["near_duplicate"] >= 2
    counts = steps["annotate"]["counts"]
    assert steps["annotate"]["dropped"] == {}  # every kept document has gold spans
    assert counts["entities_in"] == counts["entities_exact"] == counts["entities_out"] > 1000
    assert "entities_reanchored" not in counts and "entities_not_found" not in counts

    ds = datasets.load_dataset(str(out))
    assert sorted(ds) == sorted(SPLITS)
    assert ds["test"].features["ner_tags"].feature.names == list(NER_TAGS)
    rows = [r for split in ds for r in ds[split]]
    assert sum(1 for r in rows if r["source_type"] == 0) >= 20 and sum(1 for r in rows if r["source_type"] == 1) >= 10
    assert sum(1 for r in rows if r["num_tokens"] > 2000) >= 4
    for r in rows:
        assert len(r["tokens"]) == len(r["ner_tags"])
        assert all(r["text"][e["start"] : e["end"]] == e["text"] for e in r["entities"])
    courts = {r["source"] for r in rows if r["source_type"] == 1}
    assert "unknown court" not in courts and "U.S. Court of Appeals for the Ninth Circuit" in courts
    # each split has both source types (stratified)
    for split in ds:
        assert set(ds[split]["source_type"]) == {0, 1}
