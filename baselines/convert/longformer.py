"""RoBERTa/BERT -> Longformer (Beltagy et al. 2020): sliding-window attention plus global projections."""

from __future__ import annotations

import torch

from .common import encoder_state, head_state, load_complete, same_weights_copy
from .source import SourceModel, encoder_config_kwargs, special_token_ids

DEFAULTS = {"attention_window": 512}


def build(source: SourceModel, max_length: int, attention_window: int = 512) -> torch.nn.Module:
    """A LongformerForMaskedLM with the source's weights; global q/k/v start as copies of the local ones.

    ``attention_window`` is the FULL window (half on each side), as in transformers; it must be even.
    """
    from transformers import LongformerConfig, LongformerForMaskedLM

    if attention_window <= 0 or attention_window % 2:
        raise ValueError(f"--attention-window must be a positive even number, got {attention_window}")
    # Longformer derives positions from the input ids as RoBERTa does: the first token gets pad_token_id + 1.
    offset = source.config.pad_token_id + 1
    config = LongformerConfig(
        **{**encoder_config_kwargs(source), **special_token_ids(source)},
        max_position_embeddings=max_length + offset,
        attention_window=[attention_window] * source.config.num_hidden_layers,
    )
    model = LongformerForMaskedLM(config)
    state = encoder_state(source, "longformer.", max_length, offset)
    for i in range(config.num_hidden_layers):
        base = f"longformer.encoder.layer.{i}.attention.self."
        for proj in ("query", "key", "value"):
            for part in ("weight", "bias"):
                state[f"{base}{proj}_global.{part}"] = state[f"{base}{proj}.{part}"].clone()
    state.update(head_state(source, "lm_head"))
    load_complete(model, state)
    return model.eval()


def full_coverage(model: torch.nn.Module, length: int) -> torch.nn.Module:
    """Same weights, window >= 2 x length: every token sees every other, as in the source."""
    from transformers import LongformerConfig

    from baselines.attention import set_attention_impl

    window = 2 * length  # even, as Longformer requires
    config = LongformerConfig.from_dict({**model.config.to_dict(), "attention_window": window})
    return set_attention_impl(same_weights_copy(model, type(model), config))  # the model's own implementation


def check_variants(inputs: dict) -> dict[str, dict]:
    """Extra inputs the equivalence check runs the covering model with: none, and token 0 marked global. Only
    global tokens use the global query/key/value projections; with a window covering the input, a correct copy
    gives the source's outputs either way, so a wrong global projection (weight or bias) shows."""
    first_global = torch.zeros_like(inputs["attention_mask"])
    first_global[:, 0] = 1
    return {"plain": {}, "global token 0": {"global_attention_mask": first_global}}
