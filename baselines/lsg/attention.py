"""LSG self-attention (local + sparse + global), non-causal, as lsg-converter 0.1.9 computes it.

Shapes: n batch, h heads, d head dim, g global tokens, T tokens after block padding, bs block size, sbs sparse block
size, sf sparsity factor, st = bs // sf (compressed entries per block). ``shared/notes/lsg.md`` describes the
algorithm and its quirks; every quirk that changes outputs is reproduced here (see the comments).
"""

from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F


def _dot_product_attention(
    query: torch.Tensor, key: torch.Tensor, value: torch.Tensor, mask: torch.Tensor, dropout: nn.Dropout
) -> torch.Tensor:
    """softmax(Q Kᵀ / sqrt(d) + mask) V, dividing after the product as the reference does."""
    scores = query @ key.transpose(-1, -2) / math.sqrt(query.size(-1))
    probs = torch.softmax(scores + mask, dim=-1)
    return dropout(probs) @ value


def _local_blocks(x: torch.Tensor, block_size: int, pad_value: float) -> torch.Tensor:
    """[..., T, e] -> [..., T/bs, 3·bs, e]: block j holds tokens [(j-1)·bs, (j+2)·bs), outside ones padded."""
    x = F.pad(x, (0, 0, block_size, block_size), value=pad_value)
    return x.unfold(-2, 3 * block_size, block_size).transpose(-1, -2)


def _sparse_blocks(x: torch.Tensor, n_blocks: int, step: int, sparse_block_size: int, pad_value: float) -> torch.Tensor:
    """[..., S, e] -> [..., n_blocks, 2·sbs, e]: compressed entries seen by each block (left then right window).

    Block j takes [(j-1)·st - sbs, (j-1)·st) on the left and [(j+2)·st, (j+2)·st + sbs) on the right. lsg-converter
    shifts its windows when st is odd: with st == 1 (block_size == sparsity_factor) the right window starts at j.
    """
    pad = step + sparse_block_size
    x = F.pad(x, (0, 0, pad, pad), value=pad_value)
    left = x.unfold(-2, sparse_block_size, step)[..., :n_blocks, :, :]
    right_start = pad if step == 1 else 3 * step + sparse_block_size
    right = x[..., right_start:, :].unfold(-2, sparse_block_size, step)[..., :n_blocks, :, :]
    return torch.cat([left, right], dim=-1).transpose(-1, -2)


