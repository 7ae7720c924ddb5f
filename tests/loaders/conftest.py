"""Fixtures of the loaders tests: paths to the shared real-format samples (skipped when absent) and tiny fast
tokenizers trained here (nothing is downloaded)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

TEXTS = [
    "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .",
    "Nadim Ladki AL-AIN , United Arab Emirates 1996-12-06",
    "The Chipmunks were created by Ross Bagdasarian , who used the name David Seville .",
    "Sunset Boulevard received its American premiere on 9th December 1993 .",
    "Marta Oyelaran arrived in Lisbon on Tuesday to meet the European Commission .",
]


@pytest.fixture(scope="session", autouse=True)
def _quiet_datasets():
    import datasets

    datasets.disable_progress_bars()


@pytest.fixture
def hf_formats(shared_fixtures: Path) -> Path:
    return shared_fixtures / "hf-formats"


@pytest.fixture
def ner_conll(shared_fixtures: Path) -> Path:
    return shared_fixtures / "ner-conll"


@pytest.fixture(scope="session")
def wordpiece():
    """A cased WordPiece (BERT-style) fast tokenizer with a tiny vocabulary: most words split into pieces."""
    from tokenizers import BertWordPieceTokenizer
    from transformers import BertTokenizer

    trainer = BertWordPieceTokenizer(lowercase=False)
    trainer.train_from_iterator(TEXTS * 3, vocab_size=120, min_frequency=1,
                                special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
    return BertTokenizer(vocab=trainer.get_vocab(), do_lower_case=False)


@pytest.fixture(scope="session")
def wordlevel():
    """One token per whitespace word (unknown words -> [UNK]): windows fall at predictable positions."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    words = sorted({w for text in TEXTS for w in text.split()} | {f"w{i}" for i in range(100)})
    vocab = {tok: i for i, tok in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", *words])}
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    backend.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    backend.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])],
    )
    return PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="[UNK]", pad_token="[PAD]",
                                   cls_token="[CLS]", sep_token="[SEP]")


@pytest.fixture(scope="session")
def bpe(tmp_path_factory):
    """A byte-level BPE (RoBERTa-style) fast tokenizer; transformers 5 takes vocab=/merges= objects, not files."""
    import json

    from tokenizers import ByteLevelBPETokenizer
    from transformers import RobertaTokenizer

    folder = tmp_path_factory.mktemp("bpe")
    trainer = ByteLevelBPETokenizer()
    trainer.train_from_iterator(TEXTS * 3, vocab_size=300, min_frequency=1,
                                special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    trainer.save_model(str(folder))
    vocab = json.loads((folder / "vocab.json").read_text())
    merges = [tuple(line.split()) for line in (folder / "merges.txt").read_text().splitlines()[1:] if line]
    return RobertaTokenizer(vocab=vocab, merges=merges, add_prefix_space=True)
