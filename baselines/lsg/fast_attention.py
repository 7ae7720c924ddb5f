"""Fast LSG self-attention: the same blocks, keys and masks as :class:`LSGSelfAttention`, attended with SDPA.

The reference (``attention.py``) already works block by block, but forms every block's scores, adds the mask,
applies softmax and multiplies by the values as separate tensors ([n, h, blocks, block, keys] each, several
times the size of the activations). Here each of its attention calls is one
``torch.nn.functional.scaled_dot_product_attention`` over the same tensors: a fused kernel that never materialises
the scores. Selection of the sparse keys (every sparsity type and its quirks) is inherited unchanged.
"""

from __future__ import annotations

import math

import torch

from baselines.attention.blocks import attend

from .attention import LSGSelfAttention


class FastLSGSelfAttention(LSGSelfAttention):
    """:class:`LSGSelfAttention` with its attention products computed by SDPA (same weights and outputs)."""

    def _attend(self, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """[..., rows, d] queries against [..., keys, d]; leading dimensions are flattened to SDPA's four."""
        *lead, rows, d = query.shape
        if len(lead) > 2:
            groups = lead[-1]
            query = query.reshape(-1, groups, rows, d)
            key = key.reshape(-1, groups, key.size(-2), d)
            value = value.reshape(-1, groups, value.size(-2), d)
            mask = mask.expand(*lead, 1, mask.size(-1)).reshape(-1, groups, 1, mask.size(-1))
        dropout = self.dropout.p if self.training else 0.0
        context = attend(query, key, value, mask, dropout_p=dropout, scale=1.0 / math.sqrt(d))
        return context.reshape(*lead, rows, d)
