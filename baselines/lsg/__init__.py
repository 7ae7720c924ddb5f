"""LSG attention (Condevaux & Harispe 2023) for RoBERTa and BERT encoders, native to transformers 5.x.

Importing this package registers the "lsg-roberta" and "lsg-bert" model types with transformers' Auto classes, so
``AutoModelForMaskedLM.from_pretrained(folder)`` works on checkpoints we save. Checkpoints written by lsg-converter
(model_type "roberta"/"bert", architectures "LSG...") need :func:`baselines.load_model`.
"""

from __future__ import annotations

from transformers import (
    AutoConfig,
    AutoModel,
    AutoModelForMaskedLM,
    AutoModelForMultipleChoice,
    AutoModelForPreTraining,
    AutoModelForQuestionAnswering,
    AutoModelForSequenceClassification,
    AutoModelForTokenClassification,
)

from .configuration import LSG_DEFAULTS, SPARSITY_TYPES, LSGBertConfig, LSGRobertaConfig
from .modeling import (
    LSG_CLASSES,
    LSGBertForMaskedLM,
    LSGBertForMultipleChoice,
    LSGBertForPreTraining,
    LSGBertForQuestionAnswering,
    LSGBertForSequenceClassification,
    LSGBertForTokenClassification,
    LSGBertModel,
    LSGRobertaForMaskedLM,
    LSGRobertaForMultipleChoice,
    LSGRobertaForQuestionAnswering,
    LSGRobertaForSequenceClassification,
    LSGRobertaForTokenClassification,
    LSGRobertaModel,
)

__all__ = [
    "LSG_CLASSES",
    "LSG_DEFAULTS",
    "SPARSITY_TYPES",
    "LSGBertConfig",
    "LSGBertForMaskedLM",
    "LSGBertForMultipleChoice",
    "LSGBertForPreTraining",
    "LSGBertForQuestionAnswering",
    "LSGBertForSequenceClassification",
    "LSGBertForTokenClassification",
    "LSGBertModel",
    "LSGRobertaConfig",
    "LSGRobertaForMaskedLM",
    "LSGRobertaForMultipleChoice",
    "LSGRobertaForQuestionAnswering",
    "LSGRobertaForSequenceClassification",
    "LSGRobertaForTokenClassification",
    "LSGRobertaModel",
]


def _register() -> None:
    pairs = [
        (AutoModel, LSGRobertaModel, LSGBertModel),
        (AutoModelForMaskedLM, LSGRobertaForMaskedLM, LSGBertForMaskedLM),
        (AutoModelForSequenceClassification, LSGRobertaForSequenceClassification, LSGBertForSequenceClassification),
        (AutoModelForTokenClassification, LSGRobertaForTokenClassification, LSGBertForTokenClassification),
        (AutoModelForQuestionAnswering, LSGRobertaForQuestionAnswering, LSGBertForQuestionAnswering),
        (AutoModelForMultipleChoice, LSGRobertaForMultipleChoice, LSGBertForMultipleChoice),
    ]
    for config_class in (LSGRobertaConfig, LSGBertConfig):
        AutoConfig.register(config_class.model_type, config_class, exist_ok=True)
    for auto, roberta_class, bert_class in pairs:
        auto.register(LSGRobertaConfig, roberta_class, exist_ok=True)
        auto.register(LSGBertConfig, bert_class, exist_ok=True)
    AutoModelForPreTraining.register(LSGBertConfig, LSGBertForPreTraining, exist_ok=True)


_register()
