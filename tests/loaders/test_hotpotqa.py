"""HotpotQA: titled paragraphs joined into one long context, supporting facts as spans, answers located."""

from __future__ import annotations

import json

import pytest

import loaders
from loaders.errors import AnswerError, DataFormatError

RECORDS = [
    {
        "_id": "5a8b57f25542995d1e6f1371",
        "question": "Were Scott Derrickson and Ed Wood of the same nationality?",
        "answer": "yes",
        "supporting_facts": [["Scott Derrickson", 0], ["Ed Wood", 0]],
        "context": [
            ["Ed Wood", ["Edward Davis Wood Jr. was an American filmmaker, actor, writer, producer, and director."]],
            ["Scott Derrickson", ["Scott Derrickson (born July 16, 1966) is an American director, screenwriter and "
                                  "producer.", " He lives in Los Angeles, California."]],
        ],
        "type": "comparison",
        "level": "hard",
    },
    {
        "_id": "5a8c7595554299585d9e36b6",
        "question": "Where does the director of Sinister live?",
        "answer": "Los Angeles",
        "supporting_facts": [["Sinister (film)", 0], ["Scott Derrickson", 1]],
        "context": [
            ["Los Angeles Times", ["The Los Angeles Times is a daily newspaper."]],
            ["Sinister (film)", ["Sinister is a 2012 horror film directed by Scott Derrickson."]],
            ["Scott Derrickson", ["Scott Derrickson is an American director.",
                                  " He lives in Los Angeles, California."]],
        ],
        "type": "bridge",
        "level": "medium",
    },
    {
        "_id": "missing",
        "question": "Who?",
        "answer": "Nobody Here",
        "supporting_facts": [["Ed Wood", 5]],
        "context": [["Ed Wood", ["Ed Wood was a director."]]],
        "type": "bridge",
        "level": "easy",
    },
]


@pytest.fixture
def train_file(tmp_path):
    path = tmp_path / "hotpot_train_v1.1.json"
    path.write_text(json.dumps(RECORDS))
    return path


def test_context_supporting_spans_and_answers(train_file):
    ds, report = loaders.load_with_report("hotpotqa", train_file)
    rows = ds["train"]
    assert rows["id"] == ["5a8b57f25542995d1e6f1371", "5a8c7595554299585d9e36b6"]  # "missing" dropped
    yes = rows[0]
    assert yes["context"] == (
        "Ed Wood\nEdward Davis Wood Jr. was an American filmmaker, actor, writer, producer, and director.\n\n"
        "Scott Derrickson\nScott Derrickson (born July 16, 1966) is an American director, screenwriter and "
        "producer. He lives in Los Angeles, California."
    )
    assert (yes["answer"], yes["answer_type"], yes["answers"]) == ("yes", "yes", {"text": [], "answer_start": []})
    for row, record in zip(rows, RECORDS):
        sentences = dict(((t, i), s) for t, ss in record["context"] for i, s in enumerate(ss))
        for fact in row["supporting"]:
            assert row["context"][fact["start"] : fact["end"]] == sentences[(fact["title"], fact["sent_id"])].strip()
    bridge = rows[1]
    # "Los Angeles" first occurs in a distractor title; the answer is placed in the supporting sentence
    start = bridge["answers"]["answer_start"][0]
    assert bridge["answers"]["text"] == ["Los Angeles"] and bridge["answer_type"] == "span"
    assert start == bridge["context"].index("He lives in Los Angeles") + len("He lives in ")
    assert start > bridge["context"].index("Los Angeles")
    assert (bridge["type"], bridge["level"]) == ("bridge", "medium")
    [not_found] = report.of_kind("answer_not_found")
    assert "example missing" in not_found.where and "dropped" in not_found.message
    [fact] = report.of_kind("supporting_fact_missing")
    assert "('Ed Wood', 5)" in fact.message
    assert report.counts[("train", "answer_yes")] == 1


