"""Document-level train/validation/test split: deterministic, seedable, stratified by source type, and
cluster-aware (all members of a near-duplicate cluster land in the same split).

Within each source type, the exact split sizes are fixed first (largest-remainder rounding of the ratios), then
clusters are taken in the order of a seeded hash of their id and each goes to the split with the most room left.
The result depends only on the documents' ids, clusters and source types, the ratios and the seed — not on input
order or sharding.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from gonerd.schema import SPLITS

DEFAULT_RATIOS = (0.6, 0.2, 0.2)


@dataclass(frozen=True)
class SplitItem:
    id: str
    source_type: str
    cluster: str


def target_sizes(n: int, ratios: Sequence[float]) -> list[int]:
    total = sum(ratios)
    exact = [n * r / total for r in ratios]
    sizes = [int(x) for x in exact]
    order = sorted(range(len(ratios)), key=lambda i: (-(exact[i] - sizes[i]), i))
    for i in order[: n - sum(sizes)]:
        sizes[i] += 1
    return sizes


def assign_splits(
    items: Sequence[SplitItem], ratios: Sequence[float] = DEFAULT_RATIOS, seed: int = 0
) -> dict[str, str]:
    """Map each item id to one of ``train``/``validation``/``test``."""
    if len(ratios) != len(SPLITS) or any(r < 0 for r in ratios) or sum(ratios) <= 0:
        raise ValueError(f"split ratios must be {len(SPLITS)} non-negative numbers, not {list(ratios)}")
    clusters: dict[str, list[SplitItem]] = defaultdict(list)
    for item in items:
        clusters[item.cluster].append(item)
    strata: dict[str, list[str]] = defaultdict(list)
    for cluster, members in clusters.items():
        # a cluster's stratum: its most common source type (ties: alphabetical)
        counts: dict[str, int] = defaultdict(int)
        for m in members:
            counts[m.source_type] += 1
        stratum = min(counts, key=lambda s: (-counts[s], s))
        strata[stratum].append(cluster)

    def rank(cluster: str) -> str:
        return hashlib.sha256(f"{seed}\x00{cluster}".encode()).hexdigest()

    assignment: dict[str, str] = {}
    for stratum in sorted(strata):
        chosen = sorted(strata[stratum], key=rank)
        n = sum(len(clusters[c]) for c in chosen)
        room = target_sizes(n, ratios)
        for cluster in chosen:
            best = max(range(len(SPLITS)), key=lambda i: (room[i], -i))
            room[best] -= len(clusters[cluster])
            for member in clusters[cluster]:
                assignment[member.id] = SPLITS[best]
    return assignment
