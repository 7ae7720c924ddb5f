"""One run of a training stage in its run folder: what `pretrain`, `distill` (and the fine-tuning stages) share.

:meth:`Stage.start` checks the stage's inputs before any model is loaded, finds the checkpoint to resume from
(refusing to start over a folder that has checkpoints), seeds everything and keeps the earlier runs' provenance;
:meth:`Stage.train` runs a Trainer with the progress bar, evaluates, saves the final model atomically to
``OUT/model`` and writes ``provenance.json`` (status "running" at the start, "finished" with the metrics at the end).

A run folder::

    OUT/model/                      final model and tokenizer (written to a temporary sibling, then renamed)
    OUT/checkpoints/checkpoint-N/   Trainer checkpoints (for --resume)
    OUT/provenance.json             settings (every argument dataclass), versions, git commit, seeds, data, metrics
    OUT/training_curve.json         the Trainer's log history, rewritten at every logging step
"""

from __future__ import annotations

import dataclasses
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .arguments import TrainingArguments, to_dict
from .provenance import PROVENANCE_FILE, atomic_folder, earlier_runs, provenance, write_json
from .training import CURVE_FILE, FINAL_MODEL, CurveCallback, find_resume_checkpoint, trainer_arguments

logger = logging.getLogger(__name__)


@dataclass
class Stage:
    """A stage's run: its command name, folder, arguments and the records of the runs before it."""

    command: str
    out: Path
    training: TrainingArguments
    arguments: dict[str, Any]
    resume_from: str | None = None
    previous: list[dict] = field(default_factory=list)
    started: float = field(default_factory=time.time)
    record: dict = field(default_factory=dict)

    @classmethod
    def start(cls, command: str, out: str | Path, training: TrainingArguments, resume: bool | str | None = None,
              **arguments) -> Stage:
        """Check inputs (each argument's ``check()``), resolve ``resume``, create ``out``, seed.

        ``resume``: None/False = a fresh run (a folder with checkpoints is refused), True = the latest checkpoint
        in ``out/checkpoints``, a path = that checkpoint."""
        from transformers import set_seed

        from .hf_logging import quiet_library_progress_bars

        for value in arguments.values():
            check = getattr(value, "check", None)
            if callable(check):
                check()
        out = Path(out)
        resume_from = find_resume_checkpoint(out, resume)
        out.mkdir(parents=True, exist_ok=True)
        set_seed(training.seed)
        quiet_library_progress_bars()
        previous = earlier_runs(out / PROVENANCE_FILE) if resume_from else []
        return cls(command, out, training, arguments, resume_from, previous)

    # -- settings and provenance --------------------------------------------------------------------------------
    def settings(self) -> dict:
        """Every argument dataclass as a dict (defaults included), the training arguments, resume and the
        stage's own records (e.g. the student's layers)."""
        values = {name: to_dict(value) if dataclasses.is_dataclass(value) else value
                  for name, value in self.arguments.items()}
        return {**values, "training": to_dict(self.training), "resume_from": self.resume_from, **self.record}

    def write_provenance(self, status: str, **extra) -> None:
        import torch

        write_json(self.out / PROVENANCE_FILE, provenance(
            self.command, self.settings(), seeds={"seed": self.training.seed}, previous_runs=self.previous,
            status=status, torch_threads=torch.get_num_threads(), **extra))

    # -- the Trainer --------------------------------------------------------------------------------------------
    def trainer_arguments(self, streaming: bool = False, has_eval: bool = False, **extra):
        return trainer_arguments(self.out, self.training, streaming=streaming, has_eval=has_eval, **extra)

    def callbacks(self, *extra) -> list:
        """The callbacks every stage's Trainer gets (the learning curve file), then ``extra``."""
        return [CurveCallback(self.out / CURVE_FILE), *extra]

    def train(self, trainer, tokenizer, data: dict | None = None, progress_console=None) -> Path:
        """Train (resuming if asked), evaluate when the Trainer has an eval set, save ``OUT/model`` atomically and
        record the run; returns the final model folder. ``data``: the data summary for provenance."""
        from .progress import TrainingProgress

        progress = TrainingProgress.install(trainer, self.command, enabled=self.training.progress,
                                            console=progress_console)
        main = trainer.is_world_process_zero()
        if main:
            self.write_provenance("running", data=data)
        try:
            result = trainer.train(resume_from_checkpoint=self.resume_from)
            eval_metrics = final_evaluation(trainer)
        finally:
            progress.close()
        final = self.out / FINAL_MODEL
        if main:
            with atomic_folder(final, overwrite=True) as tmp:
                trainer.model.save_pretrained(tmp, safe_serialization=True)
                tokenizer.save_pretrained(tmp)
            self.write_provenance("finished", data=data, global_step=trainer.state.global_step,
                                  train_metrics=result.metrics, eval_metrics=eval_metrics,
                                  seconds=round(time.time() - self.started, 2))
            logger.info("%s: wrote %s", self.command, final)
        trainer.accelerator.wait_for_everyone()
        return final


def final_evaluation(trainer) -> dict | None:
    """The evaluation metrics at the last step: the Trainer's own when it just evaluated (``--eval-steps``
    dividing the steps), else one evaluation now; None without an eval set."""
    if trainer.eval_dataset is None:
        return None
    step = trainer.state.global_step
    done = [h for h in trainer.state.log_history if "eval_loss" in h and h.get("step") == step]
    return {k: v for k, v in done[-1].items() if k.startswith("eval_")} if done else trainer.evaluate()


def load_masked_lm(model: Any, max_length: int | None, role: str = "model"):
    """(model, tokenizer, sequence length) for a masked-LM stage: ``model`` is a
    :class:`~baselines.arguments.ModelArguments`; the length defaults to the model's and may not exceed it."""
    from transformers import AutoTokenizer

    from .loading import load_model, resolve_model_path
    from .modeling_utils import model_max_length

    path = resolve_model_path(model.model_name_or_path)
    masked_lm = load_model(path, head="masked-lm")
    tokenizer = AutoTokenizer.from_pretrained(resolve_model_path(model.tokenizer_name_or_path or path))
    limit = model_max_length(masked_lm.config)
    length = max_length or limit
    if length > limit:
        raise ValueError(f"--max-length {length} exceeds the {role}'s {limit} positions ({path})")
    return masked_lm, tokenizer, length
