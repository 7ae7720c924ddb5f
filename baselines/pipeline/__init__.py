"""`gonerd baselines run CONFIG.yaml`: convert -> pretrain -> distill -> fine-tune -> evaluate -> efficiency -> report
from one configuration file, every stage cached by the fingerprint of what it depends on and resumable after a
kill (:mod:`.config` reads the file, :mod:`.plan` lays out the stages, :mod:`.stages` runs each kind,
:mod:`.runner` runs the plan)."""

from __future__ import annotations

from .config import ConfigError, load_config
from .plan import build_plan
from .runner import run_pipeline

__all__ = ["ConfigError", "build_plan", "load_config", "run_pipeline"]
