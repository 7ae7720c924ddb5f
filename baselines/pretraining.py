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
    from .data.corpus import masked_lm_data
    from .stage import Stage, load_masked_lm

    model = as_model_arguments(model)
    data = coerce_arguments(CorpusArguments, data, "data")
    training = coerce_arguments(TrainingArguments, training, "training")
    stage = Stage.start("pretrain", out, training, resume, model=model, data=data)
    masked_lm, tokenizer, max_length = load_masked_lm(model, data.max_length)
    corpus = masked_lm_data(data, tokenizer, masked_lm.config, max_length, training.seed)
    stage.record["max_length"] = max_length
    trainer = PretrainingTrainer(model=masked_lm, **corpus.trainer_kwargs(stage, callbacks))
    logger.info("pretraining %s on %s (%s sequences)", model.model_name_or_path, data.sources,
                corpus.summary.get("sequences", "streamed"))
    return stage.train(trainer, tokenizer, data=corpus.summary)
