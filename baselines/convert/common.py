"""Helpers shared by the four conversions: renaming weights and loading them with a completeness check."""

from __future__ import annotations

import re

import torch

from .positions import tile_positions
from .source import SourceModel

#: Target MLM head layouts: canonical name -> target name (without the decoder, which is tied).
HEAD_LAYOUTS = {
    "lm_head": {  # RoBERTa, Longformer, LSG-RoBERTa
        "dense.weight": "lm_head.dense.weight",
        "dense.bias": "lm_head.dense.bias",
        "layer_norm.weight": "lm_head.layer_norm.weight",
        "layer_norm.bias": "lm_head.layer_norm.bias",
        "bias": "lm_head.bias",
        "decoder.bias": "lm_head.decoder.bias",
        "decoder.weight": "lm_head.decoder.weight",
    },
    "cls": {  # BERT, BigBird, Nyströmformer, LSG-BERT
        "dense.weight": "cls.predictions.transform.dense.weight",
        "dense.bias": "cls.predictions.transform.dense.bias",
        "layer_norm.weight": "cls.predictions.transform.LayerNorm.weight",
        "layer_norm.bias": "cls.predictions.transform.LayerNorm.bias",
        "bias": "cls.predictions.bias",
        "decoder.bias": "cls.predictions.decoder.bias",
        "decoder.weight": "cls.predictions.decoder.weight",
    },
}


def encoder_state(
    source: SourceModel, prefix: str, max_length: int, target_offset: int
) -> dict[str, torch.Tensor]:
    """The source encoder under ``prefix`` with its position table tiled to ``max_length`` positions."""
    state = {}
    for name, tensor in source.encoder.items():
        if name == "embeddings.position_embeddings.weight":
            tensor = tile_positions(tensor, source.position_offset, target_offset, max_length)
        state[prefix + name] = tensor.clone()
    return state


def head_state(source: SourceModel, layout: str) -> dict[str, torch.Tensor]:
    """The source MLM head renamed to a target layout; the decoder is tied to the word embeddings."""
    names = HEAD_LAYOUTS[layout]
    state = {names[k]: v.clone() for k, v in source.head.items()}
    state[names["decoder.weight"]] = source.encoder["embeddings.word_embeddings.weight"].clone()
    state[names["decoder.bias"]] = source.head["bias"].clone()
    return state


def load_complete(model: torch.nn.Module, state: dict[str, torch.Tensor], fresh: tuple[str, ...] = ()) -> None:
    """Load ``state`` into ``model``, failing if a model tensor is neither given nor listed in ``fresh``.

    ``fresh`` holds regular expressions of tensors the conversion deliberately leaves as initialised. A wrong or
    missing name therefore fails loudly instead of leaving random weights behind.
    """
    expected = model.state_dict()
    unknown = sorted(set(state) - set(expected))
    if unknown:
        raise KeyError(f"conversion produced tensors the target does not have: {unknown[:8]}")
    missing = sorted(k for k in expected if k not in state and not any(re.fullmatch(p, k) for p in fresh))
    if missing:
        raise KeyError(f"conversion left target tensors unset: {missing[:8]}")
    for name, tensor in state.items():
        if expected[name].shape != tensor.shape:
            raise ValueError(f"{name}: target shape {tuple(expected[name].shape)}, got {tuple(tensor.shape)}")
    model.load_state_dict(state, strict=False)
    if hasattr(model, "tie_weights"):
        model.tie_weights()


def same_weights_copy(model: torch.nn.Module, model_class, config) -> torch.nn.Module:
    """A new ``model_class(config)`` holding ``model``'s weights (for checks with a changed configuration)."""
    other = model_class(config)
    other.load_state_dict(model.state_dict(), strict=True)
    return other.eval()
