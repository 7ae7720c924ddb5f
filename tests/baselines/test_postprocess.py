"""Long-document post-processing: NER windows merged back to words (on real CoNLL-2003 documents longer than a
window, with real model outputs), QA n-best spans across windows, SQuAD v2's empty answer."""

from __future__ import annotations

import json

import numpy as np
import pytest

from baselines.metrics.ner import ner_scores
from baselines.metrics.qa import squad_scores
from baselines.postprocess import (
    answer_texts,
    gold_word_labels,
    ner_word_labels,
    no_answer_scores,
    paired_sequences,
    qa_results,
    save_qa_predictions,
    to_numpy,
)
from gonerd.schema import NER_TAGS

MAX_LENGTH, STRIDE = 64, 16
EDGE = STRIDE // 2  # predictions closer than this to an inner window edge are made wrong


@pytest.fixture(scope="module")
def tokenizer(sources):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(sources["bert"])


@pytest.fixture(scope="module")
def documents(shared_fixtures_path):
    """Three real CoNLL-2003 test documents (419, 269 and 386 words), one row each."""
    import loaders

    path = shared_fixtures_path / "ner-conll" / "conll2003-format" / "eng.testb.first3docs.iob1.txt"
    return loaders.load("conll2003", path, level="document")["test"]


@pytest.fixture(scope="module")
def shared_fixtures_path(tiny):
    path = tiny.shared / "fixtures"
    if not path.is_dir():
        pytest.skip(f"shared fixtures not found at {path}")
    return path


@pytest.fixture(scope="module")
def windows(documents, tokenizer):
    from loaders.windows import window_dataset

    return list(window_dataset(documents, tokenizer, max_length=MAX_LENGTH, stride=STRIDE))


def edge_damaged_logits(windows, documents):
    """Logits that are right where a word is at least EDGE tokens from every inner window edge and wrong (a
    different tag) near one; a document's own start and end are not inner edges."""
    gold = {doc["id"]: doc["ner_tags"] for doc in documents}
    out = np.zeros((len(windows), MAX_LENGTH, len(NER_TAGS)), dtype=np.float32)
    wrong_somewhere = 0
    for k, w in enumerate(windows):
        content = [j for j, word in enumerate(w["word_ids"]) if word >= 0]
        first, last = content[0], content[-1]
        for j, (word, start) in enumerate(zip(w["word_ids"], w["word_starts"])):
            if not start:
                continue
            tag = gold[w["example_id"]][word]
            near_left = w["window"] > 0 and j - first < EDGE
            near_right = w["window"] < w["num_windows"] - 1 and last - j < EDGE
            label = (tag + 1) % len(NER_TAGS) if near_left or near_right else tag
            wrong_somewhere += label != tag
            out[k, j, label] = 5.0
    assert wrong_somewhere > 20  # the damage is real: a first-window-wins merge would keep some of it
    return out


def test_ner_windows_merge_back_to_the_gold_words_with_the_max_context_rule(windows, documents):
    assert len(windows) > 3 * len(documents)  # every document is several windows long
    logits = edge_damaged_logits(windows, documents)
    merged = ner_word_labels(windows, logits, NER_TAGS)
    gold = gold_word_labels(documents, NER_TAGS)
    assert merged.labels == gold and not merged.missing
    scores = ner_scores(*paired_sequences(gold, merged.labels))
    assert scores["strict"].micro.f1 == pytest.approx(100.0)
    # averaging the logits cannot tell the central window from the edge one: it keeps errors
    mean = ner_word_labels(windows, logits, NER_TAGS, strategy="mean")
    assert mean.labels != gold


def test_ner_merge_takes_torch_bf16_batches_and_label_ids(windows, documents):
    import torch

    logits = edge_damaged_logits(windows, documents)
    as_tensor = ner_word_labels(windows, torch.from_numpy(logits).to(torch.bfloat16), NER_TAGS)
    assert as_tensor.labels == gold_word_labels(documents, NER_TAGS)
    ids = ner_word_labels(windows, logits.argmax(-1), NER_TAGS)
    assert ids.labels == as_tensor.labels
    with pytest.raises(ValueError, match="windows but"):
        ner_word_labels(windows, logits[:-1], NER_TAGS)


def test_ner_merge_of_a_real_model_ignores_padding(windows, documents, sources):
    """A tiny random token classifier: one padded batch and window-by-window runs give the same word labels."""
    import torch
    from transformers import AutoModelForTokenClassification

    torch.manual_seed(0)
    model = AutoModelForTokenClassification.from_pretrained(sources["bert"], num_labels=len(NER_TAGS)).eval()
    some = [w for w in windows if w["example_id"] == documents[1]["id"]]
    width = max(len(w["input_ids"]) for w in some)
    ids = torch.zeros(len(some), width, dtype=torch.long)
    mask = torch.zeros_like(ids)
    for i, w in enumerate(some):
        ids[i, : len(w["input_ids"])] = torch.tensor(w["input_ids"])
        mask[i, : len(w["input_ids"])] = 1
    with torch.inference_mode():
        batched = model(input_ids=ids, attention_mask=mask).logits
        single = [model(input_ids=torch.tensor([w["input_ids"]])).logits[0] for w in some]
    assert batched.shape[1] > min(len(w["input_ids"]) for w in some)  # some rows are padded
    a, b = ner_word_labels(some, batched, NER_TAGS), ner_word_labels(some, single, NER_TAGS)
    assert a.labels == b.labels and len(a.labels[documents[1]["id"]]) == len(documents[1]["tokens"])
    assert set(a.labels[documents[1]["id"]]) <= set(NER_TAGS)


