"""Pieces shared by `pretrain` and `distill`: Trainer arguments, precision, resume, curves, run folders."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from transformers import Trainer, TrainerCallback

from .provenance import write_json

logger = logging.getLogger(__name__)

CURVE_FILE = "training_curve.json"
CHECKPOINTS = "checkpoints"
FINAL_MODEL = "model"


@dataclass
class TrainingSettings:
    """Optimisation settings common to pretraining and distillation (CLI flags of the same names)."""

    max_steps: int = -1
    epochs: float = 1.0
    batch_size: int = 8
    grad_accum: int = 1
    learning_rate: float = 5e-5
    warmup_steps: int = 0
    weight_decay: float = 0.01
    max_grad_norm: float = 1.0
    precision: str = "auto"  # auto | fp32 | bf16 | fp16
    save_steps: int = 500
    save_total_limit: int | None = 2
    logging_steps: int = 10
    seed: int = 42
    gradient_checkpointing: bool = False
    report_to: list[str] = field(default_factory=list)  # e.g. ["tensorboard"]
    dataloader_workers: int = 0


class MeanLossTrainer(Trainer):
    """A Trainer that averages each micro-batch's mean loss over gradient-accumulation steps.

    The MLM heads here accept ``**kwargs`` and return a per-batch mean, so the Trainer would take them for models
    that normalise by ``num_items_in_batch`` and skip its division by the accumulation steps (gradients
    --grad-accum times too large).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.model_accepts_loss_kwargs = False


def resolve_precision(precision: str) -> dict[str, bool]:
    """bf16 where the GPU supports it, else fp16 on GPU, fp32 on CPU (for "auto")."""
    import torch

    if precision not in ("auto", "fp32", "bf16", "fp16"):
        raise ValueError(f"--precision must be auto, fp32, bf16 or fp16, got {precision!r}")
    if precision == "auto" and torch.cuda.is_available():
        precision = "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    elif precision == "auto":
        precision = "fp32"
    if precision == "fp16" and not torch.cuda.is_available():
        raise ValueError("--precision fp16 needs a GPU; use bf16 or fp32 on CPU")
    return {"bf16": precision == "bf16", "fp16": precision == "fp16"}


def training_arguments(out: Path, settings: TrainingSettings, streaming: bool, **extra):
    import torch
    from transformers import TrainingArguments

    if settings.report_to and "tensorboard" in settings.report_to:
        import importlib.util

        if not (importlib.util.find_spec("tensorboard") or importlib.util.find_spec("tensorboardX")):
            raise ValueError("--tensorboard needs the tensorboard package: pip install tensorboard")
    if streaming and settings.max_steps <= 0:
        raise ValueError("streamed (hub:) sources have no length: set --max-steps")
    precision = resolve_precision(settings.precision)
    if precision["bf16"] and not torch.cuda.is_available():
        extra.setdefault("use_cpu", True)  # transformers accepts bf16 without a GPU only when told it is on CPU
    return TrainingArguments(
        output_dir=str(out / CHECKPOINTS),
        max_steps=settings.max_steps,
        num_train_epochs=settings.epochs,
        per_device_train_batch_size=settings.batch_size,
        gradient_accumulation_steps=settings.grad_accum,
        learning_rate=settings.learning_rate,
        warmup_steps=settings.warmup_steps,
        weight_decay=settings.weight_decay,
        max_grad_norm=settings.max_grad_norm,
        save_strategy="steps",
        save_steps=settings.save_steps,
        save_total_limit=settings.save_total_limit,
        logging_strategy="steps",
        logging_steps=settings.logging_steps,
        logging_first_step=True,
        seed=settings.seed,
        data_seed=settings.seed,
        gradient_checkpointing=settings.gradient_checkpointing,
        report_to=settings.report_to or "none",
        dataloader_num_workers=settings.dataloader_workers,
        dataloader_pin_memory=torch.cuda.is_available(),
        remove_unused_columns=False,
        disable_tqdm=True,
        **precision,
        **extra,
    )


