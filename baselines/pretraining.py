"""`pretrain`: continue masked-language-model pretraining of a converted model on long documents.

The Hugging Face Trainer runs the loop, so ``accelerate launch -m gonerd.cli baselines pretrain ...`` (or
``accelerate launch $(which gonerd) baselines pretrain ...``) spreads it over GPUs without code changes.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from .training import (
    CURVE_FILE,
    FINAL_MODEL,
    CurveCallback,
    EpochCallback,
    MeanLossTrainer,
    ProgressCallback,
    TrainingSettings,
    start_run,
    training_arguments,
)

logger = logging.getLogger(__name__)


def pretrain(
    model_path: str | Path,
    sources: list[str],
    out: str | Path,
    settings: TrainingSettings | None = None,
    max_length: int | None = None,
    mlm_probability: float = 0.15,
    stopping: str = "first_exhausted",
    max_examples: int | None = None,
    text_field: str = "text",
    split: str = "train",
    resume: bool | str | None = None,
    callbacks: list | None = None,
) -> Path:
    """Train ``model_path`` with MLM on ``sources``; returns the final model folder ``out/model``.

    ``callbacks`` are extra ``TrainerCallback`` objects (e.g. one that stops the run early).
    ``out`` receives ``checkpoints/checkpoint-N`` (Trainer checkpoints, for ``resume``), ``model/`` (final model
    and tokenizer, written atomically), ``provenance.json`` and ``training_curve.json``.
    """
    import torch

    from .data import mlm_collator, training_data
    from .provenance import PROVENANCE_FILE, atomic_folder, earlier_runs, provenance, write_json

    settings = settings or TrainingSettings()
    started = time.time()
    run = start_run(model_path, sources, out, settings, resume, max_length)
    sources, out, resume_from, max_length = run.sources, run.out, run.resume_from, run.max_length
    model_path, model, tokenizer = run.model_path, run.model, run.tokenizer
    dataset, data_summary = training_data(
        sources, tokenizer, max_length, seed=settings.seed, stopping=stopping, max_examples=max_examples,
        text_field=text_field, split=split,
    )
    args = training_arguments(out, settings, streaming=bool(data_summary.get("streaming")))
    collator = mlm_collator(tokenizer, model.config, mlm_probability, seed=settings.seed)
    trainer = MeanLossTrainer(
        model=model,
        args=args,
        train_dataset=dataset,
        data_collator=collator,
        callbacks=[CurveCallback(out / CURVE_FILE), EpochCallback(collator), *(callbacks or [])],
    )
    ProgressCallback.install(trainer)
    record = {
        "model": str(model_path),
        "sources": sources,
        "max_length": max_length,
        "mlm_probability": mlm_probability,
        "training": vars(settings),
        "resume_from": resume_from,
    }
    # a resumed run keeps the records of the runs before it (the file is rewritten at the end of this one)
    previous = earlier_runs(out / PROVENANCE_FILE) if resume_from else []
    if trainer.is_world_process_zero():
        write_json(out / PROVENANCE_FILE, provenance("pretrain", record, seeds={"seed": settings.seed},
                                                     previous_runs=previous,
                                                     data=data_summary, status="running"))
    logger.info("pretraining %s on %s (%s)", model_path, sources, data_summary.get("sequences", "streamed"))
    result = trainer.train(resume_from_checkpoint=resume_from)

    final = out / FINAL_MODEL
    if trainer.is_world_process_zero():
        model = trainer.model
        with atomic_folder(final, overwrite=True) as tmp:
            model.save_pretrained(tmp, safe_serialization=True)
            tokenizer.save_pretrained(tmp)
        write_json(
            out / PROVENANCE_FILE,
            provenance("pretrain", record, seeds={"seed": settings.seed}, data=data_summary, status="finished",
                       previous_runs=previous,
                       global_step=trainer.state.global_step, train_metrics=result.metrics,
                       seconds=round(time.time() - started, 2), torch_threads=torch.get_num_threads()),
        )
    trainer.accelerator.wait_for_everyone()
    return final