def test_answer_policies(train_file):
    kept = loaders.load("hotpotqa", train_file, on_missing_answer="keep")["train"]
    assert kept["id"][-1] == "missing" and kept[-1]["answer_type"] == "not_found"
    assert kept[-1]["supporting"] == [{"title": "Ed Wood", "sent_id": 5, "start": -1, "end": -1}]
    with pytest.raises(AnswerError, match="example missing: answer 'Nobody Here' does not occur"):
        loaders.load("hotpotqa", train_file, on_missing_answer="error")
    ds, report = loaders.load_with_report("hotpotqa", train_file, yes_no="drop")
    assert ds["train"]["id"] == ["5a8c7595554299585d9e36b6"] and report.total("yes_no_dropped") == 1


def test_hf_dummy_files(hf_formats):
    distractor = hf_formats / "hotpotqa" / "hf_dummy_distractor"
    ds, report = loaders.load_with_report("hotpotqa", distractor, on_missing_answer="keep")
    assert {s: len(r) for s, r in ds.items()} == {"train": 1, "validation": 1}
    assert ds["train"][0]["context"] == "Title1\nSent 11 Sent12 Sentence 1 3\n\nTitle 2\nSent 2"
    assert ds["validation"][0]["context"] == "Title1\nSent 1\n\nTitle 2\nSent 21 Sent 22"
    # the placeholder supporting facts name titles that are not in the context; the answer is not in it either
    assert report.counts[("train", "supporting_fact_missing")] == 3
    assert report.total("answer_not_found") == 2
    dropped = loaders.load("hotpotqa", distractor)
    assert {s: len(r) for s, r in dropped.items()} == {"train": 0, "validation": 0}

    test = loaders.load("hotpotqa", hf_formats / "hotpotqa" / "hf_dummy_fullwiki")["test"]
    assert test[0]["answer"] is None and test[0]["answer_type"] is None and test[0]["supporting"] == []
    assert test[0]["context"] == "Title1\nSent 1\n\nTitle 2\nSent 2"


def broken(change):
    record = json.loads(json.dumps(RECORDS[1]))
    change(record)
    return record


@pytest.mark.parametrize(("change", "message"), [
    (lambda r: r["supporting_facts"].__setitem__(1, ["Scott Derrickson", "first"]),
     r"supporting_facts\[1\]: sentence index 'first' is not an integer"),
    (lambda r: r["supporting_facts"].__setitem__(0, ["Sinister (film)"]),
     r"supporting_facts\[0\]: expected a \[title, sentence index\] pair, found \['Sinister \(film\)'\]"),
    (lambda r: r["supporting_facts"].__setitem__(0, [5, 0]), r"supporting_facts\[0\]: title 5 is not a string"),
    (lambda r: r["context"][1].__setitem__(1, "Sinister is a film."),
     r"context\[1\]: the sentence list is str .*, expected a list of strings"),
    (lambda r: r["context"][2][1].__setitem__(0, None), r"context\[2\]: sentence 0 is None, expected a string"),
    (lambda r: r["context"][0].__setitem__(0, 7), r"context\[0\]: title 7 is not a string"),
    (lambda r: r.__setitem__("answer", 5), r"field 'answer' is int 5, expected a string"),
    (lambda r: r.__setitem__("question", ["?"]), r"field 'question' is list .*, expected a string"),
])
def test_broken_json_values_name_the_file_and_example(tmp_path, change, message):
    path = tmp_path / "hotpot_dev_distractor_v1.json"
    path.write_text(json.dumps([RECORDS[0], broken(change)]))
    with pytest.raises(DataFormatError, match=r"hotpot_dev_distractor_v1\.json: record 1 \(5a8c7595554299585d9e36b6\)"
                                              r": " + message):
        loaders.load("hotpotqa", path)


def test_locate_sees_overlapping_occurrences():
    from loaders.hotpotqa import locate

    # "555" occurs at 0 and 1 in "5555"; only the one at 1 lies inside the supporting span (1, 4)
    assert locate("5555", "555", [(1, 4)]) == (1, False)
    assert locate("x 5555", "555", []) == (2, False)
