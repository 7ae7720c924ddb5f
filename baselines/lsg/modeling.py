"""LSG-RoBERTa and LSG-BERT encoders for transformers 5.x, weight-compatible with lsg-converter 0.1.9.

The models are transformers' RoBERTa/BERT with three changes: ``embeddings.global_embeddings`` (512 rows) whose
first ``num_global_tokens`` rows are prepended to every sequence, :class:`LSGSelfAttention` in every layer, and a
forward that pads to a multiple of the block size and trims the output back. State-dict names are exactly
RoBERTa's/BERT's plus ``embeddings.global_embeddings.weight``, so lsg-converter checkpoints load unchanged.
Only the encoder (non-causal) path is implemented.
"""

from __future__ import annotations

from typing import ClassVar

import torch
from torch import nn
from torch.nn import functional as F
from transformers.modeling_outputs import BaseModelOutputWithPoolingAndCrossAttentions
from transformers.models.bert.modeling_bert import (
    BertEmbeddings,
    BertForMaskedLM,
    BertForMultipleChoice,
    BertForPreTraining,
    BertForQuestionAnswering,
    BertForSequenceClassification,
    BertForTokenClassification,
    BertLayer,
    BertModel,
    BertOnlyMLMHead,
    BertPooler,
    BertPreTrainedModel,
    BertPreTrainingHeads,
)
from transformers.models.roberta.modeling_roberta import (
    RobertaClassificationHead,
    RobertaEmbeddings,
    RobertaForMaskedLM,
    RobertaForMultipleChoice,
    RobertaForQuestionAnswering,
    RobertaForSequenceClassification,
    RobertaForTokenClassification,
    RobertaLayer,
    RobertaLMHead,
    RobertaModel,
    RobertaPooler,
    RobertaPreTrainedModel,
)

from .attention import LSGSelfAttention
from .configuration import LSGBertConfig, LSGRobertaConfig
from .fast_attention import FastLSGSelfAttention

#: lsg-converter always stores 512 global embedding rows, whatever num_global_tokens is.
GLOBAL_EMBEDDING_ROWS = 512


def _embed(
    embeddings: nn.Module,
    input_ids: torch.Tensor | None,
    token_type_ids: torch.Tensor | None,
    position_ids: torch.Tensor | None,
    inputs_embeds: torch.Tensor | None,
    roberta_positions: bool,
) -> torch.Tensor:
    """word + token type + position embeddings of the real tokens, global rows prepended, then LayerNorm."""
    if inputs_embeds is None:
        inputs_embeds = embeddings.word_embeddings(input_ids)
    n, length = inputs_embeds.shape[:2]
    device = inputs_embeds.device
    if position_ids is None:
        if roberta_positions and input_ids is not None:
            position_ids = RobertaEmbeddings.create_position_ids_from_input_ids(input_ids, embeddings.padding_idx)
        elif roberta_positions:
            position_ids = RobertaEmbeddings.create_position_ids_from_inputs_embeds(
                inputs_embeds, embeddings.padding_idx
            )
        else:
            position_ids = torch.arange(length, device=device).unsqueeze(0)
    if token_type_ids is None:
        token_type_ids = torch.zeros(n, length, dtype=torch.long, device=device)
    hidden = inputs_embeds + embeddings.token_type_embeddings(token_type_ids)
    hidden = hidden + embeddings.position_embeddings(position_ids)
    globals_ = embeddings.global_embeddings.weight[: embeddings.num_global_tokens]
    hidden = torch.cat([globals_.unsqueeze(0).expand(n, -1, -1).to(hidden.dtype), hidden], dim=1)
    return embeddings.dropout(embeddings.LayerNorm(hidden))


class LSGRobertaEmbeddings(RobertaEmbeddings):
    def __init__(self, config):
        super().__init__(config)
        self.num_global_tokens = config.num_global_tokens
        self.global_embeddings = nn.Embedding(GLOBAL_EMBEDDING_ROWS, config.hidden_size)

    def forward(self, input_ids=None, token_type_ids=None, position_ids=None, inputs_embeds=None, **kwargs):
        return _embed(self, input_ids, token_type_ids, position_ids, inputs_embeds, roberta_positions=True)


