"""Keeping transformers' and datasets' own output out of ours, where our code already says what matters."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

#: transformers logs its load report and the "checkpoint seem corrupted" tied-weights warning here.
LOADING_LOGGER = "transformers.modeling_utils"
#: transformers 5.25 checks a model's tensor-parallel plan whenever LOADING_LOGGER's level is WARNING or above, and
#: then warns that no layer "was sharded" for every model without a plan: silenced together with the load report.
TP_LOGGER = "transformers.distributed.tensor_parallel"


@contextlib.contextmanager
def expected_load_report() -> Iterator[None]:
    """Silence transformers' load report (MISSING/UNEXPECTED table) and tied-weights warning during a
    ``from_pretrained`` whose missing and unexpected keys the caller checks and reports itself in one line.

    Only for loads where those keys are expected (a source without an MLM head, a new classification head):
    errors still show, and a load outside this block reports as usual."""
    logs = [logging.getLogger(LOADING_LOGGER), logging.getLogger(TP_LOGGER)]
    levels = [log.level for log in logs]
    for log in logs:
        log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for log, level in zip(logs, levels):
            log.setLevel(level)


def quiet_library_progress_bars() -> None:
    """transformers' "Loading weights"/"Writing model shards" bars and datasets' bars: our stages show their own
    progress bar (:mod:`baselines.progress`), so these are turned off for the process."""
    import datasets
    import transformers

    transformers.utils.logging.disable_progress_bar()
    datasets.utils.logging.disable_progress_bar()
