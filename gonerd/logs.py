"""Logging set-up shared by the CLI commands (datatrove logs through loguru; we route ours the same way).

Local variables never appear in a traceback: loguru's ``diagnose`` mode (which prints the value of every variable
in every frame, document text and tokens included) is off for every handler gonerd installs, in this process,
in datatrove's forked workers and in the per-task log files. The terminal shows a traceback only at debug
verbosity (``-vv``); otherwise an exception a task raises is one line there, and in full in the task's log file.
"""

from __future__ import annotations

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


def _terminal_format(prefix: str, with_traceback: bool):
    """A loguru format function: without ``{exception}`` the traceback is left out (loguru appends it only when
    the format asks for it, when the format is a function)."""

    def fmt(record) -> str:
        text = prefix + TERMINAL_FORMAT
        if record["exception"] is not None:
            if with_traceback:
                return text + "\n{exception}"
            return text + " (traceback in the task log; -vv shows it here)\n"
        return text + "\n"

    return fmt


def add_terminal_sink(level: str, prefix: str = "") -> int:
    from loguru import logger

    return logger.add(sys.stderr, level=level, format=_terminal_format(prefix, level == "DEBUG"), diagnose=False,
                      backtrace=False)  # fmt: skip


def configure_pipeline_logging(level: str = "WARNING") -> None:
    """Route datatrove's loguru output: ``level`` and above to the terminal, everything to the per-task log files.

    datatrove prints every task's pipeline and statistics at INFO; the build prints its own accounting table, so
    the terminal only needs warnings (bad inputs, drops) unless asked for more. Patches datatrove's two logger
    set-up functions, in this process and in forked workers; every handler has ``diagnose=False``.
    """
    import datatrove.executor.base as executor_base
    import datatrove.utils.logging as dt_logging
    from loguru import logger

    def setup_default_logger() -> None:
        logger.remove()
        add_terminal_sink(level)

    def add_task_logger(logging_dir, rank: int, local_rank: int = 0, node_rank: int = -1):
        logger.remove()
        logfile = logging_dir.open(f"logs/task_{rank:05d}.log", "w")
        add_terminal_sink(level, prefix=f"task {rank} | ")
        logger.add(logfile, level="DEBUG", format=FILE_FORMAT, diagnose=False, backtrace=False)
        logger.info(f"Launching pipeline for {rank=}")
        return logfile

    dt_logging.setup_default_logger = setup_default_logger
    executor_base.add_task_logger = add_task_logger
    setup_default_logger()
