"""`gonerd stats` on 10k and 100k generated documents: seconds, the 100k/10k ratio (linear is 10), peak memory.

    python benchmarks/stats_scaling.py [--sizes 10000 100000] [--no-pii]

Each size is a dataset folder in the layout `gonerd build` writes (README configs, parquet shards with the
datasets feature metadata), generated with Arrow: document lengths drawn from a log-normal distribution (median
~400 words, a long tail past 4,096), words from a Zipf-distributed vocabulary of 50,000 (4-9 letters) and 1 %
numbers, an entity (1-3 words, one of four types) every ~20 words, 70 % news / 30 % legal, 60/20/20 splits, and
one e-mail address, phone number and IP address in every 50th document. The statistics run as `gonerd stats`
does: a WordPiece tokenizer (trained here, loaded from its tokenizer.json) for the subword lengths, personal
information counted.
Each measurement runs in a child process, so its peak memory (ru_maxrss) is its own; the generation is not timed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LETTERS = "abcdefghijklmnopqrstuvwxyz"
TYPES = ("PER", "ORG", "LOC", "MISC")


def generate(folder: Path, n_docs: int, seed: int = 0) -> None:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from gonerd.output import readme_yaml, write_readme
    from gonerd.schema import SPLITS, features

    rng = np.random.default_rng(seed)
    vocab_size = 50_000
    word_lengths = rng.integers(4, 10, vocab_size)
    letters = rng.integers(0, 26, int(word_lengths.sum()))
    alphabet = np.frombuffer(LETTERS.encode(), dtype=np.uint8)
    vocab_bytes = alphabet[letters].tobytes()
    vocab_offsets = np.concatenate([[0], np.cumsum(word_lengths)]).astype(np.int32)
    vocabulary = pa.StringArray.from_buffers(vocab_size, pa.py_buffer(vocab_offsets), pa.py_buffer(vocab_bytes))
    lengths = np.clip(rng.lognormal(np.log(400), 0.9, n_docs), 100, 30_000).astype(np.int64)
    total = int(lengths.sum())
    words = np.minimum(rng.zipf(1.2, total) - 1, vocab_size - 1)
    # numbers (years, amounts, docket numbers) in place of 1 % of the words, as in news and court text
    numbers = pa.array([str(n) for n in rng.integers(1, 3000, 200)] + [f"{a}-{b}" for a, b in
                       rng.integers(10, 99, (100, 2))] + [f"{x:.1f}" for x in rng.random(100) * 100])
    vocabulary = pa.concat_arrays([vocabulary, numbers])
    is_number = rng.random(total) < 0.01
    words[is_number] = vocab_size + rng.integers(0, len(numbers), int(is_number.sum()))
    # entities: a B- tag (id 1 + 2k) every ~20 words, then 0-2 I- tags (id 2 + 2k) of its type
    tags = np.zeros(total, dtype=np.int64)
    starts = np.flatnonzero(rng.random(total) < 0.05)
    tags[starts] = 1 + 2 * rng.integers(0, 4, len(starts))
    extra = rng.integers(0, 3, len(starts))
    for e in (1, 2):
        source = starts[extra >= e]
        source = source[source + e < total]
        free = tags[source + e] == 0
        tags[source[free] + e] = tags[source[free]] + 1
    first = np.cumsum(lengths) - lengths
    tags[first] = np.where(tags[first] % 2 == 0, 0, tags[first])  # no document starts inside an entity
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    token_values = pc.take(vocabulary, pa.array(words))
    split_of = rng.choice(len(SPLITS), n_docs, p=[0.6, 0.2, 0.2])
    source_type = (rng.random(n_docs) < 0.3).astype(np.int64)
    feats = features()
    schema_meta = {b"huggingface": json.dumps({"info": {"features": feats.to_dict()}}).encode()}
    (folder / "data").mkdir(parents=True)
    sizes, nbytes = {}, {}
    pii = " write to clerk@example-court.org or call (202) 456-1111 from 8.8.8.8"
    for k, split in enumerate(SPLITS):
        docs = np.flatnonzero(split_of == k)
        sizes[split] = len(docs)
        shard = 10_000
        shards = max(1, -(-len(docs) // shard))
        for s in range(shards):
            chunk = docs[s * shard:(s + 1) * shard]
            token_index = np.concatenate([np.arange(offsets[d], offsets[d + 1]) for d in chunk])
            chunk_offsets = np.concatenate([[0], np.cumsum(lengths[chunk])]).astype(np.int32)
            tokens = pa.ListArray.from_arrays(pa.array(chunk_offsets), pc.take(token_values, pa.array(token_index)))
            ner = pa.ListArray.from_arrays(pa.array(chunk_offsets), pa.array(tags[token_index]))
            text = pc.binary_join(tokens, " ").to_pylist()
            for i, d in enumerate(chunk):
                if d % 50 == 0:
                    text[i] += pii
            n = len(chunk)
            table = pa.table({
                "id": pa.array([f"g{d}" for d in chunk]),
                "source_type": pa.array(source_type[chunk]),
                "text": pa.array(text),
                "tokens": tokens,
                "ner_tags": ner,
                "annotation": pa.StructArray.from_arrays(
                    [pa.array(np.zeros(n, dtype=np.int64)), pa.array([[] for _ in range(n)], pa.list_(pa.string())),
                     pa.nulls(n, pa.string())], names=["kind", "annotators", "model"]),
                "num_tokens": pa.array(lengths[chunk].astype(np.int32)),
            })
            table = table.replace_schema_metadata(schema_meta)
            path = folder / "data" / f"{split}-{s:05d}-of-{shards:05d}.parquet"
            pq.write_table(table, path)
            nbytes[split] = nbytes.get(split, 0) + path.stat().st_size
    write_readme(folder, readme_yaml(sizes, nbytes, pretty_name="generated", languages=["en"]), "# generated\n")


def train_tokenizer(path: Path) -> Path:
    import numpy as np
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    rng = np.random.default_rng(1)
    corpus = ["".join(rng.choice(list(LETTERS), rng.integers(4, 10))) for _ in range(20_000)]
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator(corpus, trainers.WordPieceTrainer(vocab_size=2_000, special_tokens=["[UNK]"],
                                                              show_progress=False))
    tok.save(str(path))
    return path


def measure(folder: str, tokenizer: str, pii: bool) -> dict:
    """In this (child) process: run the statistics once; seconds and peak memory."""
    from gonerd.stats import compute

    start = time.perf_counter()
    report, _ = compute([folder], tokenizer=tokenizer, pii=pii)
    seconds = time.perf_counter() - start
    overall = report["datasets"][0]["all_splits"]["all"]
    return {"seconds": seconds, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "documents": overall["documents"], "tokens": overall["tokens"]["total"],
            "entities": overall["entities"]["total"], "unit": report["length_unit"]["unit"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000])
    parser.add_argument("--no-pii", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(*args.child, pii=not args.no_pii)))
        return
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tokenizer = train_tokenizer(Path(tmp) / "tokenizer.json")
        for n in args.sizes:
            folder = Path(tmp) / f"docs-{n}"
            generate(folder, n)
            cmd = [sys.executable, __file__, "--child", str(folder), str(tokenizer)] + (["--no-pii"] if args.no_pii
                                                                                          else [])
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            results[n] = json.loads(out.strip().splitlines()[-1])
            r = results[n]
            print(f"{n:>7,} documents ({r['tokens']:,} tokens, {r['entities']:,} entities): {r['seconds']:.1f} s, "
                  f"peak memory {r['peak_rss_mb']:,.0f} MB", flush=True)
    small, large = args.sizes
    ratio = results[large]["seconds"] / results[small]["seconds"]
    print(f"time ratio {large:,}/{small:,} documents: {ratio:.2f} (linear: {large / small:g}; target <= "
          f"{1.1 * large / small:g})  [personal information {'not ' if args.no_pii else ''}counted]")


if __name__ == "__main__":
    main()
