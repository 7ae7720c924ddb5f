"""`finetune`: train a task head (and the encoder under it) on one of the paper's tasks.

Any checkpoint :func:`baselines.load_model` reads is a starting point: our conversions and their pretrained or
distilled run folders, plain BERT/RoBERTa, Hub checkpoints (``allenai/longformer-base-4096``,
``google/bigbird-roberta-base``, ``uw-madison/nystromformer-4096``: the paper's teachers). The task decides the
head and the features (:mod:`baselines.tasks`): NER over overlapping windows of whole documents, extractive QA over
question + context windows, GLUE classification or STS-B regression. Longformer's global attention follows
``--global-attention`` (auto: none for NER, ``<s>`` for classification, the question for QA).

The Hugging Face Trainer runs the loop through :class:`baselines.stage.Stage` (inputs checked first, ``--resume``,
seeds, provenance, progress bar, atomic ``OUT/model``), so ``accelerate launch`` spreads it over GPUs. After
training, the model is scored on the task's ``eval_split`` (the split to tune on): ``OUT/scores.jsonl`` (a
results file the report reads), ``OUT/predictions/<split>/`` and the metrics in ``provenance.json``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from .arguments import ModelArguments, TaskArguments, TrainingArguments, as_model_arguments, coerce_arguments

logger = logging.getLogger(__name__)

SCORES_FILE = "scores.jsonl"


def finetune(
    model: ModelArguments | str | Path | dict,
    task: TaskArguments | dict,
    training: TrainingArguments | dict | None = None,
    *,
    out: str | Path,
    resume: bool | str | None = None,
    callbacks: list | None = None,
    info: dict | None = None,
    evaluate: bool = True,
) -> Path:
    """Fine-tune ``model`` on ``task``; returns the final model folder ``out/model``.

    ``info``: how results files name the model (``architecture``, ``role``, ``order``, ``variant``); default: its
    architecture, as a teacher. ``evaluate=False`` skips the score on ``task.eval_split``."""
    from transformers import AutoTokenizer

    from .evaluation import evaluate_model, model_length
    from .hf_logging import expected_load_report
    from .loading import load_model, resolve_model_path
    from .provenance import PROVENANCE_FILE, write_json
    from .stage import Stage
    from .tasks import get_task
    from .training import StageTrainer

    model = as_model_arguments(model)
    task_args = coerce_arguments(TaskArguments, task, "task")
    training = coerce_arguments(TrainingArguments, training, "training")
    stage = Stage.start("finetune", out, training, resume, model=model, task=task_args)
    task_obj = get_task(task_args)
    path = resolve_model_path(model.model_name_or_path)
    tokenizer = AutoTokenizer.from_pretrained(resolve_model_path(model.tokenizer_name_or_path or path))
    if not getattr(tokenizer, "is_fast", False):
        raise ValueError(f"{path}: fine-tuning needs a fast (tokenizers-backed) tokenizer for word ids and offsets")
    rows = task_obj.split(task_args.train_split, task_args.max_train_examples)
    with expected_load_report():  # a new task head, an unused MLM head: reported below in one line
        net = load_model(path, head=task_obj.head, ignore_mismatched_sizes=True, **task_obj.model_kwargs())
    report_new_weights(path, net)
    max_length = model_length(net.config, tokenizer, task_args.max_length)
    features = task_obj.features(rows, tokenizer, max_length, train=True)
    collator = task_obj.collator(tokenizer, net.config, max_length)
    sampling = {"train_sampling_strategy": "group_by_length"} if _has_field("train_sampling_strategy") else \
        {"group_by_length": True}
    trainer = StageTrainer(
        model=net, args=stage.trainer_arguments(**sampling, length_column_name="length"),
        train_dataset=features, data_collator=collator, callbacks=stage.callbacks(*(callbacks or [])))
    global_mode = task_obj.global_attention() if net.config.model_type == "longformer" else None
    stage.record.update(max_length=max_length, head=task_obj.head, global_attention=global_mode,
                        architecture=net.config.model_type)
    summary = {**task_obj.describe(), "train_split": task_args.train_split, "train_examples": len(rows),
               "train_features": len(features),
               "train_tokens": int(sum(features["length"]))}
    logger.info("fine-tuning %s on %s: %d examples -> %d features of at most %d tokens", path, task_args.task,
                len(rows), len(features), max_length)
    final = stage.train(trainer, tokenizer, data=summary)
    if not (evaluate and trainer.is_world_process_zero()):
        return final
    if task_args.eval_split not in task_obj.data():
        logger.warning("%s: no %r split to score the fine-tuned model on", task_args.task, task_args.eval_split)
        return final
    record = evaluate_model(final, task_args, split=task_args.eval_split, info=info, batch_size=
                            training.eval_batch_size or training.batch_size, device=str(trainer.args.device),
                            predictions=stage.out / "predictions" / task_args.eval_split,
                            progress=training.progress, loaded=(trainer.model, tokenizer))
    from .results import write_results

    write_results(stage.out / SCORES_FILE, [record])
    record_file = stage.out / PROVENANCE_FILE
    provenance = json.loads(record_file.read_text(encoding="utf-8"))
    provenance["scores"] = {record.split: {"metric": record.metric, "score": record.score,
                                           "metrics": record.metrics, "seconds": record.seconds}}
    write_json(record_file, provenance)
    logger.info("%s %s: %s = %s", task_args.task, record.split, record.metric,
                "n/a" if record.score is None else f"{record.score:.2f}")
    return final


def report_new_weights(path: str, model) -> None:
    """One log line: which weights of ``model`` the checkpoint at ``path`` did not have (the new task head) and
    which of its weights the model does not use (an MLM head). Local safetensors checkpoints only."""
    from safetensors import safe_open

    folder = Path(path)
    files = sorted(folder.glob("*.safetensors")) if folder.is_dir() else []
    if not files:
        return
    stored: set[str] = set()
    for file in files:
        with safe_open(str(file), framework="numpy") as handle:
            stored.update(handle.keys())
    names = set(model.state_dict())
    new = sorted(names - stored)
    unused = sorted(stored - names)
    if new or unused:
        logger.info("%s: new weights %s; checkpoint weights not used: %s", path, _short(new) or "none",
                    _short(unused) or "none")


def _short(names: list[str], limit: int = 4) -> str:
    return ", ".join(names[:limit]) + (f" (+{len(names) - limit} more)" if len(names) > limit else "")


def _has_field(name: str) -> bool:
    from transformers import TrainingArguments as HFTrainingArguments

    return name in HFTrainingArguments.__dataclass_fields__
