"""The training/evaluation progress bar (baselines.progress), driven through the Trainer callback events."""

from __future__ import annotations

import io
import logging
import types

import pytest

pytest.importorskip("transformers")


def _events(progress, steps=3, accumulation=2, eval_batches=2):
    """Feed ``progress`` the events of a training run of ``steps`` optimizer steps and one evaluation."""
    from transformers import TrainerControl, TrainerState

    args = types.SimpleNamespace(gradient_accumulation_steps=accumulation)
    state = TrainerState()
    state.max_steps, state.global_step, state.num_input_tokens_seen = steps, 0, 0
    control = TrainerControl()
    progress.on_train_begin(args, state, control)
    for step in range(1, steps + 1):
        for _ in range(accumulation - 1):
            state.num_input_tokens_seen += 512
            progress.on_substep_end(args, state, control)
        state.num_input_tokens_seen += 512
        state.global_step = step
        progress.on_step_end(args, state, control)
        progress.on_log(args, state, control, logs={"loss": 10.0 - step, "learning_rate": 1e-4})
    progress.on_train_end(args, state, control)
    loader = [None] * eval_batches
    for _ in range(eval_batches):
        progress.trainer.eval_meter.tokens += 256
        progress.trainer.eval_meter.loss_sum += 4.0
        progress.trainer.eval_meter.batches += 1
        progress.on_prediction_step(args, state, control, eval_dataloader=loader)
    progress.on_evaluate(args, state, control, metrics={"eval_loss": 4.0})


def _trainer():
    from baselines.training import EvalMeter

    return types.SimpleNamespace(eval_meter=EvalMeter())


def test_terminal_bar_shows_steps_micro_batches_loss_speed_and_eta():
    from rich.console import Console

    from baselines.progress import TrainingProgress

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=150, color_system=None)
    progress = TrainingProgress("pretrain", _trainer(), console=console)
    _events(progress)
    text = out.getvalue()
    assert "pretrain" in text and "━" in text
    assert "(+1/2)" in text  # moves on every micro-batch of an accumulation step
    assert "3/3 steps" in text and "loss 7" in text and "tok/s" in text and "ETA" in text
    assert "step 2/3 {'loss': 8.0" in text  # log lines go above the bar
    assert "eval" in text and "2/2 batches" in text and "loss 4" in text
    assert progress._progress is None  # stopped: a live display never outlives its loop


def test_without_a_terminal_the_bar_is_printed_as_lines(caplog):
    from rich.console import Console

    from baselines.progress import TrainingProgress

    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=150)
    progress = TrainingProgress("distill", _trainer(), console=console, interval=3600)
    with caplog.at_level(logging.INFO, logger="baselines.progress"):
        _events(progress, steps=4)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    # the first micro-batch (how long a step takes), then the end of training and of the evaluation
    assert len(lines) == 4, lines
    assert lines[0].startswith("distill") and "0/4 steps (+1/2)" in lines[0]
    assert lines[1].startswith("distill") and "4/4 steps" in lines[1] and "loss 6" in lines[1]
    assert "ETA 0:00:00" in lines[1] and "tok/s" in lines[1]
    assert lines[2].startswith("eval") and "1/2 batches" in lines[2]
    assert lines[3].startswith("eval") and "2/2 batches" in lines[3]
    assert "step 4/4 {'loss': 6.0" in caplog.text  # log lines stay log lines


def test_no_progress_leaves_log_lines_only(caplog):
    from rich.console import Console

    from baselines.progress import TrainingProgress

    out = io.StringIO()
    progress = TrainingProgress("pretrain", _trainer(), enabled=False, console=Console(file=out))
    with caplog.at_level(logging.INFO, logger="baselines.progress"):
        _events(progress)
    assert out.getvalue() == ""
    assert "step 3/3 {'loss': 7.0" in caplog.text
