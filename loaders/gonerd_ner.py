"""GONERD: a folder written by ``gonerd build`` (``data/<split>-*.parquet``) or a Hub copy of one (``hub_id=``).

Returns the token-classification format (``id``, ``tokens``, ``ner_tags`` with :data:`gonerd.schema.NER_TAGS`);
``keep_columns`` keeps more of the document schema (``text``, ``token_offsets``, ``entities``, ``source_type``...;
``True`` keeps them all). Rows are whole documents (thousands of tokens): see :mod:`loaders.windows`.

A local folder is read split by split with the ``parquet`` builder rather than ``load_dataset(folder)``: the
latter fails ("Instruction 'test' corresponds to no data") when a split is empty, which small builds produce.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gonerd.schema import NER_TAGS
from loaders.errors import DataFormatError, LoaderError
from loaders.hub import load_hub
from loaders.report import LoadReport
from loaders.splits import ordered

if TYPE_CHECKING:
    import datasets

BASE_COLUMNS: tuple[str, ...] = ("id", "tokens", "ner_tags")
SHARD = re.compile(r"^(?P<split>[A-Za-z0-9_.]+?)-\d{5}-of-\d{5}\.parquet$")


def load_gonerd(
    path: str | Path | None = None,
    *,
    report: LoadReport,
    hub_id: str | None = None,
    revision: str | None = None,
    keep_columns: Sequence[str] | bool = (),
    cache_dir: str | Path | None = None,
) -> datasets.DatasetDict:
    if path is not None:
        loaded = read_folder(Path(path), report=report, cache_dir=cache_dir)
        source = str(path)
    elif hub_id:
        loaded = load_hub(hub_id, report=report, revision=revision, cache_dir=cache_dir)
        source = f"hub:{hub_id}"
    else:
        raise LoaderError("GONERD has no default Hub id: pass path=<folder written by gonerd build> or hub_id=...")
    for split, rows in loaded.items():
        check_rows(rows, source=f"{source}[{split}]")
        loaded[split] = select_columns(rows, keep_columns, source=source)
        report.count(split, "rows", len(rows))
    return loaded


def shard_files(folder: Path) -> dict[str, list[Path]]:
    data = folder / "data"
    if not data.is_dir():
        raise LoaderError(f"{folder}: not a GONERD dataset folder (no data/ folder); build one with `gonerd build`")
    shards: dict[str, list[Path]] = {}
    for file in sorted(data.glob("*.parquet")):
        match = SHARD.match(file.name)
        if match is None:
            raise LoaderError(f"{file}: not a <split>-NNNNN-of-NNNNN.parquet shard name")
        shards.setdefault(match["split"], []).append(file)
    if not shards:
        raise LoaderError(f"{data}: no parquet shards")
    return ordered(shards)


def read_folder(folder: Path, *, report: LoadReport, cache_dir: str | Path | None) -> datasets.DatasetDict:
    import datasets
    import pyarrow.parquet as pq

    shards = shard_files(folder)
    rows = {file: shard_metadata(file).num_rows for files in shards.values() for file in files}
    filled = {split: files for split, files in shards.items() if sum(rows[f] for f in files)}
    loaded = datasets.DatasetDict()
    if filled:
        try:
            parquet = datasets.load_dataset(
                "parquet", data_files={s: [str(f) for f in files] for s, files in filled.items()},
                cache_dir=str(cache_dir) if cache_dir else None,
            )
        except Exception as exc:  # a shard whose footer reads but whose data pages do not
            broken = first_unreadable([f for files in filled.values() for f in files])
            if broken is None:
                raise
            raise LoaderError(broken) from exc
    for split, files in shards.items():
        for file in files:
            report.source(split, str(file))
        if split in filled:
            loaded[split] = parquet[split]
        else:  # an empty split: its schema (with the ClassLabel names) is in the parquet metadata
            features = datasets.Features.from_arrow_schema(pq.read_schema(files[0]))
            loaded[split] = datasets.Dataset.from_dict({c: [] for c in features}, features=features)
            report.note(split, "split_empty", str(files[0]), "the split has no rows")
    return loaded


def shard_metadata(file: Path):
    """The parquet footer of a shard; an empty, truncated or non-parquet file is an error naming it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.read_metadata(file)
    except (pa.ArrowException, OSError) as exc:
        size = file.stat().st_size if file.is_file() else None
        what = "an empty file (0 bytes)" if size == 0 else f"not a readable parquet file ({exc})"
        raise LoaderError(f"{file}: {what}; rebuild the dataset with `gonerd build`") from None


def first_unreadable(files: list[Path]) -> str | None:
    """The message for the first shard whose data cannot be read in full, or None when all can."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for file in files:
        try:
            pq.read_table(file)
        except (pa.ArrowException, OSError) as exc:
            return f"{file}: not a readable parquet file ({exc}); rebuild the dataset with `gonerd build`"
    return None


def check_rows(rows: datasets.Dataset, *, source: str) -> None:
    """The ClassLabel names are CoNLL-2003's and every row has one tag per token."""
    import pyarrow.compute as pc

    missing = [c for c in BASE_COLUMNS if c not in rows.column_names]
    if missing:
        raise DataFormatError(f"{source}: missing columns {missing} (found {rows.column_names})")
    feature = getattr(rows.features["ner_tags"], "feature", None)
    names = list(getattr(feature, "names", []))
    if names != list(NER_TAGS):
        found = names or rows.features["ner_tags"]
        raise DataFormatError(f"{source}: ner_tags labels are {found}, not {list(NER_TAGS)}")
    table = rows.data.table
    tokens = pc.list_value_length(table.column("tokens"))
    tags = pc.list_value_length(table.column("ner_tags"))
    bad = pc.indices_nonzero(pc.not_equal(tokens, tags)).to_pylist()
    if bad:
        row = rows[bad[0]]
        raise DataFormatError(
            f"{source}: {len(bad)} rows have not one tag per token, e.g. row {bad[0]} (id {row['id']}): "
            f"{len(row['tokens'])} tokens, {len(row['ner_tags'])} tags"
        )


def select_columns(rows: datasets.Dataset, keep: Sequence[str] | bool, *, source: str) -> datasets.Dataset:
    if keep is True:
        return rows
    keep = [] if keep is False else list(keep)
    unknown = [c for c in keep if c not in rows.column_names]
    if unknown:
        raise LoaderError(f"{source}: keep_columns {unknown} not in the dataset (columns: {rows.column_names})")
    wanted = [*BASE_COLUMNS, *(c for c in keep if c not in BASE_COLUMNS)]
    return rows.select_columns(wanted)