def find_resume_checkpoint(out: Path, resume: bool | str | None) -> str | None:
    """``resume``: False/None = fresh run (refuses a folder that already has checkpoints), True = latest
    checkpoint in ``out/checkpoints``, a path = that checkpoint."""
    from transformers.trainer_utils import get_last_checkpoint

    folder = out / CHECKPOINTS
    last = get_last_checkpoint(str(folder)) if folder.is_dir() else None
    if not resume:
        if last:
            raise FileExistsError(f"--out {out} already has checkpoints ({last}): pass --resume, or a new --out")
        return None
    if resume is True:
        if not last:
            raise FileNotFoundError(f"--resume: no checkpoint-* folder in {folder}")
        return last
    if not Path(resume).is_dir():
        raise FileNotFoundError(f"--resume {resume}: no such checkpoint folder")
    return str(resume)


class CurveCallback(TrainerCallback):
    """Writes the Trainer's log history (loss, learning rate, ...) to ``training_curve.json`` as it grows."""

    def __init__(self, path: Path):
        self.path = path
        self.started = time.time()

    def on_log(self, args, state, control, logs=None, **kwargs):
        if state.is_world_process_zero:
            write_json(self.path, {"log_history": state.log_history, "global_step": state.global_step,
                                   "seconds": round(time.time() - self.started, 2)})

    def on_train_end(self, args, state, control, **kwargs):
        self.on_log(args, state, control)


class EpochCallback(TrainerCallback):
    """Tells the masking collator which epoch starts (its masks depend on (seed, epoch, example index)).

    The Trainer calls ``on_epoch_begin`` before it fetches the epoch's first batch, also when it resumes in the
    middle of an epoch, where ``state.epoch`` (restored from the checkpoint) is epoch + the fraction done. For a
    stream (no length, ``--max-steps``) ``state.epoch`` never reaches 1, so each new pass over the stream also
    counts as the next epoch here: its masks differ from the previous pass's."""

    def __init__(self, collator):
        self.collator = collator
        self._next = 0

    def on_epoch_begin(self, args, state, control, **kwargs):
        self.collator.epoch = max(int(state.epoch or 0), self._next)
        self._next = self.collator.epoch + 1


class ProgressCallback(TrainerCallback):
    """One log line per logging step (the Trainer's tqdm bars are off: they flood non-interactive logs)."""

    @staticmethod
    def install(trainer) -> None:
        """Replace the Trainer's own printing of logs (PrinterCallback) with this callback."""
        from transformers.trainer_callback import PrinterCallback

        trainer.remove_callback(PrinterCallback)
        trainer.add_callback(ProgressCallback())

    def on_log(self, args, state, control, logs=None, **kwargs):
        if state.is_world_process_zero and logs:
            shown = {k: (float(f"{v:.4g}") if isinstance(v, float) else v) for k, v in logs.items()}
            total = state.max_steps if state.max_steps and state.max_steps > 0 else "?"
            logger.info("step %s/%s %s", state.global_step, total, shown)


@dataclass
class RunStart:
    """What pretraining and distillation both set up before training: checked sources, the output folder, the
    checkpoint to resume from, and the masked-LM model with its tokenizer and sequence length."""

    sources: list[str]
    out: Path
    resume_from: str | None
    model_path: str | Path
    model: object
    tokenizer: object
    max_length: int


def start_run(
    model_path: str | Path,
    sources: list[str],
    out: str | Path,
    settings: TrainingSettings,
    resume: bool | str | None,
    max_length: int | None,
    role: str = "model",
) -> RunStart:
    from transformers import AutoTokenizer, set_seed

    from .data import parse_source
    from .loading import load_model, resolve_model_path
    from .modeling_utils import model_max_length

    sources = [str(s) for s in sources]
    for spec in sources:  # fail on a bad --source before loading anything
        parse_source(spec)
    out = Path(out)
    resume_from = find_resume_checkpoint(out, resume)
    out.mkdir(parents=True, exist_ok=True)
    set_seed(settings.seed)
    model_path = resolve_model_path(model_path)
    model = load_model(model_path, head="masked-lm")
    tokenizer = AutoTokenizer.from_pretrained(model_path)
    limit = model_max_length(model.config)
    max_length = max_length or limit
    if max_length > limit:
        raise ValueError(f"--max-length {max_length} exceeds the {role}'s {limit} positions ({model_path})")
    return RunStart(sources, out, resume_from, model_path, model, tokenizer, max_length)
