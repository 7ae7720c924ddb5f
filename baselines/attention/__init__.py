"""Fast attention for the long-document architectures, selected by one config key, ``attention_impl``.

``attention_impl`` is "fast" (the default, also when a config does not have the key) or "reference":

| architecture | reference (the original code) | fast |
|---|---|---|
| Longformer | transformers' ``LongformerSelfAttention`` | ``longformer.FastLongformerSelfAttention`` (and a model |
| | and ``LongformerModel`` | forward without its length² mask: ``longformer.FastLongformerModel``) |
| BigBird | transformers' ``BigBirdBlockSparseAttention`` | ``bigbird.FastBigBirdBlockSparseAttention`` (and, for |
| | (and its full attention on short inputs) | short inputs, ``FastBigBirdSelfAttention``, ``FastBigBirdAttention``) |
| LSG | our ``baselines.lsg.attention.LSGSelfAttention`` | ``baselines.lsg.fast_attention.FastLSGSelfAttention`` |
| Nyströmformer | transformers' (already fast) | the same |

Each fast class subclasses its reference and only replaces the computation: the same parameters under the same
names, the same outputs and gradients (tolerance-tested), so switching never touches the weights and a saved
model is a plain transformers checkpoint with one more config key. transformers' own classes ignore the key (a
Longformer or BigBird folder loaded with ``AutoModel`` runs the reference code); :func:`baselines.load_model`,
``convert``, ``pretrain`` and ``distill`` apply it (:func:`set_attention_impl`). Our LSG classes read it when they
are built, whichever way they are loaded.
"""

from __future__ import annotations

import functools

import torch

#: Values of the ``attention_impl`` config key.
ATTENTION_IMPLS = ("fast", "reference")
DEFAULT_ATTENTION_IMPL = "fast"
#: The config key.
CONFIG_KEY = "attention_impl"


def attention_impl(config) -> str:
    """The implementation a config asks for (default "fast"); raises on an unknown value."""
    value = getattr(config, CONFIG_KEY, None) or DEFAULT_ATTENTION_IMPL
    if value not in ATTENTION_IMPLS:
        raise ValueError(f"{CONFIG_KEY}={value!r} is not one of {ATTENTION_IMPLS}")
    return value


@functools.cache
def _pairs() -> tuple[tuple[tuple[type, ...], type], ...]:
    """((reference classes, first the original), fast class) for every architecture that has a fast path."""
    from transformers.models.big_bird.modeling_big_bird import (
        BigBirdAttention,
        BigBirdBlockSparseAttention,
        BigBirdSelfAttention,
    )
    from transformers.models.longformer.modeling_longformer import LongformerModel, LongformerSelfAttention

    from baselines.lsg.attention import LSGSelfAttention
    from baselines.lsg.fast_attention import FastLSGSelfAttention

    from .bigbird import (
        FastBigBirdAttention,
        FastBigBirdBlockSparseAttention,
        FastBigBirdSelfAttention,
        Float32BigBirdBlockSparseAttention,
    )
    from .longformer import FastLongformerModel, FastLongformerSelfAttention

    return (
        ((LongformerSelfAttention,), FastLongformerSelfAttention),
        ((LongformerModel,), FastLongformerModel),
        ((BigBirdBlockSparseAttention, Float32BigBirdBlockSparseAttention), FastBigBirdBlockSparseAttention),
        ((BigBirdSelfAttention,), FastBigBirdSelfAttention),
        ((BigBirdAttention,), FastBigBirdAttention),
        ((LSGSelfAttention,), FastLSGSelfAttention),
    )


def set_attention_impl(model: torch.nn.Module, impl: str | None = None) -> torch.nn.Module:
    """Switch every attention module of ``model`` to ``impl`` (default: what ``model.config`` says, else "fast").

    The switch changes the modules' class in place (parameters, hooks and device untouched) and records ``impl``
    in ``model.config`` (when the model has such modules), so it is saved with the checkpoint. Idempotent; models
    without a fast path (BERT, RoBERTa, Nyströmformer) are left as they are.
    """
    config = getattr(model, "config", None)
    if impl is None:
        impl = attention_impl(config)
    elif impl not in ATTENTION_IMPLS:
        raise ValueError(f"{CONFIG_KEY}={impl!r} is not one of {ATTENTION_IMPLS}")
    found = False
    for module in model.modules():
        for references, fast in _pairs():
            if type(module) not in (*references, fast):
                continue
            found = True
            if impl == "fast" and type(module) is not fast:
                module.__class__ = fast
            elif impl == "reference" and type(module) is fast:
                module.__class__ = references[0]
    if found and config is not None:
        setattr(config, CONFIG_KEY, impl)
    if found and impl == "reference":
        from baselines.modeling_utils import fix_bigbird_mixed_precision

        fix_bigbird_mixed_precision(model)  # transformers' BigBird fails under autocast otherwise
    return model


def uses_fast_attention(model: torch.nn.Module) -> bool:
    """True when at least one attention module of ``model`` runs a fast path."""
    fast_classes = tuple(fast for _, fast in _pairs())
    return any(isinstance(module, fast_classes) for module in model.modules())
