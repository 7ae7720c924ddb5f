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


def _token_keep(mask: torch.Tensor | None) -> torch.Tensor | None:
    """[n, L] booleans (True = real token) from the [n, 1, 1, L] mask transformers gives the attention layers
    (additive: 0 for real tokens, a large negative number for padding; or boolean: True for real tokens)."""
    if mask is None:
        return None
    row = mask[:, 0, 0, :]
    return row if row.dtype == torch.bool else row > torch.finfo(row.dtype).min / 2


def _nystromformer_mask_hook(module, args, kwargs):
    """Before each Nyströmformer self-attention call: keep one row of the mask, and remember which tokens are real.

    transformers 5 gives Nyströmformer a [n, 1, q, k] mask, which its landmark path cannot add to its
    [n, h, landmarks, k] scores (a crash on any padded batch). The rows of a padding mask are all equal: keep one.
    The remembered mask zeroes the padded positions' queries and keys (see :func:`_zero_padding_output`)."""
    mask = args[1] if len(args) > 1 else kwargs.get("attention_mask")
    if mask is not None and mask.dim() == 4 and mask.size(-2) > 1:
        mask = mask[:, :, :1, :]
        if len(args) > 1:
            args = (args[0], mask, *args[2:])
        else:
            kwargs = {**kwargs, "attention_mask": mask}
    keep = _token_keep(mask) if mask is not None and mask.dim() == 4 else None
    for part in (module.query, module.key, getattr(module, "conv", None)):
        if part is not None:
            part._gonerd_keep = keep  # read by the hooks below (kept on each part: safe under deepcopy)
    return args, kwargs


def _zero_padding_output(linear, args, output):
    """Forward hook on the query/key projections: padded positions get a zero query and key, as in the original
    Nyströmformer (Xiong et al. 2021, ``Q = Q * mask``, ``K = K * mask``). The landmarks (segment means of Q and
    K) and the two kernels that ignore the mask then no longer depend on what the padded positions hold."""
    keep = getattr(linear, "_gonerd_keep", None)
    if keep is None:
        return output
    return output * keep.unsqueeze(-1).to(output.dtype)


def _zero_padding_conv_input(conv, args):
    """Forward pre-hook on the value convolution: it reads the values of padded positions next to real ones
    (``conv(V)`` in transformers); the original convolves ``V * mask``."""
    keep = getattr(conv, "_gonerd_keep", None)
    if keep is None:
        return None
    values = args[0]  # [n, heads, L, head_dim]
    return (values * keep[:, None, :, None].to(values.dtype), *args[1:])


def fix_nystromformer_padding(model: torch.nn.Module) -> torch.nn.Module:
    """Make a transformers Nyströmformer accept padded batches, and keep padding out of real-token outputs.

    transformers' Nyströmformer adds the mask only to its third kernel: the landmarks (segment means of all
    queries and keys, padded ones included), the first two kernels and the value convolution read the padded
    positions, so what padding holds changes real-token outputs. The original implementation zeroes the queries
    and keys of padded positions before anything else and convolves masked values; this does the same with hooks.
    """
    from transformers.models.nystromformer.modeling_nystromformer import NystromformerSelfAttention

    for module in model.modules():
        if isinstance(module, NystromformerSelfAttention) and not getattr(module, "_gonerd_mask_fix", False):
            module.register_forward_pre_hook(_nystromformer_mask_hook, with_kwargs=True)
            for projection in (module.query, module.key):
                projection.register_forward_hook(_zero_padding_output)
            if getattr(module, "conv", None) is not None:
                module.conv.register_forward_pre_hook(_zero_padding_conv_input)
            module._gonerd_mask_fix = True
    return model


def fix_bigbird_mixed_precision(model: torch.nn.Module) -> torch.nn.Module:
    """transformers 5's BigBird block-sparse attention always rebuilds its full probability matrix with
    ``scatter_``, which fails under bf16/fp16 autocast (float32 softmax into a half tensor). Its attention then
    runs in float32 (the rest of the model keeps mixed precision). Only the reference code needs this: the fast
    attention (:mod:`baselines.attention.bigbird`) runs in any dtype."""
    from transformers.models.big_bird.modeling_big_bird import BigBirdBlockSparseAttention

    from baselines.attention.bigbird import Float32BigBirdBlockSparseAttention

    for module in model.modules():
        if type(module) is BigBirdBlockSparseAttention:
            module.__class__ = Float32BigBirdBlockSparseAttention  # a class, not a wrapper: survives deepcopy
    return model


def _restore_bigbird_attention_type(module, args, kwargs):
    """Forward pre-hook on BigBirdModel: start every call with the configured attention type.

    transformers' BigBirdModel.forward switches itself to "original_full" (``set_attention_type``) whenever an
    input has at most (5 + 2 * num_random_blocks) * block_size tokens, and never switches back: after one short
    batch, every later batch would run O(n^2) full attention while the config (and the saved config.json) still
    says "block_sparse". With the reference attention code switching back rebuilds the attention modules, so the
    float32 fix is applied again; the fast path swaps kept modules (``baselines.attention.bigbird``)."""
    from baselines.attention import set_attention_impl

    wanted = module.config.attention_type
    if module.attention_type != wanted:
        module.set_attention_type(wanted)
        set_attention_impl(module)  # the rebuilt modules are transformers' reference class
        fix_bigbird_mixed_precision(module)


def fix_bigbird_attention_type(model: torch.nn.Module) -> torch.nn.Module:
    """Make BigBird's fallback to full attention on short inputs last one call, not the rest of the run."""
    from transformers.models.big_bird.modeling_big_bird import BigBirdModel

    for module in model.modules():
        if isinstance(module, BigBirdModel) and not getattr(module, "_gonerd_type_fix", False):
            module.register_forward_pre_hook(_restore_bigbird_attention_type, with_kwargs=True)
            module._gonerd_type_fix = True
    return model


def apply_runtime_fixes(model: torch.nn.Module) -> torch.nn.Module:
    """Select the attention implementation the config asks for (``attention_impl``, default "fast"; see
    :mod:`baselines.attention`) and work around transformers 5 bugs that affect the architectures we train
    (instance-level, idempotent)."""
    from baselines.attention import set_attention_impl

    set_attention_impl(model)
    model_type = getattr(model.config, "model_type", None)
    if model_type == "nystromformer":
        fix_nystromformer_padding(model)
    elif model_type == "big_bird":
        fix_bigbird_mixed_precision(model)
        fix_bigbird_attention_type(model)
    return model
