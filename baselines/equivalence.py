"""Numerical checks that a conversion copied every weight to the right place.

Each converted model is rebuilt with the same weights but a configuration whose attention covers the whole input
(Longformer window >= 2 x length, BigBird "original_full", Nyströmformer landmarks = length, LSG one block with
the global tokens hidden); on inputs the source can read it must then reproduce the source's hidden states and
MLM logits. The real (sparse) configuration is run on inputs longer than the source's limit and must stay finite.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field

import torch

logger = logging.getLogger(__name__)

#: Max |difference| allowed between source and converted hidden states / logits (float32, values O(1)).
DEFAULT_TOLERANCE = 1e-4


@dataclass
class EquivalenceReport:
    arch: str
    lengths: list[int]
    max_hidden_diff: float = 0.0
    max_logit_diff: float | None = None
    same_predictions: bool | None = None
    long_length: int | None = None
    long_outputs_finite: bool | None = None
    tolerance: float = DEFAULT_TOLERANCE
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        ok = self.max_hidden_diff <= self.tolerance
        if self.max_logit_diff is not None:
            ok = ok and self.max_logit_diff <= self.tolerance and bool(self.same_predictions)
        if self.long_outputs_finite is not None:
            ok = ok and self.long_outputs_finite
        return ok

    def to_dict(self) -> dict:
        return {**asdict(self), "passed": self.passed}


def sample_inputs(tokenizer, length: int, batch: int = 2, seed: int = 0) -> dict[str, torch.Tensor]:
    """Random ordinary tokens framed by the tokenizer's start/end tokens; the last row is right-padded to 3/4."""
    generator = torch.Generator().manual_seed(seed + length)
    special = set(tokenizer.all_special_ids)
    vocab = [i for i in range(len(tokenizer)) if i not in special]
    if not vocab:
        raise ValueError("the tokenizer has no ordinary tokens")
    vocab_t = torch.tensor(vocab)
    ids = vocab_t[torch.randint(len(vocab), (batch, length), generator=generator)]
    mask = torch.ones(batch, length, dtype=torch.long)
    start = tokenizer.cls_token_id if tokenizer.cls_token_id is not None else tokenizer.bos_token_id
    end = tokenizer.sep_token_id if tokenizer.sep_token_id is not None else tokenizer.eos_token_id
    for row in range(batch):
        real = length if row < batch - 1 or batch == 1 else max(2, length - length // 4)
        if start is not None:
            ids[row, 0] = start
        if end is not None:
            ids[row, real - 1] = end
        ids[row, real:] = tokenizer.pad_token_id
        mask[row, real:] = 0
    return {"input_ids": ids, "attention_mask": mask}


def _mlm_forward(model, inputs) -> tuple[torch.Tensor, torch.Tensor]:
    """(last hidden state, MLM logits) of a *ForMaskedLM model, whatever its head is called."""
    from baselines.modeling_utils import mlm_logits

    with torch.no_grad():
        hidden = model.base_model(**inputs).last_hidden_state
        return hidden, mlm_logits(model, hidden)


def check_conversion(
    source,
    model: torch.nn.Module,
    arch: str,
    lengths: tuple[int, ...] | None = None,
    long_length: int | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
) -> EquivalenceReport:
    """Compare ``model`` (converted from ``source``, a :class:`~baselines.convert.source.SourceModel`) with it."""
    from baselines.convert import ARCHITECTURES

    module = ARCHITECTURES[arch]
    if lengths is None:
        lengths = tuple(sorted({min(16, source.max_source_length), min(512, source.max_source_length)}))
    report = EquivalenceReport(arch=arch, lengths=list(lengths), tolerance=tolerance)
    source_model = source.model.eval()
    for length in lengths:
        if length > source.max_source_length:
            raise ValueError(f"length {length} exceeds what the source reads ({source.max_source_length})")
        inputs = sample_inputs(source.tokenizer, length)
        covered = module.full_coverage(model, length)
        ref_hidden, ref_logits = _mlm_forward(source_model, inputs)
        hidden, logits = _mlm_forward(covered, inputs)
        real = inputs["attention_mask"].bool()
        report.max_hidden_diff = max(report.max_hidden_diff, (hidden - ref_hidden)[real].abs().max().item())
        if source.has_mlm_head:
            diff = (logits - ref_logits)[real].abs().max().item()
            report.max_logit_diff = max(report.max_logit_diff or 0.0, diff)
            same = bool((logits.argmax(-1) == ref_logits.argmax(-1))[real].all())
            report.same_predictions = same if report.same_predictions is None else report.same_predictions and same
    if not source.has_mlm_head:
        report.notes.append("the source has no MLM head: logits not compared")
    if long_length and arch == "nystromformer" and model.config.num_landmarks != model.config.segment_means_seq_len:
        long_length = model.config.segment_means_seq_len  # transformers' Nyströmformer reads exactly this length
    if long_length:
        inputs = sample_inputs(source.tokenizer, long_length, batch=1)
        hidden, logits = _mlm_forward(model.eval(), inputs)
        report.long_length = long_length
        report.long_outputs_finite = bool(torch.isfinite(hidden).all() and torch.isfinite(logits).all())
    logger.info("equivalence check %s: %s", arch, report.to_dict())
    return report
