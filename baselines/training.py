"""The Trainer pieces every baselines stage shares: our Trainer base classes, the mapping of our
:class:`~baselines.arguments.TrainingArguments` onto transformers', precision, resume, and the learning curve."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import torch
from torch.nn import functional as F
from transformers import Trainer, TrainerCallback

from .arguments import TrainingArguments
from .provenance import write_json

logger = logging.getLogger(__name__)

CURVE_FILE = "training_curve.json"
CHECKPOINTS = "checkpoints"
FINAL_MODEL = "model"


class EvalMeter:
    """Running loss and token count of the evaluation loop in progress (read by the progress bar)."""

    def __init__(self):
        self.tokens = 0
        self.batches = 0
        self.loss_sum = 0.0
        self.started = time.time()

    @property
    def loss(self) -> float | None:
        return self.loss_sum / self.batches if self.batches else None


class StageTrainer(Trainer):
    """The Trainer of every stage.

    * Each micro-batch's mean loss is averaged over gradient-accumulation steps. Our losses are per-batch means,
      so the Trainer must not take our models for ones that normalise by ``num_items_in_batch`` (it would skip
      its division by the accumulation steps: gradients ``grad_accum`` times too large).
    * ``eval_data_collator``: evaluation batches can be collated differently from training ones (fixed masks).
    * :attr:`eval_meter` counts the evaluation loop's tokens and running loss for the progress bar.
    """

    def __init__(self, *args, eval_data_collator=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.model_accepts_loss_kwargs = False
        self.eval_data_collator = eval_data_collator
        self.eval_meter = EvalMeter()

    def get_eval_dataloader(self, eval_dataset=None):
        if self.eval_data_collator is None:
            return super().get_eval_dataloader(eval_dataset)
        train_collator, self.data_collator = self.data_collator, self.eval_data_collator
        try:
            return super().get_eval_dataloader(eval_dataset)
        finally:
            self.data_collator = train_collator

    def evaluation_loop(self, *args, **kwargs):
        self.eval_meter = EvalMeter()
        return super().evaluation_loop(*args, **kwargs)

    def prediction_step(self, model, inputs, prediction_loss_only, ignore_keys=None):
        loss, logits, labels = super().prediction_step(model, inputs, prediction_loss_only, ignore_keys=ignore_keys)
        mask = inputs.get("attention_mask")
        self.eval_meter.tokens += int(mask.sum()) if mask is not None else int(inputs["input_ids"].numel())
        if loss is not None:
            self.eval_meter.loss_sum += float(loss.detach().float().mean())
            self.eval_meter.batches += 1
        return loss, logits, labels


class HeadRows:
    """Feeds a masked-LM head only the positions that need logits (the masked ones).

    The vocabulary projection of every position costs ``length x vocabulary`` floats: 0.8 GB in fp32 for one
    4,096-token RoBERTa sequence, and as much again for its gradient, while the loss reads the ~15% masked rows. A
    forward pre-hook on the head hands it ``hidden[rows]`` instead, so the model returns logits of shape
    ``[masked, vocabulary]``. It also keeps the head's input (the last hidden state) when asked, for the
    distillation cosine loss. Works through DDP/accelerate wrappers (the hook sits on the inner module).
    """

    def __init__(self, model: torch.nn.Module):
        from .modeling_utils import mlm_head

        self.rows: torch.Tensor | None = None
        self.keep_hidden = False
        self.hidden: torch.Tensor | None = None
        self.handle = mlm_head(model).register_forward_pre_hook(self._select)

    def _select(self, module, args):
        hidden = args[0]
        if self.keep_hidden:
            self.hidden = hidden
        if self.rows is None:
            return None
        return (hidden[self.rows], *args[1:])

    @contextlib.contextmanager
    def only(self, rows: torch.Tensor, keep_hidden: bool = False) -> Iterator[HeadRows]:
        """Within the block, the head sees ``hidden[rows]`` (``rows``: a boolean [batch, length] mask)."""
        self.rows, self.keep_hidden = rows, keep_hidden
        try:
            yield self
        finally:
            self.rows, self.keep_hidden = None, False

    def pop_hidden(self) -> torch.Tensor:
        hidden, self.hidden = self.hidden, None
        if hidden is None:
            raise RuntimeError("the MLM head was not called: no last hidden state captured")
        return hidden


def masked_lm_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy over masked positions (``logits``: [masked, vocabulary]); 0 when nothing is masked."""
    if targets.numel() == 0:
        return logits.sum() * 0.0  # keeps the graph (and DDP's gradient hooks) intact
    return F.cross_entropy(logits.float(), targets)


