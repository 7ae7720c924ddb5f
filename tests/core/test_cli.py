"""The core commands through click: build, extract, export."""

from __future__ import annotations

import json

import datasets
from click.testing import CliRunner

from gonerd.cli import main
from gonerd.conll import read_conll
from gonerd.schema import NER_TAGS


def test_build_extract_export(corpus, tmp_path):
    runner = CliRunner()
    out = tmp_path / "ds"
    args = ["build", "--out", str(out), "--gold", str(corpus.gold), "--min-tokens", "20", "--seed", "3"]
    for path in corpus.inputs:
        args += ["--input", path]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f'datasets.load_dataset("{out}")' in result.output
    assert "read" in result.output and "split" in result.output  # the accounting table

    page = corpus.root / "news" / "story-2.html"
    result = runner.invoke(main, ["extract", str(page), str(corpus.root / "legal")])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    rows.sort(key=lambda r: r["path"] != str(page))  # inputs come sorted by path: the page first here
    assert rows[0]["path"] == str(page)
    assert {"url", "title", "published", "source_type", "text"} <= set(rows[0])
    assert rows[0]["url"] == "https://herald.example.com/2024/story-2"
    assert rows[0]["published"] == "2024-03-05" and rows[0]["source_type"] == "news"
    assert rows[0]["text"] == corpus.expected_texts[rows[0]["url"]]
    assert len(rows) == 4 and {r["source_type"] for r in rows[1:]} == {"legal"}

    exports = tmp_path / "exports"
    for fmt in ("jsonl", "conll"):
        result = runner.invoke(main, ["export", str(out), "--format", fmt, "--out", str(exports)])
        assert result.exit_code == 0, result.output
    ds = datasets.load_dataset(str(out))
    for split in ds:
        jsonl = [json.loads(x) for x in (exports / f"{split}.jsonl").read_text().splitlines()]
        assert [r["id"] for r in jsonl] == ds[split]["id"]
        assert all(set(r["ner_tags"]) <= set(NER_TAGS) for r in jsonl)
        conll = read_conll(exports / f"{split}.conll")
        assert len(conll) == len(ds[split])
        for doc, row in zip(conll, jsonl, strict=True):
            assert doc.tokens == row["tokens"] and doc.tags == row["ner_tags"]
            assert [e.text for e in doc.entities()] == [e["text"] for e in row["entities"]]


def test_extract_reports_dropped_inputs(tmp_path):
    (tmp_path / "empty.html").write_text("")
    (tmp_path / "nothing.html").write_text("<html><body><script>var a = 1;</script></body></html>")
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = {json.loads(x)["path"].rsplit("/", 1)[-1]: json.loads(x) for x in result.output.splitlines()
            if x.startswith("{")}
    assert rows["empty.html"]["dropped"] == "empty_input"
    assert rows["nothing.html"]["dropped"] == "no_main_text" and rows["nothing.html"]["step"] == "extract"


def test_bad_config_is_a_clear_error(tmp_path):
    config = tmp_path / "build.yaml"
    config.write_text("dedup_treshold: 0.7\n")
    result = CliRunner().invoke(main, ["build", "--config", str(config)])
    assert result.exit_code != 0
    assert "unknown settings ['dedup_treshold']" in result.output
