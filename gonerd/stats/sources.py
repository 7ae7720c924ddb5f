"""What `gonerd stats` reads: a built dataset folder, a Hub id, or a set a reader plugin provides, as Arrow columns.

Every dataset becomes one :class:`StatsDataset`: per split, the documents' ``tokens`` (``list<string>``),
``ner_tags`` (``list<int>`` with the tag names), and where the dataset has them ``source_type``, the annotation
kind and ``text``. Nothing is converted row by row.

Where a dataset comes from, by the form of its argument:

- ``PATH`` (an existing folder): a folder written by ``gonerd build`` is read from its parquet shards (the files its
  ``README.md`` ``configs`` name), only the columns the statistics use; any other folder goes through
  ``datasets.load_dataset(PATH)``;
- ``NAME:PATH``: ``NAME`` is an entry point of the ``gonerd.datasets`` group, a function ``reader(path) ->
  datasets.DatasetDict`` of whole documents with ``tokens`` and ``ner_tags`` that reports bad input as a
  ``ValueError`` (or ``OSError``) naming the file. The core registers none; the
  ``loaders`` package registers ``conll2003`` and ``conll`` (document level), so the core never imports it;
- ``ORG/NAME`` (not an existing path): ``datasets.load_dataset`` from the Hugging Face Hub.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gonerd.errors import UserError

if TYPE_CHECKING:
    import datasets
    import pyarrow as pa

logger = logging.getLogger("gonerd.stats")

READER_GROUP = "gonerd.datasets"
# columns of a built dataset the statistics read; ``text`` only when personal information is counted
COLUMNS = ("id", "source_type", "tokens", "ner_tags", "annotation")


class DatasetSourceError(UserError, ValueError):
    """A dataset argument that cannot be read; the message names it."""


@dataclass
class SplitColumns:
    """One split's documents as Arrow arrays (chunked as read)."""

    tokens: pa.ChunkedArray  # list<string> per document
    ner_tags: pa.ChunkedArray  # list<int> per document, ids into StatsDataset.tag_names
    source_type: pa.ChunkedArray | None = None  # string per document
    annotation: pa.ChunkedArray | None = None  # string per document: gold / silver / none
    text: pa.ChunkedArray | None = None  # string per document

    @property
    def num_documents(self) -> int:
        return len(self.tokens)


@dataclass
class StatsDataset:
    """A dataset ready for the statistics: its name, where it came from, its tag names and its splits."""

    name: str
    origin: str  # "folder", "hub" or the reader's name
    tag_names: list[str]
    splits: dict[str, SplitColumns]
    folder: Path | None = None  # a local dataset folder (its build report and agreement summary live there)
    provenance_default: str | None = None  # annotation kind of every document when the data does not say
    notes: list[str] = field(default_factory=list)


def registered_readers() -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=READER_GROUP)}


def open_dataset(spec: str, *, with_text: bool = False) -> StatsDataset:
    """Read the dataset ``spec`` names (see the module docstring)."""
    path = Path(spec)
    if path.is_dir():
        return read_folder(path, with_text=with_text)
    name, sep, rest = spec.partition(":")
    if sep and name and rest and "/" not in name:
        readers = registered_readers()
        if name not in readers:
            known = ", ".join(sorted(readers)) or "none installed"
            raise DatasetSourceError(f"{spec}: no dataset reader named {name!r} (readers: {known})")
        return read_with_reader(name, readers[name], rest, with_text=with_text)
    if path.exists():
        raise DatasetSourceError(f"{spec}: a file, not a dataset folder (give the folder, or NAME:PATH for a reader)")
    if spec.count("/") == 1 and all(spec.split("/")):
        return read_hub(spec, with_text=with_text)
    raise DatasetSourceError(
        f"{spec}: not a folder, not READER:PATH and not a Hub id (ORG/NAME); readers: "
        + (", ".join(sorted(registered_readers())) or "none installed")
    )


def read_folder(folder: Path, *, with_text: bool = False) -> StatsDataset:
    files = built_data_files(folder)
    if files is None:  # not written by gonerd build: let datasets read it
        import datasets

        for path in sorted(folder.rglob("*.parquet"))[:1000]:  # a damaged file is named, not datasets' message
            _parquet_schema(path)
        try:
            loaded = datasets.load_dataset(str(folder))
        except Exception as exc:  # datasets raises many types for folders it cannot read; all are the user's input
            detail = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
            raise DatasetSourceError(f"{folder}: cannot be read as a dataset ({detail})") from None
        stats = from_dataset_dict(str(folder), "folder", loaded, with_text=with_text)
        stats.folder = folder
        return stats
    import pyarrow as pa
    import pyarrow.parquet as pq

    splits: dict[str, SplitColumns] = {}
    tag_names: list[str] | None = None
    for split, paths in files.items():
        schemas = [_parquet_schema(path) for path in paths]
        schema = schemas[0]
        wanted = [c for c in (*COLUMNS, *(("text",) if with_text else ())) if c in schema.names]
        try:
            table = pq.ParquetDataset([str(p) for p in paths]).read(columns=wanted)
        except (OSError, pa.ArrowException) as exc:
            raise DatasetSourceError(f"{folder} [{split}]: the parquet files cannot be read together ({exc})") from None
        names = class_label_names(schema)
        tag_names = tag_names or names.get("ner_tags")
        splits[split] = columns_of(table, names, source=f"{folder} [{split}]")
    if tag_names is None:
        raise DatasetSourceError(f"{folder}: the parquet files carry no ner_tags class names")
    return StatsDataset(name=str(folder), origin="folder", tag_names=tag_names, splits=splits, folder=folder)


