"""Packing documents into fixed-length token sequences, and mixing sources by ratio.

Documents are tokenized without special tokens, joined with the end token and cut into sequences of ``MAX_TOKENS``
(start token + body + end token); the last, shorter sequence of a source is kept. Each local source becomes an
in-memory Arrow table of packed sequences (int32 token ids); sources are mixed with ``datasets.interleave_datasets``
(``probabilities`` = the normalised ratios, its ``first_exhausted``/``all_exhausted`` stopping). Any Hub source makes
the whole mixture a stream (``datasets.IterableDataset``), read again on every pass.

Each training example carries its position in the data (``index``): the masking collator seeds its masks with it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .sources import SourceSpec, iter_documents, parse_source

logger = logging.getLogger(__name__)

#: Rows per Arrow chunk while packing (bounds the Python lists alive at once).
CHUNK_ROWS = 1024


def pack(documents: Iterable[str], tokenizer, length: int, batch_size: int = 64) -> Iterator[list[int]]:
    """Cut the token stream of ``documents`` (joined by the end token) into sequences of ``length`` tokens."""
    start = tokenizer.cls_token_id if tokenizer.cls_token_id is not None else tokenizer.bos_token_id
    end = tokenizer.sep_token_id if tokenizer.sep_token_id is not None else tokenizer.eos_token_id
    if start is None or end is None:
        raise ValueError("the tokenizer needs start and end tokens (<s>/</s> or [CLS]/[SEP]) for packing")
    body = length - 2
    buffer: list[int] = []

    def batches() -> Iterator[list[str]]:
        batch: list[str] = []
        for doc in documents:
            if doc.strip():
                batch.append(doc)
            if len(batch) == batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    for batch in batches():
        for ids in tokenizer(batch, add_special_tokens=False, verbose=False)["input_ids"]:
            buffer.extend(ids)
            buffer.append(end)
            while len(buffer) >= body:
                yield [start, *buffer[:body], end]
                buffer = buffer[body:]
    if buffer:
        yield [start, *buffer, end]


@dataclass
class PackedSources:
    """How to read and pack a list of sources (one per ``PATH[:RATIO[:MAX_TOKENS]]``)."""

    specs: list[SourceSpec]
    tokenizer: object
    max_length: int
    text_field: str = "text"
    split: str = "train"
    role: str = "--source"
    lengths: list[int] = field(init=False)

    def __post_init__(self):
        if not self.specs:
            raise ValueError(f"give at least one {self.role}")
        for spec in self.specs:
            if spec.max_tokens and spec.max_tokens > self.max_length:
                raise ValueError(f"{self.role} {spec.path}: MAX_TOKENS {spec.max_tokens} exceeds the model's "
                                 f"{self.max_length}")
        self.lengths = [spec.max_tokens or self.max_length for spec in self.specs]

    @property
    def streaming(self) -> bool:
        return any(spec.is_hub for spec in self.specs)

    def sequences(self, index: int) -> Iterator[dict]:
        documents = iter_documents(self.specs[index], text_field=self.text_field, split=self.split)
        for ids in pack(documents, self.tokenizer, self.lengths[index]):
            yield {"input_ids": ids, "source": index}

    def in_memory(self, index: int):
        """Source ``index`` packed into an in-memory Arrow table (``input_ids`` int32, ``source``)."""
        import datasets
        import pyarrow as pa
        from datasets.table import InMemoryTable

        ids_type = pa.list_(pa.int32())
        chunks, batch, count = [], [], 0
        for row in self.sequences(index):
            batch.append(row["input_ids"])
            count += 1
            if len(batch) == CHUNK_ROWS:
                chunks.append(pa.array(batch, type=ids_type))
                batch = []
            if count % 10_000 == 0:
                logger.info("%s: packed %d sequences", self.specs[index].path, count)
        if batch:
            chunks.append(pa.array(batch, type=ids_type))
        table = pa.table({"input_ids": pa.chunked_array(chunks, type=ids_type),
                          "source": pa.array([index] * count, type=pa.int32())})
        return datasets.Dataset(InMemoryTable(table))

    def streamed(self, index: int):
        import datasets

        return datasets.IterableDataset.from_generator(self.sequences, gen_kwargs={"index": index})

    def summary(self) -> list[dict]:
        return [{"path": s.path, "ratio": s.ratio, "max_tokens": n} for s, n in zip(self.specs, self.lengths)]


@contextlib.contextmanager
def _no_datasets_bars() -> Iterator[None]:
    """datasets' own bars ("Flattening the indices") would interleave with ours: off for in-memory steps."""
    from datasets.utils import are_progress_bars_disabled, disable_progress_bars, enable_progress_bars

    was_disabled = are_progress_bars_disabled()
    disable_progress_bars()
    try:
        yield
    finally:
        if not was_disabled:
            enable_progress_bars()


