"""Training text for `pretrain` and `distill`: reading sources, packing documents, mixing sources by ratio.

A source is written ``PATH[:RATIO[:MAX_TOKENS]]``:

* ``PATH`` is a ``.txt`` file (documents separated by blank lines), a folder of ``.txt`` files (one document per
  file), a ``.jsonl``/``.jsonl.gz`` file (a ``text`` field per line), a ``.parquet`` file, a built GONERD dataset
  folder (a Hugging Face dataset folder, ``data/*.parquet`` with a ``text`` column, or a ``save_to_disk`` folder),
  or ``hub:DATASET_ID[@CONFIG]`` for a Hub dataset streamed with ``datasets.load_dataset(..., streaming=True)``.
* ``RATIO`` (default 1) is the source's share of the training sequences in a mixture.
* ``MAX_TOKENS`` (default: the model's length) is the length documents are packed to: a long source packed to
  4,096 and a short one to 512 gives the paper's long/short mixtures.

Documents are tokenized without special tokens, joined with the end token and cut into sequences of
``MAX_TOKENS`` (start token + body + end token); the last, shorter sequence of a source is kept.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import torch

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
    return SourceSpec(path, ratio, max_tokens)


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
        is_dataset = any(
            (path / name).exists() for name in ("data", "state.json", "dataset_dict.json", "dataset_info.json")
        ) or any(path.glob("*.parquet"))
        if is_dataset:
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


# ------------------------------------------------------------------------------------------------------------------
# Packing and mixing
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


def mixture(
    factories: list[Callable[[], Iterator]], ratios: list[float], seed: int, stopping: str = "first_exhausted"
) -> Iterator:
    """Draw from the sources at random with probabilities ``ratios``.

    "first_exhausted" stops when any source runs out (no example repeats); "all_exhausted" restarts exhausted
    sources until every source has been read through once (small sources repeat).
    """
    if stopping not in ("first_exhausted", "all_exhausted"):
        raise ValueError(f"--stopping must be first_exhausted or all_exhausted, got {stopping!r}")
    rng = random.Random(seed)
    streams = [factory() for factory in factories]
    finished = [False] * len(streams)
    indices = list(range(len(streams)))
    while True:
        i = rng.choices(indices, weights=ratios)[0]
        try:
            yield next(streams[i])
        except StopIteration:
            if stopping == "first_exhausted" or len(streams) == 1:
                return
            finished[i] = True
            if all(finished):
                return
            streams[i] = factories[i]()
            try:
                yield next(streams[i])
            except StopIteration as exc:  # an empty source can never contribute
                raise ValueError(f"source {i} yields no sequence") from exc


class ListDataset(torch.utils.data.Dataset):
    def __init__(self, examples: list[dict]):
        self.examples = examples

    def __len__(self) -> int:
        return len(self.examples)

    def __getitem__(self, index: int) -> dict:
        return {**self.examples[index], "index": index}  # the position seeds the example's masking


class StreamDataset(torch.utils.data.IterableDataset):
    """Re-iterable stream of packed examples (for Hub sources; the Trainer then needs max_steps)."""

    def __init__(self, make: Callable[[], Iterator[dict]]):
        self.make = make

    def __iter__(self) -> Iterator[dict]:
        return self.make()


def training_data(
    sources: list[str | SourceSpec],
    tokenizer,
    max_length: int,
    seed: int = 42,
    stopping: str = "first_exhausted",
    max_examples: int | None = None,
    text_field: str = "text",
    split: str = "train",
) -> tuple[torch.utils.data.Dataset, dict]:
    """Build the training set of packed sequences from ``sources``; returns (dataset, summary for provenance).

    Local sources are read, packed and mixed once into memory; any Hub source makes the whole set a stream.
    """
    specs = [s if isinstance(s, SourceSpec) else parse_source(s) for s in sources]
    if not specs:
        raise ValueError("give at least one --source")
    for spec in specs:
        if spec.max_tokens and spec.max_tokens > max_length:
            raise ValueError(f"--source {spec.path}: MAX_TOKENS {spec.max_tokens} exceeds the model's {max_length}")

    def factory(index: int) -> Callable[[], Iterator]:
        spec = specs[index]

        def make() -> Iterator:
            docs = iter_documents(spec, text_field=text_field, split=split)
            for ids in pack(docs, tokenizer, spec.max_tokens or max_length):
                yield {"input_ids": ids, "source": index}

        return make

    ratios = [s.ratio for s in specs]
    summary = {
        "sources": [{"path": s.path, "ratio": s.ratio, "max_tokens": s.max_tokens or max_length} for s in specs],
        "stopping": stopping,
        "seed": seed,
        "max_length": max_length,
    }

    def examples() -> Iterator[dict]:
        stream = mixture([factory(i) for i in range(len(specs))], ratios, seed, stopping)
        for count, example in enumerate(stream):
            if max_examples is not None and count >= max_examples:
                return
            yield {"input_ids": example["input_ids"], "index": count}  # the position seeds the masking

    if any(s.is_hub for s in specs):
        summary["streaming"] = True
        return StreamDataset(examples), summary

    rows: list[dict] = []
    per_source = [0] * len(specs)
    stream = mixture([factory(i) for i in range(len(specs))], ratios, seed, stopping)
    for example in stream:
        if max_examples is not None and len(rows) >= max_examples:
            break
        per_source[example["source"]] += 1
        rows.append({"input_ids": example["input_ids"]})
        if len(rows) % 10_000 == 0:
            logger.info("packed %d sequences", len(rows))
    if not rows:
        raise ValueError(f"the sources {[s.path for s in specs]} gave no text")
    summary.update(
        streaming=False,
        sequences=len(rows),
        sequences_per_source=per_source,
        tokens=sum(len(r["input_ids"]) for r in rows),
    )
    logger.info("training data: %d sequences (%s per source)", len(rows), per_source)
    return ListDataset(rows), summary


def pad_multiple(config) -> int | None:
    """Length multiple batches must be padded to for this architecture (Nyströmformer needs the exact length)."""
    if config.model_type == "nystromformer" and config.num_landmarks != config.segment_means_seq_len:
        return config.segment_means_seq_len
    return None


def example_seed(seed: int, epoch: int, index: int) -> int:
    """A 63-bit seed that depends only on (seed, epoch, example index)."""
    digest = hashlib.blake2b(f"{seed}:{epoch}:{index}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") & (2**63 - 1)


class MaskingCollator:
    """Dynamic MLM masking (80% mask token / 10% random token / 10% kept) whose randomness is a function of
    (seed, epoch, example index) only: each example gets its own ``torch.Generator``.

    The global torch RNG is never used, so masks do not depend on what else drew from it (dropout, the order in
    which the Trainer fetches batches and restores RNG states when it resumes): a run resumed from a checkpoint
    masks exactly as the uninterrupted run. Examples carry their dataset position in ``"index"`` (as
    :func:`training_data` gives them); ``epoch`` is set by :class:`baselines.training.EpochCallback`. Examples
    without an index fall back to one generator seeded with ``seed`` (deterministic for a fresh run, but not
    resumable exactly).
    """

    def __init__(self, tokenizer, mlm_probability: float = 0.15, pad_to_multiple_of: int | None = None, seed: int = 0):
        from transformers import DataCollatorForLanguageModeling

        self.inner = DataCollatorForLanguageModeling(
            tokenizer, mlm_probability=mlm_probability, pad_to_multiple_of=pad_to_multiple_of
        )
        self.tokenizer = tokenizer
        self.pad_to_multiple_of = pad_to_multiple_of
        self.seed = int(seed)
        self.epoch = 0
        self._fallback: torch.Generator | None = None

    def __call__(self, examples: list[dict]) -> dict[str, torch.Tensor]:
        from transformers.data.data_collator import pad_without_fast_tokenizer_warning

        indices = [example.get("index") for example in examples]
        features = [{k: v for k, v in example.items() if k != "index"} for example in examples]
        if any(index is None for index in indices):
            if self._fallback is None:
                self._fallback = torch.Generator().manual_seed(self.seed)
            self.inner.generator = self._fallback
            try:
                return self.inner.torch_call(features)
            finally:
                self.inner.generator = None
        # Each example is masked on its own (unpadded) tokens with its own generator, then the batch is padded:
        # its mask depends neither on the other examples nor on the batch's length.
        labels = []
        try:
            for feature, index in zip(features, indices, strict=True):
                self.inner.generator = torch.Generator().manual_seed(example_seed(self.seed, self.epoch, int(index)))
                ids, lab = self.inner.torch_mask_tokens(torch.as_tensor(feature["input_ids"]).unsqueeze(0).clone())
                feature["input_ids"] = ids[0].tolist()
                labels.append(lab[0])
        finally:
            self.inner.generator = None
        batch = pad_without_fast_tokenizer_warning(
            self.tokenizer, features, return_tensors="pt", pad_to_multiple_of=self.pad_to_multiple_of
        )
        batch.pop("special_tokens_mask", None)
        length = batch["input_ids"].size(1)
        padded = torch.full((len(labels), length), -100, dtype=torch.long)
        for row, lab in enumerate(labels):
            if self.tokenizer.padding_side == "left":
                padded[row, length - lab.numel() :] = lab
            else:
                padded[row, : lab.numel()] = lab
        batch["labels"] = padded
        return batch


def mlm_collator(tokenizer, config, mlm_probability: float = 0.15, seed: int = 0) -> MaskingCollator:
    """Dynamic masking (80/10/10) from (seed, epoch, example index), with the padding the architecture needs."""
    return MaskingCollator(tokenizer, mlm_probability=mlm_probability, pad_to_multiple_of=pad_multiple(config),
                           seed=seed)
