"""Extractive question answering over long contexts (SQuAD v1.1/v2.0, HotpotQA, TriviaQA).

Features are question + context windows (:func:`loaders.qa_windows.qa_window_dataset`: ``max_length`` tokens,
``doc_stride`` shared, answer positions per window, CLS when the window holds no answer). Predictions are the
n-best spans across every window of an example (:func:`baselines.postprocess.qa_results`); SQuAD v2 compares the
best span with the empty answer (``null_threshold``) and reports the official best-threshold scores too. Scoring
follows each dataset's official script: SQuAD's normalisation, HotpotQA's yes/no rule (an extractive model cannot
answer yes/no: load with ``yes_no=drop`` for span questions only), TriviaQA against every alias (per question in
the Wikipedia domain).
"""

from __future__ import annotations

import json

from .base import Evaluation, ModelCollator, Task, padding_options


class QaTask(Task):
    family = "qa"
    head = "question-answering"
    outputs = ("start_logits", "end_logits")
    per_token = True

    def features(self, rows, tokenizer, max_length: int, *, train: bool):
        from loaders.qa_windows import qa_window_dataset

        check_question_room(rows, tokenizer, max_length, self.args.doc_stride)
        windows = qa_window_dataset(rows, tokenizer, max_length=max_length, doc_stride=self.args.doc_stride)
        return windows.add_column("length", [len(ids) for ids in windows["input_ids"]])

    def collator(self, tokenizer, config, max_length: int):
        from transformers import DataCollatorWithPadding

        base = DataCollatorWithPadding(tokenizer, **padding_options(config, max_length))
        return ModelCollator(base, config, self.global_attention(), tokenizer.sep_token_id,
                             ("start_positions", "end_positions"))

    def global_attention(self) -> str:
        return "question" if self.args.global_attention == "auto" else self.args.global_attention

    @property
    def with_null(self) -> bool:
        return self.name == "squad_v2"

    def score(self, rows, features, outputs, model_config) -> Evaluation:
        from baselines.metrics.qa import best_per_question, hotpotqa_scores, squad_scores, triviaqa_scores
        from baselines.postprocess import answer_texts, no_answer_scores, qa_results

        examples = [{"id": str(r["id"]), "context": r["context"]} for r in rows]
        results = qa_results(examples, features, outputs["start_logits"], outputs["end_logits"],
                             n_best=self.args.n_best, max_answer_length=self.args.max_answer_length,
                             with_null=self.with_null, null_threshold=self.args.null_threshold)
        answers = answer_texts(results)
        notes: list[str] = []
        if self.name in ("squad", "squad_v2"):
            references = {str(r["id"]): list(r["answers"]["text"]) for r in rows}
            options = {"na_probs": no_answer_scores(results)} if self.with_null else {}
            metrics = squad_scores(answers, references, version=2 if self.with_null else 1, **options)
        elif self.name == "hotpotqa":
            labelled = [r for r in rows if r.get("answer") is not None]
            skipped = len(rows) - len(labelled)
            if skipped:
                notes.append(f"{skipped} question(s) without a gold answer (test split) not scored")
            metrics = hotpotqa_scores({str(r["id"]): answers[str(r["id"])] for r in labelled},
                                      {str(r["id"]): r["answer"] for r in labelled})
        elif self.name == "triviaqa":
            labelled = [r for r in rows if r.get("normalized_aliases")]
            if self.loader()[1].get("domain") == "wikipedia":
                scored = {str(r["id"]): (answers[str(r["id"])], results[str(r["id"])].prediction.score)
                          for r in labelled}
                question_of = {str(r["id"]): str(r["question_id"]) for r in labelled}
                per_question = best_per_question(scored, question_of)
                references = {str(r["question_id"]): list(r["normalized_aliases"]) for r in labelled}
                metrics = triviaqa_scores(per_question, references)
            else:
                metrics = triviaqa_scores({str(r["id"]): answers[str(r["id"])] for r in labelled},
                                          {str(r["id"]): list(r["normalized_aliases"]) for r in labelled})
        else:
            raise ValueError(f"no QA scoring for task {self.name!r}")
        metrics = {k: float(v) for k, v in metrics.items() if isinstance(v, int | float)}
        metrics["windows"] = len(features)
        files = {"predictions.json": json.dumps(answers, indent=2, ensure_ascii=False) + "\n",
                 "nbest_predictions.json": json.dumps(
                     {k: [vars(p) for p in r.nbest] for k, r in results.items()}, indent=2, ensure_ascii=False)
                 + "\n"}
        if self.with_null:
            files["null_odds.json"] = json.dumps(no_answer_scores(results), indent=2) + "\n"
        return Evaluation(metrics, len(examples), files, notes)


def check_question_room(rows, tokenizer, max_length: int, doc_stride: int) -> None:
    """Every window must hold the question, the special tokens and more context tokens than ``doc_stride``
    (the tokenizer aborts the process otherwise); the error names the longest question."""
    questions = [q.lstrip() for q in rows["question"]]
    if not questions:
        return
    lengths = [len(ids) for ids in tokenizer(questions, add_special_tokens=False)["input_ids"]]
    longest = max(range(len(lengths)), key=lengths.__getitem__)
    room = max_length - lengths[longest] - tokenizer.num_special_tokens_to_add(pair=True)
    if room <= doc_stride:
        raise ValueError(f"question {rows[longest]['id']!r} has {lengths[longest]} tokens: a window of {max_length} "
                         f"tokens leaves {room} for its context, not more than --doc-stride {doc_stride}; lower "
                         "--doc-stride or raise --max-length")
