"""The three PNG plots of `gonerd stats` (matplotlib, Agg backend: no display needed).

- ``length_histogram.png``: share of documents per length bin (log-spaced bins) for every dataset, with markers
  at 512 and 4,096 tokens of the length unit;
- ``entities_per_type.png``: one panel per dataset, one bar per entity type and split;
- ``entity_density.png``: entities per 1,000 tokens, one bar per dataset and source type.

Each PNG carries a ``Description`` text chunk (JSON: title, axis labels, bars) so a test or a person can check
what it shows without reading pixels.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from gonerd.stats.figures import SplitArrays

MARKERS = (512, 4096)


def _figure(width: float = 8.0, height: float = 4.5) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def save(fig: Figure, path: Path, description: dict) -> Path:
    """Write ``fig`` as a PNG with ``description`` (JSON) in its text chunk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png", metadata={"Title": description.get("title", ""),
                                             "Description": json.dumps(description, ensure_ascii=False),
                                             "Software": "gonerd stats"})
    return path


def length_histogram(lengths: dict[str, SplitArrays | object], unit_label: str) -> tuple[Figure, dict]:
    """``lengths``: dataset name -> per-document lengths (NumPy array) in the length unit."""
    import numpy as np

    fig = _figure()
    ax = fig.add_subplot()
    longest = max((int(v.max()) for v in lengths.values() if len(v)), default=1)
    shortest = min((int(v.min()) for v in lengths.values() if len(v)), default=1)
    low = np.log10(max(1, min(shortest, 512)) / 1.2)
    edges = np.unique(np.round(np.logspace(low, np.log10(max(longest, 4096) * 1.2), 40)).astype(int))
    series = {}
    for name, values in lengths.items():
        if not len(values):
            continue
        counts, _ = np.histogram(values, bins=edges)
        ax.stairs(counts / len(values), edges, label=f"{name} ({len(values):,} docs)", linewidth=1.6)
        series[name] = {"documents": len(values)}
    for marker in MARKERS:
        ax.axvline(marker, color="0.3", linestyle="--", linewidth=1)
        ax.text(marker, ax.get_ylim()[1] * 0.97, f" {marker:,}", va="top", ha="left", fontsize=8, color="0.2")
    ax.set_xscale("log")
    title = "Document length"
    ax.set_title(title)
    ax.set_xlabel(f"document length ({unit_label}, log scale)")
    ax.set_ylabel("share of documents")
    ax.legend(fontsize=8)
    return fig, {"title": title, "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(), "series": series,
                 "markers": list(MARKERS)}


def entities_per_type(stats: list[dict]) -> tuple[Figure, dict]:
    """One panel per dataset: grouped bars, one per entity type and split (height: number of entities)."""
    import numpy as np

    fig = _figure(width=max(6.0, 4.5 * len(stats)), height=4.5)
    axes = fig.subplots(1, len(stats), squeeze=False)[0]
    bars = []
    for ax, ds in zip(axes, stats):
        types = ds["entity_types"]
        splits = list(ds["splits"])
        width = 0.8 / max(1, len(splits))
        x = np.arange(len(types))
        for k, split in enumerate(splits):
            heights = [ds["splits"][split]["all"]["entities"]["per_type"][t] for t in types]
            ax.bar(x + (k - (len(splits) - 1) / 2) * width, heights, width, label=split)
            bars += [{"dataset": ds["name"], "split": split, "type": t, "entities": h} for t, h in zip(types, heights)]
        ax.set_xticks(x, types)
        ax.set_title(ds["name"], fontsize=10)
        ax.set_xlabel("entity type")
        ax.set_ylabel("entities")
        ax.legend(fontsize=8)
    title = "Entities per type and split"
    fig.suptitle(title)
    return fig, {"title": title, "xlabel": "entity type", "ylabel": "entities", "bars": bars}


def entity_density(stats: list[dict]) -> tuple[Figure, dict]:
    """Entities per 1,000 tokens, one bar per (dataset, source type); all splits together."""
    from gonerd.stats.figures import NO_SOURCE_TYPE

    fig = _figure()
    ax = fig.add_subplot()
    labels, heights, bars = [], [], []
    for ds in stats:
        groups = ds["all_splits"]["by_source_type"] or {NO_SOURCE_TYPE: ds["all_splits"]["all"]}
        for source, block in groups.items():
            labels.append(f"{ds['name']}\n{source}")
            heights.append(block["density_per_1000_tokens"])
            bars.append({"dataset": ds["name"], "source_type": source, "density": block["density_per_1000_tokens"]})
    colours = [f"C{i}" for i, ds in enumerate(stats) for _ in (ds["all_splits"]["by_source_type"] or [None])]
    ax.bar(range(len(heights)), heights, color=colours)
    ax.set_xticks(range(len(labels)), labels, fontsize=8)
    title = "Entity density by source type"
    ax.set_title(title)
    ax.set_xlabel("dataset and source type")
    ax.set_ylabel("entities per 1,000 tokens")
    return fig, {"title": title, "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(), "bars": bars}
