"""A progress bar for every training and evaluation loop (rich, on stderr): steps, loss, tokens per second, ETA.

One 4,096-token step on a CPU takes minutes, so the bar also moves on every micro-batch of a gradient-accumulation
step (``12/100 steps (+3/8)``). On a terminal it redraws in place; in a log file or CI (no terminal) the same bar
is printed as one line every ``interval`` seconds, at the first step and at the end. ``enabled=False``
(``--no-progress``) leaves only the log lines of each logging step. Only the main process shows anything.
"""

from __future__ import annotations

import logging
import time

from transformers import TrainerCallback

logger = logging.getLogger(__name__)

#: Seconds between two printed progress lines when stderr is not a terminal.
LINE_INTERVAL = 30.0


def _duration(seconds: float | None) -> str:
    if seconds is None or seconds != seconds or seconds == float("inf"):
        return "-:--:--"
    seconds = round(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _rate(tokens: float, seconds: float) -> str:
    return f"{tokens / seconds:,.0f} tok/s" if seconds > 0 and tokens > 0 else "- tok/s"


def _loss(value: float | None) -> str:
    return f"loss {value:.4g}" if value is not None else "loss -"


def _shown(logs: dict) -> dict:
    return {k: (float(f"{v:.4g}") if isinstance(v, float) else v) for k, v in logs.items()}


class TrainingProgress(TrainerCallback):
    """Install with :meth:`install` (it replaces the Trainer's own printing of logs)."""

    def __init__(self, description: str, trainer=None, enabled: bool = True, console=None,
                 interval: float = LINE_INTERVAL):
        self.description = description
        self.trainer = trainer
        self.enabled = enabled
        self.interval = interval
        self._console = console
        self._progress = None
        self._live = False
        self._train_task = None
        self._eval_task = None
        self._last_line = 0.0
        self._micro = 0
        self._loss: float | None = None
        self._start = self._done0 = self._tokens0 = 0.0

    @classmethod
    def install(cls, trainer, description: str, enabled: bool = True, console=None,
                interval: float = LINE_INTERVAL) -> TrainingProgress:
        from transformers.trainer_callback import PrinterCallback, ProgressCallback

        trainer.remove_callback(PrinterCallback)
        trainer.remove_callback(ProgressCallback)
        callback = cls(description, trainer, enabled=enabled, console=console, interval=interval)
        trainer.add_callback(callback)
        return callback

    # -- display ------------------------------------------------------------------------------------------------
    def _ensure_display(self) -> None:
        if not self.enabled or self._progress is not None:
            return
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        console = self._console or Console(stderr=True)
        self._live = console.is_terminal
        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(bar_width=30), TextColumn("{task.fields[steps]}"),
            TextColumn("{task.fields[loss]}"), TextColumn("{task.fields[speed]}"), TimeElapsedColumn(),
            TextColumn("ETA {task.fields[eta]}"), console=console, redirect_stdout=False, redirect_stderr=False,
        )
        if self._live:
            self._progress.start()

    def _print(self, text: str) -> None:
        """A line above the bar on a terminal, a log line otherwise."""
        if self._progress is not None and self._live:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            logger.info("%s", text)

    def _show(self, task, force: bool = False) -> None:
        """Draw now: the live bar on a terminal; else a line at most every ``interval`` seconds (or ``force``)."""
        if self._progress is None or task is None:
            return
        if self._live:
            self._progress.refresh()
            return
        now = time.time()
        if force or now - self._last_line >= self.interval:
            self._last_line = now
            table = self._progress.make_tasks_table([t for t in self._progress.tasks if t.id == task])
            self._progress.console.print(table)

    def close(self) -> None:
        """Stop the display (also after an error: a live display must not outlive its loop)."""
        if self._progress is not None:
            if self._live:
                self._progress.stop()
            self._progress = None
            self._train_task = self._eval_task = None

    # -- training -----------------------------------------------------------------------------------------------
    def on_train_begin(self, args, state, control, **kwargs):
        if not state.is_world_process_zero:
            return
        self._start = time.time()
        self._done0 = float(state.global_step)  # a resumed run starts part-way
        self._tokens0 = float(getattr(state, "num_input_tokens_seen", 0) or 0)
        self._micro = 0
        self._ensure_display()
        if self._progress is not None:
            self._train_task = self._progress.add_task(self.description, total=max(state.max_steps, 1),
                                                       completed=state.global_step, steps="", loss="", speed="",
                                                       eta="")
            self._update_train(args, state)

    def _update_train(self, args, state) -> None:
        if self._progress is None or self._train_task is None:
            return
        accumulation = max(1, args.gradient_accumulation_steps)
        done = state.global_step + self._micro / accumulation
        total = max(state.max_steps, 1)
        elapsed = time.time() - self._start
        rate = (done - self._done0) / elapsed if elapsed > 0 and done > self._done0 else None
        tokens = float(getattr(state, "num_input_tokens_seen", 0) or 0) - self._tokens0
        micro = f" (+{self._micro}/{accumulation})" if self._micro else ""
        eta = _duration((total - done) / rate if rate else None)
        self._progress.update(self._train_task, completed=done, total=total,
                              steps=f"{state.global_step}/{total} steps{micro}", loss=_loss(self._loss),
                              speed=_rate(tokens, elapsed), eta=eta)

    def on_substep_end(self, args, state, control, **kwargs):
        if state.is_world_process_zero:
            self._micro += 1
            self._update_train(args, state)
            self._show(self._train_task)

    def on_step_end(self, args, state, control, **kwargs):
        if state.is_world_process_zero:
            first = self._micro == 0 and state.global_step == int(self._done0) + 1
            self._micro = 0
            self._update_train(args, state)
            self._show(self._train_task, force=first)

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not state.is_world_process_zero or not logs:
            return
        if "loss" in logs:
            self._loss = float(logs["loss"])
            self._update_train(args, state)
        total = state.max_steps if state.max_steps and state.max_steps > 0 else "?"
        self._print(f"step {state.global_step}/{total} {_shown(logs)}")

    def on_train_end(self, args, state, control, **kwargs):
        if state.is_world_process_zero:
            self._update_train(args, state)
            self._show(self._train_task, force=True)
            self.close()

    # -- evaluation ---------------------------------------------------------------------------------------------
    def on_prediction_step(self, args, state, control, eval_dataloader=None, **kwargs):
        if not state.is_world_process_zero:
            return
        self._ensure_display()
        if self._progress is None:
            return
        meter = getattr(self.trainer, "eval_meter", None)
        if self._eval_task is None:
            try:
                total = len(eval_dataloader) if eval_dataloader is not None else None
            except TypeError:  # a stream
                total = None
            self._eval_task = self._progress.add_task("eval", total=total, steps="", loss="", speed="", eta="")
        self._progress.advance(self._eval_task)
        task = next(t for t in self._progress.tasks if t.id == self._eval_task)
        elapsed = time.time() - meter.started if meter is not None else task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else None
        remaining = (task.total - task.completed) / rate if rate and task.total else None
        total = int(task.total) if task.total else "?"
        self._progress.update(self._eval_task, steps=f"{int(task.completed)}/{total} batches",
                              loss=_loss(meter.loss if meter else None),
                              speed=_rate(meter.tokens if meter else 0, elapsed), eta=_duration(remaining))
        self._show(self._eval_task, force=task.completed == 1)

    def _end_eval(self, state, metrics, show_metrics: bool) -> None:
        if not state.is_world_process_zero:
            return
        if self._progress is not None and self._eval_task is not None:
            self._show(self._eval_task, force=True)
            self._progress.remove_task(self._eval_task)
            self._eval_task = None
            if self._train_task is None:  # an evaluation outside training: its display ends with it
                self.close()
        if metrics and show_metrics:
            self._print(f"predict: {_shown(metrics)}")

    def on_evaluate(self, args, state, control, metrics=None, **kwargs):
        self._end_eval(state, metrics, show_metrics=False)  # the Trainer logs them (on_log)

    def on_predict(self, args, state, control, metrics=None, **kwargs):
        self._end_eval(state, metrics, show_metrics=True)


