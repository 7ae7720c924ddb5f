"""Long contexts for extractive QA: question + context windows in, one answer span per example out.

:func:`tokenize_qa_windows` is Hugging Face's ``prepare_train_features`` and ``prepare_validation_features``
(``examples/pytorch/question-answering``) in one batched map function: the context is split into windows of
``max_length`` tokens overlapping by ``doc_stride``; each window keeps the ``example_id``, the ``offset_mapping``
of its context tokens (None elsewhere) and the answer's token positions in that window (``start_positions`` /
``end_positions``). Which answer: an example may list several (SQuAD's annotators, every TriviaQA alias
occurrence); each window is labelled with the first answer *in list order* that lies wholly inside its context,
so a window holding only a later occurrence is labelled with that occurrence. When no listed answer fits (or
there is none), both positions are the CLS token and ``answer_in_window`` is False. (Hugging Face's script only
ever looks at the first answer, which labels such windows "no answer".)

:func:`nbest_qa` follows ``utils_qa.postprocess_qa_predictions``: for each example, the ``n_best`` start and
end logits of every window give candidate spans (inside the context, end >= start, at most ``max_answer_length``
tokens); the best-scoring one (start + end logit) wins. With ``with_null=True`` (SQuAD v2), the empty answer wins
when the smallest CLS score over the windows beats the best span by more than ``null_threshold``; that margin
(``null_score_diff``) is the no-answer score SQuAD v2's threshold search takes. It returns the n-best list with
probabilities too; :func:`postprocess_qa` keeps only the chosen answers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from loaders.errors import LoaderError


def tokenize_qa_windows(
    batch: Mapping[str, list], tokenizer: Any, *, max_length: int = 384, doc_stride: int = 128
) -> dict[str, list]:
    if not getattr(tokenizer, "is_fast", False):
        raise LoaderError("tokenize_qa_windows needs a fast (tokenizers-backed) tokenizer for offset mappings")
    if doc_stride >= max_length:
        raise LoaderError(f"doc_stride ({doc_stride}) must be smaller than max_length ({max_length})")
    pad_on_right = tokenizer.padding_side == "right"
    questions = [q.lstrip() for q in batch["question"]]  # leading spaces only waste the budget
    contexts = list(batch["context"])
    encoded = tokenizer(
        questions if pad_on_right else contexts,
        contexts if pad_on_right else questions,
        truncation="only_second" if pad_on_right else "only_first",
        max_length=max_length, stride=doc_stride, return_overflowing_tokens=True, return_offsets_mapping=True,
    )
    context_index = 1 if pad_on_right else 0
    out: dict[str, list] = {k: list(encoded[k]) for k in encoded if k not in ("overflow_to_sample_mapping",
                                                                              "offset_mapping")}
    for key in ("example_id", "offset_mapping", "cls_index", "start_positions", "end_positions", "answer_in_window"):
        out[key] = []
    for i, sample in enumerate(encoded["overflow_to_sample_mapping"]):
        input_ids = encoded["input_ids"][i]
        sequence_ids = encoded.sequence_ids(i)
        offsets = encoded["offset_mapping"][i]
        cls = input_ids.index(tokenizer.cls_token_id) if tokenizer.cls_token_id in input_ids else 0
        start, end = answer_positions(batch["answers"][sample], offsets, sequence_ids, context_index, cls)
        out["example_id"].append(str(batch["id"][sample]))
        out["offset_mapping"].append(
            [tuple(o) if sequence_ids[k] == context_index else None for k, o in enumerate(offsets)]
        )
        out["cls_index"].append(cls)
        out["start_positions"].append(start)
        out["end_positions"].append(end)
        out["answer_in_window"].append(start != cls)
    return out


def answer_positions(
    answers: Mapping[str, list], offsets: Sequence, sequence_ids: Sequence, context_index: int, cls: int
) -> tuple[int, int]:
    """Token positions of the first answer, in list order, that lies wholly inside this window's context; (cls,
    cls) when none does."""
    if context_index not in sequence_ids:
        return cls, cls
    first = sequence_ids.index(context_index)
    last = len(sequence_ids) - 1 - sequence_ids[::-1].index(context_index)
    window_start, window_end = offsets[first][0], offsets[last][1]
    for text, start_char in zip(answers["text"], answers["answer_start"]):
        end_char = start_char + len(text)
        if not (window_start <= start_char and end_char <= window_end):
            continue
        start, end = first, last
        while start < len(offsets) and sequence_ids[start] == context_index and offsets[start][0] <= start_char:
            start += 1
        while sequence_ids[end] == context_index and offsets[end][1] >= end_char:
            end -= 1
        return start - 1, end + 1
    return cls, cls


def qa_window_dataset(dataset, tokenizer: Any, *, max_length: int = 384, doc_stride: int = 128):
    """An extractive-QA Dataset -> a Dataset of windows (see :func:`tokenize_qa_windows`)."""
    return dataset.map(
        tokenize_qa_windows, batched=True, remove_columns=dataset.column_names,
        fn_kwargs={"tokenizer": tokenizer, "max_length": max_length, "doc_stride": doc_stride},
    )


@dataclass
class QAPrediction:
    text: str
    start: int  # character offset in the context; -1 for the empty answer
    score: float  # start + end logit of the span (the null score for the empty answer)
    start_logit: float = 0.0
    end_logit: float = 0.0
    probability: float = 0.0  # softmax of the scores over the example's n-best list (0 outside one)


@dataclass
class QAResult:
    """One example's post-processing: the chosen answer, the n-best list, and the no-answer scores."""

    prediction: QAPrediction
    nbest: list[QAPrediction]  # best first; with ``with_null`` the empty answer is always among them
    null_score: float | None  # the smallest CLS score (start + end logit) over the example's windows
    null_score_diff: float | None  # with_null: null score - best span score; above the threshold -> ""


