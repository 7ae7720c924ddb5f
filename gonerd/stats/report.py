"""The Markdown report of `gonerd stats` (``stats.md``), from the JSON figures alone."""

from __future__ import annotations

from collections.abc import Iterable


def _num(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 100 else f"{value:.2f}"
    return str(value)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f} %"


def table(header: list[str], rows: Iterable[list], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(header) - 1)
    rule = "|" + "|".join("---" if a == "l" else "---:" for a in align) + "|"
    lines = ["| " + " | ".join(header) + " |", rule]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def summary_rows(datasets: list[dict], thresholds: list[int], unit: str = "subword tokens") -> list[list[str]]:
    """Metric rows, one column per dataset, over all splits (``unit``: what the length figures count)."""
    def get(ds, *path):
        node = ds["all_splits"]["all"]
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        return node

    rows = [
        ["documents", *(_num(get(d, "documents")) for d in datasets)],
        ["tokens", *(_num(get(d, "tokens", "total")) for d in datasets)],
        ["tokens per document: mean", *(_num(get(d, "tokens", "mean")) for d in datasets)],
        ["tokens per document: median", *(_num(get(d, "tokens", "median")) for d in datasets)],
        ["tokens per document: p95", *(_num(get(d, "tokens", "p95")) for d in datasets)],
        ["tokens per document: max", *(_num(get(d, "tokens", "max")) for d in datasets)],
    ]
    if any(get(d, "length") for d in datasets):
        rows += [
            [f"{unit} per document: median", *(_num(get(d, "length", "median")) for d in datasets)],
            [f"{unit} per document: p95", *(_num(get(d, "length", "p95")) for d in datasets)],
            [f"{unit} per document: max", *(_num(get(d, "length", "max")) for d in datasets)],
        ]
    rows += [[f"documents longer than {t:,} {unit}", *(_pct(get(d, "longer_than", str(t))) for d in datasets)]
             for t in thresholds]
    rows += [
        ["entities", *(_num(get(d, "entities", "total")) for d in datasets)],
        ["entities per 1,000 tokens", *(_num(get(d, "density_per_1000_tokens")) for d in datasets)],
        ["mean entity length (tokens)", *(_num(get(d, "mean_entity_length")) for d in datasets)],
        ["distinct surface forms (form, type)", *(_num(get(d, "distinct_surface_forms")) for d in datasets)],
        ["test mentions seen in train", *(_pct(d["overlap_with_train"].get("test", {}).get("share"))
                                          if "test" in d["overlap_with_train"] else "–" for d in datasets)],
    ]
    return rows


def split_rows(ds: dict, thresholds: list[int]) -> list[list[str]]:
    rows = []
    for split, groups in ds["splits"].items():
        for source, block in [("all", groups["all"]), *groups["by_source_type"].items()]:
            length = block["length"] or block["tokens"]
            rows.append([
                split if source == "all" else f"{split} · {source}", _num(block["documents"]),
                _num(block["tokens"]["total"]), _num(block["tokens"]["mean"]), _num(length["median"]),
                _num(length["p95"]), _num(length["max"]),
                *(_pct(block["longer_than"][str(t)]) for t in thresholds),
                _num(block["entities"]["total"]), _num(block["density_per_1000_tokens"]),
                _num(block["mean_entity_length"]), _num(block["distinct_surface_forms"]),
            ])
    return rows