# --- QA ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def qa(tokenizer, tiny):
    """One question over a context of ~250 tokens, cut into windows of 48 tokens with a stride of 16."""
    from loaders.qa_windows import tokenize_qa_windows

    context = " ".join(tiny.texts * 3)
    example = {"id": "q1", "question": "who heard the case?", "context": context,
               "answers": {"text": [], "answer_start": []}}
    batch = {key: [value] for key, value in example.items()}
    windows = tokenize_qa_windows(batch, tokenizer, max_length=48, doc_stride=16)
    rows = [dict(zip(windows, values)) for values in zip(*windows.values())]
    return example, rows


def span_positions(window, begin, end):
    """Token positions of the context span [begin, end) in ``window`` (None if it is not wholly inside)."""
    offsets = window["offset_mapping"]
    starts = [j for j, o in enumerate(offsets) if o is not None and o[0] == begin]
    ends = [j for j, o in enumerate(offsets) if o is not None and o[1] == end]
    return (starts[0], ends[0]) if starts and ends else None


def test_qa_nbest_across_windows(qa):
    example, windows = qa
    context = example["context"]
    assert len(windows) >= 4
    target = context.rindex("annual report")  # in a late window
    decoy = context.index("Marie Dupont")  # in the first window
    spans = {"target": (target, target + len("annual report")), "decoy": (decoy, decoy + len("Marie Dupont"))}
    starts = np.full((len(windows), 48), -5.0, dtype=np.float32)
    ends = starts.copy()
    holding = {name: [k for k, w in enumerate(windows) if span_positions(w, *span)] for name, span in spans.items()}
    assert holding["decoy"] == [0] and holding["target"][0] > 1
    for name, (s_logit, e_logit) in {"target": (3.0, 2.5), "decoy": (2.0, 2.0)}.items():
        for k in holding[name]:
            s, e = span_positions(windows[k], *spans[name])
            starts[k, s], ends[k, e] = s_logit, e_logit
    if len(holding["target"]) > 1:  # the same span seen by two overlapping windows: listed once, best score
        s, e = span_positions(windows[holding["target"][1]], *spans["target"])
        starts[holding["target"][1], s] = 1.0
    results = qa_results([example], windows, starts, ends, n_best=5, max_answer_length=10)
    result = results["q1"]
    assert result.prediction.text == "annual report" and result.prediction.start == target
    assert result.prediction.score == pytest.approx(5.5)
    assert [p.text for p in result.nbest[:2]] == ["annual report", "Marie Dupont"]
    assert len({(p.start, p.text) for p in result.nbest}) == len(result.nbest)
    assert [p.score for p in result.nbest] == sorted((p.score for p in result.nbest), reverse=True)
    probabilities = [p.probability for p in result.nbest]
    assert sum(probabilities) == pytest.approx(1.0)
    # softmax by hand: the first two differ by 5.5 - 4.0
    assert probabilities[0] / probabilities[1] == pytest.approx(np.exp(1.5), rel=1e-5)
    assert result.null_score_diff is None  # SQuAD v1.1 style: no null answer


def test_qa_null_answer_and_squad_v2_scoring(qa, tmp_path):
    import torch

    example, windows = qa
    context = example["context"]
    target = context.index("annual report")
    starts = torch.full((len(windows), 48), -5.0)
    ends = starts.clone()
    k = next(k for k, w in enumerate(windows) if span_positions(w, target, target + len("annual report")))
    s, e = span_positions(windows[k], target, target + len("annual report"))
    starts[k, s], ends[k, e] = 2.0, 1.5  # best span 3.5
    cls = [w["cls_index"] for w in windows]
    for i, c in enumerate(cls):  # CLS scores 6, 5, 4.2, 4.2, ... : the smallest one is the null score
        starts[i, c], ends[i, c] = (3.0, 3.0) if i == 0 else (2.5, 2.5) if i == 1 else (2.1, 2.1)
    null = 4.2
    answered = qa_results([example], windows, starts, ends, with_null=True, null_threshold=1.0)["q1"]
    assert answered.null_score == pytest.approx(null)
    assert answered.null_score_diff == pytest.approx(null - 3.5)
    assert answered.prediction.text == "annual report"  # 0.7 is not above the threshold 1.0
    assert "" in [p.text for p in answered.nbest]
    empty = qa_results([example], windows, starts, ends, with_null=True, null_threshold=0.5)["q1"]
    assert (empty.prediction.text, empty.prediction.start) == ("", -1)
    references = {"q1": ["annual report"]}
    assert squad_scores(answer_texts({"q1": empty}), references, version=2)["exact_match"] == 0.0
    scored = squad_scores(answer_texts({"q1": answered}), references, version=2,
                          na_probs=no_answer_scores({"q1": answered}), na_threshold=0.5)
    assert scored["exact_match"] == 0.0  # the no-answer score 0.7 is above 0.5: scored as ""
    assert (scored["best_exact_match"], scored["best_exact_match_threshold"]) == (100.0, pytest.approx(0.7))
    results = {"q1": empty}
    written = save_qa_predictions(tmp_path, results)
    assert {p.name for p in written} == {"predictions.json", "nbest_predictions.json", "null_odds.json"}
    assert json.loads((tmp_path / "predictions.json").read_text()) == {"q1": ""}
    assert json.loads((tmp_path / "null_odds.json").read_text())["q1"] == pytest.approx(0.7, abs=1e-5)
    assert json.loads((tmp_path / "nbest_predictions.json").read_text())["q1"][0]["text"] == ""


def test_to_numpy():
    import torch

    assert to_numpy(torch.ones(2, dtype=torch.bfloat16)).dtype == np.float32
    assert to_numpy(torch.ones(2, dtype=torch.long)).dtype == np.int64
    assert [a.shape for a in to_numpy([torch.ones(3), torch.ones(2)])] == [(3,), (2,)]
