"""Tiny random RoBERTa/BERT checkpoints and tokenizers, built by the tests (nothing is downloaded)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

TEXTS = [
    "The court of appeal heard the case of Marie Dupont against the city of Lyon in March.",
    "Judges in Paris and London discussed long documents, contracts and named entities.",
    "A quick brown fox jumps over the lazy dog while the river flows to the sea.",
    "Efficient attention lets encoders read four thousand tokens of legal text at once.",
    "The committee published its annual report on trade, farming and fisheries in Europe.",
    "Students distil large teachers into small models with half the layers and similar accuracy.",
]
#: Source models read this many tokens (the "512" of the tiny world).
SOURCE_POSITIONS = 128
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def _tokenizer(kind: str, folder: Path):
    from tokenizers import BertWordPieceTokenizer, ByteLevelBPETokenizer
    from transformers import BertTokenizer, RobertaTokenizer

    texts = TEXTS * 3
    if kind == "roberta":
        bpe = ByteLevelBPETokenizer()
        bpe.train_from_iterator(texts, vocab_size=400, min_frequency=1,
                                special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
        bpe.save_model(str(folder))
        vocab = json.loads((folder / "vocab.json").read_text())
        merges = [tuple(line.split()) for line in (folder / "merges.txt").read_text().splitlines()[1:] if line]
        (folder / "vocab.json").unlink()
        (folder / "merges.txt").unlink()
        return RobertaTokenizer(vocab=vocab, merges=merges, model_max_length=SOURCE_POSITIONS)
    wordpiece = BertWordPieceTokenizer(lowercase=True)
    wordpiece.train_from_iterator(texts, vocab_size=300, min_frequency=1,
                                  special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
    return BertTokenizer(vocab=wordpiece.get_vocab(), do_lower_case=True, model_max_length=SOURCE_POSITIONS)


def randomise(model, seed: int = 1234) -> None:
    """Weights large enough that attention is peaked and a misplaced tensor shows (initializer_range is tiny)."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, param in model.named_parameters():
            noise = torch.randn(param.shape, generator=generator)
            if "LayerNorm.weight" in name or "layer_norm.weight" in name:
                param.copy_(1 + 0.1 * noise)
            elif name.endswith("bias"):
                param.copy_(0.1 * noise)
            else:
                param.copy_(0.2 * noise)


def build_source(kind: str, folder: Path, layers: int = 2, hidden: int = 32) -> Path:
    """Save a tiny random RoBERTa or BERT MLM checkpoint with its tokenizer to ``folder``."""
    from transformers import BertConfig, BertForMaskedLM, RobertaConfig, RobertaForMaskedLM

    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = _tokenizer(kind, folder)
    common = dict(vocab_size=len(tokenizer), hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=4,
                  intermediate_size=2 * hidden, hidden_act="gelu")
    if kind == "roberta":
        config = RobertaConfig(**common, max_position_embeddings=SOURCE_POSITIONS + 2, type_vocab_size=1,
                               pad_token_id=1, bos_token_id=0, eos_token_id=2, layer_norm_eps=1e-5)
        model = RobertaForMaskedLM(config)
    else:
        config = BertConfig(**common, max_position_embeddings=SOURCE_POSITIONS, type_vocab_size=2, pad_token_id=0)
        model = BertForMaskedLM(config)
    randomise(model)
    model.tie_weights()
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def sources(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sources")
    return {kind: build_source(kind, root / kind) for kind in ("roberta", "bert")}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """A small JSONL corpus of longish documents."""
    import random

    rng = random.Random(0)
    words = " ".join(TEXTS).replace(".", "").split()
    path = tmp_path_factory.mktemp("corpus") / "docs.jsonl"
    with path.open("w") as f:
        for _ in range(24):
            f.write(json.dumps({"text": " ".join(rng.choice(words) for _ in range(rng.randint(60, 200)))}) + "\n")
    return path


#: Small but non-trivial settings per target, so that every sparse path runs on a few hundred tokens.
TINY_OPTIONS = {
    "longformer": {"attention_window": 32},
    "bigbird": {"block_size": 16, "num_random_blocks": 2},
    "lsg": {"block_size": 32, "sparse_block_size": 32},
    "nystromformer": {"num_landmarks": 16},
}
TINY_MAX_LENGTH = 512


@pytest.fixture(scope="session")
def converted(sources, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every (source kind, arch) converted once and saved (checks off: test_convert checks them)."""
    from baselines.convert import convert

    root = tmp_path_factory.mktemp("converted")
    return {
        (kind, arch): convert(str(path), arch, root / f"{kind}-{arch}", max_length=TINY_MAX_LENGTH, check=False,
                              **TINY_OPTIONS[arch])
        for kind, path in sources.items()
        for arch in TINY_OPTIONS
    }


@pytest.fixture(scope="session")
def tiny():
    """The constants and builders above, for test modules (conftest is not importable by name here)."""
    import types

    return types.SimpleNamespace(
        options=TINY_OPTIONS, max_length=TINY_MAX_LENGTH, source_positions=SOURCE_POSITIONS,
        build_source=build_source, randomise=randomise, shared=SHARED, texts=TEXTS,
    )