class LSGBertEmbeddings(BertEmbeddings):
    def __init__(self, config):
        super().__init__(config)
        self.num_global_tokens = config.num_global_tokens
        self.global_embeddings = nn.Embedding(GLOBAL_EMBEDDING_ROWS, config.hidden_size)

    def forward(self, input_ids=None, token_type_ids=None, position_ids=None, inputs_embeds=None, **kwargs):
        return _embed(self, input_ids, token_type_ids, position_ids, inputs_embeds, roberta_positions=False)


class _LSGEncoder(nn.Module):
    """The stack of layers, with LSG self-attention swapped in (same parameter names); ``config.attention_impl``
    chooses the fast (default) or the reference attention."""

    def __init__(self, config, layer_class):
        from baselines.attention import attention_impl

        super().__init__()
        self.config = config
        attention_class = FastLSGSelfAttention if attention_impl(config) == "fast" else LSGSelfAttention
        self.layer = nn.ModuleList()
        for i in range(config.num_hidden_layers):
            layer = layer_class(config, layer_idx=i)
            layer.attention.self = attention_class(config, layer_idx=i)
            self.layer.append(layer)


class _LSGModelMixin:
    """Forward of the LSG base model, shared by RoBERTa and BERT."""

    def _lsg_forward(
        self,
        input_ids=None,
        attention_mask=None,
        token_type_ids=None,
        position_ids=None,
        inputs_embeds=None,
        output_hidden_states=None,
        return_dict=None,
        **kwargs,
    ):
        config = self.config
        if config.is_decoder or kwargs.get("encoder_hidden_states") is not None:
            raise NotImplementedError("the LSG models here are encoders only (is_decoder=True is not supported)")
        if (input_ids is None) == (inputs_embeds is None):
            raise ValueError("give exactly one of input_ids or inputs_embeds")
        if output_hidden_states is None:
            output_hidden_states = config.output_hidden_states
        if return_dict is None:
            return_dict = config.return_dict
        n, length = (input_ids if input_ids is not None else inputs_embeds).shape[:2]
        g = config.num_global_tokens

        hidden = self.embeddings(
            input_ids=input_ids, token_type_ids=token_type_ids, position_ids=position_ids, inputs_embeds=inputs_embeds
        )
        if attention_mask is None:
            attention_mask = torch.ones(n, length, device=hidden.device)
        min_value = torch.finfo(hidden.dtype).min
        mask = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * min_value

        block = config.block_size
        if length > 2 * block and length % block:
            if not config.adaptive:
                raise ValueError(
                    f"sequence length {length} is not a multiple of block_size {block} and adaptive=False"
                )
            pad = block - length % block
            # Block padding comes after the embedding LayerNorm: exact zeros, masked.
            hidden = F.pad(hidden, (0, 0, 0, pad), value=0.0)
            mask = F.pad(mask, (0, pad), value=min_value)
        if config.mask_first_token:
            mask = mask.clone()
            mask[..., 0] = min_value

        all_hidden = [hidden] if output_hidden_states else None
        for layer in self.encoder.layer:
            hidden = layer(hidden, mask)
            if isinstance(hidden, tuple):
                hidden = hidden[0]
            if output_hidden_states:
                all_hidden.append(hidden)
        if config.pool_with_global:
            hidden = hidden.clone()
            hidden[:, g] = hidden[:, 0]
            if output_hidden_states:
                all_hidden[-1] = hidden
        sequence_output = hidden[:, g : g + length]
        pooled_output = self.pooler(sequence_output) if self.pooler is not None else None

        output = BaseModelOutputWithPoolingAndCrossAttentions(
            last_hidden_state=sequence_output,
            pooler_output=pooled_output,
            hidden_states=tuple(all_hidden) if output_hidden_states else None,
        )
        return output if return_dict else output.to_tuple()


