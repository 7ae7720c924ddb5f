"""RoBERTa/BERT -> Nyströmformer (Xiong et al. 2021): landmark (Nyström) approximation of softmax attention."""

from __future__ import annotations

import torch

from ..modeling_utils import fix_nystromformer_padding
from .common import encoder_state, head_state, load_complete, same_weights_copy
from .source import SourceModel, encoder_config_kwargs, special_token_ids

DEFAULTS = {"num_landmarks": 64, "conv_kernel_size": 65}

#: transformers' Nyströmformer gives token i the position row i + 2.
POSITION_OFFSET = 2


def build(
    source: SourceModel, max_length: int, num_landmarks: int = 64, conv_kernel_size: int = 65
) -> torch.nn.Module:
    """A NystromformerForMaskedLM with the source's weights and tiled positions.

    The depthwise convolution on the values (a Nyströmformer addition, kernel ``conv_kernel_size``) starts at zero so
    that the converted model computes the source's function up to the attention approximation. It cannot be left
    out: transformers 5's NystromformerConfig only accepts an integer kernel size (its "no convolution" setting,
    None, fails validation). transformers' implementation needs inputs of exactly ``segment_means_seq_len`` =
    max_length tokens (pad to it) unless num_landmarks equals that length.
    """
    from transformers import NystromformerConfig, NystromformerForMaskedLM

    if not isinstance(conv_kernel_size, int) or conv_kernel_size <= 0 or conv_kernel_size % 2 == 0:
        raise ValueError(
            f"--conv-kernel-size must be a positive odd integer, got {conv_kernel_size!r} (an even kernel changes the "
            "sequence length; transformers 5's Nyströmformer cannot drop its value convolution, and the converted one "
            "starts at zero, which leaves the function unchanged)"
        )
    if num_landmarks <= 0 or max_length % num_landmarks:
        raise ValueError(f"--num-landmarks ({num_landmarks}) must be > 0 and divide --max-length ({max_length})")
    config = NystromformerConfig(
        **{**encoder_config_kwargs(source), **special_token_ids(source)},
        max_position_embeddings=max_length,
        segment_means_seq_len=max_length,
        num_landmarks=num_landmarks,
        conv_kernel_size=conv_kernel_size,
        inv_coeff_init_option=False,
        tie_word_embeddings=True,
    )
    model = NystromformerForMaskedLM(config)
    state = encoder_state(source, "nystromformer.", max_length, POSITION_OFFSET)
    for i in range(config.num_hidden_layers):
        name = f"nystromformer.encoder.layer.{i}.attention.self.conv.weight"
        state[name] = torch.zeros_like(model.state_dict()[name])
    state.update(head_state(source, "cls"))
    load_complete(model, state)
    return fix_nystromformer_padding(model).eval()


def full_coverage(model: torch.nn.Module, length: int) -> torch.nn.Module:
    """Same weights with num_landmarks = segment_means_seq_len = length: exact softmax attention on that length."""
    from transformers import NystromformerConfig

    config = NystromformerConfig.from_dict(
        {**model.config.to_dict(), "num_landmarks": length, "segment_means_seq_len": length}
    )
    return fix_nystromformer_padding(same_weights_copy(model, type(model), config))