class MaskedLMTrainer(StageTrainer):
    """Masked-language-model training whose head computes logits for the masked positions only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.head_rows = HeadRows(self.model)

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        labels = inputs["labels"]
        masked = labels != -100
        forward = {k: v for k, v in inputs.items() if k != "labels"}
        with self.head_rows.only(masked):
            outputs = model(**forward)
        loss = masked_lm_loss(outputs.logits, labels[masked])
        return (loss, outputs) if return_outputs else loss


def resolve_precision(precision: str) -> dict[str, bool]:
    """bf16 where the GPU supports it, else fp16 on GPU, fp32 on CPU (for "auto")."""
    if precision not in ("auto", "fp32", "bf16", "fp16"):
        raise ValueError(f"--precision must be auto, fp32, bf16 or fp16, got {precision!r}")
    if precision == "auto" and torch.cuda.is_available():
        precision = "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    elif precision == "auto":
        precision = "fp32"
    if precision == "fp16" and not torch.cuda.is_available():
        raise ValueError("--precision fp16 needs a GPU; use bf16 or fp32 on CPU")
    return {"bf16": precision == "bf16", "fp16": precision == "fp16"}


def trainer_arguments(out: Path, training: TrainingArguments, streaming: bool = False, has_eval: bool = False,
                      **extra):
    """transformers' ``TrainingArguments`` for a stage writing checkpoints to ``out/checkpoints``."""
    from transformers import TrainingArguments as HFTrainingArguments

    if training.tensorboard:
        import importlib.util

        if not (importlib.util.find_spec("tensorboard") or importlib.util.find_spec("tensorboardX")):
            raise ValueError("--tensorboard needs the tensorboard package: pip install tensorboard")
    if streaming and training.max_steps <= 0:
        raise ValueError("streamed (hub:) sources have no length: set --max-steps")
    precision = resolve_precision(training.precision)
    if precision["bf16"] and not torch.cuda.is_available():
        extra.setdefault("use_cpu", True)  # transformers accepts bf16 without a GPU only when told it is on CPU
    fields = HFTrainingArguments.__dataclass_fields__
    # transformers 5.x renamed gradient_checkpointing (a FutureWarning on every run) to activation_checkpointing
    checkpointing = "activation_checkpointing" if "activation_checkpointing" in fields else "gradient_checkpointing"
    evaluate_every = has_eval and training.eval_steps is not None
    return HFTrainingArguments(
        output_dir=str(Path(out) / CHECKPOINTS),
        max_steps=training.max_steps,
        num_train_epochs=training.epochs,
        per_device_train_batch_size=training.batch_size,
        per_device_eval_batch_size=training.eval_batch_size or training.batch_size,
        gradient_accumulation_steps=training.grad_accum,
        learning_rate=training.learning_rate,
        warmup_steps=training.warmup_steps,
        weight_decay=training.weight_decay,
        max_grad_norm=training.max_grad_norm,
        save_strategy="steps",
        save_steps=training.save_steps,
        save_total_limit=training.save_total_limit,
        logging_strategy="steps",
        logging_steps=training.logging_steps,
        logging_first_step=True,
        eval_strategy="steps" if evaluate_every else "no",
        eval_steps=training.eval_steps if evaluate_every else None,
        prediction_loss_only=True,
        include_num_input_tokens_seen="non_padding",
        seed=training.seed,
        data_seed=training.seed,
        report_to=["tensorboard"] if training.tensorboard else "none",
        dataloader_num_workers=training.dataloader_workers,
        dataloader_pin_memory=torch.cuda.is_available(),
        remove_unused_columns=False,
        disable_tqdm=True,  # our progress bar (baselines.progress) replaces transformers' tqdm bars
        **{checkpointing: training.gradient_checkpointing},
        **precision,
        **extra,
    )


