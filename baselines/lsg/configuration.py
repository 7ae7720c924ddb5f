"""Configurations of LSG-RoBERTa and LSG-BERT (same keys and defaults as lsg-converter 0.1.9).

The LSG keys are added to transformers' RobertaConfig/BertConfig. Checkpoints WE save get the model types
"lsg-roberta"/"lsg-bert" (registered with the Auto classes in :mod:`baselines.lsg`); checkpoints written by
lsg-converter keep model_type "roberta"/"bert" and are recognised by :func:`baselines.load_model`.

Saving also writes a small ``modeling_gonerd_lsg.py`` beside ``config.json`` and an ``auto_map`` to it, so the
Auto classes load the folder in a fresh process with ``trust_remote_code=True`` and no prior
``import baselines.lsg``. That file holds no model code: it imports our classes from the installed ``baselines``
package (gonerd[baselines]). Without ``trust_remote_code`` transformers cannot know the "lsg-*" model types until
``baselines.lsg`` is imported (then no remote code is needed).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from transformers import BertConfig, RobertaConfig

logger = logging.getLogger(__name__)

#: Sparsity types our implementation computes. "lsh" (random hyperplanes drawn on every call) is not supported.
SPARSITY_TYPES = ("norm", "pooling", "stride", "block_stride", "bos_pooling")
#: Values that turn the sparse part off (global + local attention only).
NO_SPARSITY = (None, "none")
#: Keys an lsg-converter config adds to a RoBERTa/BERT config (with their defaults).
LSG_DEFAULTS: dict[str, object] = {
    "adaptive": True,
    "base_model_prefix": "lsg",
    "block_size": 128,
    "lsh_num_pre_rounds": 1,
    "mask_first_token": False,
    "num_global_tokens": 1,
    "pool_with_global": True,
    "sparse_block_size": 128,
    "sparsity_factor": 2,
    "sparsity_type": "norm",
}


def validate_lsg_config(config) -> None:
    """Check and normalise the LSG keys the way lsg-converter does (warnings and clamps), raising on errors."""
    from baselines.attention import attention_impl

    attention_impl(config)  # raises on an unknown value
    if config.sparsity_type == "lsh":
        raise ValueError(
            "sparsity_type='lsh' is not supported: lsg-converter draws random hyperplanes on every call, so its "
            f"outputs are not reproducible; use one of {SPARSITY_TYPES} or None"
        )
    if config.sparsity_type not in (*SPARSITY_TYPES, *NO_SPARSITY):
        logger.warning(
            "sparsity_type=%r is not one of %s: setting sparsity_type=None (global + local attention only), as "
            "lsg-converter does", config.sparsity_type, SPARSITY_TYPES,
        )
        config.sparsity_type = None
    if config.sparsity_type in ("stride", "block_stride") and config.sparsity_factor > config.num_attention_heads:
        logger.warning("sparsity_factor > num_attention_heads is not recommended for %s sparsity", config.sparsity_type)
    if config.num_global_tokens < 1:
        logger.warning("num_global_tokens < 1 is not compatible, setting num_global_tokens=1")
        config.num_global_tokens = 1
    elif config.num_global_tokens > 512:
        logger.warning("num_global_tokens > 512 is not allowed, setting num_global_tokens=512")
        config.num_global_tokens = 512
    if config.block_size < 1:
        raise ValueError(f"block_size must be >= 1, got {config.block_size}")
    if config.sparsity_factor and config.sparsity_factor > 0:
        if config.block_size % config.sparsity_factor != 0:
            raise ValueError(
                f"block_size ({config.block_size}) must be divisible by sparsity_factor ({config.sparsity_factor})"
            )
        step = config.block_size // config.sparsity_factor
        if step % 2 == 1 and step > 1 and config.sparse_block_size:
            raise ValueError(
                f"block_size / sparsity_factor = {step} is odd and > 1: lsg-converter cannot run this setting "
                "(its sparse windows do not line up); choose powers of two"
            )
    if config.mask_first_token and not config.pool_with_global:
        logger.warning("mask_first_token=True needs pool_with_global=True: setting pool_with_global=True")
        config.pool_with_global = True
    if getattr(config, "position_embedding_type", "absolute") not in (None, "absolute"):
        logger.warning("LSG attention ignores relative position embeddings (position_embedding_type != 'absolute')")


#: The file written beside config.json that the saved ``auto_map`` points to.
SHIM_FILE = "modeling_gonerd_lsg.py"
_SHIM_CLASSES = {
    "Roberta": ["Config", "Model", "ForMaskedLM", "ForMultipleChoice", "ForQuestionAnswering",
                "ForSequenceClassification", "ForTokenClassification"],
    "Bert": ["Config", "Model", "ForMaskedLM", "ForMultipleChoice", "ForQuestionAnswering",
             "ForSequenceClassification", "ForTokenClassification", "ForPreTraining"],
}
_SHIM = '''"""Loads gonerd's native LSG classes for transformers' Auto classes (``trust_remote_code=True``).

