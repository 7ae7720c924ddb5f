"""TriviaQA rc: (question, evidence document) pairs, evidence cut to a token budget, alias positions."""

from __future__ import annotations

import json
import re

import pytest

import loaders
from loaders.errors import DataFormatError


@pytest.fixture
def rc(hf_formats):
    return hf_formats / "triviaqa" / "hf_dummy_rc"


def pairs_in(question_file, domain):
    """(QuestionId, Filename) pairs straight from the question file."""
    out = []
    for q in json.loads(question_file.read_text())["Data"]:
        docs = q.get("EntityPages", []) + (q.get("SearchResults", []) if domain == "web" else [])
        out += [f"{q['QuestionId']}--{d['Filename']}" for d in docs]
    return out


def test_web_pairs_and_evidence_joins(rc):
    ds, report = loaders.load_with_report("triviaqa", rc)  # domain="web"
    assert {s: len(r) for s, r in ds.items()} == {"train": 7, "validation": 6, "test": 6}
    for split, stem in (("train", "train"), ("validation", "dev"), ("test", "test-without-answers")):
        assert ds[split]["id"] == pairs_in(rc / "qa" / f"web-{stem}.json", "web")
    rows = {row["id"]: row for row in ds["validation"]}
    wiki = rows["tc_33--Andrew_Lloyd_Webber.txt"]
    assert wiki["source"] == "wikipedia" and wiki["title"] == "Andrew Lloyd Webber"
    assert wiki["context"] == (rc / "evidence" / "wikipedia" / "Andrew_Lloyd_Webber.txt").read_text()
    assert wiki["question"] == "Which Lloyd Webber musical premiered in the US on 10th December 1993?"
    assert "Sunset Boulevard" in wiki["aliases"] and wiki["answer_value"] == "Sunset Boulevard"
    web = rows["tc_2--10/10_99.txt"]
    text = (rc / "evidence" / "web" / "10" / "10_99.txt").read_text()
    assert web["source"] == "web" and web["title"] == "The Chipmunks - Biography | Billboard"
    assert web["context"] == text and not web["truncated"]
    assert web["evidence_tokens"] == len(text.split())
    assert web["answers"]["text"] == ["David Seville"] * 2
    assert [text[s : s + 13] for s in web["answers"]["answer_start"]] == ["David Seville"] * 2
    assert web["answers"]["answer_start"][0] == text.index("David Seville")
    assert web["answer_present"] and web["answer_in_evidence"]
    test = ds["test"][0]
    assert test["answers"]["text"] == [] and test["answer_present"] is None and test["aliases"] == []
    assert report.counts[("test", "without_answer")] == 6


def test_aliases_match_whole_words_ignoring_case(rc):
    train = {row["id"]: row for row in loaders.load("triviaqa", rc)["train"]}
    york = train["tc_3--100/100_1957043.txt"]
    text = york["context"]
    for answer, start in zip(york["answers"]["text"], york["answers"]["answer_start"]):
        assert text[start : start + len(answer)] == answer
        assert answer.lower() in {a.lower() for a in york["aliases"] + york["normalized_aliases"]}
    assert york["answers"]["text"] == ["York, England", "York"]  # the longer alias wins where both match


def test_wikipedia_domain_uses_entity_pages_only(rc):
    ds = loaders.load("triviaqa", rc, domain="wikipedia")
    assert ds["train"]["id"] == ["tc_3--England.txt", "tc_3--Judi_Dench.txt"]
    assert ds["validation"]["id"] == ["tc_33--Andrew_Lloyd_Webber.txt"]
    assert ds["test"]["id"] == ["tc_7--Asmara_International_Airport.txt"]
    assert set(ds["train"]["source"]) == {"wikipedia"}


