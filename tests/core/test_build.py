"""End-to-end builds on corpora written by the tests, read back with `datasets.load_dataset`."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import logging
from pathlib import Path

import datasets
import pytest
from corpus_factory import FILLER, news_html, paragraphs
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from gonerd.build import BuildError, NothingSurvived, run_build, stage_logs
from gonerd.config import BuildConfig
from gonerd.schema import NER_TAGS, SPLITS

SMALL = {"min_tokens": 20}


def build(corpus_inputs, out: Path, **kw):
    config = BuildConfig(inputs=list(corpus_inputs), out=str(out), **{**SMALL, **kw})
    return run_build(config, echo=lambda _: None)


def rows_by_split(folder: Path) -> dict[str, list[dict]]:
    ds = datasets.load_dataset(str(folder))
    return {split: sorted(ds[split], key=lambda r: r["id"]) for split in ds}


def assert_balanced(result) -> None:
    for step in result.steps:
        assert step.received == step.forwarded + step.dropped_total, step.to_dict()
        assert "unspecified" not in step.dropped, step.to_dict()


def test_build_writes_a_loadable_dataset(corpus, tmp_path):
    out = tmp_path / "ds"
    result = build(corpus.inputs, out, gold=str(corpus.gold))
    assert_balanced(result)
    ds = datasets.load_dataset(str(out))
    assert sorted(ds) == sorted(SPLITS)
    assert ds["train"].features["ner_tags"].feature.names == list(NER_TAGS)
    total = sum(len(ds[s]) for s in ds)
    assert total == 13 == result.num_documents
    by_type = {s: sorted(ds[s]["source_type"]) for s in ds}
    assert sum(len(v) for v in by_type.values()) == 13
    for split in ds:
        for row in ds[split]:
            assert len(row["tokens"]) == len(row["ner_tags"]) == row["num_tokens"]
            for ent in row["entities"]:
                assert row["text"][ent["start"] : ent["end"]] == ent["text"]
            assert row["annotation"]["kind"] == 0  # gold
            expected = corpus.expected_texts.get(row["url"] or row["id"])
            assert row["text"] == expected, f"{row['id']} text differs from the reference"
            assert len(row["entities"]) in (24, 30)  # 6 per paragraph, nothing lost or invented
    annotate = next(s for s in result.steps if s.step == "annotate")
    assert annotate.extra["entities_in"] == annotate.extra["entities_out"] == annotate.extra["entities_exact"]
    # the card's YAML declares the configs and the features
    readme = (out / "README.md").read_text()
    assert readme.startswith("---\n") and "config_name: default" in readme and "B-MISC" in readme
    report = json.loads((out / "build_report.json").read_text())
    assert [s["step"] for s in report["steps"]][:2] == ["read", "extract"]
    assert report["gold_records_unused"] == []


def test_rebuild_gives_same_ids_splits_and_content(corpus, tmp_path):
    build(corpus.inputs, tmp_path / "a", gold=str(corpus.gold))
    build(corpus.inputs, tmp_path / "b", gold=str(corpus.gold))
    build(corpus.inputs, tmp_path / "c", gold=str(corpus.gold), workers=2, tasks=3)
    a, b, c = (rows_by_split(tmp_path / x) for x in "abc")
    assert a == b
    assert a == c  # sharding and parallelism do not change the result


def _warc_with_bad_records(path: Path, good_html: str) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for url, body in [("https://warc.example.com/good", good_html.encode()),
                          ("https://warc.example.com/broken", good_html.encode())]:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=http))
    data = bytearray(path.read_bytes())
    # corrupt one byte of the second record's body: its payload digest no longer matches
    pos = data.rindex(b"arrived in")
    data[pos] = ord("X")
    path.write_bytes(bytes(data))


def test_bad_inputs_are_counted_logged_and_the_build_goes_on(corpus, tmp_path, caplog):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.html").write_bytes(b"")
    (bad / "binary.html").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    page = (corpus.root / "news" / "story-0.html").read_text()
    (bad / "truncated.html").write_text(page[: len(page) // 2])
    (bad / "huge.html").write_bytes(b"<html><body>" + b"<p>word </p>" * (50_000_000 // 12) + b"</body></html>")
    legal = tmp_path / "legal"
    legal.mkdir()
    cp1252 = ("IN THE COURT OF APPEALS OF TESTLAND\n\nThe plaintiff relies on \u00a7 12 of the Act and on the "
              "\u201cfair use\u201d doctrine \u2013 which the court rejects. " + "The defendant appealed. " * 30)
    (legal / "cp1252.txt").write_bytes(cp1252.encode("cp1252"))
    warc_page = news_html("https://warc.example.com/good", "Warc story", [t for t, _ in paragraphs(77)])
    _warc_with_bad_records(bad / "crawl.warc", warc_page)
    inputs = [*corpus.inputs, str(bad), str(legal)]
    with caplog.at_level(logging.INFO):
        result = build(inputs, tmp_path / "ds", gold=str(corpus.gold), on_overlap="error")
    assert_balanced(result)
    counts = {s.step: s for s in result.steps}
    assert counts["read"].dropped == {"empty_input": 1, "binary_input": 1, "too_large": 1, "broken_warc_record": 1}
    assert counts["extract"].dropped["truncated_html"] == 1
    assert counts["read"].extra.get("decoded_cp1252") == 1
    # the cp1252 file and the good WARC record have no gold spans: dropped as unannotated, counted
    assert counts["annotate"].dropped["unannotated"] == 2
    ds = datasets.load_dataset(str(tmp_path / "ds"))
    assert sum(len(ds[s]) for s in ds) == 13


def test_cp1252_legal_text_is_decoded_and_cleaned(tmp_path):
    legal = tmp_path / "legal"
    legal.mkdir()
    text = ("IN THE COURT OF APPEALS OF TESTLAND\n\nThe plaintiff relies on \u00a7 12 of the Act and on the "
            "\u201cfair use\u201d doctrine \u2013 which the court rejects. " + "The defendant appealed. " * 30)
    (legal / "opinion.txt").write_bytes(text.encode("cp1252"))
    build([str(legal)], tmp_path / "ds")
    row = datasets.load_dataset(str(tmp_path / "ds"))
    rows = [r for s in row for r in row[s]]
    assert len(rows) == 1
    assert "\u00a7 12" in rows[0]["text"] and "\u201cfair use\u201d" in rows[0]["text"]
    assert rows[0]["annotation"]["kind"] == 2  # built without annotation: kind "none"


def test_gold_reanchoring_unannotated_and_unused_records(corpus, tmp_path):
    lines = [json.loads(x) for x in corpus.gold.read_text().splitlines()]
    for e in lines[0]["entities"]:
        e["start"] += 7  # offsets from an older cleaning: shifted
        e["end"] += 7
    lines[1]["entities"][0]["text"] = "Nobody Here"
    lines[1]["entities"][0]["end"] = lines[1]["entities"][0]["start"] + len("Nobody Here")
    dropped_url = lines[2].pop("url")
    lines[2]["url"] = dropped_url + "-gone"
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(x) + "\n" for x in lines))
    result = build(corpus.inputs, tmp_path / "ds", gold=str(gold))
    assert_balanced(result)
    annotate = next(s for s in result.steps if s.step == "annotate")
    assert annotate.extra["entities_reanchored"] == 24
    assert annotate.extra["entities_not_found"] == 1
    assert annotate.dropped == {"unannotated": 1}
    assert result.gold_records_unused and result.gold_records_unused[0].endswith(":3")


def test_overlapping_gold_fails_and_leaves_the_previous_dataset(corpus, tmp_path):
    out = tmp_path / "ds"
    build(corpus.inputs, out, gold=str(corpus.gold))
    before = rows_by_split(out)
    lines = [json.loads(x) for x in corpus.gold.read_text().splitlines()]
    first = lines[0]["entities"][0]
    lines[0]["entities"].append({**first, "end": first["end"] - 2, "text": first["text"][:-2], "label": "MISC"})
    bad_gold = tmp_path / "overlap.jsonl"
    bad_gold.write_text("".join(json.dumps(x) + "\n" for x in lines))
    # found before any stage runs, naming the gold line and both spans
    pattern = r"overlap\.jsonl:1: entities \[\d+:\d+\] (PER|MISC) and \[\d+:\d+\] (PER|MISC) overlap"
    with pytest.raises(BuildError, match=pattern):
        build(corpus.inputs, out, gold=str(bad_gold))
    assert rows_by_split(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ds")] == []
    # the documented alternative policy: drop the document, counted
    result = build(corpus.inputs, tmp_path / "ds2", gold=str(bad_gold), on_overlap="drop")
    assert next(s for s in result.steps if s.step == "annotate").dropped == {"overlapping_spans": 1}


def test_near_duplicates_dropped_or_kept_in_one_split(corpus, tmp_path):
    news = corpus.root / "news"
    original = (news / "story-3.html").read_text()
    for k in range(3):
        updated = original.replace("story-3", f"story-3-v{k}").replace(
            "about story 3 part 0.", f"about story 3 part 0, in update {k}."
        )
        (news / f"story-3-v{k}.html").write_text(updated)
    (news / "story-5-print.html").write_text((news / "story-5.html").read_text().replace("story-5", "story-5/print"))
    result = build(corpus.inputs, tmp_path / "drop", gold=str(corpus.gold))
    dedup = next(s for s in result.steps if s.step == "dedup")
    assert dedup.dropped == {"near_duplicate": 3, "exact_duplicate": 1}
    kept = build(corpus.inputs, tmp_path / "keep", gold=str(corpus.gold), dedup_action="keep")
    dedup = next(s for s in kept.steps if s.step == "dedup")
    assert dedup.dropped == {"exact_duplicate": 1} and dedup.extra["kept_near_duplicate"] == 3
    rows = rows_by_split(tmp_path / "keep")
    splits_of = {r["url"]: s for s, rs in rows.items() for r in rs}
    family = [u for u in splits_of if u and "story-3" in u]
    assert family == ["https://herald.example.com/2024/story-3"]  # the member with gold spans represents it
    # kept near duplicates have no gold spans of their own: dropped as unannotated, counted
    assert next(s for s in kept.steps if s.step == "annotate").dropped == {"unannotated": 3}
    assert next(s for s in result.steps if s.step == "annotate").dropped == {}


def test_near_duplicate_cluster_stays_in_one_split_without_gold(corpus, tmp_path):
    news = corpus.root / "news"
    original = (news / "story-3.html").read_text()
    for k in range(4):
        (news / f"story-3-v{k}.html").write_text(
            original.replace("story-3", f"story-3-v{k}").replace("part 1.", f"part 1, update {k}.")
        )
    build(corpus.inputs, tmp_path / "keep", dedup_action="keep")
    rows = rows_by_split(tmp_path / "keep")
    family = {s for s, rs in rows.items() for r in rs if r["url"] and "story-3" in r["url"]}
    assert len(family) == 1
    assert sum(1 for rs in rows.values() for r in rs if r["url"] and "story-3" in r["url"]) == 5


def test_silver_annotation_with_a_spacy_pipeline(corpus, tmp_path):
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [{"label": "PERSON", "pattern": p} for p in ["Marta Oyelaran", "Tomas Brandt", "Ines Varga"]]
        + [{"label": "GPE", "pattern": "Lisbon"}, {"label": "DATE", "pattern": "Tuesday"},
           {"label": "NORP", "pattern": "Portuguese"}]
    )
    nlp.meta["name"] = "ruler_test"
    nlp.meta["version"] = "0.0.1"
    path = tmp_path / "pipeline"
    nlp.to_disk(path)
    result = build(corpus.inputs, tmp_path / "ds", silver_pipeline=str(path))
    assert_balanced(result)
    annotate = next(s for s in result.steps if s.step == "annotate")
    assert annotate.extra["entities_ignored_DATE"] > 0
    rows = [r for rs in rows_by_split(tmp_path / "ds").values() for r in rs]
    labels = {e["label"] for r in rows for e in r["entities"]}
    assert labels <= {0, 2}  # PER, LOC only
    assert all(r["annotation"]["kind"] == 1 and r["annotation"]["model"] == "spacy:en_ruler_test-0.0.1"
               for r in rows)
    lisbon = [e for r in rows for e in r["entities"] if e["text"] == "Lisbon"]
    assert lisbon and all(e["label"] == 2 for e in lisbon)
    # the console's line on the silver entities (issue 8, defect 8): documents, in/out, snapped, ignored types
    line = result.table().splitlines()[-1]
    assert line.startswith(f"entities (silver on {len(rows)} documents): "), line
    assert f"{annotate.extra['entities_out']} out" in line and "snapped to token boundaries" in line
    assert f"DATE {annotate.extra['entities_ignored_DATE']}" in line and "matched exactly" not in line


def test_resume_reuses_finished_stages(corpus, tmp_path):
    out = tmp_path / "ds"
    messages: list[str] = []
    config = dict(inputs=corpus.inputs, out=str(out), gold=str(corpus.gold), keep_work=True, **SMALL)
    first = run_build(BuildConfig(**config), echo=messages.append)
    before = rows_by_split(out)
    # an interrupted second run: the annotate stage's completion markers are gone
    work = next((tmp_path / ".gonerd-work").iterdir())
    for marker in (stage_logs(BuildConfig(**config), work, "annotate") / "completions").iterdir():
        marker.unlink()
    stats = {stage: stage_logs(BuildConfig(**config), work, stage) / "stats" / "00000.json"
             for stage in ("process", "annotate")}
    stamps = {stage: path.stat().st_mtime_ns for stage, path in stats.items()}
    second = run_build(BuildConfig(**config), echo=messages.append)
    assert any(m.startswith("Resuming") for m in messages)
    assert stats["process"].stat().st_mtime_ns == stamps["process"]  # finished: skipped
    assert stats["annotate"].stat().st_mtime_ns != stamps["annotate"]  # unfinished: run again
    assert rows_by_split(out) == before
    assert [s.to_dict() for s in second.steps] == [s.to_dict() for s in first.steps]  # nothing counted twice


def test_jsonl_inputs_with_metadata(tmp_path):
    path = tmp_path / "docs.jsonl.gz"
    rows = [
        {"url": "https://j.example/a", "title": "A", "published": "2023-07-01T10:00:00Z", "source_type": "news",
         "text": f"Para one {FILLER}\nPara two {FILLER}"},
        {"url": "https://j.example/b", "source_type": "legal", "source": "Court of Tests", "text": FILLER * 3},
    ]
    with gzip.open(path, "wt") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
        fh.write("{not json\n")
    result = build([str(path)], tmp_path / "ds")
    assert next(s for s in result.steps if s.step == "read").dropped == {"bad_json_record": 1}
    got = {r["url"]: r for rs in rows_by_split(tmp_path / "ds").values() for r in rs}
    assert got["https://j.example/a"]["published"] == "2023-07-01"
    assert got["https://j.example/a"]["text"].count("\n\n") == 1  # one paragraph per line
    assert got["https://j.example/b"]["source"] == "Court of Tests"
    assert got["https://j.example/b"]["source_type"] == 1


def test_new_gold_reuses_the_processed_documents(corpus, tmp_path):
    config = dict(inputs=corpus.inputs, out=str(tmp_path / "ds"), gold=str(corpus.gold), keep_work=True, **SMALL)
    run_build(BuildConfig(**config), echo=lambda _: None)
    work = next((tmp_path / ".gonerd-work").iterdir())
    process_stats = stage_logs(BuildConfig(**config), work, "process") / "stats" / "00000.json"
    stamp = process_stats.stat().st_mtime_ns
    lines = corpus.gold.read_text().splitlines()
    corpus.gold.write_text("\n".join(lines[:-1]) + "\n")  # one document loses its gold spans
    result = run_build(BuildConfig(**config), echo=lambda _: None)
    assert [p.name for p in (tmp_path / ".gonerd-work").iterdir()] == [work.name]
    assert process_stats.stat().st_mtime_ns == stamp  # the processing stage was not run again
    assert len(list(work.glob("annotation-*"))) == 2
    assert next(s for s in result.steps if s.step == "annotate").dropped == {"unannotated": 1}


def test_out_that_is_not_a_dataset_or_overlaps_an_input_is_refused(corpus, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "precious.txt").write_text("keep me")
    with pytest.raises(BuildError, match="not a dataset written by gonerd build"):
        build(corpus.inputs, notes, gold=str(corpus.gold))
    assert (notes / "precious.txt").read_text() == "keep me"
    with pytest.raises(BuildError, match="overlap"):
        build([str(corpus.root)], corpus.root / "ds", gold=str(corpus.gold))
    with pytest.raises(BuildError, match="overlap"):
        build([str(corpus.root / "news")], corpus.root, gold=str(corpus.gold))
    assert (corpus.root / "gold.jsonl").exists()


def test_every_step_takes_what_the_previous_one_passed_on(corpus, tmp_path):
    result = build(corpus.inputs, tmp_path / "ds", gold=str(corpus.gold), workers=2, tasks=3)
    steps = result.steps
    for previous, step in itertools.pairwise(steps):
        assert step.received == previous.forwarded, (previous.to_dict(), step.to_dict())
    assert steps[0].received == len(list(corpus.root.rglob("*.html"))) + len(list(corpus.root.rglob("*.txt")))


def test_a_build_that_keeps_nothing_reports_the_table(tmp_path):
    german = tmp_path / "legal"
    german.mkdir()
    (german / "urteil.txt").write_text("Das Gericht hat entschieden, dass die Klage abgewiesen wird. " * 20)
    with pytest.raises(NothingSurvived, match=rf"no document of {german} survived the process stage \(dropped: "
                       r"language: language_de 1;") as caught:
        build([str(german)], tmp_path / "ds")
    assert "\n" not in str(caught.value) and isinstance(caught.value, BuildError)
    assert "language_de 1" in caught.value.table.splitlines()[5]


def test_resume_uses_the_same_sharding_whatever_the_workers(corpus, tmp_path):
    a = BuildConfig(inputs=corpus.inputs, out=str(tmp_path / "ds"), workers=2, **SMALL)
    b = BuildConfig(inputs=corpus.inputs, out=str(tmp_path / "ds"), workers=1, **SMALL)
    c = BuildConfig(inputs=corpus.inputs, out=str(tmp_path / "ds"), workers=1, tasks=2, **SMALL)
    from gonerd.sources import discover_inputs

    files = discover_inputs(corpus.inputs)
    assert a.fingerprint(files) != b.fingerprint(files)
    assert a.fingerprint(files) == c.fingerprint(files)


def test_one_build_at_a_time_per_work_folder(corpus, tmp_path):
    """The lock belongs to a process (a POSIX record lock): another process holding it stops a build at once."""
    import subprocess
    import sys

    from gonerd.build import locked

    work = tmp_path / "work"
    work.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import time; from pathlib import Path; from gonerd.build import locked\n"
         f"with locked(Path({str(work)!r})):\n    print('held', flush=True); time.sleep(120)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(BuildError, match="another gonerd build is running"), locked(work):
            pass
    finally:
        holder.kill()
        holder.wait()
    with locked(work):  # released with the process that held it
        pass


def test_ids_equal_texts_and_undated_warc_pages(tmp_path):
    from corpus_factory import paragraphs

    path = tmp_path / "docs.jsonl"
    text = "\n\n".join(t for t, _ in paragraphs(5))
    rows = [
        {"url": "https://n.example/view?story=101", "text": text},
        {"url": "https://n.example/view?story=102", "text": text.replace("Reports", "Notes")},
        {"id": "dup", "text": text.replace("Reports", "Memos")},
        {"id": "dup", "text": text.replace("Reports", "Lists")},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    kept = {}
    for tasks in (1, 2):
        (tmp_path / "split").mkdir(exist_ok=True)
        part = tmp_path / "split" / "b.jsonl"
        if tasks == 2:  # the two "dup" records in two files, read by two tasks
            path.write_text("".join(json.dumps(r) + "\n" for r in rows[:3]))
            part.write_text(json.dumps(rows[3]) + "\n")
        result = build([str(path)] + ([str(part)] if tasks == 2 else []), tmp_path / f"ds{tasks}", tasks=tasks,
                       dedup_threshold=0.99)
        assert next(s for s in result.steps if s.step == "split").dropped == {"duplicate_id": 1}
        got = {r["id"]: r for rs in rows_by_split(tmp_path / f"ds{tasks}").values() for r in rs}
        kept[tasks] = got["dup"]["text"]
        assert len({r["id"] for r in got.values() if r["url"]}) == 2  # the query string tells the stories apart
        assert all(r["published"] is None for r in got.values())
    assert kept[1] == kept[2]  # the same "dup" wins whatever the sharding


def test_surrogates_and_revisit_records_are_counted_drops(tmp_path):
    from corpus_factory import paragraphs

    text = "\n\n".join(t for t, _ in paragraphs(9))
    jsonl = tmp_path / "in" / "docs.jsonl"
    jsonl.parent.mkdir()
    jsonl.write_text(json.dumps({"url": "https://s.example/a", "text": text}) + "\n"
                     + '{"url": "https://s.example/b", "text": "broken \\ud800 text"}\n')
    warc = tmp_path / "in" / "crawl.warc"
    with open(warc, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record("https://s.example/c", "revisit", http_headers=http,
                                           warc_headers_dict={"WARC-Profile": "http://netpreserve.org/warc/1.0/"
                                                              "revisit/identical-payload-digest"})
        writer.write_record(record)
    result = build([str(tmp_path / "in")], tmp_path / "ds")
    read = next(s for s in result.steps if s.step == "read")
    assert read.dropped == {"invalid_unicode": 1, "warc_revisit": 1} and read.forwarded == 1


def test_the_extraction_knows_the_languages_the_build_keeps(tmp_path):
    """Short pages confidently in a dropped language skip trafilatura's full cascade (processing/extract.py): the
    build passes its languages to the extraction step; an explicit extraction setting wins."""
    from gonerd.build import build_stages
    from gonerd.steps.extract import ExtractMainText

    def extraction_settings(**kw) -> dict:
        config = BuildConfig(inputs=[str(tmp_path)], out=str(tmp_path / "ds"), **kw)
        (_, process, _), *_ = build_stages(config, [str(tmp_path / "a.html")], tmp_path / "work", tmp_path / "st")
        return next(step for step in process if isinstance(step, ExtractMainText)).settings

    kept = {"kept_languages": ["en", "de"]}  # always the language filter's: metadata is skipped only for its drops
    assert extraction_settings(languages=["en", "de"]) == {"full_cascade_languages": ["en", "de"], **kept}
    assert extraction_settings(languages=["en", "de"], extraction={"full_cascade_languages": None, "fast": True,
                                                                   "kept_languages": ["en"]}) == {
        "full_cascade_languages": None, "fast": True, **kept}
