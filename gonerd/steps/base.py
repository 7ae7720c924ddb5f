"""The counting convention shared by all gonerd steps."""

from __future__ import annotations

from datatrove.pipeline.base import PipelineStep
from datatrove.utils.logging import logger


class CountingStep(PipelineStep):
    """A step whose every input document is either forwarded or dropped with a reason."""

    type = "🧾 - GONERD"

    def received(self) -> None:
        self.stat_update("total")

    def passed(self) -> None:
        self.stat_update("forwarded")

    def dropped(self, reason: str, message: str | None = None) -> None:
        self.stat_update("dropped", f"dropped_{reason}")
        if message:
            logger.warning(f"dropped ({reason}): {message}")
