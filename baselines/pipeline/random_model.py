"""A tiny random BERT or RoBERTa with a tokenizer trained on given texts: the short source of a smoke run.

Nothing is downloaded: the tokenizer (WordPiece, lower case, for BERT; byte-level BPE for RoBERTa) is trained with
``tokenizers`` on the documents of the given sources (:mod:`baselines.data.sources` syntax), and the model has
random weights (seeded) with an MLM head, so that every stage of the pipeline (conversion with its equivalence
checks, MLM pretraining, distillation) runs on it as on a real checkpoint.
"""

from __future__ import annotations

import itertools
import logging
from pathlib import Path

logger = logging.getLogger(__name__)

SPECIAL = {"bert": ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"],
           "roberta": ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]}


def _texts(sources: list[str], max_documents: int | None) -> list[str]:
    from baselines.data.sources import iter_documents, parse_source

    documents = itertools.chain.from_iterable(iter_documents(parse_source(s)) for s in sources)
    return list(itertools.islice(documents, max_documents))


def build_random_source(out: Path, *, texts: list[str], kind: str = "bert", hidden: int = 32, layers: int = 2,
                        heads: int = 4, intermediate: int | None = None, positions: int = 128,
                        vocab_size: int = 1000, max_documents: int | None = 2000, seed: int = 0) -> Path:
    """Save the model and tokenizer to ``out`` (written to a temporary sibling, then renamed)."""
    import torch
    from tokenizers import BertWordPieceTokenizer, ByteLevelBPETokenizer
    from transformers import (
        BertConfig,
        BertForMaskedLM,
        BertTokenizer,
        RobertaConfig,
        RobertaForMaskedLM,
        RobertaTokenizer,
    )

    from baselines.provenance import atomic_folder

    documents = _texts(texts, max_documents)
    if not documents:
        raise ValueError(f"source.random.texts: no documents in {texts}")
    special = SPECIAL[kind]
    if kind == "roberta":
        bpe = ByteLevelBPETokenizer()
        bpe.train_from_iterator(documents, vocab_size=vocab_size, min_frequency=2, special_tokens=special)
        model = bpe.get_vocab()
        merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in _merges(bpe)]
        tokenizer = RobertaTokenizer(vocab=model, merges=merges, model_max_length=positions)
    else:
        wordpiece = BertWordPieceTokenizer(lowercase=True)
        wordpiece.train_from_iterator(documents, vocab_size=vocab_size, min_frequency=2, special_tokens=special)
        tokenizer = BertTokenizer(vocab=wordpiece.get_vocab(), do_lower_case=True, model_max_length=positions)
    common = dict(vocab_size=len(tokenizer), hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads,
                  intermediate_size=intermediate or 4 * hidden, hidden_act="gelu")
    torch.manual_seed(seed)
    if kind == "roberta":
        config = RobertaConfig(**common, max_position_embeddings=positions + 2, type_vocab_size=1, pad_token_id=1,
                               bos_token_id=0, eos_token_id=2, layer_norm_eps=1e-5)
        net = RobertaForMaskedLM(config)
    else:
        config = BertConfig(**common, max_position_embeddings=positions, type_vocab_size=2, pad_token_id=0)
        net = BertForMaskedLM(config)
    with atomic_folder(Path(out), overwrite=True) as tmp:
        net.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
    logger.info("random %s source: %d layers, %d hidden, vocabulary %d (from %d documents) -> %s", kind, layers,
                hidden, len(tokenizer), len(documents), out)
    return Path(out)


def _merges(bpe) -> list:
    """The trained merges of a ``ByteLevelBPETokenizer`` (from its JSON form)."""
    import json

    state = json.loads(bpe._tokenizer.to_str())
    return state["model"]["merges"]