def _with_index(dataset):
    """Add each example's position (the masking collator's seed) as ``index``; drop the ``source`` column."""
    import datasets

    if isinstance(dataset, datasets.IterableDataset):
        return dataset.remove_columns(["source"]).map(lambda _, i: {"index": i}, with_indices=True)
    with _no_datasets_bars():
        dataset = dataset.flatten_indices().remove_columns(["source"])
        return dataset.add_column("index", list(range(len(dataset))))


def training_data(
    sources: list[str | SourceSpec],
    tokenizer,
    max_length: int,
    seed: int = 42,
    stopping: str = "first_exhausted",
    max_examples: int | None = None,
    text_field: str = "text",
    split: str = "train",
):
    """The training set: every source packed, then mixed by ratio; returns (dataset, summary for provenance).

    The dataset is a ``datasets.Dataset`` (local sources; in memory) or a ``datasets.IterableDataset`` (any Hub
    source), with ``input_ids`` and ``index`` per example."""
    import datasets
    import numpy as np

    if stopping not in ("first_exhausted", "all_exhausted"):
        raise ValueError(f"--stopping must be first_exhausted or all_exhausted, got {stopping!r}")
    packed = PackedSources([s if isinstance(s, SourceSpec) else parse_source(s) for s in sources], tokenizer,
                           max_length, text_field, split)
    summary = {"sources": packed.summary(), "stopping": stopping, "seed": seed, "max_length": max_length,
               "streaming": packed.streaming}
    ratios = [spec.ratio for spec in packed.specs]
    probabilities = [r / sum(ratios) for r in ratios]
    if packed.streaming:
        parts = [packed.streamed(i) for i in range(len(packed.specs))]
    else:
        parts = [packed.in_memory(i) for i in range(len(packed.specs))]
        for spec, part in zip(packed.specs, parts):
            if len(part) == 0:
                raise ValueError(f"--source {spec.path} gave no text")
    mixed = parts[0] if len(parts) == 1 else datasets.interleave_datasets(
        parts, probabilities=probabilities, seed=seed, stopping_strategy=stopping)
    if packed.streaming:
        if max_examples is not None:
            mixed = mixed.take(max_examples)
        return _with_index(mixed), summary
    if max_examples is not None and max_examples < len(mixed):
        mixed = mixed.select(range(max_examples))
    per_source = np.bincount(np.asarray(mixed["source"]), minlength=len(parts)).tolist()
    lengths = [len(ids) for ids in mixed["input_ids"]]
    summary.update(sequences=len(mixed), sequences_per_source=per_source, tokens=int(sum(lengths)))
    logger.info("training data: %d sequences (%s per source)", len(mixed), per_source)
    return _with_index(mixed), summary


def evaluation_data(
    sources: list[str | SourceSpec],
    tokenizer,
    max_length: int,
    max_examples: int | None = None,
    text_field: str = "text",
    split: str = "validation",
):
    """Held-out sequences: every source packed and concatenated (no mixing); returns (dataset, summary)."""
    import datasets

    packed = PackedSources([s if isinstance(s, SourceSpec) else parse_source(s) for s in sources], tokenizer,
                           max_length, text_field, split, role="--eval-source")
    if packed.streaming and max_examples is None:
        raise ValueError("streamed (hub:) eval sources need --max-eval-examples")
    if packed.streaming:
        parts = [packed.streamed(i) for i in range(len(packed.specs))]
        data = datasets.concatenate_datasets(parts).take(max_examples)
        return _with_index(data), {"sources": packed.summary(), "streaming": True, "max_examples": max_examples}
    parts = [packed.in_memory(i) for i in range(len(packed.specs))]
    data = datasets.concatenate_datasets(parts)
    if len(data) == 0:
        raise ValueError(f"the eval sources {[s.path for s in packed.specs]} gave no text")
    if max_examples is not None and max_examples < len(data):
        data = data.select(range(max_examples))
    summary = {"sources": packed.summary(), "streaming": False, "sequences": len(data),
               "tokens": int(sum(len(ids) for ids in data["input_ids"]))}
    return _with_index(data), summary
