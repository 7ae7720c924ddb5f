"""Training text sources: parsing ``PATH[:RATIO[:MAX_TOKENS]]`` and reading the documents of each kind of source.

A source is written ``PATH[:RATIO[:MAX_TOKENS]]``:

* ``PATH`` is a ``.txt`` file (documents separated by blank lines), a folder of ``.txt`` files (one document per
  file), a ``.jsonl``/``.jsonl.gz`` file (a ``text`` field per line), a ``.parquet`` file, a built GONERD dataset
  folder (a Hugging Face dataset folder, ``data/*.parquet`` with a ``text`` column, or a ``save_to_disk`` folder),
  or ``hub:DATASET_ID[@CONFIG]`` for a Hub dataset streamed with ``datasets.load_dataset(..., streaming=True)``.
* ``RATIO`` (default 1) is the source's share of the training sequences in a mixture.
* ``MAX_TOKENS`` (default: the model's length) is the length documents are packed to: a long source packed to
  4,096 and a short one to 512 gives the paper's long/short mixtures.

Packing and mixing are in :mod:`baselines.data.packing`. Nothing here imports torch.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

HUB_PREFIX = "hub:"
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


@dataclass(frozen=True)
class SourceSpec:
    path: str
    ratio: float = 1.0
    max_tokens: int | None = None

    @property
    def is_hub(self) -> bool:
        return self.path.startswith(HUB_PREFIX)


def parse_source(spec: str) -> SourceSpec:
    """Parse ``PATH[:RATIO[:MAX_TOKENS]]`` (see the module docstring)."""
    if not spec:
        raise ValueError("--source is empty")
    prefix = HUB_PREFIX if spec.startswith(HUB_PREFIX) else ""
    parts = spec[len(prefix) :].split(":")
    numbers: list[str] = []
    while len(parts) > 1 and len(numbers) < 2:
        try:
            float(parts[-1])
        except ValueError:
            break
        numbers.insert(0, parts.pop())
    path = prefix + ":".join(parts)
    ratio = float(numbers[0]) if numbers else 1.0
    max_tokens = None
    if len(numbers) == 2:
        if not numbers[1].isdigit():
            raise ValueError(f"--source {spec!r}: MAX_TOKENS must be an integer, got {numbers[1]!r}")
        max_tokens = int(numbers[1])
    if ratio <= 0:
        raise ValueError(f"--source {spec!r}: RATIO must be > 0, got {ratio}")
    if max_tokens is not None and max_tokens < 8:
        raise ValueError(f"--source {spec!r}: MAX_TOKENS must be at least 8, got {max_tokens}")
    if not prefix and not Path(path).exists():
        raise FileNotFoundError(f"--source {spec!r}: {path} does not exist (write hub:NAME for a Hub dataset)")
    if not prefix and not _known_format(Path(path)):
        raise ValueError(f"--source {spec!r}: unknown format of {path} (use .txt, .jsonl, .jsonl.gz, .parquet, a "
                         "folder of .txt files, a dataset folder or hub:NAME)")
    return SourceSpec(path, ratio, max_tokens)


def _is_dataset_folder(path: Path) -> bool:
    markers = ("data", "state.json", "dataset_dict.json", "dataset_info.json")
    return any((path / name).exists() for name in markers) or any(path.glob("*.parquet"))


def _known_format(path: Path) -> bool:
    if path.is_dir():
        return _is_dataset_folder(path) or next(path.rglob("*.txt"), None) is not None
    return path.name.endswith(JSONL_SUFFIXES) or path.suffix in (*TEXT_SUFFIXES, ".parquet")


# ------------------------------------------------------------------------------------------------------------------
# Reading documents
def _text_of(record: dict, field: str, where: str) -> str:
    if field not in record:
        raise KeyError(f"{where}: no {field!r} field (fields: {sorted(record)[:10]}); set --text-field")
    return record[field] or ""


def _blank_line_blocks(path: Path) -> Iterator[str]:
    block: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                block.append(line.rstrip("\n"))
            elif block:
                yield "\n".join(block)
                block = []
    if block:
        yield "\n".join(block)


def _jsonl(path: Path, field: str) -> Iterator[str]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: not JSON ({exc})") from exc
                yield _text_of(record, field, f"{path}:{number}")


def _hf_dataset(path: Path, field: str, split: str) -> Iterator[str]:
    import datasets

    if (path / "state.json").exists() or (path / "dataset_dict.json").exists():
        data = datasets.load_from_disk(str(path))
    elif path.is_file():
        data = datasets.load_dataset("parquet", data_files=str(path))
    else:
        data = datasets.load_dataset(str(path))
    if isinstance(data, datasets.DatasetDict):
        if split not in data:
            raise KeyError(f"{path}: no split {split!r} (splits: {sorted(data)}); set --split")
        data = data[split]
    if field not in data.column_names:
        raise KeyError(f"{path}: no {field!r} column (columns: {data.column_names}); set --text-field")
    for record in data.select_columns([field]):
        yield record[field] or ""


def _hub(name: str, field: str, split: str) -> Iterator[str]:
    import datasets

    dataset_id, _, config = name.partition("@")
    stream = datasets.load_dataset(dataset_id, config or None, split=split, streaming=True)
    for record in stream:
        yield _text_of(record, field, f"{HUB_PREFIX}{name}")


def iter_documents(spec: SourceSpec, text_field: str = "text", split: str = "train") -> Iterator[str]:
    """The documents of a source, one string each, in file order."""
    if spec.is_hub:
        yield from _hub(spec.path[len(HUB_PREFIX) :], text_field, split)
        return
    path = Path(spec.path)
    if path.is_dir():
        if _is_dataset_folder(path):
            yield from _hf_dataset(path, text_field, split)
            return
        files = sorted(p for p in path.rglob("*.txt") if p.is_file())
        if not files:
            raise FileNotFoundError(f"{path}: neither a dataset folder nor a folder of .txt files")
        for file in files:
            yield file.read_text(encoding="utf-8")
    elif path.name.endswith(JSONL_SUFFIXES):
        yield from _jsonl(path, text_field)
    elif path.suffix == ".parquet":
        yield from _hf_dataset(path, text_field, split)
    elif path.suffix in TEXT_SUFFIXES:
        yield from _blank_line_blocks(path)
    else:
        raise ValueError(f"{path}: unknown format (use .txt, .jsonl, .parquet, a dataset folder or hub:NAME)")


