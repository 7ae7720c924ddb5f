"""Step 8: exact and near-duplicate detection across the whole corpus.

datatrove's MinHash stages find near-duplicate pairs at any scale (signatures per task, then one task per LSH
band). Around them, three small steps of ours:

- :class:`DedupKeys` (end of the processing stage) gives each document a key ``<rank>/<index>`` — the index is
  its position in this task's output, the same index datatrove's signature step uses — and writes one line per
  document with the SHA-1 of its normalised text, its id and length;
- :class:`DuplicateClusters` (one task) joins MinHash pairs and identical-text groups into clusters, keeps one
  representative per cluster (a document with gold spans if any, then one whose URL is not a print/AMP/
  syndicated copy, then the longest text, then the smallest id: the choice does not depend on how the input was
  sharded) and records for every other member whether it is an exact or a near duplicate;
- :class:`ApplyDedup` (annotation stage) drops the non-representatives with reason ``exact_duplicate`` or
  ``near_duplicate`` — or, with ``action="keep"``, keeps near duplicates — and stores the cluster id, which the
  split uses to keep each cluster inside one split.

Exact duplicates are found by text hash even when a text is too short to get a MinHash signature.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import struct
import unicodedata
from collections import defaultdict
from dataclasses import replace

import numpy as np
from datatrove.data import Document, DocumentsPipeline
from datatrove.io import DataFolderLike, get_datafolder
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.dedup.minhash import MinhashDedupSignature
from datatrove.utils.text import TextNormConfig, ngrams, simplify_text

from gonerd.steps.base import DocumentStep, Drop

MINHASH_PERMUTATIONS = 112
# URLs of copies rather than originals: a print view, an AMP page, a syndicated or mobile copy
COPY_URL = re.compile(r"(/amp(/|$)|[./?&]amp([=&/.]|$)|/print(/|$)|[?&](print|output)=|/syndicat|//m\.|/mobile/)", re.I)


def lsh_bands(threshold: float, permutations: int = MINHASH_PERMUTATIONS) -> tuple[int, int]:
    """(bands, rows) whose LSH threshold ``(1/b)^(1/r)`` is closest to ``threshold`` using at most
    ``permutations`` hashes. Pairs whose Jaccard similarity is above the threshold collide with high probability;
    the similarity is estimated, not verified."""
    if not 0 < threshold < 1:
        raise ValueError(f"near-duplicate threshold must be in (0, 1), not {threshold}")
    best = min(
        ((b, permutations // b) for b in range(1, permutations + 1)),
        key=lambda br: (abs((1 / br[0]) ** (1 / br[1]) - threshold), -br[0] * br[1]),
    )
    return best


def minhash_config(threshold: float, n_grams: int = 5, seed: int = 1):
    from datatrove.pipeline.dedup.minhash import MinhashConfig
    from datatrove.utils.hashing import HashConfig

    bands, rows = lsh_bands(threshold)
    # sha1: datatrove's default xxhash path fails with xxhash >= 4 ("Strings must be encoded before hashing")
    return MinhashConfig(
        n_grams=n_grams,
        num_buckets=bands,
        hashes_per_bucket=rows,
        seed=seed,
        hash_config=HashConfig(precision=64, hash_fc="sha1"),
    )


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class _KeepUnlessMn(dict):
    """``str.translate`` table deleting combining marks (Unicode category Mn), filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        self[code] = value = None if unicodedata.category(chr(code)) == "Mn" else code
        return value


_WITHOUT_MN = _KeepUnlessMn()


def fast_simplify_text(text: str, config: TextNormConfig) -> str:
    """datatrove's :func:`~datatrove.utils.text.simplify_text`, same output (tested on trafilatura's evaluation
    pages), with its last step — NFD, then every combining mark dropped, one Python call per character — done
    on the non-ASCII runs only, by ``str.translate`` (NFD leaves ASCII alone and it has no mark)."""
    if not config.norm_unicode_diacritics:
        return simplify_text(text, config)
    text = simplify_text(text, replace(config, norm_unicode_diacritics=False))
    if text.isascii():
        return text
    return _NON_ASCII.sub(_without_marks, text).strip()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFD", match.group()).translate(_WITHOUT_MN)


