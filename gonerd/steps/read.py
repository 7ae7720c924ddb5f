"""Step 1: read local HTML / plain text / JSONL / WARC inputs into documents (raw, decoded content)."""

from __future__ import annotations

from datatrove.data import Document, DocumentsPipeline
from datatrove.utils.logging import logger

from gonerd.sources import DEFAULT_MAX_INPUT_BYTES, RawRecord, read_input, source_type_from_path
from gonerd.steps.base import CountingStep


class ReadInputs(CountingStep):
    """Reads this task's share of ``files`` (every ``world_size``-th file from ``rank``).

    ``total`` counts input items: files, JSONL lines and WARC response/resource records.
    """

    name = "read"

    def __init__(self, files: list[str], *, max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES, progress: bool = False):
        super().__init__()
        self.files = list(files)
        self.max_input_bytes = max_input_bytes
        self.progress = progress

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data:
            yield from data
        shard = self.files[rank::world_size]
        if self.progress:
            from tqdm import tqdm

            shard = tqdm(shard, desc=f"reading (task {rank})", unit="file", leave=False)
        for path in shard:
            for item in read_input(path, max_bytes=self.max_input_bytes):
                self.received()
                if not isinstance(item, RawRecord):
                    self.dropped(item.reason, item.message)
                    continue
                if item.encoding and item.encoding.lower().replace("_", "-") not in ("utf-8", "ascii", "utf-8-sig"):
                    self.stat_update(f"decoded_{item.encoding}")
                    logger.info(f"{item.origin}: decoded as {item.encoding}")
                self.passed()
                yield record_to_document(item, path)


def record_to_document(record: RawRecord, path: str) -> Document:
    metadata = {
        "origin": record.origin,
        "kind": record.kind,
        "raw_sha1": record.raw_sha1,
        "encoding": record.encoding,
        "url": record.url,
        "input_url": record.url,  # the URL the input itself gave (the page's canonical URL may fill "url" later)
        "title": record.title,
        "published": record.published,
        "source_type": record.source_type or source_type_from_path(path),
        "source": record.source,
        "given_id": record.id,
        **record.extra,
    }
    return Document(text=record.content, id=record.id or record.origin, metadata=metadata)