def render_markdown(report: dict, plots: dict[str, str]) -> str:
    unit = report["length_unit"]
    thresholds = report["thresholds"]
    datasets = report["datasets"]
    names = [d["name"] for d in datasets]
    out = ["# Dataset statistics", ""]
    out.append(f"Length unit: **{unit['label']}**" + (f" — {unit['note']}." if unit.get("note") else "."))
    out.append("Subword lengths encode each document's words as the model sees them pre-tokenized, without special "
               "tokens. Entities are read from the IOB2 tags; a surface form is the entity's tokens joined by "
               "spaces. p95 is NumPy's linear-interpolation percentile.")
    short = f"{unit['unit']} tokens"
    out += ["", "## Side by side (all splits)", "", table(["", *names], summary_rows(datasets, thresholds, short)), ""]
    for ds in datasets:
        types = ds["entity_types"]
        out += [f"## {ds['name']}", ""]
        header = ["split", "documents", "tokens", "mean", "median*", "p95*", "max*",
                  *(f"> {t:,}*" for t in thresholds), "entities", "per 1k tokens", "mean length", "distinct forms"]
        out += [table(header, split_rows(ds, thresholds)), "",
                f"\\* in {unit['label']}; *mean length* is the mean entity length in tokens.", ""]
        out += ["### Entities per type", ""]
        rows = [[split, *(_num(g["all"]["entities"]["per_type"][t]) for t in types),
                 *(_num(g["all"]["density_per_type"][t]) for t in types),
                 *(_num(g["all"]["distinct_surface_forms_per_type"][t]) for t in types)]
                for split, g in ds["splits"].items()]
        out += [table(["split", *types, *(f"{t} per 1k" for t in types), *(f"{t} distinct" for t in types)],
                      rows), ""]
        if ds["overlap_with_train"]:
            out += ["### Train → evaluation entity overlap (memorisation risk)", ""]
            rows = [[split, _num(o["mentions"]), _num(o["seen_in_train"]), _pct(o["share"]),
                     _pct(o["distinct_share"]), *(_pct(o["per_type"][t]["share"]) for t in types)]
                    for split, o in ds["overlap_with_train"].items()]
            out += [table(["split", "mentions", "seen in train", "share", "distinct forms seen",
                           *(f"{t}" for t in types)], rows), ""]
        out += ["### Label distribution (tokens)", ""]
        tags = list(next(iter(ds["splits"].values()))["all"]["labels"])
        rows = [[split, *(_num(g["all"]["labels"][t]) for t in tags)] for split, g in ds["splits"].items()]
        out += [table(["split", *tags], rows), ""]
        out += ["### Annotation provenance", ""]
        kinds = sorted({k for p in ds["provenance"].values() for k in p})
        rows = [[split, *(_num(p.get(k, 0)) for k in kinds)] for split, p in ds["provenance"].items()]
        out += [table(["split", *kinds], rows), ""]
        if ds.get("agreement"):
            out += ["Inter-annotator agreement (from `agreement.json`):", "",
                    table(["figure", "value"], [[k, _num(v)] for k, v in flatten(ds["agreement"])]), ""]
        if ds.get("pii"):
            out += ["### Personal information found", ""]
            rows = [[split, _num(c["email"]), _num(c["phone"]), _num(c["ip"]), _num(c["documents_with_any"])]
                    for split, c in ds["pii"].items()]
            out += [table(["split", "e-mail addresses", "phone numbers", "public IPv4 addresses",
                           "documents with any"], rows), "",
                    "Found with: " + "; ".join(f"{k}: {v}" for k, v in report["pii_libraries"].items()) + ".", ""]
        bad = {s: n for s, n in ds["entities_starting_with_I"].items() if n}
        if bad:
            out += [f"Note: entities starting with an `I-` tag (not valid IOB2), counted as entities: {bad}.", ""]
        for note in ds.get("notes", []):
            out += [f"Note: {note}", ""]
    if plots:
        out += ["## Plots", ""]
        out += [f"![{title}]({file})" for title, file in plots.items()]
        out.append("")
    return "\n".join(out)


def flatten(node, prefix: str = "") -> list[tuple[str, object]]:
    """Numeric and string leaves of a nested JSON object as (dotted path, value)."""
    items: list[tuple[str, object]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            items += flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(node, (int, float, str)) and not isinstance(node, bool):
        items.append((prefix, node))
    return items
