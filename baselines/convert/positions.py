"""Extending learned absolute position embeddings by tiling (Beltagy et al. 2020, Longformer §5)."""

from __future__ import annotations

import torch


def tile_positions(
    source: torch.Tensor, source_offset: int, target_offset: int, max_length: int
) -> torch.Tensor:
    """Return a [target_offset + max_length, hidden] table whose rows target_offset + i hold source row
    source_offset + (i mod n), n being the number of usable source rows.

    The offset is where the first real token's position lives: 2 in RoBERTa (rows 0 and 1 belong to the padding
    index), 0 in BERT. Rows below the target offset are copied from the source's rows below its own offset when it
    has them (RoBERTa -> RoBERTa-style) and are zero otherwise (they only ever embed padding).
    """
    if source.dim() != 2:
        raise ValueError(f"position embeddings must be 2-D, got shape {tuple(source.shape)}")
    usable = source[source_offset:]
    if usable.size(0) == 0:
        raise ValueError(f"the source has {source.size(0)} position rows, none past its offset {source_offset}")
    repeats = -(-max_length // usable.size(0))
    body = usable.repeat(repeats, 1)[:max_length]
    head = source.new_zeros(target_offset, source.size(1))
    rows = min(source_offset, target_offset)
    head[:rows] = source[:rows]
    return torch.cat([head, body], dim=0).clone()
