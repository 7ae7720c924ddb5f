"""Numerical checks that a conversion copied every weight to the right place.

Each converted model is rebuilt with the same weights but a configuration whose attention covers the whole input
(Longformer window >= 2 x length, BigBird "original_full", Nyströmformer landmarks = length, LSG one block with
the global tokens hidden); on inputs the source can read it must then reproduce the source's hidden states and
MLM logits. The real (sparse) configuration is run on inputs longer than the source's limit and must stay finite,
and, when it runs a fast attention path, agree with the reference attention code on them.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field

import torch

logger = logging.getLogger(__name__)

#: Allowed max |difference| between source and converted outputs: ATOL + RTOL * max |source output| (float32),
#: computed separately for the last hidden states and for the MLM logits (whose scale is larger).
DEFAULT_ATOL = 1e-5
DEFAULT_RTOL = 1e-5


@dataclass
class EquivalenceReport:
    arch: str
    lengths: list[int]
    max_hidden_diff: float = 0.0
    hidden_scale: float = 0.0  # max |source hidden state| over the compared (real) tokens
    max_logit_diff: float | None = None
    logit_scale: float | None = None
    same_predictions: bool | None = None
    long_length: int | None = None
    long_outputs_finite: bool | None = None
    # Fast attention against the reference code on the long input (same weights); None without a fast path.
    fast_max_hidden_diff: float | None = None
    fast_hidden_scale: float | None = None
    atol: float = DEFAULT_ATOL
    rtol: float = DEFAULT_RTOL
    variants: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def hidden_tolerance(self) -> float:
        return self.atol + self.rtol * self.hidden_scale

    @property
    def logit_tolerance(self) -> float | None:
        return None if self.logit_scale is None else self.atol + self.rtol * self.logit_scale

    @property
    def fast_tolerance(self) -> float | None:
        return None if self.fast_hidden_scale is None else self.atol + self.rtol * self.fast_hidden_scale

    @property
    def passed(self) -> bool:
        ok = self.max_hidden_diff <= self.hidden_tolerance
        if self.max_logit_diff is not None:
            ok = ok and self.max_logit_diff <= self.logit_tolerance and bool(self.same_predictions)
        if self.long_outputs_finite is not None:
            ok = ok and self.long_outputs_finite
        if self.fast_max_hidden_diff is not None:
            ok = ok and self.fast_max_hidden_diff <= self.fast_tolerance
        return ok

    def to_dict(self) -> dict:
        return {**asdict(self), "hidden_tolerance": self.hidden_tolerance, "logit_tolerance": self.logit_tolerance,
                "fast_tolerance": self.fast_tolerance, "passed": self.passed}


def sample_inputs(
    tokenizer, length: int, batch: int = 2, seed: int = 0, type_vocab_size: int = 1
) -> dict[str, torch.Tensor]:
    """Random ordinary tokens framed by the tokenizer's start/end tokens; the last row is right-padded to 3/4.

    With ``type_vocab_size`` > 1 (BERT sources) the rows also get ``token_type_ids``: segment 0 up to a random
    point, then segment 1 (as a sentence pair would), so the token-type embeddings are checked too.
    """
    generator = torch.Generator().manual_seed(seed + length)
    special = set(tokenizer.all_special_ids)
    vocab = [i for i in range(len(tokenizer)) if i not in special]
    if not vocab:
        raise ValueError("the tokenizer has no ordinary tokens")
    vocab_t = torch.tensor(vocab)
    ids = vocab_t[torch.randint(len(vocab), (batch, length), generator=generator)]
    mask = torch.ones(batch, length, dtype=torch.long)
    types = torch.zeros(batch, length, dtype=torch.long)
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
        if type_vocab_size > 1 and real > 1:
            boundary = int(torch.randint(1, real, (1,), generator=generator))
            types[row, boundary:real] = 1
    inputs = {"input_ids": ids, "attention_mask": mask}
    if type_vocab_size > 1:
        inputs["token_type_ids"] = types
    return inputs


def reference_copy(model: torch.nn.Module) -> torch.nn.Module | None:
    """A copy of ``model`` running the reference attention code, or None when ``model`` runs no fast path."""
    import copy

    from baselines.attention import set_attention_impl, uses_fast_attention

    if not uses_fast_attention(model):
        return None
    return set_attention_impl(copy.deepcopy(model), "reference").eval()


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
    atol: float = DEFAULT_ATOL,
    rtol: float = DEFAULT_RTOL,
) -> EquivalenceReport:
    """Compare ``model`` (converted from ``source``, a :class:`~baselines.convert.source.SourceModel`) with it.

    Passes when, on every length and input variant, max |Δ| over real tokens <= atol + rtol * max |source output|
    for the last hidden states and (when the source has an MLM head) for the MLM logits, with the same argmax
    predictions, and the real (sparse) model gives finite outputs on ``long_length`` tokens. Architectures with
    weights only some inputs use get extra input variants (Longformer: token 0 marked global, which runs its
    global query/key/value projections).
    """
    from baselines.convert import ARCHITECTURES

    module = ARCHITECTURES[arch]
    if lengths is None:
        lengths = tuple(sorted({min(16, source.max_source_length), min(512, source.max_source_length)}))
    report = EquivalenceReport(arch=arch, lengths=list(lengths), atol=atol, rtol=rtol)
    variants = getattr(module, "check_variants", lambda inputs: {"plain": {}})
    type_vocab_size = getattr(source.config, "type_vocab_size", 1) or 1
    source_model = source.model.eval()
    for length in lengths:
        if length > source.max_source_length:
            raise ValueError(f"length {length} exceeds what the source reads ({source.max_source_length})")
        inputs = sample_inputs(source.tokenizer, length, type_vocab_size=type_vocab_size)
        covered = module.full_coverage(model, length)
        ref_hidden, ref_logits = _mlm_forward(source_model, inputs)
        real = inputs["attention_mask"].bool()
        report.hidden_scale = max(report.hidden_scale, ref_hidden[real].abs().max().item())
        for name, extra in variants(inputs).items():
            if name not in report.variants:
                report.variants.append(name)
            hidden, logits = _mlm_forward(covered, {**inputs, **extra})
            report.max_hidden_diff = max(report.max_hidden_diff, (hidden - ref_hidden)[real].abs().max().item())
            if source.has_mlm_head:
                report.logit_scale = max(report.logit_scale or 0.0, ref_logits[real].abs().max().item())
                diff = (logits - ref_logits)[real].abs().max().item()
                report.max_logit_diff = max(report.max_logit_diff or 0.0, diff)
                same = bool((logits.argmax(-1) == ref_logits.argmax(-1))[real].all())
                report.same_predictions = same if report.same_predictions is None else report.same_predictions and same
    if not source.has_mlm_head:
        report.notes.append("the source has no MLM head: logits not compared")
    if long_length and arch == "nystromformer" and model.config.num_landmarks != model.config.segment_means_seq_len:
        long_length = model.config.segment_means_seq_len  # transformers' Nyströmformer reads exactly this length
    if long_length:
        inputs = sample_inputs(source.tokenizer, long_length, batch=1, type_vocab_size=type_vocab_size)
        reference = reference_copy(model)
        finite = True
        for extra in variants(inputs).values():
            hidden, logits = _mlm_forward(model.eval(), {**inputs, **extra})
            finite = finite and bool(torch.isfinite(hidden).all() and torch.isfinite(logits).all())
            if reference is not None:
                ref_hidden, _ = _mlm_forward(reference, {**inputs, **extra})
                report.fast_hidden_scale = max(report.fast_hidden_scale or 0.0, ref_hidden.abs().max().item())
                diff = (hidden - ref_hidden).abs().max().item()
                report.fast_max_hidden_diff = max(report.fast_max_hidden_diff or 0.0, diff)
        report.long_length = long_length
        report.long_outputs_finite = finite
    logger.info("equivalence check %s: %s", arch, report.to_dict())
    return report
