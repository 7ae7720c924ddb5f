"""`distill`: DistilBERT-style distillation of an efficient-attention teacher into a shallower student.

The student has the teacher's architecture and configuration with fewer layers, starts from a subset of the
teacher's layers (by default spread like DistilBERT's 0,2,4,7,9,11 for 12 -> 6) and all its other weights
(embeddings, global tokens, MLM head). The loss is DistilBERT's (Sanh et al. 2019, ``distiller.py``):

    alpha_ce * KL(softmax(teacher/T) || softmax(student/T)) * T^2   on the masked positions
  + alpha_mlm * cross-entropy of the student on the masked tokens
  + alpha_cos * (1 - cos(student hidden, teacher hidden))            on the last hidden states of real tokens

Defaults follow DistilBERT's published command: alpha_ce 5.0, alpha_mlm 2.0, alpha_cos 1.0, T = 2.
"""

from __future__ import annotations

import copy
import logging
import math
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from torch.nn import functional as F

from .modeling_utils import mlm_logits
from .training import MeanLossTrainer

logger = logging.getLogger(__name__)

_LAYER_KEY = re.compile(r"^(.*\.encoder\.layer\.)(\d+)(\..*)$")


@dataclass
class DistillationLoss:
    """Weights of the three loss terms and the softmax temperature (0 switches a term off)."""

    alpha_ce: float = 5.0
    alpha_mlm: float = 2.0
    alpha_cos: float = 1.0
    temperature: float = 2.0

    def __post_init__(self):
        if min(self.alpha_ce, self.alpha_mlm, self.alpha_cos) < 0:
            raise ValueError("--alpha-ce, --alpha-mlm and --alpha-cos must be >= 0")
        if self.alpha_ce + self.alpha_mlm + self.alpha_cos <= 0:
            raise ValueError("at least one of --alpha-ce, --alpha-mlm, --alpha-cos must be > 0")
        if self.temperature <= 0:
            raise ValueError(f"--temperature must be > 0, got {self.temperature}")


def default_student_layers(teacher_layers: int, student_layers: int) -> list[int]:
    """Evenly spread layers, first and last included: 12 -> 6 gives DistilBERT's [0, 2, 4, 7, 9, 11]."""
    if not 1 <= student_layers <= teacher_layers:
        raise ValueError(f"the student needs 1..{teacher_layers} layers, got {student_layers}")
    if student_layers == 1:
        return [0]
    step = (teacher_layers - 1) / (student_layers - 1)
    return [math.floor(i * step + 0.5) for i in range(student_layers)]


