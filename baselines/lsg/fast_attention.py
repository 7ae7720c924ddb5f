"""Fast LSG self-attention: the same keys, masks and sparse selection as :class:`LSGSelfAttention`, computed with
SDPA over gathered key rows.

The reference (``attention.py``) pads, unfolds and concatenates the global, sparse and local keys of every block
into [n, h, blocks, g + 2·sbs + 3·bs, d] tensors, then forms the scores, the mask and the probabilities as separate
tensors of [n, h, blocks, bs, keys]. Here:

- the keys any block can see are rows of one table per batch element: the g + T projected tokens (as the linear
  layer wrote them, [n, rows, h, d]), the T/sf sparse entries of the selected sparsity type (selected by the
  reference's own methods, so every type and quirk is the same). Which rows block j sees does not depend on the
  input: it is computed once per shape and cached;
- blocks go in groups of a few MB: each group's keys and values are gathered with one ``index_select`` and
  attended with one ``torch.nn.functional.scaled_dot_product_attention`` (a fused kernel: no score tensor);
- keys past the sequence's ends (zeros, masked, in the reference) are left out, so without padding in the batch
  no mask is needed, which the kernel computes faster;
- without gradients (inference on CPU) a block's local tokens are not gathered: they are read in place (strided
  views of the projections) and the block's attention is merged from its attention to them and to its other keys
  (``baselines.attention.blocks.merge_attention``).
"""

from __future__ import annotations

import functools
import math

import torch

from baselines.attention.blocks import attend, attend_with_lse, can_split_keys, group_bytes, merge_attention

from .attention import LSGSelfAttention


@functools.lru_cache(maxsize=64)
def _block_rows(tokens: int, globals_: int, block: int, sparse: tuple[int, int, int] | None,
                device: torch.device) -> tuple[tuple[int, torch.Tensor], ...]:
    """The rows of the key table each block sees, as runs of consecutive blocks: ((first block, [blocks of the
    run, keys] row numbers), ...).

    The table's rows: globals, tokens, sparse entries. ``sparse`` is (entries, step,
    sparse_block_size) or None. Order of a block's keys: globals, left sparse window, right sparse window, local
    tokens [(j-1)·bs, (j+2)·bs), as in the reference. Positions outside the sequence, which the reference fills with
    zeros and masks, are left out (a masked key adds exactly 0 to the softmax, and a block always sees the global
    tokens, so no row is left without keys); the blocks of a run leave out the same positions. Near the ends of
    the sequence that saves up to a third of the keys (at 512 tokens, 417 keys per block instead of 641).
    """
    blocks = tokens // block
    zero = -1  # a position outside the sequence
    j = torch.arange(blocks).view(-1, 1)
    parts = [torch.arange(globals_).view(1, -1).expand(blocks, -1)]
    if sparse:
        entries, step, size = sparse
        offsets = torch.arange(size).view(1, -1)
        left = (j - 1) * step - size + offsets
        right = (j if step == 1 else (j + 2) * step) + offsets  # lsg-converter's shift when step == 1
        for window in (left, right):
            inside = (window >= 0) & (window < entries)
            parts.append(torch.where(inside, globals_ + tokens + window, zero))
    local = (j - 1) * block + torch.arange(3 * block).view(1, -1)
    parts.append(torch.where((local >= 0) & (local < tokens), globals_ + local, zero))
    rows = torch.cat(parts, dim=1)
    inside = rows != zero
    runs, start = [], 0
    while start < blocks:
        stop = start + 1
        while stop < blocks and torch.equal(inside[stop], inside[start]):
            stop += 1
        runs.append((start, rows[start:stop][:, inside[start]].to(device)))
        start = stop
    return tuple(runs)


