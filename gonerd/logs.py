"""Logging set-up shared by the CLI commands (datatrove logs through loguru; we route ours the same way).

Local variables never appear in a traceback: loguru's ``diagnose`` mode (which prints the value of every variable
in every frame, document text and tokens included) is off for every handler gonerd installs, in this process,
in datatrove's forked workers and in the per-task log files. The terminal shows a traceback only at debug
verbosity (``-vv``); otherwise an exception a task raises is one line there, and in full in the task's log file.
"""

from __future__ import annotations

import contextlib
import logging
import sys

LOGGER_NAME = "gonerd"
TERMINAL_FORMAT = "{time:HH:mm:ss} | {level: <7} | {message}"
FILE_FORMAT = "{time} | {level: <8} | {name}:{function}:{line} - {message}"


def configure_logging(verbose: int = 0) -> None:
    level = logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logger = logging.getLogger(LOGGER_NAME)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def _terminal_format(with_traceback: bool):
    """A loguru format function: without ``{exception}`` the traceback is left out (loguru appends it only when
    the format asks for it, when the format is a function). Inside a task the line starts with ``task <rank> |``."""

    def fmt(record) -> str:
        text = ("task {extra[task]} | " if "task" in record["extra"] else "") + TERMINAL_FORMAT
        if record["exception"] is not None:
            if with_traceback:
                return text + "\n{exception}"
            return text + " (traceback in the task log; -vv shows it here)\n"
        return text + "\n"

    return fmt


def add_terminal_sink(level: str) -> int:
    from loguru import logger

    return logger.add(sys.stderr, level=level, format=_terminal_format(level == "DEBUG"), diagnose=False,
                      backtrace=False)  # fmt: skip


class _Sinks:
    """The handlers gonerd installed: one terminal sink for the whole process (loguru builds an exception formatter
    for every handler added, ~10 ms each: datatrove would re-add it for every task), one file sink per task."""

    terminal: int | None = None
    terminal_level: str | None = None
    task_file: int | None = None


def configure_pipeline_logging(level: str = "WARNING", *, task_logs: bool = True) -> None:
    """Route datatrove's loguru output: ``level`` and above to the terminal, everything to the per-task log files.

    datatrove prints every task's pipeline and statistics at INFO; the build prints its own accounting table, so
    the terminal only needs warnings (bad inputs, drops) unless asked for more. Patches datatrove's two logger
    set-up functions, in this process and in forked workers; every handler has ``diagnose=False``.
    ``task_logs=False`` (a caller that runs steps without an executor, as ``gonerd extract`` does) leaves the
    executor's task logger alone and so never imports the executor (with it fsspec and ``huggingface_hub``'s API:
    a second of start-up on a busy machine).
    """
    import datatrove.utils.logging as dt_logging
    from loguru import logger

    def setup_default_logger() -> None:
        """The terminal sink alone (datatrove calls this again at the end of every task)."""
        if _Sinks.terminal is not None and _Sinks.terminal_level == level:
            if _Sinks.task_file is not None:
                with contextlib.suppress(ValueError):  # already removed by someone else
                    logger.remove(_Sinks.task_file)
                _Sinks.task_file = None
            logger.configure(extra={})
            return
        logger.remove()
        _Sinks.terminal, _Sinks.terminal_level, _Sinks.task_file = add_terminal_sink(level), level, None

    def add_task_logger(logging_dir, rank: int, local_rank: int = 0, node_rank: int = -1):
        setup_default_logger()
        logfile = logging_dir.open(f"logs/task_{rank:05d}.log", "w")
        logger.configure(extra={"task": rank})
        _Sinks.task_file = logger.add(logfile, level="DEBUG", format=FILE_FORMAT, diagnose=False, backtrace=False)
        logger.info(f"Launching pipeline for {rank=}")
        return logfile

    dt_logging.setup_default_logger = setup_default_logger
    if task_logs:
        import datatrove.executor.base as executor_base

        executor_base.add_task_logger = add_task_logger
    _Sinks.terminal = None  # a new configuration: start from a clean slate
    setup_default_logger()