def nbest_qa(
    examples: Sequence[Mapping[str, Any]],
    windows: Sequence[Mapping[str, Any]],
    start_logits: Any,
    end_logits: Any,
    *,
    n_best: int = 20,
    max_answer_length: int = 30,
    with_null: bool = False,
    null_threshold: float = 0.0,
) -> dict[str, QAResult]:
    """The n-best answers of every example from per-window start/end logits (``windows[i]`` <-> ``*_logits[i]``).

    Candidates are the ``n_best`` best starts x ``n_best`` best ends of each window (inside its context, end >=
    start, at most ``max_answer_length`` tokens), scored start + end logit. The same character span found in
    several overlapping windows is listed once, with its best score. Probabilities are the softmax of the scores
    over the n-best list (the empty answer included with ``with_null``), as in ``utils_qa``.
    """
    if len(windows) != len(start_logits) or len(windows) != len(end_logits):
        raise LoaderError(f"{len(windows)} windows but {len(start_logits)} start / {len(end_logits)} end logit rows")
    by_example: dict[str, list[int]] = {}
    for i, window in enumerate(windows):
        by_example.setdefault(window["example_id"], []).append(i)
    results: dict[str, QAResult] = {}
    for example in examples:
        context = example["context"]
        spans: dict[tuple[int, int], QAPrediction] = {}
        null: QAPrediction | None = None
        for i in by_example.get(example["id"], []):
            starts, ends = np.asarray(start_logits[i]), np.asarray(end_logits[i])
            offsets = windows[i]["offset_mapping"]
            cls = windows[i]["cls_index"]
            cls_score = float(starts[cls] + ends[cls])
            if null is None or cls_score < null.score:
                null = QAPrediction("", -1, cls_score, float(starts[cls]), float(ends[cls]))
            top_starts = np.argsort(starts[: len(offsets)])[::-1][:n_best]
            top_ends = np.argsort(ends[: len(offsets)])[::-1][:n_best]
            for s in top_starts:
                for e in top_ends:
                    if offsets[s] is None or offsets[e] is None or e < s or e - s + 1 > max_answer_length:
                        continue
                    begin, finish = offsets[s][0], offsets[e][1]
                    score = float(starts[s] + ends[e])
                    if (begin, finish) not in spans or score > spans[(begin, finish)].score:
                        spans[(begin, finish)] = QAPrediction(context[begin:finish], begin, score, float(starts[s]),
                                                              float(ends[e]))
        ranked = sorted(spans.values(), key=lambda p: -p.score)[:n_best]
        best_span = ranked[0] if ranked else None
        nbest = list(ranked)
        if with_null and null is not None:
            nbest = sorted([*ranked[: n_best - 1], null], key=lambda p: -p.score)
        if nbest:
            scores = np.array([p.score for p in nbest])
            weights = np.exp(scores - scores.max())
            for p, w in zip(nbest, weights / weights.sum()):
                p.probability = float(w)
        null_score = None if null is None else null.score
        diff = None
        if with_null:
            diff = math.inf if best_span is None or null is None else null.score - best_span.score
        if best_span is not None and not (with_null and diff > null_threshold):
            chosen = best_span
        elif null is not None:
            chosen = null
        else:
            chosen = QAPrediction("", -1, 0.0)
        results[example["id"]] = QAResult(chosen, nbest, null_score, diff)
    return results


def postprocess_qa(
    examples: Sequence[Mapping[str, Any]], windows: Sequence[Mapping[str, Any]], start_logits: Any, end_logits: Any,
    **options: Any,
) -> dict[str, QAPrediction]:
    """Best answer span per example: :func:`nbest_qa`'s chosen answers (same options)."""
    results = nbest_qa(examples, windows, start_logits, end_logits, **options)
    return {example_id: result.prediction for example_id, result in results.items()}