def _no_fast_attention(cls):
    """LSG computes its own attention: never select sdpa/flash kernels for these classes."""
    cls._supports_sdpa = False
    cls._supports_flash_attn = False
    cls._supports_flex_attn = False
    cls._supports_attention_backend = False
    cls._can_record_outputs = {}
    return cls


# ---------------------------------------------------------------------------------------------------------------
# RoBERTa
@_no_fast_attention
class LSGRobertaPreTrainedModel(RobertaPreTrainedModel):
    config_class = LSGRobertaConfig
    config: LSGRobertaConfig
    base_model_prefix = "roberta"
    _no_split_modules: ClassVar[list[str]] = []

    @classmethod
    def register_for_auto_class(cls, auto_class="AutoModel"):
        """No-op: our saved folders ship their own modeling shim (see :mod:`baselines.lsg.configuration`)."""


class LSGRobertaModel(_LSGModelMixin, LSGRobertaPreTrainedModel, RobertaModel):
    def __init__(self, config: LSGRobertaConfig, add_pooling_layer: bool = True):
        LSGRobertaPreTrainedModel.__init__(self, config)
        self.config = config
        self.gradient_checkpointing = False
        self.embeddings = LSGRobertaEmbeddings(config)
        self.encoder = _LSGEncoder(config, RobertaLayer)
        self.pooler = RobertaPooler(config) if add_pooling_layer else None
        self.post_init()

    def forward(self, input_ids=None, attention_mask=None, token_type_ids=None, position_ids=None,
                inputs_embeds=None, **kwargs):
        return self._lsg_forward(input_ids, attention_mask, token_type_ids, position_ids, inputs_embeds, **kwargs)


class LSGRobertaForMaskedLM(LSGRobertaPreTrainedModel, RobertaForMaskedLM):
    def __init__(self, config: LSGRobertaConfig):
        LSGRobertaPreTrainedModel.__init__(self, config)
        self.roberta = LSGRobertaModel(config, add_pooling_layer=False)
        self.lm_head = RobertaLMHead(config)
        self.post_init()


class LSGRobertaForSequenceClassification(LSGRobertaPreTrainedModel, RobertaForSequenceClassification):
    def __init__(self, config: LSGRobertaConfig):
        LSGRobertaPreTrainedModel.__init__(self, config)
        self.num_labels = config.num_labels
        self.config = config
        self.roberta = LSGRobertaModel(config, add_pooling_layer=False)
        self.classifier = RobertaClassificationHead(config)
        self.post_init()


class LSGRobertaForMultipleChoice(LSGRobertaPreTrainedModel, RobertaForMultipleChoice):
    def __init__(self, config: LSGRobertaConfig):
        LSGRobertaPreTrainedModel.__init__(self, config)
        self.roberta = LSGRobertaModel(config)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)
        self.classifier = nn.Linear(config.hidden_size, 1)
        self.post_init()


class LSGRobertaForTokenClassification(LSGRobertaPreTrainedModel, RobertaForTokenClassification):
    def __init__(self, config: LSGRobertaConfig):
        LSGRobertaPreTrainedModel.__init__(self, config)
        self.num_labels = config.num_labels
        self.roberta = LSGRobertaModel(config, add_pooling_layer=False)
        dropout = config.classifier_dropout if config.classifier_dropout is not None else config.hidden_dropout_prob
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(config.hidden_size, config.num_labels)
        self.post_init()


class LSGRobertaForQuestionAnswering(LSGRobertaPreTrainedModel, RobertaForQuestionAnswering):
    def __init__(self, config: LSGRobertaConfig):
        LSGRobertaPreTrainedModel.__init__(self, config)
        self.num_labels = config.num_labels
        self.roberta = LSGRobertaModel(config, add_pooling_layer=False)
        self.qa_outputs = nn.Linear(config.hidden_size, config.num_labels)
        self.post_init()


# ---------------------------------------------------------------------------------------------------------------
# BERT
@_no_fast_attention
class LSGBertPreTrainedModel(BertPreTrainedModel):
    config_class = LSGBertConfig
    config: LSGBertConfig
    base_model_prefix = "bert"
    _no_split_modules: ClassVar[list[str]] = []

    @classmethod
    def register_for_auto_class(cls, auto_class="AutoModel"):
        """No-op: our saved folders ship their own modeling shim (see :mod:`baselines.lsg.configuration`)."""


