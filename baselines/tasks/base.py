"""What every task family shares: loading its data through ``loaders``, the model inputs of each architecture
(Longformer's global attention, Nyströmformer's fixed length), and one inference loop over feature rows.

A task family (:mod:`.ner`, :mod:`.qa`, :mod:`.classification`) turns a split into *features* (the rows a model
reads: windows of long documents, question + context windows, sentence pairs) and the model's outputs over them
back into predictions and metrics. The same features serve training (the Trainer) and evaluation
(:func:`run_model`), so a model is scored on exactly what it was trained on.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from baselines.arguments import TaskArguments

logger = logging.getLogger(__name__)

#: Feature columns a model may read; everything else (ids, offsets, word ids) is for post-processing.
MODEL_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_LOADED: dict[str, Any] = {}


def path_state(path: str | None) -> list | None:
    """Names, sizes and modification times of the files under ``path``: a changed file is loaded again."""
    if path is None:
        return None
    root = Path(path)
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
    return [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files[:5000]]


@dataclass
class Evaluation:
    """What a task's scoring returns: the flat metrics, how many examples were scored, and what to save."""

    metrics: dict[str, float | None]
    examples: int
    files: dict[str, str] = field(default_factory=dict)  # file name -> text (predictions, confusion matrix...)
    notes: list[str] = field(default_factory=list)


class Task:
    """One task (``args.task``) of one family. Subclasses set ``family`` and ``head`` and implement the hooks."""

    family = ""
    head = ""
    label_key = "labels"

    def __init__(self, args: TaskArguments):
        self.args = args
        self.name = args.task
        self._data = None

    # -- data ---------------------------------------------------------------------------------------------------
    def loader(self) -> tuple[str, dict[str, Any]]:
        """(loaders name, options) for this task."""
        return self.name, self.args.loader_options()

    def data(self):
        """The task's ``DatasetDict``, loaded once per process for the same files and options (a ``run`` fine-tunes
        and evaluates many models on one dataset; CoNLL-2003 takes seconds to read and check)."""
        if self._data is None:
            import loaders

            name, options = self.loader()
            path = str(Path(self.args.data).expanduser()) if self.args.data else None
            key = json.dumps([name, path, options, path_state(path)], sort_keys=True, default=str)
            if key not in _LOADED:
                _LOADED.clear()  # one dataset held at a time
                _LOADED[key] = loaders.load(name, path, **options)
            self._data = _LOADED[key]
        return self._data

    def split(self, name: str, limit: int | None = None):
        """Split ``name``, its first ``limit`` rows when given; a missing split is an error naming the others."""
        data = self.data()
        if name not in data:
            raise ValueError(f"{self.name}: no {name!r} split in {self.args.data or 'the Hub data'} "
                             f"(splits: {', '.join(data) or 'none'})")
        rows = data[name]
        if limit is not None and limit < len(rows):
            rows = rows.select(range(limit))
        if len(rows) == 0:
            raise ValueError(f"{self.name}: the {name!r} split is empty")
        return rows

    # -- hooks --------------------------------------------------------------------------------------------------
    def label_names(self) -> list[str] | None:
        """The class names a new head gets (None: regression or span extraction)."""
        return None

    def model_kwargs(self) -> dict[str, Any]:
        """``from_pretrained`` keyword arguments for the head (labels)."""
        names = self.label_names()
        if not names:
            return {}
        return {"num_labels": len(names), "id2label": dict(enumerate(names)),
                "label2id": {n: i for i, n in enumerate(names)}}

    def features(self, rows, tokenizer, max_length: int, *, train: bool):
        """Model feature rows for ``rows`` (training: with labels)."""
        raise NotImplementedError

    def collator(self, tokenizer, config, max_length: int):
        """Pads a batch of :meth:`features` rows for ``config``'s model (training and inference)."""
        raise NotImplementedError

    #: The model output fields the scoring reads, and whether they hold one value per input position.
    outputs: tuple[str, ...] = ("logits",)
    per_token = True

    def score(self, rows, features, outputs: dict[str, list[np.ndarray]], model_config) -> Evaluation:
        raise NotImplementedError

    def global_attention(self) -> str:
        """Longformer's global tokens for this task (``auto``: the family's default)."""
        return self.args.global_attention

    def describe(self) -> dict[str, Any]:
        return {"task": self.name, "family": self.family, "head": self.head, "data": self.args.data,
                "loader_options": self.loader()[1]}


# --- model inputs per architecture ------------------------------------------------------------------------------


