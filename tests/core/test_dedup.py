from __future__ import annotations

import json
import struct
from pathlib import Path

from gonerd.steps.dedup import COPY_URL, DuplicateClusters, lsh_bands


def test_lsh_bands_track_the_threshold():
    for threshold in (0.5, 0.7, 0.8, 0.9):
        bands, rows = lsh_bands(threshold)
        assert bands * rows <= 112
        assert abs((1 / bands) ** (1 / rows) - threshold) < 0.05
    assert lsh_bands(0.9)[1] > lsh_bands(0.5)[1]  # stricter thresholds need longer bands


def test_copy_urls_are_recognised():
    copies = ["https://a.com/x/amp/", "https://a.com/x.amp.html", "https://a.com/x?amp=1", "https://a.com/print/x",
              "https://m.a.com/x", "https://a.com/news/syndicated/x"]
    originals = ["https://a.com/example", "https://a.com/campaign", "https://a.com/printing-press"]
    assert all(COPY_URL.search(u) for u in copies)
    assert not any(COPY_URL.search(u) for u in originals)


def _run_clusters(tmp_path: Path, keys: dict[int, list[list]], pairs: list[tuple[int, int, int, int]], gold=None):
    work = tmp_path / "dedup"
    (work / "keys").mkdir(parents=True)
    for task, rows in keys.items():
        (work / "keys" / f"{task:05d}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    dups = tmp_path / "buckets"
    dups.mkdir()
    (dups / "00000_00.dups").write_bytes(b"".join(struct.pack("<4I", *p) for p in pairs))
    list(DuplicateClusters(str(work), str(dups), str(work), gold_path=gold)(None, 0, 1))
    out = {}
    for path in (work / "decisions").glob("*.jsonl"):
        for line in path.read_text().splitlines():
            index, cluster, reason = json.loads(line)
            out[(int(path.stem), index)] = (cluster, reason)
    return out


def test_representative_choice_and_reasons(tmp_path):
    keys = {
        0: [[0, "h1", "id-a", 100, ["https://a.com/story/print/"]],  # exact copy of 1:0, a print view
            [1, "h2", "id-b", 120, ["https://a.com/other"]],  # near duplicate of 1:1, longer
            [2, "h3", "id-c", 50, ["https://a.com/alone"]]],
        1: [[0, "h1", "id-z", 100, ["https://a.com/story"]],
            [1, "h4", "id-d", 110, ["https://a.com/other-v2"]]],
    }
    decisions = _run_clusters(tmp_path, keys, pairs=[(0, 1, 1, 1)])
    # the original wins over the print copy although its id sorts later; the longer near duplicate wins
    assert decisions[(1, 0)] == ("id-z", None) and decisions[(0, 0)] == ("id-z", "exact_duplicate")
    assert decisions[(0, 1)] == ("id-b", None) and decisions[(1, 1)] == ("id-b", "near_duplicate")
    assert (0, 2) not in decisions  # a singleton needs no decision


def test_gold_annotated_member_represents_its_cluster(tmp_path):
    keys = {0: [[0, "h1", "id-a", 300, ["https://a.com/long-update"]], [1, "h2", "id-b", 200, ["https://a.com/orig"]]]}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"url": "https://a.com/orig", "entities": []}) + "\n")
    decisions = _run_clusters(tmp_path, keys, pairs=[(0, 0, 0, 1)], gold=str(gold))
    assert decisions[(0, 1)] == ("id-b", None) and decisions[(0, 0)] == ("id-b", "near_duplicate")


def test_keep_mode_never_keeps_one_text_twice(tmp_path):
    # A; B a shortened copy of A (near); C identical to B (exact duplicate of B, not of A)
    keys = {0: [[0, "hA", "id-a", 300, ["https://a.com/a"]], [1, "hB", "id-b", 200, ["https://a.com/b"]],
                [2, "hB", "id-c", 200, ["https://a.com/c"]]]}
    decisions = _run_clusters(tmp_path, keys, pairs=[(0, 0, 0, 1)])
    assert decisions[(0, 0)] == ("id-a", None)
    assert decisions[(0, 1)] == ("id-a", "near_duplicate")
    assert decisions[(0, 2)] == ("id-a", "exact_duplicate")


def test_shingles_are_datatrove_s_own(tmp_path):
    """The faster simplification and hashing give exactly datatrove's shingles (diacritics, ligatures, full-width
    digits, decomposed accents, non-Latin scripts, whitespace-only and short texts)."""
    import numpy as np
    from datatrove.utils.text import ngrams, simplify_text

    from gonerd.steps.dedup import WordMinhashSignature, fast_simplify_text, minhash_config

    config = minhash_config(0.8, 5, seed=1)
    step = WordMinhashSignature(str(tmp_path / "signatures"), config=config)
    texts = ["Café naïve — Ångström ﬂ ＡＢＣ １２３ e\u0301 résumé, 3.5 % on 12/03/2024!", "", "   \n\n ", "a b c d",
             "İstanbul ǅ ẞ σς ΆΈΉ Ωμέγα; Москва «цитата» 北京市 ２０２４年", "plain ASCII text " * 20,
             "Tiếng Việt có dấu: người, được, những — và một số từ khác nữa ở đây."]  # fmt: skip
    for text in texts:
        assert fast_simplify_text(text, config.norm_config) == simplify_text(text, config.norm_config)
        words = simplify_text(text, config.norm_config).split()
        expected = np.fromiter((step._hash_func(" ".join(g)) for g in ngrams(words, 5)), dtype=np.uint64)
        shingles = step.get_shingles(text)
        assert shingles.dtype == np.uint64 and shingles.shape == (len(expected), 1)
        assert np.array_equal(shingles[:, 0], expected)
