"""QA windows over long contexts: answer positions per window, offsets, and post-processing back to text."""

from __future__ import annotations

import datasets
import numpy as np
import pytest

import loaders
from loaders.qa_windows import postprocess_qa, qa_window_dataset, tokenize_qa_windows


@pytest.fixture
def chipmunks(hf_formats):
    """A real TriviaQA pair: a 423-word web page whose answer ("David Seville") occurs twice."""
    ds = loaders.load("triviaqa", hf_formats / "triviaqa" / "hf_dummy_rc")["validation"]
    return ds.filter(lambda row: row["id"] == "tc_2--10/10_99.txt")


def test_answer_positions_per_window(chipmunks, wordpiece):
    windows = qa_window_dataset(chipmunks, wordpiece, max_length=64, doc_stride=16)
    context = chipmunks[0]["context"]
    starts = chipmunks[0]["answers"]["answer_start"]
    assert len(windows) > 5 and set(windows["example_id"]) == {"tc_2--10/10_99.txt"}
    holding = [w for w in windows if w["answer_in_window"]]
    assert holding  # the answers (chars 90 and 806) sit in some windows
    for w in windows:
        offsets = w["offset_mapping"]
        context_offsets = [o for o in offsets if o is not None]
        assert context_offsets and all(0 <= a <= b <= len(context) for a, b in context_offsets)
        assert offsets[0] is None  # CLS and the question are not context
        if w["answer_in_window"]:
            s, e = w["start_positions"], w["end_positions"]
            assert offsets[s][0] in starts and context[offsets[s][0] : offsets[e][1]] == "David Seville"
        else:
            assert w["start_positions"] == w["end_positions"] == w["cls_index"] == 0


def test_answer_on_the_last_context_token_of_a_window(wordlevel):
    batch = {"id": ["x"], "question": ["w0"], "context": ["w0 w1 w2 w3 w4 w5"],
             "answers": [{"text": ["w3"], "answer_start": [9]}]}
    out = tokenize_qa_windows(batch, wordlevel, max_length=8, doc_stride=2)  # 4 context tokens per window
    first = {key: values[0] for key, values in out.items()}
    assert first["answer_in_window"] and first["start_positions"] == first["end_positions"] == 6
    assert first["offset_mapping"][6] == (9, 11)


def test_postprocess_picks_the_best_span_across_windows(chipmunks, wordpiece):
    windows = qa_window_dataset(chipmunks, wordpiece, max_length=64, doc_stride=16)
    starts, ends = [], []
    for w in windows:
        s, e = np.zeros(64), np.zeros(64)
        s[w["start_positions"]] += 4.0 if w["answer_in_window"] else 1.0
        e[w["end_positions"]] += 4.0 if w["answer_in_window"] else 1.0
        starts.append(s)
        ends.append(e)
    examples = list(chipmunks)
    [prediction] = postprocess_qa(examples, list(windows), starts, ends).values()
    assert prediction.text == "David Seville" and prediction.start == examples[0]["answers"]["answer_start"][0]
    assert prediction.score == pytest.approx(8.0)
    null_starts = [np.eye(64)[0] * 10 for _ in starts]  # every window prefers the empty answer
    [empty] = postprocess_qa(examples, list(windows), null_starts, null_starts, with_null=True).values()
    assert (empty.text, empty.start) == ("", -1)
    [forced] = postprocess_qa(examples, list(windows), null_starts, null_starts).values()
    assert forced.text != ""  # without with_null (SQuAD v1.1) a span is always returned


def test_postprocess_respects_max_answer_length(wordlevel):
    examples = [{"id": "x", "context": "w0 w1 w2 w3 w4 w5", "question": "w9",
                 "answers": {"text": [], "answer_start": []}}]
    windows = tokenize_qa_windows(datasets.Dataset.from_list(examples)[:], wordlevel, max_length=12, doc_stride=2)
    rows = [dict(zip(windows, values)) for values in zip(*windows.values())]
    s, e = np.zeros(12), np.zeros(12)
    s[3], e[8] = 5.0, 5.0  # w0 .. w5: 6 tokens
    e[4] = 1.0
    long = postprocess_qa(examples, rows, [s], [e], max_answer_length=6)["x"]
    short = postprocess_qa(examples, rows, [s], [e], max_answer_length=2)["x"]
    assert (long.text, short.text) == ("w0 w1 w2 w3 w4 w5", "w0 w1")


def test_each_window_labels_the_first_listed_answer_that_fits_inside_it(wordlevel):
    context = "w0 w1 w2 w3 w4 w5 w6 w7"  # words at chars 0, 3, 6, ..., 21
    answers = {"text": ["w6", "w1", "w3 w4", "w0"], "answer_start": [18, 3, 9, 0]}
    batch = {"id": ["x"], "question": ["w9"], "context": [context], "answers": [answers]}
    out = tokenize_qa_windows(batch, wordlevel, max_length=8, doc_stride=2)  # windows w0-w3, w2-w5, w4-w7
    spans = [context[offsets[s][0] : offsets[e][1]]
             for offsets, s, e in zip(out["offset_mapping"], out["start_positions"], out["end_positions"])]
    # w0-w3: "w6" is not in it, "w1" is (listed before "w0"; "w3 w4" runs past the window's end)
    # w2-w5: only "w3 w4" fits; w4-w7: "w6", the first listed answer
    assert spans == ["w1", "w3 w4", "w6"] and out["answer_in_window"] == [True, True, True]
    none = tokenize_qa_windows({**batch, "answers": [{"text": ["w1 w2 w3 w4"], "answer_start": [3]}]}, wordlevel,
                               max_length=8, doc_stride=2)
    assert none["answer_in_window"] == [False, False, False] and set(none["start_positions"]) == {0}


def test_a_later_alias_occurrence_is_labelled_in_its_windows(chipmunks, wordpiece):
    """TriviaQA: "David Seville" at chars 90 and 806; the windows around 806 must not say "no answer"."""
    windows = qa_window_dataset(chipmunks, wordpiece, max_length=64, doc_stride=16)
    context = chipmunks[0]["context"]
    starts = chipmunks[0]["answers"]["answer_start"]
    assert len(starts) == 2
    labelled = set()
    for w in windows:
        offsets = [o for o in w["offset_mapping"] if o is not None]
        fits = [s for s in starts if offsets[0][0] <= s and s + 13 <= offsets[-1][1]]
        assert w["answer_in_window"] == bool(fits)
        if fits:
            s, e = w["start_positions"], w["end_positions"]
            begin = w["offset_mapping"][s][0]
            assert begin == fits[0] and context[begin : w["offset_mapping"][e][1]] == "David Seville"
            labelled.add(begin)
    assert labelled == set(starts)
