"""Start-up costs of datatrove that a build pays for nothing, removed without changing behaviour.

datatrove checks, when each pipeline step is created, that the distributions it needs are installed; its check
reads the metadata of every installed distribution (a few hundred ``METADATA`` files, ~0.5 s) to find one name.
:func:`apply` swaps in a lookup of that one distribution (``importlib.metadata.distribution``), which answers the
same question directly.

datatrove's local executor also starts a ``multiprocess.Manager`` (a server process, with proxies for a queue of
free local ranks) on every ``run()``, even with one worker, where the ranks run one after another in this process
and the queue only ever holds rank 0: five stages, five server processes, a few tenths of a second of a build.
:func:`local_executor` returns an executor that, with one worker, runs the same loop with an in-process queue.
"""

from __future__ import annotations

import importlib.metadata
from functools import cache

_APPLIED = False


@cache
def _distribution_available(distribution_name: str) -> bool | None:
    try:
        importlib.metadata.distribution(distribution_name)
    except importlib.metadata.PackageNotFoundError:
        return None  # what datatrove's own check returns for "not installed"
    return True


def local_executor(pipeline, *, tasks: int, workers: int, logging_dir: str, start_method: str = "forkserver"):
    """A ``LocalPipelineExecutor``; with one worker, one whose ``run()`` needs no Manager process (same steps,
    same order, same stats, logs and completion markers)."""
    from datatrove.executor import LocalPipelineExecutor

    cls = _serial_executor_class() if workers == 1 else LocalPipelineExecutor
    return cls(pipeline=pipeline, tasks=tasks, workers=workers, logging_dir=logging_dir, start_method=start_method)


@cache
def _serial_executor_class():  # made on first use: datatrove is imported lazily
    import queue
    from copy import deepcopy

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.utils.logging import logger
    from datatrove.utils.stats import PipelineStats

    class SerialExecutor(LocalPipelineExecutor):
        """``LocalPipelineExecutor.run`` for ``workers == 1`` (as in datatrove 0.10), with an in-process rank queue."""

        def run(self):
            if self.workers != 1 or self.depends:
                return super().run()
            self._launched = True
            local = range(self.local_rank_offset, self.local_rank_offset + self.local_tasks)
            if all(map(self.is_rank_completed, local)):
                logger.info(f"Not doing anything as all {self.local_tasks} tasks have already been completed.")
                return None
            self.save_executor_as_json()
            ranks_q = queue.SimpleQueue()
            ranks_q.put(0)
            ranks_to_run = self.get_incomplete_ranks(local)
            if (skipped := self.local_tasks - len(ranks_to_run)) > 0:
                logger.info(f"Skipping {skipped} already completed tasks")
            pipeline, stats = self.pipeline, []
            for rank in ranks_to_run:
                self.pipeline = deepcopy(pipeline)
                stats.append(self._launch_run_for_rank(rank, ranks_q))
            stats = sum(stats, start=PipelineStats())
            with self.logging_dir.open("stats.json", "wt") as statsfile:
                stats.save_to_disk(statsfile)
            logger.success(stats.get_repr(f"All {self.local_tasks} tasks"))
            return stats

    return SerialExecutor


def apply() -> None:
    global _APPLIED
    if _APPLIED:
        return
    from datatrove.utils import _import_utils

    if hasattr(_import_utils, "_is_distribution_available"):
        _import_utils._is_distribution_available = _distribution_available
    _APPLIED = True
