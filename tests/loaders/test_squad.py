"""SQuAD v1.1 / v2.0 JSON: rows as in the file, every answer checked against its context."""

from __future__ import annotations

import json

import pytest

import loaders
from loaders.errors import AnswerError, DataFormatError


def squad_file(path, qas, context="Marta Oyelaran flew to Lisbon. Lisbon was warm.", title="T"):
    path.write_text(json.dumps({"version": "x", "data": [{"title": title, "paragraphs": [
        {"context": context, "qas": qas}]}]}))
    return path


def test_real_squad_excerpt(hf_formats):
    path = hf_formats / "squad_v1.1" / "allennlp_models" / "squad.json"
    raw = json.loads(path.read_text())
    ds, report = loaders.load_with_report("squad", path)
    rows = ds["train"]  # a lone file without split word -> train, as load_dataset("json") does
    expected = [qa for p in raw["data"][0]["paragraphs"] for qa in p["qas"]]
    assert rows["id"] == [qa["id"] for qa in expected] and len(rows) == 5
    assert set(rows["title"]) == {"University_of_Notre_Dame"}
    first = rows[0]
    assert first["question"] == "To whom did the Virgin Mary allegedly appear in 1858 in Lourdes France?"
    assert first["answers"] == {"text": ["Saint Bernadette Soubirous"], "answer_start": [515]}
    assert first["context"][515:541] == "Saint Bernadette Soubirous"
    assert len(rows[1]["answers"]["text"]) == 3  # several annotators' answers kept
    assert report.issues == []


def test_hf_dummy_answer_that_does_not_match_is_reported(hf_formats):
    folder = hf_formats / "squad_v1.1" / "hf_dummy"
    with pytest.raises(AnswerError, match=r"train-v1\.1\.json: example 1: answer 'This is a test text' at 1"):
        loaders.load("squad", folder)
    ds, report = loaders.load_with_report("squad", folder, on_bad_answer="drop")
    assert {s: len(r) for s, r in ds.items()} == {"train": 0, "validation": 0}
    dropped = report.of_kind("answer_dropped")
    assert [i.where.rsplit(" ", 1)[-1] for i in dropped] == ["1", "2"]
    assert "dev-v1.1.json" in dropped[1].where and "at 6" in dropped[1].message
    assert report.total("example_dropped") == 2


def test_answer_re_anchored_when_its_text_occurs_once(tmp_path):
    path = squad_file(tmp_path / "train-v1.1.json", [
        {"id": "q1", "question": "Who flew?", "answers": [{"text": "Marta Oyelaran", "answer_start": 3}]},
        {"id": "q2", "question": "Where?", "answers": [{"text": "Lisbon", "answer_start": 0}]},
    ])
    with pytest.raises(AnswerError, match=r"example q2: answer 'Lisbon' at 0 .* occurs 2 times"):
        loaders.load("squad", path)
    ds, report = loaders.load_with_report("squad", path, on_bad_answer="drop")
    assert ds["train"]["id"] == ["q1"]
    assert ds["train"][0]["answers"] == {"text": ["Marta Oyelaran"], "answer_start": [0]}
    [moved] = report.of_kind("answer_reanchored")
    assert "example q1" in moved.where and "from 3 to 0" in moved.message


def test_v2_unanswerable_and_v1_requires_answers(tmp_path):
    qas = [{"id": "a", "question": "Who?", "answers": [{"text": "Marta Oyelaran", "answer_start": 0}]},
           {"id": "b", "question": "Why?", "answers": [], "is_impossible": True,
            "plausible_answers": [{"text": "Lisbon", "answer_start": 23}]}]
    path = squad_file(tmp_path / "dev-v2.0.json", qas)
    ds, report = loaders.load_with_report("squad_v2", path)
    assert ds["validation"]["answers"] == [{"text": ["Marta Oyelaran"], "answer_start": [0]},
                                           {"text": [], "answer_start": []}]
    assert report.counts[("validation", "without_answer")] == 1
    with pytest.raises(DataFormatError, match=r"question b has no answer.*squad_v2"):
        loaders.load("squad", path)