class LSGBertModel(_LSGModelMixin, LSGBertPreTrainedModel, BertModel):
    def __init__(self, config: LSGBertConfig, add_pooling_layer: bool = True):
        LSGBertPreTrainedModel.__init__(self, config)
        self.config = config
        self.gradient_checkpointing = False
        self.embeddings = LSGBertEmbeddings(config)
        self.encoder = _LSGEncoder(config, BertLayer)
        self.pooler = BertPooler(config) if add_pooling_layer else None
        self.post_init()

    def forward(self, input_ids=None, attention_mask=None, token_type_ids=None, position_ids=None,
                inputs_embeds=None, **kwargs):
        return self._lsg_forward(input_ids, attention_mask, token_type_ids, position_ids, inputs_embeds, **kwargs)


class LSGBertForPreTraining(LSGBertPreTrainedModel, BertForPreTraining):
    def __init__(self, config: LSGBertConfig):
        LSGBertPreTrainedModel.__init__(self, config)
        self.bert = LSGBertModel(config)
        self.cls = BertPreTrainingHeads(config)
        self.post_init()


class LSGBertForMaskedLM(LSGBertPreTrainedModel, BertForMaskedLM):
    def __init__(self, config: LSGBertConfig):
        LSGBertPreTrainedModel.__init__(self, config)
        self.bert = LSGBertModel(config, add_pooling_layer=False)
        self.cls = BertOnlyMLMHead(config)
        self.post_init()


class LSGBertForSequenceClassification(LSGBertPreTrainedModel, BertForSequenceClassification):
    def __init__(self, config: LSGBertConfig):
        LSGBertPreTrainedModel.__init__(self, config)
        self.num_labels = config.num_labels
        self.config = config
        self.bert = LSGBertModel(config)
        dropout = config.classifier_dropout if config.classifier_dropout is not None else config.hidden_dropout_prob
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(config.hidden_size, config.num_labels)
        self.post_init()


class LSGBertForMultipleChoice(LSGBertPreTrainedModel, BertForMultipleChoice):
    def __init__(self, config: LSGBertConfig):
        LSGBertPreTrainedModel.__init__(self, config)
        self.bert = LSGBertModel(config)
        dropout = config.classifier_dropout if config.classifier_dropout is not None else config.hidden_dropout_prob
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(config.hidden_size, 1)
        self.post_init()


class LSGBertForTokenClassification(LSGBertPreTrainedModel, BertForTokenClassification):
    def __init__(self, config: LSGBertConfig):
        LSGBertPreTrainedModel.__init__(self, config)
        self.num_labels = config.num_labels
        self.bert = LSGBertModel(config, add_pooling_layer=False)
        dropout = config.classifier_dropout if config.classifier_dropout is not None else config.hidden_dropout_prob
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(config.hidden_size, config.num_labels)
        self.post_init()


class LSGBertForQuestionAnswering(LSGBertPreTrainedModel, BertForQuestionAnswering):
    def __init__(self, config: LSGBertConfig):
        LSGBertPreTrainedModel.__init__(self, config)
        self.num_labels = config.num_labels
        self.bert = LSGBertModel(config, add_pooling_layer=False)
        self.qa_outputs = nn.Linear(config.hidden_size, config.num_labels)
        self.post_init()


#: lsg-converter class name (as found in ``architectures``) -> our class.
LSG_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        LSGRobertaModel,
        LSGRobertaForMaskedLM,
        LSGRobertaForSequenceClassification,
        LSGRobertaForMultipleChoice,
        LSGRobertaForTokenClassification,
        LSGRobertaForQuestionAnswering,
        LSGBertModel,
        LSGBertForPreTraining,
        LSGBertForMaskedLM,
        LSGBertForSequenceClassification,
        LSGBertForMultipleChoice,
        LSGBertForTokenClassification,
        LSGBertForQuestionAnswering,
    )
}
