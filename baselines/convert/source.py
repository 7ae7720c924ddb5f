"""Loading the short-context encoder to convert (RoBERTa or BERT family) into one neutral description."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import torch

logger = logging.getLogger(__name__)

#: model_type -> family. RoBERTa-family positions start at pad_token_id + 1 (2); BERT's at 0.
FAMILIES = {"roberta": "roberta", "xlm-roberta": "roberta", "camembert": "roberta", "bert": "bert"}

#: Canonical MLM head names -> the source's names, per family.
HEAD_NAMES = {
    "roberta": {
        "dense.weight": "lm_head.dense.weight",
        "dense.bias": "lm_head.dense.bias",
        "layer_norm.weight": "lm_head.layer_norm.weight",
        "layer_norm.bias": "lm_head.layer_norm.bias",
        "bias": "lm_head.bias",
    },
    "bert": {
        "dense.weight": "cls.predictions.transform.dense.weight",
        "dense.bias": "cls.predictions.transform.dense.bias",
        "layer_norm.weight": "cls.predictions.transform.LayerNorm.weight",
        "layer_norm.bias": "cls.predictions.transform.LayerNorm.bias",
        "bias": "cls.predictions.bias",
    },
}


@dataclass
class SourceModel:
    """A loaded source checkpoint, reduced to what every conversion needs."""

    name: str
    family: str  # "roberta" or "bert"
    config: object
    model: torch.nn.Module  # the *ForMaskedLM model, eval mode
    tokenizer: object
    encoder: dict[str, torch.Tensor]  # base-model state dict: embeddings.*, encoder.layer.N.*
    head: dict[str, torch.Tensor]  # canonical MLM head (see HEAD_NAMES)
    has_mlm_head: bool
    notes: list[str] = field(default_factory=list)

    @property
    def position_offset(self) -> int:
        return self.config.pad_token_id + 1 if self.family == "roberta" else 0

    @property
    def max_source_length(self) -> int:
        """Longest input the source handles (its position rows minus the offset)."""
        return self.config.max_position_embeddings - self.position_offset


def load_source(name_or_path: str) -> SourceModel:
    """Load a RoBERTa/BERT checkpoint (Hub id or local folder) with its MLM head and tokenizer, from safetensors
    weights only (a local folder's are checked first by :func:`~baselines.loading.check_local_path`)."""
    from transformers import AutoConfig, AutoModelForMaskedLM, AutoTokenizer

    from baselines.loading import CheckpointError, check_local_path

    check_local_path(name_or_path, "SOURCE")
    try:
        config = AutoConfig.from_pretrained(name_or_path)
    except (OSError, ValueError) as exc:
        raise ValueError(f"SOURCE {name_or_path!r}: cannot read a model config ({exc})") from exc
    family = FAMILIES.get(config.model_type)
    if family is None:
        raise ValueError(
            f"SOURCE {name_or_path!r} has model_type {config.model_type!r}; only RoBERTa/BERT encoders "
            f"({', '.join(sorted(FAMILIES))}) can be converted"
        )
    from baselines.hf_logging import expected_load_report

    # A missing MLM head (a sentence encoder) is reported below in one line of our own and the pooler is never
    # kept, so transformers' load report and "checkpoint seem corrupted" warning stay out (for Python callers too).
    try:  # safetensors only, for a Hub id too: a pickle-only repository is refused, never unpickled
        with expected_load_report():
            model, info = AutoModelForMaskedLM.from_pretrained(name_or_path, output_loading_info=True,
                                                               use_safetensors=True)
    except OSError as exc:
        raise CheckpointError(
            f"SOURCE {name_or_path}: no loadable safetensors weights ({str(exc).strip().splitlines()[0]}); gonerd "
            "loads safetensors checkpoints only, because loading a pickle file can execute code hidden in it"
        ) from None
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(name_or_path)
    prefixes = ("lm_head.", "cls.")
    missing_head = [k for k in info.get("missing_keys", []) if k.startswith(prefixes)]
    notes = []
    if missing_head:
        notes.append(
            f"the source has no MLM head ({len(missing_head)} head tensors missing): the converted head is "
            "randomly initialised and must be trained (run `pretrain`)"
        )
        logger.warning("%s: %s", name_or_path, notes[-1])
    missing_base = [k for k in info.get("missing_keys", []) if not k.startswith(prefixes)]
    if missing_base:
        raise ValueError(f"SOURCE {name_or_path!r}: encoder weights missing from the checkpoint: {missing_base[:5]}")
    state = model.state_dict()
    head = {canonical: state[name].detach().clone() for canonical, name in HEAD_NAMES[family].items()}
    encoder = {k: v.detach().clone() for k, v in model.base_model.state_dict().items() if not k.startswith("pooler.")}
    if config.hidden_act not in ("gelu",) and family == "roberta":
        notes.append(f"hidden_act={config.hidden_act!r}: BERT-style heads will use it, RoBERTa's head uses gelu")
    return SourceModel(
        name=str(name_or_path),
        family=family,
        config=config,
        model=model,
        tokenizer=tokenizer,
        encoder=encoder,
        head=head,
        has_mlm_head=not missing_head,
        notes=notes,
    )


def encoder_config_kwargs(source: SourceModel) -> dict:
    """The size and regularisation settings every target copies from the source."""
    c = source.config
    return {
        "vocab_size": c.vocab_size,
        "hidden_size": c.hidden_size,
        "num_hidden_layers": c.num_hidden_layers,
        "num_attention_heads": c.num_attention_heads,
        "intermediate_size": c.intermediate_size,
        "hidden_act": c.hidden_act,
        "hidden_dropout_prob": c.hidden_dropout_prob,
        "attention_probs_dropout_prob": c.attention_probs_dropout_prob,
        "type_vocab_size": c.type_vocab_size,
        "initializer_range": c.initializer_range,
        "layer_norm_eps": c.layer_norm_eps,
        "pad_token_id": c.pad_token_id,
        "bos_token_id": getattr(c, "bos_token_id", None),
        "eos_token_id": getattr(c, "eos_token_id", None),
    }


def special_token_ids(source: SourceModel) -> dict:
    """bos/eos/sep ids from the tokenizer (BERT configs often leave them unset)."""
    tok = source.tokenizer
    bos = tok.bos_token_id if tok.bos_token_id is not None else tok.cls_token_id
    eos = tok.eos_token_id if tok.eos_token_id is not None else tok.sep_token_id
    return {"bos_token_id": bos, "eos_token_id": eos, "sep_token_id": tok.sep_token_id}