class WordMinhashSignature(MinhashDedupSignature):
    """datatrove's MinHash signature step, with shingles of the simplified text (lower case, no punctuation,
    numbers folded) split at whitespace instead of by a spaCy tokenizer: the simplified text has no punctuation
    left to split off, and the step no longer spends ~90 % of its time tokenising (measured on the demo corpus).
    With the SHA-1 64-bit hash (:func:`minhash_config`), the shingles' hashes are computed in one pass (the same
    values as datatrove's ``sha1_hash64``, without a ``struct.unpack`` per shingle)."""

    def get_shingles(self, text: str) -> np.ndarray:
        words = fast_simplify_text(text, self.config.norm_config).split()
        grams = (" ".join(gram) for gram in ngrams(words, self.config.n_grams))
        hashing = self.config.hash_config
        if hashing.hash_fc == "sha1" and hashing.precision == 64:
            digests = b"".join(hashlib.sha1(gram.encode("utf-8")).digest()[:8] for gram in grams)
            return np.frombuffer(digests, dtype="<u8").astype(np.uint64).reshape((-1, 1))
        return np.fromiter(map(self._hash_func, grams), dtype=np.uint64).reshape((-1, 1))


class DedupKeys(DocumentStep):
    """Pass-through: assigns ``dedup_key`` and writes ``keys/<rank>.jsonl`` (index, sha1, id, length, urls)."""

    type = "🫂 - DEDUP"
    name = "dedup keys"

    def __init__(self, output_folder: DataFolderLike):
        super().__init__()
        self.output_folder = get_datafolder(output_folder)
        self._out = None
        self._rank = 0
        self._index = 0

    def open(self, stack: contextlib.ExitStack, rank: int = 0, world_size: int = 1) -> None:
        self._rank, self._index = rank, 0
        self._out = stack.enter_context(self.output_folder.open(f"keys/{rank:05d}.jsonl", "wt"))

    def process(self, doc: Document) -> Document:
        index, self._index = self._index, self._index + 1
        doc.metadata["dedup_key"] = f"{self._rank}/{index}"
        urls = sorted({u for u in (doc.metadata.get("url"), doc.metadata.get("canonical_url")) if u})
        self._out.write(json.dumps([index, text_sha1(doc.text), doc.id, len(doc.text), urls]) + "\n")
        return doc


