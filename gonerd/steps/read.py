"""Step 1: read local HTML / plain text / JSON(L) / WARC inputs into documents (raw, decoded content)."""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterator

from datatrove.data import Document, DocumentsPipeline
from datatrove.utils.logging import logger

from gonerd.sources import DEFAULT_MAX_INPUT_BYTES, RawRecord, Rejected, read_input, source_type_from_path
from gonerd.steps.base import DocumentStep, Drop


class ReadInputs(DocumentStep):
    """Reads this task's share of ``files`` (``balanced_shard``: shares of about equal bytes, so that no worker
    waits for another holding the large files).

    ``total`` counts input items: files, JSON(L) records and WARC response/resource records, and (in task 0) the
    paths discovery skipped (``files.skipped``: FIFOs, devices, symlink loops...). Decoding repairs
    are counted too: ``decoded_<codec>`` for inputs not in UTF-8, ``utf8_repaired`` for UTF-8 inputs with a few
    invalid bytes (``utf8_bytes_repaired`` sums the bytes), ``nul_stripped`` for text with stray NUL bytes.
    """

    name = "read"
    source = True

    def __init__(self, files: list[str], *, max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES, progress: bool = False):
        super().__init__()
        self.files = list(files)
        self.skipped = list(getattr(files, "skipped", []))
        self.max_input_bytes = max_input_bytes
        self.progress = progress

    def items(self, data: DocumentsPipeline, rank: int, world_size: int) -> Iterator[tuple[str, RawRecord | Rejected]]:
        if data:
            raise ValueError("ReadInputs is the first step of a pipeline: it reads its own files")
        if rank == 0:
            for rejected in self.skipped:
                yield rejected.origin, rejected
        shard = balanced_shard(self.files, rank, world_size)
        if self.progress:
            from tqdm import tqdm

            shard = tqdm(shard, desc=f"reading (task {rank})", unit="file", leave=False)
        for path in shard:
            for item in read_input(path, max_bytes=self.max_input_bytes):
                yield path, item

    def process(self, item: tuple[str, RawRecord | Rejected]) -> Document | Drop:
        path, record = item
        if isinstance(record, Rejected):
            return Drop(record.reason, record.message, level=record.level)
        encoding = (record.encoding or "").lower().replace("_", "-")
        if encoding and encoding not in ("utf-8", "ascii", "utf-8-sig"):
            self.stat_update(f"decoded_{record.encoding}")
            logger.info(f"{record.origin}: decoded as {record.encoding}")
        if record.repaired_bytes:
            self.stat_update("utf8_repaired")
            self.stat_update("utf8_bytes_repaired", value=record.repaired_bytes)
            logger.info(f"{record.origin}: UTF-8 with {record.repaired_bytes} invalid byte(s), repaired one by one")
        if record.nul_bytes:
            self.stat_update("nul_stripped")
            logger.info(f"{record.origin}: {record.nul_bytes} stray NUL byte(s) removed")
        return record_to_document(record, path)


def balanced_shard(files: list[str], rank: int, world_size: int) -> list[str]:
    """``rank``'s share of ``files``: the largest file first goes to the share with the fewest bytes so far (ties
    to the share with fewer files, then the lower rank), each share in the order of ``files``. Deterministic for the
    same files and sizes; a file that cannot be stat'ed counts as empty (reading it reports why)."""
    if world_size <= 1:
        return list(files)
    sizes = []
    for index, path in enumerate(files):
        try:
            size = os.stat(path).st_size
        except OSError:
            size = 0
        sizes.append((-size, index))
    lightest = [(0, 0, r) for r in range(world_size)]  # (bytes, files, rank) so far: a heap, lightest share first
    owner = [0] * len(files)
    for negative_size, index in sorted(sizes):
        total, count, target = heapq.heappop(lightest)
        owner[index] = target
        heapq.heappush(lightest, (total - negative_size, count + 1, target))
    return [path for index, path in enumerate(files) if owner[index] == rank]


def record_to_document(record: RawRecord, path: str) -> Document:
    metadata = {
        "origin": record.origin,
        "path": path,
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
