"""RoBERTa/BERT -> BigBird (Zaheer et al. 2020): block-sparse attention with random and global blocks."""

from __future__ import annotations

import torch

from ..modeling_utils import apply_runtime_fixes
from .common import encoder_state, head_state, load_complete, same_weights_copy
from .source import SourceModel, encoder_config_kwargs, special_token_ids

DEFAULTS = {"block_size": 64, "num_random_blocks": 3}


def build(source: SourceModel, max_length: int, block_size: int = 64, num_random_blocks: int = 3) -> torch.nn.Module:
    """A BigBirdForMaskedLM (attention_type "block_sparse") with the source's weights and tiled positions."""
    from transformers import BigBirdConfig, BigBirdForMaskedLM

    if block_size <= 0 or num_random_blocks < 0:
        raise ValueError(
            f"--block-size must be > 0 and --num-random-blocks >= 0, got {block_size}, {num_random_blocks}"
        )
    config = BigBirdConfig(
        **{**encoder_config_kwargs(source), **special_token_ids(source)},
        max_position_embeddings=max_length,  # BigBird positions are 0..L-1, as BERT's
        attention_type="block_sparse",
        block_size=block_size,
        num_random_blocks=num_random_blocks,
        use_bias=True,
        rescale_embeddings=False,
        tie_word_embeddings=True,
    )
    model = BigBirdForMaskedLM(config)
    state = encoder_state(source, "bert.", max_length, 0)
    state.update(head_state(source, "cls"))
    # BigBirdForMaskedLM keeps a pooler, which no MLM checkpoint of the source has: it stays initialised.
    load_complete(model, state, fresh=(r"bert\.pooler\..*",))
    return apply_runtime_fixes(model).eval()


def full_coverage(model: torch.nn.Module, length: int) -> torch.nn.Module:
    """Same weights with attention_type "original_full" (plain softmax attention)."""
    from transformers import BigBirdConfig

    config = BigBirdConfig.from_dict({**model.config.to_dict(), "attention_type": "original_full"})
    return same_weights_copy(model, type(model), config)
