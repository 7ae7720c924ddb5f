"""Token-classification windows: labels on first sub-tokens, window <-> document mapping, merge back to words."""

from __future__ import annotations

import datasets
import numpy as np
import pytest

import loaders
from loaders.windows import IGNORE_INDEX, NO_WORD, merge_windows, tokenize_windows, window_dataset

MAX_LENGTH, STRIDE = 48, 12


@pytest.fixture
def documents(ner_conll):
    """The three real CoNLL-2003 test documents (419, 269 and 386 words), one row each."""
    path = ner_conll / "conll2003-format" / "eng.testb.first3docs.iob1.txt"
    return loaders.load("conll2003", path, level="document")["test"]


@pytest.mark.parametrize("kind", ["wordpiece", "bpe"])
def test_windows_label_first_subtokens_and_map_back_to_the_document(documents, kind, request):
    tokenizer = request.getfixturevalue(kind)
    windows = window_dataset(documents, tokenizer, max_length=MAX_LENGTH, stride=STRIDE)
    assert len(windows) > 3 * len(documents)  # long documents -> several windows each
    content = MAX_LENGTH - 2
    for doc in documents:
        rows = [w for w in windows if w["example_id"] == doc["id"]]
        assert [w["window"] for w in rows] == list(range(len(rows)))
        assert {w["num_windows"] for w in rows} == {len(rows)}
        assert {w["num_words"] for w in rows} == {len(doc["tokens"])}
        full = tokenizer(doc["tokens"], is_split_into_words=True, add_special_tokens=False)
        full_words = full.word_ids()
        firsts = {j for j, w in enumerate(full_words) if j == 0 or full_words[j - 1] != w}
        seen: set[int] = set()
        for k, w in enumerate(rows):
            ids = w["input_ids"]
            assert len(ids) <= MAX_LENGTH and ids[0] == tokenizer.cls_token_id
            for j, word in enumerate(w["word_ids"]):
                if word == NO_WORD:
                    assert w["labels"][j] == IGNORE_INDEX and not w["word_starts"][j]
                    continue
                position = k * (content - STRIDE) + j - 1  # where this token is in the untruncated document
                assert full.input_ids[position] == ids[j] and full_words[position] == word
                assert w["word_starts"][j] == (position in firsts)
                if w["word_starts"][j]:
                    assert w["labels"][j] == doc["ner_tags"][word]
                    seen.add(word)
                else:
                    assert w["labels"][j] == IGNORE_INDEX
        assert seen == set(range(len(doc["tokens"])))  # every word is labelled in some window


@pytest.mark.parametrize("strategy", ["max_context", "mean"])
def test_merged_window_predictions_give_one_label_per_word(documents, wordpiece, strategy):
    windows = window_dataset(documents, wordpiece, max_length=MAX_LENGTH, stride=STRIDE)
    rng = np.random.default_rng(0)
    predictions = []
    for labels in windows["labels"]:
        logits = rng.normal(0, 0.1, size=(MAX_LENGTH + 5, 9))  # padded past the window: ignored
        for j, label in enumerate(labels):
            if label != IGNORE_INDEX:
                logits[j, label] += 5.0
        predictions.append(logits)
    merged = merge_windows(windows, predictions, strategy=strategy)
    assert merged.missing == {}
    assert merged.labels == {doc["id"]: doc["ner_tags"] for doc in documents}


def one_token_words(n: int) -> datasets.Dataset:
    return datasets.Dataset.from_list([{"id": "doc", "tokens": [f"w{i}" for i in range(n)], "ner_tags": [0] * n}])


def test_max_context_takes_the_window_where_the_word_is_most_central(wordlevel):
    # 10 one-token words, 4 per window, stride 2: windows hold words 0-3, 2-5, 4-7, 6-9
    windows = window_dataset(one_token_words(10), wordlevel, max_length=6, stride=2)
    assert [[w for w in row if w != NO_WORD] for row in windows["word_ids"]] == [
        [0, 1, 2, 3], [2, 3, 4, 5], [4, 5, 6, 7], [6, 7, 8, 9]]
    predictions = [np.tile(np.eye(4)[k], (6, 1)) for k in range(4)]  # window k predicts label k everywhere
    merged = merge_windows(windows, predictions)
    # word 2: window 0 (document start on its left, 1 token right) beats window 1 (0 tokens left);
    # word 3: window 1 (1 left, 2 right) beats window 0 (0 right) ...
    assert merged.labels["doc"] == [0, 0, 0, 1, 1, 2, 2, 3, 3, 3]
    ids_only = merge_windows(windows, [p.argmax(-1) for p in predictions])  # label ids work too
    assert ids_only.labels == merged.labels


def test_mean_averages_the_logits_of_every_window(wordlevel):
    windows = window_dataset(one_token_words(6), wordlevel, max_length=6, stride=2)  # words 0-3 and 2-5
    predictions = [np.tile([1.0, 2.0], (6, 1)), np.tile([3.0, 0.0], (6, 1))]
    assert merge_windows(windows, predictions, strategy="mean").labels["doc"] == [1, 1, 0, 0, 0, 0]
    assert merge_windows(windows, predictions).labels["doc"] == [1, 1, 1, 0, 0, 0]
    with pytest.raises(loaders.LoaderError, match="needs logits"):
        merge_windows(windows, [p.argmax(-1) for p in predictions], strategy="mean")


def test_a_word_without_tokens_is_filled_and_listed(wordpiece):
    batch = {"id": ["d"], "tokens": [["Lisbon", "\x00", "Tuesday"]], "ner_tags": [[5, 0, 0]]}
    out = tokenize_windows(batch, wordpiece, max_length=32, stride=4)
    assert 1 not in out["word_ids"][0]  # the control character has no token
    rows = [dict(zip(out, values)) for values in zip(*out.values())]
    merged = merge_windows(rows, [np.eye(9)[[max(x, 0) for x in out["labels"][0]]]], fill_label=0)
    assert merged.labels == {"d": [5, 0, 0]} and merged.missing == {"d": [1]}


def test_stride_must_leave_room(wordlevel):
    with pytest.raises(loaders.LoaderError, match="below the 4 tokens a window holds, not 4"):
        window_dataset(one_token_words(6), wordlevel, max_length=6, stride=4)


def test_predictions_must_match_windows(wordlevel):
    windows = window_dataset(one_token_words(6), wordlevel, max_length=6, stride=2)
    with pytest.raises(ValueError):
        merge_windows(windows, [np.zeros((6, 2))])
