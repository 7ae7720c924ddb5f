"""A progress bar for the crawl (rich, on stderr): URLs done out of URLs known so far, and the outcomes."""

from __future__ import annotations

from collections import Counter


class CrawlProgress:
    def __init__(self, description: str, enabled: bool = True):
        self.enabled = enabled
        self.description = description
        self._progress = None
        self._task = None

    def __enter__(self) -> CrawlProgress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                      TextColumn("{task.fields[outcomes]}"), TimeElapsedColumn(),
                                      console=Console(stderr=True))
            self._progress.start()
            self._task = self._progress.add_task(self.description, total=None, outcomes="")
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, crawler) -> None:
        if self._progress is None:
            return
        by_status: Counter = Counter()
        for (_kind, status, _reason), n in crawler.stats.final.items():
            by_status[status] += n
        outcomes = " ".join(f"{k} {by_status[k]}" for k in ("fetched", "failed", "skipped") if by_status[k])
        self._progress.update(self._task, total=max(crawler.known, crawler.done), completed=crawler.done,
                              outcomes=outcomes)
