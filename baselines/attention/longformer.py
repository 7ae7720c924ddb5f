"""Fast Longformer self-attention: the sliding window as blocked SDPA, global tokens as extra key columns.

Same module, weights and outputs as transformers' ``LongformerSelfAttention`` (it subclasses it and only replaces
``forward``): each token attends to the keys within ``attention_window / 2`` positions on either side (padding and
global tokens left out of the window, as in the reference) plus every global token's key; global tokens attend to
every key through the ``*_global`` projections; padded tokens output zeros. The reference computes the window with
overlapping 2w-token chunks and diagonal reshuffles; here queries come in blocks of ``block`` tokens, each seeing
the ``2·s + 1`` key blocks that cover its window (``block_for_window``), masked by a band, in one SDPA call
(in groups of blocks when windows are copied, or with gradients on CPU: ``TRAIN_SCORE_BYTES``).
``output_attentions=True`` runs the reference (the fused kernel never forms the probabilities).
:class:`FastLongformerModel` replaces the model's forward only to build its mask in 2-D (see there).
"""

from __future__ import annotations

import functools
import math

import torch
from torch.nn import functional as F
from transformers.models.longformer.modeling_longformer import (
    LongformerBaseModelOutputWithPooling,
    LongformerModel,
    LongformerSelfAttention,
)

from .blocks import additive_mask, attend, band, group_bytes, sliding_windows

#: Largest query block. Each block sees (2·ceil(w / block) + 1) · block keys for a one-sided window w: 640 for w =
#: 256 with 128-token blocks (513 needed). Smaller blocks waste fewer keys but run smaller matrix products. For
#: w = 256 on CPU (`benchmarks/attention_scaling.py --kernels`) the kernel alone was faster with 64 in one run and
#: with 128 in another; in the whole model the two differ by less than the noise (docs/baselines.md).
MAX_BLOCK = 128

#: With gradients on CPU, SDPA's math path keeps each call's scores, probabilities and dropout mask for the
#: backward pass. glibc maps every allocation above 32 MB afresh and unmaps it when freed, so a call whose score
#: tensor is larger page-faults all of it in again every step: one call over a 4,096-token document (126 MB of
#: scores per layer at MiniLM width) cost 1-5 s of system time per training pass. Calls of at most this many score
#: bytes reuse freed heap memory instead (a same-process A/B on the 6-layer MiniLM-width model of
#: `benchmarks/attention_scaling.py`, forward + backward at 4,096 tokens: 1.47x -> 1.26x chunked BERT, 2026-12-04).
TRAIN_SCORE_BYTES = 24 << 20


def block_for_window(one_sided_window: int) -> int:
    """The query block for a one-sided window w: the largest divisor of 2w that is at most min(w, MAX_BLOCK).

    transformers pads Longformer inputs to a multiple of 2w, so such a block never needs more padding.
    """
    limit = max(1, min(one_sided_window, MAX_BLOCK))
    return max(b for b in range(1, limit + 1) if (2 * one_sided_window) % b == 0)