class LoopBar:
    """A progress bar for a plain loop (evaluation batches, pipeline stages): done/total, rate, elapsed, ETA.

    On a terminal it redraws in place; elsewhere (a log file, CI) it prints one line at the first step, then at
    most every ``interval`` seconds and at the end. ``enabled=False`` shows nothing."""

    def __init__(self, description: str, total: int | None, unit: str = "steps", enabled: bool = True,
                 console=None, interval: float = LINE_INTERVAL):
        self.description, self.total, self.unit = description, total, unit
        self.enabled, self.interval = enabled, interval
        self._console = console
        self._progress = None
        self._task = None
        self._live = False
        self._last_line = 0.0
        self.done = 0
        self.tokens = 0
        self.started = time.time()

    def __enter__(self) -> LoopBar:
        self.started = time.time()
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            console = self._console or Console(stderr=True)
            self._live = console.is_terminal
            self._progress = Progress(
                TextColumn("{task.description}"), BarColumn(bar_width=30), TextColumn("{task.fields[steps]}"),
                TextColumn("{task.fields[speed]}"), TimeElapsedColumn(), TextColumn("ETA {task.fields[eta]}"),
                console=console, redirect_stdout=False, redirect_stderr=False)
            if self._live:
                self._progress.start()
            self._task = self._progress.add_task(self.description, total=self.total, steps="", speed="", eta="")
            self._update()
        return self

    def eta(self) -> float | None:
        elapsed = time.time() - self.started
        if not self.total or not self.done or elapsed <= 0:
            return None
        return (self.total - self.done) * elapsed / self.done

    def _update(self, description: str | None = None) -> None:
        if self._progress is None:
            return
        elapsed = time.time() - self.started
        total = self.total if self.total is not None else "?"
        self._progress.update(self._task, completed=self.done, description=description or self.description,
                              steps=f"{self.done}/{total} {self.unit}",
                              speed=_rate(self.tokens, elapsed) if self.tokens else "", eta=_duration(self.eta()))

    def _show(self, force: bool = False) -> None:
        if self._progress is None:
            return
        if self._live:
            self._progress.refresh()
            return
        now = time.time()
        if force or now - self._last_line >= self.interval:
            self._last_line = now
            self._progress.console.print(self._progress.make_tasks_table(self._progress.tasks))

    def advance(self, steps: int = 1, tokens: int = 0, description: str | None = None) -> None:
        self.done += steps
        self.tokens += tokens
        self._update(description)
        self._show(force=self.done == steps)

    def print(self, text: str) -> None:
        """A line above the bar (terminal) or a log line."""
        if self._progress is not None and self._live:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            logger.info("%s", text)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._update()
            self._show(force=True)
            if self._live:
                self._progress.stop()
            self._progress = None
