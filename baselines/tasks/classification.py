"""GLUE: sentence (pair) classification and STS-B regression.

The text (and ``text_pair``) is tokenized and truncated to ``max_length``; the head is a classifier over the
task's classes, or one regression output (``problem_type="regression"``, mean squared error) for STS-B. Scores are
GLUE's (:func:`baselines.metrics.glue.glue_scores`). Longformer's global attention defaults to ``<s>``.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from .base import Evaluation, ModelCollator, Task, padding_options


class ClassificationTask(Task):
    family = "classification"
    head = "sequence-classification"
    outputs = ("logits",)
    per_token = False

    @property
    def glue_task(self) -> str:
        return self.name.split("/", 1)[1]

    @property
    def regression(self) -> bool:
        return self.glue_task == "stsb"

    def loader(self) -> tuple[str, dict[str, Any]]:
        _, options = super().loader()
        return "glue", {**options, "task": self.glue_task}

    def label_names(self) -> list[str] | None:
        if self.regression:
            return None
        data = self.data()
        split = self.args.train_split if self.args.train_split in data else next(iter(data))
        return list(data[split].features["label"].names)

    def model_kwargs(self) -> dict[str, Any]:
        if self.regression:
            return {"num_labels": 1, "problem_type": "regression"}
        return {**super().model_kwargs(), "problem_type": "single_label_classification"}

    def features(self, rows, tokenizer, max_length: int, *, train: bool):
        pair = "text_pair" in rows.column_names

        def encode(batch):
            encoded = tokenizer(batch["text"], batch["text_pair"] if pair else None, truncation=True,
                                max_length=max_length)
            encoded["labels"] = [float(v) if self.regression else int(v) for v in batch["label"]]
            encoded["length"] = [len(ids) for ids in encoded["input_ids"]]
            return encoded

        if train and not self.regression:
            unlabelled = sum(1 for v in rows["label"] if v == -1)
            if unlabelled:
                raise ValueError(f"{self.name}: {unlabelled} training rows have no label (-1)")
        return rows.map(encode, batched=True, remove_columns=[c for c in rows.column_names if c != "id"])

    def collator(self, tokenizer, config, max_length: int):
        from transformers import DataCollatorWithPadding

        base = DataCollatorWithPadding(tokenizer, **padding_options(config, max_length))
        return ModelCollator(base, config, self.global_attention(), tokenizer.sep_token_id, ("labels",))

    def global_attention(self) -> str:
        return "cls" if self.args.global_attention == "auto" else self.args.global_attention

    def score(self, rows, features, outputs, model_config) -> Evaluation:
        from baselines.metrics.glue import glue_scores

        logits = np.stack(outputs["logits"])
        if self.regression:
            predictions = logits.reshape(len(logits), -1)[:, 0]
            references = np.asarray(rows["label"], dtype=float)
        else:
            predicted_ids = logits.argmax(-1)
            model_names = [model_config.id2label[i] for i in range(len(model_config.id2label))]
            gold_names = rows.features["label"].names
            index = {name: i for i, name in enumerate(gold_names)}
            unknown = sorted({model_names[i] for i in predicted_ids} - set(index))
            if unknown:
                raise ValueError(f"{self.name}: the model predicts labels {unknown} the data does not have "
                                 f"({list(gold_names)})")
            predictions = np.asarray([index[model_names[i]] for i in predicted_ids])
            references = np.asarray(rows["label"])
        metrics = glue_scores(self.glue_task, predictions, references)
        lines = [json.dumps({"id": str(i), "prediction": p.item(), "label": r.item()})
                 for i, p, r in zip(rows["id"], predictions, references)]
        return Evaluation({k: float(v) for k, v in metrics.items()}, len(references),
                          {"predictions.jsonl": "\n".join(lines) + "\n"})
