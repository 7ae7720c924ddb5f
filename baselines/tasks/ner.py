"""Named-entity recognition over whole documents (CoNLL-2003 documents, GONERD, any CoNLL file).

Features are the overlapping windows of :func:`loaders.windows.window_dataset` (``max_length`` tokens, ``stride``
shared; labels on each word's first sub-token). Predictions over the windows are merged back to one label per word
(:func:`baselines.postprocess.ner_word_labels`, ``max_context`` or ``mean``) and scored with seqeval in both modes
(strict IOB2, the headline, and conlleval-compatible), with the entity-type confusion matrix saved beside the
predictions. CoNLL tasks are read at document level unless ``level`` is given.

Gold and predicted tags are compared by *name*, so a model trained with one label order scores on a file whose
labels come in another (``--eval-file``).
"""

from __future__ import annotations

from typing import Any

from .base import Evaluation, ModelCollator, Task, padding_options


class NerTask(Task):
    family = "ner"
    head = "token-classification"
    outputs = ("logits",)
    per_token = True

    def loader(self) -> tuple[str, dict[str, Any]]:
        name, options = super().loader()
        if name in ("conll2003", "conll"):
            options.setdefault("level", "document")
        return name, options

    def label_names(self) -> list[str]:
        data = self.data()
        split = self.args.train_split if self.args.train_split in data else next(iter(data))
        return list(data[split].features["ner_tags"].feature.names)

    def features(self, rows, tokenizer, max_length: int, *, train: bool):
        from loaders.windows import window_dataset

        windows = window_dataset(rows, tokenizer, max_length=max_length, stride=self.args.stride,
                                 label_column="ner_tags")
        return windows.add_column("length", [len(ids) for ids in windows["input_ids"]])

    def collator(self, tokenizer, config, max_length: int):
        from transformers import DataCollatorForTokenClassification

        base = DataCollatorForTokenClassification(tokenizer, **padding_options(config, max_length))
        return ModelCollator(base, config, self.global_attention(), tokenizer.sep_token_id, ("labels",))

    def global_attention(self) -> str:
        return "none" if self.args.global_attention == "auto" else self.args.global_attention

    def score(self, rows, features, outputs, model_config) -> Evaluation:
        from baselines.metrics.ner import ner_metrics, type_confusion
        from baselines.postprocess import gold_word_labels, ner_word_labels, paired_sequences

        names = [model_config.id2label[i] for i in range(len(model_config.id2label))]
        predicted = ner_word_labels(features, outputs["logits"], names, strategy=self.args.merge)
        gold_names = list(rows.features["ner_tags"].feature.names)
        gold = gold_word_labels(rows, gold_names)
        gold_seqs, pred_seqs = paired_sequences(gold, predicted.labels)
        metrics: dict[str, Any] = ner_metrics(gold_seqs, pred_seqs)
        missing = sum(len(words) for words in predicted.missing.values())
        metrics["words"] = sum(len(s) for s in gold_seqs)
        metrics["words_in_no_window"] = missing
        metrics["windows"] = len(features)
        files = {"predictions.conll": conll_text(rows, gold, predicted.labels)}
        confusion = []
        for match in ("exact", "overlap"):
            matrix = type_confusion(gold_seqs, pred_seqs, mode="strict", match=match)
            confusion.append(matrix.markdown())
        files["confusion.md"] = "\n\n".join(confusion) + "\n"
        notes = [f"{missing} word(s) held by no window were labelled O"] if missing else []
        return Evaluation(metrics, len(gold_seqs), files, notes)


def conll_text(rows, gold: dict[str, list[str]], predicted: dict[str, list[str]]) -> str:
    """``token gold predicted`` lines, a ``-DOCSTART-`` line before each document (conlleval's input format)."""
    lines = []
    for row in rows:
        doc = str(row["id"])  # documents in the rows' order
        lines.append("-DOCSTART- O O")
        lines.append("")
        for token, g, p in zip(row["tokens"], gold[doc], predicted[doc]):
            lines.append(f"{token.replace(' ', '_') or '_'} {g} {p}")
        lines.append("")
    return "\n".join(lines)
