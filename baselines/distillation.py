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
from pathlib import Path

import torch
from torch.nn import functional as F

from .arguments import (
    CorpusArguments,
    DistillationArguments,
    ModelArguments,
    TrainingArguments,
    as_model_arguments,
    coerce_arguments,
)
from .modeling_utils import mlm_logits
from .training import HeadRows, StageTrainer, masked_lm_loss

logger = logging.getLogger(__name__)

_LAYER_KEY = re.compile(r"^(.*\.encoder\.layer\.)(\d+)(\..*)$")


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
    student_hidden: torch.Tensor | None,
    teacher_logits: torch.Tensor | None,
    teacher_hidden: torch.Tensor | None,
    attention_mask: torch.Tensor,
    mlm_loss: torch.Tensor | None,
    weights: DistillationArguments,
) -> dict[str, torch.Tensor]:
    """The weighted total and each term (unweighted) for one batch.

    ``student_logits`` and ``teacher_logits`` are the vocabulary logits of the masked positions only
    ([masked, vocabulary]: the heads never compute the others); the hidden states are [batch, length, hidden]."""
    terms: dict[str, torch.Tensor] = {}
    total = student_logits.new_zeros(())
    if weights.alpha_ce > 0:
        t = weights.temperature
        if student_logits.size(0):
            s = F.log_softmax(student_logits.float() / t, dim=-1)
            p = F.softmax(teacher_logits.float() / t, dim=-1)
            terms["loss_ce"] = F.kl_div(s, p, reduction="batchmean") * t**2
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


class DistillationTrainer(StageTrainer):
    """A Trainer whose loss is :func:`distillation_losses` against a frozen teacher.

    Both MLM heads compute logits for the masked positions only (:class:`~baselines.training.HeadRows`): the
    KL and MLM terms read nothing else, and full ``length x vocabulary`` logits would dominate the memory of a
    long-sequence step (0.8 GB per 4,096-token RoBERTa sequence in fp32, for the teacher alone)."""

    def __init__(self, *args, teacher: torch.nn.Module, weights: DistillationArguments, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher = teacher.eval().requires_grad_(False).to(self.args.device)
        self.weights = weights
        self.head_rows = HeadRows(self.model)
        self._sums: dict[str, float] = {}
        self._counts = 0

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        labels = inputs["labels"]
        masked = labels != -100
        attention_mask = inputs["attention_mask"]
        forward = {k: v for k, v in inputs.items() if k != "labels"}
        with self.head_rows.only(masked, keep_hidden=True):
            outputs = model(**forward)
        student_hidden = self.head_rows.pop_hidden()
        mlm_loss = masked_lm_loss(outputs.logits, labels[masked]) if self.weights.alpha_mlm > 0 else None
        teacher_hidden = teacher_logits = None
        if self.weights.alpha_ce > 0 or self.weights.alpha_cos > 0:
            with torch.no_grad():
                teacher_hidden = self.teacher.base_model(**forward).last_hidden_state
                if self.weights.alpha_ce > 0:
                    teacher_logits = mlm_logits(self.teacher, teacher_hidden[masked])
        terms = distillation_losses(outputs.logits, student_hidden, teacher_logits, teacher_hidden, attention_mask,
                                    mlm_loss, self.weights)
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
    teacher: ModelArguments | str | Path | dict,
    data: CorpusArguments | dict,
    training: TrainingArguments | dict | None = None,
    distillation: DistillationArguments | dict | None = None,
    *,
    out: str | Path,
    resume: bool | str | None = None,
    callbacks: list | None = None,
) -> Path:
    """Distil ``teacher`` into a student with ``distillation.num_layers`` layers (default half) or the given
    teacher ``distillation.layers``.

    Writes ``out/model`` (the student and tokenizer), ``out/checkpoints``, ``provenance.json`` and
    ``training_curve.json`` (with the three loss terms); returns ``out/model``. ``callbacks``: extra
    ``TrainerCallback`` objects. With ``data.eval_sources`` the held-out distillation loss is computed too.
    """
    from .data.corpus import masked_lm_data
    from .stage import Stage, load_masked_lm

    teacher = as_model_arguments(teacher)
    data = coerce_arguments(CorpusArguments, data, "data")
    training = coerce_arguments(TrainingArguments, training, "training")
    distillation = coerce_arguments(DistillationArguments, distillation, "distillation")
    stage = Stage.start("distill", out, training, resume, teacher=teacher, data=data, distillation=distillation)
    teacher_model, tokenizer, max_length = load_masked_lm(teacher, data.max_length, role="teacher")
    student, chosen = make_student(teacher_model, num_layers=distillation.num_layers, layers=distillation.layers)
    corpus = masked_lm_data(data, tokenizer, teacher_model.config, max_length, training.seed)
    stage.record.update(max_length=max_length, arch=teacher_model.config.model_type,
                        teacher_layers=teacher_model.config.num_hidden_layers, student_layers=chosen)
    trainer = DistillationTrainer(model=student, teacher=teacher_model, weights=distillation,
                                  **corpus.trainer_kwargs(stage, callbacks))
    logger.info("distilling %s (%d layers) into layers %s", teacher.model_name_or_path,
                teacher_model.config.num_hidden_layers, chosen)
    return stage.train(trainer, tokenizer, data=corpus.summary)
