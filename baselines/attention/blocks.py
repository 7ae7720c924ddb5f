"""Blocked attention with ``torch.nn.functional.scaled_dot_product_attention`` (SDPA): the kernels of the fast paths.

Long-document attention patterns (sliding windows, global tokens, BigBird's random blocks, LSG's sparse keys) are
computed as many small dense attentions: the queries are cut into blocks, every block gets the few key blocks it
may see, gathered into one tensor, and one SDPA call runs them all as a batch. SDPA picks a fused kernel (flash
attention on CPU and GPU) that never materialises the scores, so work and memory grow with length × keys per
block, never length². Masks are additive, in the query's dtype, with the dtype's finite minimum for "no": a row whose
keys are all masked then gives a uniform average, never NaN (callers zero such rows where the reference does).
``benchmarks/attention_scaling.py --kernels`` compares this with the alternatives we measured.
"""

from __future__ import annotations

import functools

import torch
from torch.nn import functional as F

#: Size of the key (or value) tensor gathered for one SDPA call on CPU (bytes). Blocks are attended in groups of
#: about this size: large enough for efficient kernels, small enough to stay in cache and for the allocator to reuse
#: freed memory (fresh allocations above glibc's 32 MB mmap threshold pay a page fault on every 4 kB page).
GROUP_BYTES = 4 * 2**20
#: On GPUs the caching allocator reuses memory and every call is a kernel launch: far fewer, larger groups.
GPU_GROUP_BYTES = 512 * 2**20


def group_bytes(device: torch.device) -> int:
    """How many bytes of gathered keys one SDPA call should take on ``device``."""
    return GROUP_BYTES if device.type == "cpu" else GPU_GROUP_BYTES


def additive_mask(allowed: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """0 where ``allowed`` (bool), the dtype's finite minimum elsewhere."""
    zero = torch.zeros((), dtype=dtype, device=allowed.device)
    return torch.where(allowed, zero, torch.finfo(dtype).min)


def attend(
    query: torch.Tensor,
    key: torch.Tensor,
    value: torch.Tensor,
    mask: torch.Tensor | None,
    dropout_p: float = 0.0,
    scale: float | None = None,
) -> torch.Tensor:
    """SDPA on 4-D tensors [batch, groups, rows, head_dim]; ``mask`` broadcasts to [batch, groups, rows, keys]."""
    if mask is not None and mask.dtype != torch.bool:
        mask = mask.to(query.dtype)
    return F.scaled_dot_product_attention(query, key, value, attn_mask=mask, dropout_p=dropout_p, scale=scale)


def sliding_windows(x: torch.Tensor, block: int, blocks_each_side: int) -> torch.Tensor:
    """[n, L, ...] with L a multiple of ``block`` -> [n, L/block, ..., (2·s+1)·block] (a view, s = blocks each side).

    Window j covers tokens [(j - s)·block, (j + s + 1)·block); positions outside the sequence are zeros (callers
    mask them). The window dimension is last: move it where the caller needs it.
    """
    pad = blocks_each_side * block
    padding = [0, 0] * (x.dim() - 2) + [pad, pad]
    return F.pad(x, padding).unfold(1, (2 * blocks_each_side + 1) * block, block)


def band(block: int, blocks_each_side: int, radius: int, device: torch.device) -> torch.Tensor:
    """[block, (2·s+1)·block] bool: query i of a block may see window key j when |key position − i| ≤ radius."""
    rows = torch.arange(block, device=device).view(-1, 1) + blocks_each_side * block
    cols = torch.arange((2 * blocks_each_side + 1) * block, device=device).view(1, -1)
    return (cols - rows).abs() <= radius


# ----------------------------------------------------------------------------------------------------------------
# Attention split over disjoint key sets. A query's attention over the union of key sets A and B is the two
# attentions' outputs averaged with weights exp(lse_A − lse), exp(lse_B − lse), lse = log(exp(lse_A) + exp(lse_B))
# (the log-sum-exp of each query's scores over each set): so keys that are strided views of the projections (a
# sliding window) and keys shared by every block (global ones) need not be gathered into one tensor per block.
# PyTorch's CPU flash kernel returns that log-sum-exp, but not differentiably: the split is for passes that need no
# gradient (inference), on CPU; training keeps one SDPA call over gathered keys.
_FLASH_CPU = getattr(torch.ops.aten, "_scaled_dot_product_flash_attention_for_cpu", None)


def can_split_keys(query: torch.Tensor, dropout_p: float = 0.0) -> bool:
    """True when an attention over ``query`` may be computed as merged parts (:func:`attend_with_lse`)."""
    return (_FLASH_CPU is not None and query.device.type == "cpu" and dropout_p == 0.0
            and not (torch.is_grad_enabled() and query.requires_grad))


def attend_with_lse(
    query: torch.Tensor, key: torch.Tensor, value: torch.Tensor, mask: torch.Tensor | None, scale: float
) -> tuple[torch.Tensor, torch.Tensor]:
    """SDPA on 4-D tensors and each query's log-sum-exp of its (scaled, masked) scores: ([B, H, M, d], float32
    [B, H, M]). ``mask`` is additive (float32 is accepted with bf16 queries) and broadcasts to [B, H, M, keys].
    Under autocast the inputs are cast as ``scaled_dot_product_attention`` casts them (the raw kernel is not)."""
    if torch.is_autocast_enabled(query.device.type):
        dtype = torch.get_autocast_dtype(query.device.type)
        query, key, value = (x.to(dtype) for x in (query, key, value))
    return _FLASH_CPU(query, key, value, 0.0, False, attn_mask=mask, scale=scale)


def merge_attention(parts: list[tuple[torch.Tensor, torch.Tensor]]) -> torch.Tensor:
    """The attention over the union of the parts' (disjoint) key sets, from each part's (output, log-sum-exp) of
    the same queries (outputs [..., M, d], log-sum-exps [..., M]); computed in float32, returned in the outputs'
    dtype."""
    if len(parts) == 2:  # one pass: out_2 + (out_1 − out_2) · sigmoid(lse_1 − lse_2)
        (first, first_lse), (second, second_lse) = parts
        weight = torch.sigmoid(first_lse - second_lse).unsqueeze(-1)
        if first.dtype == torch.float32:
            return torch.lerp(second, first, weight)
        return torch.lerp(second.float(), first.float(), weight).to(first.dtype)
    lse = functools.reduce(torch.logaddexp, [part_lse for _, part_lse in parts])
    merged = None
    for output, part_lse in parts:
        weight = torch.exp(part_lse - lse).unsqueeze(-1)
        term = output * weight if output.dtype == torch.float32 else output.float() * weight
        merged = term if merged is None else merged.add_(term)
    return merged.to(parts[0][0].dtype)
