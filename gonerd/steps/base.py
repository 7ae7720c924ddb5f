"""The step base shared by all gonerd document steps: a step maps one item to a document or a :class:`Drop`; the
base counts.

datatrove's filter convention, for every step: ``total`` (items received), ``forwarded`` (documents passed on) and
``dropped_<reason>`` (plus datatrove's plain ``dropped``). A subclass never touches these counters itself, so
``total = forwarded + dropped`` holds by construction; :func:`gonerd.accounting.check_balance` verifies it for every
step of every build from the stats files the tasks write.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.logging import logger


@dataclass(frozen=True)
class Drop:
    """Why an item goes no further: ``reason`` is the counter's name (snake_case), ``detail`` names the input and
    says what is wrong; it is logged at ``level``."""

    reason: str
    detail: str = ""
    level: str = "WARNING"


DropListener = Callable[[Any, Drop], None]


class DocumentStep(PipelineStep):
    """A datatrove step whose every item is either forwarded or dropped with a reason, counted by the base.

    Subclasses implement :meth:`process` (``item -> Document | Drop``, or ``None`` to hold a document back until
    :meth:`finish`), and optionally :meth:`items` (a source step's own items), :meth:`open` (resources for one
    run, e.g. a sandbox process) and :meth:`finish` (held documents, forwarded at the end). Other counters
    (``decoded_cp1252``, ``entities_in``) go through ``stat_update`` as usual.
    """

    type = "🧾 - GONERD"
    source = False  # a source step's items() reads inputs itself: its time is the step's time

    def __init__(self) -> None:
        super().__init__()
        self.drop_listener: DropListener | None = None  # `gonerd extract` hears every drop, in order

    def items(self, data: DocumentsPipeline, rank: int, world_size: int) -> Iterable[Any]:
        """What :meth:`process` receives: the upstream documents, unless the step is a source."""
        return data if data is not None else ()

    def open(self, stack: contextlib.ExitStack, rank: int = 0, world_size: int = 1) -> None:
        """Enter the resources one run (one task) needs; they are closed when the run ends, also on error."""

    def process(self, item: Any) -> Document | Drop | None:
        raise NotImplementedError

    def finish(self) -> Iterable[Document]:
        """Documents held back by :meth:`process` (returned ``None``), forwarded once every item is in."""
        return ()

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        with contextlib.ExitStack() as stack:
            self.open(stack, rank, world_size)
            for item in self._timed(self.items(data, rank, world_size)):
                self.stat_update("total")
                with self.track_time():
                    result = self.process(item)
                if result is None:
                    continue
                if isinstance(result, Drop):
                    self._count_drop(item, result)
                    continue
                self.stat_update("forwarded")
                yield result
            for doc in self.finish():
                self.stat_update("forwarded")
                yield doc

    def drop_held(self, item: Any, drop: Drop) -> None:
        """Count a drop of a document that :meth:`process` held back earlier (e.g. replaced by a better one)."""
        self._count_drop(item, drop)

    def _count_drop(self, item: Any, drop: Drop) -> None:
        self.stat_update("dropped", f"dropped_{drop.reason}")
        if drop.detail:
            logger.log(drop.level, f"dropped ({drop.reason}): {drop.detail}")
        if self.drop_listener is not None:
            self.drop_listener(item, drop)

    def _timed(self, items: Iterable[Any]) -> Iterator[Any]:
        if not self.source:
            yield from items
            return
        iterator = iter(items)
        while True:
            with self.track_time():
                item = next(iterator, _END)
            if item is _END:
                return
            yield item


_END = object()


def plain_record(writer: Any, document: Document) -> dict:
    """JSONL writer adapter: the document as written, without the deep copy of datatrove's default adapter (which
    copies every metadata value before serialising it)."""
    return {"text": document.text, "id": document.id, "metadata": document.metadata}
