"""Convert-Then-Distill baselines (Brown et al. 2023): efficient-attention encoders converted from RoBERTa/BERT,
further pretrained with MLM on long text and distilled into half-depth students.

Nothing heavy is imported here (``gonerd --help`` imports this package): the public functions load lazily.
"""

from __future__ import annotations

from typing import Any

__all__ = ["convert_checkpoint", "distill", "load_model", "pretrain"]

# Module names differ from the function names (``baselines.convert`` is the package, ``convert_checkpoint`` its
# entry point) so that importing a submodule never shadows a function here.
_LAZY = {
    "load_model": ("baselines.loading", "load_model"),
    "convert_checkpoint": ("baselines.convert", "convert"),
    "pretrain": ("baselines.pretraining", "pretrain"),
    "distill": ("baselines.distillation", "distill"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        return getattr(import_module(module), attr)
    raise AttributeError(f"module 'baselines' has no attribute {name!r}")