class FastLSGSelfAttention(LSGSelfAttention):
    """:class:`LSGSelfAttention` computed with gathered rows and SDPA (same weights and outputs)."""

    def forward(self, hidden_states: torch.Tensor, attention_mask: torch.Tensor | None = None, **kwargs):
        if kwargs.get("encoder_hidden_states") is not None:
            raise NotImplementedError("LSG attention is implemented for encoders only (no cross-attention)")
        n, total, _ = hidden_states.shape
        h, d, g = self.num_attention_heads, self.attention_head_size, self.num_global_tokens
        query, key, value = (f(hidden_states).view(n, total, h, d) for f in (self.query, self.key, self.value))
        min_value = torch.finfo(query.dtype).min
        if attention_mask is None:
            attention_mask = query.new_zeros(n, 1, 1, total - g)
        token_mask = attention_mask.to(query.dtype).clamp(min=min_value)  # see LSGSelfAttention.forward
        global_mask = self._global_key_mask(query, n, g)
        mask = torch.cat([global_mask, token_mask], dim=-1)  # [n, 1, 1, total]
        masked = bool((mask != 0).any())
        dropout = self.dropout.p if self.training else 0.0
        scale = 1.0 / math.sqrt(d)
        heads = [x.transpose(1, 2) for x in (query, key, value)]  # [n, h, total, d] views

        if total <= 2 * self.block_size + g:  # local attention would cover every token: plain attention
            context = attend(*heads, mask if masked else None, dropout_p=dropout, scale=scale)
            return context.transpose(1, 2).reshape(n, total, h * d), None

        tokens = total - g
        block = self.block_size
        if tokens % block:
            raise ValueError(f"sequence length {tokens} is not a multiple of block_size {block} (set adaptive=True)")
        global_context = attend(heads[0][:, :, :g], heads[1], heads[2], mask if masked else None,
                                dropout_p=dropout, scale=scale)

        # Without gradients (CPU), every block's local tokens are read in place (strided views of the projections)
        # and its attention merged from two parts (see ``baselines.attention.blocks.merge_attention``); only the
        # other keys are gathered. With gradients every block's keys are gathered for one SDPA call.
        split = can_split_keys(query, dropout)
        # The key table [n, rows, h, d]: globals, tokens (not when split), then the sparse entries.
        keys, values = ([key[:, :g]], [value[:, :g]]) if split else ([key], [value])
        row_mask = [mask[..., :g if split else total].reshape(n, -1, 1).expand(-1, -1, h)]
        sparse = None
        if self.sparse_block_size and self.sparsity_factor > 0 and self.sparsity_type not in (None, "none"):
            sparse_key, sparse_value, sparse_mask = self._sparse_tokens(
                heads[0][:, :, g:], heads[1][:, :, g:], heads[2][:, :, g:], token_mask
            )
            keys.append(sparse_key.transpose(1, 2))
            values.append(sparse_value.transpose(1, 2))
            row_mask.append(sparse_mask[:, :, 0].transpose(1, 2).to(query.dtype))
            masked = masked or bool((sparse_mask != 0).any())
            sparse = (sparse_key.size(2), block // self.sparsity_factor, self.sparse_block_size)
        keys, values, row_mask = (torch.cat(x, dim=1) for x in (keys, values, row_mask))
        rows = keys.size(1)
        keys, values, row_mask = keys.view(n * rows, h * d), values.view(n * rows, h * d), row_mask.view(n * rows, h)

        runs = _block_rows(tokens, g, block, sparse, query.device)
        offsets = (torch.arange(n, device=query.device) * rows).view(n, 1, 1)
        block_queries = query[:, g:].view(n, tokens // block, block, h, d)
        context = query.new_empty(n, total, h, d)
        context[:, :g] = global_context.transpose(1, 2)
        for first, run in runs:
            # A block's local tokens are the last columns of its rows: 3·bs of them, 2·bs for the first and last
            # blocks (the others are outside the sequence), tokens [max(0, (j-1)·bs), ...).
            local_width = (2 if first in (0, tokens // block - 1) else 3) * block if split else 0
            distant = run[:, :run.size(1) - local_width]
            if split:  # rows in the table without tokens
                distant = torch.where(distant >= g + tokens, distant - tokens, distant)
            width = distant.size(1)
            group = max(1, group_bytes(query.device) // (n * width * h * d * query.element_size()))
            for start in range(0, run.size(0), group):
                table = distant[start:start + group]
                size = table.size(0)
                index = (table.unsqueeze(0) + offsets).reshape(-1)
                group_keys = keys.index_select(0, index).view(n * size, width, h, d).transpose(1, 2)
                group_values = values.index_select(0, index).view(n * size, width, h, d).transpose(1, 2)
                group_mask = None
                if masked:  # contiguous: with a strided mask the CPU kernel copies it broadcast to every query
                    group_mask = row_mask.index_select(0, index).view(n * size, width, h).transpose(1, 2)
                    group_mask = group_mask.contiguous().unsqueeze(2)
                blocks_ = slice(first + start, first + start + size)
                group_queries = block_queries[:, blocks_].permute(0, 1, 3, 2, 4).reshape(n * size, h, block, d)
                if split:
                    parts = [attend_with_lse(group_queries, group_keys, group_values, group_mask, scale)]
                    local_start = max(0, (blocks_.start - 1) * block)
                    local = slice(local_start, local_start + (size - 1) * block + local_width)
                    local_keys, local_values = (
                        x[:, g:][:, local].unfold(1, local_width, block).permute(0, 1, 2, 4, 3)
                        .reshape(n * size, h, local_width, d) for x in (key, value))
                    local_mask = None
                    if masked:
                        local_mask = token_mask.view(n, tokens)[:, local].unfold(1, local_width, block)
                        local_mask = local_mask.reshape(n * size, 1, 1, local_width)
                    parts.append(attend_with_lse(group_queries, local_keys, local_values, local_mask, scale))
                    output = merge_attention(parts)
                else:
                    output = attend(group_queries, group_keys, group_values, group_mask, dropout_p=dropout,
                                    scale=scale)
                tokens_ = slice(g + blocks_.start * block, g + blocks_.stop * block)
                context[:, tokens_].view(n, size, block, h, d).copy_(output.view(n, size, h, block, d).transpose(2, 3))
        return context.view(n, total, h * d), None

    def _gather(self, key, value, mask, index):
        """The reference's selection of sparse entries (``index`` [n or 1, h, S] token numbers per head), gathered
        with one ``index_select`` per tensor from the projection layout [n, T, h, d] (``key`` and ``value`` are
        its [n, h, T, d] views). Returns the same [n, h, S, d] tensors (as views of [n, S, h, d] storage)."""
        n, h, t, d = key.shape
        index = index.expand(n, h, -1)
        s = index.size(-1)
        flat = (index.transpose(1, 2) * h + torch.arange(h, device=index.device).view(1, 1, h))
        flat = (flat + (torch.arange(n, device=index.device) * t * h).view(n, 1, 1)).reshape(-1)

        def take(x):
            rows = x.transpose(1, 2).reshape(n * t * h, d)  # a view when x is a view of [n, T, h, d]
            return rows.index_select(0, flat).view(n, s, h, d).transpose(1, 2)

        m = mask.expand(n, h, 1, -1).gather(-1, index.unsqueeze(-2))
        return take(key), take(value), m