def make_student(
    teacher: torch.nn.Module, num_layers: int | None = None, layers: list[int] | None = None
) -> tuple[torch.nn.Module, list[int]]:
    """A model of the teacher's class with ``layers`` (teacher indices, in order) as its layers and every
    non-layer weight copied; returns (student, layers)."""
    from .convert.common import load_complete
    from .modeling_utils import apply_runtime_fixes

    n_teacher = teacher.config.num_hidden_layers
    if layers is None:
        layers = default_student_layers(n_teacher, num_layers or max(1, n_teacher // 2))
    elif num_layers is not None and num_layers != len(layers):
        raise ValueError(f"--num-layers {num_layers} disagrees with --layers {layers}")
    if not layers or any(not 0 <= i < n_teacher for i in layers) or len(set(layers)) != len(layers):
        raise ValueError(f"--layers {layers}: need distinct teacher layer indices in 0..{n_teacher - 1}")
    config = copy.deepcopy(teacher.config)
    config.num_hidden_layers = len(layers)
    window = getattr(config, "attention_window", None)
    if isinstance(window, list | tuple):  # Longformer: one window per layer
        config.attention_window = [window[i] for i in layers]
    student = type(teacher)(config)
    position = {teacher_index: student_index for student_index, teacher_index in enumerate(layers)}
    state = {}
    for name, tensor in teacher.state_dict().items():
        match = _LAYER_KEY.match(name)
        if match is None:
            state[name] = tensor.clone()
        elif int(match.group(2)) in position:
            state[f"{match.group(1)}{position[int(match.group(2))]}{match.group(3)}"] = tensor.clone()
    load_complete(student, state)
    return apply_runtime_fixes(student), list(layers)


def distillation_losses(
    student_logits: torch.Tensor,
    student_hidden: torch.Tensor,
    teacher_logits: torch.Tensor | None,
    teacher_hidden: torch.Tensor | None,
    labels: torch.Tensor,
    attention_mask: torch.Tensor,
    mlm_loss: torch.Tensor | None,
    weights: DistillationLoss,
) -> dict[str, torch.Tensor]:
    """The weighted total and each term (unweighted) for one batch."""
    terms: dict[str, torch.Tensor] = {}
    total = student_logits.new_zeros(())
    if weights.alpha_ce > 0:
        masked = labels != -100
        t = weights.temperature
        if masked.any():
            s = F.log_softmax(student_logits[masked] / t, dim=-1)
            p = F.softmax(teacher_logits[masked].float() / t, dim=-1)
            terms["loss_ce"] = F.kl_div(s.float(), p, reduction="batchmean") * t**2
        else:  # no masked token in the batch (tiny batches): nothing to match
            terms["loss_ce"] = student_logits.sum() * 0.0
        total = total + weights.alpha_ce * terms["loss_ce"]
    if weights.alpha_mlm > 0:
        terms["loss_mlm"] = mlm_loss
        total = total + weights.alpha_mlm * mlm_loss
    if weights.alpha_cos > 0:
        real = attention_mask.bool()
        s, t_ = student_hidden[real].float(), teacher_hidden[real].float()
        terms["loss_cos"] = F.cosine_embedding_loss(s, t_, torch.ones(s.size(0), device=s.device))
        total = total + weights.alpha_cos * terms["loss_cos"]
    terms["loss"] = total
    return terms


class DistillationTrainer(MeanLossTrainer):
    """A Trainer whose loss is :func:`distillation_losses` against a frozen teacher."""

    def __init__(self, *args, teacher: torch.nn.Module, weights: DistillationLoss, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher = teacher.eval().requires_grad_(False).to(self.args.device)
        self.weights = weights
        self._captured: dict[str, torch.Tensor] = {}
        self._sums: dict[str, float] = {}
        self._counts = 0
        # The student's last hidden state, captured where the wrapped (DDP) forward computes it.
        base = self.accelerator.unwrap_model(self.model).base_model
        base.register_forward_hook(self._capture)

    def _capture(self, module, args, output):
        self._captured["hidden"] = output[0] if isinstance(output, tuple) else output.last_hidden_state

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        labels = inputs["labels"]
        attention_mask = inputs["attention_mask"]
        forward = {k: v for k, v in inputs.items() if k != "labels"}
        outputs = model(**forward, labels=labels if self.weights.alpha_mlm > 0 else None)
        student_hidden = self._captured.pop("hidden")
        teacher_hidden = teacher_logits = None
        if self.weights.alpha_ce > 0 or self.weights.alpha_cos > 0:
            with torch.no_grad():
                teacher_hidden = self.teacher.base_model(**forward).last_hidden_state
                if self.weights.alpha_ce > 0:
                    teacher_logits = mlm_logits(self.teacher, teacher_hidden)
        terms = distillation_losses(
            outputs.logits, student_hidden, teacher_logits, teacher_hidden, labels, attention_mask,
            outputs.loss, self.weights,
        )
        if model.training:
            for name, value in terms.items():
                if name != "loss":
                    self._sums[name] = self._sums.get(name, 0.0) + float(value.detach())
            self._counts += 1
        return (terms["loss"], outputs) if return_outputs else terms["loss"]

    def log(self, logs: dict[str, float], *args, **kwargs) -> None:
        if "loss" in logs and self._counts:
            logs.update({name: round(total / self._counts, 6) for name, total in self._sums.items()})
            self._sums, self._counts = {}, 0
        super().log(logs, *args, **kwargs)


def distill(
    teacher_path: str | Path,
    sources: list[str],
    out: str | Path,
    settings=None,
    num_layers: int | None = None,
    layers: list[int] | None = None,
    weights: DistillationLoss | None = None,
    max_length: int | None = None,
    mlm_probability: float = 0.15,
    stopping: str = "first_exhausted",
    max_examples: int | None = None,
    text_field: str = "text",
    split: str = "train",
    resume: bool | str | None = None,
    callbacks: list | None = None,
) -> Path:
    """Distil ``teacher_path`` into a student with ``num_layers`` (default half) or the given teacher ``layers``.

    Writes ``out/model`` (the student and tokenizer), ``out/checkpoints``, ``provenance.json`` and
    ``training_curve.json`` (with the three loss terms); returns ``out/model``. ``callbacks``: extra
    ``TrainerCallback`` objects.
    """
    from .data import mlm_collator, training_data
    from .provenance import PROVENANCE_FILE, atomic_folder, earlier_runs, provenance, write_json
    from .training import (
        CURVE_FILE,
        FINAL_MODEL,
        CurveCallback,
        EpochCallback,
        ProgressCallback,
        TrainingSettings,
        start_run,
        training_arguments,
    )

    settings = settings or TrainingSettings()
    weights = weights or DistillationLoss()
    started = time.time()
    run = start_run(teacher_path, sources, out, settings, resume, max_length, role="teacher")
    sources, out, resume_from, max_length = run.sources, run.out, run.resume_from, run.max_length
    teacher_path, teacher, tokenizer = run.model_path, run.model, run.tokenizer
    student, chosen = make_student(teacher, num_layers=num_layers, layers=layers)
    dataset, data_summary = training_data(
        sources, tokenizer, max_length, seed=settings.seed, stopping=stopping, max_examples=max_examples,
        text_field=text_field, split=split,
    )
    collator = mlm_collator(tokenizer, teacher.config, mlm_probability, seed=settings.seed)
    trainer = DistillationTrainer(
        model=student,
        args=training_arguments(out, settings, streaming=bool(data_summary.get("streaming"))),
        train_dataset=dataset,
        data_collator=collator,
        callbacks=[CurveCallback(out / CURVE_FILE), EpochCallback(collator), *(callbacks or [])],
        teacher=teacher,
        weights=weights,
    )
    ProgressCallback.install(trainer)
    record = {
        "teacher": str(teacher_path),
        "arch": teacher.config.model_type,
        "teacher_layers": teacher.config.num_hidden_layers,
        "student_layers": chosen,
        "loss": asdict(weights),
        "sources": sources,
        "max_length": max_length,
        "mlm_probability": mlm_probability,
        "training": vars(settings) if not isinstance(settings, dict) else settings,
        "resume_from": resume_from,
    }
    # a resumed run keeps the records of the runs before it (the file is rewritten at the end of this one)
    previous = earlier_runs(out / PROVENANCE_FILE) if resume_from else []
    if trainer.is_world_process_zero():
        write_json(out / PROVENANCE_FILE, provenance("distill", record, seeds={"seed": settings.seed},
                                                     previous_runs=previous,
                                                     data=data_summary, status="running"))
    logger.info("distilling %s (%d layers) into layers %s", teacher_path, teacher.config.num_hidden_layers, chosen)
    result = trainer.train(resume_from_checkpoint=resume_from)

    final = out / FINAL_MODEL
    if trainer.is_world_process_zero():
        with atomic_folder(final, overwrite=True) as tmp:
            trainer.model.save_pretrained(tmp, safe_serialization=True)
            tokenizer.save_pretrained(tmp)
        write_json(
            out / PROVENANCE_FILE,
            provenance("distill", record, seeds={"seed": settings.seed}, data=data_summary, status="finished",
                       previous_runs=previous,
                       global_step=trainer.state.global_step, train_metrics=result.metrics,
                       seconds=round(time.time() - started, 2)),
        )
    trainer.accelerator.wait_for_everyone()
    return final
