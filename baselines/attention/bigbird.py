"""Fast BigBird block-sparse attention: every query block's keys gathered into one batched SDPA call.

Same module, weights and outputs as transformers' ``BigBirdBlockSparseAttention`` (it subclasses it and only
replaces ``forward``). With ``nb`` blocks of ``block_size`` tokens: blocks 0 and nb − 1 attend to every key; every
other block j attends to blocks 0, j − 1, j, j + 1, nb − 1 and its random blocks. The reference computes blocks 1,
nb − 2 and the middle ones in five separately written parts, and rebuilds the full L × L probability matrix on every
call; here the middle blocks are one SDPA over gathered key blocks (for j = 1 and j = nb − 2 the window block that
repeats block 0 or nb − 1 is masked, which is exactly what the reference's special cases compute).

Inference (no gradients, on CPU) gathers nothing but the random blocks: the middle blocks' attention is merged
from their attention to the first and last blocks (the same keys for all), to their window (a strided view of the
keys) and to their random blocks (see ``_split_forward`` and ``blocks.merge_attention``).

Random blocks. The random block plan is the reference's own: the same transformers functions, called the same
way (``np.random.seed(layer index)`` first in training mode, the paper's plan for 1,024/3,072/4,096 tokens), so a
fast and a reference model with the same weights and mode attend to the same blocks. Note what that plan is: in
training the seed is the layer index, so every call of a layer uses the same blocks; in eval mode transformers uses
an all-zero plan, i.e. the "random" blocks are r more copies of block 0. We reproduce that, quirk included.

Short inputs. On an input of at most (5 + 2r) · block tokens transformers switches the model to full attention
(``set_attention_type("original_full")``), and our runtime fix switches it back on the next call
(:func:`baselines.modeling_utils.fix_bigbird_attention_type`). transformers builds a new attention module for every
layer at each switch (random initialisation included, which draws from the global RNG) and its full attention is
written as matmul + softmax. On the fast path :class:`FastBigBirdAttention` keeps both modules of a layer (they
share the query, key and value layers) and swaps them, and :class:`FastBigBirdSelfAttention` computes the full
attention with SDPA.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from transformers.models.big_bird.modeling_big_bird import (
    BigBirdAttention,
    BigBirdBlockSparseAttention,
    BigBirdSelfAttention,
)

from .blocks import additive_mask, attend, attend_with_lse, can_split_keys, group_bytes, merge_attention


def _attentions_requested() -> bool:
    """True when the caller asked for attention probabilities (transformers' output-capturing context)."""
    try:
        from transformers.utils.output_capturing import _active_collector

        collected = _active_collector.get()
    except (ImportError, AttributeError, TypeError):  # pragma: no cover - other transformers versions
        return False
    return isinstance(collected, dict) and "attentions" in collected


class Float32BigBirdBlockSparseAttention(BigBirdBlockSparseAttention):
    """transformers' block-sparse attention (the reference code) run outside autocast, in float32: under bf16/fp16
    autocast the original fails (it rebuilds its probability matrix with a dtype-mismatched ``scatter_``)."""

    _gonerd_fp32_fix = True

    def forward(self, hidden_states, *args, **kwargs):
        device = hidden_states.device.type
        if not torch.is_autocast_enabled(device):
            return super().forward(hidden_states, *args, **kwargs)
        with torch.autocast(device_type=device, enabled=False):
            return super().forward(hidden_states.float(), *args, **kwargs)


class FastBigBirdBlockSparseAttention(BigBirdBlockSparseAttention):
    """``BigBirdBlockSparseAttention`` computed with gathered key blocks and SDPA (see the module docstring)."""

    def random_block_plan(self, length: int) -> torch.Tensor:
        """[heads, blocks − 2, random blocks] key-block indices of the random blocks, drawn as the reference does."""
        block, heads, r = self.block_size, self.num_attention_heads, self.num_random_blocks
        if self.training:
            np.random.seed(self.seed)
        if length in (1024, 3072, 4096):  # the plans of the paper, as in the reference
            plan = [
                self._bigbird_block_rand_mask(self.max_seqlen, self.max_seqlen, block, block, r, last_idx=1024)[
                    : length // block - 2
                ]
                for _ in range(heads)
            ]
        else:
            from_length, random_blocks = self._get_rand_attn_plan(length, block, r)
            plan = self._bigbird_block_rand_mask_with_head(
                from_seq_length=length, to_seq_length=length, from_block_size=block, to_block_size=block,
                num_heads=heads, plan_from_length=from_length, plan_num_rand_blocks=random_blocks,
            )
        return torch.from_numpy(np.stack(plan, axis=0).astype(np.int64))

    def forward(self, hidden_states, band_mask=None, from_mask=None, to_mask=None, from_blocked_mask=None,
                to_blocked_mask=None, **kwargs):
        if _attentions_requested():
            return super().forward(hidden_states, band_mask, from_mask, to_mask, from_blocked_mask, to_blocked_mask,
                                   **kwargs)
        n, length, _ = hidden_states.shape
        block, h, d = self.block_size, self.num_attention_heads, self.attention_head_size
        if length % block:
            raise ValueError("Query sided sequence length must be multiple of block size")
        blocks = length // block
        device = hidden_states.device
        keep = (to_mask.reshape(n, length) > 0) if to_mask is not None else None
        padded = keep is not None and not bool(keep.all())
        scale = 1.0 / math.sqrt(d)

        query = self.query(hidden_states).view(n, blocks, block, h, d)
        key = self.key(hidden_states).view(n, length, h, d)
        value = self.value(hidden_states).view(n, length, h, d)
        plan = self.random_block_plan(length).to(device)
        if can_split_keys(query):  # (block-sparse attention has no attention dropout)
            context = self._split_forward(query.view(n, length, h, d), key, value, plan, keep if padded else None)
            if from_mask is not None and padded:
                context = context * from_mask.reshape(n, length, 1).to(context.dtype)
            return context, None

        # Blocks 0 and nb-1 attend to every key.
        edge_query = torch.cat([query[:, :1], query[:, -1:]], dim=1).reshape(n, 2 * block, h, d).transpose(1, 2)
        edge_mask = additive_mask(keep, query.dtype)[:, None, None, :] if padded else None
        edge_context = attend(edge_query, key.transpose(1, 2), value.transpose(1, 2), edge_mask, scale=scale)
        edge_context = edge_context.view(n, h, 2, block, d)

        # Blocks 1 .. nb-2 see 5 + r key blocks: first, left, own, right, last, then the random ones. For block 1 the
        # left neighbour is block 0 and for block nb-2 the right one is the last block: those slots are masked
        # (the reference's special cases leave them out).
        middle = torch.arange(1, blocks - 1, device=device)
        fixed = torch.stack([torch.zeros_like(middle), middle - 1, middle, middle + 1,
                             torch.full_like(middle, blocks - 1)], dim=-1)
        index = torch.cat([fixed.expand(h, -1, -1), plan], dim=-1)
        slots = index.size(-1)
        rows = (torch.arange(n * h, device=device) * blocks).view(n, h, 1, 1) + index  # [n, h, nb-2, slots]
        blocked_keys = key.view(n, blocks, block, h, d).permute(0, 3, 1, 2, 4).reshape(n * h * blocks, block * d)
        blocked_values = value.view(n, blocks, block, h, d).permute(0, 3, 1, 2, 4).reshape(n * h * blocks, block * d)
        if padded:
            blocked_keep = keep.view(n, 1, blocks, block).expand(n, h, blocks, block).reshape(n * h * blocks, block)
        middle_query = query[:, 1:-1].permute(0, 3, 1, 2, 4)  # [n, h, nb-2, block, d]

        per_block = n * h * slots * block * d * query.element_size()
        group = max(1, group_bytes(query.device) // per_block)
        outputs = []
        start = 0
        while start < blocks - 2:
            # Blocks 1 and nb-2 (the first and last middle blocks) go alone: they need their duplicate slot masked.
            special = start in (0, blocks - 3)
            stop = start + 1 if special else min(blocks - 3, start + group)
            size = stop - start
            index_rows = rows[:, :, start:stop].reshape(-1)
            group_keys = blocked_keys.index_select(0, index_rows).view(n * h, size, slots * block, d)
            group_values = blocked_values.index_select(0, index_rows).view(n * h, size, slots * block, d)
            group_mask = None
            if padded or special:
                allowed = (blocked_keep.index_select(0, index_rows).view(n, h, size, slots, block) if padded else
                           torch.ones(n, h, size, slots, block, dtype=torch.bool, device=device))
                if start == 0:
                    allowed[:, :, 0, 1] = False  # block 1: its left neighbour is block 0, already the first slot
                if stop == blocks - 2:
                    allowed[:, :, -1, 3] = False  # block nb-2: its right neighbour is the last block
                group_mask = additive_mask(allowed.view(n * h, size, 1, slots * block), query.dtype)
            group_queries = middle_query[:, :, start:stop].reshape(n * h, size, block, d)
            context = attend(group_queries, group_keys, group_values, group_mask, scale=scale)
            outputs.append(context.view(n, h, size, block, d))
            start = stop

        context = torch.cat([edge_context[:, :, :1], *outputs, edge_context[:, :, 1:]], dim=2)
        context = context.permute(0, 2, 3, 1, 4).reshape(n, length, h * d)
        if from_mask is not None and padded:
            context = context * from_mask.reshape(n, length, 1).to(context.dtype)
        return context, None

    def _split_forward(self, query, key, value, plan, keep):
        """The attention without a gathered key tensor per block (inference on CPU; see ``blocks.merge_attention``).

        ``query``, ``key``, ``value``: [n, L, h, d] projections; ``plan``: the random blocks; ``keep``: [n, L] bool
        (None without padding). The middle blocks' attention is merged from three parts: the first and last blocks
        (one key set for all of them), the window j − 1, j, j + 1 (a strided view of the keys: block 1 leaves out
        its left neighbour, block nb − 2 its right one, as the reference does) and the random blocks (gathered).
        The eval plan is r copies of block 0: the same keys r + 1 times, which weighs them by r + 1 in the
        softmax, i.e. adds log(r + 1) to their scores: that bias replaces the copies.
        """
        n, length, h, d = query.shape
        block, r = self.block_size, self.num_random_blocks
        blocks = length // block
        middle = blocks - 2
        scale = 1.0 / math.sqrt(d)
        float_min = torch.finfo(torch.float32).min
        queries, keys, values = (x.transpose(1, 2).contiguous() for x in (query, key, value))  # [n, h, L, d]

        # Blocks 0 and nb-1 attend to every key.
        edge_query = torch.cat([queries[:, :, :block], queries[:, :, -block:]], dim=2)
        edge_mask = additive_mask(keep, torch.float32)[:, None, None, :] if keep is not None else None
        edge_context = attend(edge_query, keys, values, edge_mask, scale=scale)  # [n, h, 2·block, d]

        middle_queries = queries[:, :, block:-block]  # [n, h, (nb-2)·block, d]
        # Part 1: the first and last blocks.
        ends = torch.cat([keys[:, :, :block], keys[:, :, -block:]], dim=2), torch.cat(
            [values[:, :, :block], values[:, :, -block:]], dim=2)
        copies_of_first = not bool(plan.any())
        ends_mask = None
        if keep is not None or copies_of_first:
            ends_mask = torch.zeros(n if keep is not None else 1, 1, 1, 2 * block, device=query.device)
            if copies_of_first:
                ends_mask[..., :block] = math.log(r + 1)
            if keep is not None:
                allowed = torch.cat([keep[:, :block], keep[:, -block:]], dim=1)[:, None, None, :]
                ends_mask = ends_mask.masked_fill(~allowed, float_min)
        parts = [attend_with_lse(middle_queries, *ends, ends_mask, scale)]

        # Part 2: the sliding window, [n·h, nb-2, 3·block, d] views (window i starts at token i·block).
        window_shape, window_stride = (n * h, middle, 3 * block, d), (length * d, block * d, d, 1)
        window_keys = keys.view(n * h, length, d).as_strided(window_shape, window_stride)
        window_values = values.view(n * h, length, d).as_strided(window_shape, window_stride)
        allowed = torch.ones(1, middle, 3 * block, dtype=torch.bool, device=query.device)
        allowed[:, 0, :block] = False  # block 1: its left neighbour is block 0 (part 1)
        allowed[:, -1, -block:] = False  # block nb-2: its right neighbour is the last block (part 1)
        if keep is not None:
            allowed = allowed & keep[:, None, :].unfold(2, 3 * block, block)[:, :, :middle].reshape(n, middle, -1)
            allowed = allowed[:, None].expand(n, h, middle, 3 * block).reshape(n * h, middle, 1, 3 * block)
        else:
            allowed = allowed.unsqueeze(2)
        window_queries = middle_queries.reshape(n * h, middle, block, d)
        output, lse = attend_with_lse(window_queries, window_keys, window_values,
                                      additive_mask(allowed, torch.float32), scale)
        parts.append((output.reshape(n, h, middle * block, d), lse.reshape(n, h, middle * block)))

        # Part 3: the random blocks, gathered (not in the eval plan, see above).
        if not copies_of_first:
            rows = (torch.arange(n * h, device=plan.device) * blocks).view(n, h, 1, 1) + plan  # [n, h, nb-2, r]
            index = rows.reshape(-1)
            random_keys, random_values = (
                x.view(n * h * blocks, block * d).index_select(0, index).view(n * h, middle, r * block, d)
                for x in (keys, values))
            random_mask = None
            if keep is not None:
                random_keep = keep.view(n, 1, blocks, block).expand(n, h, blocks, block).reshape(-1, block)
                random_mask = additive_mask(random_keep.index_select(0, index).view(n * h, middle, 1, r * block),
                                            torch.float32)
            output, lse = attend_with_lse(window_queries, random_keys, random_values, random_mask, scale)
            parts.append((output.reshape(n, h, middle * block, d), lse.reshape(n, h, middle * block)))

        context = torch.cat([edge_context[:, :, :block], merge_attention(parts), edge_context[:, :, block:]], dim=2)
        return context.transpose(1, 2).reshape(n, length, h * d)


class FastBigBirdSelfAttention(BigBirdSelfAttention):
    """transformers' full attention (BigBird on short inputs) computed with SDPA: same weights and outputs."""

    def forward(self, hidden_states, attention_mask=None, encoder_hidden_states=None, encoder_attention_mask=None,
                cache=None, **kwargs):
        if encoder_hidden_states is not None or cache is not None or _attentions_requested():
            return super().forward(hidden_states, attention_mask, encoder_hidden_states, encoder_attention_mask,
                                   cache, **kwargs)
        n, length, _ = hidden_states.shape
        h, d = self.num_attention_heads, self.attention_head_size
        query, key, value = (f(hidden_states).view(n, length, h, d).transpose(1, 2)
                             for f in (self.query, self.key, self.value))
        dropout = self.dropout.p if self.training else 0.0
        context = attend(query, key, value, attention_mask, dropout_p=dropout, scale=1.0 / math.sqrt(d))
        return context.transpose(1, 2).reshape(n, length, h * d), None


#: The fast class of each attention type of a BigBird layer.
_FAST_CLASSES = {"original_full": FastBigBirdSelfAttention, "block_sparse": FastBigBirdBlockSparseAttention}


class FastBigBirdAttention(BigBirdAttention):
    """``BigBirdAttention`` whose ``set_attention_type`` swaps two kept modules instead of building a new one.

    The first switch to a type is transformers' own (it builds the module and hands it the query, key and value
    layers); the module switched away from is kept as a plain attribute (not a submodule: it shares every
    parameter, and the state dict must not list them twice) and comes back at the next switch, as long as it still
    shares the current query, key and value layers. Both run the fast code.
    """

    def set_attention_type(self, value: str, layer_idx=None):
        if value == self.attention_type or value not in _FAST_CLASSES:
            return super().set_attention_type(value, layer_idx)
        spare = self.__dict__.get("_gonerd_spare")
        current = self.self
        if spare is not None and all(getattr(spare, name) is getattr(current, name)
                                     for name in ("query", "key", "value")):
            self.self = spare
            self.attention_type = value
        else:
            super().set_attention_type(value, layer_idx)
        self.self.__class__ = _FAST_CLASSES[value]
        self.self.train(self.training)
        self.__dict__["_gonerd_spare"] = current