Written by gonerd's ``baselines`` package beside an LSG checkpoint. It holds no model code: the classes come from
the installed ``baselines`` package (``pip install 'gonerd[baselines]'``), whose import also registers the
"lsg-roberta"/"lsg-bert" model types.
"""

import importlib

try:
    _lsg = importlib.import_module("baselines.lsg")  # not "import": transformers would say "pip install baselines"
except ImportError as exc:
    raise ImportError(
        "this LSG checkpoint uses the LSG classes of gonerd's baselines package: pip install 'gonerd[baselines]'"
    ) from exc

{assignments}
'''


def auto_map(family: str) -> dict[str, str]:
    """The ``auto_map`` of a saved LSG config (family "Roberta" or "Bert")."""
    stem = SHIM_FILE.removesuffix(".py")
    return {("AutoConfig" if suffix == "Config" else f"Auto{'Model' if suffix == 'Model' else 'Model' + suffix}"):
            f"{stem}.LSG{family}{suffix}" for suffix in _SHIM_CLASSES[family]}


def write_auto_map(folder: str | os.PathLike, family: str) -> None:
    """Write the modeling shim into ``folder`` and add its ``auto_map`` to ``folder/config.json``."""
    folder = Path(folder)
    names = sorted({name for family_ in _SHIM_CLASSES for name in (f"LSG{family_}{s}" for s in _SHIM_CLASSES[family_])})
    (folder / SHIM_FILE).write_text(
        _SHIM.format(assignments="\n".join(f"{name} = _lsg.{name}" for name in names)), encoding="utf-8"
    )
    path = folder / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    config["auto_map"] = auto_map(family)
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")


class _LSGConfigMixin:
    """Saving writes the modeling shim and the ``auto_map``; transformers' own custom-code copying is off."""

    _lsg_family = ""

    def save_pretrained(self, save_directory: str | os.PathLike, push_to_hub: bool = False, **kwargs):
        result = super().save_pretrained(save_directory, push_to_hub=push_to_hub, **kwargs)
        write_auto_map(save_directory, self._lsg_family)
        return result

    @classmethod
    def register_for_auto_class(cls, auto_class="AutoConfig"):
        """No-op. transformers calls it after loading through ``trust_remote_code``; it would then copy our source
        files into every folder saved afterwards and point ``auto_map`` at those copies instead of the shim."""


class LSGRobertaConfig(_LSGConfigMixin, RobertaConfig):
    """RobertaConfig plus the LSG attention keys (see ``shared/notes/lsg.md`` for their meaning)."""

    model_type = "lsg-roberta"
    _lsg_family = "Roberta"

    adaptive: bool = True
    attention_impl: str = "fast"  # "fast" or "reference" (baselines.attention); not an lsg-converter key
    base_model_prefix: str = "lsg"
    block_size: int = 128
    lsh_num_pre_rounds: int = 1
    mask_first_token: bool = False
    num_global_tokens: int = 1
    pool_with_global: bool = True
    sparse_block_size: int | None = 128
    sparsity_factor: int = 2
    sparsity_type: str | None = "norm"

    def __post_init__(self, **kwargs):
        # lsg-converter configs carry an auto_map to a modeling file that is usually not shipped, ours one to our
        # shim: never keep it in memory (saving writes ours).
        kwargs.pop("auto_map", None)
        kwargs.pop("model_type", None)  # "roberta"/"bert" in lsg-converter configs: the class's type wins
        super().__post_init__(**kwargs)
        validate_lsg_config(self)


class LSGBertConfig(_LSGConfigMixin, BertConfig):
    """BertConfig plus the LSG attention keys (see ``shared/notes/lsg.md`` for their meaning)."""

    model_type = "lsg-bert"
    _lsg_family = "Bert"
    # The keys repeat LSGRobertaConfig's: transformers 5 serialises only the fields declared on the config class
    # itself (in a shared mixin they would be left out of config.json).

    adaptive: bool = True
    attention_impl: str = "fast"  # "fast" or "reference" (baselines.attention); not an lsg-converter key
    base_model_prefix: str = "lsg"
    block_size: int = 128
    lsh_num_pre_rounds: int = 1
    mask_first_token: bool = False
    num_global_tokens: int = 1
    pool_with_global: bool = True
    sparse_block_size: int | None = 128
    sparsity_factor: int = 2
    sparsity_type: str | None = "norm"

    def __post_init__(self, **kwargs):
        kwargs.pop("auto_map", None)
        kwargs.pop("model_type", None)  # "roberta"/"bert" in lsg-converter configs: the class's type wins
        super().__post_init__(**kwargs)
        validate_lsg_config(self)
