"""`pretrain`: continue masked-language-model pretraining of a converted model on long documents.

The Hugging Face Trainer runs the loop, so ``accelerate launch -m gonerd.cli baselines pretrain ...`` (or
``accelerate launch $(which gonerd) baselines pretrain ...``) spreads it over GPUs without code changes.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path

from .arguments import CorpusArguments, ModelArguments, TrainingArguments, as_model_arguments, coerce_arguments
from .training import MaskedLMTrainer

logger = logging.getLogger(__name__)


class PretrainingTrainer(MaskedLMTrainer):
    """Masked-LM training that also reports the evaluation perplexity (exp of the mean masked-token loss)."""

    def log(self, logs: dict[str, float], *args, **kwargs) -> None:
        if "eval_loss" in logs:
            logs["eval_perplexity"] = math.exp(min(logs["eval_loss"], 50.0))
        super().log(logs, *args, **kwargs)


def pretrain(
    model: ModelArguments | str | Path | dict,
    data: CorpusArguments | dict,
    training: TrainingArguments | dict | None = None,
    *,
    out: str | Path,
    resume: bool | str | None = None,
    callbacks: list | None = None,
) -> Path:
    """Train ``model`` with MLM on ``data``'s sources; returns the final model folder ``out/model``.

    ``out`` receives ``checkpoints/checkpoint-N`` (for ``resume``), ``model/`` (final model and tokenizer,
    written atomically), ``provenance.json`` and ``training_curve.json``. ``callbacks`` are extra
    ``TrainerCallback`` objects (e.g. one that stops the run early). With ``data.eval_sources`` the held-out loss
    and perplexity are computed every ``training.eval_steps`` steps and at the end.
    """
    from .data.masking import mlm_collator
    from .data.packing import evaluation_data, training_data
    from .stage import Stage, load_masked_lm
    from .training import EpochCallback

    model = as_model_arguments(model)
    data = coerce_arguments(CorpusArguments, data, "data")
    training = coerce_arguments(TrainingArguments, training, "training")
    stage = Stage.start("pretrain", out, training, resume, model=model, data=data)
    masked_lm, tokenizer, max_length = load_masked_lm(model, data.max_length)
    train_set, summary = training_data(data.sources, tokenizer, max_length, seed=training.seed,
                                       stopping=data.stopping, max_examples=data.max_train_examples,
                                       text_field=data.text_field, split=data.split)
    eval_set = None
    if data.eval_sources:
        eval_set, summary["eval"] = evaluation_data(data.eval_sources, tokenizer, max_length,
                                                    max_examples=data.max_eval_examples, text_field=data.text_field,
                                                    split=data.eval_split)
    stage.record["max_length"] = max_length
    collator = mlm_collator(tokenizer, masked_lm.config, data.mlm_probability, seed=training.seed)
    trainer = PretrainingTrainer(
        model=masked_lm,
        args=stage.trainer_arguments(streaming=summary["streaming"], has_eval=eval_set is not None),
        train_dataset=train_set,
        eval_dataset=eval_set,
        data_collator=collator,
        eval_data_collator=mlm_collator(tokenizer, masked_lm.config, data.mlm_probability, seed=training.seed),
        callbacks=stage.callbacks(EpochCallback(collator), *(callbacks or [])),
    )
    logger.info("pretraining %s on %s (%s sequences)", model.model_name_or_path, data.sources,
                summary.get("sequences", "streamed"))
    return stage.train(trainer, tokenizer, data=summary)