def fixed_length(config) -> int | None:
    """The sequence length a model needs every input padded to: transformers' Nyströmformer averages
    ``segment_means_seq_len / num_landmarks`` rows per landmark, so its inputs must have exactly that many
    tokens; None for every other model."""
    if getattr(config, "model_type", None) == "nystromformer":
        length = getattr(config, "segment_means_seq_len", None)
        if length and length != getattr(config, "num_landmarks", None):
            return int(length)
    return None


def global_attention_mask(input_ids, mode: str, sep_token_id: int | None):
    """Longformer's ``global_attention_mask`` for a batch: ``none`` (zeros: local attention only), ``cls`` (the
    first token, ``<s>``), ``question`` (every token before the first separator, ``<s>`` included: the question
    of a question + context pair, as ``LongformerForQuestionAnswering`` does when given no mask)."""
    import torch

    mask = torch.zeros_like(input_ids)
    if mode == "cls":
        mask[:, 0] = 1
    elif mode == "question":
        if sep_token_id is None:
            raise ValueError("question global attention needs a tokenizer with a separator token")
        is_sep = input_ids == sep_token_id
        first = torch.where(is_sep.any(1), is_sep.int().argmax(1), torch.zeros_like(input_ids[:, 0]))
        positions = torch.arange(input_ids.size(1), device=input_ids.device)[None, :]
        mask = (positions < first[:, None]).to(input_ids.dtype)
    elif mode != "none":
        raise ValueError(f"global attention mode must be none, cls or question, not {mode!r}")
    return mask


class ModelCollator:
    """Pads a batch for one model: a transformers collator (``base``), then Nyströmformer's fixed length and
    Longformer's global attention mask. Drops every column the model does not read."""

    def __init__(self, base, config, global_mode: str, sep_token_id: int | None, label_keys: Sequence[str] = ()):
        self.base = base
        self.longformer = getattr(config, "model_type", None) == "longformer"
        self.global_mode = global_mode
        self.sep_token_id = sep_token_id
        self.keep = (*MODEL_INPUTS, *label_keys)

    def __call__(self, rows: list[dict]) -> dict:
        rows = [{k: v for k, v in row.items() if k in self.keep} for row in rows]
        batch = self.base(rows)
        if self.longformer:
            batch["global_attention_mask"] = global_attention_mask(batch["input_ids"], self.global_mode,
                                                                   self.sep_token_id)
        return batch


def padding_options(config, max_length: int) -> dict[str, Any]:
    """Keyword arguments of transformers' padding collators for ``config``'s model."""
    length = fixed_length(config)
    if length is not None:
        if max_length > length:
            raise ValueError(f"--max-length {max_length} exceeds the Nyströmformer's fixed length {length}")
        return {"padding": "max_length", "max_length": length}
    return {"padding": "longest", "pad_to_multiple_of": pad_multiple(config)}


def pad_multiple(config) -> int:
    """What a batch's length is rounded up to: Longformer's window and BigBird's block (the models pad to them
    anyway, with a warning on every batch), else 8."""
    model_type = getattr(config, "model_type", None)
    if model_type == "longformer":
        window = config.attention_window
        return int(max(window) if isinstance(window, list | tuple) else window)
    if model_type == "big_bird" and getattr(config, "attention_type", None) == "block_sparse":
        return int(config.block_size)
    return 8


# --- inference ----------------------------------------------------------------------------------------------------


def run_model(model, features, collator, outputs: Sequence[str], *, per_token: bool, batch_size: int, device: str,
              progress: bool = True, description: str = "predict") -> dict[str, list[np.ndarray]]:
    """The model's ``outputs`` for every feature row, in row order; ``per_token`` outputs (one value per input
    position) are cut to the row's own length (padding removed). Rows are batched by length (less padding), then
    put back in order."""
    import torch

    from baselines.progress import LoopBar

    lengths = [len(ids) for ids in features["input_ids"]]
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    results: dict[str, list[np.ndarray | None]] = {name: [None] * len(lengths) for name in outputs}
    model.eval()
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    with LoopBar(description, total=len(batches), unit="batches", enabled=progress) as bar, torch.inference_mode():
        for batch_rows in batches:
            batch = collator([features[i] for i in batch_rows])
            batch = {k: v.to(device) for k, v in batch.items() if k not in ("labels", "start_positions",
                                                                          "end_positions")}
            out = model(**batch)
            for name in outputs:
                values = getattr(out, name).detach().float().cpu().numpy()
                for j, row in enumerate(batch_rows):
                    results[name][row] = values[j][: lengths[row]] if per_token else values[j]
            bar.advance(1, tokens=int(batch["attention_mask"].sum()) if "attention_mask" in batch else 0)
    return {name: list(values) for name, values in results.items()}


def timed(func, *args, **kwargs) -> tuple[Any, float]:
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - start
