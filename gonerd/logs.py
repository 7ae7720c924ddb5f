"""Logging set-up shared by the CLI commands (datatrove logs through loguru; we route ours the same way)."""

from __future__ import annotations

import logging
import sys

LOGGER_NAME = "gonerd"


def configure_logging(verbose: int = 0) -> None:
    level = logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logger = logging.getLogger(LOGGER_NAME)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def configure_pipeline_logging(level: str = "WARNING") -> None:
    """Route datatrove's loguru output: ``level`` and above to the terminal, everything to the per-task log files.

    datatrove prints every task's pipeline and statistics at INFO; the build prints its own accounting table, so
    the terminal only needs warnings (bad inputs, drops) unless asked for more. Patches datatrove's two logger
    set-up functions, in this process and in forked workers.
    """
    import datatrove.executor.base as executor_base
    import datatrove.utils.logging as dt_logging
    from loguru import logger

    fmt = "{time:HH:mm:ss} | {level: <7} | {message}"

    def setup_default_logger() -> None:
        logger.remove()
        logger.add(sys.stderr, level=level, format=fmt)

    def add_task_logger(logging_dir, rank: int, local_rank: int = 0, node_rank: int = -1):
        logger.remove()
        logfile = logging_dir.open(f"logs/task_{rank:05d}.log", "w")
        logger.add(sys.stderr, level=level, format=f"task {rank} | " + fmt)
        logger.add(logfile, level="DEBUG", format="{time} | {level: <8} | {name}:{function}:{line} - {message}")
        logger.info(f"Launching pipeline for {rank=}")
        return logfile

    dt_logging.setup_default_logger = setup_default_logger
    executor_base.add_task_logger = add_task_logger
    setup_default_logger()