class LSGSelfAttention(nn.Module):
    """Drop-in replacement for RobertaSelfAttention/BertSelfAttention (same ``query``/``key``/``value`` weights).

    ``forward`` takes the hidden states of the g global tokens followed by T tokens (T a multiple of block_size
    when T > 2·block_size) and an additive mask [n, 1, 1, T] for the T tokens only; global keys are never masked.
    """

    def __init__(self, config, layer_idx: int | None = None):
        super().__init__()
        if config.hidden_size % config.num_attention_heads != 0:
            raise ValueError(
                f"hidden_size ({config.hidden_size}) is not a multiple of num_attention_heads "
                f"({config.num_attention_heads})"
            )
        self.num_attention_heads = config.num_attention_heads
        self.attention_head_size = config.hidden_size // config.num_attention_heads
        self.all_head_size = self.num_attention_heads * self.attention_head_size
        self.query = nn.Linear(config.hidden_size, self.all_head_size)
        self.key = nn.Linear(config.hidden_size, self.all_head_size)
        self.value = nn.Linear(config.hidden_size, self.all_head_size)
        self.dropout = nn.Dropout(config.attention_probs_dropout_prob)
        self.layer_idx = layer_idx

        self.block_size = config.block_size
        self.sparse_block_size = config.sparse_block_size
        self.sparsity_factor = config.sparsity_factor
        self.sparsity_type = config.sparsity_type
        self.num_global_tokens = config.num_global_tokens

    # ----------------------------------------------------------------------------------------------------------
    def _heads(self, x: torch.Tensor) -> torch.Tensor:
        n, t, _ = x.shape
        return x.view(n, t, self.num_attention_heads, self.attention_head_size).transpose(1, 2)

    def forward(self, hidden_states: torch.Tensor, attention_mask: torch.Tensor | None = None, **kwargs):
        if kwargs.get("encoder_hidden_states") is not None:
            raise NotImplementedError("LSG attention is implemented for encoders only (no cross-attention)")
        query, key, value = (self._heads(f(hidden_states)) for f in (self.query, self.key, self.value))
        n, _, total, _ = query.shape
        g = self.num_global_tokens
        if attention_mask is None:
            attention_mask = query.new_zeros(n, 1, 1, total - g)
        # The mask comes in the model's dtype; under autocast the attention runs in a narrower one, where float32's
        # minimum would round to -inf (and a window of padding would give NaN): clamp to this dtype's finite minimum.
        min_value = torch.finfo(query.dtype).min
        attention_mask = attention_mask.to(query.dtype).clamp(min=min_value)
        mask = torch.cat([self._global_key_mask(query, n, g), attention_mask], dim=-1)

        if total <= 2 * self.block_size + g:  # local attention would cover every token: plain attention
            context = self._attend(query, key, value, mask)
        else:
            context = self._lsg_attention(query, key, value, mask)
        context = context.transpose(1, 2).reshape(n, total, self.all_head_size)
        return context, None

    def _global_key_mask(self, query: torch.Tensor, n: int, g: int) -> torch.Tensor:
        """Additive mask [n, 1, 1, g] of the global tokens as keys: never masked."""
        return query.new_zeros(n, 1, 1, g)

    def _attend(self, query, key, value, mask) -> torch.Tensor:
        """softmax(Q Kᵀ / sqrt(d) + mask) V over the last two dimensions, with attention dropout."""
        return _dot_product_attention(query, key, value, mask, self.dropout)

    def _lsg_attention(self, query, key, value, mask) -> torch.Tensor:
        g = self.num_global_tokens
        # Global queries attend to every key.
        global_context = self._attend(query[:, :, :g], key, value, mask)

        global_key, key = key[:, :, :g], key[:, :, g:]
        global_value, value = value[:, :, :g], value[:, :, g:]
        global_mask, mask = mask[..., :g], mask[..., g:]
        query = query[:, :, g:]
        n, h, t, d = key.shape
        bs = self.block_size
        if t % bs != 0:
            raise ValueError(f"sequence length {t} is not a multiple of block_size {bs} (set adaptive=True)")
        n_blocks = t // bs
        min_value = torch.finfo(query.dtype).min

        keys = [global_key.unsqueeze(2).expand(-1, -1, n_blocks, -1, -1)]
        values = [global_value.unsqueeze(2).expand(-1, -1, n_blocks, -1, -1)]
        masks = [global_mask.unsqueeze(2).expand(n, h, n_blocks, 1, g)]

        if self.sparse_block_size and self.sparsity_factor > 0 and self.sparsity_type not in (None, "none"):
            sparse_key, sparse_value, sparse_mask = self._sparse_tokens(query, key, value, mask)
            step = bs // self.sparsity_factor
            sbs = self.sparse_block_size
            keys.append(_sparse_blocks(sparse_key, n_blocks, step, sbs, 0.0))
            values.append(_sparse_blocks(sparse_value, n_blocks, step, sbs, 0.0))
            sparse_mask = _sparse_blocks(sparse_mask.transpose(-1, -2), n_blocks, step, sbs, min_value)
            masks.append(sparse_mask.transpose(-1, -2).expand(n, h, -1, -1, -1))

        keys.append(_local_blocks(key, bs, 0.0))
        values.append(_local_blocks(value, bs, 0.0))
        local_mask = _local_blocks(mask.transpose(-1, -2), bs, min_value).transpose(-1, -2)
        masks.append(local_mask.expand(n, h, -1, -1, -1))

        context = self._attend(
            query.reshape(n, h, n_blocks, bs, d),
            torch.cat(keys, dim=-2),
            torch.cat(values, dim=-2),
            torch.cat(masks, dim=-1),
        )
        return torch.cat([global_context, context.reshape(n, h, t, d)], dim=-2)

    # ----------------------------------------------------------------------------------------------------------
    # Sparse selection: (queries, keys, values [n, h, T, d], mask [n, 1, 1, T]) ->
    #   keys, values [n, h, T/sf, d] and mask [n, h, 1, T/sf]
    def _sparse_tokens(self, query, key, value, mask):
        h = key.size(1)
        if self.sparsity_factor == 1:
            return key, value, mask.expand(-1, h, -1, -1)
        select = {
            "norm": self._sparse_norm,
            "pooling": self._sparse_pooling,
            "stride": self._sparse_stride,
            "block_stride": self._sparse_block_stride,
            "bos_pooling": self._sparse_bos_pooling,
        }[self.sparsity_type]
        return select(query, key, value, mask)

    @staticmethod
    def _gather(key, value, mask, index):
        """Take the tokens ``index`` [n or 1, h, S] from every head's keys, values and mask."""
        n, h, _, d = key.shape
        index = index.expand(n, h, -1)
        k = key.gather(-2, index.unsqueeze(-1).expand(-1, -1, -1, d))
        v = value.gather(-2, index.unsqueeze(-1).expand(-1, -1, -1, d))
        m = mask.expand(n, h, 1, -1).gather(-1, index.unsqueeze(-2))
        return k, v, m

    def _sparse_norm(self, query, key, value, mask):
        """Per chunk of min(bs, sbs) tokens, the chunk/sf keys with the largest L2 norm (masked tokens count as 0)."""
        n, h, t, _ = key.shape
        chunk = min(self.block_size, self.sparse_block_size)
        keep = chunk // self.sparsity_factor
        with torch.no_grad():
            norm = key.detach().norm(dim=-1) * (mask[:, :, 0] == 0)
            norm = norm.reshape(n, h, t // chunk, chunk)
            # Ascending order, as the reference's argsort: the order decides which window an entry falls in.
            index = norm.argsort(dim=-1)[..., chunk - keep :]
            index = index + torch.arange(0, t, chunk, device=key.device).view(1, 1, -1, 1)
            index = index.reshape(n, h, -1)
        return self._gather(key, value, mask, index)

    def _sparse_stride(self, query, key, value, mask):
        """Head i keeps tokens i mod sf, i mod sf + sf, ..."""
        _, h, t, _ = key.shape
        sf = self.sparsity_factor
        index = torch.arange(0, t, sf, device=key.device).view(1, 1, -1)
        index = index + (torch.arange(h, device=key.device) % sf).view(1, h, 1)
        return self._gather(key, value, mask, index)

    def _sparse_block_stride(self, query, key, value, mask):
        """In every block, head i keeps bs/sf consecutive tokens starting at (i·bs/sf) mod bs."""
        _, h, t, _ = key.shape
        bs = self.block_size
        step = bs // self.sparsity_factor
        index = torch.arange(step, device=key.device).view(1, 1, -1) + (
            torch.arange(h, device=key.device) * step
        ).view(1, h, 1)
        index = (index % bs).unsqueeze(2) + torch.arange(0, t, bs, device=key.device).view(1, 1, -1, 1)
        return self._gather(key, value, mask, index.reshape(1, h, -1))

    def _sparse_pooling(self, query, key, value, mask):
        """Mean of the unmasked tokens of each window of sf tokens (sum / (count + 1e-6), as the reference)."""
        n, h, t, d = key.shape
        sf = self.sparsity_factor
        keep = (mask[:, :, 0] == 0).reshape(n, 1, t // sf, sf, 1)
        count = keep.sum(dim=-2)  # [n, 1, t/sf, 1]
        key = (key.reshape(n, h, t // sf, sf, d) * keep).sum(dim=-2) / (count + 1e-6)
        value = (value.reshape(n, h, t // sf, sf, d) * keep).sum(dim=-2) / (count + 1e-6)
        pooled_mask = (1.0 - count.clamp(0, 1).to(key.dtype)) * torch.finfo(key.dtype).min
        return key, value, pooled_mask.transpose(-1, -2).expand(-1, h, -1, -1)

    def _sparse_bos_pooling(self, query, key, value, mask):
        """Windows of sf tokens pooled with softmax weights given by the first token's query.

        Reference quirk kept on purpose: a window's mask is min only when the MEAN of its mask equals min, which
        in float32 never holds for sf >= 2 (the sum of min values overflows to -inf), so padded windows are attended.
        """
        n, h, t, d = key.shape
        sf = self.sparsity_factor
        window_mask = mask.transpose(-1, -2).reshape(n, 1, t // sf, sf, 1).transpose(-1, -2)  # [n,1,t/sf,1,sf]
        key = key.reshape(n, h, t // sf, sf, d)
        value = value.reshape(n, h, t // sf, sf, d)
        bos_query = query[:, :, :1].unsqueeze(-3)  # [n, h, 1, 1, d]
        scores = bos_query @ key.transpose(-1, -2) / math.sqrt(d) + window_mask
        weights = torch.softmax(scores, dim=-1)
        key = (weights @ key).reshape(n, h, -1, d)
        value = (weights @ value).reshape(n, h, -1, d)
        pooled_mask = window_mask.mean(dim=-1)  # [n, 1, t/sf, 1]
        pooled_mask = torch.where(
            pooled_mask == torch.finfo(pooled_mask.dtype).min, pooled_mask, torch.zeros_like(pooled_mask)
        )
        return key, value, pooled_mask.transpose(-1, -2).expand(-1, h, -1, -1)