def _parquet_schema(path: Path) -> pa.Schema:
    """The schema of one parquet file, or a DatasetSourceError naming the file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.read_schema(path)
    except (OSError, pa.ArrowException) as exc:
        detail = " ".join(str(exc).split()).removeprefix(f"Could not open Parquet input source '{path}': ")
        raise DatasetSourceError(f"{path}: not a readable parquet file ({detail})") from None


def built_data_files(folder: Path) -> dict[str, list[Path]] | None:
    """The parquet files of each split, from the folder's README ``configs`` (None: no such card)."""
    from gonerd.card import read_card_header

    header = read_card_header(folder / "README.md")
    configs = header.get("configs") or []
    config = next((c for c in configs if c.get("config_name") == "default"), configs[0] if configs else None)
    if not config:
        return None
    files: dict[str, list[Path]] = {}
    for entry in config.get("data_files") or []:
        patterns = entry["path"] if isinstance(entry["path"], list) else [entry["path"]]
        found = sorted({p for pattern in patterns for p in folder.glob(pattern)})
        if not found:
            raise DatasetSourceError(f"{folder}: README.md names {patterns} for split {entry['split']!r}: no such file")
        files[entry["split"]] = found
    return files or None


def class_label_names(schema: pa.Schema) -> dict[str, list[str]]:
    """ClassLabel names of ``ner_tags``, ``source_type`` and ``annotation.kind`` from the parquet metadata."""
    import datasets

    features = datasets.Features.from_arrow_schema(schema)
    return class_label_names_of(features)


def class_label_names_of(features: datasets.Features) -> dict[str, list[str]]:
    import datasets

    names: dict[str, list[str]] = {}
    tags = features.get("ner_tags")
    inner = getattr(tags, "feature", None)
    if isinstance(inner, datasets.ClassLabel):
        names["ner_tags"] = list(inner.names)
    if isinstance(features.get("source_type"), datasets.ClassLabel):
        names["source_type"] = list(features["source_type"].names)
    ann = features.get("annotation")
    if isinstance(ann, dict) and isinstance(ann.get("kind"), datasets.ClassLabel):
        names["annotation"] = list(ann["kind"].names)
    return names


def columns_of(table: pa.Table, names: dict[str, list[str]], *, source: str) -> SplitColumns:
    """The statistics' columns of ``table``: class ids decoded to names (except the tags), tags as ids."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for needed in ("tokens", "ner_tags"):
        if needed not in table.column_names:
            raise DatasetSourceError(f"{source}: no {needed!r} column (columns: {table.column_names})")

    def decode(column: pa.ChunkedArray, labels: list[str] | None) -> pa.ChunkedArray:
        if labels is None or pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            return column
        return pc.take(pa.array(labels), column)

    tags = table["ner_tags"]
    if "ner_tags" not in names:
        raise DatasetSourceError(f"{source}: ner_tags is not a list of ClassLabel ids")
    annotation = None
    if "annotation" in table.column_names:
        kind = pc.struct_field(table["annotation"], "kind")
        annotation = decode(kind, names.get("annotation"))
    return SplitColumns(
        tokens=table["tokens"],
        ner_tags=tags,
        source_type=decode(table["source_type"], names.get("source_type")) if "source_type" in table.column_names
        else None,
        annotation=annotation,
        text=table["text"] if "text" in table.column_names else None,
    )


def from_dataset_dict(name: str, origin: str, loaded: datasets.DatasetDict, *, with_text: bool) -> StatsDataset:
    """A ``DatasetDict`` of documents (``tokens`` and ``ner_tags`` as ClassLabel ids) as a :class:`StatsDataset`."""
    splits: dict[str, SplitColumns] = {}
    tag_names: list[str] | None = None
    for split, ds in loaded.items():
        for needed in ("tokens", "ner_tags"):
            if needed not in ds.column_names:
                raise DatasetSourceError(f"{name} [{split}]: no {needed!r} column (columns: {ds.column_names})")
        names = class_label_names_of(ds.features)
        tag_names = tag_names or names.get("ner_tags")
        keep = [c for c in (*COLUMNS, *(("text",) if with_text else ())) if c in ds.column_names]
        table = ds.select_columns(keep).data.table
        splits[split] = columns_of(table, names, source=f"{name} [{split}]")
    if tag_names is None:
        raise DatasetSourceError(f"{name}: no split with ner_tags ClassLabel names")
    return StatsDataset(name=name, origin=origin, tag_names=tag_names, splits=splits)


def read_with_reader(reader: str, entry_point, path: str, *, with_text: bool) -> StatsDataset:
    function = entry_point.load()
    try:
        loaded = function(path)
    except (ValueError, OSError) as exc:  # readers report bad input as ValueError (loaders' LoaderError) or OSError
        raise DatasetSourceError(f"{reader}:{path}: {exc}") from exc
    # a short name for tables and legends: the reader and the file or folder name
    stats = from_dataset_dict(f"{reader}:{Path(path).name}", reader, loaded, with_text=with_text)
    stats.notes.append(f"read with the {reader!r} reader from {path}")
    stats.provenance_default = getattr(function, "annotation_kind", None)
    return stats


def read_hub(repo_id: str, *, with_text: bool) -> StatsDataset:
    import datasets

    try:
        loaded = datasets.load_dataset(repo_id)
    except Exception as exc:  # the Hub's many failure types become one user error
        from huggingface_hub import constants

        raise DatasetSourceError(f"{repo_id}: could not load it from the Hub at {constants.ENDPOINT} "
                                 f"({type(exc).__name__}: {exc})") from exc
    return from_dataset_dict(repo_id, "hub", loaded, with_text=with_text)