def find_resume_checkpoint(out: Path, resume: bool | str | None) -> str | None:
    """``resume``: False/None = fresh run (refuses a folder that already has checkpoints), True = latest
    checkpoint in ``out/checkpoints``, a path = that checkpoint."""
    folder = Path(out) / CHECKPOINTS
    last = last_complete_checkpoint(folder)
    if not resume:
        if last:
            raise FileExistsError(f"--out {out} already has checkpoints ({last}): pass --resume, or a new --out")
        return None
    if resume is True:
        if not last:
            raise FileNotFoundError(f"--resume: no checkpoint-* folder in {folder}")
        check_resume_state(Path(last))
        return last
    if not Path(resume).is_dir():
        raise FileNotFoundError(f"--resume {resume}: no such checkpoint folder")
    check_resume_state(Path(resume))
    return str(resume)


#: The Trainer's state files in a checkpoint (torch.save pickles): optimizer, scheduler, AMP scaler, RNG states.
STATE_FILES = ("optimizer.pt", "scheduler.pt", "scaler.pt", "rng_state.pth", "rng_state_*.pth")


def check_resume_state(checkpoint: Path) -> None:
    """Refuse, before training starts, a checkpoint whose files would have to be unpickled in full to resume.

    The model weights must be safetensors (:func:`~baselines.loading.check_weight_files`). The Trainer's state
    files are pickles: each is opened here as the Trainer opens it, with ``torch.load(weights_only=True)`` (only
    tensors, containers and the numpy types of an RNG state, never code) and memory-mapped (files in torch's zip
    format, which the Trainer writes), so the check reads the pickle, not the tensors. A file that needs more is
    a :class:`~baselines.loading.CheckpointError` naming it, not an ``UnpicklingError`` traceback in the middle of
    the Trainer's start.
    """
    import zipfile

    from transformers.trainer_pt_utils import safe_globals

    from .loading import SAFE_INDEX, SAFE_WEIGHTS, CheckpointError, check_weight_files

    model_pickles = sorted(p.name for p in checkpoint.glob("pytorch_model*") if p.is_file())
    safe = (checkpoint / SAFE_WEIGHTS).exists() or (checkpoint / SAFE_INDEX).exists()
    if model_pickles and not safe:
        raise CheckpointError(
            f"{checkpoint}: the model weights are pickle files only ({', '.join(model_pickles)}), no "
            f"{SAFE_WEIGHTS}; gonerd resumes from safetensors weights only, because loading a pickle file can "
            "execute code hidden in it"
        )
    if (checkpoint / "config.json").is_file():
        check_weight_files(checkpoint)
    files = sorted({file for pattern in STATE_FILES for file in checkpoint.glob(pattern) if file.is_file()})
    for file in files:
        try:
            with safe_globals():
                torch.load(file, map_location="cpu", weights_only=True, mmap=zipfile.is_zipfile(file))
        except Exception as exc:  # UnpicklingError, RuntimeError (not a zip archive), EOFError...
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise CheckpointError(
                f"{file}: cannot resume from this state file: it does not load as plain tensors with "
                f"torch.load(weights_only=True) ({type(exc).__name__}: {first}); gonerd never unpickles a "
                "checkpoint file in full, because that can execute code hidden in it. Resume from another "
                "checkpoint, or start again with a new --out"
            ) from None


def last_complete_checkpoint(folder: Path) -> str | None:
    """The latest ``checkpoint-N`` in ``folder`` that the Trainer finished writing (its ``trainer_state.json`` is
    written last). Newer, incomplete ones (a run killed while saving) are removed, with a warning: resuming from
    one would fail, and the Trainer would count it among the checkpoints it keeps."""
    import re
    import shutil

    if not folder.is_dir():
        return None
    numbered = sorted((int(m.group(1)), p) for p in folder.iterdir()
                      if p.is_dir() and (m := re.fullmatch(r"checkpoint-(\d+)", p.name)))
    complete = None
    for _, path in numbered:
        if (path / "trainer_state.json").is_file():
            complete = path
    for step, path in numbered:
        if not (path / "trainer_state.json").is_file() and (complete is None or step > int(complete.name[11:])):
            logger.warning("%s was not finished (no trainer_state.json; the run was stopped while saving it): "
                           "removed", path)
            shutil.rmtree(path, ignore_errors=True)
    return str(complete) if complete is not None else None


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
