"""From a model's outputs over long-document windows to what the metrics score: pure functions, no Trainer.

**NER.** Documents are cut into overlapping windows by :mod:`loaders.windows` (``window_dataset``: ``max_length``
tokens, ``stride`` tokens shared by consecutive windows, labels on each word's first sub-token). The per-window
logits go back to one label per word with :func:`loaders.windows.merge_windows`; the rule for a word that several
windows see is, by default (``max_context``), the window where the word is farthest from a window edge (the
smaller of its token distances to the window's two edges is largest; the document's own start and end count as
infinitely far; ties go to the earlier window), BERT's ``_check_is_max_context`` applied to tagging. ``mean``
averages the word's logits over every window instead. A word no window holds (the tokenizer dropped all its
characters) gets ``O`` and is listed in ``missing``.

**Extractive QA.** Contexts are cut into question + context windows by :mod:`loaders.qa_windows`; the n-best
post-processing (:func:`loaders.qa_windows.nbest_qa`, Hugging Face ``utils_qa`` style) ranks spans across every
window of an example and, for SQuAD v2, compares the best span with the empty answer.

Logits may be torch tensors (any dtype and device, bf16 included), numpy arrays, or lists of per-window arrays;
a batch padded to a common length is fine (positions past a window's tokens are ignored).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from gonerd.scrape.outdir import write_atomic
from loaders.qa_windows import QAResult, nbest_qa
from loaders.windows import Strategy, merge_windows


def to_numpy(values: Any) -> Any:
    """A torch tensor as a float32/int64 numpy array (bf16 and GPU tensors included); a list or tuple of tensors
    element-wise; anything else through ``np.asarray``."""
    if hasattr(values, "detach"):  # torch.Tensor, without importing torch
        tensor = values.detach().cpu()
        return (tensor.float() if tensor.is_floating_point() else tensor).numpy()
    if isinstance(values, (list, tuple)):
        return [to_numpy(v) for v in values]
    return np.asarray(values)


def window_rows(windows: Any) -> list[Mapping[str, Any]]:
    """Windows as a list of row dicts, from a ``datasets.Dataset``, a list of dicts, or a batch dict of columns
    (what ``tokenize_windows`` / ``tokenize_qa_windows`` return)."""
    if isinstance(windows, Mapping):
        columns = list(windows)
        return [dict(zip(columns, values)) for values in zip(*(windows[c] for c in columns))]
    return [dict(row) for row in windows]


# --- NER -------------------------------------------------------------------------------------------------------


@dataclass
class WordLabels:
    """One label name per word for every document, in the order the documents were first seen."""

    labels: dict[str, list[str]] = field(default_factory=dict)
    missing: dict[str, list[int]] = field(default_factory=dict)  # document id -> words no window held


def ner_word_labels(
    windows: Any, logits: Any, label_names: Sequence[str], *, strategy: Strategy = "max_context",
    outside: str = "O",
) -> WordLabels:
    """Per-window token logits (or label ids) -> one label name per word (see the module doc for the rule)."""
    rows = window_rows(windows)
    predictions = to_numpy(logits)
    if len(predictions) != len(rows):
        raise ValueError(f"{len(rows)} windows but {len(predictions)} rows of predictions")
    if outside not in label_names:
        raise ValueError(f"the outside label {outside!r} is not among the label names {list(label_names)}")
    merged = merge_windows(rows, predictions, strategy=strategy, fill_label=list(label_names).index(outside))
    names = list(label_names)
    out = WordLabels(missing=dict(merged.missing))
    for doc, ids in merged.labels.items():
        bad = [i for i in ids if not 0 <= i < len(names)]
        if bad:
            raise ValueError(f"document {doc}: label id {bad[0]} is outside the {len(names)} label names")
        out.labels[doc] = [names[i] for i in ids]
    return out


def gold_word_labels(documents: Iterable[Mapping[str, Any]], label_names: Sequence[str], *,
                     label_column: str = "ner_tags", id_column: str = "id") -> dict[str, list[str]]:
    """The gold label names of every document (rows of a token-classification dataset)."""
    return {str(row[id_column]): [label_names[t] for t in row[label_column]] for row in documents}


def paired_sequences(gold: Mapping[str, Sequence[str]], predicted: Mapping[str, Sequence[str]]
                     ) -> tuple[list[list[str]], list[list[str]]]:
    """Gold and predicted label sequences in the gold's document order, for the metrics; every gold document must
    have a prediction of the same length and no prediction may lack a gold document."""
    lacking = [doc for doc in gold if doc not in predicted]
    extra = [doc for doc in predicted if doc not in gold]
    if lacking or extra:
        raise ValueError(f"documents without prediction: {lacking[:5]}; predictions without gold: {extra[:5]}")
    for doc, labels in gold.items():
        if len(labels) != len(predicted[doc]):
            raise ValueError(f"document {doc}: {len(labels)} gold labels but {len(predicted[doc])} predicted")
    return [list(gold[d]) for d in gold], [list(predicted[d]) for d in gold]


# --- QA --------------------------------------------------------------------------------------------------------


def qa_results(examples: Sequence[Mapping[str, Any]], windows: Any, start_logits: Any, end_logits: Any,
               **options: Any) -> dict[str, QAResult]:
    """:func:`loaders.qa_windows.nbest_qa` over model outputs of any kind (``options``: ``n_best``,
    ``max_answer_length``, ``with_null``, ``null_threshold``)."""
    return nbest_qa(list(examples), window_rows(windows), to_numpy(start_logits), to_numpy(end_logits), **options)


def answer_texts(results: Mapping[str, QAResult]) -> dict[str, str]:
    """``{example id: answer text}`` ("" for no answer): what the QA metrics take."""
    return {example: result.prediction.text for example, result in results.items()}


def no_answer_scores(results: Mapping[str, QAResult]) -> dict[str, float]:
    """``{example id: null score - best span score}``: SQuAD v2's ``na_probs`` (higher = more likely no answer);
    needs results computed with ``with_null=True``."""
    if any(r.null_score_diff is None for r in results.values()):
        raise ValueError("no-answer scores need results computed with with_null=True")
    return {example: float(r.null_score_diff) for example, r in results.items()}


def save_qa_predictions(folder: str | Path, results: Mapping[str, QAResult]) -> list[Path]:
    """``predictions.json`` (id -> text), ``nbest_predictions.json`` and, for SQuAD v2 results,
    ``null_odds.json`` (id -> no-answer score), as ``utils_qa`` writes them; each file atomically."""
    folder = Path(folder)
    files = {
        "predictions.json": answer_texts(results),
        "nbest_predictions.json": {k: [asdict(p) for p in r.nbest] for k, r in results.items()},
    }
    if results and all(r.null_score_diff is not None for r in results.values()):
        files["null_odds.json"] = no_answer_scores(results)
    written = []
    for name, data in files.items():
        write_atomic(folder / name, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        written.append(folder / name)
    return written
