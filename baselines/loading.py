"""One loading function for every checkpoint the toolkit handles.

Our conversions (Longformer, BigBird, Nyströmformer: native transformers types; LSG: "lsg-roberta"/"lsg-bert"
registered by :mod:`baselines.lsg`), plain Hub models, and LSG checkpoints as lsg-converter wrote them
(model_type "roberta"/"bert", architectures "LSG...", an auto_map to a modeling file that is usually absent).
Plain ``AutoModel`` would build a RoBERTa from the latter and silently drop the global embeddings; here they are
routed to our LSG classes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from gonerd.errors import UserError

logger = logging.getLogger(__name__)

HEADS = (None, "masked-lm", "token-classification", "question-answering", "sequence-classification")

_AUTO_CLASS = {
    None: "AutoModel",
    "masked-lm": "AutoModelForMaskedLM",
    "token-classification": "AutoModelForTokenClassification",
    "question-answering": "AutoModelForQuestionAnswering",
    "sequence-classification": "AutoModelForSequenceClassification",
}
_LSG_SUFFIX = {
    None: "Model",
    "masked-lm": "ForMaskedLM",
    "token-classification": "ForTokenClassification",
    "question-answering": "ForQuestionAnswering",
    "sequence-classification": "ForSequenceClassification",
}
_LSG_FAMILIES = {"roberta": "Roberta", "xlm-roberta": "Roberta", "camembert": "Roberta", "bert": "Bert"}


def resolve_model_path(path: str | Path) -> str:
    """A run folder of ``pretrain``/``distill`` holds its final model in ``model/``: accept either."""
    p = Path(path)
    if p.is_dir() and not (p / "config.json").exists() and (p / "model" / "config.json").exists():
        return str(p / "model")
    return str(path)


class CheckpointError(UserError, ValueError):
    """A model folder whose weights cannot or must not be loaded; the message names the file."""


SAFE_WEIGHTS = "model.safetensors"
SAFE_INDEX = "model.safetensors.index.json"
#: Weight files that are Python pickles (torch.save): loading one can run code the file's author chose.
PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle")
PICKLE_INDEX = "pytorch_model.bin.index.json"


def check_local_path(path: str | Path, what: str) -> None:
    """Fail clearly on a missing local folder (instead of transformers' message about Hub repo ids), and on a
    local model folder whose weights are not readable safetensors files (:func:`check_weight_files`)."""
    text = str(path)
    looks_local = Path(text).is_absolute() or text.startswith((".", "~")) or text.count("/") > 1
    folder = Path(text).expanduser()
    if looks_local and not folder.exists():
        raise FileNotFoundError(f"{what} {text}: no such folder")
    if folder.exists() and not folder.is_dir():
        raise CheckpointError(f"{what} {text}: not a folder (a model is a folder with config.json and "
                              f"{SAFE_WEIGHTS})")
    if folder.is_dir() and (folder / "config.json").is_file():
        check_weight_files(folder)


def check_weight_files(folder: Path) -> None:
    """The folder's weights are safetensors files whose header and size agree (an empty, truncated or garbage
    ``model.safetensors`` is an error naming it, not a ``SafetensorError`` from deep inside transformers).

    Pickle checkpoints (``pytorch_model.bin`` and the like) are refused: only safetensors are loaded, because
    unpickling a file runs whatever code its author put in it. torch's ``weights_only`` loader narrows that, but
    a refusal with the reason and the fix is clearer than its ``UnpicklingError``.
    """
    import json

    from safetensors import safe_open

    index = folder / SAFE_INDEX
    if index.is_file():
        try:
            weight_map = json.loads(index.read_text(encoding="utf-8"))["weight_map"]
            files = sorted({folder / name for name in weight_map.values()})
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CheckpointError(f"{index}: not a safetensors shard index ({type(exc).__name__}: {exc})") from None
    elif (folder / SAFE_WEIGHTS).exists():
        files = [folder / SAFE_WEIGHTS]
    else:
        pickles = sorted(p.name for p in folder.iterdir() if p.suffix in PICKLE_SUFFIXES or p.name == PICKLE_INDEX)
        if pickles:
            raise CheckpointError(
                f"{folder}: only pickle weights ({', '.join(pickles)}) and no {SAFE_WEIGHTS}; gonerd loads "
                "safetensors checkpoints only, because loading a pickle file can execute code hidden in it. If you "
                "trust the file, convert it once: load it with transformers and save_pretrained() the model "
                "(safetensors is the default)"
            )
        raise CheckpointError(f"{folder}: no model weights ({SAFE_WEIGHTS} or {SAFE_INDEX})")
    for file in files:
        if not file.is_file():
            problem = "missing" if not file.exists() else "not a regular file"
            raise CheckpointError(f"{file}: weight file {problem}")
        size = file.stat().st_size
        if size == 0:
            raise CheckpointError(f"{file}: empty file (0 bytes), not safetensors weights")
        try:
            with safe_open(str(file), framework="numpy") as handle:  # the header only; no torch import
                handle.keys()
        except Exception as exc:  # SafetensorError and friends: the file is damaged whatever the class
            raise CheckpointError(
                f"{file}: not a readable safetensors file ({exc}; {size:,} bytes): truncated or not a "
                "safetensors file; save the model again"
            ) from None


#: Config keys only LSG adds to a RoBERTa/BERT config (see shared/notes/lsg.md); block_size, adaptive and the
#: like are left out: other architectures use those names too.
LSG_ONLY_KEYS = ("sparse_block_size", "sparsity_factor", "sparsity_type", "num_global_tokens", "pool_with_global",
                 "mask_first_token", "lsh_num_pre_rounds")


def is_lsg_converter_config(config: dict) -> bool:
    """True for configs written by lsg-converter (or by its modeling files), whatever their model_type.

    Recognised by any of: an "LSG..." architecture, ``base_model_prefix == "lsg"``, an ``auto_map`` to a
    ``modeling_lsg_*`` file, or, for a RoBERTa/BERT-family (or missing) model_type, LSG-only config keys (a config
    whose architectures/auto_map were stripped must not load as plain RoBERTa with its global tokens dropped).
    Our own saved configs (model_type "lsg-roberta"/"lsg-bert") load natively and are not matched.
    """
    model_type = config.get("model_type")
    if model_type in ("lsg-roberta", "lsg-bert"):
        return False
    architectures = config.get("architectures") or []
    if isinstance(architectures, str):
        architectures = [architectures]
    auto_map = config.get("auto_map") or {}
    lsg_keys = model_type in (*_LSG_FAMILIES, None) and any(key in config for key in LSG_ONLY_KEYS)
    return (
        any(str(a).startswith("LSG") for a in architectures)
        or config.get("base_model_prefix") == "lsg"
        or any("modeling_lsg_" in str(v) for v in auto_map.values())
        or lsg_keys
    )


def load_model(path: str | Path, head: str | None = None, **kwargs):
    """Load ``path`` (folder or Hub id) with the class for ``head``:
    None (base encoder), "masked-lm", "token-classification", "question-answering" or "sequence-classification".

    ``kwargs`` go to ``from_pretrained`` (e.g. ``num_labels=9``, ``id2label=...``).
    """
    import transformers
    from transformers import PretrainedConfig

    import baselines.lsg as lsg
    from baselines.modeling_utils import apply_runtime_fixes

    if head not in HEADS:
        raise ValueError(f"head={head!r} is not one of {HEADS}")
    path = resolve_model_path(path)
    check_local_path(path, "model")
    kwargs.setdefault("use_safetensors", True)  # a Hub repo with pickle weights only is refused too
    try:
        config_dict, _ = PretrainedConfig.get_config_dict(path)
    except OSError as exc:
        raise FileNotFoundError(f"{path}: no model config found ({exc})") from exc

    if is_lsg_converter_config(config_dict):
        family = _LSG_FAMILIES.get(config_dict.get("model_type"))
        if family is None:
            raise ValueError(
                f"{path}: LSG checkpoint of model_type {config_dict.get('model_type')!r}; only LSG-RoBERTa and "
                "LSG-BERT encoders are implemented"
            )
        config_class = lsg.LSGRobertaConfig if family == "Roberta" else lsg.LSGBertConfig
        config = config_class.from_dict(config_dict)
        config._name_or_path = str(path)
        for key in list(kwargs):
            if key in ("num_labels", "id2label", "label2id", "problem_type") or hasattr(config, key):
                setattr(config, key, kwargs.pop(key))
        model_class = lsg.LSG_CLASSES[f"LSG{family}{_LSG_SUFFIX[head]}"]
        logger.info("%s: lsg-converter checkpoint, loading it as %s", path, model_class.__name__)
        return model_class.from_pretrained(path, config=config, **kwargs)

    auto_class = getattr(transformers, _AUTO_CLASS[head])
    model, info = auto_class.from_pretrained(path, output_loading_info=True, **kwargs)
    dropped = [k for k in info.get("unexpected_keys", []) if "global_embeddings" in k]
    if dropped:  # an LSG checkpoint we failed to recognise: never return it silently wrong
        raise ValueError(f"{path}: LSG weights {dropped} would be dropped by {type(model).__name__}")
    return apply_runtime_fixes(model)
