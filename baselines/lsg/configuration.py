"""Configurations of LSG-RoBERTa and LSG-BERT (same keys and defaults as lsg-converter 0.1.9).

The LSG keys are added to transformers' RobertaConfig/BertConfig. Checkpoints WE save get the model types
"lsg-roberta"/"lsg-bert" (registered with the Auto classes in :mod:`baselines.lsg`); checkpoints written by
lsg-converter keep model_type "roberta"/"bert" and are recognised by :func:`baselines.load_model`.
"""

from __future__ import annotations

import logging

from transformers import BertConfig, RobertaConfig

logger = logging.getLogger(__name__)

#: Sparsity types our implementation computes. "lsh" (random hyperplanes drawn on every call) is not supported.
SPARSITY_TYPES = ("norm", "pooling", "stride", "block_stride", "bos_pooling")
#: Values that turn the sparse part off (global + local attention only).
NO_SPARSITY = (None, "none")
#: Keys an lsg-converter config adds to a RoBERTa/BERT config (with their defaults).
LSG_DEFAULTS: dict[str, object] = {
    "adaptive": True,
    "base_model_prefix": "lsg",
    "block_size": 128,
    "lsh_num_pre_rounds": 1,
    "mask_first_token": False,
    "num_global_tokens": 1,
    "pool_with_global": True,
    "sparse_block_size": 128,
    "sparsity_factor": 2,
    "sparsity_type": "norm",
}


def validate_lsg_config(config) -> None:
    """Check and normalise the LSG keys the way lsg-converter does (warnings and clamps), raising on errors."""
    if config.sparsity_type == "lsh":
        raise ValueError(
            "sparsity_type='lsh' is not supported: lsg-converter draws random hyperplanes on every call, so its "
            f"outputs are not reproducible; use one of {SPARSITY_TYPES} or None"
        )
    if config.sparsity_type not in (*SPARSITY_TYPES, *NO_SPARSITY):
        logger.warning(
            "sparsity_type=%r is not one of %s: setting sparsity_type=None (global + local attention only), as "
            "lsg-converter does", config.sparsity_type, SPARSITY_TYPES,
        )
        config.sparsity_type = None
    if config.sparsity_type in ("stride", "block_stride") and config.sparsity_factor > config.num_attention_heads:
        logger.warning("sparsity_factor > num_attention_heads is not recommended for %s sparsity", config.sparsity_type)
    if config.num_global_tokens < 1:
        logger.warning("num_global_tokens < 1 is not compatible, setting num_global_tokens=1")
        config.num_global_tokens = 1
    elif config.num_global_tokens > 512:
        logger.warning("num_global_tokens > 512 is not allowed, setting num_global_tokens=512")
        config.num_global_tokens = 512
    if config.block_size < 1:
        raise ValueError(f"block_size must be >= 1, got {config.block_size}")
    if config.sparsity_factor and config.sparsity_factor > 0:
        if config.block_size % config.sparsity_factor != 0:
            raise ValueError(
                f"block_size ({config.block_size}) must be divisible by sparsity_factor ({config.sparsity_factor})"
            )
        step = config.block_size // config.sparsity_factor
        if step % 2 == 1 and step > 1 and config.sparse_block_size:
            raise ValueError(
                f"block_size / sparsity_factor = {step} is odd and > 1: lsg-converter cannot run this setting "
                "(its sparse windows do not line up); choose powers of two"
            )
    if config.mask_first_token and not config.pool_with_global:
        logger.warning("mask_first_token=True needs pool_with_global=True: setting pool_with_global=True")
        config.pool_with_global = True
    if getattr(config, "position_embedding_type", "absolute") not in (None, "absolute"):
        logger.warning("LSG attention ignores relative position embeddings (position_embedding_type != 'absolute')")


class LSGRobertaConfig(RobertaConfig):
    """RobertaConfig plus the LSG attention keys (see ``shared/notes/lsg.md`` for their meaning)."""

    model_type = "lsg-roberta"

    adaptive: bool = True
    base_model_prefix: str = "lsg"
    block_size: int = 128
    lsh_num_pre_rounds: int = 1
    mask_first_token: bool = False
    num_global_tokens: int = 1
    pool_with_global: bool = True
    sparse_block_size: int | None = 128
    sparsity_factor: int = 2
    sparsity_type: str | None = "norm"

    def __post_init__(self, **kwargs):
        # lsg-converter configs carry an auto_map to a modeling file that is not shipped: never keep it.
        kwargs.pop("auto_map", None)
        kwargs.pop("model_type", None)  # "roberta"/"bert" in lsg-converter configs: the class's type wins
        super().__post_init__(**kwargs)
        validate_lsg_config(self)


class LSGBertConfig(BertConfig):
    """BertConfig plus the LSG attention keys (see ``shared/notes/lsg.md`` for their meaning)."""

    model_type = "lsg-bert"

    adaptive: bool = True
    base_model_prefix: str = "lsg"
    block_size: int = 128
    lsh_num_pre_rounds: int = 1
    mask_first_token: bool = False
    num_global_tokens: int = 1
    pool_with_global: bool = True
    sparse_block_size: int | None = 128
    sparsity_factor: int = 2
    sparsity_type: str | None = "norm"

    def __post_init__(self, **kwargs):
        kwargs.pop("auto_map", None)
        kwargs.pop("model_type", None)  # "roberta"/"bert" in lsg-converter configs: the class's type wins
        super().__post_init__(**kwargs)
        validate_lsg_config(self)