class FastLongformerSelfAttention(LongformerSelfAttention):
    """``LongformerSelfAttention`` computed with blocked SDPA (see the module docstring)."""

    def forward(
        self,
        hidden_states,
        attention_mask=None,
        is_index_masked=None,
        is_index_global_attn=None,
        is_global_attn=None,
        output_attentions=False,
    ):
        if output_attentions:
            return super().forward(
                hidden_states, attention_mask, is_index_masked, is_index_global_attn, is_global_attn, output_attentions
            )
        n, length, _ = hidden_states.shape
        h, d = self.num_heads, self.head_dim
        if is_index_masked is None:
            is_index_masked = attention_mask < 0
        if is_index_global_attn is None:
            is_index_global_attn = attention_mask > 0
        if is_global_attn is None:
            is_global_attn = bool(is_index_global_attn.any())
        dropout = self.dropout if self.training else 0.0
        scale = 1.0 / math.sqrt(d)

        query = self.query(hidden_states).view(n, length, h, d)
        key = self.key(hidden_states).view(n, length, h, d)
        value = self.value(hidden_states).view(n, length, h, d)
        w = self.one_sided_attn_window_size
        block = block_for_window(w)
        pad = -length % block
        if pad:
            query, key, value = (F.pad(x, (0, 0, 0, 0, 0, pad)) for x in (query, key, value))
        total = length + pad
        blocks = total // block
        side = -(-w // block)
        mask = _window_mask(is_index_masked, is_index_global_attn, is_global_attn, w, block, pad, query.dtype)

        keys = sliding_windows(key, block, side).permute(0, 1, 2, 4, 3)  # [n, blocks, h, W, d] views
        values = sliding_windows(value, block, side).permute(0, 1, 2, 4, 3)
        if is_global_attn:
            count, global_index, slot_index, _ = self._get_global_attn_indices(is_index_global_attn)
            count = int(count)
            global_keys = key.new_zeros(n, count, h, d).index_put(slot_index, key[global_index]).transpose(1, 2)
            global_values = value.new_zeros(n, count, h, d).index_put(slot_index, value[global_index]).transpose(1, 2)
        width = mask.size(-1)

        # SDPA over [n·blocks, h, block, d] queries. The windows are views: with batch 1 and no global tokens nothing
        # is copied (SDPA reads strided keys); otherwise the windows are copied in groups of a few MB.
        copies = n > 1 or is_global_attn
        group = max(1, group_bytes(query.device) // (n * h * width * d * query.element_size())) if copies else blocks
        if torch.is_grad_enabled() and query.device.type == "cpu":
            group = min(group, max(1, TRAIN_SCORE_BYTES // (n * h * block * width * 4)))  # float32 scores
        block_queries = query.view(n, blocks, block, h, d).permute(0, 1, 3, 2, 4)
        outputs = []
        for start in range(0, blocks, group):
            stop = min(blocks, start + group)
            size = stop - start
            group_keys, group_values = keys[:, start:stop], values[:, start:stop]
            if is_global_attn:
                expand = (n, size, h, count, d)
                group_keys = torch.cat([global_keys[:, None].expand(expand), group_keys], dim=3)
                group_values = torch.cat([global_values[:, None].expand(expand), group_values], dim=3)
            context = attend(
                block_queries[:, start:stop].reshape(n * size, h, block, d),
                group_keys.reshape(n * size, h, width, d),
                group_values.reshape(n * size, h, width, d),
                mask[:, start:stop].reshape(n * size, 1, block, width),
                dropout_p=dropout,
                scale=scale,
            )
            outputs.append(context.view(n, size, h, block, d).transpose(2, 3).reshape(n, size * block, h, d))
        context = torch.cat(outputs, dim=1) if len(outputs) > 1 else outputs[0]
        if pad:
            context = context[:, :length]
        if bool(is_index_masked.any()):
            context = context.masked_fill(is_index_masked[:, :, None, None], 0.0)  # padded queries output 0

        if is_global_attn:
            context = context.index_put(
                global_index, self._global_queries_context(hidden_states, count, global_index, slot_index,
                                                           is_index_masked, dropout, scale)
            )
        return (context.reshape(n, length, h * d),)

    def _global_queries_context(self, hidden_states, count, global_index, slot_index, is_index_masked, dropout, scale):
        """Global tokens attend to every (unpadded) key through the global projections: [number of globals, h, d]."""
        n, length, embed = hidden_states.shape
        h, d = self.num_heads, self.head_dim
        global_hidden = hidden_states.new_zeros(n, count, embed).index_put(slot_index, hidden_states[global_index])
        query = self.query_global(global_hidden).view(n, count, h, d).transpose(1, 2)
        key = self.key_global(hidden_states).view(n, length, h, d).transpose(1, 2)
        value = self.value_global(hidden_states).view(n, length, h, d).transpose(1, 2)
        mask = additive_mask(~is_index_masked, query.dtype)[:, None, None, :]
        context = attend(query, key, value, mask, dropout_p=dropout, scale=scale)  # [n, h, count, d]
        return context.transpose(1, 2)[slot_index]


def _window_mask(is_index_masked, is_index_global_attn, is_global_attn, w, block, pad, dtype) -> torch.Tensor:
    """Additive mask [n, blocks, block, (globals +) W] of the blocked window, built once per forward pass.

    A query sees window keys within ``w`` positions that are real, non-global tokens, and every global token's key.
    transformers passes the same ``is_index_masked`` tensor to every layer of a forward pass: the mask is kept on
    it, so the layers after the first reuse it.
    """
    key = (w, block, pad, dtype)
    cache = getattr(is_index_masked, "_gonerd_window_masks", None)
    if cache is not None and key in cache:
        return cache[key]
    n, length = is_index_masked.shape
    device = is_index_masked.device
    if not is_global_attn and not bool(is_index_masked.any()):  # the same for every input of this length
        return _unpadded_window_mask(length, w, block, pad, dtype, device).expand(n, -1, -1, -1)
    side = -(-w // block)
    keep = ~(is_index_masked | is_index_global_attn)  # global tokens come back as separate columns
    if pad:
        keep = F.pad(keep, (0, pad), value=False)
    allowed = band(block, side, w, device) & sliding_windows(keep, block, side)[:, :, None, :]
    if is_global_attn:
        counts = is_index_global_attn.sum(dim=1)
        slots = torch.arange(int(counts.max()), device=device)
        global_keep = (slots.view(1, -1) < counts.view(-1, 1))[:, None, None, :]
        allowed = torch.cat([global_keep.expand(n, allowed.size(1), block, -1), allowed], dim=-1)
    mask = additive_mask(allowed, dtype)
    if cache is None:
        cache = {}
        is_index_masked._gonerd_window_masks = cache
    cache[key] = mask
    return mask


@functools.lru_cache(maxsize=16)
def _unpadded_window_mask(length, w, block, pad, dtype, device) -> torch.Tensor:
    """The window mask [1, blocks, block, W] of a row without padding or global tokens."""
    side = -(-w // block)
    keep = F.pad(torch.ones(1, length, dtype=torch.bool, device=device), (0, pad), value=False)
    return additive_mask(band(block, side, w, device) & sliding_windows(keep, block, side)[:, :, None, :], dtype)


class FastLongformerModel(LongformerModel):
    """``LongformerModel`` whose forward builds the padding/global mask in 2-D.

    transformers' forward asks ``create_bidirectional_mask`` for a materialised [n, 1, L, L] mask and slices row 0
    back out of it: a length² tensor (67 MB at 4,096 tokens) that the attention never needed. This is the same
    forward with the [n, L] mask computed directly (0 for local, the dtype's minimum for padding, its maximum for
    global tokens, as transformers ends up with); everything else is transformers' own code.
    """

    def forward(self, input_ids=None, attention_mask=None, global_attention_mask=None, token_type_ids=None,
                position_ids=None, inputs_embeds=None, output_attentions=None, output_hidden_states=None,
                return_dict=None, **kwargs):
        config = self.config
        output_attentions = output_attentions if output_attentions is not None else config.output_attentions
        output_hidden_states = output_hidden_states if output_hidden_states is not None else (
            config.output_hidden_states)
        return_dict = return_dict if return_dict is not None else config.return_dict
        if input_ids is not None and inputs_embeds is not None:
            raise ValueError("You cannot specify both input_ids and inputs_embeds at the same time")
        if input_ids is not None:
            self.warn_if_padding_and_no_attention_mask(input_ids, attention_mask)
            input_shape = input_ids.size()
        elif inputs_embeds is not None:
            input_shape = inputs_embeds.size()[:-1]
        else:
            raise ValueError("You have to specify either input_ids or inputs_embeds")
        device = input_ids.device if input_ids is not None else inputs_embeds.device
        if attention_mask is None:
            attention_mask = torch.ones(input_shape, device=device)
        if token_type_ids is None:
            token_type_ids = torch.zeros(input_shape, dtype=torch.long, device=device)
        if global_attention_mask is not None:
            attention_mask = self._merge_to_attention_mask(attention_mask, global_attention_mask)
        padding_len, input_ids, attention_mask, token_type_ids, position_ids, inputs_embeds = self._pad_to_window_size(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids,
            position_ids=position_ids, inputs_embeds=inputs_embeds, pad_token_id=config.pad_token_id,
        )
        embedding_output = self.embeddings(
            input_ids=input_ids, position_ids=position_ids, token_type_ids=token_type_ids, inputs_embeds=inputs_embeds
        )
        dtype = embedding_output.dtype
        extended_attention_mask = torch.zeros(attention_mask.shape, dtype=dtype, device=embedding_output.device)
        extended_attention_mask = extended_attention_mask.masked_fill(attention_mask == 0, torch.finfo(dtype).min)
        extended_attention_mask = extended_attention_mask.masked_fill(attention_mask == 2, torch.finfo(dtype).max)
        encoder_outputs = self.encoder(
            embedding_output, attention_mask=extended_attention_mask, padding_len=padding_len,
            output_attentions=output_attentions, output_hidden_states=output_hidden_states, return_dict=return_dict,
        )
        sequence_output = encoder_outputs[0]
        pooled_output = self.pooler(sequence_output) if self.pooler is not None else None
        if not return_dict:
            return (sequence_output, pooled_output, *encoder_outputs[1:])
        return LongformerBaseModelOutputWithPooling(
            last_hidden_state=sequence_output,
            pooler_output=pooled_output,
            hidden_states=encoder_outputs.hidden_states,
            attentions=encoder_outputs.attentions,
            global_attentions=encoder_outputs.global_attentions,
        )
