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


def model_max_length(config) -> int:
    """Longest input the model reads, from its position table."""
    positions = config.max_position_embeddings
    if config.model_type in ("longformer", "roberta", "xlm-roberta", "camembert", "lsg-roberta"):
        return positions - (config.pad_token_id + 1)
    return positions  # BERT, BigBird, LSG-BERT (0-based); Nyströmformer keeps 2 extra rows beyond this


def _nystromformer_mask_hook(module, args, kwargs):
    """transformers 5 gives Nyströmformer a [n, 1, q, k] mask, which its landmark path cannot add to its
    [n, h, landmarks, k] scores (a crash on any padded batch). The rows of a padding mask are all equal: keep one."""
    if len(args) > 1 and args[1] is not None and args[1].dim() == 4 and args[1].size(-2) > 1:
        args = (args[0], args[1][:, :, :1, :], *args[2:])
    elif kwargs.get("attention_mask") is not None and kwargs["attention_mask"].dim() == 4:
        kwargs = {**kwargs, "attention_mask": kwargs["attention_mask"][:, :, :1, :]}
    return args, kwargs


def fix_nystromformer_padding(model: torch.nn.Module) -> torch.nn.Module:
    """Make a transformers Nyströmformer accept padded batches (see :func:`_nystromformer_mask_hook`)."""
    from transformers.models.nystromformer.modeling_nystromformer import NystromformerSelfAttention

    for module in model.modules():
        if isinstance(module, NystromformerSelfAttention) and not getattr(module, "_gonerd_mask_fix", False):
            module.register_forward_pre_hook(_nystromformer_mask_hook, with_kwargs=True)
            module._gonerd_mask_fix = True
    return model


def _fp32_attention(forward):
    """Run a BigBird block-sparse attention call outside autocast, in float32."""
    import functools

    @functools.wraps(forward)
    def wrapped(hidden_states, *args, **kwargs):
        device = hidden_states.device.type
        if not torch.is_autocast_enabled(device):
            return forward(hidden_states, *args, **kwargs)
        with torch.autocast(device_type=device, enabled=False):
            return forward(hidden_states.float(), *args, **kwargs)

    return wrapped


def fix_bigbird_mixed_precision(model: torch.nn.Module) -> torch.nn.Module:
    """transformers 5's BigBird block-sparse attention always rebuilds its full probability matrix with
    ``scatter_``, which fails under bf16/fp16 autocast (float32 softmax into a half tensor). Its attention then
    runs in float32 (the rest of the model keeps mixed precision)."""
    from transformers.models.big_bird.modeling_big_bird import BigBirdBlockSparseAttention

    for module in model.modules():
        if isinstance(module, BigBirdBlockSparseAttention) and not getattr(module, "_gonerd_fp32_fix", False):
            module.forward = _fp32_attention(module.forward)
            module._gonerd_fp32_fix = True
    return model


def apply_runtime_fixes(model: torch.nn.Module) -> torch.nn.Module:
    """Work around transformers 5 bugs that affect the architectures we train (instance-level, idempotent)."""
    model_type = getattr(model.config, "model_type", None)
    if model_type == "nystromformer":
        fix_nystromformer_padding(model)
    elif model_type == "big_bird":
        fix_bigbird_mixed_precision(model)
    return model
