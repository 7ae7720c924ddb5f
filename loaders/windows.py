"""Long documents for token classification: overlapping windows in, one label per word out.

:func:`tokenize_windows` (a batched ``Dataset.map`` function) tokenizes word lists with a fast Hugging Face
tokenizer (``is_split_into_words``, ``return_overflowing_tokens``, ``stride``): a document longer than
``max_length`` becomes several windows, each sharing ``stride`` tokens with the previous one. Labels go on the first
sub-token of each word, ``-100`` elsewhere (run_ner.py's convention); a window that starts in the middle of a word
leaves that word's pieces unlabelled, since its first sub-token is in the previous window. Each window keeps its
``example_id``, ``window`` index, ``num_windows``, ``num_words``, ``word_ids`` (-1 for special tokens) and
``word_starts`` (1 on the first sub-token of a word), which is all :func:`merge_windows` needs.

:func:`merge_windows` turns per-window predictions back into one label per word:

- ``"max_context"`` (default): a word seen in several windows takes the prediction of the window where it has the
  most context, i.e. where the smaller of its token distances to the window's left and right edges is largest (an
  edge that is the document's own start or end counts as infinitely far). This is BERT's ``_check_is_max_context``
  for SQuAD applied to tagging; ties go to the earlier window.
- ``"mean"``: the logits of every window holding the word are averaged, then the argmax is taken.

A word whose sub-tokens the tokenizer drops entirely (some control or zero-width characters) is in no window: it gets
``fill_label`` and is listed in ``WordPredictions.missing``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from loaders.errors import LoaderError

IGNORE_INDEX = -100
NO_WORD = -1
Strategy = Literal["max_context", "mean"]


def _content_range(word_ids: Sequence[int | None]) -> tuple[int, int]:
    positions = [j for j, w in enumerate(word_ids) if w is not None]
    return (positions[0], positions[-1]) if positions else (0, -1)


def tokenize_windows(
    batch: Mapping[str, list],
    tokenizer: Any,
    *,
    max_length: int,
    stride: int,
    label_column: str | None = "ner_tags",
    id_column: str = "id",
) -> dict[str, list]:
    """Batched map function: ``tokens`` (+ ``label_column``) documents -> overlapping windows (see module doc)."""
    if not getattr(tokenizer, "is_fast", False):
        raise LoaderError("tokenize_windows needs a fast (tokenizers-backed) tokenizer for word_ids()")
    room = max_length - tokenizer.num_special_tokens_to_add()
    if not 0 <= stride < room:
        raise LoaderError(f"stride must be at least 0 and below the {room} tokens a window holds, not {stride}")
    encoded = tokenizer(
        list(batch["tokens"]), is_split_into_words=True, truncation=True, max_length=max_length, stride=stride,
        return_overflowing_tokens=True,
    )
    with_labels = label_column is not None and label_column in batch
    out: dict[str, list] = {key: list(encoded[key]) for key in encoded if key != "overflow_to_sample_mapping"}
    for key in ("example_id", "window", "num_windows", "num_words", "word_ids", "word_starts"):
        out[key] = []
    if with_labels:
        out["labels"] = []
    windows_of: dict[int, list[int]] = {}
    previous: list[int | None] = []  # content word ids of the previous window of the same document
    previous_ids: list[int] = []
    for i, sample in enumerate(encoded["overflow_to_sample_mapping"]):
        word_ids = encoded.word_ids(i)
        first, last = _content_range(word_ids)
        content, content_ids = word_ids[first : last + 1], encoded["input_ids"][i][first : last + 1]
        window = len(windows_of.setdefault(sample, []))
        windows_of[sample].append(i)
        before: int | None = None  # the word of the token just before this window's first token
        if window:
            step = len(previous) - stride
            if step <= 0 or previous_ids[step:] != content_ids[:stride]:
                raise LoaderError("windows do not overlap by `stride` tokens: this tokenizer's overflow behaves "
                                  "differently from what tokenize_windows expects")
            before = previous[step - 1]
        starts, labels = [], []
        prev_word = before
        tags = batch[label_column][sample] if with_labels else None
        for j, word in enumerate(word_ids):
            is_start = word is not None and j >= first and word != prev_word
            if word is not None:
                prev_word = word
            starts.append(int(is_start))
            if tags is not None:
                labels.append(int(tags[word]) if is_start else IGNORE_INDEX)
        previous, previous_ids = content, content_ids
        out["example_id"].append(str(batch[id_column][sample]))
        out["window"].append(window)
        out["num_windows"].append(0)  # filled below
        out["num_words"].append(len(batch["tokens"][sample]))
        out["word_ids"].append([NO_WORD if w is None else w for w in word_ids])
        out["word_starts"].append(starts)
        if with_labels:
            out["labels"].append(labels)
    for rows in windows_of.values():
        for i in rows:
            out["num_windows"][i] = len(rows)
    return out


def window_dataset(dataset, tokenizer: Any, *, max_length: int, stride: int, label_column: str | None = "ner_tags"):
    """``dataset`` (``id``, ``tokens`` [, ``ner_tags``]) -> a Dataset of windows (see :func:`tokenize_windows`)."""
    return dataset.map(
        tokenize_windows, batched=True, remove_columns=dataset.column_names,
        fn_kwargs={"tokenizer": tokenizer, "max_length": max_length, "stride": stride, "label_column": label_column},
    )


@dataclass
class WordPredictions:
    labels: dict[str, list[int]] = field(default_factory=dict)  # example id -> one label id per word
    missing: dict[str, list[int]] = field(default_factory=dict)  # example id -> words no window held


def merge_windows(
    windows: Iterable[Mapping[str, Any]],
    predictions: Iterable[Any],
    *,
    strategy: Strategy = "max_context",
    fill_label: int = 0,
) -> WordPredictions:
    """Per-window predictions -> one label per word (see the module doc for the strategies).

    ``predictions[i]`` belongs to ``windows[i]``: logits ``(tokens, labels)`` or label ids ``(tokens,)``; rows may be
    longer than the window (padding), the extra positions are ignored.
    """
    if strategy not in ("max_context", "mean"):
        raise LoaderError(f"strategy must be 'max_context' or 'mean', not {strategy!r}")
    best: dict[str, list[tuple[float, int] | None]] = {}
    sums: dict[str, list[np.ndarray | None]] = {}
    for row, prediction in zip(windows, predictions, strict=True):
        pred = np.asarray(prediction)
        word_ids, word_starts = row["word_ids"], row["word_starts"]
        example, n = row["example_id"], row["num_words"]
        if strategy == "mean" and pred.ndim != 2:
            raise LoaderError("strategy 'mean' needs logits of shape (tokens, labels)")
        positions = [j for j, w in enumerate(word_ids) if w != NO_WORD]
        first, last = (positions[0], positions[-1]) if positions else (0, -1)
        at_doc_start, at_doc_end = row["window"] == 0, row["window"] == row["num_windows"] - 1
        slots_best = best.setdefault(example, [None] * n)
        slots_sum = sums.setdefault(example, [None] * n)
        for j, (word, start) in enumerate(zip(word_ids, word_starts)):
            if not start:
                continue
            if strategy == "mean":
                slots_sum[word] = pred[j].astype(float) if slots_sum[word] is None else slots_sum[word] + pred[j]
                continue
            left = math.inf if at_doc_start else j - first
            right = math.inf if at_doc_end else last - j
            score = min(left, right)
            label = int(pred[j].argmax()) if pred.ndim == 2 else int(pred[j])
            if slots_best[word] is None or score > slots_best[word][0]:
                slots_best[word] = (score, label)
    result = WordPredictions()
    for example in best:
        if strategy == "mean":
            labels = [None if s is None else int(np.argmax(s)) for s in sums[example]]
        else:
            labels = [None if b is None else b[1] for b in best[example]]
        missing = [w for w, label in enumerate(labels) if label is None]
        result.labels[example] = [fill_label if label is None else label for label in labels]
        if missing:
            result.missing[example] = missing
    return result
