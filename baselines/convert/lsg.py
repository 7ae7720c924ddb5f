"""RoBERTa/BERT -> LSG (Condevaux & Harispe 2023): local + sparse + global attention, our native classes."""

from __future__ import annotations

import torch

from ..lsg.attention import LSGSelfAttention
from ..lsg.fast_attention import FastLSGSelfAttention
from .common import encoder_state, head_state, load_complete, same_weights_copy
from .source import SourceModel

DEFAULTS = {
    "block_size": 128,
    "sparse_block_size": 128,
    "sparsity_factor": 2,
    "sparsity_type": "norm",
    "num_global_tokens": 1,
    "global_positional_stride": 64,
}
#: Options for which None is a value, not "use the default": sparsity_type=None turns the sparse part off.
NULLABLE = ("sparsity_type",)


def global_embeddings(source: SourceModel, stride: int = 64) -> torch.Tensor:
    """512 global rows as lsg-converter 0.1.9 initialises them (``update_global`` and ``order_positions`` of its
    RoBERTa/BERT conversion scripts, with their defaults): 512 source position rows, reordered by the positional
    stride, plus the <s>/[CLS] word embedding for row 0 and the mask-token embedding for the others; for BERT
    sources (``use_token_ids=True``) every row also gets the token-type-0 embedding.

    Positions: the rows past the source's offset (RoBERTa's 2); with more than 512 of them, the first
    512·(n // 512) are kept and every (n // 512)-th taken, and the reordering then uses ``stride // (n // 512)``.
    Deviations: with fewer than 512 rows lsg-converter appends random rows (drawn from the rows' mean and std); we
    tile the source rows instead (deterministic). Where lsg-converter's reshape would fail (``stride // factor`` 0
    or not dividing 512) the rows keep their order. Only the first ``num_global_tokens`` rows are used.
    """
    words = source.encoder["embeddings.word_embeddings.weight"]
    positions = source.encoder["embeddings.position_embeddings.weight"][source.position_offset :].clone()
    n, d = positions.shape
    if n % 512:
        positions = positions[: 512 * (n // 512)] if n > 512 else positions.repeat(-(-512 // n), 1)[:512]
    factor = positions.size(0) // 512
    positions = positions.reshape(512, factor, d)[:, 0]
    step = stride // factor if stride else 0
    if step and 512 % step == 0:
        positions = positions.reshape(-1, step, d).transpose(0, 1).reshape(-1, d)
    tok = source.tokenizer
    bos = tok.bos_token_id if tok.bos_token_id is not None else tok.cls_token_id
    if bos is None or tok.mask_token_id is None:
        raise ValueError(f"SOURCE {source.name!r}: the tokenizer needs a <s>/[CLS] and a mask token for LSG")
    positions = positions.clone()
    positions[0] += words[bos]
    positions[1:] += words[tok.mask_token_id].unsqueeze(0)
    token_types = source.encoder.get("embeddings.token_type_embeddings.weight")
    if source.family == "bert" and token_types is not None:
        positions += token_types[0].unsqueeze(0)
    return positions.contiguous()


def build(
    source: SourceModel,
    max_length: int,
    block_size: int = 128,
    sparse_block_size: int = 128,
    sparsity_factor: int = 2,
    sparsity_type: str | None = "norm",
    num_global_tokens: int = 1,
    global_positional_stride: int = 64,
) -> torch.nn.Module:
    """LSGRobertaForMaskedLM (RoBERTa family) or LSGBertForMaskedLM (BERT) with the source's weights."""
    from baselines.lsg import LSGBertConfig, LSGBertForMaskedLM, LSGRobertaConfig, LSGRobertaForMaskedLM

    if sparsity_type is None:  # stored as "none" (lsg-converter reads None and "none" alike)
        sparsity_type = "none"
    roberta = source.family == "roberta"
    config_class, model_class = (
        (LSGRobertaConfig, LSGRobertaForMaskedLM) if roberta else (LSGBertConfig, LSGBertForMaskedLM)
    )
    settings = {k: v for k, v in source.config.to_dict().items() if k not in ("model_type", "architectures")}
    offset = source.position_offset
    config = config_class(
        **{
            **settings,
            "max_position_embeddings": max_length + offset,
            "block_size": block_size,
            "sparse_block_size": sparse_block_size,
            "sparsity_factor": sparsity_factor,
            "sparsity_type": sparsity_type,
            "num_global_tokens": num_global_tokens,
        }
    )
    model = model_class(config)
    prefix = "roberta." if roberta else "bert."
    state = encoder_state(source, prefix, max_length, offset)
    state[prefix + "embeddings.global_embeddings.weight"] = global_embeddings(source, global_positional_stride)
    state.update(head_state(source, "lm_head" if roberta else "cls"))
    load_complete(model, state)
    return model.eval()


def full_coverage(model: torch.nn.Module, length: int) -> torch.nn.Module:
    """Same weights, one block covering the input (plain attention), global tokens hidden from the other tokens
    and not pooled into the first token: the real tokens then compute exactly what the source computes."""
    sf = max(model.config.sparsity_factor, 1)
    steps = 1
    while sf * steps < length:  # a power-of-two step keeps the (unused) sparse settings valid
        steps *= 2
    block = sf * steps
    config = type(model.config).from_dict(
        {**model.config.to_dict(), "block_size": block, "sparse_block_size": block, "pool_with_global": False,
         "mask_first_token": False}
    )
    copy = same_weights_copy(model, type(model), config)
    for module in copy.modules():
        hidden = _GLOBALS_HIDDEN.get(type(module))
        if hidden is not None:
            module.__class__ = hidden
    return copy


class _GlobalsHidden:
    """For the conversion check only: the global tokens are masked as keys, so that with one block covering the
    input the real tokens compute exactly what the source model computes."""

    def _global_key_mask(self, query: torch.Tensor, n: int, g: int) -> torch.Tensor:
        return query.new_full((n, 1, 1, g), torch.finfo(query.dtype).min)


class _GlobalsHiddenAttention(_GlobalsHidden, LSGSelfAttention):
    pass


class _GlobalsHiddenFastAttention(_GlobalsHidden, FastLSGSelfAttention):
    pass


#: Attention class of the converted model -> its check-only variant (fast or reference, as the model runs).
_GLOBALS_HIDDEN = {LSGSelfAttention: _GlobalsHiddenAttention, FastLSGSelfAttention: _GlobalsHiddenFastAttention}
