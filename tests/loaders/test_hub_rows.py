"""The Hub code paths, offline: row normalisation on rows shaped like each Hub repo's, and the wiring with
``load_hub`` replaced by a function returning such rows (the real call needs the network)."""

from __future__ import annotations

import datasets
import pytest

import loaders
from gonerd.schema import NER_TAGS
from loaders import conll2003, glue, hotpotqa, squad, triviaqa
from loaders.errors import DataFormatError


def fake_hub(monkeypatch, module, splits: dict[str, datasets.Dataset], calls: list):
    def load_hub(hub_id, config=None, *, report, revision=None, cache_dir=None):
        calls.append((hub_id, config, revision))
        for split in splits:
            report.source(split, f"hub:{hub_id}")
        return datasets.DatasetDict(splits)

    monkeypatch.setattr(module, "load_hub", load_hub)


def test_conll2003_hub_rows_mapped_by_tag_name(monkeypatch):
    # a repo whose ClassLabel order differs from CoNLL-2003's is remapped by name
    order = ["O", "B-LOC", "I-LOC", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
    features = datasets.Features({
        "id": datasets.Value("string"), "tokens": datasets.List(datasets.Value("string")),
        "pos_tags": datasets.List(datasets.Value("int32")),
        "ner_tags": datasets.List(datasets.ClassLabel(names=order)),
    })
    rows = datasets.Dataset.from_list(
        [{"id": "0", "tokens": ["EU", "rejects", "German"], "pos_tags": [22, 42, 16], "ner_tags": [5, 0, 7]}],
        features=features)
    calls: list = []
    fake_hub(monkeypatch, conll2003, {"train": rows}, calls)
    ds = loaders.load("conll2003")
    assert calls == [("eriktks/conll2003", None, "refs/convert/parquet")]
    assert ds["train"][0] == {"id": "0", "tokens": ["EU", "rejects", "German"],
                              "ner_tags": [NER_TAGS.index("B-ORG"), 0, NER_TAGS.index("B-MISC")]}
    assert ds["train"].features["ner_tags"].feature.names == list(NER_TAGS)
    # string tags and broken rows
    assert conll2003.normalize_hub_row({"id": 3, "tokens": ["Rome"], "ner_tags": ["B-LOC"]}, None, source="s") == \
        {"id": "3", "tokens": ["Rome"], "ner_tags": [5]}
    with pytest.raises(DataFormatError, match="row 4: 2 tokens but 1 tags"):
        conll2003.normalize_hub_row({"id": 4, "tokens": ["a", "b"], "ner_tags": ["O"]}, None, source="s")
    with pytest.raises(DataFormatError, match="row 5: tag 'B-DATE' is not a CoNLL-2003 tag"):
        conll2003.normalize_hub_row({"id": 5, "tokens": ["May"], "ner_tags": ["B-DATE"]}, None, source="s")


def test_glue_hub_rows(monkeypatch):
    spec = glue.task_of("mnli")
    row = {"premise": "A man sleeps.", "hypothesis": "A person rests.", "label": 0, "idx": 12}
    assert glue.normalize_hub_row(row, spec, source="s") == {
        "id": "12", "idx": 12, "text": "A man sleeps.", "text_pair": "A person rests.", "label": 0}
    assert glue.normalize_hub_row({**row, "label": -1}, spec, source="s")["label"] == -1
    with pytest.raises(DataFormatError, match="row idx 12: label 3 out of range"):
        glue.normalize_hub_row({**row, "label": 3}, spec, source="s")
    cola = glue.task_of("cola")
    assert glue.normalize_hub_row({"sentence": "Go.", "label": 1, "idx": 0}, cola, source="s") == {
        "id": "0", "idx": 0, "text": "Go.", "label": 1}
    calls: list = []
    stsb_rows = datasets.Dataset.from_list([{"sentence1": "A.", "sentence2": "B.", "label": 4.2, "idx": 0}])
    fake_hub(monkeypatch, glue, {"validation": stsb_rows}, calls)
    ds = loaders.load("glue", task="stsb")
    assert calls == [("nyu-mll/glue", "stsb", None)]
    assert ds["validation"][0]["label"] == pytest.approx(4.2)


def test_squad_hub_rows_are_checked(monkeypatch):
    rows = datasets.Dataset.from_list([
        {"id": "a", "title": "T", "context": "Ada Lovelace wrote notes.", "question": "Who?",
         "answers": {"text": ["Ada Lovelace"], "answer_start": [0]}},
        {"id": "b", "title": "T", "context": "Ada Lovelace wrote notes.", "question": "What?",
         "answers": {"text": ["notes"], "answer_start": [3]}},
    ])
    calls: list = []
    fake_hub(monkeypatch, squad, {"validation": rows}, calls)
    ds, report = loaders.load_with_report("squad_v2")
    assert calls == [("rajpurkar/squad_v2", "squad_v2", None)]
    assert ds["validation"][1]["answers"] == {"text": ["notes"], "answer_start": [19]}
    assert report.total("answer_reanchored") == 1


def test_hotpotqa_hub_row_gives_the_same_example_as_the_file():
    record = {"_id": "x1", "question": "Q?", "answer": "Lyon", "type": "bridge", "level": "easy",
              "supporting_facts": [["B", 1]],
              "context": [["A", ["Paris is big."]], ["B", ["Lyon is old.", " Lyon has a river."]]]}
    hub_row = {"id": "x1", "question": "Q?", "answer": "Lyon", "type": "bridge", "level": "easy",
               "supporting_facts": {"title": ["B"], "sent_id": [1]},
               "context": {"title": ["A", "B"],
                           "sentences": [["Paris is big."], ["Lyon is old.", " Lyon has a river."]]}}
    report = loaders.LoadReport("h")
    kwargs = {"split": "train", "source": "s", "report": report, "on_missing_answer": "drop", "yes_no": "keep"}
    from_file = hotpotqa.build_example(("f", record), **kwargs)
    from_hub = hotpotqa.build_example(hotpotqa.hub_record(hub_row), **kwargs)
    assert from_hub == from_file
    # the answer is placed in the supporting sentence (index 1), not at the first "Lyon"
    assert from_file["answers"]["answer_start"] == [from_file["context"].index("Lyon has")]


def test_triviaqa_hub_row_pairs(monkeypatch):
    row = {
        "question": "Who created the Chipmunks?", "question_id": "tc_2", "question_source": "x",
        "entity_pages": {"doc_source": ["TagMe"], "filename": ["Chipmunks.txt"], "title": ["Chipmunks"],
                         "wiki_context": ["Ross Bagdasarian used the name David Seville."]},
        "search_results": {"description": ["d"], "filename": ["10/10_99.txt"], "rank": [6], "title": ["Bio"],
                           "url": ["u"], "search_context": ["Nothing to see."]},
        "answer": {"aliases": ["David Seville"], "normalized_aliases": ["david seville"], "value": "David Seville",
                   "matched_wiki_entity_name": "", "normalized_matched_wiki_entity_name": "",
                   "normalized_value": "david seville", "type": "WikipediaEntity"},
    }
    pairs = list(triviaqa.hub_row_pairs(row))
    assert [(d["Filename"], d["source"], text) for _, d, text in pairs] == [
        ("Chipmunks.txt", "wikipedia", "Ross Bagdasarian used the name David Seville."),
        ("10/10_99.txt", "web", "Nothing to see.")]
    calls: list = []
    fake_hub(monkeypatch, triviaqa, {"validation": datasets.Dataset.from_list([row])}, calls)
    ds = loaders.load("triviaqa", max_context_tokens=None)
    assert calls == [("mandarjoshi/trivia_qa", "rc.web", None)]
    assert ds["validation"]["id"] == ["tc_2--Chipmunks.txt", "tc_2--10/10_99.txt"]
    assert ds["validation"][0]["answers"] == {"text": ["David Seville"], "answer_start": [31]}
    assert ds["validation"]["answer_present"] == [True, False]
    test_row = {**row, "answer": {"aliases": [], "normalized_aliases": [], "value": ""}}
    [(question, _, _), _] = triviaqa.hub_row_pairs(test_row)
    assert "Answer" not in question  # unlabelled


def test_gonerd_hub_id_wiring(monkeypatch):
    from gonerd.schema import features
    from loaders import gonerd_ner

    row = {"id": "u1", "source_type": "news", "source": "t", "url": None, "title": None, "published": None,
           "text": "Ada wrote", "entities": [], "tokens": ["Ada", "wrote"],
           "token_offsets": [{"start": 0, "end": 3}, {"start": 4, "end": 9}], "ner_tags": ["B-PER", "O"],
           "annotation": {"kind": "gold", "annotators": [], "model": None}, "num_tokens": 2}
    calls: list = []
    fake_hub(monkeypatch, gonerd_ner, {"test": datasets.Dataset.from_list([row], features=features())}, calls)
    ds = loaders.load("gonerd", hub_id="someone/gonerd", revision="v1", keep_columns=["source_type"])
    assert calls == [("someone/gonerd", None, "v1")]
    assert ds["test"][0] == {"id": "u1", "tokens": ["Ada", "wrote"], "ner_tags": [1, 0], "source_type": 0}


@pytest.mark.parametrize("label", [float("nan"), float("inf"), 5.5, -0.1])
def test_stsb_hub_scores_are_checked(label):
    spec = glue.task_of("stsb")
    row = {"sentence1": "A.", "sentence2": "B.", "idx": 3}
    assert glue.normalize_hub_row({**row, "label": -1.0}, spec, source="s")["label"] == -1.0  # test rows
    assert glue.normalize_hub_row({**row, "label": 5.0}, spec, source="s")["label"] == 5.0
    with pytest.raises(DataFormatError, match=r"s: row idx 3: score .* (is not a finite number|is outside \[0, 5\])"):
        glue.normalize_hub_row({**row, "label": label}, spec, source="s")