def test_malformed_records_and_json(tmp_path):
    path = squad_file(tmp_path / "train.json", [{"id": "a", "answers": []}])
    with pytest.raises(DataFormatError, match=r"paragraphs\[0\]\.qas\[0\] \(id a\): missing field 'question"):
        loaders.load("squad_v2", path)
    path.write_text('{"data": [')
    with pytest.raises(DataFormatError, match=r"train\.json:1: not valid JSON"):
        loaders.load("squad", path)
    squad_file(path, [{"id": "a", "question": "?", "answers": [{"text": "Marta", "answer_start": 0}]}] * 2)
    with pytest.raises(DataFormatError, match="example id 'a' occurs twice"):
        loaders.load("squad", path)


def test_overlapping_occurrences_make_an_answer_ambiguous(tmp_path):
    """'555' occurs at 5 and at 6 in 'Call 5555 now': two occurrences, so it is reported, not moved."""
    path = squad_file(tmp_path / "train.json", [
        {"id": "q1", "question": "?", "answers": [{"text": "555", "answer_start": 0}]}], context="Call 5555 now")
    with pytest.raises(AnswerError, match=r"example q1: answer '555' at 0 .* occurs 2 times"):
        loaders.load("squad", path)
    ds, report = loaders.load_with_report("squad", path, on_bad_answer="drop")
    assert len(ds["train"]) == 0 and report.of_kind("answer_reanchored") == []
    aa = squad_file(tmp_path / "train.json", [
        {"id": "q2", "question": "?", "answers": [{"text": "aa", "answer_start": 0}]}], context="x aaa")
    with pytest.raises(AnswerError, match="occurs 2 times"):
        loaders.load("squad", aa)


def one_qa(**changes):
    qa = {"id": "q1", "question": "Who?", "answers": [{"text": "Marta", "answer_start": 0}]}
    answer = {**qa["answers"][0], **changes.pop("answer", {})}
    return [{**qa, "answers": [answer], **changes}]


@pytest.mark.parametrize(("qas", "context", "message"), [
    (one_qa(answer={"answer_start": "zero"}), None, r"qas\[0\] \(id q1\)\.answers\[0\]: answer_start 'zero' is not"),
    (one_qa(answer={"answer_start": None}), None, r"\(id q1\)\.answers\[0\]: answer_start None is not an integer"),
    (one_qa(answer={"answer_start": 1.5}), None, r"\(id q1\)\.answers\[0\]: answer_start 1\.5 is not an integer"),
    (one_qa(answer={"text": 5}), None, r"\(id q1\)\.answers\[0\]: field 'text' is int 5, expected a string"),
    (one_qa(question=None), None, r"qas\[0\] \(id q1\): field 'question' is None, expected a string"),
    (one_qa(answers={"text": "Marta"}), None, r"\(id q1\): field 'answers' is dict .*, expected a list"),
    (one_qa(id=["q1"]), None, r"qas\[0\]: field 'id' is list .*, expected a string or an integer"),
    (one_qa(), 7, r": field 'context' is int 7, expected a string"),
])
def test_broken_json_values_name_the_file_and_question(tmp_path, qas, context, message):
    path = squad_file(tmp_path / "train.json", qas, **({} if context is None else {"context": context}))
    with pytest.raises(DataFormatError, match=r"train\.json: data\[0\]\.paragraphs\[0\].*" + message):
        loaders.load("squad_v2", path)


def test_integral_answer_starts_written_as_strings_or_floats_are_read(tmp_path):
    lisbon = {"id": "q2", "question": "Where?", "answers": [{"text": "Lisbon", "answer_start": 23.0}]}
    path = squad_file(tmp_path / "train.json", [*one_qa(answer={"answer_start": "0"}), lisbon])
    assert loaders.load("squad", path)["train"]["answers"] == [{"text": ["Marta"], "answer_start": [0]},
                                                               {"text": ["Lisbon"], "answer_start": [23]}]