class DuplicateClusters(PipelineStep):
    """Single task: clusters from MinHash ``.dups`` files plus identical-text groups → ``decisions/<rank>.jsonl``."""

    type = "🫂 - DEDUP"
    name = "duplicate clusters"

    def __init__(
        self,
        keys_folder: DataFolderLike,
        dups_folder: DataFolderLike,
        output_folder: DataFolderLike,
        gold_path: str | None = None,
    ):
        super().__init__()
        self.gold_path = gold_path
        self.keys_folder = get_datafolder(keys_folder)
        self.dups_folder = get_datafolder(dups_folder)
        self.output_folder = get_datafolder(output_folder)

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if world_size != 1:
            raise ValueError("DuplicateClusters runs as a single task")
        gold = None
        if self.gold_path:
            from gonerd.annotate import load_gold

            gold = load_gold(self.gold_path)
        info: dict[tuple[int, int], tuple[str, str, int]] = {}
        has_gold: set[tuple[int, int]] = set()
        copies: set[tuple[int, int]] = set()
        by_hash: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for name in self.keys_folder.list_files(subdirectory="keys", glob_pattern="*.jsonl"):
            task = int(name.rsplit("/", 1)[-1].split(".")[0])
            with self.keys_folder.open(name, "rt") as fh:
                for line in fh:
                    index, sha1, doc_id, length, urls = json.loads(line)
                    info[(task, index)] = (sha1, doc_id, length)
                    if gold is not None and gold.lookup(doc_id, urls) is not None:
                        has_gold.add((task, index))
                    if any(COPY_URL.search(u) for u in urls):
                        copies.add((task, index))
                    by_hash[sha1].append((task, index))

        parent: dict[tuple[int, int], tuple[int, int]] = {}

        def find(x):
            root = x
            while parent.get(root, root) != root:
                root = parent[root]
            while parent.get(x, x) != root:
                parent[x], x = root, parent[x]
            return root

        def union(a, b):
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        for members in by_hash.values():
            for other in members[1:]:
                union(members[0], other)
        pairs = 0
        for name in self.dups_folder.list_files(glob_pattern="*.dups"):
            with self.dups_folder.open(name, "rb") as fh:
                while chunk := fh.read(16):
                    f1, d1, f2, d2 = struct.unpack("<4I", chunk)
                    if (f1, d1) in info and (f2, d2) in info:
                        union((f1, d1), (f2, d2))
                        pairs += 1
        self.stat_update("minhash_pairs", value=pairs)

        clusters: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        for node in {n for pair in parent.items() for n in pair}:
            clusters[find(node)].append(node)
        decisions: dict[int, list[list]] = defaultdict(list)
        for members in clusters.values():
            if len(members) < 2:
                continue
            members.sort(key=lambda n: (n not in has_gold, n in copies, -info[n][2], info[n][1]))
            rep = members[0]
            rep_id = info[rep][1]
            self.stat_update("clusters")
            decisions[rep[0]].append([rep[1], rep_id, None])
            # a member whose text equals any earlier member's (not only the representative's) is an exact duplicate:
            # with action "keep", near duplicates stay but no text is ever kept twice
            seen = {info[rep][0]}
            for node in members[1:]:
                reason = "exact_duplicate" if info[node][0] in seen else "near_duplicate"
                seen.add(info[node][0])
                self.stat_update(reason)
                decisions[node[0]].append([node[1], rep_id, reason])
        for task, rows in decisions.items():
            with self.output_folder.open(f"decisions/{task:05d}.jsonl", "wt") as out:
                for row in sorted(rows):
                    out.write(json.dumps(row) + "\n")
        yield from ()


class ApplyDedup(DocumentStep):
    """Drops duplicates found by :class:`DuplicateClusters`; sets ``metadata["cluster"]`` on every document."""

    name = "dedup"

    def __init__(self, decisions_folder: DataFolderLike, action: str = "drop"):
        super().__init__()
        if action not in ("drop", "keep"):
            raise ValueError(f"dedup action must be 'drop' or 'keep', not {action!r}")
        self.decisions_folder = get_datafolder(decisions_folder)
        self.action = action
        self._loaded: dict[int, dict[int, tuple[str, str | None]]] = {}

    def _decisions(self, task: int) -> dict[int, tuple[str, str | None]]:
        if task not in self._loaded:
            name = f"decisions/{task:05d}.jsonl"
            table: dict[int, tuple[str, str | None]] = {}
            if self.decisions_folder.exists(name):
                with self.decisions_folder.open(name, "rt") as fh:
                    for line in fh:
                        index, cluster, reason = json.loads(line)
                        table[index] = (cluster, reason)
            self._loaded[task] = table
        return self._loaded[task]

    def process(self, doc: Document) -> Document | Drop:
        task, index = map(int, doc.metadata["dedup_key"].split("/"))
        cluster, reason = self._decisions(task).get(index, (doc.id, None))
        doc.metadata["cluster"] = cluster
        if reason == "exact_duplicate" or (reason == "near_duplicate" and self.action == "drop"):
            return Drop(reason, f"{doc.metadata['origin']} ({doc.id}) duplicates {cluster}", level="INFO")
        if reason:
            self.stat_update(f"kept_{reason}")
        return doc
