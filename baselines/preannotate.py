"""A fine-tuned NER model as a Label Studio pre-annotator (``gonerd annotate push --preannotate baselines-ner:RUN``).

Registered in the ``gonerd.preannotators`` entry-point group (``pyproject.toml``), so ``annotation`` finds it
without importing ``baselines``. It implements :class:`annotation.preannotators.PreAnnotator` by duck typing:

- texts are split into words as ``gonerd build`` splits them (:class:`gonerd.tokenize.Tokenizer`, spaCy's
  ``blank:en`` by default), so predicted spans fall on the dataset's token boundaries;
- the words go through the same overlapping windows and merge as evaluation (:mod:`baselines.tasks.ner`:
  ``max_context``), so a document of any length is labelled whole;
- entities are read from the word labels in the conlleval-compatible way (an ``I-X`` after ``O`` starts an
  entity: a pre-annotation should rather show a span than drop it), and only PER/ORG/LOC/MISC are kept;
- an entity's score is the mean, over its words, of the probability the model gives the word's predicted label
  (averaged over the windows that hold the word): push's ``--order uncertainty`` shows the least sure first.

The argument is ``RUN[,key=value...]``: a fine-tuned model folder or run folder (or Hub id) and options
``batch_size``, ``max_length``, ``stride``, ``device``, ``tokenizer`` (the word tokenizer pipeline).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gonerd.errors import UserError
from gonerd.schema import ENTITY_TYPES


class PreAnnotatorArgumentError(UserError, ValueError):
    """A bad ``--preannotate baselines-ner:...`` argument."""


@dataclass(frozen=True)
class Span:
    """Duck-typed :class:`annotation.preannotators.ScoredSpan` (baselines never imports annotation)."""

    start: int
    end: int
    label: str
    score: float | None = None


class NerPreAnnotator:
    """A token-classification checkpoint as a pre-annotator (see the module doc)."""

    def __init__(self, path: str, *, batch_size: int = 8, max_length: int | None = None, stride: int = 128,
                 device: str = "auto", tokenizer: str = "blank:en"):
        from baselines.arguments import TaskArguments
        from baselines.efficiency import resolve_device
        from baselines.evaluation import load_for_task, model_length
        from baselines.loading import resolve_model_path
        from baselines.tasks import get_task
        from gonerd.tokenize import Tokenizer

        self.path = resolve_model_path(path)
        self.task = get_task(TaskArguments(task="conll", stride=stride))
        self.model, self.tokenizer = load_for_task(self.path, self.task)
        self.device = resolve_device(device)
        self.model.to(self.device).eval()
        self.max_length = model_length(self.model.config, self.tokenizer, max_length)
        self.batch_size = batch_size
        self.words = Tokenizer(tokenizer)
        self.labels = [self.model.config.id2label[i] for i in range(len(self.model.config.id2label))]
        self.model_version = f"baselines-ner:{Path(self.path).name}-{_digest(self.path)}"

    def predict(self, texts: Sequence[str]) -> list[list[Span]]:
        import datasets

        from baselines.postprocess import ner_word_labels
        from baselines.tasks.base import run_model

        words = [self.words(text) for text in texts]
        rows = datasets.Dataset.from_dict({"id": [str(i) for i in range(len(texts))],
                                           "tokens": [tokens for tokens, _ in words]})
        features = self.task.features(rows, self.tokenizer, self.max_length, train=False)
        collator = self.task.collator(self.tokenizer, self.model.config, self.max_length)
        logits = run_model(self.model, features, collator, ("logits",), per_token=True, batch_size=self.batch_size,
                           device=self.device, progress=False)["logits"]
        merged = ner_word_labels(features, logits, self.labels, strategy=self.task.args.merge)
        probabilities = word_probabilities(features, logits)
        out = []
        for i, (tokens, offsets) in enumerate(words):
            doc = str(i)
            tags = merged.labels.get(doc, ["O"] * len(tokens))
            out.append(spans_of(tags, offsets, probabilities.get(doc, {}), self.labels))
        return out


def word_probabilities(features, logits: Sequence[np.ndarray]) -> dict[str, dict[int, np.ndarray]]:
    """Per document and word: the softmax of the logits of the word's first sub-token, averaged over the windows
    that hold it."""
    sums: dict[str, dict[int, np.ndarray]] = {}
    counts: dict[str, dict[int, int]] = {}
    for row, window_logits in zip(features, logits):
        doc = row["example_id"]
        for position, (word, start) in enumerate(zip(row["word_ids"], row["word_starts"])):
            if not start or position >= len(window_logits):
                continue
            values = window_logits[position] - window_logits[position].max()
            probs = np.exp(values) / np.exp(values).sum()
            sums.setdefault(doc, {})
            counts.setdefault(doc, {})
            sums[doc][word] = sums[doc].get(word, 0) + probs
            counts[doc][word] = counts[doc].get(word, 0) + 1
    return {doc: {w: p / counts[doc][w] for w, p in words.items()} for doc, words in sums.items()}


def spans_of(tags: Sequence[str], offsets: Sequence[tuple[int, int]], probabilities: dict[int, np.ndarray],
             labels: Sequence[str]) -> list[Span]:
    """Character spans of the entities in ``tags`` (conlleval reading), with their mean label probability."""
    from baselines.metrics.ner import entities

    index = {name: i for i, name in enumerate(labels)}
    spans = []
    for kind, start, end in entities(list(tags), mode="conlleval"):
        if kind not in ENTITY_TYPES:
            continue
        scores = [float(probabilities[w][index[tags[w]]]) for w in range(start, end)
                  if w in probabilities and tags[w] in index]
        score = float(np.clip(np.mean(scores), 0.0, 1.0)) if scores else None
        spans.append(Span(offsets[start][0], offsets[end - 1][1], kind, score))
    return spans


def _digest(path: str) -> str:
    """A short digest of the checkpoint's config (and weight file sizes), so a re-trained model is a new version."""
    folder = Path(path)
    if not folder.is_dir():
        return hashlib.sha1(str(path).encode()).hexdigest()[:8]
    parts = [(folder / "config.json").read_bytes() if (folder / "config.json").is_file() else b""]
    parts += [f"{p.name}:{p.stat().st_size}".encode() for p in sorted(folder.glob("*.safetensors"))]
    return hashlib.sha1(b"\0".join(parts)).hexdigest()[:8]


def factory(argument: str | None) -> NerPreAnnotator:
    """``gonerd.preannotators`` entry point: ``RUN[,key=value...]``."""
    if not argument:
        raise PreAnnotatorArgumentError("the baselines NER pre-annotator needs a model: --preannotate "
                                        "baselines-ner:runs/conll-ner")
    path, *pairs = argument.split(",")
    options: dict = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key not in ("batch_size", "max_length", "stride", "device", "tokenizer"):
            raise PreAnnotatorArgumentError(f"pre-annotator option {pair!r}: expected batch_size=, max_length=, "
                                            "stride=, device= or tokenizer=")
        options[key] = int(value) if key in ("batch_size", "max_length", "stride") else value
    from baselines.loading import check_local_path, resolve_model_path

    check_local_path(resolve_model_path(path), "pre-annotator model")
    return NerPreAnnotator(path, **options)
