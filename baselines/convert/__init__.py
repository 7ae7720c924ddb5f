"""Convert a RoBERTa/BERT checkpoint to Longformer, BigBird, LSG or Nyströmformer with more positions."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import torch

from . import bigbird, longformer, lsg, nystromformer
from .source import SourceModel, load_source

logger = logging.getLogger(__name__)

ARCHITECTURES = {"longformer": longformer, "bigbird": bigbird, "lsg": lsg, "nystromformer": nystromformer}

__all__ = ["ARCHITECTURES", "SourceModel", "convert", "convert_model", "load_source"]


def _options(arch: str, options: dict) -> dict:
    """The architecture's defaults updated with ``options``.

    None means "not given" (the default applies), except for the options an architecture lists in ``NULLABLE``,
    where None is a value: ``sparsity_type=None`` (LSG: no sparse part, stored as "none").
    """
    if arch not in ARCHITECTURES:
        raise ValueError(f"--arch {arch!r} is not one of {sorted(ARCHITECTURES)}")
    module = ARCHITECTURES[arch]
    defaults, nullable = module.DEFAULTS, getattr(module, "NULLABLE", ())
    unknown = sorted(k for k, v in options.items() if k not in defaults and v is not None)
    if unknown:
        raise ValueError(f"options {unknown} do not apply to --arch {arch} (it takes {sorted(defaults)})")
    given = {k: v for k, v in options.items() if k in defaults and (v is not None or k in nullable)}
    return {**defaults, **given}


def convert_model(
    source: str | SourceModel, arch: str, max_length: int = 4096, attention_impl: str = "fast", **options
) -> tuple[torch.nn.Module, SourceModel, dict]:
    """Convert in memory; returns (converted *ForMaskedLM model, the loaded source, the options used).

    ``attention_impl`` ("fast" or "reference", see :mod:`baselines.attention`) is stored in the model's config.
    """
    from baselines.attention import ATTENTION_IMPLS, set_attention_impl

    if max_length <= 0:
        raise ValueError(f"--max-length must be positive, got {max_length}")
    if attention_impl not in ATTENTION_IMPLS:
        raise ValueError(f"--attention-impl {attention_impl!r} is not one of {ATTENTION_IMPLS}")
    settings = _options(arch, options)
    if isinstance(source, str | Path):
        source = load_source(str(source))
    model = set_attention_impl(ARCHITECTURES[arch].build(source, max_length, **settings), attention_impl)
    return model, source, settings


def convert(
    source: str | SourceModel,
    arch: str,
    out: str | Path,
    max_length: int = 4096,
    check: bool = True,
    check_lengths: tuple[int, ...] | None = None,
    long_check_length: int | None = None,
    overwrite: bool = False,
    attention_impl: str = "fast",
    **options,
) -> Path:
    """Convert and save to ``out`` (safetensors, config, tokenizer, provenance.json), atomically.

    With ``check`` the equivalence checks of :mod:`baselines.equivalence` run first and a failure stops the
    conversion before anything is written.
    """
    from baselines.equivalence import check_conversion
    from baselines.provenance import PROVENANCE_FILE, atomic_folder, provenance, write_json

    started = time.time()
    out = Path(out)
    if out.exists() and not overwrite:
        raise FileExistsError(f"--out {out} already exists (use --overwrite to replace it)")
    model, src, settings = convert_model(source, arch, max_length, attention_impl=attention_impl, **options)
    logger.info("converted %s to %s with %d positions in %.1fs", src.name, arch, max_length, time.time() - started)
    report = None
    if check:
        long_length = long_check_length or min(max_length, max(2 * src.max_source_length, 1))
        report = check_conversion(src, model, arch, lengths=check_lengths, long_length=long_length)
        if not report.passed:
            raise RuntimeError(f"equivalence check failed, nothing written: {report.to_dict()}")
    tokenizer = src.tokenizer
    tokenizer.model_max_length = max_length
    tokenizer.init_kwargs["model_max_length"] = max_length
    with atomic_folder(out, overwrite=overwrite) as tmp:
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        write_json(
            tmp / PROVENANCE_FILE,
            provenance(
                "convert",
                {"source": src.name, "arch": arch, "max_length": max_length, "attention_impl": attention_impl,
                 **settings},
                source={"name": src.name, "model_type": src.config.model_type, "family": src.family,
                        "has_mlm_head": src.has_mlm_head, "max_positions": src.max_source_length},
                notes=src.notes,
                equivalence=report.to_dict() if report else None,
                seconds=round(time.time() - started, 2),
            ),
        )
    logger.info("wrote %s", out)
    return out
