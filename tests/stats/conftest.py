"""Fixtures of the statistics, card and publishing tests.

``hand_dataset``: a dataset folder written with the build's own writers (parquet shards, README with configs and
dataset_info) from documents designed so that every figure can be worked out by hand (see HAND_DOCS).
``char_tokenizer``: a WordPiece tokenizer whose vocabulary is single characters, so a word of n characters is n
subword tokens. ``built_dataset``: a real `gonerd build` of the test corpus (built once per session).
"""

from __future__ import annotations

import json
import shutil
import string
from pathlib import Path

import pytest
from corpus_factory import write_corpus

from gonerd.output import readme_yaml, write_readme, write_split_parquet
from gonerd.schema import Annotation, DocumentRecord, Entity

FILLER = "aa"  # 2 characters: 2 subword tokens with the character tokenizer


def document(doc_id: str, source_type: str, parts: list[tuple[str, str | None]], fillers: int,
             kind: str = "gold") -> dict:
    """A schema row: ``parts`` are (mention, type or None) placed first, then ``fillers`` filler words.

    Tokens are the whitespace-separated words; the text joins them with single spaces.
    """
    tokens: list[str] = []
    tags: list[str] = []
    spans: list[tuple[int, int, str]] = []
    for mention, label in parts:
        words = mention.split()
        if label:
            spans.append((len(tokens), len(tokens) + len(words), label))
            tags += [f"B-{label}"] + [f"I-{label}"] * (len(words) - 1)
        else:
            tags += ["O"] * len(words)
        tokens += words
    tokens += [FILLER] * fillers
    tags += ["O"] * fillers
    offsets, pos = [], 0
    for tok in tokens:
        offsets.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    text = " ".join(tokens)
    entities = [Entity(offsets[a][0], offsets[b - 1][1], label, text[offsets[a][0]:offsets[b - 1][1]])
                for a, b, label in spans]
    return DocumentRecord(
        id=doc_id, source_type=source_type, source=f"{source_type}.example", url=None, title=doc_id,
        published="2024-01-0" + doc_id[-1], text=text, entities=entities, tokens=tokens, token_offsets=offsets,
        ner_tags=tags, annotation=Annotation(kind=kind, annotators=["a1"] if kind == "gold" else []),
        num_tokens=len(tokens),
    ).to_row()


# Word counts: d1 600, d2 100, d3 300, d4 5000, d5 50 (mentions included).
HAND_DOCS = {
    "train": [
        document("d1", "news", [("Marta Oyelaran", "PER"), ("Lisbon", "LOC"), ("World Bank", "ORG")], 595),
        document("d2", "legal", [("Lisbon", "LOC"), ("Ninth Circuit", "ORG"), ("write to", None),
                                 ("clerk@court-records.org", None), ("or call", None), ("(202) 456-1111", None),
                                 ("from", None), ("8.8.8.8", None), ("not", None), ("192.168.0.1", None)], 86),
    ],
    "validation": [document("d5", "news", [], 50, kind="silver")],
    "test": [
        document("d3", "news", [("Lisbon", "LOC"), ("Lisbon", "ORG"), ("Porto", "LOC")], 297),
        document("d4", "legal", [("Marta Oyelaran", "PER"), ("Ninth Circuit", "ORG")], 4996),
    ],
}


def write_dataset(folder: Path, docs: dict[str, list[dict]], name: str = "hand") -> Path:
    """Write ``docs`` as a dataset folder the way the build's split step does."""
    (folder / "data").mkdir(parents=True)
    sizes, nbytes, splits = {}, {}, {}
    for split, rows in docs.items():
        files = write_split_parquet(rows, folder / "data", split)
        sizes[split] = len(rows)
        nbytes[split] = sum(f.stat().st_size for f in files)
        by_type: dict[str, int] = {}
        for r in rows:
            by_type[r["source_type"]] = by_type.get(r["source_type"], 0) + 1
        splits[split] = {"num_examples": len(rows), "num_bytes": nbytes[split], "by_source_type": by_type,
                         "num_tokens": sum(r["num_tokens"] for r in rows),
                         "max_tokens": max(r["num_tokens"] for r in rows),
                         "num_entities": sum(len(r["entities"]) for r in rows)}
    write_readme(folder, readme_yaml(sizes, nbytes, pretty_name=name, languages=["en"]), f"# {name}\n")
    total = sum(sizes.values())
    report = {"config": {"name": name, "inputs": ["/somewhere/private/inputs"], "out": str(folder),
                         "gold": "/somewhere/private/gold.jsonl", "languages": ["en"], "tokenizer": "blank:en",
                         "min_tokens": 10, "max_tokens": 100000, "dedup_threshold": 0.8,
                         "split_ratios": [0.6, 0.2, 0.2], "seed": 0},
              "inputs": 1,
              "steps": [{"step": "read", "in": total + 1, "out": total + 1, "dropped": {}},
                        {"step": "length", "in": total + 1, "out": total, "dropped": {"too_short": 1}},
                        {"step": "split", "in": total, "out": total, "dropped": {}}],
              "splits": splits, "gold_records_unused": ["/somewhere/private/gold.jsonl:3"]}
    (folder / "build_report.json").write_text(json.dumps(report, indent=2))
    return folder


@pytest.fixture
def hand_dataset(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "hand", HAND_DOCS)


@pytest.fixture(scope="session")
def char_tokenizer(tmp_path_factory) -> Path:
    """A WordPiece tokenizer over single characters, saved as a transformers-style tokenizer folder."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    chars = string.ascii_letters + string.digits
    punctuation = "().-@,;:'\"!?/"
    vocab = ["[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]", *chars, *punctuation, *(f"##{c}" for c in chars)]
    tok = Tokenizer(models.WordPiece({w: i for i, w in enumerate(vocab)}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    folder = tmp_path_factory.mktemp("char-tokenizer")
    try:
        from transformers import PreTrainedTokenizerFast
    except ImportError:  # the tokenizer.json alone is what gonerd reads
        tok.save(str(folder / "tokenizer.json"))
    else:
        PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]",
                                pad_token="[PAD]", mask_token="[MASK]").save_pretrained(str(folder))
    assert (folder / "tokenizer.json").is_file()
    return folder


@pytest.fixture(scope="session")
def built_once(tmp_path_factory) -> Path:
    """A real `gonerd build` of the test corpus (gold spans), shared by the tests that copy it."""
    from gonerd.build import run_build
    from gonerd.config import BuildConfig

    root = tmp_path_factory.mktemp("built")
    corpus = write_corpus(root / "corpus")
    out = root / "ds"
    run_build(BuildConfig(inputs=corpus.inputs, out=str(out), gold=str(corpus.gold), min_tokens=20),
              echo=lambda _: None)
    return out


@pytest.fixture
def built_dataset(built_once: Path, tmp_path: Path) -> Path:
    """A private copy of the built dataset (tests change its card)."""
    return Path(shutil.copytree(built_once, tmp_path / "ds"))