def test_token_budget_cuts_at_a_token_end_and_records_the_answer_position(rc):
    text = (rc / "evidence" / "web" / "10" / "10_99.txt").read_text()
    ds, report = loaders.load_with_report("triviaqa", rc, max_context_tokens=10)
    row = {r["id"]: r for r in ds["validation"]}["tc_2--10/10_99.txt"]
    assert row["context"].split() == text.split()[:10] and text.startswith(row["context"])
    assert row["truncated"] and row["evidence_tokens"] == len(text.split())
    # "David Seville" are words 14-15: cut off, but the whole document had it
    assert row["answers"]["text"] == [] and row["answer_present"] is False and row["answer_in_evidence"] is True
    assert any(i.where.endswith("tc_2--10/10_99.txt") for i in report.of_kind("answer_cut_off"))
    longer = {r["id"]: r for r in loaders.load("triviaqa", rc, max_context_tokens=15)["validation"]}
    assert longer["tc_2--10/10_99.txt"]["answers"]["text"] == ["David Seville"]


def test_tokenizer_budget(rc, wordpiece):
    text = (rc / "evidence" / "web" / "10" / "10_99.txt").read_text()
    pieces = wordpiece(text, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
    row = {r["id"]: r for r in loaders.load("triviaqa", rc, max_context_tokens=30,
                                            tokenizer=wordpiece)["validation"]}["tc_2--10/10_99.txt"]
    assert row["evidence_tokens"] == len(pieces) > 30
    # the last of the first 30 token ends that does not split a word (the trained vocabulary varies by run)
    cut = next(end for _, end in reversed(pieces[:30]) if not re.fullmatch(r"\w\w", text[end - 1 : end + 1]))
    assert row["context"] == text[:cut] and row["truncated"]


def test_drop_unanswerable_and_missing_evidence(rc, tmp_path):
    ds, report = loaders.load_with_report("triviaqa", rc, drop_unanswerable=True)
    assert all(ds["train"]["answer_present"]) and len(ds["train"]) == 4
    assert report.counts[("train", "unanswerable_dropped")] == 3
    (tmp_path / "qa").mkdir()
    (tmp_path / "qa" / "wikipedia-train.json").write_text(json.dumps({"Data": [{
        "QuestionId": "q9", "Question": "?", "Answer": {"Value": "X", "Aliases": ["X"]},
        "EntityPages": [{"Filename": "Nowhere.txt", "Title": "Nowhere"}]}]}))
    with pytest.raises(DataFormatError,
                       match=r"Data\[0\] \(q9\): EntityPages\[0\]: evidence file .*Nowhere\.txt is missing"):
        loaders.load("triviaqa", tmp_path, domain="wikipedia")


@pytest.fixture(scope="module")
def york_pieces():
    """WordPiece with "York" and "##shire" but no "Yorkshire": the word splits into two tokens."""
    from tokenizers import BertWordPieceTokenizer
    from transformers import PreTrainedTokenizerFast

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "He", "lived", "in", "York", "##shire", "for", "years", "."]
    backend = BertWordPieceTokenizer({w: i for i, w in enumerate(words)}, lowercase=False)._tokenizer
    return PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="[UNK]", pad_token="[PAD]",
                                   cls_token="[CLS]", sep_token="[SEP]")


def york_folder(root, evidence):
    (root / "qa").mkdir()
    (root / "evidence" / "wikipedia").mkdir(parents=True)
    (root / "evidence" / "wikipedia" / "A.txt").write_text(evidence)
    (root / "qa" / "wikipedia-train.json").write_text(json.dumps({"Data": [{
        "QuestionId": "q1", "Question": "Which city?",
        "Answer": {"Value": "York", "Aliases": ["York"], "NormalizedAliases": ["york"]},
        "EntityPages": [{"Filename": "A.txt", "Title": "A"}]}]}))
    return root


def test_tokenizer_budget_never_cuts_inside_a_word(tmp_path, york_pieces):
    """He lived in York|shire: a cut after 4 tokens would leave "York", a false answer; it backs off to "in"."""
    rc = york_folder(tmp_path, "He lived in Yorkshire for years .")
    assert york_pieces.tokenize("Yorkshire") == ["York", "##shire"]
    whole = loaders.load("triviaqa", rc, domain="wikipedia", max_context_tokens=None)["train"][0]
    assert whole["answers"]["text"] == [] and whole["answer_present"] is False
    for budget, context in ((4, "He lived in"), (5, "He lived in Yorkshire"), (3, "He lived in")):
        row = loaders.load("triviaqa", rc, domain="wikipedia", max_context_tokens=budget, tokenizer=york_pieces)
        row = row["train"][0]
        assert (row["context"], row["truncated"], row["evidence_tokens"]) == (context, True, 8)
        assert row["answers"]["text"] == [] and row["answer_present"] is False and row["answer_in_evidence"] is False


