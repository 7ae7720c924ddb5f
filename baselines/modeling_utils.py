"""Small architecture-independent helpers over the *ForMaskedLM models this package handles."""

from __future__ import annotations

import torch


def mlm_head(model: torch.nn.Module) -> torch.nn.Module:
    """The MLM head module: ``lm_head`` (RoBERTa, Longformer, LSG-RoBERTa) or ``cls`` (BERT, BigBird, ...)."""
    for name in ("lm_head", "cls"):
        head = getattr(model, name, None)
        if head is not None:
            return head
    raise TypeError(f"{type(model).__name__} has no MLM head (lm_head or cls)")


def mlm_logits(model: torch.nn.Module, hidden: torch.Tensor) -> torch.Tensor:
    """Vocabulary logits of ``hidden`` (the base model's last hidden state) through the model's MLM head."""
    return mlm_head(model)(hidden)


def encoder_layers(model: torch.nn.Module) -> torch.nn.ModuleList:
    """The list of transformer layers (``<base>.encoder.layer``)."""
    return model.base_model.encoder.layer
