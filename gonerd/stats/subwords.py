"""Document lengths in a model's subword tokens, with a tokenizer loaded offline.

``--tokenizer NAME_OR_PATH`` is loaded with ``tokenizers`` (no torch, no transformers: neither is a core
dependency) from a ``tokenizer.json`` file, a folder holding one (every fast tokenizer transformers saves has one),
or a Hub id whose ``tokenizer.json`` is in the local Hugging Face cache or downloadable (``huggingface_hub``). When
nothing loads, the statistics say so, with the reason, and count word tokens under that name.

Counting is vectorised: every distinct word is encoded once (as the model sees it pre-tokenized, without special
tokens), and each document's length is the sum over its words, by Arrow/NumPy index operations. For WordPiece,
BPE and Unigram tokenizers applied to pre-tokenized input this equals encoding the whole document's words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

logger = logging.getLogger("gonerd.stats")


@dataclass
class LengthUnit:
    """What the long-document shares count: ``subword`` tokens of a loaded tokenizer, or ``word`` tokens."""

    requested: str | None  # what --tokenizer named
    unit: str  # "subword" | "word"
    loaded_with: str | None = None  # "tokenizers"
    note: str | None = None  # why word tokens are counted instead, when a tokenizer was named
    count_words: Callable[[list[str]], list[int]] | None = None  # subword pieces of each word

    @property
    def name(self) -> str | None:
        """The tokenizer's short name: a Hub id as given, a path by its last meaningful component."""
        if not self.requested or not Path(self.requested).exists():
            return self.requested
        parts = [p for p in Path(self.requested).resolve().parts if p not in ("/", "model", "tokenizer.json")]
        return parts[-1] if parts else self.requested

    @property
    def label(self) -> str:
        if self.unit == "subword":
            return f"{self.name} subword tokens"
        return "word tokens" + (f" (tokenizer {self.name} not loaded)" if self.requested else "")

    def to_dict(self) -> dict:
        return {"requested": self.requested, "name": self.name, "unit": self.unit, "loaded_with": self.loaded_with,
                "note": self.note, "label": self.label}


def load_unit(name_or_path: str | None) -> LengthUnit:
    """The length unit for ``--tokenizer``; word tokens (with the reason) when none is named or none loads."""
    if not name_or_path:
        return LengthUnit(None, "word", note="no --tokenizer given")
    errors: list[str] = []
    tokenizer = _from_tokenizer_json(name_or_path, errors)
    if tokenizer is not None:
        return LengthUnit(name_or_path, "subword", "tokenizers", count_words=_fast_counter(tokenizer))
    reason = "; ".join(errors) or "no such file or folder"
    note = f"tokenizer {name_or_path!r} could not be loaded offline ({reason}): word tokens are counted"
    logger.warning(note)
    return LengthUnit(name_or_path, "word", note=note)


def _from_tokenizer_json(name_or_path: str, errors: list[str]):
    from tokenizers import Tokenizer

    path = Path(name_or_path)
    file = path / "tokenizer.json" if path.is_dir() else path if path.is_file() else None
    if file is None and not path.exists() and name_or_path.count("/") <= 1:
        file = _hub_tokenizer_json(name_or_path, errors)
    if file is None or not Path(file).is_file():
        if path.exists():
            errors.append(f"no tokenizer.json in {path}")
        return None
    try:
        return Tokenizer.from_file(str(file))
    except Exception as exc:  # a broken file is reported, then word tokens are counted
        errors.append(f"{file}: {exc}")
        return None


def _hub_tokenizer_json(repo_id: str, errors: list[str]) -> str | None:
    from huggingface_hub import hf_hub_download

    try:
        return hf_hub_download(repo_id, "tokenizer.json")
    except Exception as exc:  # offline, unknown repo, no tokenizer.json: all mean "not here"
        errors.append(f"Hub {repo_id}: {type(exc).__name__}")
        return None


def _fast_counter(tokenizer) -> Callable[[list[str]], list[int]]:
    # a saved tokenizer.json may pad or truncate (e.g. to 128 tokens): lengths need neither
    tokenizer.no_padding()
    tokenizer.no_truncation()

    def count(words: list[str]) -> list[int]:
        encodings = tokenizer.encode_batch([[w] for w in words], is_pretokenized=True, add_special_tokens=False)
        return [len(e.ids) for e in encodings]

    return count


def document_lengths(tokens: pa.ChunkedArray, unit: LengthUnit) -> np.ndarray:
    """Each document's length in ``unit``: its number of words, or the sum of its words' subword counts."""
    import numpy as np
    import pyarrow.compute as pc

    words = pc.list_value_length(tokens).to_numpy(zero_copy_only=False).astype(np.int64)
    if unit.unit == "word" or len(tokens) == 0:
        return words
    flat = pc.list_flatten(tokens)
    vocabulary = pc.unique(flat)
    pieces = np.asarray(unit.count_words(vocabulary.to_pylist()), dtype=np.int64)
    per_word = pieces[pc.index_in(flat, value_set=vocabulary).to_numpy(zero_copy_only=False)]
    ends = np.cumsum(words)
    cumulative = np.concatenate([[0], np.cumsum(per_word)])
    return cumulative[ends] - cumulative[ends - words]