def test_tokenizer_budget_without_any_word_boundary_keeps_no_false_answer(tmp_path, york_pieces):
    """One budget token and the document's first word is two tokens: the cut must fall inside it, but the
    partial word "York" is not taken for an answer."""
    rc = york_folder(tmp_path, "Yorkshire for years .")
    row = loaders.load("triviaqa", rc, domain="wikipedia", max_context_tokens=1, tokenizer=york_pieces)["train"][0]
    assert row["context"] == "York" and row["truncated"]
    assert row["answers"]["text"] == [] and row["answer_present"] is False


def one_question(root, evidence="some text", **changes):
    (root / "qa").mkdir(exist_ok=True)
    (root / "evidence" / "wikipedia").mkdir(parents=True, exist_ok=True)
    (root / "evidence" / "wikipedia" / "A.txt").write_text(evidence)
    question = {"QuestionId": "q1", "Question": "Which?", "Answer": {"Value": "text", "Aliases": ["text"]},
                "EntityPages": [{"Filename": "A.txt", "Title": "A"}]}
    for key, value in changes.items():
        if value is None:
            del question[key]
        else:
            question[key] = value
    (root / "qa" / "wikipedia-train.json").write_text(json.dumps({"Data": [question]}))
    return root


@pytest.mark.parametrize(("changes", "message"), [
    ({"Question": None}, r"Data\[0\] \(q1\): missing field 'Question'"),
    ({"Question": 5}, r"Data\[0\] \(q1\): field 'Question' is int 5, expected a string"),
    ({"Answer": "text"}, r"Data\[0\] \(q1\): field 'Answer' is str 'text', expected an object"),
    ({"Answer": {"Value": "text", "Aliases": "text"}}, r"Data\[0\] \(q1\): Answer\.Aliases is str 'text', expected a"),
    ({"Answer": {"Value": "text", "NormalizedAliases": [None]}},
     r"Data\[0\] \(q1\): Answer\.NormalizedAliases\[0\] is None, expected a string"),
    ({"EntityPages": {"Filename": "A.txt"}}, r"Data\[0\] \(q1\): field 'EntityPages' is dict .*, expected a list"),
    ({"EntityPages": [{"Filename": 3}]}, r"Data\[0\] \(q1\): EntityPages\[0\]: field 'Filename' is int 3"),
    ({"QuestionId": ["q1"]}, r"Data\[0\]: field 'QuestionId' is list \['q1'\], expected a string"),
])
def test_broken_json_values_name_the_file_and_question(tmp_path, changes, message):
    one_question(tmp_path, **changes)
    with pytest.raises(DataFormatError, match=r"wikipedia-train\.json: " + message):
        loaders.load("triviaqa", tmp_path, domain="wikipedia")


@pytest.mark.parametrize("filename", ["../../qa/wikipedia-train.json", "/etc/hostname", "sub/../../A.txt"])
def test_evidence_filename_cannot_leave_the_evidence_folder(tmp_path, filename):
    one_question(tmp_path, EntityPages=[{"Filename": filename, "Title": "X"}])
    with pytest.raises(DataFormatError, match=r"Data\[0\] \(q1\): EntityPages\[0\]: evidence file name "
                                              + re.escape(repr(filename)) + " leaves the evidence folder"):
        loaders.load("triviaqa", tmp_path, domain="wikipedia")


def test_evidence_that_is_not_utf8_names_the_file_and_question(tmp_path):
    one_question(tmp_path)
    (tmp_path / "evidence" / "wikipedia" / "A.txt").write_bytes(b"caf\xe9")
    with pytest.raises(DataFormatError, match=r"\(q1\): EntityPages\[0\]: evidence file .*A\.txt is not UTF-8"):
        loaders.load("triviaqa", tmp_path, domain="wikipedia")
