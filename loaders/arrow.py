"""Rows to a ``datasets.Dataset``, in memory or written to an Arrow file under ``cache_dir``.

Loaders build their rows in Python and never reuse a cache keyed on file names (an edited source file would give
stale rows and an empty report): the rows are always produced again. With ``cache_dir`` they are streamed to an
Arrow file there and memory-mapped, so large sets (TriviaQA with its evidence) need not fit in memory.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datasets

BATCH_ROWS = 5000


def build_dataset(
    rows: Iterable[dict[str, Any]],
    features: datasets.Features,
    *,
    cache_dir: str | Path | None = None,
    name: str = "rows",
) -> datasets.Dataset:
    import datasets

    rows = ({column: row[column] for column in features} for row in rows)  # one column order, whatever the source
    if cache_dir is None:
        parts: list[datasets.Dataset] = []
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH_ROWS:
                parts.append(datasets.Dataset.from_list(batch, features=features))
                batch = []
        if batch:
            parts.append(datasets.Dataset.from_list(batch, features=features))
        if not parts:  # from_list([]) cannot build the schema
            return datasets.Dataset.from_dict({column: [] for column in features}, features=features)
        return parts[0] if len(parts) == 1 else datasets.concatenate_datasets(parts)

    from datasets.arrow_writer import ArrowWriter

    folder = Path(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / f"{name}-{uuid.uuid4().hex[:12]}.arrow"
    with ArrowWriter(features=features, path=str(file), writer_batch_size=BATCH_ROWS) as writer:
        for row in rows:
            writer.write(features.encode_example(row))
        writer.finalize()
    return datasets.Dataset.from_file(str(file))
