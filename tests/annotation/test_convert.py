"""Label Studio results → spans: the real 1.23.2 exports in every format, and bad exports."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotation.convert import ConversionError, ConversionReport, codepoints_to_utf16, region_spans
from annotation.exports import read_export
from gonerd.cli import main
from gonerd.schema import Entity

REAL = "label-studio/real-server-1.23.2"
TEXT = "Angela Merkel met Emmanuel Macron in Berlin on Tuesday."


def region(start, end, label, text, rid="r"):
    labels = label if isinstance(label, list) else [label]
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": text, "labels": labels}}


def convert(results, text=TEXT):
    report = ConversionReport()
    spans = region_spans(text, results, task_id=7, annotator="ann@example.com", report=report)
    return spans, report


def spans_by_annotation(docs):
    return sorted((d.doc_id if not d.doc_id.startswith("export") else "", len(a.entities),
                   tuple((e.start, e.end, e.label) for e in a.entities)) for d in docs for a in d.annotations)


def test_real_exports_agree_across_formats(shared_fixtures):
    folder = shared_fixtures / REAL
    snapshot, rep = read_export(folder / "snapshot_full_JSON.json")
    quick, _ = read_export(folder / "export_JSON.json")
    minimal, _ = read_export(folder / "export_JSON_MIN.json")
    assert rep.counts["annotations_kept"] == 4 and rep.conversion.counts()["errors"] == 0
    # the snapshot has e-mails, the quick export and JSON_MIN user ids
    assert sorted({a.annotator for d in snapshot for a in d.annotations}) == ["ann1@example.com", "ann2@example.com"]
    assert sorted({a.annotator for d in quick for a in d.annotations}) == ["user:2", "user:3"]
    def key(docs):
        return sorted((d.doc_id, a.annotator_id, tuple((e.start, e.end, e.label) for e in a.entities))
                                  for d in docs for a in d.annotations)
    assert key(snapshot) == key(quick) == key(minimal)
    for doc in snapshot:
        for ann in doc.annotations:
            assert all(doc.text[e.start : e.end] == e.text for e in ann.entities)
            assert ann.lead_time == 42.5
    # CONLL2003: no ids, tokens joined by spaces, labels[0] only; same labels in the same order per annotation
    conll, _ = read_export(folder / "export_CONLL2003.conll")
    assert len(conll) == 4
    labels_conll = sorted(tuple(e.label for e in d.annotations[0].entities) for d in conll)
    labels_json = sorted(tuple(e.label for e in a.entities) for d in snapshot for a in d.annotations)
    assert labels_conll == labels_json
    assert [e.text for e in conll[0].annotations[0].entities][:2] == ["Angela Merkel", "Emmanuel Macron"]


def test_third_party_export_with_unknown_labels_is_an_error(shared_fixtures):
    with pytest.raises(ConversionError) as err:
        read_export(shared_fixtures / "label-studio/lsf_examples_named_entity/annotations/1.json")
    assert "task 1" in str(err.value) and "[343:354]" in str(err.value) and "'Date'" in str(err.value)


def test_offsets_past_the_text_are_an_error():
    spans, report = convert([region(50, 70, "LOC", "Berlin")])
    assert spans == [] and [p.kind for p in report.errors] == ["offsets_outside_text"]
    assert "task 7, annotator ann@example.com, region [50:70]" in str(report.errors[0])


def test_text_mismatch_is_an_error_naming_task_annotator_offsets():
    _spans, report = convert([region(37, 43, "LOC", "Paris!")])
    assert [p.kind for p in report.errors] == ["text_mismatch"]
    assert "'Paris!'" in report.errors[0].detail and "'Berlin'" in report.errors[0].detail


def test_whitespace_only_difference_is_repaired_and_counted():
    text = "Angela\nMerkel met Macron in Berlin ."
    b = text.index("Berlin")
    spans, report = convert([region(0, 13, "PER", "Angela Merkel"), region(b, b + 7, "LOC", "Berlin ")], text)
    assert spans == [Entity(0, 13, "PER", "Angela\nMerkel"), Entity(b, b + 6, "LOC", "Berlin")]
    assert report.whitespace_repaired == 1 and not report.errors  # "Berlin " matches the text exactly: trimmed


def test_unknown_label_is_an_error():
    _, report = convert([region(0, 13, "PERSON", "Angela Merkel")])
    assert [p.kind for p in report.errors] == ["unknown_label"] and report.errors[0].label == "PERSON"


def test_overlaps_keep_the_longer_span_and_list_the_other():
    spans, report = convert([region(18, 33, "PER", "Emmanuel Macron", "a"), region(27, 33, "PER", "Macron", "b"),
                             region(0, 13, "PER", "Angela Merkel", "c"), region(0, 13, "PER", "Angela Merkel", "d")])
    assert spans == [Entity(0, 13, "PER", "Angela Merkel"), Entity(18, 33, "PER", "Emmanuel Macron")]
    assert report.duplicates_merged == 1
    assert [(p.kind, p.start, p.end) for p in report.dropped] == [("overlap", 27, 33)]


def test_multi_label_region_is_a_label_conflict_and_dropped():
    spans, report = convert([region(37, 43, ["LOC", "ORG"], "Berlin"), region(0, 13, "PER", "Angela Merkel")])
    assert spans == [Entity(0, 13, "PER", "Angela Merkel")]
    assert report.multi_label_regions == 1
    assert sorted((p.kind, p.label) for p in report.dropped) == [("label_conflict", "LOC"), ("label_conflict", "ORG")]


def test_utf16_offsets_from_the_browser_are_converted():
    text = "Fans 🎉 cheered Angela Merkel in Berlin."
    start = text.index("Angela")
    s16, e16 = codepoints_to_utf16(text, start), codepoints_to_utf16(text, start + 13)
    assert (s16, e16) == (start + 1, start + 14)
    spans, report = convert([region(s16, e16, "PER", "Angela Merkel")], text)
    assert spans == [Entity(start, start + 13, "PER", "Angela Merkel")] and report.utf16_converted == 1


def test_cancelled_annotations_and_drafts_are_counted_not_kept(tmp_path):
    task = {"id": 3, "data": {"text": TEXT, "doc_id": "d1"}, "drafts": [{"id": 1, "result": []}],
            "annotations": [
                {"id": 1, "completed_by": {"id": 2, "email": "a@x"}, "was_cancelled": True, "result": []},
                {"id": 2, "completed_by": {"id": 3, "email": "b@x"}, "result": [region(37, 43, "LOC", "Berlin")]},
                {"id": 3, "completed_by": {"id": 4, "email": "c@x"}, "result": [region(37, 43, "LOC", "Paris")]}]}
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task]))
    with pytest.raises(ConversionError):
        read_export(path)
    docs, report = read_export(path, skip_bad=True)
    assert [a.annotator for a in docs[0].annotations] == ["b@x"]
    assert report.counts["cancelled"] == 1 and report.counts["drafts"] == 1
    assert report.counts["excluded_conversion_errors"] == 1 and report.excluded[0]["annotator"] == "c@x"


def test_convert_command_reports_bad_export_in_one_error_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": 9, "data": {"text": TEXT}, "annotations": [
        {"id": 1, "completed_by": 5, "result": [region(37, 80, "LOC", "Berlin")]}]}]))
    result = CliRunner().invoke(main, ["annotate", "convert", str(bad), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "task 9, annotator user:5, region [37:80]" in lines[0]
    assert "Traceback" not in result.output


def test_every_bad_region_of_an_export_is_reported_at_once(tmp_path):
    tasks = [{"id": 1, "data": {"text": TEXT}, "annotations": [
                {"id": 1, "completed_by": 2, "result": [region(37, 43, "LOC", "Paris!")]}]},
             {"id": 2, "data": {"text": TEXT}, "annotations": [
                 {"id": 2, "completed_by": 3, "result": [region(0, 13, "PER", "Angela Merkel"),
                                                         region(0, 6, "GPE", "Angela")]}]}]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks))
    with pytest.raises(ConversionError) as err:
        read_export(path)
    assert [(p.task_id, p.annotator, p.kind) for p in err.value.problems] == [
        (1, "user:2", "text_mismatch"), (2, "user:3", "unknown_label")]
    assert str(err.value).startswith(f"{path}: 2 region(s) cannot be converted")
